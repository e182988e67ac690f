"""JSON in, JSON out: the entry point for the browser (Pyodide), where passing text is simplest.

`run_json(request_json, rules_json, rates_json=None)` returns either {"ok": true, "result": {...}}
(with "totals" when rates are given) or {"ok": false, "errors": [{"field": ..., "code": ...}, ...]}
as JSON text; it never raises for bad input. `answerer(rules_json, rates_json=None)` reads the rules
and rates once and returns the same function of the request alone: the browser's worker keeps it,
so that a recalculation does not read the rules again.

The result carries the plan (calculators/plan.py) and, for a stay that does not qualify, the
suggestions (calculators/suggest.py). Two request keys besides the form's fields: "today"
(YYYY-MM-DD, the caller's date: marks the deadlines that have passed; not a valid date = not
given) and "ics" (the words of calculators/ics.py in one language: the answer then has "ics",
the file's text, and "plan_notes", each step's note in those words).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

from .errors import InvalidRequest
from .estimate import estimate
from .ics import calendar, step_notes
from .plan import make_plan
from .request import parse_today
from .result import plain
from .rules import choose_rule_set
from .suggest import suggestions
from .totals import totals


def planned(request: dict, rules: dict, today: dt.date | None = None) -> dict:
    """The estimate's dict with "plan" and "suggestions" added."""
    found = estimate(request, rules)
    rule_set = choose_rule_set(rules, found.stay.home, found.stay.start)
    steps = make_plan(found.stay.start, found.stay.end, rule_set and rule_set["values"], today)
    result = found.to_dict()
    result["plan"] = plain(steps)
    result["suggestions"] = suggestions(request, found, rules)
    return result


def run(request: dict, rules: dict, rates: dict | None = None) -> dict:
    today = parse_today(request.get("today"))
    try:
        result = planned(request, rules, today)
    except InvalidRequest as error:
        return {"ok": False, **error.to_dict()}
    answer = {"ok": True, "result": result}
    if rates is not None:
        answer["totals"] = totals(result, rates)
    if isinstance(request.get("ics"), dict):
        answer["ics"] = calendar(result["plan"], result, request["ics"], today)
        answer["plan_notes"] = step_notes(result["plan"], request["ics"])
    return answer


def answerer(rules_json: str, rates_json: str | None = None) -> Callable[[str], str]:
    """run_json with these rules and rates: a function of the request's JSON text alone."""
    rules = json.loads(rules_json)
    rates = json.loads(rates_json) if rates_json else None

    def answer(request_json: str) -> str:
        request = json.loads(request_json)
        if not isinstance(request, dict):
            request = {}
        return json.dumps(run(request, rules, rates), ensure_ascii=False, sort_keys=True)

    return answer


def run_json(request_json: str, rules_json: str, rates_json: str | None = None) -> str:
    return answerer(rules_json, rates_json)(request_json)
