"""The language checks over the content: the glossary's avoided variants (model/glossary.py)
and spelling with Debian's dictionaries and the project's word lists (exchange_guide/spelling.py),
over the YAML and over the built pages' main text. They need the dictionaries (make system-deps)
and never skip: a machine without them fails here, naming the dictionary (MissingDictionaries).

The shipped content must pass the checks; how a mistake is reported is shown on copies of the test
fixture content (tests/fixtures/README.md)."""

import re
from pathlib import Path

import pytest
from content_edits import FIXTURE, edit, fixture_content, line_of
from page_text import LANGS, main_text, pages

from exchange_guide.checks.spelling import check_spelling, dictionaries, unknown_to_dictionary, word_list
from exchange_guide.checks.terms import check_terms
from exchange_guide.checks.texts import reader_words as plain
from exchange_guide.checks.texts import words
from exchange_guide.cli.main import main as cli
from exchange_guide.model.content import read_languages

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
DICTIONARIES = dictionaries(CONTENT)


def test_no_text_uses_a_variant_the_glossary_says_to_avoid():
    assert [e.describe() for e in check_terms(CONTENT)] == []


def test_the_fixture_passes_the_checks():
    """So that each test below sees only the mistake it makes."""
    assert check_terms(FIXTURE) == [] and check_spelling(FIXTURE) == []


def test_an_avoided_variant_is_reported_with_file_line_and_field_in_its_language_only(fixture_copy):
    path = fixture_copy / "ui.yml"
    edit(path, "sv: Hemland,", "sv: Hemförvaltningen,")
    edit(path, "en: Home country}", "en: 'Hemförvaltning, home administration'}")
    errors = [e.describe() for e in check_terms(fixture_copy)]
    line = line_of(path, "sv: Hemförvaltningen,")
    assert any(
        e.startswith(f"content/ui.yml:{line}: field 'strings.country.sv'") and "'hemland'" in e for e in errors
    ), errors
    # Swedish words in an English text are not Swedish text; the English variant is caught.
    assert [e for e in errors if "country.en" in e] == [
        e for e in errors if "country.en" in e and "home administration" in e
    ]
    assert len([e for e in errors if "country.en" in e]) == 1


def test_a_variant_inside_a_word_is_not_a_variant(fixture_copy):
    path = fixture_copy / "ui.yml"
    edit(path, "en: Home country}", "en: Our nonhome administration list}")
    assert check_terms(fixture_copy) == []


def test_every_text_is_spelled_as_the_dictionaries_and_word_lists_know():
    assert [e.describe() for e in check_spelling(CONTENT)] == []


def test_a_misspelling_is_reported_with_file_line_and_field(fixture_copy):
    path = fixture_copy / "ui.yml"
    edit(path, "sv: Skriv ut,", "sv: Skrivv utt,")
    edit(path, "fi: Tulosta,", "fi: Tulostta,")
    errors = [e.describe() for e in check_spelling(fixture_copy)]
    line = line_of(path, "sv: Skrivv utt,")
    assert f"content/ui.yml:{line}: field 'strings.print.sv': unknown word 'Skrivv' (sv)" in "\n".join(errors)
    assert any("strings.print.fi" in e and "'Tulostta' (fi)" in e for e in errors)  # Voikko


def test_a_word_list_entry_is_a_known_word_in_its_language_only(fixture_copy):
    edit(fixture_copy / "ui.yml", "sv: Skriv ut,", "sv: Skriv Zqxorb,")
    edit(fixture_copy / "ui.yml", "en: Print}", "en: Print Zqxorb}")
    (fixture_copy / "spelling" / "sv" / "test.txt").write_text("# a comment\nzqxorb  # test word\n", encoding="utf-8")
    errors = [e.describe() for e in check_spelling(fixture_copy)]
    assert [e for e in errors if "zqxorb" in e.casefold()] == [e for e in errors if "print.en" in e] != []
    assert "zqxorb" in word_list(fixture_copy, "sv")


def test_markdown_placeholders_and_marked_passages_are_not_words():
    text = plain(
        'Se [UHR:s sida](https://www.uhr.se/a) och *Så ansöker du*{: lang="sv" }, {rule:x.y|dat} `kod` 5-dagars'
    )
    assert words(text) == ["Se", "UHR", "sida", "och"]  # "UHR:s": the ending goes with the word


def test_check_command_fails_on_an_unknown_word(fixture_copy, capsys):
    assert cli(["check", "--content", str(fixture_copy)]) == 0
    assert "spelling checked in 6 of 6 languages" in capsys.readouterr().out
    edit(fixture_copy / "ui.yml", "sv: Skriv ut,", "sv: Skrivv ut,")
    assert cli(["check", "--content", str(fixture_copy)]) == 2
    assert "strings.print.sv': unknown word 'Skrivv'" in capsys.readouterr().err


def _page_words(built_site):
    found = {}
    for lang, path, html in pages(built_site):
        for run_lang, text in main_text(html, lang):
            for word in words(plain(text)):
                found.setdefault(run_lang, {}).setdefault(word, path)
    return found


def test_the_built_pages_main_text_is_spelled_right(built_site):
    """What the reader sees (rule values, names and dates filled in), in each language's own
    runs of text, with the word lists."""
    unknown = {}
    for lang, found in _page_words(built_site).items():
        if lang not in LANGS:
            continue  # a Faroese or Greenlandic name, marked as such: no dictionary here
        listed = word_list(CONTENT, lang)
        bad = unknown_to_dictionary(DICTIONARIES[lang], {w for w in found if w.casefold() not in listed})
        if bad:
            unknown[lang] = sorted(f"{w} ({found[w]})" for w in bad)
    assert unknown == {}


def test_no_words_of_another_language_go_unmarked(built_site):
    """WCAG 3.1.2: in each page's own-language text (outside elements marked with another
    `lang`), no word that the page language's dictionary and word lists do not know but another
    language's dictionary does: such a word is text in another language without its `lang`."""
    found = _page_words(built_site)
    unmarked = {}
    for lang in LANGS:
        listed = word_list(CONTENT, lang)
        strangers = unknown_to_dictionary(
            DICTIONARIES[lang], {w for w in found.get(lang, {}) if w.casefold() not in listed}
        )
        for other in LANGS:
            if other != lang and strangers:
                known_there = strangers - unknown_to_dictionary(DICTIONARIES[other], strangers)
                for word in known_there:
                    unmarked.setdefault(lang, []).append(f"{word} ({other}?, {found[lang][word]})")
    assert unmarked == {}


def test_source_titles_and_names_in_another_language_are_marked(fixture_site):
    """A Swedish source on the English pages is marked with its language, in citations, the
    sources page and the calculator's rule tables; on the Swedish pages it is not."""
    source = fixture_content().source("uhr-norut-2023")
    assert source["language"] == "sv"
    marked = f'<span lang="sv">{source["publisher"]}: '
    en_steps = (fixture_site / "en" / "steps" / "index.html").read_text(encoding="utf-8")
    en_sources = (fixture_site / "en" / "sources" / "index.html").read_text(encoding="utf-8")
    en_calculator = (fixture_site / "en" / "calculator" / "index.html").read_text(encoding="utf-8")
    sv_steps = (fixture_site / "steps" / "index.html").read_text(encoding="utf-8")
    assert marked in en_steps
    assert 'id="uhr-norut-2023" lang="sv"' in en_sources or 'lang="sv" id="uhr-norut-2023"' in en_sources
    assert marked not in sv_steps and f"{source['publisher']}: " in sv_steps  # the page's own language: no mark
    assert f'lang="sv">{source["publisher"]}: ' in en_calculator  # the rule tables


def test_the_guides_own_source_is_named_in_the_pages_language():
    """Our own sources (the directory, the indicative rates) say their title per language, so no
    English of ours appears on every page."""
    from exchange_guide.render.localise import Localiser

    content = fixture_content()
    source = content.source("guide-indicative-rates")
    name, lang = Localiser(content, "sv").source_parts(source)
    assert lang == "sv" and name.endswith(source["title"]["sv"])
    name, lang = Localiser(content, "en").source_parts(source)
    assert lang == "en" and name.endswith(source["title"]["en"])
    assert source["title"]["sv"] != source["title"]["en"]


def test_a_broken_glossary_entry_names_file_line_and_field(fixture_copy):
    from exchange_guide.model import ContentError, ContentErrors

    path = fixture_copy / "glossary.yml"
    edit(path, "sv: {use: räknaren, avoid: [kalkylator],", "sv: {avoid: [kalkylator],")
    line = line_of(path, "sv: {avoid: [kalkylator],")
    with pytest.raises((ContentError, ContentErrors)) as caught:
        check_terms(fixture_copy)
    assert f"content/glossary.yml:{line}" in str(caught.value) and "use" in str(caught.value)


def test_every_lang_attribute_is_a_language_tag(built_site):
    tag = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
    for _, path, html in pages(built_site):
        bad = {value for value in re.findall(r'\blang="([^"]*)"', html) if not tag.fullmatch(value)}
        assert not bad, (path, bad)


def test_a_heading_in_another_language_keeps_it_in_the_page_contents(fixture_site):
    """WCAG 3.1.2: the contents lists (at the page's top, and beside it on a wide screen) repeat a
    heading's text, so they mark it with the heading's language as well."""
    seen = 0
    for _, path, html in pages(fixture_site, read_languages(FIXTURE)):
        for anchor, marked in re.findall(r'<h[2-6] id="([^"]+)" lang="([^"]+)"', html):
            links = re.findall(rf'<a href="#{re.escape(anchor)}"([^>]*)>', html)
            assert links and all(f'lang="{marked}"' in attrs for attrs in links), (path, anchor)
            seen += 1
    assert seen, "the fixture's sources page has titles in their own language"
