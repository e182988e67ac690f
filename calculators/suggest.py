"""For a stay that does not qualify: the nearest dates that would make it qualify.

`suggestions` tries the nearest end date keeping the start, and the nearest start date keeping
the end, each checked by a full estimate (so a start date that moves into another rule set's
period is judged by that rule set). Only the length and calendar-year checks can be mended by a
date; a host outside the programme, or a start that no rule set covers, gives none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from .errors import InvalidRequest
from .estimate import estimate

# Checks that another start or end date can mend.
DATE_CHECKS = ("min_duration", "max_duration", "same_calendar_year")
# How far the search goes from the date given, in days: beyond the longest stay any rules
# allow (one year) with room for the month arithmetic.
_REACH = 400


def _eligible(request: Mapping, rules: dict, field: str, day: dt.date):
    try:
        result = estimate({**request, field: day.isoformat()}, rules)
    except InvalidRequest:  # a date outside the calendar's range, more leave days than the stay has, ...
        return None
    return result if result.eligible else None


def _suggestion(field: str, day: dt.date, result) -> dict:
    return {"field": field, "value": day.isoformat(), "max_stipend_dkk": result.max_stipend_dkk}


def _first(request: Mapping, rules: dict, field: str, days) -> dict | None:
    for day in days:
        result = _eligible(request, rules, field, day)
        if result is not None:
            return _suggestion(field, day, result)
    return None


def _outward(given: dt.date, low: dt.date, high: dt.date):
    """Days from `given` outwards (earlier first on a tie), within low..high."""
    for distance in range(1, _REACH + 1):
        for day in (given - dt.timedelta(days=distance), given + dt.timedelta(days=distance)):
            if low <= day <= high:
                yield day


def _nearest_end(request: Mapping, rules: dict, result) -> dict | None:
    """Keeping the start, the qualifying ends lie between the first and the last allowed end
    (and within the start's year where that is required): the nearest is the given end moved
    into that span. Checked by an estimate; a search near the start if that does not qualify."""
    stay, checks = result.stay, {check.code: check for check in result.checks}
    low, high = checks["min_duration"]["first_allowed_end"], checks["max_duration"]["last_allowed_end"]
    if "same_calendar_year" in checks:
        high = min(high, dt.date(stay.start.year, 12, 31))
    if low <= high:
        found = _first(request, rules, "end", [min(max(stay.end, low), high)])
        if found:
            return found
    return _first(request, rules, "end", _outward(stay.start, stay.start, stay.start + dt.timedelta(_REACH)))


def _nearest_start(request: Mapping, rules: dict, result) -> dict | None:
    """Keeping the end, a qualifying start lies at most a year or so before it (the start picks
    the rule set, so every candidate gets a full estimate)."""
    stay = result.stay
    low = stay.end - dt.timedelta(_REACH)
    if stay.start < low:  # far too long: the nearest qualifying start is the earliest one
        return _first(request, rules, "start", (low + dt.timedelta(n) for n in range(_REACH + 1)))
    return _first(request, rules, "start", _outward(stay.start, low, stay.end))


def suggestions(request: Mapping, result, rules: dict) -> list[dict]:
    """`result` is the estimate of `request`."""
    if result.eligible or result.rule_set is None or any(code not in DATE_CHECKS for code in result.failed):
        return []
    stay = result.stay
    plain = {**request, "start": stay.start.isoformat(), "end": stay.end.isoformat()}
    found = [_nearest_end(plain, rules, result), _nearest_start(plain, rules, result)]
    return [suggestion for suggestion in found if suggestion is not None]
