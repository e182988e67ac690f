"""The facts about the rules that every other part shares: one home, read by the content
schema (exchange_guide.model), the pages, and the browser (through the page's JSON).

Nothing here is a rule parameter: amounts, lengths and dates are in content/rules.yml.
"""

from __future__ import annotations

import datetime as dt

COUNTRIES = ("DK", "FI", "IS", "NO", "SE", "FO", "GL", "AX")
CURRENCIES = ("DKK", "SEK", "NOK", "EUR", "ISK")
DURATION_UNITS = ("days", "weeks", "months")
# The longest length a rule may state in each unit: ten years.
LONGEST = {"days": 3653, "weeks": 522, "months": 120}
ROUNDING_MODES = ("half_up", "half_even", "down", "up")

# Every value a rule set may hold, in the order the rule tables list them, with its kind: what
# the value's own field is (besides `source`, `uncertain` and `note`) and how it is put in words.
VALUE_KINDS = {
    "monthly_stipend": "amount",  # {amount, currency}
    "min_duration": "duration",  # exactly one of {days, weeks, months}
    "max_duration": "duration",
    # {codes}: places where this rule set's length limits may be meant for stays there rather than
    # for the staff employed there (a reading of the source): shown, uncertain, beside such stays.
    "limits_for_stays_in": "countries",
    "hosts": "countries",  # {codes}
    # {states: {territory: the state it belongs to}}: no source says whether staff employed in a
    # territory can apply, nor whether a stay between a territory and its state counts as going
    # to another Nordic country; such stays are marked unclear, never refused.
    "territories": "territories",
    "same_calendar_year": "required",  # {required: yes/no}
    "round_trips": "count",  # {count}
    "family_travel": "from_months",  # {from_months}: covered for stays of at least that long
    "moving": "from_months",
    "home_trip": "from_months",
    "report_deadline": "duration",
    "leave_reduces_stipend": "applies",  # {applies: yes/no}
    "partial_month": "days_per_month",  # {days_per_month}
    "rounding": "rounding",  # {quantum, mode}
}
VALUE_NAMES = tuple(VALUE_KINDS)
# Values a rule set may leave out (absent = that cost is not covered / no deadline is known).
OPTIONAL_VALUES = ("limits_for_stays_in", "territories", "family_travel", "moving", "home_trip", "report_deadline")
REQUIRED_VALUES = tuple(name for name in VALUE_NAMES if name not in OPTIONAL_VALUES)
# Values only the plan uses (calculators/plan.py), all optional: absent = the sources give none.
PLAN_VALUES = (
    "application_deadline",  # {rolling: yes} or {month, day, before, years_before}
    "decision_time",  # how long a decision usually takes (practice, not a rule)
)
# Kinds of value that a sentence can quote ({rule:set.name}): a number with or without a unit.
SENTENCE_KINDS = ("amount", "duration", "from_months", "count", "days_per_month")

# Dates a stay may have (others are `date_out_of_range`): wide enough for any real application and for
# every rule set in rules.yml, narrow enough that no date arithmetic, even with the LONGEST
# lengths, reaches the end of Python's calendar.
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2199, 12, 31)
