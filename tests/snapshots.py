"""A copy of a built site whose calculator snapshot this Pyodide build refuses, as a snapshot from
another Pyodide build would be: the worker must fall back to a normal start. Used by
tests/test_calculator_startup.py and the benchmark (tests/bench_calculator.py)."""

from __future__ import annotations

import gzip
import subprocess
from pathlib import Path

BUILD_ID = slice(16, 48)  # where Pyodide's snapshot header keeps the build id (its src/js/snapshot.ts)


def build_id_bytes(stored: bytes) -> slice:
    """Where the build id is in the stored snapshot: in its first run, which starts with Pyodide's
    header (frontend/assets/javascripts/calculator/snapshot.mjs)."""
    assert stored[:4] == b"EGS3"
    count = int.from_bytes(stored[16:20], "little")
    assert int.from_bytes(stored[20:24], "little") == 0 and int.from_bytes(stored[24:28], "little") >= BUILD_ID.stop
    first = 20 + count * 8
    return slice(first + BUILD_ID.start, first + BUILD_ID.stop)


def linked_copy(site: Path, copy: Path) -> Path:
    """`site` copied to `copy` as hard links: no extra disk. Unlink a file before changing it."""
    subprocess.run(["cp", "-al", str(site.resolve()), str(copy)], check=True)
    return copy


def with_stale_snapshot(site: Path, copy: Path) -> Path:
    """`site` copied to `copy` (hard links: cheap), with the snapshot's build id changed."""
    linked_copy(site, copy)
    (snapshot,) = copy.glob("assets/pyodide/*/snapshot-*.bin")
    data = bytearray(snapshot.read_bytes())
    where = build_id_bytes(data)
    data[where] = bytes(b ^ 0xFF for b in data[where])
    for path in (snapshot, snapshot.with_name(snapshot.name + ".gz"), snapshot.with_name(snapshot.name + ".br")):
        path.unlink(missing_ok=True)  # unlink first: each is a hard link to the built site's file
    snapshot.write_bytes(bytes(data))
    # Compressed again, so that it costs what a real snapshot costs to fetch (and fits the cache).
    snapshot.with_name(snapshot.name + ".gz").write_bytes(gzip.compress(bytes(data), compresslevel=6, mtime=0))
    return copy
