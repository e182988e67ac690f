"""The same cases as test_calculators_cases.py, in real Pyodide under Node.js.

Needs `node` and node_modules/pyodide (`npm ci` in the project folder). If either is missing
the test FAILS with a message saying so: it is never skipped, because the browser calculator
is only as good as this test.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("case_support", Path(__file__).parent / "cases" / "case_support.py")
case_support = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(case_support)

ROOT = case_support.ROOT
RUNNER = ROOT / "tests" / "pyodide" / "run_cases.mjs"
PINNED = "314.0.7"

pytestmark = pytest.mark.pyodide


@pytest.fixture(scope="module")
def rules() -> dict:
    return case_support.compiled_rules()


@pytest.fixture(scope="module", params=["stock", "snapshot"])
def pyodide_run(request, tmp_path_factory, rules) -> dict:
    """Every case in Pyodide: started the stock way, and from the build's memory snapshot with its
    trimmed, compiled standard library, as the browser starts (exchange_guide/pyodide_assets.py)."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is not installed: the Pyodide test needs `node` (version 18 or later) on PATH")
    package = ROOT / "node_modules" / "pyodide" / "package.json"
    if not package.exists():
        pytest.fail(f"{package.parent} is missing: run `npm ci` in {ROOT} to install Pyodide {PINNED}")
    installed = json.loads(package.read_text(encoding="utf-8"))["version"]
    if installed != PINNED:
        pytest.fail(f"node_modules has Pyodide {installed}, package.json pins {PINNED}: run `npm ci`")

    folder = tmp_path_factory.mktemp("pyodide")
    cases_file, rules_file = folder / "cases.json", folder / "rules.json"
    cases = case_support.load_cases()
    cases_file.write_text(json.dumps([{"id": c["id"], "request": c["request"]} for c in cases]), encoding="utf-8")
    rules_file.write_text(json.dumps(rules), encoding="utf-8")
    snapshot = []
    if request.param == "snapshot":
        from exchange_guide.pyodide.assets import pyodide_assets

        snapshot = [str(pyodide_assets(ROOT / "node_modules").made())]
    done = subprocess.run(
        [node, str(RUNNER), str(cases_file), str(rules_file), *snapshot],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode != 0:
        pytest.fail(f"run_cases.mjs failed (exit {done.returncode}):\n{done.stderr[-4000:]}")
    return json.loads(done.stdout)


def test_pyodide_runs_every_case(pyodide_run):
    assert pyodide_run["pyodide"] == PINNED
    ids = [item["id"] for item in pyodide_run["results"]]
    assert ids == [case["id"] for case in case_support.load_cases()]


CASES = case_support.load_cases()


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_pyodide_equals_cpython_and_expectations(case, pyodide_run, rules):
    in_pyodide = next(item["outcome"] for item in pyodide_run["results"] if item["id"] == case["id"])
    in_cpython = case_support.run_case(case, rules)
    assert in_pyodide == in_cpython
    assert case_support.mismatches(case, in_pyodide) == []
