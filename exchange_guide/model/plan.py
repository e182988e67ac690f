"""What content/plan.yml may hold: the texts of the plan below the calculator's result, of its
calendar file, of the suggestions, "Check your answers" and "What to put in your application".

The step ids and the reasons a step has no date come from calculators.plan, so a new step
cannot go without its text.
"""

from __future__ import annotations

from calculators.plan import NO_DATE_CODES, STEP_IDS

from .schema import Record, Text, Texts

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
        late_considered=Text(),
        late_not_stated=Text(),
        calendar=Text(),
    ),
    suggestions=Texts("heading", "end", "start", "apply", "none"),
    check_answers=Texts("heading", "change"),
    application=Texts("heading", "figures", "SE", "dk_2007_heading", "dk_2007", "other"),
)
