"""The one exception for bad input: it names every form field that is wrong, with a code."""

from __future__ import annotations

from dataclasses import dataclass

# Form fields, as the calculator form and the CLI name them.
FIELDS = ("home", "host", "start", "end", "leave_days", "travel_cost", "travel_currency", "family_members")

# Error codes; the texts for them live in the per-language strings of the site.
ERROR_CODES = (
    "required",  # the field is empty
    "unknown_country",  # not one of DK FI IS NO SE FO GL AX
    "bad_date",  # not a date written year-month-day in digits (2026-03-02)
    "date_incomplete",  # written year-month-day, with the day, the month or the year missing
    "date_not_real",  # no such day in the calendar: 2026-02-30, a 13th month
    "date_out_of_range",  # a real day outside FIRST_DAY-LAST_DAY (codes.py): 1850-03-02
    "end_before_start",
    "negative",
    "not_a_number",  # not an amount (travel cost)
    "not_a_whole_number",  # not a whole number (days, people)
    "too_many_leave_days",  # more leave days than days of service
    "too_large",  # above a sanity bound (see request.py)
    "unknown_currency",  # not one of DKK SEK NOK EUR ISK
)


@dataclass(frozen=True)
class FieldError:
    field: str
    code: str

    def to_dict(self) -> dict:
        return {"field": self.field, "code": self.code}


class InvalidRequest(ValueError):
    """Raised for any bad input. `errors` lists every (field, code) found, in form order,
    so a form can mark all wrong fields at once; `field` and `code` are the first one."""

    def __init__(self, errors: list[FieldError]):
        if not errors:
            raise ValueError("InvalidRequest needs at least one error")
        self.errors = list(errors)
        super().__init__("; ".join(f"{e.field}: {e.code}" for e in self.errors))

    @property
    def field(self) -> str:
        return self.errors[0].field

    @property
    def code(self) -> str:
        return self.errors[0].code

    def to_dict(self) -> dict:
        return {"errors": [e.to_dict() for e in self.errors]}
