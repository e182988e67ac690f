"""What content/calculator.yml (the calculator page's texts) and content/exchange_rates.yml may hold.

The codes the page needs a text for (form fields, error, check and cover reasons, rule value
names) come from `calculators`, so a new code in the rules cannot go without its text.
"""

from __future__ import annotations

from typing import Any

import calculators
from calculators.codes import COUNTRIES, CURRENCIES, ROUNDING_MODES, VALUE_NAMES
from calculators.totals import Rates

from .schema import Country, Date, F, Id, Int, ListOf, Money, OneOf, Record, Ref, Text, Texts, Validator

RESULT_KEYS = (
    "heading",
    "eligible",
    "eligible_unclear",  # eligible on our reading, with a condition no source settles
    "unclear_note",
    "not_eligible",
    "stipend",
    "up_to",  # the ceiling: "up to {amount}" (the sources give the stipend as a maximum)
    "checks",
    "passed",
    "failed",
    "unclear",
    "breakdown",
    "stay",
    "rounding",
    "rule_set",
    "costs",
    "travel",
    "travel_unknown",
    "moving",
    "home_trip",
    "covered",
    "not_covered",
    "total",
    "total_no_journey",  # the journey is covered, but without its price it is not in the total
    "converted",
    "rate_note",
    "uncertain",
    "estimate_note",
    "permalink",
    "print",
)
# Result texts with a count `{n}`: a form per CLDR plural category (model/plurals.py).
RESULT_COUNTED = (
    "whole_months",
    "extra_days",
    "months_line",
    "extra_line",
    "leave_line",
    "leave_kept",
    "family_travel",
)
EXAMPLE_COLUMNS = ("home", "host", "stay", "leave_days", "eligible", "stipend")


def _labelled() -> Record:
    # `missing`: the field's own message when it is left empty ("Choose where you work").
    return Record(label=Text(), hint=F(Text(), required=False), missing=F(Text(), required=False))


CALCULATOR = Record(
    page=Record(title=Text(), description=Text(), intro=Text(markdown=True)),
    form=Record(
        heading=Text(),
        **{name: _labelled() for name in calculators.FIELDS},
        choose=Text(),
        submit=Text(),
        loading=Text(),
        progress=Text(),
        almost_ready=Text(),
        queued=Text(),
        load_failed=Text(),
        no_script=Text(),
        # Each date field's hint ends with an example ({example}): this date, written as the page's
        # language writes dates in short, in the order the field reads them.
        date_example=Date(),
        date_hint=Text(),
    ),
    errors=Texts("title_prefix", "summary_title", *calculators.ERROR_CODES),
    result=Record(**{key: Text() for key in RESULT_KEYS}, **{key: Text(counted=True) for key in RESULT_COUNTED}),
    # A text for each outcome each check can have (calculators.CHECK_OUTCOMES: ok, fail, unclear).
    reasons=Record(**{code: Texts(*outcomes) for code, outcomes in calculators.CHECK_OUTCOMES.items()}),
    covered=Texts(*calculators.COVER_REASONS),
    how_it_works=Record(
        heading=Text(), body=Text(markdown=True), sources=F(ListOf(Ref("source"), unique_id=None), required=False)
    ),
    # The rule tables: a name for every value, and how each rounding mode reads. A mode needs its
    # text only once rules.yml uses it (the loader checks that).
    rules=Record(
        heading=Text(),
        intro=Text(),
        valid=Text(),
        open_ended=Text(),
        for_home=Text(),
        general=Text(),
        value=Text(),
        amount=Text(),
        names=Texts(*VALUE_NAMES),
        answer_yes=Text(),
        answer_no=Text(),
        **{mode: F(Text(), required=False) for mode in ROUNDING_MODES},
    ),
    examples=Record(
        heading=Text(),
        intro=Text(),
        columns=Texts(*EXAMPLE_COLUMNS),
        items=ListOf(
            Record(
                id=Id(),
                home=Country(),
                host=Country(),
                start=Date(),
                end=Date(),
                leave_days=F(Int(0, 366), required=False),
            )
        ),
    ),
)


# Units of a currency for one DKK: ISK is about 20, EUR about 0.13; an exponent or a misplaced
# point by several places does not pass.
RATE = Money(digits=5, places=6, positive=True)


class _PerDkk(Validator):
    """Units of every calculator currency for one Danish krone."""

    def check(self, value, at):
        if not isinstance(value, dict):
            at.error("expected a mapping from currency code to rate")
            return None
        result = {}
        for code in CURRENCIES:
            if code not in value:
                at.error(f"missing a rate for {code}")
                continue
            amount = RATE.check(value[code], at.child(code))
            if amount is not None:
                result[code] = str(amount)
        for code in value:
            if code not in CURRENCIES:
                at.child(code).error(f"unknown currency; the calculator knows {', '.join(CURRENCIES)}")
        return result if len(result) == len(CURRENCIES) else None

    def describe(self):
        return f"units of {', '.join(CURRENCIES)} for one DKK"

    def json_schema(self, languages):
        amount = {"description": "units for one DKK (not 0)", **RATE.json_schema(languages)}
        return {
            "type": "object",
            "properties": {code: amount for code in CURRENCIES},
            "required": list(CURRENCIES),
            "additionalProperties": False,
        }


RATES = Record(
    date=Date(),
    source=Ref("source"),
    per_dkk=_PerDkk(),
    rounding=Record(quantum=OneOf("1", name="rounding quantum"), mode=OneOf("half_up", name="rounding mode")),
    home_currency=Record(**{code: OneOf(*CURRENCIES, name="currency") for code in COUNTRIES}),
)


def compile_rates(rates: dict[str, Any]) -> Rates:
    """Plain JSON-able rates for calculators.totals and the browser."""
    return {
        "date": rates["date"].isoformat(),
        "source": rates["source"],
        "per_dkk": rates["per_dkk"],
        "rounding": rates["rounding"],
        "home_currency": rates["home_currency"],
    }
