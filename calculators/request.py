"""Turn what a form (or the CLI) sends into a checked `Stay`, or raise InvalidRequest.

Every field is checked, so one InvalidRequest lists all wrong fields at once. Values may be
strings as typed into a form, or Python values (date, int, Decimal).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .codes import COUNTRIES, CURRENCIES, FIRST_DAY, LAST_DAY
from .errors import FieldError, InvalidRequest

# Sanity bounds, not rules of the programme: they catch typing mistakes (an extra zero or
# two) before they turn into a nonsense estimate. No single round trip within the Nordic
# region costs anywhere near 100000 in any of the accepted currencies except ISK, and
# 100000 ISK is still above the price of a return flight; a family of more than 20 moving
# along is not a realistic application.
MAX_TRAVEL_COST = Decimal(100000)
MAX_FAMILY_MEMBERS = 20
# The longest text a field may hold (a date has 10 characters, an amount a dozen): a longer one is
# refused before it is read as a number or a date, so no request costs more than a short one.
MAX_FIELD_CHARS = 40

# A date written year-month-day in digits: 2026-03-02, or 2026-3-2. A part may be missing (a date
# not finished) or may not make a day (2026-02-30): each is a mistake of its own, with its own code.
_DATE = re.compile(r"(\d*)-(\d*)-(\d*)")
_WHOLE_NUMBER = re.compile(r"([+-]?)0*(\d+)")
# Digits with at most one decimal separator; a comma is accepted because Nordic forms use it.
_AMOUNT = re.compile(r"([+-]?)(\d+)(?:[.,](\d+))?")
_DIGITS = re.compile(r"\s*[+-]?[\d.,]+\s*")
# Anything longer than this many digits is far beyond every bound used here; keeping it as
# "huge" avoids converting absurdly long digit strings.
_HUGE = 10**9


@dataclass(frozen=True)
class Stay:
    home: str
    host: str
    start: dt.date
    end: dt.date
    leave_days: int
    travel_cost: Decimal | None
    travel_currency: str | None
    family_members: int


class _Problem(Exception):
    def __init__(self, code: str):
        self.code = code


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _short(value, problem: str, not_digits: str = "not_a_number"):
    """`value`, unless it is a text too long for any field: then `problem` ("too_large" only for
    digits: a long text of anything else is not a number at all, `not_digits`)."""
    if isinstance(value, str) and len(value) > MAX_FIELD_CHARS:
        raise _Problem(not_digits if problem == "too_large" and not _DIGITS.fullmatch(value) else problem)
    return value


def _code(value, known: tuple[str, ...], problem: str) -> str:
    """A country or currency code, in any case: "se" is SE."""
    if _blank(_short(value, problem)):
        raise _Problem("required")
    if not isinstance(value, str) or value.strip().upper() not in known:
        raise _Problem(problem)
    return value.strip().upper()


def _date(value) -> dt.date:
    """A real date written year-month-day (or a date) between FIRST_DAY and LAST_DAY."""
    if _blank(_short(value, "bad_date")):
        raise _Problem("required")
    if isinstance(value, dt.datetime):
        value = value.date()
    elif isinstance(value, str):
        value = _date_from_text(value.strip())
    if not isinstance(value, dt.date):
        raise _Problem("bad_date")
    if not FIRST_DAY <= value <= LAST_DAY:
        raise _Problem("date_out_of_range")
    return value


def _date_from_text(text: str) -> dt.date:
    # Only year-month-day in digits: fromisoformat accepts other ISO forms too, and differently
    # across Python versions (CPython here, Pyodide in the browser).
    match = _DATE.fullmatch(text)
    if not match:
        raise _Problem("bad_date")
    if not all(match.groups()):
        raise _Problem("date_incomplete")
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except (ValueError, OverflowError):  # no such day, or digits beyond any year
        raise _Problem("date_not_real") from None


def parse_today(value) -> dt.date | None:
    """The caller's date for the plan (never read from the clock here): None when not a date."""
    try:
        return _date(value)
    except _Problem:
        return None


def _whole_number(value, default: int = 0) -> int:
    """A count of days or people: a whole number, never a fraction."""
    if _blank(_short(value, "too_large", "not_a_whole_number")):
        return default
    if isinstance(value, bool):
        raise _Problem("not_a_whole_number")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            raise _Problem("not_a_whole_number")
        number = int(value)
    elif isinstance(value, Decimal):
        if not value.is_finite() or value != value.to_integral_value():
            raise _Problem("not_a_whole_number")
        number = int(value) if abs(value) <= _HUGE else (_HUGE if value > 0 else -_HUGE)
    elif isinstance(value, str):
        match = _WHOLE_NUMBER.fullmatch(value.strip())
        if not match:
            raise _Problem("not_a_whole_number")
        sign, digits = match.groups()
        number = int(digits) if len(digits) <= 9 else _HUGE
        number = -number if sign == "-" else number
    else:
        raise _Problem("not_a_whole_number")
    if number < 0:
        raise _Problem("negative")
    return number


def _amount(value) -> Decimal | None:
    """The travel cost as entered, as a Decimal (never a float)."""
    if _blank(_short(value, "too_large")):
        return None
    if isinstance(value, bool):
        raise _Problem("not_a_number")
    if isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, float):
        # repr gives the shortest text that reads back as the same float, e.g. 1234.5
        try:
            amount = Decimal(repr(value))
        except InvalidOperation:
            raise _Problem("not_a_number") from None
    elif isinstance(value, Decimal):
        amount = value
    elif isinstance(value, str):
        match = _AMOUNT.fullmatch(value.strip())
        if not match:
            raise _Problem("not_a_number")
        sign, whole, fraction = match.groups()
        amount = Decimal(f"{sign}{whole}.{fraction}" if fraction else f"{sign}{whole}")
    else:
        raise _Problem("not_a_number")
    if not amount.is_finite():
        raise _Problem("not_a_number")
    if amount < 0:
        raise _Problem("negative")
    if amount > MAX_TRAVEL_COST:
        raise _Problem("too_large")
    return amount


def parse_request(request: Mapping) -> Stay:
    """Check every field of `request`; raise InvalidRequest listing all problems."""
    if not isinstance(request, Mapping):
        raise TypeError("the request must be a mapping of form fields")
    errors: list[FieldError] = []
    parsed: dict = {}

    def take(field: str, parse, *args):
        try:
            parsed[field] = parse(request.get(field), *args)
        except _Problem as problem:
            errors.append(FieldError(field, problem.code))

    take("home", _code, COUNTRIES, "unknown_country")
    take("host", _code, COUNTRIES, "unknown_country")
    take("start", _date)
    take("end", _date)
    if "start" in parsed and "end" in parsed and parsed["end"] < parsed["start"]:
        errors.append(FieldError("end", "end_before_start"))
        del parsed["end"]
    take("leave_days", _whole_number)
    if all(key in parsed for key in ("leave_days", "start", "end")) and (
        parsed["leave_days"] > (parsed["end"] - parsed["start"]).days + 1
    ):
        errors.append(FieldError("leave_days", "too_many_leave_days"))
    take("travel_cost", _amount)
    if parsed.get("travel_cost") is not None:
        take("travel_currency", _code, CURRENCIES, "unknown_currency")
    elif not _blank(request.get("travel_currency")):
        # A currency without an amount is harmless, but a wrong one is still a mistake.
        take("travel_currency", _code, CURRENCIES, "unknown_currency")
        parsed["travel_currency"] = None
    take("family_members", _whole_number)
    if parsed.get("family_members", 0) > MAX_FAMILY_MEMBERS:
        errors.append(FieldError("family_members", "too_large"))
    if errors:
        raise InvalidRequest(errors)
    return Stay(
        home=parsed["home"],
        host=parsed["host"],
        start=parsed["start"],
        end=parsed["end"],
        leave_days=parsed["leave_days"],
        travel_cost=parsed.get("travel_cost"),
        travel_currency=parsed.get("travel_currency"),
        family_members=parsed["family_members"],
    )
