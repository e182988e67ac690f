"""JSON in, JSON out: the entry point for the browser (Pyodide), where passing text is simplest.

`run_json(request_json, rules_json, rates_json=None)` returns either {"ok": true, "result": {...}}
(with "totals" when rates are given) or {"ok": false, "errors": [{"field": ..., "code": ...}, ...]}
as JSON text; it never raises for bad input.
"""
from __future__ import annotations

import json

from .errors import InvalidRequest
from .estimate import estimate
from .totals import totals


def run(request: dict, rules: dict, rates: dict | None = None) -> dict:
    try:
        result = estimate(request, rules).to_dict()
    except InvalidRequest as error:
        return {"ok": False, **error.to_dict()}
    answer = {"ok": True, "result": result}
    if rates is not None:
        answer["totals"] = totals(result, rates)
    return answer


def run_json(request_json: str, rules_json: str, rates_json: str | None = None) -> str:
    request = json.loads(request_json)
    if not isinstance(request, dict):
        request = {}
    rates = json.loads(rates_json) if rates_json else None
    return json.dumps(run(request, json.loads(rules_json), rates), ensure_ascii=False, sort_keys=True)
