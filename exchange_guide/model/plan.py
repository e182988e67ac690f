"""What content/plan.yml may hold: the texts of the plan below the calculator's result, of its
calendar file, of the suggestions, "Check your answers" and "What to put in your application".

The step ids and the reasons a step has no date come from calculators.plan, so a new step
cannot go without its text.
"""

from __future__ import annotations

from calculators.errors import FIELDS
from calculators.plan import NO_DATE_CODES, STEP_IDS

from .schema import ListOf, Record, Text, Texts

# The answers "Check your answers" lists, each with a Change link (the currency goes with the fare).
CHECKED_FIELDS = tuple(field for field in FIELDS if field != "travel_currency")

PLAN = Record(
    plan=Record(
        heading=Text(),
        intro=Text(),
        date_rule=Text(),
        steps=Texts(*STEP_IDS),
        no_date=Texts(*NO_DATE_CODES),
        report_rule=Text(),
        decision_within=Text(),
        passed=Text(),
        apply_passed=Text(),  # at the top of the result once the last day to apply has gone by
        late_considered=Text(),
        late_not_stated=Text(),
        calendar=Text(),
    ),
    suggestions=Texts("heading", "end", "start", "apply", "none"),
    check_answers=Record(heading=Text(), change=Text(), fields=Texts(*CHECKED_FIELDS)),
    application=Record(
        **{
            key: Text()
            for key in ("heading", "figures", "period", "stay", "journey", "SE", "dk_2007_heading", "dk_2007")
        },
        dk_2007_items=ListOf(Text(), unique_id=None),
        other=Text(),
    ),
)
