"""For a stay that does not qualify: the nearest dates that would make it qualify.

`suggestions` gives the nearest end date keeping the start, and the nearest start date keeping
the end. Both are worked out from the rule set's limits, not searched for day by day: with a given
start, the ends that qualify lie between the first and the last allowed end (within the start's
year where that is required, and long enough for the leave days); with a given end, the starts
that qualify lie in one span for each rule set a start may pick (a start date picks the rule set),
found by halving, since a later start never allows an earlier end. Each suggestion is then checked
by one full estimate, so what is suggested is what the calculator answers for it. So an answer
takes a few estimates whatever the dates: the page recalculates on every change of the form.

Only the length and calendar-year checks can be mended by a date; a host outside the programme,
or a start that no rule set covers, gives none.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator, Mapping

from .codes import FIRST_DAY, LAST_DAY, LONGEST
from .errors import InvalidRequest
from .estimate import estimate
from .months import last_day_within
from .rules import Rules, RuleSet, choose_rule_set, duration

# Checks that another start or end date can mend.
DATE_CHECKS = ("min_duration", "max_duration", "same_calendar_year")
# How far before the end a start may lie: the longest stay any rule may allow, with room for the
# month arithmetic.
_REACH = dt.timedelta(days=LONGEST["days"] + 31)
ONE_DAY = dt.timedelta(days=1)


def _eligible(request: Mapping, rules: Rules, field: str, day: dt.date):
    try:
        result = estimate({**request, field: day.isoformat()}, rules)
    except InvalidRequest:  # (not expected: the spans below keep every date valid)
        return None
    return result if result.eligible else None


def _suggestion(field: str, day: dt.date, result) -> dict:
    return {"field": field, "value": day.isoformat(), "max_stipend_dkk": result.max_stipend_dkk}


def _clamp(day: dt.date, low: dt.date, high: dt.date) -> dt.date:
    return min(max(day, low), high)


def _nearest_end(request: Mapping, rules: Rules, result) -> dict | None:
    """Keeping the start (and so the rule set), the qualifying ends lie between the first and the
    last allowed end, within the start's year where that is required, and leave the stay at least
    as many days as the leave: the nearest is the given end moved into that span."""
    stay, checks = result.stay, {check.code: check for check in result.checks}
    low = max(checks["min_duration"]["first_allowed_end"], stay.start + (stay.leave_days - 1) * ONE_DAY)
    high = min(checks["max_duration"]["last_allowed_end"], LAST_DAY)
    if "same_calendar_year" in checks:
        high = min(high, dt.date(stay.start.year, 12, 31))
    if low > high:
        return None
    day = _clamp(stay.end, low, high)
    found = _eligible(request, rules, "end", day)
    return found and _suggestion("end", day, found)


def _periods(rules: Rules, home: str, low: dt.date, high: dt.date) -> Iterator[tuple[dt.date, dt.date, RuleSet]]:
    """(first, last, rule set) for each stretch of low..high in which a start picks the same rule
    set: the choice changes only where a rule set for this home begins or ends."""
    found = {low, high + ONE_DAY}
    for rule_set in rules["rule_sets"]:
        valid_to = rule_set["valid_to"]
        if home in (rule_set["home"] or [home]):
            found.add(dt.date.fromisoformat(rule_set["valid_from"]))
            if valid_to:
                found.add(dt.date.fromisoformat(valid_to) + ONE_DAY)
    edges = sorted(edge for edge in found if low <= edge <= high + ONE_DAY)
    for first, after in itertools.pairwise(edges):
        chosen = choose_rule_set(rules, home, first)
        if chosen is not None:
            yield first, after - ONE_DAY, chosen


def _first_where(low: dt.date, high: dt.date, holds) -> dt.date | None:
    """The first day in low..high where `holds`, which once true stays true; None if never."""
    if low > high or not holds(high):
        return None
    while low < high:
        middle = low + (high - low) // 2
        low, high = (low, middle) if holds(middle) else (middle + ONE_DAY, high)
    return low


def _starts(values: dict, end: dt.date, low: dt.date, high: dt.date) -> tuple[dt.date, dt.date] | None:
    """The starts in low..high with which a stay ending on `end` qualifies under `values`: late
    enough for the longest stay, early enough for the shortest, in the end's year if required."""
    longest, shortest = duration(values["max_duration"]), duration(values["min_duration"])
    if values["same_calendar_year"]["required"]:
        low = max(low, dt.date(end.year, 1, 1))
    earliest = _first_where(low, high, lambda start: last_day_within(start, **longest) >= end)
    too_late = _first_where(low, high, lambda start: last_day_within(start, **shortest) > end)
    latest = high if too_late is None else too_late - ONE_DAY
    return (earliest, latest) if earliest is not None and earliest <= latest else None


def _nearest_start(request: Mapping, rules: Rules, result) -> dict | None:
    """Keeping the end, the qualifying start nearest to the given one (the earlier on a tie)."""
    stay = result.stay
    low = max(FIRST_DAY, stay.end - _REACH)
    high = stay.end - (max(stay.leave_days, 1) - 1) * ONE_DAY  # the stay holds its leave days
    spans = [
        span
        for first, last, rule_set in _periods(rules, stay.home, low, high)
        if (span := _starts(rule_set["values"], stay.end, first, last))
    ]
    candidates = sorted((_clamp(stay.start, *span) for span in spans), key=lambda day: (abs(day - stay.start), day))
    for day in candidates[:3]:  # the first qualifies; the others only if another check intervenes
        found = _eligible(request, rules, "start", day)
        if found:
            return _suggestion("start", day, found)
    return None


def suggestions(request: Mapping, result, rules: Rules) -> list[dict]:
    """`result` is the estimate of `request`."""
    if result.eligible or result.rule_set is None or any(code not in DATE_CHECKS for code in result.failed):
        return []
    stay = result.stay
    plain = {**request, "start": stay.start.isoformat(), "end": stay.end.isoformat()}
    found = [_nearest_end(plain, rules, result), _nearest_start(plain, rules, result)]
    return [suggestion for suggestion in found if suggestion is not None]
