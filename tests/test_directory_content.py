"""content/agencies.yml: each kind of mistake gives one clear message naming file, line and field,
and the shipped directory is complete (at least 15 areas, an entry for every state in each)."""

from pathlib import Path

import pytest
from content_edits import edit, errors_of, line_of

from exchange_guide.model import load_content
from exchange_guide.model.agencies import STATES

ROOT = Path(__file__).resolve().parents[1]


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


# Each case: (old text, new text, the text marking the line, expected field, words of the message)
AGENCY = "  - id: skattestyrelsen\n    country: DK\n"
MISTAKES = {
    "unknown field": (AGENCY, AGENCY + "    colour: blue\n", "colour: blue", "agencies[0].colour", "unknown field"),
    "duplicate agency id": (
        "  - id: toldstyrelsen\n",
        "  - id: skattestyrelsen\n",
        "  - id: skattestyrelsen\n    country: DK\n    name: Toldstyrelsen",
        "agencies[1].id",
        "duplicate id 'skattestyrelsen'",
    ),
    "unknown country": (
        "    country: DK\n    name: Skattestyrelsen",
        "    country: XX\n    name: Skattestyrelsen",
        "country: XX",
        "agencies[0].country",
        "unknown country code 'XX'",
    ),
    "bare NO read as false": (
        '    country: "NO"\n    name: Skatteetaten',
        "    country: NO\n    name: Skatteetaten",
        "    country: NO\n",
        ".country",
        "put the code in quotes",
    ),
    "address without https": (
        "url: https://skat.dk",
        "url: http://skat.dk",
        "url: http://skat.dk",
        "agencies[0].url",
        "https:// address",
    ),
    "missing checked date": (
        "    checked: 2026-11-23\n",
        "",
        "  - id: skattestyrelsen",
        "agencies[0]",
        "missing required field 'checked'",
    ),
    "checked is not a date": (
        "    checked: 2026-11-23\n",
        "    checked: last week\n",
        "checked: last week",
        "agencies[0].checked",
        "expected a date",
    ),
    "unknown area": (
        "url: https://toldst.dk\n    areas: [customs]",
        "url: https://toldst.dk\n    areas: [custom]",
        "areas: [custom]",
        "agencies[1].areas[0]",
        "unknown area 'custom'",
    ),
    "area listed twice": (
        "areas: [employment, social-insurance]",
        "areas: [employment, employment]",
        "areas: [employment, employment]",
        "agencies[3].areas[1]",
        "listed twice",
    ),
    "area without any agency": (
        "\nagencies:\n",
        "\n  - id: space\n    name: {sv: Rymden}\n"
        '    description: {sv: Rymden.}\n    none_yet: [DK, FI, IS, "NO", SE]\n\nagencies:\n',
        "  - id: space",
        "areas[21].id",
        "no agency covers area 'space'",
    ),
    "area says nothing for a state": (
        "    none_yet: [IS]\n",
        "",
        "  - id: environment",
        "areas[12]",
        "says nothing for IS",
    ),
    "none_yet although an agency covers it": (
        "    none_yet: [IS]\n",
        "    none_yet: [IS, SE]\n",
        "none_yet: [IS, SE]",
        "areas[12].none_yet[1]",
        "naturvardsverket covers this area",
    ),
    "handled_by an unknown state": (
        "    handled_by: {AX: FI}\n",
        "    handled_by: {AX: SE}\n",
        "{AX: SE}",
        "areas[0].handled_by.AX",
        "unknown state 'SE'",
    ),
    "handled_by for a state": (
        "    handled_by: {FO: DK, GL: DK}\n",
        "    handled_by: {FO: DK, GL: DK, IS: DK}\n",
        "IS: DK}",
        "areas[6].handled_by.IS",
        "unknown self-governing administration 'IS'",
    ),
    "handled_by although the area has an agency there": (
        "      en: Official statistics on population, the economy and society.\n",
        "      en: Official statistics on population, the economy and society.\n    handled_by: {FO: DK}\n",
        "    handled_by: {FO: DK}\n",
        "areas[2].handled_by.FO",
        "cannot also be handled by DK",
    ),
    "unknown source": (
        "sources: [guide-agency-directory]",
        "sources: [nowhere]",
        "sources: [nowhere]",
        "sources",
        "unknown source 'nowhere'",
    ),
}


@pytest.mark.parametrize("kind", MISTAKES)
def test_each_kind_of_mistake_names_file_line_and_field(kind, content_copy):
    old, new, marker, field, words = MISTAKES[kind]
    path = content_copy / "agencies.yml"
    edit(path, old, new)
    line = line_of(path, marker)
    found = errors_of(content_copy)
    errors = [e for e in found if words in e]
    assert errors, f"no error containing {words!r}; got {found}"
    message = errors[0]
    assert message.startswith("content/agencies.yml:"), message
    assert int(message.split(":")[1]) == line, f"{message} (expected line {line})"
    assert field in message.split("field '")[1].split("'")[0], message


def test_other_pages_may_link_to_areas_and_agencies_but_not_to_missing_anchors(content_copy):
    steps = content_copy / "steps.yml"
    edit(steps, "(directory.md)", "(directory.md#area-tax)")
    edit(steps, "(directory.md)", "(directory.md#agency-skatteverket)")
    load_content(content_copy)  # both anchors exist
    edit(steps, "(directory.md#area-tax)", "(directory.md#area-nowhere)")
    errors = [e for e in errors_of(content_copy) if "has no id 'area-nowhere'" in e]
    assert errors and errors[0].startswith("content/steps.yml:") and "field 'steps[0].body.sv'" in errors[0]
