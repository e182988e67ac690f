"""Shared by the CPython and the Pyodide case tests: load the cases, compile the rules,
run one case, and compare a result with a case's expectations."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import yaml

from calculators.plan import STEP_IDS

ROOT = Path(__file__).resolve().parents[2]
CASES_FILES = [Path(__file__).with_name(name) for name in ("estimate_cases.yml", "plan_cases.yml")]


def _text_dates(value):
    if isinstance(value, dict):
        return {key: _text_dates(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_text_dates(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def load_cases() -> list[dict]:
    """The cases, with requests as the browser sends them (JSON: dates as text)."""
    cases = [case for path in CASES_FILES for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]]
    ids = [case["id"] for case in cases]
    assert len(ids) == len(set(ids)), "case ids must be unique"
    return [_text_dates(case) for case in cases]


def compiled_rules() -> dict:
    """content/rules.yml, validated (sources checked against sources.yml) and compiled, after
    a JSON round trip, exactly as the browser gets it."""
    from exchange_guide.model import load_rules

    return json.loads(json.dumps(load_rules(ROOT / "content")))


def run_case(case: dict, rules: dict) -> dict:
    """{"ok": true, "result": ...} or {"ok": false, "errors": [...]}, as plain JSON data."""
    from calculators.json_api import run

    return json.loads(json.dumps(run(case["request"], rules)))


def _subset_problems(expected, actual, where: str) -> list[str]:
    if isinstance(expected, dict) and isinstance(actual, dict):
        problems = []
        for key, value in expected.items():
            if key not in actual:
                problems.append(f"{where}.{key}: missing from the result")
            else:
                problems += _subset_problems(value, actual[key], f"{where}.{key}")
        return problems
    if expected != actual or type(expected) is not type(actual):
        return [f"{where}: expected {expected!r}, got {actual!r}"]
    return []


def mismatches(case: dict, outcome: dict) -> list[str]:
    """What in `outcome` does not match the case; empty if all is as expected."""
    if "errors" in case:
        if outcome.get("ok"):
            return [f"expected errors {case['errors']}, got a result"]
        return (
            []
            if outcome["errors"] == case["errors"]
            else [f"errors: expected {case['errors']}, got {outcome['errors']}"]
        )
    if not outcome.get("ok"):
        return [f"expected a result, got errors {outcome['errors']}"]
    result = outcome["result"]
    expect = dict(case["expect"])
    problems = []
    checks = expect.pop("checks", None)
    plan = expect.pop("plan", None)
    if plan is not None:  # step id -> the fields of that step that must match
        steps = {step["id"]: step for step in result["plan"]}
        assert [step["id"] for step in result["plan"]] == list(STEP_IDS), "the plan lists every step, in order"
        problems += _subset_problems(plan, steps, "plan")
    if checks is not None:
        actual_checks = {reason["code"]: reason["ok"] for reason in result["reasons"]}
        problems += _subset_problems(checks, actual_checks, "checks")
    return problems + _subset_problems(expect, result, "result")
