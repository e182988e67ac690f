"""The month arithmetic the site states (calculators/months.py): anniversaries are counted
from the start date; a day missing from a month moves the anniversary to the 1st of the next."""

from __future__ import annotations

import datetime as dt

import pytest

import calculators
from calculators import months

D = dt.date


@pytest.mark.parametrize(
    "start, n, anniversary",
    [
        (D(2026, 3, 2), 1, D(2026, 4, 2)),
        (D(2026, 1, 31), 1, D(2026, 3, 1)),  # no 31 February: the 1st of March
        (D(2024, 1, 31), 1, D(2024, 3, 1)),  # leap year: still no 31 February
        (D(2026, 1, 29), 1, D(2026, 3, 1)),  # no 29 February in 2026
        (D(2024, 1, 29), 1, D(2024, 2, 29)),  # but in 2024
        (D(2026, 1, 31), 2, D(2026, 3, 31)),  # from the start date, not from 1 March
        (D(2026, 3, 31), 1, D(2026, 5, 1)),  # no 31 April
        (D(2026, 8, 31), 6, D(2027, 3, 1)),
        (D(2026, 12, 31), 2, D(2027, 3, 1)),
        (D(2026, 11, 30), 3, D(2027, 3, 1)),
        (D(2024, 2, 29), 12, D(2025, 3, 1)),  # a leap day's anniversary in a common year
        (D(2024, 2, 29), 48, D(2028, 2, 29)),
        (D(2026, 5, 17), 0, D(2026, 5, 17)),
    ],
)
def test_anniversary(start, n, anniversary):
    assert months.anniversary(start, n) == anniversary


@pytest.mark.parametrize(
    "start, n, last_day",
    [
        (D(2026, 3, 2), 1, D(2026, 4, 1)),  # the site's example
        (D(2026, 1, 31), 1, D(2026, 2, 28)),  # the site's example
        (D(2024, 1, 31), 1, D(2024, 2, 29)),  # the site's example
        (D(2026, 1, 31), 2, D(2026, 3, 30)),  # stepping month by month would give 31 March
        (D(2026, 1, 5), 6, D(2026, 7, 4)),  # "6 months" from 2026-01-05
        (D(2026, 2, 28), 1, D(2026, 3, 27)),
        (D(2026, 1, 1), 12, D(2026, 12, 31)),
    ],
)
def test_month_end_is_the_day_before_the_anniversary(start, n, last_day):
    assert months.month_end(start, n) == last_day


def test_anniversaries_are_not_stepped_from_the_previous_one():
    start = D(2026, 1, 31)
    stepped = months.anniversary(months.anniversary(start, 1), 1)  # from 1 March: 1 April
    assert stepped == D(2026, 4, 1)
    assert months.anniversary(start, 2) == D(2026, 3, 31)


@pytest.mark.parametrize(
    "start, end, days, whole, extra",
    [
        (D(2026, 3, 2), D(2026, 5, 1), 61, 2, 0),
        (D(2026, 3, 2), D(2026, 3, 15), 14, 0, 14),
        (D(2026, 3, 2), D(2026, 3, 2), 1, 0, 1),
        (D(2026, 3, 2), D(2026, 4, 1), 31, 1, 0),
        (D(2026, 3, 2), D(2026, 4, 2), 32, 1, 1),
        (D(2026, 1, 31), D(2026, 2, 28), 29, 1, 0),
        (D(2026, 1, 31), D(2026, 2, 27), 28, 0, 28),
        (D(2026, 1, 31), D(2026, 3, 30), 59, 2, 0),
        (D(2024, 1, 31), D(2024, 2, 29), 30, 1, 0),
        (D(2024, 1, 31), D(2024, 2, 28), 29, 0, 29),
        (D(2026, 1, 30), D(2026, 2, 28), 30, 1, 0),  # anniversary 1 March as well
        (D(2026, 3, 31), D(2026, 5, 30), 61, 2, 0),  # anniversaries 1 May, 31 May
        (D(2026, 3, 1), D(2026, 5, 31), 92, 3, 0),
        (D(2007, 1, 1), D(2007, 12, 31), 365, 12, 0),
    ],
)
def test_span(start, end, days, whole, extra):
    assert months.span(start, end) == months.Span(days, whole, extra)


@pytest.mark.parametrize(
    "length, start, last_day",
    [
        ({"months": 6}, D(2026, 1, 5), D(2026, 7, 4)),
        ({"days": 14}, D(2026, 3, 2), D(2026, 3, 15)),
        ({"weeks": 2}, D(2026, 3, 2), D(2026, 3, 15)),
        ({"months": 3}, D(2026, 1, 1), D(2026, 3, 31)),
        ({"months": 1}, D(2026, 1, 31), D(2026, 2, 28)),
    ],
)
def test_limits_use_the_same_month_arithmetic(length, start, last_day):
    assert months.last_day_within(start, **length) == last_day
    assert months.lasts_at_least(start, last_day, **length)
    assert not months.lasts_at_least(start, last_day - dt.timedelta(days=1), **length)


def test_dates_outside_the_calendar_of_stays_are_out_of_range():
    """Stays lie between FIRST_DAY and LAST_DAY: a real day outside is `date_out_of_range`; a day
    the calendar does not have is `date_not_real`, one with a part missing `date_incomplete`."""
    from calculators.codes import FIRST_DAY, LAST_DAY, LONGEST

    base = {"home": "SE", "host": "NO", "start": "2026-03-02", "end": "2026-05-01"}
    for field, value, code in (
        ("start", "1899-12-31", "date_out_of_range"),
        ("end", "2200-01-01", "date_out_of_range"),
        ("end", "9999-12-31", "date_out_of_range"),
        ("start", D(1, 1, 1), "date_out_of_range"),
        ("start", "26-3-2", "date_out_of_range"),
        ("end", "2026-02-30", "date_not_real"),
        ("end", "2026-13-01", "date_not_real"),
        ("end", "99999-01-01", "date_not_real"),
        ("start", "2026--02", "date_incomplete"),
        ("start", "01.05.2026", "bad_date"),
    ):
        with pytest.raises(calculators.InvalidRequest) as caught:
            calculators.parse_request({**base, field: value})
        assert caught.value.errors == [calculators.FieldError(field, code)], (field, value)
    assert calculators.parse_request({**base, "start": "2026-3-2"}).start == D(2026, 3, 2)
    stay = calculators.parse_request({**base, "start": FIRST_DAY.isoformat(), "end": LAST_DAY.isoformat()})
    # The longest lengths a rule may state still give a date from the last day of the range.
    assert months.last_day_within(stay.end, months=LONGEST["months"]).year == LAST_DAY.year + 10
    assert months.last_day_within(stay.end, days=LONGEST["days"]) > LAST_DAY
    assert months.span(FIRST_DAY, LAST_DAY).months == 300 * 12
