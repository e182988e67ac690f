"""The calculator's first answer in each engine: `make bench` (or python tests/bench_engines.py [SITE] [REPEATS]).

For Chromium, Firefox ESR and WebKitGTK (tests/engines.py), a cold visit (a fresh profile: no
cache, no service worker) to a permalink of the calculator page, served by nginx with the shipped
configuration: the time from navigation to the first result (the page's "eg-first-result" mark),
on the snapshot start and on the normal start (a copy of the site whose snapshot Pyodide refuses,
tests/snapshots.py). It prints medians and each run, and the load average beside them: timings on
a shared machine are noisy, and no test fails on them.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).parent))
from engines import ENGINES, installed
from servers import Nginx
from snapshots import with_stale_snapshot

ROOT = Path(__file__).resolve().parents[1]
REPEATS = 3
QUERY = urlencode({"home": "SE", "host": "NO", "start": "2026-03-02", "end": "2026-05-01"})
FIRST_RESULT = "performance.getEntriesByName('eg-first-result')[0]?.startTime"


def first_answer_ms(engine, url: str) -> float:
    tab = engine.tab()
    try:
        tab.goto(url)
        return float(tab.wait(f"{FIRST_RESULT} || null", timeout=120))
    finally:
        tab.close()


def main(site: Path, repeats: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        servers = {
            "snapshot": Nginx(site, work / "nginx"),
            "normal": Nginx(with_stale_snapshot(site, work / "stale"), work / "nginx-stale"),
        }
        try:
            print(f"calculator permalink, cold, first answer (ms after navigation); load {os.getloadavg()[0]:.1f}")
            for name, start in ENGINES.items():
                missing = installed(name)
                if missing:
                    print(f"  {name}: skipped: {missing}")
                    continue
                engine = start()
                try:
                    for path, server in servers.items():
                        runs = [first_answer_ms(engine, f"{server.url}en/calculator/?{QUERY}") for _ in range(repeats)]
                        each = ", ".join(f"{run:.0f}" for run in runs)
                        print(f"  {name:8} {path:8} start: {statistics.median(runs):6.0f} ms median ({each})")
                finally:
                    engine.stop()
            print(f"  (load {os.getloadavg()[0]:.1f} at the end)")
        finally:
            for server in servers.values():
                server.stop()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site", int(sys.argv[2]) if len(sys.argv) > 2 else REPEATS)
