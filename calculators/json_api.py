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

What is read is bounded before anything is parsed: a request that is not a JSON object, is longer
than MAX_REQUEST_CHARS or nested deeper than MAX_NESTING is answered as an empty one (every
required field: "required"); a byte order mark before it is ignored; an integer too long for
Python to convert is kept as a Decimal (so it is "too_large" where a number is asked for); and an
"ics" that lacks any of the words the calendar needs is {"field": "ics", "code": "required"}.
Each form field's text is capped too (calculators/request.py), so an answer takes a few
milliseconds whatever the request.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable
from decimal import Decimal

from .errors import FieldError, InvalidRequest
from .estimate import estimate
from .ics import calendar, step_notes
from .plan import NO_DATE_CODES, STEP_IDS, make_plan
from .request import parse_today
from .result import plain
from .rules import Rules, choose_rule_set
from .suggest import suggestions
from .totals import Rates, totals


def planned(request: dict, rules: Rules, today: dt.date | None = None) -> dict:
    """The estimate's dict with "plan" and "suggestions" added."""
    found = estimate(request, rules)
    rule_set = choose_rule_set(rules, found.stay.home, found.stay.start)
    steps = make_plan(found.stay.start, found.stay.end, rule_set and rule_set["values"], today)
    result = found.to_dict()
    result["plan"] = plain(steps)
    result["suggestions"] = suggestions(request, found, rules)
    return result


# The page's requests, its words for the calendar included, are a few kilobytes and nest three
# levels deep. Deeper nesting is refused before the parser (recursive, in C) could exhaust the
# stack, which in Pyodide would end the worker rather than raise.
MAX_REQUEST_CHARS = 64_000
MAX_NESTING = 64
_BRACKET = re.compile(r"[\[\]{}]")
# The words calculators/ics.py takes, besides "lang" (optional) and "sources" (a mapping).
ICS_TEXTS = (
    "report_rule",
    "decision_within",
    "passed",
    "late_considered",
    "late_not_stated",
    "source_label",
    "uncertain",
)
ICS_WORDS = {"steps": STEP_IDS, "no_date": NO_DATE_CODES}


def _words_complete(words: object) -> bool:
    """True if `words` has every text the calendar and the steps' notes need ("lengths": the
    words for each length the rules hold, "2 months" -> "2 månader", in the page's language)."""

    def texts(mapping: object, keys: Iterable[str]) -> bool:
        return isinstance(mapping, dict) and all(isinstance(mapping.get(key), str) for key in keys)

    if not isinstance(words, dict):
        return False
    lengths = words.get("lengths")
    return (
        texts(words, ICS_TEXTS)
        and all(texts(words.get(name), keys) for name, keys in ICS_WORDS.items())
        and isinstance(lengths, dict)
        and texts(lengths, lengths)
        and isinstance(words.get("sources", {}), dict)
        and isinstance(words.get("lang", ""), str)
    )


def run(request: dict, rules: Rules, rates: Rates | None = None) -> dict:
    today = parse_today(request.get("today"))
    words = request.get("ics")
    bad_words = [FieldError("ics", "required")] if words is not None and not _words_complete(words) else []
    try:
        result = planned(request, rules, today)
    except InvalidRequest as error:
        return {"ok": False, "errors": [e.to_dict() for e in (*error.errors, *bad_words)]}
    if bad_words:
        return {"ok": False, **InvalidRequest(bad_words).to_dict()}
    answer = {"ok": True, "result": result}
    if rates is not None:
        answer["totals"] = totals(result, rates)
    if words is not None:
        answer["ics"] = calendar(result["plan"], result, words, today)
        answer["plan_notes"] = step_notes(result["plan"], words)
    return answer


def _nesting(text: str) -> int:
    """How deep the JSON text's arrays and objects nest at most: brackets inside strings count too
    (the page's texts hold few), which keeps this one linear pass."""
    depth = deepest = 0
    for bracket in _BRACKET.findall(text):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def _integer(digits: str) -> int | Decimal:
    # Python refuses to convert an integer of more than 4300 digits; no bound here needs 19.
    return int(digits) if len(digits) <= 18 else Decimal(digits)


def read_request(request_json) -> dict:
    """The request's JSON text as a mapping; empty if it is not one, or too long or too deep."""
    if not isinstance(request_json, str) or len(request_json) > MAX_REQUEST_CHARS:
        return {}
    text = request_json.removeprefix("\ufeff")
    if text.count("[") + text.count("{") > MAX_NESTING and _nesting(text) > MAX_NESTING:
        return {}
    try:
        request = json.loads(text, parse_int=_integer)
    except (ValueError, RecursionError):  # not JSON (json.JSONDecodeError is a ValueError)
        return {}
    return request if isinstance(request, dict) else {}


def answerer(rules_json: str, rates_json: str | None = None) -> Callable[[str], str]:
    """run_json with these rules and rates: a function of the request's JSON text alone."""
    rules = json.loads(rules_json)
    rates = json.loads(rates_json) if rates_json else None

    def answer(request_json: str) -> str:
        return json.dumps(run(read_request(request_json), rules, rates), ensure_ascii=False, sort_keys=True)

    return answer


def run_json(request_json: str, rules_json: str, rates_json: str | None = None) -> str:
    return answerer(rules_json, rates_json)(request_json)
