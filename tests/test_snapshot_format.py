"""The calculator snapshot's file format (frontend/assets/javascripts/calculator/snapshot.mjs) on
made-up memory, under Node.js: stored and read back, whole or in small pieces, it is the same
bytes; its size is known from its first bytes; a file cut short, too long, not a snapshot at all
or not there is refused with a reason, which makes the worker start Python normally
(tests/test_calculator_startup.py). The real snapshot: tests/test_calculators_pyodide.py."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.pyodide
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def results() -> dict:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is not installed: this test needs `node` on PATH")
    done = subprocess.run(
        [node, "tests/pyodide/snapshot_format.mjs"], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_only_the_changed_pages_are_stored(results):
    # Pyodide's header page, the page with a changed byte of data, the one written in zeros, and
    # the last (short) page: 4 KiB pages, each run's offset and length, and a 20-byte header.
    assert results["stored_bytes"] == 20 + 3 * 8 + 4096 + 4096 + 128


@pytest.mark.parametrize("how", ["whole", "in_small_pieces"])
def test_it_reads_back_to_the_same_bytes(results, how):
    assert results[how] == {"ok": True}


def test_its_size_is_known_before_it_has_arrived(results):
    assert results["size_known_early"] == {"ok": 128 + 200 * 1024}


@pytest.mark.parametrize(
    "case, reason",
    [
        ("cut_short", "cut short"),
        ("too_long", "too long"),
        ("not_a_snapshot", "not a calculator snapshot"),
        ("http_error", "HTTP 404"),
    ],
)
def test_a_damaged_or_missing_file_is_refused_with_a_reason(results, case, reason):
    assert reason in results[case]["error"]
