"""The plan for a stay: the steps with a date or an order, each date the LAST day on which the
step can still be done.

The steps follow content/steps.yml: talk to your manager, the host's written confirmation,
the last day to apply, the decision, the first and the last day of the stay, the last day to
send the report, and the employer's refund claim. A step whose date no source gives has
`date` None and says why (`no_date`), never a guessed date.

How a deadline becomes a date, as the calculator page states it:

* "before 1 December" is 30 November; "30 November for the following year" is 30 November of
  the year before the stay's start year (rules.yml: `before`, `years_before`).
* "within n months (weeks, days)" after the stay is counted as a period that starts the day after
  the stay's last day, by the one month rule of calculators/months.py that also counts the
  stipend's months: the deadline is that period's last day. Two months after a last day of
  31 December end on 28 February (29 in a leap year); n weeks are n x 7 days after the last day.

`today` is given by the caller (the command line's --today, the browser's own date): the rules
never read the clock. With `today`, each dated step says whether its date has passed.
"""

from __future__ import annotations

import datetime as dt

from . import months
from .rules import duration

# The steps, in the order they are done.
STEP_IDS = (
    "manager",
    "host_confirmation",
    "apply_by",
    "decision",
    "stay_start",
    "stay_end",
    "report_by",
    "refund_claim",
)

# Why a step has no date.
NO_DATE_CODES = (
    "no_source",  # no source gives a date for this step (it has only its place in the order)
    "rolling",  # applications are taken all year: no last day
    "not_stated",  # the home administration's sources give no deadline for this period
    "no_rule_set",  # no rules published for the stay's start date
)


def _value_ref(value: dict | None) -> dict:
    if value is None:
        return {"source": None, "uncertain": False}
    return {"source": value["source"], "uncertain": bool(value.get("uncertain"))}


def _step(
    step_id: str,
    date: dt.date | None,
    value: dict | None = None,
    rule: str | None = None,
    no_date: str | None = None,
    **details,
) -> dict:
    return {"id": step_id, "date": date, "rule": rule, **_value_ref(value), "no_date": no_date, **details}


def application_last_day(deadline: dict, start: dt.date) -> dt.date:
    """The last day to apply for a stay starting on `start`, from a non-rolling deadline."""
    day = dt.date(start.year - deadline.get("years_before", 0), deadline["month"], deadline["day"])
    return day - months.ONE_DAY if deadline.get("before") else day


def after_stay(end: dt.date, limit: dict) -> dt.date:
    """The last day of a deadline "within `limit`" after the stay's last day `end`: the last day of
    a period of that length starting the next day, as the stipend's months are counted."""
    return months.last_day_within(end + months.ONE_DAY, **limit)


def _apply_step(values: dict | None, start: dt.date) -> dict:
    if values is None:
        return _step("apply_by", None, no_date="no_rule_set")
    deadline = values.get("application_deadline")
    if deadline is None:
        return _step("apply_by", None, no_date="not_stated")
    if deadline.get("rolling"):
        return _step("apply_by", None, deadline, "application_deadline", no_date="rolling")
    return _step(
        "apply_by",
        application_last_day(deadline, start),
        deadline,
        "application_deadline",
        late_considered=bool(deadline.get("late_considered")),
    )


def _report_step(values: dict | None, end: dt.date) -> dict:
    deadline = (values or {}).get("report_deadline")
    if deadline is None:
        return _step("report_by", None, no_date="no_rule_set" if values is None else "not_stated")
    limit = duration(deadline)
    return _step("report_by", after_stay(end, limit), deadline, "report_deadline", limit=limit)


def make_plan(start: dt.date, end: dt.date, values: dict | None, today: dt.date | None = None) -> list[dict]:
    """The plan's steps in order (see the module docstring); `values` is the chosen rule set's
    values, None when no rule set covers the start date."""
    decision = (values or {}).get("decision_time")
    steps = [
        _step("manager", None, no_date="no_source"),
        _step("host_confirmation", None, no_date="no_source"),
        _apply_step(values, start),
        _step(
            "decision",
            None,
            decision,
            "decision_time" if decision else None,
            no_date="no_source",
            expect_within=duration(decision) if decision else None,
        ),
        _step("stay_start", start),
        _step("stay_end", end),
        _report_step(values, end),
        _step("refund_claim", None, no_date="no_source"),
    ]
    for order, step in enumerate(steps, 1):
        step["order"] = order
        step["passed"] = None if today is None or step["date"] is None else step["date"] < today
    return steps
