"""Properties of the calculator that must hold for any input (hypothesis)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import calculators
from calculators import months, plan

_spec = importlib.util.spec_from_file_location("case_support", Path(__file__).parent / "cases" / "case_support.py")
case_support = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(case_support)

RULES = case_support.compiled_rules()
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

countries = st.sampled_from(calculators.COUNTRIES)
# Start dates in and around every published period (2007, 2016 onwards) and in gaps.
starts = st.dates(min_value=dt.date(2005, 1, 1), max_value=dt.date(2035, 12, 31))


def iso(day: dt.date) -> str:
    return day.isoformat()


# --- Anything that looks like a form: only InvalidRequest may come out -------------------------
field_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    countries,
    countries.map(str.lower),
    st.sampled_from(calculators.CURRENCIES),
    st.dates().map(iso),
    st.dates(),
    st.datetimes(),
    st.from_regex(r"-?\d{1,12}([.,]\d{1,3})?", fullmatch=True),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
# Every date a stay may have (outside them: bad_date, which the first property also meets).
stay_dates = st.dates(min_value=calculators.codes.FIRST_DAY, max_value=calculators.codes.LAST_DAY)
requests = st.dictionaries(st.sampled_from(calculators.FIELDS), field_values)
plausible_requests = st.fixed_dictionaries(
    {"home": countries, "host": countries, "start": stay_dates.map(iso), "end": stay_dates.map(iso)},
    optional={
        "leave_days": st.one_of(st.integers(-5, 400), st.from_regex(r"\d{1,4}", fullmatch=True)),
        "travel_cost": st.one_of(st.decimals(0, 200000, places=2), st.integers(-10, 200000)),
        "travel_currency": st.sampled_from(calculators.CURRENCIES),
        "family_members": st.integers(-1, 25),
    },
)


def _estimate_or_invalid(request):
    try:
        result = calculators.estimate(request, RULES)
    except calculators.InvalidRequest as error:
        assert error.errors and all(
            e.field in calculators.FIELDS and e.code in calculators.ERROR_CODES for e in error.errors
        )
        return None
    data = result.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["max_stipend_dkk"] >= 0
    return result


@SETTINGS
@given(requests)
def test_any_form_input_gives_a_result_or_invalid_request(request):
    _estimate_or_invalid(request)


@SETTINGS
@given(plausible_requests)
def test_plausible_input_gives_a_result_or_invalid_request(request):
    result = _estimate_or_invalid(request)
    if result is not None:
        assert result.max_stipend_dkk >= 0
        assert result.eligible or result.max_stipend_dkk == 0


# --- The stipend -----------------------------------------------------------------------------------
@st.composite
def stays(draw, max_days=400):
    home = draw(countries)
    host = draw(st.sampled_from([code for code in calculators.COUNTRIES if code != home]))
    start = draw(starts)
    days = draw(st.integers(1, max_days))
    leave = draw(st.integers(0, days))
    return {
        "home": home,
        "host": host,
        "start": iso(start),
        "end": iso(start + dt.timedelta(days=days - 1)),
        "leave_days": leave,
    }


@SETTINGS
@given(stays())
def test_stipend_is_never_negative(stay):
    assert calculators.estimate(stay, RULES).max_stipend_dkk >= 0


@st.composite
def eligible_looking_stays(draw):
    """Stays that most rule sets accept: 1-3 months, within one calendar year, in a period
    that has rules (DK 2007, everyone from 2016)."""
    home = draw(countries)
    host = draw(st.sampled_from([code for code in calculators.COUNTRIES if code != home]))
    year = draw(st.sampled_from([2007]) if home == "DK" and draw(st.booleans()) else st.integers(2016, 2035))
    start = dt.date(year, draw(st.integers(1, 9)), draw(st.integers(1, 28)))
    days = draw(st.integers(31, 80))
    return {
        "home": home,
        "host": host,
        "start": iso(start),
        "end": iso(start + dt.timedelta(days=days - 1)),
        "leave_days": draw(st.integers(0, 31)),
    }


@SETTINGS
@given(eligible_looking_stays(), st.integers(1, 10))
def test_stipend_never_goes_down_when_a_stay_grows_within_the_limits(stay, more_days):
    shorter = calculators.estimate(stay, RULES)
    longer_end = dt.date.fromisoformat(stay["end"]) + dt.timedelta(days=more_days)
    longer = calculators.estimate({**stay, "end": iso(longer_end)}, RULES)
    assume(shorter.eligible and longer.eligible)
    assert longer.max_stipend >= shorter.max_stipend


@SETTINGS
@given(stays())
def test_more_leave_never_pays_more(stay):
    fewer = calculators.estimate({**stay, "leave_days": 0}, RULES)
    more = calculators.estimate(stay, RULES)
    assert more.max_stipend <= fewer.max_stipend


@SETTINGS
@given(stays())
def test_the_host_does_not_change_the_stipend(stay):
    """Among the Nordic hosts other than home, only the home and the dates matter."""
    amounts = {
        calculators.estimate({**stay, "host": host}, RULES).max_stipend_dkk
        for host in calculators.COUNTRIES
        if host != stay["home"]
    }
    assert len(amounts) == 1


@SETTINGS
@given(eligible_looking_stays())
def test_eligible_stipend_follows_the_stated_sum(stay):
    result = calculators.estimate(stay, RULES)
    assume(result.eligible)
    data = result.to_dict()
    rate, per_month = Decimal(data["max_monthly_dkk"]), data["days_per_month"]
    exact = rate * result.months + rate * result.extra_days / per_month - rate * result.leave_days_deducted / per_month
    assert abs(result.max_stipend - max(exact, Decimal(0))) <= Decimal("0.5")


@SETTINGS
@given(stays(max_days=4000))
def test_months_and_extra_days_add_up(stay):
    start, end = dt.date.fromisoformat(stay["start"]), dt.date.fromisoformat(stay["end"])
    span = months.span(start, end)
    last_whole = start - dt.timedelta(days=1) if span.months == 0 else months.month_end(start, span.months)
    assert (end - last_whole).days == span.extra_days
    next_end = months.month_end(start, span.months + 1)
    assert next_end > end  # the next month is not complete
    assert 0 <= span.extra_days < 31


@SETTINGS
@given(stays())
def test_rules_after_a_json_round_trip_give_the_same_result(stay):
    assert (
        calculators.estimate(stay, json.loads(json.dumps(RULES))).to_dict()
        == calculators.estimate(stay, RULES).to_dict()
    )


# --- Rounding once ---------------------------------------------------------------------------------
def test_rounding_is_half_up_and_done_once():
    span = months.Span(days=1, months=0, extra_days=1)
    assert calculators.stipend_sum(Decimal(15), span, 0, 30, Decimal(1), "half_up") == 1  # 0.5 -> 1
    assert calculators.stipend_sum(Decimal(15), span, 0, 30, Decimal(1), "half_even") == 0
    # 8000 + 8000/30 x 2 - 8000/30 x 1 = 8266.67: one rounding of the whole, not three of parts
    span = months.Span(days=33, months=1, extra_days=2)
    assert calculators.stipend_sum(Decimal(8000), span, 1, 30, Decimal(1), "half_up") == 8267
    # 3 x 266.666.. = 800 exactly; rounding each day first would give 3 x 267 = 801
    span = months.Span(days=3, months=0, extra_days=3)
    assert calculators.stipend_sum(Decimal(8000), span, 0, 30, Decimal(1), "half_up") == 800


def test_never_below_zero():
    span = months.Span(days=31, months=1, extra_days=0)
    assert calculators.stipend_sum(Decimal(18000), span, 31, 30, Decimal(1), "half_up") == 0


# --- One month rule for the stipend and the plan (W3) ------------------------------------------------
@SETTINGS
@given(stay_dates.filter(lambda day: day.year < 2190), st.integers(1, 12))
def test_a_deadline_in_months_is_whole_months_counted_from_the_day_after(end, n):
    """ "Within n months after your last day" ends where n whole months of the stipend's month rule
    end, counted from the day after: the span from that day to the deadline is n months, 0 days."""
    deadline = plan.after_stay(end, {"months": n})
    assert months.span(end + dt.timedelta(days=1), deadline).months == n
    assert months.span(end + dt.timedelta(days=1), deadline).extra_days == 0


@SETTINGS
@given(stay_dates.filter(lambda day: day.year < 2190), st.integers(1, 10), st.sampled_from(["weeks", "days"]))
def test_a_deadline_in_weeks_or_days_counts_every_day_after_the_last(end, n, unit):
    assert (plan.after_stay(end, {unit: n}) - end).days == n * (7 if unit == "weeks" else 1)


# --- Unclear eligibility: marked, never refused -------------------------------------------------------
def _without(rules: dict, name: str) -> dict:
    return {
        "rule_sets": [
            {**rs, "values": {k: v for k, v in rs["values"].items() if k != name}} for rs in rules["rule_sets"]
        ]
    }


@SETTINGS
@given(stays())
def test_an_unclear_condition_never_changes_the_verdict_or_the_amount(stay):
    """rules.yml's `territories` and `limits_for_stays_in` only mark a stay unclear: without them the
    verdict and the maximum are the same, and nothing is unclear."""
    result = calculators.estimate(stay, RULES)
    plain = calculators.estimate(stay, _without(_without(RULES, "territories"), "limits_for_stays_in"))
    assert (plain.eligible, plain.max_stipend, plain.unclear) == (result.eligible, result.max_stipend, [])
    if result.unclear:
        assert result.uncertain and not set(result.unclear) & set(result.failed)
