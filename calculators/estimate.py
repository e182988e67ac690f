"""The estimate: which rule set, which checks, the most the stay can pay and the covered costs.

The sources give the monthly amount as a ceiling ("up to"), so the sum is a maximum, as the site
states it:

    max stipend = monthly amount x whole months
            + monthly amount / days_per_month x extra days
            - monthly amount / days_per_month x leave days     (where leave reduces the stipend)

never below zero, computed in Decimal and rounded ONCE with the rule set's rounding rule.
An ineligible stay (or a date no rule set covers) has a maximum of 0 and says why.
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from . import months
from .codes import ROUNDING_MODES as _MODE_NAMES
from .request import Stay, parse_request
from .result import COVERED, NOT_ELIGIBLE, NOT_IN_RULES, STAY_TOO_SHORT, Estimate, Item
from .rules import Rules, Value, Values, check_stay, choose_rule_set, duration, reading_checks

# rules.yml's rounding modes as the decimal module names them: half_up -> ROUND_HALF_UP.
ROUNDING_MODES = {mode: getattr(decimal, f"ROUND_{mode.upper()}") for mode in _MODE_NAMES}

# Enough digits that the one division below never decides a rounding: an exact tie
# (x.5) is a terminating decimal and stays exact; anything else is far from a tie.
_PRECISION = 60


def stipend_sum(
    monthly: Decimal, span: months.Span, leave_days: int, days_per_month: int, quantum: Decimal, mode: str
) -> Decimal:
    """The most a stay can pay, rounded once. Counted in 1/days_per_month parts of a month so
    that there is a single division."""
    parts = span.months * days_per_month + span.extra_days - leave_days
    with decimal.localcontext() as context:
        context.prec = _PRECISION
        exact = monthly * max(parts, 0) / Decimal(days_per_month)
        return exact.quantize(quantum, rounding=ROUNDING_MODES[mode])


def _item(code: str, rule: str | None, value: Value | None, **details: Any) -> Item:
    """A line of the result that rests on the rules.yml value `value` (None: on none)."""
    if value is None:
        return Item(code, rule, None, False, details)
    return Item(code, rule, value["source"], bool(value.get("uncertain")), details)


def _basis(values: Values, stay: Stay, deducted: int) -> tuple[Item, ...]:
    rate, part, leave, rounding = (
        values[name] for name in ("monthly_stipend", "partial_month", "leave_reduces_stipend", "rounding")
    )
    return (
        _item("monthly_stipend", "monthly_stipend", rate, amount=rate["amount"], currency=rate["currency"]),
        _item("partial_month", "partial_month", part, days_per_month=part["days_per_month"]),
        _item(
            "leave_reduces_stipend",
            "leave_reduces_stipend",
            leave,
            applies=leave["applies"],
            leave_days=stay.leave_days,
            leave_days_deducted=deducted,
        ),
        _item("rounding", "rounding", rounding, quantum=rounding["quantum"], mode=rounding["mode"]),
    )


def _cost(code: str, reason: str, rule: str | None = None, value: Value | None = None, **details: Any) -> Item:
    return _item(code, rule, value, covered=reason == COVERED, reason=reason, **details)


def _travel(stay: Stay, values: Values | None, eligible: bool) -> Item:
    cost = None if stay.travel_cost is None else {"amount": stay.travel_cost, "currency": stay.travel_currency}
    trips = (values or {}).get("round_trips")
    details: dict[str, Any] = {"round_trips": trips["count"] if trips else 0, "cost": cost}
    if trips is None:
        return _cost("travel", NOT_ELIGIBLE, **details)
    reason = NOT_IN_RULES if trips["count"] < 1 else (COVERED if eligible else NOT_ELIGIBLE)
    return _cost("travel", reason, "round_trips", trips, **details)


def _long_stay_cost(name: str, stay: Stay, values: Values | None, eligible: bool, **extra: Any) -> Item:
    """Family travel, moving and the home trip: only where the rule set covers them and the
    stay lasts at least `from_months` whole months (same month arithmetic as everywhere)."""
    value = (values or {}).get(name)
    if value is None:
        return _cost(name, NOT_ELIGIBLE if values is None else NOT_IN_RULES, limit=None, **extra)
    limit = {"months": value["from_months"]}
    long_enough = months.lasts_at_least(stay.start, stay.end, **limit)
    reason = COVERED if eligible and long_enough else (NOT_ELIGIBLE if not eligible else STAY_TOO_SHORT)
    return _cost(name, reason, name, value, limit=limit, **extra)


def _report_deadline(values: Values | None) -> dict[str, Any] | None:
    value = (values or {}).get("report_deadline")
    if value is None:
        return None
    return {
        "rule": "report_deadline",
        "limit": duration(value),
        "source": value["source"],
        "uncertain": bool(value.get("uncertain")),
    }


def estimate(request: Mapping[str, object], rules: Rules) -> Estimate:
    """Check a planned stay against the rules and work out the most it can pay.

    `request`: a mapping with home, host, start, end (ISO text or dates), and optionally
    leave_days, travel_cost (text, int or Decimal), travel_currency, family_members.
    `rules`: the compiled rules (exchange_guide.model.rules.compile_rules, or json.loads of it).
    Raises calculators.InvalidRequest for bad input; everything else is in the result. A start
    date that no rule set covers is a result too: not eligible, with the check "no_rule_set".
    """
    stay = parse_request(request)
    span = months.span(stay.start, stay.end)
    rule_set = choose_rule_set(rules, stay.home, stay.start)
    values = rule_set["values"] if rule_set else None
    if rule_set is None or values is None:
        checks = [_item("no_rule_set", None, None, ok=False, home=stay.home, start=stay.start)]
    else:
        checks = check_stay(stay, values) + reading_checks(rules, stay, rule_set)
    eligible = values is not None and all(check["ok"] for check in checks)
    deducted = stay.leave_days if values is not None and eligible and values["leave_reduces_stipend"]["applies"] else 0
    most = Decimal(0)
    if values is not None and eligible:
        rounding = values["rounding"]
        most = stipend_sum(
            Decimal(values["monthly_stipend"]["amount"]),
            span,
            deducted,
            values["partial_month"]["days_per_month"],
            Decimal(rounding["quantum"]),
            rounding["mode"],
        )
    return Estimate(
        stay=stay,
        eligible=eligible,
        max_stipend=most,
        days=span.days,
        months=span.months,
        extra_days=span.extra_days,
        leave_days_deducted=deducted,
        rule_set=rule_set["id"] if rule_set else None,
        checks=tuple(checks),
        basis=() if values is None else _basis(values, stay, deducted),
        costs=(
            _travel(stay, values, eligible),
            _long_stay_cost("family_travel", stay, values, eligible, family_members=stay.family_members),
            _long_stay_cost("moving", stay, values, eligible),
            _long_stay_cost("home_trip", stay, values, eligible),
        ),
        report_deadline=_report_deadline(values),
    )
