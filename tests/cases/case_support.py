"""Shared by the CPython and the Pyodide case tests (and the command line's): load the cases,
compile the cases' own rules (tests/cases/rules.yml, a fixture: the shipped content/rules.yml may
change without touching a case), run one case, and compare a result with a case's expectations."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import yaml

from calculators.plan import STEP_IDS

ROOT = Path(__file__).resolve().parents[2]
CASES_FILES = [Path(__file__).with_name(name) for name in ("estimate_cases.yml", "plan_cases.yml")]
RULES_FIXTURE = Path(__file__).with_name("rules.yml")


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
    """tests/cases/rules.yml, validated by the content schema and compiled, after a JSON round
    trip, exactly as the browser gets the shipped rules."""
    from exchange_guide.model.content import read_languages
    from exchange_guide.model.rules import RULES, compile_rules
    from exchange_guide.model.schema import Report, validate
    from exchange_guide.model.yamlload import load_yaml

    languages = read_languages(ROOT / "content")
    tree = load_yaml(RULES_FIXTURE, "tests/cases/rules.yml")
    report = Report("tests/cases/rules.yml", languages.codes, languages.default, tree)
    loaded = validate(RULES, report)
    assert loaded is not None and not report.errors, [error.describe() for error in report.errors]
    return json.loads(json.dumps(compile_rules(loaded)))


def fixture_content(target: Path) -> Path:
    """A copy of content/ at `target` (made once) whose rules.yml is the cases' fixture: for the
    command line, whose figures must not change when an editor changes the shipped rules."""
    if not (target / "rules.yml").exists():
        shutil.copytree(ROOT / "content", target, dirs_exist_ok=True)
        shutil.copyfile(RULES_FIXTURE, target / "rules.yml")
    return target


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
