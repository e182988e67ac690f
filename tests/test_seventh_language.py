"""A seventh language, added the way docs/editors.md tells editors to (an entry in site.yml, then
translations as they come), to a copy of the test fixture content (tests/fixtures/README.md):
Norwegian nynorsk, with hunspell's nn_NO. It is built (its own pages, the language switcher, the
notice wherever a text falls back to the default language) and checked (spelling with its own
dictionary, the glossary's terms). A language without a dictionary is reported by
`exchange-guide check` as not spell-checked, by name."""

import re
import shutil
from pathlib import Path

import pytest
from content_edits import FIXTURE, edit, line_of
from page_text import main_text, pages

from exchange_guide.checks.spelling import check_spelling
from exchange_guide.checks.terms import check_terms
from exchange_guide.cli.main import main as cli
from exchange_guide.model import load_content
from exchange_guide.model.schema import Languages

# The fixture's last language entry in site.yml, after which a new one is added.
LAST_LANGUAGE = "    dictionary: hunspell:en_GB\n"


def add_language(content: Path, code: str, name: str, dictionary: str | None) -> None:
    entry = f'  - code: {code}\n    name: {name}\n    thousands_separator: " "\n    decimal_separator: ","\n'
    edit(
        content / "site.yml",
        LAST_LANGUAGE,
        LAST_LANGUAGE + entry + (f"    dictionary: {dictionary}\n" if dictionary else ""),
    )


def add_nynorsk(content: Path) -> None:
    """nn in site.yml, and the first few texts an editor would translate: the notice for a text
    not translated yet, a navigation label, two FAQ questions (one misspelt: "stipendd"; one using
    a variant that the glossary, given an nn term, says to avoid: "reknemaskin")."""
    add_language(content, "nn", "Norsk nynorsk", "hunspell:nn_NO")
    edit(
        content / "ui.yml",
        "    en: This text is not yet available in English, so it is shown in Swedish.\n",
        "    en: This text is not yet available in English, so it is shown in Swedish.\n"
        "    nn: Denne teksten finst ikkje på nynorsk enno, så han blir vist på svensk.\n",
    )
    edit(content / "site.yml", "en: Home}", "en: Home, nn: Framside}")
    edit(
        content / "faq.yml",
        "      en: Who can apply?\n",
        "      en: Who can apply?\n      nn: Kven kan søkje om stipendd?\n",
    )
    edit(
        content / "faq.yml",
        "      en: Where can I go?\n",
        "      en: Where can I go?\n      nn: Kvar kan eg reise? Sjå reknemaskina.\n",
    )
    edit(
        content / "glossary.yml",
        '    en: {use: calculator, avoid: [], note: "As in the menu."}\n',
        '    en: {use: calculator, avoid: [], note: "As in the menu."}\n'
        '    nn: {use: kalkulatoren, avoid: [reknemaskin], note: "Som i menyen."}\n',
    )


@pytest.fixture(scope="module")
def nynorsk(tmp_path_factory) -> Path:
    content = tmp_path_factory.mktemp("nynorsk") / "content"
    shutil.copytree(FIXTURE, content)
    add_nynorsk(content)
    return content


@pytest.fixture(scope="module")
def nynorsk_site(nynorsk, tmp_path_factory, project_root) -> Path:
    from exchange_guide.publish.build import build_site

    out = tmp_path_factory.mktemp("nynorsk-site") / "site"
    build_site(project_root, out_dir=out, content=nynorsk)
    return out


def test_the_language_is_the_seventh_and_its_untranslated_texts_fall_back(nynorsk):
    content = load_content(nynorsk)
    assert content.languages[-1] == "nn" and len(content.languages) == 7
    missing = {(m.path, m.field) for m in content.missing if m.language == "nn"}
    assert ("content/faq.yml", "groups[0].questions[0].question") not in missing  # translated
    assert ("content/faq.yml", "groups[0].questions[0].answer") in missing  # not yet


def test_its_spelling_is_checked_with_its_dictionary(nynorsk):
    errors = [e.describe() for e in check_spelling(nynorsk) if "(nn)" in e.describe()]
    line = line_of(nynorsk / "faq.yml", "nn: Kven kan søkje om stipendd?")
    assert errors == [
        f"content/faq.yml:{line}: field 'groups[0].questions[0].question.nn': unknown word 'stipendd' (nn): "
        "correct it, or add it to content/spelling/nn/<your list>.txt with why"
    ]


def test_its_texts_keep_to_the_glossary(nynorsk):
    errors = [e.describe() for e in check_terms(nynorsk)]
    line = line_of(nynorsk / "faq.yml", "nn: Kvar kan eg reise?")
    assert errors == [
        f"content/faq.yml:{line}: field 'groups[0].questions[1].question.nn': 'reknemaskin': the glossary says "
        "'kalkulatoren' ('reknemaskin' is to be avoided)"
    ]


@pytest.mark.pyodide  # builds the site
def test_it_is_built_with_a_switcher_and_the_notice_where_a_text_falls_back(nynorsk, nynorsk_site):
    content = load_content(nynorsk)
    notice = content.ui["missing_translation"]["nn"]
    faq = (nynorsk_site / "nn" / "faq" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nn"' in faq
    assert "Kven kan søkje om stipendd?" in faq  # translated: shown in nn
    assert f'<p class="eg-fallback-notice" role="note">{notice}</p>' in faq  # the page says it once
    assert f'<p class="eg-fallback-notice">{notice}</p>\n<div lang="sv">' in faq  # and at each text
    languages = Languages(tuple(content.languages), content.default_language)
    built = [(lang, path) for lang, path, _ in pages(nynorsk_site, languages) if lang == "nn"]
    assert len(built) == len([path for lang, path, _ in pages(nynorsk_site, languages) if lang == "sv"])
    for lang, path, html in pages(nynorsk_site, languages):
        assert 'hreflang="nn"' in html, path  # every page's switcher offers it
        if lang == "nn":
            assert notice in html, path
            assert {run_lang for run_lang, _ in main_text(html, lang)} >= {"sv"}, path  # fallback marked
    assert (nynorsk_site / "nn" / "404.html").is_file()
    index = (nynorsk_site / "nn" / "search" / "search_index.json").read_text(encoding="utf-8")
    assert re.search(r'"location": ?"faq/', index)


def test_a_language_without_a_dictionary_is_reported_as_not_spell_checked(fixture_copy, capsys):
    add_language(fixture_copy, "kl", "Kalaallisut", None)
    assert cli(["check", "--content", str(fixture_copy)]) == 0
    out, err = capsys.readouterr()
    assert "spelling not checked for kl: no dictionary for kl" in err
    assert "spelling checked in 6 of 7 languages" in out
