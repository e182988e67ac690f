"""The estimate: which rule set, which checks, the stipend sum and the covered costs.

The sum, as the site states it:

    stipend = monthly amount x whole months
            + monthly amount / days_per_month x extra days
            - monthly amount / days_per_month x leave days     (where leave reduces the stipend)

never below zero, computed in Decimal and rounded ONCE with the rule set's rounding rule.
An ineligible stay (or a date no rule set covers) has stipend 0 and says why.
"""
from __future__ import annotations

import decimal
from collections.abc import Mapping
from decimal import Decimal

from . import months
from .facts import ROUNDING_MODES as _MODE_NAMES
from .request import Stay, parse_request
from .result import COVERED, NOT_ELIGIBLE, NOT_IN_RULES, STAY_TOO_SHORT, Basis, Benefit, Check, Estimate
from .rules import check_stay, choose_rule_set, duration

# rules.yml's rounding modes as the decimal module names them: half_up -> ROUND_HALF_UP.
ROUNDING_MODES = {mode: getattr(decimal, f"ROUND_{mode.upper()}") for mode in _MODE_NAMES}

# Enough digits that the one division below never decides a rounding: an exact tie
# (x.5) is a terminating decimal and stays exact; anything else is far from a tie.
_PRECISION = 60


def stipend_sum(monthly: Decimal, span: months.Span, leave_days: int, days_per_month: int,
                quantum: Decimal, mode: str) -> Decimal:
    """The stipend for a stay, rounded once. Counted in 1/days_per_month parts of a month so
    that there is a single division."""
    parts = span.months * days_per_month + span.extra_days - leave_days
    with decimal.localcontext() as context:
        context.prec = _PRECISION
        exact = monthly * max(parts, 0) / Decimal(days_per_month)
        return exact.quantize(quantum, rounding=ROUNDING_MODES[mode])


def _value_fields(value: dict) -> tuple[str, bool]:
    return value["source"], bool(value.get("uncertain"))


def _basis(values: dict, stay: Stay, deducted: int) -> tuple[Basis, ...]:
    rate, part, leave, rounding = (values[name] for name in
                                   ("monthly_stipend", "partial_month", "leave_reduces_stipend", "rounding"))
    return (
        Basis("monthly_stipend", *_value_fields(rate), {"amount": rate["amount"], "currency": rate["currency"]}),
        Basis("partial_month", *_value_fields(part), {"days_per_month": part["days_per_month"]}),
        Basis("leave_reduces_stipend", *_value_fields(leave),
              {"applies": leave["applies"], "leave_days": stay.leave_days, "leave_days_deducted": deducted}),
        Basis("rounding", *_value_fields(rounding), {"quantum": rounding["quantum"], "mode": rounding["mode"]}),
    )


def _travel(stay: Stay, values: dict | None, eligible: bool) -> Benefit:
    cost = None if stay.travel_cost is None else {"amount": stay.travel_cost, "currency": stay.travel_currency}
    trips = (values or {}).get("round_trips")
    count = trips["count"] if trips else 0
    details = {"round_trips": count, "cost": cost}
    if trips is None:
        return Benefit("travel", False, NOT_ELIGIBLE, details=details)
    source, uncertain = _value_fields(trips)
    reason = NOT_IN_RULES if count < 1 else (COVERED if eligible else NOT_ELIGIBLE)
    return Benefit("travel", reason == COVERED, reason, "round_trips", source, uncertain, details)


def _long_stay_benefit(name: str, stay: Stay, values: dict | None, eligible: bool, **extra) -> Benefit:
    """Family travel, moving and the home trip: only where the rule set covers them and the
    stay lasts at least `from_months` whole months (same month arithmetic as everywhere)."""
    value = (values or {}).get(name)
    if values is None:
        return Benefit(name, False, NOT_ELIGIBLE, details={"limit": None, **extra})
    if value is None:
        return Benefit(name, False, NOT_IN_RULES, details={"limit": None, **extra})
    limit = {"months": value["from_months"]}
    long_enough = months.lasts_at_least(stay.start, stay.end, **limit)
    reason = COVERED if eligible and long_enough else (NOT_ELIGIBLE if not eligible else STAY_TOO_SHORT)
    return Benefit(name, reason == COVERED, reason, name, *_value_fields(value), {"limit": limit, **extra})


def _report_deadline(values: dict) -> dict | None:
    value = values.get("report_deadline")
    if value is None:
        return None
    source, uncertain = _value_fields(value)
    return {"rule": "report_deadline", "limit": duration(value), "source": source, "uncertain": uncertain}


def estimate(request: Mapping, rules: dict) -> Estimate:
    """Check a planned stay against the rules and estimate what it pays.

    `request`: a mapping with home, host, start, end (ISO text or dates), and optionally
    leave_days, travel_cost (text, int or Decimal), travel_currency, family_members.
    `rules`: the compiled rules (exchange_guide.model.rules.compile_rules, or json.loads of it).
    Raises calculators.InvalidRequest for bad input; everything else is in the result.
    """
    stay = parse_request(request)
    span = months.span(stay.start, stay.end)
    rule_set = choose_rule_set(rules, stay.home, stay.start)
    if rule_set is None:
        checks = [Check("no_rule_set", False, None, None, False, {"home": stay.home, "start": stay.start})]
        return Estimate(
            stay=stay, eligible=False, stipend=Decimal(0), days=span.days, months=span.months,
            extra_days=span.extra_days, leave_days_deducted=0, rule_set=None, monthly_rate=None,
            days_per_month=None, checks=tuple(checks), basis=(), travel=_travel(stay, None, False),
            family_travel=_long_stay_benefit("family_travel", stay, None, False, family_members=stay.family_members),
            moving=_long_stay_benefit("moving", stay, None, False),
            home_trip=_long_stay_benefit("home_trip", stay, None, False),
            report_deadline=None,
        )

    values = rule_set["values"]
    checks = check_stay(stay, values)
    eligible = all(check.ok for check in checks)
    monthly = Decimal(values["monthly_stipend"]["amount"])
    days_per_month = values["partial_month"]["days_per_month"]
    deducted = stay.leave_days if values["leave_reduces_stipend"]["applies"] else 0
    rounding = values["rounding"]
    stipend = (stipend_sum(monthly, span, deducted, days_per_month, Decimal(rounding["quantum"]), rounding["mode"])
               if eligible else Decimal(0))
    return Estimate(
        stay=stay, eligible=eligible, stipend=stipend, days=span.days, months=span.months,
        extra_days=span.extra_days, leave_days_deducted=deducted if eligible else 0, rule_set=rule_set["id"],
        monthly_rate=monthly, days_per_month=days_per_month, checks=tuple(checks),
        basis=_basis(values, stay, deducted if eligible else 0),
        travel=_travel(stay, values, eligible),
        family_travel=_long_stay_benefit("family_travel", stay, values, eligible, family_members=stay.family_members),
        moving=_long_stay_benefit("moving", stay, values, eligible),
        home_trip=_long_stay_benefit("home_trip", stay, values, eligible),
        report_deadline=_report_deadline(values),
    )
