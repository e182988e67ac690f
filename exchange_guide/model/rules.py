"""content/rules.yml: the parameters of the stipend calculator.

`RULES` declares the file's shape and, once each rule set is checked, the checks a schema
cannot express (extends, overlapping periods, ...), in the same pass. `compile_rules` turns the
result into plain JSON-able data for `calculators` and the browser (extends resolved, dates and
amounts as text). Source ids are resolved by the loader (model/content.py) through `report.refs`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from calculators.codes import (
    COUNTRIES,
    DURATION_UNITS,
    LONGEST,
    OPTIONAL_VALUES,
    PLAN_VALUES,
    REQUIRED_VALUES,
    ROUNDING_MODES,
    VALUE_NAMES,
)
from calculators.months import days_in_month
from calculators.result import plain
from calculators.rules import Rules

from .schema import At, Bool, Country, Date, F, Id, Int, ListOf, Money, OneOf, Record, Ref, Text

DURATION_VALUES = ("min_duration", "max_duration", "report_deadline", "decision_time")


def _value(**fields) -> F:
    """Every value names its source and may be marked uncertain, with a note saying why; each is
    optional in one rule set, as long as the rule sets it extends give the required ones."""
    return F(
        Record(
            **fields,
            source=Ref("source"),
            uncertain=F(
                Bool(),
                required=False,
                doc="true when no source states this value for the period or the source is vague; say why in note",
            ),
            note=F(Text(), required=False, doc="why the value is uncertain, or what the reader should know"),
        ),
        required=False,
    )


# Exactly one unit must be given; _check_rule_set checks that.
_DURATION = {unit: F(Int(minimum=1, maximum=LONGEST[unit]), required=False) for unit in DURATION_UNITS}
_FROM_MONTHS = Int(minimum=1, maximum=LONGEST["months"])

# The bounds of the amounts: far above any real value, far below what would break a computation
# or a page (an extra zero or two still passes; an exponent or forty digits does not).
MONTHLY_AMOUNT = Money(digits=6, places=2)  # DKK a month: below a million
QUANTUM = Money(digits=4, places=0, positive=True, hint='a whole number of DKK from 1 to 9999, such as "1" or "10"')

VALUES = Record(
    # The calculator works in DKK, the currency the stipend is decided in.
    monthly_stipend=_value(amount=MONTHLY_AMOUNT, currency=OneOf("DKK", name="currency")),
    min_duration=_value(**_DURATION),
    max_duration=_value(**_DURATION),
    # Where the source may mean this rule set's length limits for stays in a place rather than for
    # the staff employed there (Greenland's): the calculator shows them beside every stay there.
    limits_for_stays_in=_value(codes=ListOf(Country(), unique_id=None)),
    # Host administrations; the host must also differ from the home administration.
    hosts=_value(codes=ListOf(Country(), unique_id=None)),
    # The self-governing territories and the state each belongs to: staff employed there, and stays
    # between a territory and its state, are marked unclear (no source settles them).
    territories=_value(
        states=F(
            Record(**{code: F(Country(), required=False) for code in COUNTRIES}),
            doc="each territory's code with the code of the state it belongs to, e.g. FO: DK",
        )
    ),
    same_calendar_year=_value(required=Bool()),
    round_trips=_value(count=Int(minimum=0, maximum=10)),
    family_travel=_value(from_months=_FROM_MONTHS),
    moving=_value(from_months=_FROM_MONTHS),
    home_trip=_value(from_months=_FROM_MONTHS),
    report_deadline=_value(**_DURATION),
    leave_reduces_stipend=_value(applies=Bool()),
    # At least 30: with fewer, the extra days of a long month (up to 30) would be worth more
    # than a whole month, and a stay one day longer could pay less.
    partial_month=_value(days_per_month=Int(minimum=30, maximum=31)),
    rounding=_value(quantum=QUANTUM, mode=OneOf(*ROUNDING_MODES, name="rounding mode")),
    # The plan's values (calculators/plan.py). A deadline is either rolling, or a day of the
    # year as the source words it: `before: yes` for "before 1 December" (the last day is the
    # day before), `years_before: 1` for "for the following year".
    application_deadline=_value(
        rolling=F(Bool(), required=False),
        month=F(Int(minimum=1, maximum=12), required=False),
        day=F(Int(minimum=1, maximum=31), required=False),
        before=F(Bool(), required=False),
        years_before=F(Int(minimum=0, maximum=1), required=False),
        # the source says later applications may still be considered
        late_considered=F(Bool(), required=False),
    ),
    decision_time=_value(**_DURATION),
)
assert tuple(VALUES.fields) == VALUE_NAMES + PLAN_VALUES, "calculators.codes and VALUES list the same values"

RULE_SET = Record(
    id=Id(),
    title=Text(),
    home=F(
        ListOf(Country(), unique_id=None),
        required=False,
        doc="the home administrations this rule set is for; leave out for the general rule set (all eight)",
    ),
    valid_from=F(Date(), doc="the first day the rule set applies to (a stay's start date picks the rule set)"),
    valid_to=F(Date(), required=False, doc="the last day (inclusive); leave out when open-ended"),
    extends=F(
        Id(), required=False, doc="the id of a rule set whose values this one takes, replacing the ones given here"
    ),
    values=VALUES,
)


class RuleSets(ListOf):
    """The list of rule sets: each checked on its own, then those that passed against each other.

    A rule set with any mistake of its own is left out of the cross-checks (a mistyped home
    must not make it look general and overlap the general one), but its id still counts, so
    `extends: it` is not reported as unknown a second time."""

    def __init__(self):
        super().__init__(RULE_SET)

    def check(self, value, at):
        items = self.items(value, at)
        if items is None:
            return None
        passed = {rule_set["id"]: (rule_set, item_at) for rule_set, item_at, clean in items if clean}
        all_ids = {item["id"].strip() for item in value if isinstance(item, dict) and isinstance(item.get("id"), str)}
        errors = len(at.report.errors)
        _cross_check(passed, all_ids)
        if len(at.report.errors) > errors or len(passed) < len(value):
            return None
        return [rule_set for rule_set, _ in passed.values()]


def _chain(rule_set_id: str, by_id: dict[str, dict]) -> list[str] | None:
    """The ids from `rule_set_id` up its extends chain; None if the chain loops."""
    chain = [rule_set_id]
    while (parent := by_id[chain[-1]].get("extends")) in by_id:
        if parent in chain:
            return None
        chain.append(parent)
    return chain


def _cycle(rule_set_id: str, by_id: dict[str, dict]) -> list[str]:
    """The loop that the extends chain from `rule_set_id` runs into, e.g. [a, b, a]."""
    path = [rule_set_id]
    while True:
        parent: str = by_id[path[-1]]["extends"]  # in a cycle, every rule set extends another
        if parent in path:
            return [*path[path.index(parent) :], parent]
        path.append(parent)


def _merged_values(chain: list[str], by_id: dict[str, dict]) -> dict:
    values: dict = {}
    for rule_set_id in reversed(chain):  # base first, then each override
        values.update(by_id[rule_set_id]["values"])
    return values


def _one_unit(value: dict) -> bool:
    return sum(unit in value for unit in DURATION_UNITS) == 1


def _length_in_days(value: dict, longest: bool) -> int:
    """A duration's length in days; months count 28 or 31 days depending on the bound wanted."""
    if "months" in value:
        return value["months"] * (31 if longest else 28)
    return value.get("weeks", 0) * 7 + value.get("days", 0)


def _periods_overlap(a: dict, b: dict) -> bool:
    a_end, b_end = a.get("valid_to") or dt.date.max, b.get("valid_to") or dt.date.max
    return a["valid_from"] <= b_end and b["valid_from"] <= a_end


def _same_audience(a: dict, b: dict) -> bool:
    """Two rule sets compete for the same stays: both general, or a home in common."""
    if not a.get("home") and not b.get("home"):
        return True
    return bool(set(a.get("home") or ()) & set(b.get("home") or ()))


def _check_rule_set(rule_set: dict, at: At, all_ids: set[str]) -> None:
    """What one rule set must be, beyond its schema."""
    values = at.child("values")
    if rule_set.get("valid_to") and rule_set["valid_to"] < rule_set["valid_from"]:
        at.child("valid_to").error(f"valid_to {rule_set['valid_to']} is before valid_from {rule_set['valid_from']}")
    for name in DURATION_VALUES:
        value = rule_set["values"].get(name)
        if value is not None and not _one_unit(value):
            values.child(name).error("give exactly one of days, weeks or months")
    _check_deadline(rule_set["values"].get("application_deadline"), values.child("application_deadline"))
    for name in ("hosts", "limits_for_stays_in"):
        codes = (rule_set["values"].get(name) or {}).get("codes")
        if codes and len(set(codes)) != len(codes):
            values.child(name).child("codes").error("a country code is listed twice")
    _check_territories(rule_set["values"].get("territories"), values.child("territories"))
    parent = rule_set.get("extends")
    if parent == rule_set["id"]:
        at.child("extends").error("a rule set cannot extend itself")
    elif parent is not None and parent not in all_ids:
        # (a parent that is in the file but has its own errors was reported already)
        at.child("extends").error(f"unknown rule set {parent!r}; extends must name another rule set in this file")


def _check_territories(value: dict | None, at: At) -> None:
    """Each territory belongs to a state that is not itself a territory of the list."""
    if value is None:
        return
    states = value["states"]
    if not states:
        at.child("states").error("name at least one territory and the state it belongs to")
    for territory, state in states.items():
        if state == territory or state in states:
            at.child("states").child(territory).error(
                f"{territory} must belong to a state that is not a territory of this list, not {state}"
            )


def _check_deadline(value: dict | None, at: At) -> None:
    """A deadline is rolling, or names a day that exists in every year (29 February does not)."""
    if value is None:
        return
    if value.get("rolling"):
        if any(key in value for key in ("month", "day", "before", "years_before", "late_considered")):
            at.error("a rolling deadline has no month, day, before, years_before or late_considered")
        return
    if "month" not in value or "day" not in value:
        at.error("give rolling: yes, or the month and day of the deadline")
    elif value["day"] > days_in_month(2001, value["month"]):  # 2001: not a leap year
        at.child("day").error(f"there is no day {value['day']} in month {value['month']} every year")


def _check_chain(rs_id: str, by_id: dict[str, dict], at: At) -> None:
    """What a rule set must be once the values it extends are merged in."""
    chain = _chain(rs_id, by_id)
    if chain is None:
        if by_id[rs_id].get("extends") != rs_id:  # extending itself was reported already
            at.child("extends").error(
                f"extends forms a cycle ({' -> '.join(_cycle(rs_id, by_id))}); "
                "a rule set may not extend itself, directly or through others"
            )
        return
    if by_id[chain[-1]].get("extends") is not None:
        return  # the chain ends at a broken rule set, reported already
    values = _merged_values(chain, by_id)
    for name in REQUIRED_VALUES:
        if name not in values:
            at.child("values").error(f"missing required value '{name}' (neither here nor in a rule set it extends)")
    lowest, highest = values.get("min_duration"), values.get("max_duration")
    if lowest is None or highest is None or not (_one_unit(lowest) and _one_unit(highest)):
        return
    if _length_in_days(lowest, longest=False) > _length_in_days(highest, longest=True):
        at.child("values").child("min_duration").error("min_duration is longer than max_duration")


def _cross_check(passed: dict[str, tuple[dict, At]], all_ids: set[str]) -> None:
    by_id = {rs_id: rule_set for rs_id, (rule_set, _) in passed.items()}
    for rule_set, at in passed.values():
        _check_rule_set(rule_set, at, all_ids)
    for rs_id, (_, at) in passed.items():
        _check_chain(rs_id, by_id, at)
    ids = list(by_id)
    for i, first in enumerate(ids):
        for second in ids[i + 1 :]:
            a, b = by_id[first], by_id[second]
            if _same_audience(a, b) and _periods_overlap(a, b):
                who = (
                    "general rule sets"
                    if not a.get("home")
                    else f"rule sets for {', '.join(sorted(set(a['home']) & set(b['home'])))}"
                )
                passed[second][1].child("valid_from").error(
                    f"validity overlaps rule set {first!r} (line {passed[first][1].line}); two {who} may not "
                    "be valid on the same day"
                )


RULES = Record(rule_sets=RuleSets())


def compile_rules(loaded: dict[str, Any]) -> Rules:
    """Plain JSON-able rules for `calculators`: extends resolved, every value complete with
    `source` and `uncertain`, dates as YYYY-MM-DD and amounts as text (never floats)."""
    by_id = {rs["id"]: rs for rs in loaded["rule_sets"]}
    rule_sets = []
    for rule_set in loaded["rule_sets"]:
        chain = _chain(rule_set["id"], by_id)
        assert chain is not None, "RuleSets refuses a cycle before anything is compiled"
        values = _merged_values(chain, by_id)
        rule_sets.append(
            {
                "id": rule_set["id"],
                "title": rule_set["title"],
                "home": list(rule_set["home"]) if rule_set.get("home") else None,
                "valid_from": rule_set["valid_from"],
                "valid_to": rule_set.get("valid_to"),
                "values": {
                    name: {**values[name], "uncertain": bool(values[name].get("uncertain"))}
                    for name in (*REQUIRED_VALUES, *OPTIONAL_VALUES, *PLAN_VALUES)
                    if name in values
                },
            }
        )
    return plain({"rule_sets": rule_sets})
