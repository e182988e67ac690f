"""Calendar arithmetic for stays: days of service, whole months and extra days.

No source says how a month of service is counted, so the guide states its own rule and
every function here follows it:

* Days of service count the start and the end day (inclusive).
* The n-th *anniversary* of a stay is the same day-of-month n months after the start date.
  If that day does not exist in that month (the 29th-31st in a short month), the
  anniversary is the 1st of the following month.
* Month n of the stay ends the day before the n-th anniversary. So from 2026-03-02 month 1
  ends on 2026-04-01; from 2026-01-31 it ends on 2026-02-28 (anniversary 2026-03-01); from
  2024-01-31 it ends on 2024-02-29.
* Whole months are the months that end on or before the end date; the days after the last
  whole month are *extra days*.

Each anniversary is computed from the start date, never by stepping from the previous one,
so a short month early in the stay does not shift the later months.

Stays lie between calculators.codes.FIRST_DAY and LAST_DAY (the request is checked), and rule
lengths are at most ten years, so no date here comes near the end of Python's calendar.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

ONE_DAY = dt.timedelta(days=1)


def days_in_month(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def anniversary(start: dt.date, n: int) -> dt.date:
    """The n-th anniversary of `start` (n >= 0)."""
    if n < 0:
        raise ValueError("n must not be negative")
    year, month = divmod(start.year * 12 + (start.month - 1) + n, 12)
    month += 1
    if start.day <= days_in_month(year, month):
        return dt.date(year, month, start.day)
    # The day does not exist in that month: the anniversary is the 1st of the next month.
    return dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)


def month_end(start: dt.date, n: int) -> dt.date:
    """The last day of month n of a stay starting on `start` (n >= 1): the day before the
    n-th anniversary."""
    if n < 1:
        raise ValueError("n must be at least 1")
    return anniversary(start, n) - ONE_DAY


def whole_months(start: dt.date, end: dt.date) -> int:
    """How many whole months of service lie between start and end (both inclusive)."""
    if end < start:
        raise ValueError("end before start")
    # The calendar-month difference is the answer or one too many/few; anniversaries only grow,
    # so step down from one above it.
    n = (end.year - start.year) * 12 + (end.month - start.month) + 1
    while n > 0 and month_end(start, n) > end:
        n -= 1
    return n


@dataclass(frozen=True)
class Span:
    """How long a stay is: days (inclusive), whole months and the extra days after them."""

    days: int
    months: int
    extra_days: int


def span(start: dt.date, end: dt.date) -> Span:
    days = (end - start).days + 1
    months = whole_months(start, end)
    extra_days = days if months == 0 else (end - month_end(start, months)).days
    return Span(days=days, months=months, extra_days=extra_days)


def last_day_within(start: dt.date, *, days: int = 0, weeks: int = 0, months: int = 0) -> dt.date:
    """The last day a stay of the given length can end on (e.g. "6 months" from 2026-01-05 is
    2026-07-04; "14 days" from 2026-03-02 is 2026-03-15)."""
    if months:
        return month_end(start, months)
    length = days + 7 * weeks
    if length < 1:
        raise ValueError("a length of at least one day is needed")
    return start + dt.timedelta(days=length - 1)


def lasts_at_least(start: dt.date, end: dt.date, **length: int) -> bool:
    return end >= last_day_within(start, **length)
