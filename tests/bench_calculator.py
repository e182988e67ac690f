"""Benchmark of the calculator page on loopback: `make bench` (or python tests/bench_calculator.py [SITE]).

Serves the built site with nginx under /norut/, drives Debian's Chromium, and prints:
time from navigation to the first result (cold and warm HTTP cache), the longest main-thread
task while Pyodide loads, the time of one recalculation once loaded, and bytes transferred.
"""
from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlencode

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).parent))
from servers import CHROMIUM, CHROMIUM_ARGS, Nginx  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
QUERY = urlencode({"home": "SE", "host": "NO", "start": "2026-03-02", "end": "2026-05-01", "leave_days": "0",
                   "travel_cost": "2450", "travel_currency": "SEK", "family_members": "0"})
# Collects long tasks (over 50 ms) on the main thread from the very start of the page.
LONG_TASKS = """
window.__longTasks = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); })
  .observe({ type: "longtask", buffered: true });
"""


def load(page, url: str) -> dict:
    transferred = []

    def count(request):
        sizes = request.sizes()
        transferred.append(sizes["responseBodySize"] + sizes["responseHeadersSize"])

    page.on("requestfinished", count)
    page.goto(url)
    page.wait_for_function("() => performance.getEntriesByName('eg-first-result').length > 0", timeout=120_000)
    page.wait_for_load_state("networkidle")
    page.remove_listener("requestfinished", count)
    return {
        "first_result_ms": page.evaluate("performance.getEntriesByName('eg-first-result')[0].startTime"),
        "ready_ms": page.evaluate("performance.getEntriesByName('eg-ready')[0].startTime"),
        "longest_task_ms": page.evaluate("Math.max(0, ...window.__longTasks)"),
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


def main(site: Path) -> None:
    with tempfile.TemporaryDirectory() as work:
        server = Nginx(site, Path(work))
        url = f"{server.url}en/calculator/?{QUERY}"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                context = browser.new_context()
                context.add_init_script(LONG_TASKS)
                page = context.new_page()
                cold = load(page, url)
                page = context.new_page()           # same context: the HTTP cache is warm
                warm = load(page, url)
                recalc = recalculations(page)
                browser.close()
        finally:
            server.stop()
    print(f"calculator page, Chromium + nginx (gzip) on loopback, {url.split('?')[0]}")
    for name, run in (("cold cache", cold), ("warm cache", warm)):
        print(f"  {name}: first result {run['first_result_ms']:.0f} ms after navigation "
              f"(Python ready at {run['ready_ms']:.0f} ms); longest main-thread task {run['longest_task_ms']:.0f} ms; "
              f"{run['bytes'] / 1e6:.2f} MB in {run['requests']} requests")
    print(f"  recalculation once loaded: median {statistics.median(recalc):.1f} ms, "
          f"max {max(recalc):.1f} ms over {len(recalc)} changes (page → worker → Python → page)")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site")
