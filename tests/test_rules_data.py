"""content/rules.yml: the shipped file, and each kind of mistake reported with file, line and field."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
import yaml

from calculators.codes import REQUIRED_VALUES
from exchange_guide.model import ContentError, ContentErrors, load_rules
from exchange_guide.model.rules import RULES, compile_rules
from exchange_guide.model.schema import Report, validate
from exchange_guide.model.yamlload import load_yaml

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("sv", "nb", "da", "fi", "is", "en")

# A complete general rule set; the tests below add to it or change one thing.
BASE = """\
rule_sets:
  - id: base
    title: {sv: Bas, nb: Basis, da: Basis, fi: Perus, is: Grunnur, en: Base}
    valid_from: 2023-01-01
    values:
      monthly_stipend: {amount: 18000, currency: DKK, source: dfo-norut}
      min_duration: {days: 14, source: uhr-norut-2023}
      max_duration: {months: 6, source: uhr-norut-2023}
      hosts: {codes: [DK, FI, IS, "NO", SE, FO, GL, AX], source: se-programmes-2023}
      same_calendar_year: {required: false, source: uhr-norut-2023}
      round_trips: {count: 1, source: uhr-norut-2023}
      leave_reduces_stipend: {applies: true, source: uhr-faq}
      partial_month: {days_per_month: 30, source: guide-own-rule}
      rounding: {quantum: "1", mode: half_up, source: guide-own-rule}
"""


def rule_set(text: str) -> str:
    """Another rule set, written without the list's indentation."""
    return textwrap.indent(textwrap.dedent(text).strip("\n"), "  ") + "\n"


def load(tmp_path: Path, text: str) -> tuple[dict | None, Report]:
    path = tmp_path / "rules.yml"
    path.write_text(text, encoding="utf-8")
    report = Report("content/rules.yml", LANGUAGES, "sv", load_yaml(path, "content/rules.yml"))
    return validate(RULES, report), report


def errors_of(tmp_path: Path, text: str) -> list[tuple[int, str, str]]:
    loaded, report = load(tmp_path, text)
    assert loaded is None, "a file with mistakes must not load"
    assert report.errors
    for error in report.errors:
        assert error.path == "content/rules.yml"
        assert error.describe().startswith(f"content/rules.yml:{error.line}:")
    return [(e.line, e.field, e.message) for e in report.errors]


def line_of(text: str, needle: str, after: str = "") -> int:
    """The 1-based line of the first `needle` after the first `after`."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i, line in enumerate(lines) if i >= start and needle in line) + 1


# --- The shipped file ---------------------------------------------------------------------------
def test_shipped_rules_load_compile_and_cite_known_sources():
    rules = load_rules(ROOT / "content")
    ids = [rs["id"] for rs in rules["rule_sets"]]
    assert {
        "general-2023",
        "dk-2023",
        "gl-2023",
        "dk-2007",
        "general-2016",
        "general-2018",
        "general-2021",
        "no-2016",
    } <= set(ids)
    assert json.loads(json.dumps(rules)) == rules
    sources = yaml.safe_load((ROOT / "content" / "sources.yml").read_text(encoding="utf-8"))
    known = {s["id"] for s in sources["sources"]}
    for rs in rules["rule_sets"]:
        assert set(REQUIRED_VALUES) <= set(rs["values"]), rs["id"]
        for name, value in rs["values"].items():
            assert value["source"] in known, (rs["id"], name)
            if value["uncertain"]:
                assert set(value["note"]) == set(LANGUAGES), (
                    f"{rs['id']}.{name}: uncertain needs a note in all languages"
                )


def test_shipped_values():
    rules = {rs["id"]: rs for rs in load_rules(ROOT / "content")["rule_sets"]}
    general = rules["general-2023"]
    assert general["values"]["monthly_stipend"]["amount"] == "18000"
    assert general["home"] is None and general["valid_from"] == "2023-01-01" and general["valid_to"] is None
    assert rules["dk-2023"]["values"]["same_calendar_year"]["required"] is True
    # Danish staff get the dated sources' amount, with the Danish page's own amount in the note.
    dk_amount = rules["dk-2023"]["values"]["monthly_stipend"]
    assert dk_amount["amount"] == general["values"]["monthly_stipend"]["amount"] and dk_amount["uncertain"] is True
    assert "{rule:general-2021.monthly_stipend}" in dk_amount["note"]["sv"]
    assert rules["dk-2023"]["values"]["rounding"] == general["values"]["rounding"]  # from extends
    assert rules["gl-2023"]["values"]["max_duration"]["months"] == 3
    assert rules["dk-2007"]["values"]["home_trip"]["from_months"] == 6
    assert rules["dk-2007"]["values"]["report_deadline"] == {
        "months": 3,
        "source": "dk-circular-2007",
        "uncertain": False,
    }
    assert "home_trip" not in general["values"]
    amounts = {
        rs_id: rules[rs_id]["values"]["monthly_stipend"]["amount"]
        for rs_id in ("general-2016", "general-2018", "general-2021", "dk-2007")
    }
    assert amounts == {"general-2016": "11000", "general-2018": "13000", "general-2021": "14000", "dk-2007": "8000"}
    assert rules["general-2021"]["values"]["monthly_stipend"]["uncertain"] is True
    # Earlier periods: values no source of the period states are marked uncertain.
    for name in ("min_duration", "max_duration", "round_trips", "leave_reduces_stipend"):
        assert rules["general-2016"]["values"][name]["uncertain"] is True, name
    assert rules["no-2016"]["home"] == ["NO"]
    assert (rules["no-2016"]["valid_from"], rules["no-2016"]["valid_to"]) == ("2016-01-01", "2017-12-31")
    # No source from 2017: the 2016 amount in 2017 is an assumption.
    assert rules["general-2016"]["values"]["monthly_stipend"]["uncertain"] is True
    # The 2007 home trip "from 6 months" is one reading of the circular.
    assert rules["dk-2007"]["values"]["home_trip"]["uncertain"] is True
    # Greenland's limits are read as the rule for staff employed there, and say so.
    for name in ("min_duration", "max_duration"):
        assert rules["gl-2023"]["values"][name]["uncertain"] is True and rules["gl-2023"]["home"] == ["GL"]


def test_calendar_year_is_not_stated_for_general_rules():
    """No general source mentions calendar years: not checked, marked uncertain, the guide's own rule."""
    rules = {rs["id"]: rs for rs in load_rules(ROOT / "content")["rule_sets"]}
    for rs_id in ("general-2023", "general-2016", "general-2018", "general-2021"):
        value = rules[rs_id]["values"]["same_calendar_year"]
        assert (value["required"], value["uncertain"], value["source"]) == (False, True, "guide-own-rule"), rs_id
        assert set(value["note"]) == set(LANGUAGES)
    for rs_id in ("dk-2023", "dk-2007", "no-2016"):
        assert rules[rs_id]["values"]["same_calendar_year"]["required"] is True, rs_id


def test_only_swedish_staff_have_days_off_deducted():
    """Only the Swedish administrator states the leave rule; every other home keeps the stipend."""
    rules = load_rules(ROOT / "content")
    deducting = {rs["id"] for rs in rules["rule_sets"] if rs["values"]["leave_reduces_stipend"]["applies"]}
    assert deducting == {"se-2023"}
    by_id = {rs["id"]: rs for rs in rules["rule_sets"]}
    assert by_id["se-2023"]["home"] == ["SE"]
    # Everything but the leave rule and the report deadline is the general rule set's (se-2023 extends general-2023).
    same = {
        k: v
        for k, v in by_id["se-2023"]["values"].items()
        if k not in ("leave_reduces_stipend", "report_deadline", "application_deadline", "decision_time")
    }
    assert same == {
        k: v
        for k, v in by_id["general-2023"]["values"].items()
        if k not in ("leave_reduces_stipend", "report_deadline", "application_deadline", "decision_time")
    }
    for rs in rules["rule_sets"]:
        leave = rs["values"]["leave_reduces_stipend"]
        assert leave["source"] == "uhr-faq" and leave["uncertain"] is True, rs["id"]


# --- A good small file -----------------------------------------------------------------------
def test_small_file_with_extends_compiles_to_plain_data(tmp_path):
    text = BASE + rule_set("""
        - id: for-denmark
          title: {sv: Danmark}
          home: [DK]
          valid_from: 2023-01-01
          valid_to: 2030-12-31
          extends: base
          values:
            same_calendar_year: {required: true, source: medst-norut, uncertain: true, note: {sv: En anteckning.}}
            report_deadline: {weeks: 3, source: dfo-norut}
    """)
    loaded, report = load(tmp_path, text)
    assert report.errors == [] and loaded is not None
    compiled = compile_rules(loaded)
    assert json.loads(json.dumps(compiled)) == compiled
    denmark = compiled["rule_sets"][1]
    assert denmark["valid_to"] == "2030-12-31" and denmark["home"] == ["DK"]
    assert denmark["values"]["monthly_stipend"] == {
        "amount": "18000",
        "currency": "DKK",
        "source": "dfo-norut",
        "uncertain": False,
    }
    assert denmark["values"]["same_calendar_year"]["note"] == {"sv": "En anteckning."}
    assert denmark["values"]["report_deadline"]["weeks"] == 3
    # Missing translations of the title fall back to sv (recorded, not an error).
    assert any(lang == "en" for _, lang in report.missing)
    assert ("source", "medst-norut") in {(kind, ref) for kind, ref, _ in report.refs}


# --- Each kind of mistake ------------------------------------------------------------------------
def test_unknown_extends(tmp_path):
    text = BASE + rule_set("""
        - id: child
          title: {sv: Barn}
          home: [SE]
          valid_from: 2023-01-01
          extends: no-such-set
          values: {}
    """)
    assert errors_of(tmp_path, text) == [
        (
            line_of(text, "extends: no-such-set"),
            "rule_sets[1].extends",
            "unknown rule set 'no-such-set'; extends must name another rule set in this file",
        )
    ]


def test_extends_cycle(tmp_path):
    text = BASE + rule_set("""
        - id: one
          title: {sv: Ett}
          home: [SE]
          valid_from: 2023-01-01
          extends: two
          values: {}
        - id: two
          title: {sv: Två}
          home: [FI]
          valid_from: 2023-01-01
          extends: one
          values: {}
    """)
    found = errors_of(tmp_path, text)
    assert [(line, field) for line, field, _ in found] == [
        (line_of(text, "extends: two"), "rule_sets[1].extends"),
        (line_of(text, "extends: one"), "rule_sets[2].extends"),
    ]
    assert "cycle (one -> two -> one)" in found[0][2]


def test_extends_itself(tmp_path):
    text = BASE + rule_set("""
        - id: selfish
          title: {sv: Själv}
          home: [SE]
          valid_from: 2023-01-01
          extends: selfish
          values: {}
    """)
    assert errors_of(tmp_path, text) == [
        (line_of(text, "extends: selfish"), "rule_sets[1].extends", "a rule set cannot extend itself")
    ]


def test_valid_to_before_valid_from(tmp_path):
    text = BASE.replace("valid_from: 2023-01-01", "valid_from: 2023-01-01\n    valid_to: 2022-12-31")
    assert errors_of(tmp_path, text) == [
        (line_of(text, "valid_to"), "rule_sets[0].valid_to", "valid_to 2022-12-31 is before valid_from 2023-01-01")
    ]


def test_missing_required_value(tmp_path):
    text = "\n".join(line for line in BASE.splitlines() if "round_trips" not in line) + "\n"
    assert errors_of(tmp_path, text) == [
        (
            line_of(text, "values:"),
            "rule_sets[0].values",
            "missing required value 'round_trips' (neither here nor in a rule set it extends)",
        )
    ]


def test_missing_value_is_fine_when_extends_gives_it(tmp_path):
    text = BASE + rule_set("""
        - id: child
          title: {sv: Barn}
          home: [SE]
          valid_from: 2023-01-01
          extends: base
          values:
            max_duration: {months: 3, source: asa-gl}
    """)
    loaded, report = load(tmp_path, text)
    assert report.errors == []
    assert compile_rules(loaded)["rule_sets"][1]["values"]["round_trips"]["count"] == 1


@pytest.mark.parametrize("written", ["{days: 14, weeks: 2, source: uhr-norut-2023}", "{source: uhr-norut-2023}"])
def test_duration_needs_exactly_one_unit(tmp_path, written):
    text = BASE.replace("{days: 14, source: uhr-norut-2023}", written)
    assert errors_of(tmp_path, text) == [
        (line_of(text, "min_duration"), "rule_sets[0].values.min_duration", "give exactly one of days, weeks or months")
    ]


def test_two_general_rule_sets_overlap(tmp_path):
    text = BASE + rule_set("""
        - id: older
          title: {sv: Äldre}
          valid_from: 2016-01-01
          valid_to: 2023-01-01
          extends: base
          values: {}
    """)
    assert errors_of(tmp_path, text) == [
        (
            line_of(text, "valid_from: 2016-01-01"),
            "rule_sets[1].valid_from",
            "validity overlaps rule set 'base' (line 2); two general rule sets may not be valid on the same day",
        )
    ]


def test_two_rule_sets_for_the_same_home_overlap(tmp_path):
    text = BASE + rule_set("""
        - id: dk-a
          title: {sv: A}
          home: [DK, SE]
          valid_from: 2024-01-01
          extends: base
          values: {}
        - id: dk-b
          title: {sv: B}
          home: [DK]
          valid_from: 2020-01-01
          valid_to: 2024-01-01
          extends: base
          values: {}
    """)
    found = errors_of(tmp_path, text)
    assert [(line, field) for line, field, _ in found] == [
        (line_of(text, "valid_from: 2020-01-01"), "rule_sets[2].valid_from")
    ]
    assert "overlaps rule set 'dk-a'" in found[0][2] and "rule sets for DK" in found[0][2]


def test_home_specific_and_general_may_overlap_and_periods_may_touch(tmp_path):
    text = BASE + rule_set("""
        - id: for-denmark
          title: {sv: Danmark}
          home: [DK]
          valid_from: 2023-01-01
          extends: base
          values: {}
        - id: before
          title: {sv: Före}
          valid_from: 2016-01-01
          valid_to: 2022-12-31
          extends: base
          values: {}
    """)
    loaded, report = load(tmp_path, text)
    assert report.errors == [] and loaded is not None


def test_min_duration_longer_than_max(tmp_path):
    text = BASE.replace("{months: 6, source: uhr-norut-2023}", "{days: 10, source: uhr-norut-2023}")
    assert errors_of(tmp_path, text) == [
        (line_of(text, "min_duration"), "rule_sets[0].values.min_duration", "min_duration is longer than max_duration")
    ]


def test_rounding_quantum_must_be_whole_dkk(tmp_path):
    text = BASE.replace('quantum: "1"', 'quantum: "0.5"')
    found = errors_of(tmp_path, text)
    assert [(line, field) for line, field, _ in found] == [
        (line_of(text, "rounding"), "rule_sets[0].values.rounding.quantum")
    ]


@pytest.mark.parametrize(
    "change, needle, field, message_part",
    [
        (
            ("currency: DKK", "currency: SEK"),
            "monthly_stipend",
            "rule_sets[0].values.monthly_stipend.currency",
            "unknown currency 'SEK'",
        ),
        (
            ("amount: 18000", "amount: lots"),
            "monthly_stipend",
            "rule_sets[0].values.monthly_stipend.amount",
            "is not an amount",
        ),
        (('"NO", SE', "NO, SE"), "hosts", "rule_sets[0].values.hosts.codes[3]", 'put the code in quotes, "NO"'),
        (
            ("days_per_month: 30", "days_per_month: 28"),
            "partial_month",
            "rule_sets[0].values.partial_month.days_per_month",
            "out of range",
        ),
        (("id: base", "id: Base_1"), "id: Base_1", "rule_sets[0].id", "an id of lower-case letters"),
        (
            ("valid_from: 2023-01-01", "valid_from: 1 January 2023"),
            "valid_from",
            "rule_sets[0].valid_from",
            "YYYY-MM-DD",
        ),
        (
            ("source: uhr-faq", "source: uhr-faq, sources: [x]"),
            "leave_reduces_stipend",
            "rule_sets[0].values.leave_reduces_stipend.sources",
            "unknown field",
        ),
        (("mode: half_up", "mode: bankers"), "rounding", "rule_sets[0].values.rounding.mode", "unknown rounding mode"),
        (
            ("    values:\n", "    home: [XX]\n    values:\n"),
            "home: [XX]",
            "rule_sets[0].home[0]",
            "unknown country code 'XX'",
        ),
    ],
)
def test_schema_mistakes(tmp_path, change, needle, field, message_part):
    text = BASE.replace(*change)
    assert text != BASE
    found = errors_of(tmp_path, text)
    assert any(
        line == line_of(text, needle) and f == field and message_part in message for line, f, message in found
    ), found


def test_a_broken_rule_set_does_not_cause_follow_up_errors(tmp_path):
    """A mistyped home must not make the rule set look general (and overlap the general one)."""
    text = BASE + rule_set("""
        - id: norway
          title: {sv: Norge}
          home: [NO]
          valid_from: 2023-01-01
          extends: base
          values: {}
    """)
    found = errors_of(tmp_path, text)
    assert [field for _, field, _ in found] == ["rule_sets[1].home[0]"]


def test_duplicate_key_is_reported_with_its_line(tmp_path):
    text = BASE.replace(
        "      round_trips:",
        '      rounding: {quantum: "1", mode: half_up, source: guide-own-rule}\n      round_trips:',
    )
    with pytest.raises(ContentError) as caught:
        load(tmp_path, text)
    second = [number for number, line in enumerate(text.splitlines(), 1) if "rounding:" in line][1]
    assert caught.value.line == second
    assert "appears twice" in caught.value.message


def test_the_schema_is_declarative():
    assert set(RULES.fields) == {"rule_sets"}


def test_load_rules_checks_sources(tmp_path):
    (tmp_path / "rules.yml").write_text(BASE.replace("source: uhr-faq", "source: not-a-source"), encoding="utf-8")
    (tmp_path / "sources.yml").write_text("sources:\n  - id: dfo-norut\n", encoding="utf-8")
    (tmp_path / "site.yml").write_bytes((ROOT / "content" / "site.yml").read_bytes())  # the languages
    with pytest.raises(ContentErrors) as caught:
        load_rules(tmp_path)
    described = [e.describe() for e in caught.value.errors]
    assert any("'not-a-source'" in d and "leave_reduces_stipend.source" in d for d in described), described
