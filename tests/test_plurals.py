"""Grammatical number and case at build time: CLDR plural rules through Babel, case forms for
Icelandic, and the counted texts' schema (model/plurals.py). The browser's side is in
test_calculator_browser.py (Intl.PluralRules against the same forms).

The texts are the test fixture's (tests/fixtures/README.md), so the expected words below do not
follow the guide's wording."""

import pytest
from content_edits import edit, fixture_content, line_of

from exchange_guide.model import ContentErrors, load_content, plurals
from exchange_guide.render.localise import Localiser

CONTENT = fixture_content()
LANGS = ("sv", "nb", "da", "fi", "is", "en")
COUNTS = (0, 1, 2, 5, 21, 22, 101)
NB = "\u00a0"

# Written out by hand, not derived from Babel: what a native reader expects for each count.
MONTHS = {
    "sv": ["0 månader", "1 månad", "2 månader", "5 månader", "21 månader", "22 månader", "101 månader"],
    "nb": ["0 måneder", "1 måned", "2 måneder", "5 måneder", "21 måneder", "22 måneder", "101 måneder"],
    "da": ["0 måneder", "1 måned", "2 måneder", "5 måneder", "21 måneder", "22 måneder", "101 måneder"],
    "fi": ["0 kuukautta", "1 kuukausi", "2 kuukautta", "5 kuukautta", "21 kuukautta", "22 kuukautta", "101 kuukautta"],
    "is": ["0 mánuðir", "1 mánuður", "2 mánuðir", "5 mánuðir", "21 mánuður", "22 mánuðir", "101 mánuður"],
    "en": ["0 months", "1 month", "2 months", "5 months", "21 months", "22 months", "101 months"],
}
DAYS = {
    "sv": ["0 dagar", "1 dag", "2 dagar", "5 dagar", "21 dagar", "22 dagar", "101 dagar"],
    "nb": ["0 dager", "1 dag", "2 dager", "5 dager", "21 dager", "22 dager", "101 dager"],
    "da": ["0 dage", "1 dag", "2 dage", "5 dage", "21 dage", "22 dage", "101 dage"],
    "fi": ["0 päivää", "1 päivä", "2 päivää", "5 päivää", "21 päivää", "22 päivää", "101 päivää"],
    "is": ["0 dagar", "1 dagur", "2 dagar", "5 dagar", "21 dagur", "22 dagar", "101 dagur"],
    "en": ["0 days", "1 day", "2 days", "5 days", "21 days", "22 days", "101 days"],
}
FAMILY = {
    "sv": ["Resor för 0 familjemedlemmar", "Resor för 1 familjemedlem", "Resor för 2 familjemedlemmar"],
    "nb": ["Reiser for 0 familiemedlemmer", "Reiser for 1 familiemedlem", "Reiser for 2 familiemedlemmer"],
    "da": ["Rejser for 0 familiemedlemmer", "Rejser for 1 familiemedlem", "Rejser for 2 familiemedlemmer"],
    "is": ["Ferðir fyrir 0 fjölskyldumeðlimi", "Ferðir fyrir 1 fjölskyldumeðlim", "Ferðir fyrir 2 fjölskyldumeðlimi"],
    "en": ["Travel for 0 family members", "Travel for 1 family member", "Travel for 2 family members"],
}


@pytest.mark.parametrize("lang", LANGS)
def test_durations_take_the_form_cldr_gives_each_count(lang):
    loc = Localiser(CONTENT, lang)
    assert [loc.duration(n, "months").replace(NB, " ") for n in COUNTS] == MONTHS[lang]
    assert [loc.duration(n, "days").replace(NB, " ") for n in COUNTS] == DAYS[lang]


@pytest.mark.parametrize("lang", LANGS)
def test_every_counted_calculator_line_reads_one_and_other(lang):
    loc = Localiser(CONTENT, lang)
    result = CONTENT.pages["calculator"]["result"]
    for key in ("whole_months", "extra_days", "months_line", "extra_line", "leave_line", "leave_kept", "family_travel"):
        for n in COUNTS:
            text = loc.count(result[key], n)
            assert "{n}" not in text and str(n) in text, (key, n, text)
    if lang in FAMILY:
        assert [loc.count(result["family_travel"], n) for n in (0, 1, 2)] == FAMILY[lang]
    # The singular exactly where CLDR puts it: 21 and 101 are "one" in Icelandic only.
    assert (loc.count(result["whole_months"], 21) == loc.count(result["whole_months"], 1).replace("1", "21", 1)) == (
        lang == "is"
    )


def test_icelandic_case_forms_follow_the_placeholder_option():
    loc = Localiser(CONTENT, "is")
    assert loc.duration(6, "months", "dat") == f"6{NB}mánuðum"
    assert loc.duration(3, "months", "acc") == f"3{NB}mánuði"
    assert loc.duration(21, "months", "dat") == f"21{NB}mánuði"
    assert loc.duration(1, "days", "gen") == f"1{NB}dags"
    # {rule:<set>.<value>|<case>} in a text: the value in that case, nominative without one.
    words = {case: loc.fill(f"{{rule:general-2023.max_duration|{case}}}") for case in plurals.ALL_CASES}
    assert (
        words["nom"] == loc.fill("{rule:general-2023.max_duration}") == loc.rule_value("general-2023", "max_duration")
    )
    assert len(set(words.values())) > 1, words


@pytest.mark.parametrize("lang", ["sv", "en", "fi"])
def test_a_case_option_is_ignored_where_the_language_has_no_cases(lang):
    loc = Localiser(CONTENT, lang)
    for case in ("acc", "dat", "gen"):
        assert loc.duration(6, "months", case) == loc.duration(6, "months")


def test_babel_gives_one_and_other_for_whole_numbers_in_every_language():
    for lang in LANGS:
        assert plurals.categories(lang) == ("one", "other")
    assert [plurals.category("is", n) for n in COUNTS] == ["other", "one", "other", "other", "one", "other", "one"]
    assert [plurals.category("sv", n) for n in COUNTS] == ["other", "one"] + ["other"] * 5


def _errors(content) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        load_content(content)
    return [str(error) for error in caught.value.errors]


def test_a_counted_text_missing_a_category_names_file_line_and_field(fixture_copy):
    path = fixture_copy / "ui.yml"
    edit(path, 'sv: {one: "{n} månad", other: "{n} månader"}', 'sv: {one: "{n} månad"}')
    line = line_of(path, 'sv: {one: "{n} månad"}')
    errors = _errors(fixture_copy)
    assert any(f"ui.yml:{line}" in e and "strings.months.sv" in e and "'other'" in e for e in errors), errors


def test_an_unknown_category_or_case_is_refused(fixture_copy):
    path = fixture_copy / "ui.yml"
    edit(
        path,
        'en: {one: "{n} month", other: "{n} months"}',
        'en: {one: "{n} month", few: "{n} months", other: "{n} months"}',
    )
    edit(path, 'da: {one: "{n} måned", other: "{n} måneder"}', 'da: {one: {nom: "{n} måned"}, other: "{n} måneder"}')
    edit(path, 'gen: "{n} mánaðar"}', 'abl: "{n} mánaðar"}')
    errors = "\n".join(_errors(fixture_copy))
    assert "strings.months.en.few" in errors and "not a plural category" in errors
    assert "strings.months.da.one" in errors and "no case forms" in errors
    assert "strings.months.is.one.abl" in errors and "unknown case" in errors
