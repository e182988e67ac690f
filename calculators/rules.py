"""Choosing the rule set for a stay, and checking the stay against it.

`rules` is the compiled data from exchange_guide.model.rules.compile_rules (or json.loads of
it): {"rule_sets": [{"id", "home", "valid_from", "valid_to", "values": {...}}, ...]}.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypedDict

from . import months
from .codes import DURATION_UNITS
from .request import Stay
from .result import Item

# A rule value: its own fields (codes.VALUE_KINDS), with `source`, `uncertain` and maybe `note`.
Value = dict[str, Any]
Values = dict[str, Value]


class RuleSet(TypedDict):
    """One compiled rule set (exchange_guide.model.rules.compile_rules): plain JSON-able data."""

    id: str
    title: dict[str, str]
    home: list[str] | None
    valid_from: str
    valid_to: str | None
    values: Values


class Rules(TypedDict):
    rule_sets: list[RuleSet]


def _day(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


def covers(rule_set: RuleSet, day: dt.date) -> bool:
    """True if `day` lies within the rule set's validity (valid_to inclusive, absent = open)."""
    valid_to = _day(rule_set.get("valid_to"))
    return dt.date.fromisoformat(rule_set["valid_from"]) <= day and (valid_to is None or day <= valid_to)


def choose_rule_set(rules: Rules, home: str, start: dt.date) -> RuleSet | None:
    """The rule set for a stay: the one valid on its START date, a home-specific one before a
    general one. None when no rule set covers that date: never the nearest or the latest."""
    valid = [rs for rs in rules["rule_sets"] if covers(rs, start) and home in (rs["home"] or [home])]
    for_home = [rs for rs in valid if rs.get("home")]
    # exchange_guide.model.rules rejects overlapping periods for the same home, so at most one of each remains.
    chosen = for_home or valid
    return chosen[0] if chosen else None


def duration(value: Value) -> dict[str, int]:
    """The length part of a duration value, e.g. {"months": 6}."""
    return {unit: value[unit] for unit in DURATION_UNITS if value.get(unit)}


def _check(code: str, ok: bool, rule: str, value: Value, **details: object) -> Item:
    return Item(code, rule, value["source"], bool(value.get("uncertain")), {"ok": ok, **details})


def _unclear(code: str, rule: str, value: Value, **details: object) -> Item:
    """A check the stay passes on our reading only: no source settles it (result.CHECK_OUTCOMES)."""
    return _check(code, True, rule, value, unclear=True, **details)


def _state(code: str, territories: Value | None) -> str:
    """The state a place belongs to: a territory's state (rules.yml `territories`), else itself."""
    return (territories or {}).get("states", {}).get(code, code)


def _home_and_host(stay: Stay, values: Values) -> list[Item]:
    """Whether the home's staff can apply and the host is another country. Where the rule set
    names self-governing territories, their staff and the stays between a territory and its
    state are unclear: no source says, so they are marked, never refused."""
    hosts, territories = values["hosts"], values.get("territories")
    checks: list[Item] = []
    if territories and stay.home in territories["states"]:
        checks.append(_unclear("home_in_programme", "territories", territories, home=stay.home))
    if territories and stay.host != stay.home and _state(stay.host, territories) == _state(stay.home, territories):
        checks.append(_unclear("host_differs_from_home", "territories", territories, home=stay.home, host=stay.host))
    else:
        checks.append(
            _check("host_differs_from_home", stay.host != stay.home, "hosts", hosts, home=stay.home, host=stay.host)
        )
    return checks


def check_stay(stay: Stay, values: Values) -> list[Item]:
    """Every eligibility rule of the rule set, each with its outcome, in a fixed order."""
    hosts = values["hosts"]
    checks = [
        *_home_and_host(stay, values),
        _check(
            "host_in_programme",
            stay.host in hosts["codes"],
            "hosts",
            hosts,
            host=stay.host,
            allowed=list(hosts["codes"]),
        ),
    ]
    shortest = values["min_duration"]
    first_end = months.last_day_within(stay.start, **duration(shortest))
    checks.append(
        _check(
            "min_duration",
            stay.end >= first_end,
            "min_duration",
            shortest,
            limit=duration(shortest),
            first_allowed_end=first_end,
        )
    )
    longest = values["max_duration"]
    last_end = months.last_day_within(stay.start, **duration(longest))
    checks.append(
        _check(
            "max_duration",
            stay.end <= last_end,
            "max_duration",
            longest,
            limit=duration(longest),
            last_allowed_end=last_end,
        )
    )
    same_year = values["same_calendar_year"]
    if same_year["required"]:  # when not required there is nothing to check
        checks.append(
            _check(
                "same_calendar_year",
                stay.start.year == stay.end.year,
                "same_calendar_year",
                same_year,
                start_year=stay.start.year,
                end_year=stay.end.year,
            )
        )
    return checks


def reading_checks(rules: Rules, stay: Stay, chosen: RuleSet) -> list[Item]:
    """Other rule sets whose length limits may be meant for stays in the host (rules.yml
    `limits_for_stays_in`, e.g. Greenland's, read as the rule for staff employed there): each
    shown beside the stay, unclear where the stay does not fit them. They never refuse a stay."""
    checks: list[Item] = []
    for rule_set in rules["rule_sets"]:
        reading = rule_set["values"].get("limits_for_stays_in")
        if rule_set["id"] == chosen["id"] or not reading or stay.host not in reading["codes"]:
            continue
        if not covers(rule_set, stay.start):
            continue
        shortest, longest = (duration(rule_set["values"][name]) for name in ("min_duration", "max_duration"))
        first_end = months.last_day_within(stay.start, **shortest)
        last_end = months.last_day_within(stay.start, **longest)
        details = {
            "rule_set": rule_set["id"],
            "host": stay.host,
            "min_limit": shortest,
            "max_limit": longest,
            "first_allowed_end": first_end,
            "last_allowed_end": last_end,
        }
        if first_end <= stay.end <= last_end:
            checks.append(_check("host_reading", True, "limits_for_stays_in", reading, **details))
        else:
            checks.append(_unclear("host_reading", "limits_for_stays_in", reading, **details))
    return checks
