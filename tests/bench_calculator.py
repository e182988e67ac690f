"""Benchmark of the calculator page on loopback: `make bench` (or python tests/bench_calculator.py [SITE] [REPEATS]).

Serves the built site with nginx under /norut/ (the shipped configuration, Brotli when the module
is installed), drives Debian's Chromium, and compares in the same run, with the same Pyodide files:

- the calculator page (a module worker restoring the build's memory snapshot), and
- the plainest integration: a page that calls `loadPyodide()` on the main thread with Pyodide's
  defaults and runs one line of Python (written beside a copy of the site for the run only), and
- for information, the calculator page's fallback: a copy of the site whose snapshot Pyodide
  refuses (tests/snapshots.py), so the worker starts Python normally with the compiled stdlib.

Each repetition opens a new browser context (an empty HTTP cache: "cold"), loads a page, then
loads it again in a new tab of that context ("warm"). It prints the time from navigation to the
first result (median, each run, and the calculator/plain ratio), the longest main-thread task
while the calculator loads (and after its first result, when Material's script starts), the time of a
recalculation once loaded, and the bytes transferred.
Timings on a shared machine are noisy: it prints the load average beside them. No test fails on them.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlencode

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).parent))
from servers import CHROMIUM, CHROMIUM_ARGS, Nginx
from snapshots import linked_copy, with_stale_snapshot

ROOT = Path(__file__).resolve().parents[1]
REPEATS = 5
QUERY = urlencode(
    {
        "home": "SE",
        "host": "NO",
        "start": "2026-03-02",
        "end": "2026-05-01",
        "leave_days": "0",
        "travel_cost": "2450",
        "travel_currency": "SEK",
        "family_members": "0",
    }
)
# Collects long tasks (over 50 ms) on the main thread from the very start of the page.
LONG_TASKS = """
window.__longTasks = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
})
  .observe({ type: "longtask", buffered: true });
"""
# The plain page: Pyodide's own defaults, on the main thread, one line of Python. A module file,
# not an inline script: the shipped Content-Security-Policy applies to it as to the guide.
PLAIN_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>plain loadPyodide()</title>
<script type="module" src="plain.js"></script></head><body><p id="out">loading</p></body></html>
"""
PLAIN_JS = """import { loadPyodide } from "../assets/pyodide/%s/pyodide.mjs";
const pyodide = await loadPyodide();
document.getElementById("out").textContent = pyodide.runPython("str(6 * 7)");
performance.mark("eg-first-result");
"""


def load(context, url: str) -> dict:
    page = context.new_page()
    transferred = []

    def count(request):
        sizes = request.sizes()
        transferred.append(sizes["responseBodySize"] + sizes["responseHeadersSize"])

    page.on("requestfinished", count)
    page.goto(url)
    page.wait_for_function("() => performance.getEntriesByName('eg-first-result').length > 0", timeout=120_000)
    page.wait_for_load_state("networkidle")
    page.remove_listener("requestfinished", count)
    first = page.evaluate("performance.getEntriesByName('eg-first-result')[0].startTime")
    tasks = page.evaluate("window.__longTasks")  # [start, duration] of each task over 50 ms
    return {
        "page": page,
        "first_result_ms": first,
        # While the calculator loads: tasks that start before its first result. After it: the
        # rest until the network is idle (on the calculator page, Material's script, loaded then).
        "longest_task_ms": max([duration for start, duration in tasks if start < first], default=0),
        "longest_task_after_ms": max([duration for start, duration in tasks if start >= first], default=0),
        "start": page.evaluate("document.documentElement.dataset.calculatorStart || ''"),
        "bytes": sum(transferred),
        "requests": len(transferred),
    }


def recalculations(page, count: int = 20) -> list[float]:
    times = []
    for day in range(count):
        before = page.evaluate("Number(document.documentElement.dataset.calculations || 0)")
        page.fill("[name=end]", f"2026-05-{day + 1:02d}")
        page.locator("[name=end]").dispatch_event("change")
        page.wait_for_function(f"() => Number(document.documentElement.dataset.calculations) > {before}")
        times.append(float(page.evaluate("document.documentElement.dataset.lastCalculationMs")))
    return times


def with_plain_page(site: Path, work: Path) -> Path:
    """A copy of the site (hard links: no extra disk) with the plain page in bench/."""
    copy = linked_copy(site, work / "site")
    version = next(site.glob("assets/pyodide/*/pyodide.mjs")).parent.name
    (copy / "bench").mkdir()
    (copy / "bench" / "index.html").write_text(PLAIN_HTML, encoding="utf-8")
    (copy / "bench" / "plain.js").write_text(PLAIN_JS % version, encoding="utf-8")
    return copy


def summary(runs: list[dict], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def main(site: Path, repeats: int) -> None:
    load_before = os.getloadavg()
    kinds = ("calculator", "plain", "fallback")
    results = {(kind, cache): [] for kind in kinds for cache in ("cold", "warm")}
    with tempfile.TemporaryDirectory() as work:
        server = Nginx(with_plain_page(site, Path(work)), Path(work) / "nginx")
        stale = Nginx(with_stale_snapshot(site, Path(work) / "stale"), Path(work) / "nginx-stale")
        urls = {
            "calculator": f"{server.url}en/calculator/?{QUERY}",
            "plain": f"{server.url}bench/",
            "fallback": f"{stale.url}en/calculator/?{QUERY}",
        }
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for repeat in range(repeats):
                    # Alternate which page goes first, so neither always meets a busier moment.
                    for kind in kinds if repeat % 2 == 0 else kinds[::-1]:
                        context = browser.new_context()  # new context: an empty HTTP cache
                        context.add_init_script(LONG_TASKS)
                        for cache in ("cold", "warm"):  # warm: a new tab of the same context
                            run = load(context, urls[kind])
                            if kind == "calculator" and cache == "warm" and repeat == 0:
                                recalc = recalculations(run["page"])
                            run["page"].close()
                            del run["page"]
                            results[kind, cache].append(run)
                        context.close()
                browser.close()
        finally:
            server.stop()
            stale.stop()
    load_after = os.getloadavg()

    brotli = "Brotli" if server.brotli else "gzip"
    print(
        f"calculator page vs a plain main-thread loadPyodide() page: Chromium + nginx ({brotli}) on loopback, "
        f"{repeats} repetitions each, alternating"
    )
    print(f"  load average (1 min) before {load_before[0]:.2f}, after {load_after[0]:.2f}; {os.cpu_count()} cores")
    print("  first result after navigation, median (each run) in ms:")
    for cache in ("cold", "warm"):
        calc, plain = results["calculator", cache], results["plain", cache]
        ratio = summary(calc, "first_result_ms") / summary(plain, "first_result_ms")
        each = lambda runs: " ".join(f"{run['first_result_ms']:.0f}" for run in runs)  # noqa: E731
        print(
            f"    {cache}: calculator {summary(calc, 'first_result_ms'):.0f} ({each(calc)}), "
            f"plain {summary(plain, 'first_result_ms'):.0f} ({each(plain)}): ratio {ratio:.2f}x (target <= 0.3x)"
        )
    for kind in ("calculator", "fallback"):
        starts = sorted({run["start"] for cache in ("cold", "warm") for run in results[kind, cache]})
        print(f"  {kind} start-up path: {', '.join(starts)}")
    fallback = {cache: summary(results["fallback", cache], "first_result_ms") for cache in ("cold", "warm")}
    print(
        f"  fallback (snapshot refused, normal start with the compiled stdlib): cold {fallback['cold']:.0f} ms, "
        f"warm {fallback['warm']:.0f} ms, ratio to plain "
        f"{fallback['cold'] / summary(results['plain', 'cold'], 'first_result_ms'):.2f}x "
        f"/ {fallback['warm'] / summary(results['plain', 'warm'], 'first_result_ms'):.2f}x"
    )
    tasks = [run["longest_task_ms"] for cache in ("cold", "warm") for run in results["calculator", cache]]
    after = [run["longest_task_after_ms"] for cache in ("cold", "warm") for run in results["calculator", cache]]
    plain_tasks = [run["longest_task_ms"] for cache in ("cold", "warm") for run in results["plain", cache]]
    print(
        f"  longest main-thread task while loading (before the first result): calculator median "
        f"{statistics.median(tasks):.0f} ms, max {max(tasks):.0f} ms (target <= 50 ms; 0 = none over 50 ms); "
        f"plain page max {max(plain_tasks):.0f} ms"
    )
    print(
        f"  longest main-thread task after the first result (Material's script starts then): median "
        f"{statistics.median(after):.0f} ms, max {max(after):.0f} ms"
    )
    print(
        f"  recalculation once loaded: median {statistics.median(recalc):.1f} ms, max {max(recalc):.1f} ms "
        f"over {len(recalc)} changes (page -> worker -> Python -> page; target < 30 ms)"
    )
    for kind in kinds:
        cold, warm = results[kind, "cold"], results[kind, "warm"]
        print(
            f"  bytes transferred, {kind}: cold {summary(cold, 'bytes') / 1e6:.2f} MB in "
            f"{summary(cold, 'requests'):.0f} requests, warm {summary(warm, 'bytes') / 1e6:.2f} MB"
            + (" (target <= 8.5 MB cold)" if kind == "calculator" else "")
        )


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site", int(sys.argv[2]) if len(sys.argv) > 2 else REPEATS)
