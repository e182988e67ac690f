"""Choosing the rule set for a stay, and checking the stay against it.

`rules` is the compiled data from exchange_guide.model.rules.compile_rules (or json.loads of
it): {"rule_sets": [{"id", "home", "valid_from", "valid_to", "values": {...}}, ...]}.
"""

from __future__ import annotations

import datetime as dt

from . import months
from .codes import DURATION_UNITS
from .request import Stay
from .result import Item


def _day(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


def covers(rule_set: dict, day: dt.date) -> bool:
    """True if `day` lies within the rule set's validity (valid_to inclusive, absent = open)."""
    valid_to = _day(rule_set.get("valid_to"))
    return _day(rule_set["valid_from"]) <= day and (valid_to is None or day <= valid_to)


def choose_rule_set(rules: dict, home: str, start: dt.date) -> dict | None:
    """The rule set for a stay: the one valid on its START date, a home-specific one before a
    general one. None when no rule set covers that date: never the nearest or the latest."""
    valid = [rs for rs in rules["rule_sets"] if covers(rs, start) and (not rs.get("home") or home in rs["home"])]
    for_home = [rs for rs in valid if rs.get("home")]
    # exchange_guide.model.rules rejects overlapping periods for the same home, so at most one of each remains.
    chosen = for_home or valid
    return chosen[0] if chosen else None


def duration(value: dict) -> dict:
    """The length part of a duration value, e.g. {"months": 6}."""
    return {unit: value[unit] for unit in DURATION_UNITS if value.get(unit)}


def _check(code: str, ok: bool, rule: str, value: dict, **details) -> Item:
    return Item(code, rule, value["source"], bool(value.get("uncertain")), {"ok": ok, **details})


def check_stay(stay: Stay, values: dict) -> list[Item]:
    """Every eligibility rule of the rule set, each with its outcome, in a fixed order."""
    hosts = values["hosts"]
    checks = [
        _check("host_differs_from_home", stay.host != stay.home, "hosts", hosts, home=stay.home, host=stay.host),
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
