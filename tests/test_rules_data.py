"""content/rules.yml: the shipped file, and each kind of mistake reported with file, line and field."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
import yaml

from calculators.codes import REQUIRED_VALUES
from exchange_guide.model import ContentError, ContentErrors, load_rules
from exchange_guide.model.pages import own_source
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
    assert ids and len(ids) == len(set(ids))  # which rule sets there are is the editors' matter
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


def _shipped() -> dict[str, dict]:
    return {rs["id"]: rs for rs in load_rules(ROOT / "content")["rule_sets"]}


def _own_sources() -> set[str]:
    """The guide's own sources (the guide is their publisher)."""
    sources = yaml.safe_load((ROOT / "content" / "sources.yml").read_text(encoding="utf-8"))["sources"]
    return {source["id"] for source in sources if own_source(source)}


def test_general_rule_sets_are_for_every_home_and_extends_is_resolved():
    """Invariants of the shipped file, whatever its values: a general rule set has no home, and a
    rule set that extends another carries every value it does not replace."""
    rules = _shipped()
    loaded = yaml.safe_load((ROOT / "content" / "rules.yml").read_text(encoding="utf-8"))["rule_sets"]
    for raw in loaded:
        compiled = rules[raw["id"]]
        assert compiled["home"] == raw.get("home"), raw["id"]
        parent = raw.get("extends")
        if parent:
            for name, value in rules[parent]["values"].items():
                if name not in raw["values"]:
                    assert compiled["values"][name] == value, (raw["id"], name)


def test_our_own_rules_say_so():
    """A value resting on one of the guide's own sources is our own rule: it has a note saying so,
    in every language, or it is marked uncertain (and then the note is required anyway)."""
    own = _own_sources()
    for rule_set in _shipped().values():
        for name, value in rule_set["values"].items():
            if value["source"] in own:
                assert set(value.get("note") or {}) == set(LANGUAGES), (rule_set["id"], name)


def test_only_a_published_source_can_deduct_days_off():
    """Deducting days off is a rule one administration states; the guide never deducts on its own
    reading. Where no published source says so, days off are kept and the value says it is ours."""
    own = _own_sources()
    for rule_set in _shipped().values():
        leave = rule_set["values"]["leave_reduces_stipend"]
        if leave["applies"]:
            assert leave["source"] not in own and rule_set["home"], rule_set["id"]
        elif leave["source"] in own:
            assert leave["uncertain"], rule_set["id"]


def test_unclear_eligibility_is_data_with_its_note():
    """`territories` and `limits_for_stays_in` mark stays unclear: both are uncertain with a note in
    every language; a reading of a rule set's limits belongs to a rule set for one home."""
    found = set()
    for rule_set in _shipped().values():
        for name in ("territories", "limits_for_stays_in"):
            value = rule_set["values"].get(name)
            if value is None:
                continue
            found.add(name)
            assert value["uncertain"] and set(value["note"]) == set(LANGUAGES), (rule_set["id"], name)
        if "limits_for_stays_in" in rule_set["values"]:
            assert rule_set["home"], rule_set["id"]
    assert found == {"territories", "limits_for_stays_in"}, "the shipped rules mark unclear eligibility"


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


@pytest.mark.parametrize(
    "states, field, message_part",
    [
        ("{FO: DK, GL: GL}", "rule_sets[0].values.territories.states.GL", "not GL"),
        ("{FO: DK, GL: FO}", "rule_sets[0].values.territories.states.GL", "not FO"),
        ("{FO: XX}", "rule_sets[0].values.territories.states.FO", "unknown country code 'XX'"),
        ("{}", "rule_sets[0].values.territories.states", "at least one territory"),
    ],
)
def test_territories_mistakes(tmp_path, states, field, message_part):
    """Each territory belongs to a state that is not itself listed as a territory."""
    text = BASE + f"      territories: {{states: {states}, source: guide-own-rule, uncertain: true}}\n"
    found = errors_of(tmp_path, text)
    assert any(f == field and message_part in message for _, f, message in found), found
    assert all(line == line_of(text, "territories") for line, _, _ in found)


def test_limits_for_stays_in_lists_each_place_once(tmp_path):
    text = BASE + "      limits_for_stays_in: {codes: [GL, GL], source: asa-gl}\n"
    found = errors_of(tmp_path, text)
    assert [(line, field) for line, field, _ in found] == [
        (line_of(text, "limits_for_stays_in"), "rule_sets[0].values.limits_for_stays_in.codes")
    ]


def test_territories_and_limits_compile_to_plain_data(tmp_path):
    text = (
        BASE
        + "      territories: {states: {FO: DK, AX: FI}, source: guide-own-rule, uncertain: true}\n"
        + "      limits_for_stays_in: {codes: [GL], source: asa-gl}\n"
    )
    loaded, report = load(tmp_path, text)
    assert report.errors == [] and loaded is not None
    values = compile_rules(loaded)["rule_sets"][0]["values"]
    assert values["territories"]["states"] == {"FO": "DK", "AX": "FI"}
    assert values["limits_for_stays_in"] == {"codes": ["GL"], "source": "asa-gl", "uncertain": False}
