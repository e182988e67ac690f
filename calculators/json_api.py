"""JSON in, JSON out: the entry point for the browser (Pyodide), where passing text is simplest.

`run_json(request_json, rules_json)` returns either {"ok": true, "result": {...}} or
{"ok": false, "errors": [{"field": ..., "code": ...}, ...]} as JSON text; it never raises
for bad input.
"""
from __future__ import annotations

import json

from .errors import InvalidRequest
from .estimate import estimate


def run(request: dict, rules: dict) -> dict:
    try:
        return {"ok": True, "result": estimate(request, rules).to_dict()}
    except InvalidRequest as error:
        return {"ok": False, **error.to_dict()}


def run_json(request_json: str, rules_json: str) -> str:
    request = json.loads(request_json)
    if not isinstance(request, dict):
        request = {}
    return json.dumps(run(request, json.loads(rules_json)), ensure_ascii=False, sort_keys=True)
