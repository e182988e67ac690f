"""The shared test cases (tests/cases/estimate_cases.yml), run in CPython."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("case_support", Path(__file__).parent / "cases" / "case_support.py")
case_support = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(case_support)

import calculators  # noqa: E402

CASES = case_support.load_cases()


@pytest.fixture(scope="module")
def rules() -> dict:
    return case_support.compiled_rules()


def test_there_are_enough_cases():
    assert len(CASES) >= 30
    rule_sets = {case["expect"].get("rule_set") for case in CASES if "expect" in case}
    assert {
        "general-2023",
        "dk-2023",
        "gl-2023",
        "dk-2007",
        "general-2016",
        "general-2018",
        "general-2021",
        "no-2016",
        "se-2023",
        None,
    } <= rule_sets


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_case(case, rules):
    outcome = case_support.run_case(case, rules)
    assert case_support.mismatches(case, outcome) == []


@pytest.mark.parametrize("case", [c for c in CASES if "expect" in c], ids=[c["id"] for c in CASES if "expect" in c])
def test_result_shape(case, rules):
    """Every result lists every check with code, ok and source; amounts are never floats."""
    result = calculators.estimate(case["request"], rules)
    data = result.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert isinstance(data["max_stipend_dkk"], int) and data["max_stipend_dkk"] >= 0
    assert data["reasons"], "at least one check is always listed"
    for reason in data["reasons"]:
        assert {"code", "ok", "source", "uncertain", "rule"} <= set(reason)
    assert data["eligible"] == all(reason["ok"] for reason in data["reasons"])
    if not data["eligible"]:
        assert data["max_stipend_dkk"] == 0
    if data["rule_set"] is not None:
        assert all(reason["source"] for reason in data["reasons"])
        assert {item["code"] for item in data["basis"]} == {
            "monthly_stipend",
            "partial_month",
            "leave_reduces_stipend",
            "rounding",
        }
    for name in ("travel", "family_travel", "moving", "home_trip"):
        assert isinstance(data[name]["covered"], bool)

    def no_floats(value):
        if isinstance(value, dict):
            return all(no_floats(v) for v in value.values())
        if isinstance(value, list):
            return all(no_floats(v) for v in value)
        return not isinstance(value, float)

    assert no_floats(data)


def test_date_objects_and_decimal_are_accepted(rules):
    import datetime as dt
    from decimal import Decimal

    result = calculators.estimate(
        {
            "home": "SE",
            "host": "NO",
            "start": dt.date(2026, 3, 2),
            "end": dt.date(2026, 5, 1),
            "travel_cost": Decimal("1234.50"),
            "travel_currency": "SEK",
        },
        rules,
    )
    assert result.max_stipend_dkk == 36000
    travel = next(cost for cost in result.costs if cost.code == "travel")
    assert travel["cost"] == {"amount": Decimal("1234.50"), "currency": "SEK"}


def test_invalid_request_carries_every_field(rules):
    with pytest.raises(calculators.InvalidRequest) as caught:
        calculators.estimate({"home": "XX", "host": "", "start": "2026-03-02", "end": "2026-03-01"}, rules)
    error = caught.value
    assert [(e.field, e.code) for e in error.errors] == [
        ("home", "unknown_country"),
        ("host", "required"),
        ("end", "end_before_start"),
    ]
    assert (error.field, error.code) == ("home", "unknown_country")
    assert error.to_dict() == {
        "errors": [
            {"field": "home", "code": "unknown_country"},
            {"field": "host", "code": "required"},
            {"field": "end", "code": "end_before_start"},
        ]
    }


def test_run_json_never_raises_for_bad_input(rules):
    answer = json.loads(calculators.run_json(json.dumps({"home": 5}), json.dumps(rules)))
    assert answer["ok"] is False
    assert {"field": "home", "code": "unknown_country"} in answer["errors"]


def test_one_answerer_answers_every_case_as_run_json_does(rules):
    # The worker keeps one answerer for every recalculation: an answer must not depend on the ones
    # before it (nothing in the rules it read once may change), nor differ from run_json's.
    from calculators.json_api import answerer

    answer = answerer(json.dumps(rules))
    requests = [json.dumps(case["request"]) for case in CASES] + ['{"home": 5}', "[]", "null"]
    first = [answer(request) for request in requests]
    assert first == [answer(request) for request in reversed(requests)][::-1]
    assert first == [calculators.run_json(request, json.dumps(rules)) for request in requests]


def test_home_specific_rule_set_beats_general(rules):
    chosen = calculators.choose_rule_set(rules, "DK", __import__("datetime").date(2026, 6, 1))
    assert chosen["id"] == "dk-2023"
    chosen = calculators.choose_rule_set(rules, "SE", __import__("datetime").date(2026, 6, 1))
    assert chosen["id"] == "se-2023"
    chosen = calculators.choose_rule_set(rules, "FI", __import__("datetime").date(2026, 6, 1))
    assert chosen["id"] == "general-2023"


def test_no_rule_set_is_never_the_nearest(rules):
    import datetime as dt

    for home in calculators.COUNTRIES:
        for day in (dt.date(2006, 12, 31), dt.date(2008, 1, 1), dt.date(2010, 6, 1), dt.date(2015, 12, 31)):
            expected = "dk-2007" if home == "DK" and day.year == 2007 else None
            chosen = calculators.choose_rule_set(rules, home, day)
            assert (chosen and chosen["id"]) == expected, (home, day)


def test_an_unclear_check_rests_on_its_rules_value(rules):
    """The unclear checks name the rules.yml value they rest on, its source and that it is
    uncertain, so the page shows the value's note beside them; Greenland's reading names its rule
    set, its limits and the range the last day would need."""
    general = next(rs for rs in rules["rule_sets"] if rs["id"] == "general-2023")["values"]
    greenland = next(rs for rs in rules["rule_sets"] if rs["id"] == "gl-2023")["values"]
    result = calculators.estimate({"home": "DK", "host": "GL", "start": "2026-04-01", "end": "2026-07-31"}, rules)
    checks = {check.code: check for check in result.checks}
    differs = checks["host_differs_from_home"]
    assert (differs.rule, differs.source, differs.uncertain) == ("territories", general["territories"]["source"], True)
    reading = checks["host_reading"].to_dict()
    assert reading["rule"] == "limits_for_stays_in" and reading["rule_set"] == "gl-2023"
    assert reading["source"] == greenland["limits_for_stays_in"]["source"] and reading["uncertain"] is True
    assert (reading["min_limit"], reading["max_limit"]) == ({"weeks": 2}, {"months": 3})
    assert (reading["first_allowed_end"], reading["last_allowed_end"]) == ("2026-04-14", "2026-06-30")
    assert reading["ok"] is True and reading["unclear"] is True


def test_the_rule_sets_values_decide_what_is_unclear(rules):
    """No country code in the code: a rule set whose `territories` lists only the Faroe Islands
    leaves a stay in Greenland clear, and one without `limits_for_stays_in` shows no reading."""
    import copy

    edited = copy.deepcopy(rules)
    for rule_set in edited["rule_sets"]:
        values = rule_set["values"]
        if "territories" in values:
            values["territories"]["states"] = {"FO": "DK"}
        values.pop("limits_for_stays_in", None)
    to_greenland = {"home": "DK", "host": "GL", "start": "2026-04-01", "end": "2026-07-31"}
    assert calculators.estimate(to_greenland, rules).unclear == ["host_differs_from_home", "host_reading"]
    assert calculators.estimate(to_greenland, edited).unclear == []
    to_faroes = {**to_greenland, "host": "FO"}
    assert calculators.estimate(to_faroes, edited).unclear == ["host_differs_from_home"]
