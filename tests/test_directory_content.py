"""content/agencies.yml: each kind of mistake gives one clear message naming file, line and field,
and the shipped directory is complete (at least 15 areas, an entry for every state in each).

The mistakes are made in a small directory of the test's own (written into a copy of content/),
so that no test depends on today's agencies, their order or their wording."""

from pathlib import Path

import pytest
from content_edits import edit, errors_of, line_of, shipped_content

from exchange_guide.model import load_content
from exchange_guide.model.agencies import STATES, TEXT_KEYS
from exchange_guide.render.pages import render_page

ROOT = Path(__file__).resolve().parents[1]
LANG = shipped_content().default_language


def test_the_shipped_directory_is_complete():
    data = load_content(ROOT / "content", strict=True).pages["directory"]
    assert len(data["areas"]) >= 15
    covered = {(area, agency["country"]) for agency in data["agencies"] for area in agency["areas"]}
    for area in data["areas"]:
        for code in STATES:
            assert (area["id"], code) in covered or code in area.get("none_yet", []), (area["id"], code)
    holes = sum(code in area.get("none_yet", []) for area in data["areas"] for code in STATES)
    assert holes <= 2, "most areas should name an agency in every state"
    assert all(agency["url"].startswith("https://") for agency in data["agencies"])


def _fixture() -> str:
    """A whole agencies.yml of three areas and one agency per state and area, in the default
    language only (other languages fall back), citing the first source of the shipped content."""
    lang = LANG
    source = shipped_content().sources["sources"][0]["id"]

    def text(words: str) -> str:
        return f"{{{lang}: {words}}}"

    lines = ["page:", f"  title: {text('Directory')}", f"  description: {text('Agencies.')}"]
    lines += [f"  intro: {text('Agencies by area.')}", "texts:"]
    lines += [f"  {key}: {text(key)}" for key in TEXT_KEYS]
    lines += ["handled_by:", f"  DK: {text('Danish state')}", f"  FI: {text('Finnish state')}"]
    lines += [f"sources: [{source}]", "", "areas:"]
    lines += [
        "  - id: tax",
        f"    name: {text('Tax')}",
        f"    description: {text('Taxes.')}",
        "    handled_by: {AX: FI}",
    ]
    lines += ["  - id: police", f"    name: {text('Police')}", f"    description: {text('Police.')}"]
    lines += ["    handled_by: {FO: DK, GL: DK}"]
    lines += ["  - id: environment", f"    name: {text('Environment')}", f"    description: {text('Nature.')}"]
    lines += ["    none_yet: [IS]", "", "agencies:"]
    for area in ("tax", "police", "environment"):
        for code in STATES:
            if (area, code) == ("environment", "IS"):
                continue
            quoted = f'"{code}"' if code == "NO" else code
            lines += [f"  - id: {area}-{code.lower()}", f"    country: {quoted}", f"    name: {area.title()} {code}"]
            lines += [f"    name_en: {area.title()} agency {code}", f"    url: https://{area}.example.{code.lower()}"]
            lines += [f"    areas: [{area}]"]
    return "\n".join(lines) + "\n"


@pytest.fixture
def directory(content_copy) -> Path:
    path = content_copy / "agencies.yml"
    path.write_text(_fixture(), encoding="utf-8")
    load_content(content_copy)  # the fixture itself is valid
    return path


def _first_agency(text: str) -> str:
    start = text.index("  - id: tax-dk\n")
    return text[start : text.index("  - id:", start + 1)]


# Each case: (old text, new text, the text marking the line, expected field, words of the message)
MISTAKES = {
    "unknown field": (
        "    areas: [tax]\n",
        "    areas: [tax]\n    colour: blue\n",
        "colour: blue",
        "agencies[0].colour",
        "unknown field",
    ),
    "duplicate agency id": (
        "  - id: tax-fi\n",
        "  - id: tax-dk\n",
        "  - id: tax-dk\n    country: FI",
        "agencies[1].id",
        "duplicate id 'tax-dk'",
    ),
    "unknown country": (
        "    country: DK\n",
        "    country: XX\n",
        "country: XX",
        "agencies[0].country",
        "unknown country code 'XX'",
    ),
    "bare NO read as false": (
        '    country: "NO"\n',
        "    country: NO\n",
        "    country: NO\n",
        ".country",
        "put the code in quotes",
    ),
    "address without https": (
        "url: https://tax.example.dk",
        "url: http://tax.example.dk",
        "url: http://",
        "agencies[0].url",
        "https:// address",
    ),
    "checked is not a date": (
        "    areas: [tax]\n",
        "    areas: [tax]\n    checked: last week\n",
        "checked: last week",
        "agencies[0].checked",
        "expected a date",
    ),
    "English name that repeats the name": (
        "    name_en: Tax agency DK\n",
        "    name_en: Tax DK\n",
        "name_en: Tax DK",
        "agencies[0].name_en",
        "only repeats name",
    ),
    "unknown area": (
        "    areas: [tax]\n",
        "    areas: [taxes]\n",
        "areas: [taxes]",
        "agencies[0].areas[0]",
        "unknown area 'taxes'",
    ),
    "area listed twice": (
        "    areas: [tax]\n",
        "    areas: [tax, tax]\n",
        "areas: [tax, tax]",
        "agencies[0].areas[1]",
        "listed twice",
    ),
    "area without any agency": (
        "\nagencies:\n",
        f"  - id: space\n    name: {{{LANG}: Space}}\n    description: {{{LANG}: Space.}}\n"
        '    none_yet: [DK, FI, IS, "NO", SE]\n\nagencies:\n',
        "  - id: space",
        "areas[3].id",
        "no agency covers area 'space'",
    ),
    "area says nothing for a state": (
        "    none_yet: [IS]\n",
        "",
        "  - id: environment",
        "areas[2]",
        "says nothing for IS",
    ),
    "none_yet although an agency covers it": (
        "    none_yet: [IS]\n",
        "    none_yet: [IS, SE]\n",
        "none_yet: [IS, SE]",
        "areas[2].none_yet[1]",
        "environment-se covers this area",
    ),
    "handled_by an unknown state": ("{AX: FI}", "{AX: SE}", "{AX: SE}", "areas[0].handled_by.AX", "unknown state 'SE'"),
    "handled_by for a state": (
        "{FO: DK, GL: DK}",
        "{FO: DK, GL: DK, IS: DK}",
        "IS: DK}",
        "areas[1].handled_by.IS",
        "unknown self-governing administration 'IS'",
    ),
    "handled_by although the area has an agency there": (
        "    areas: [tax]\n",
        "    areas: [tax]\n  - id: tax-ax\n    country: AX\n    name: Tax AX\n"
        "    url: https://tax.example.ax\n    areas: [tax]\n",
        "    handled_by: {AX: FI}",
        "areas[0].handled_by.AX",
        "cannot also be handled by FI",
    ),
    "unknown source": ("sources: [", "sources: [nowhere, ", "sources: [nowhere", "sources", "unknown source 'nowhere'"),
}


@pytest.mark.parametrize("kind", MISTAKES)
def test_each_kind_of_mistake_names_file_line_and_field(kind, directory):
    old, new, marker, field, words = MISTAKES[kind]
    edit(directory, old, new)
    line = line_of(directory, marker)
    found = errors_of(directory.parent)
    errors = [e for e in found if words in e]
    assert errors, f"no error containing {words!r}; got {found}"
    message = errors[0]
    assert message.startswith("content/agencies.yml:"), message
    assert int(message.split(":")[1]) == line, f"{message} (expected line {line})"
    assert field in message.split("field '")[1].split("'")[0], message


def test_an_agency_needs_no_check_date_and_then_says_it_is_not_checked(directory):
    """Issue 20: no date that no check produced. Without `checked:` the entry is valid, and every
    language's page says, where the date would stand, that it is not yet checked."""
    assert "checked:" not in _first_agency(directory.read_text(encoding="utf-8"))
    content = load_content(directory.parent)
    texts = content.pages["directory"]["texts"]
    for lang in content.languages:
        markdown = render_page(content, "directory", lang)
        entry = markdown[markdown.index('id="agency-tax-dk"') :]
        entry = entry[: entry.index("</li>")]
        assert texts["not_checked"][content.default_language] in entry  # (the fixture's one language)
        assert "<time" not in entry


def test_a_recorded_check_date_is_shown_instead(directory):
    edit(directory, "    areas: [tax]\n", "    areas: [tax]\n    checked: 2030-04-05\n")
    content = load_content(directory.parent)
    markdown = render_page(content, "directory", content.default_language)
    entry = markdown[markdown.index('id="agency-tax-dk"') :]
    entry = entry[: entry.index("</li>")]
    assert '<time datetime="2030-04-05">' in entry
    assert content.pages["directory"]["texts"]["not_checked"][content.default_language] not in entry


def test_pages_may_link_to_areas_and_agencies_but_not_to_missing_anchors(directory):
    links = "'See [tax](directory.md#area-tax) and [one](directory.md#agency-tax-dk).'"
    edit(directory, f"  intro: {{{LANG}: Agencies by area.}}", f"  intro: {{{LANG}: {links}}}")
    load_content(directory.parent)  # both anchors exist
    edit(directory, "(directory.md#area-tax)", "(directory.md#area-nowhere)")
    errors = [e for e in errors_of(directory.parent) if "has no id 'area-nowhere'" in e]
    assert errors and errors[0].startswith(f"content/agencies.yml:{line_of(directory, 'area-nowhere')}:")
    assert f"field 'page.intro.{LANG}'" in errors[0]


def test_a_name_in_the_page_language_only_where_one_exists_and_english_only_in_english(directory):
    """Issue 21: the agency's own name everywhere, marked with its language; its name in the page's
    language where it has one (other_names); our English name on the English pages only."""
    content = load_content(directory.parent)
    others = [lang for lang in content.languages if lang not in ("da", "en")][:2]
    names = ", ".join(f"{lang}: Name in {lang}" for lang in others)
    edit(directory, "    name_en: Tax agency DK\n", f"    name_en: Tax agency DK\n    other_names: {{{names}}}\n")
    content = load_content(directory.parent)
    for lang in content.languages:
        markdown = render_page(content, "directory", lang)
        entry = markdown[markdown.index('id="agency-tax-dk"') :]
        entry = entry[entry.index('<p class="eg-dir-name">') : entry.index("</li>")]  # what the reader sees
        assert '<strong lang="da">Tax DK</strong>' in entry, lang
        for other in others:
            assert (f"Name in {other}" in entry) == (other == lang), (lang, other)
        assert ("Tax agency DK" in entry) == (lang == "en"), lang
