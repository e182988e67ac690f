"""Benchmark of the calculator page on loopback: `make bench` (or python tests/bench_calculator.py [SITE] [REPEATS]).

Serves the built site with nginx under /norut/ (the shipped configuration, Brotli when the module
is installed) and with a plain static server (python -m http.server: no compression, no cache
headers, as a publisher's file server may be), and compares in the same run, with the same Pyodide
files:

- the calculator page (a module worker restoring the build's memory snapshot), and
- the plainest integration: a page that calls `loadPyodide()` on the main thread with Pyodide's
  defaults and runs one line of Python (written beside a copy of the site for the run only), and
- for information, the calculator page's fallback: a copy of the site whose snapshot Pyodide
  refuses (tests/snapshots.py), so the worker starts Python normally with the compiled stdlib.

Each repetition opens a new browser context (an empty HTTP cache, no service worker: "cold"),
loads a page, then loads it again in a new tab of that context ("returning": the calculator's
first visit waits until the service worker holds its files, so that it serves the second; the plain
page's comes from the HTTP cache, if the server lets it). A new context keeps everything in memory
and no compiled code (V8's code cache) between visits: the returning visits are measured again in
a browser profile on disk, as a reader's browser has one. Besides: the calculator's returning visit
with service workers blocked (what the worker gains), a cold visit through a throttled link
(10 Mbit/s, 40 ms: Chromium's network emulation) with the time the progress line is first on the
screen (beside the floor: the same line on a page of its own, bare and with the theme's style sheet),
and the cold and returning visits in Firefox ESR (whose driver cannot throttle).
It prints the time from navigation to the first result (median, each run, and the calculator/plain
ratio), the longest main-thread task while the calculator loads (and after its first result, when
Material's script starts), the time of a recalculation once loaded, and the bytes transferred.
Timings on a shared machine are noisy: it prints the load average beside them. No test fails on them.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).parent))
from servers import CHROMIUM, CHROMIUM_ARGS, Nginx, free_port
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
# When the calculator's status line (the progress line while it loads) is first on the screen.
PROGRESS_VISIBLE = """
window.__progressVisible = null;
const egWatch = () => {
  const status = document.getElementById("eg-status");
  if (status && status.checkVisibility() && status.textContent.trim()) window.__progressVisible = performance.now();
  else requestAnimationFrame(egWatch);
};
requestAnimationFrame(egWatch);
"""
# The groups the service worker holds for the page (offline.js).
HELD = "(document.documentElement.dataset.offline || '').split(' ')"
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


def load(context, url: str, offline_ready: bool = False, throttle: dict | None = None) -> dict:
    """One visit in a tab of `context`; `offline_ready`: wait until the service worker holds the
    calculator's files (so that the next visit is served by it); `throttle`: Chromium's network
    emulation for the tab."""
    page = context.new_page()
    if throttle:
        page.context.new_cdp_session(page).send("Network.emulateNetworkConditions", throttle)
    transferred = []

    def count(request):
        sizes = request.sizes()
        transferred.append(sizes["responseBodySize"] + sizes["responseHeadersSize"])

    page.on("requestfinished", count)
    page.goto(url)
    page.wait_for_function("() => performance.getEntriesByName('eg-first-result').length > 0", timeout=120_000)
    page.wait_for_load_state("networkidle")
    if offline_ready:
        page.wait_for_function(f"() => {HELD}.includes('calculator')", timeout=120_000)
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
        "progress_visible_ms": page.evaluate("window.__progressVisible"),
        "start": page.evaluate("document.documentElement.dataset.calculatorStart || ''"),
        "served_by_worker": page.evaluate("Boolean(navigator.serviceWorker && navigator.serviceWorker.controller)"),
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


# The floor under the progress line on a throttled first visit: a page with nothing but the line
# ("text"), and the same with the theme's style sheet, which every page of the guide waits for
# before it is first drawn ("theme"). The calculator page cannot show its line sooner than these.
FLOOR_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>floor</title>%s</head>
<body><p id="eg-status">Loading the calculator</p></body></html>
"""


def with_plain_page(site: Path, work: Path) -> Path:
    """A copy of the site (hard links: no extra disk) with the plain page in bench/ and the
    floor pages in bench/text/ and bench/theme/."""
    copy = linked_copy(site, work / "site")
    version = next(site.glob("assets/pyodide/*/pyodide.mjs")).parent.name
    (copy / "bench").mkdir()
    (copy / "bench" / "index.html").write_text(PLAIN_HTML, encoding="utf-8")
    (copy / "bench" / "plain.js").write_text(PLAIN_JS % version, encoding="utf-8")
    theme = next(site.glob("assets/stylesheets/main.*.min.css")).name
    for floor, head in (("text", ""), ("theme", f'<link rel="stylesheet" href="../../assets/stylesheets/{theme}">')):
        (copy / "bench" / floor).mkdir()
        (copy / "bench" / floor / "index.html").write_text(FLOOR_HTML % head, encoding="utf-8")
    return copy


class StaticServer:
    """A plain static file server, as a publisher's may be: Python's http.server, no compression,
    no cache headers (only Last-Modified), the right types for .mjs and .wasm."""

    def __init__(self, site: Path):
        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(self.port), "--bind", "127.0.0.1", "--directory", str(site)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "http.server did not start"
                time.sleep(0.05)
        self.url = f"http://127.0.0.1:{self.port}/"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=5)


def summary(runs: list[dict], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def each(runs: list[dict], key: str = "first_result_ms") -> str:
    return " ".join(f"{run[key]:.0f}" for run in runs)


# Scenarios: (where, page, link). Cold: a new browser context (an empty HTTP cache, no service
# worker). Returning: a new tab of the same context; the calculator's first visit waits until the
# service worker holds its files, so that the returning visit is served by it; the plain page's
# returning visit is served by the HTTP cache (or not at all: the static server has no cache headers).
SCENARIOS = [
    ("nginx", "calculator", "fast"),
    ("nginx", "plain", "fast"),
    ("nginx", "fallback", "fast"),
    ("static", "calculator", "fast"),
    ("static", "plain", "fast"),
    ("nginx", "calculator", "no worker"),  # service workers blocked: the returning visit from the HTTP cache
    # A browser profile on disk, as a reader's is (a new context is in memory: it keeps no
    # compiled code between visits), so that the returning visit can profit from it.
    ("nginx", "calculator", "disk profile"),
    ("nginx", "plain", "disk profile"),
    ("static", "calculator", "disk profile"),
    ("static", "plain", "disk profile"),
    ("nginx", "calculator", "throttled"),
    ("nginx", "plain", "throttled"),
]
THROTTLED = "10 Mbit/s, 40 ms"  # Chromium's network emulation, cold visits only
THROTTLE = {"offline": False, "latency": 40, "downloadThroughput": 10e6 / 8, "uploadThroughput": 10e6 / 8}


def chromium_runs(urls: dict, repeats: int) -> tuple[dict, list[float], str]:
    results = {(*scenario, visit): [] for scenario in SCENARIOS for visit in ("cold", "returning")}
    recalc = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        version = browser.version
        for repeat in range(repeats):
            # Alternate the order, so that no page always meets a busier moment.
            for where, kind, link in SCENARIOS if repeat % 2 == 0 else SCENARIOS[::-1]:
                # A new context: an empty HTTP cache, no service worker.
                if link == "disk profile":
                    profile = tempfile.TemporaryDirectory()
                    context = playwright.chromium.launch_persistent_context(
                        profile.name, executable_path=CHROMIUM, args=CHROMIUM_ARGS
                    )
                else:
                    context = browser.new_context(service_workers="block" if link == "no worker" else "allow")
                context.add_init_script(LONG_TASKS + PROGRESS_VISIBLE)
                for visit in ("cold",) if link == "throttled" else ("cold", "returning"):
                    offline_ready = visit == "cold" and kind == "calculator" and link in ("fast", "disk profile")
                    run = load(context, urls[where, kind], offline_ready, THROTTLE if link == "throttled" else None)
                    if (where, kind, link, visit) == ("nginx", "calculator", "fast", "returning") and repeat == 0:
                        recalc = recalculations(run["page"])
                    run["page"].close()
                    del run["page"]
                    results[where, kind, link, visit].append(run)
                context.close()
                if link == "disk profile":
                    profile.cleanup()
            for floor in ("text", "theme"):
                results.setdefault(("floor", floor), []).append(first_paint(browser, urls["floor", floor]))
        browser.close()
    return results, recalc, version


def first_paint(browser, url: str) -> dict:
    """A floor page's line first on the screen, cold, through the throttled link."""
    context = browser.new_context()
    context.add_init_script(PROGRESS_VISIBLE)
    page = context.new_page()
    page.context.new_cdp_session(page).send("Network.emulateNetworkConditions", THROTTLE)
    page.goto(url)
    page.wait_for_function("() => window.__progressVisible !== null", timeout=60_000)
    shown = page.evaluate("window.__progressVisible")
    context.close()
    return {"progress_visible_ms": shown}


def firefox_runs(urls: dict, repeats: int) -> tuple[dict, str]:
    """The calculator and the plain page from nginx in Firefox ESR (tests/engines.py): its driver
    (WebDriver BiDi) has no network emulation, so no throttled visits."""
    from engines import Firefox

    results = {(kind, visit): [] for kind in ("calculator", "plain") for visit in ("cold", "returning")}
    firefox = Firefox()
    try:
        for repeat in range(repeats):
            for kind in ("calculator", "plain") if repeat % 2 == 0 else ("plain", "calculator"):
                tab = firefox.tab()  # a new, empty profile
                for visit in ("cold", "returning"):
                    tab.goto(urls["nginx", kind])
                    first = tab.wait("performance.getEntriesByName('eg-first-result')[0]?.startTime", timeout=120)
                    if kind == "calculator" and visit == "cold":
                        tab.wait(f"{HELD}.includes('calculator')", timeout=120)
                    if kind == "calculator" and visit == "returning":
                        assert tab.evaluate("Boolean(navigator.serviceWorker.controller)")
                    results[kind, visit].append({"first_result_ms": first})
        return results, firefox.version
    finally:
        firefox.stop()


def ratio_line(label: str, calc: list[dict], plain: list[dict], target: str = "") -> str:
    ratio = summary(calc, "first_result_ms") / summary(plain, "first_result_ms")
    return (
        f"    {label}: calculator {summary(calc, 'first_result_ms'):.0f} ({each(calc)}), "
        f"plain {summary(plain, 'first_result_ms'):.0f} ({each(plain)}): ratio {ratio:.2f}x{target}"
    )


def print_first_results(results: dict, brotli: str) -> None:
    """The first result's times and ratios, cold and returning, in new contexts and on disk."""
    servers = (("nginx", f"nginx ({brotli})"), ("static", "static server"))
    print("  first result after navigation, median (each run) in ms; ratio calculator/plain, same server and visit:")
    for where, name in servers:
        for visit in ("cold", "returning"):
            calc, plain = results[where, "calculator", "fast", visit], results[where, "plain", "fast", visit]
            target = " (target <= 0.25x)" if visit == "returning" else ""
            how = " [calculator: service worker; plain: HTTP cache]" if visit == "returning" else ""
            print(ratio_line(f"{name}, {visit}{how}", calc, plain, target))
    print("  the same returning visits in a browser profile on disk (a reader's browser: compiled code is kept):")
    for where, name in servers:
        calc = results[where, "calculator", "disk profile", "returning"]
        plain = results[where, "plain", "disk profile", "returning"]
        print(ratio_line(f"{name}, returning", calc, plain, " (target <= 0.25x)"))


def main(site: Path, repeats: int) -> None:
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as work:
        copy = with_plain_page(site, Path(work))
        server = Nginx(copy, Path(work) / "nginx")
        stale = Nginx(with_stale_snapshot(site, Path(work) / "stale"), Path(work) / "nginx-stale")
        static = StaticServer(copy)
        urls = {
            ("nginx", "calculator"): f"{server.url}en/calculator/?{QUERY}",
            ("nginx", "plain"): f"{server.url}bench/",
            ("nginx", "fallback"): f"{stale.url}en/calculator/?{QUERY}",
            ("static", "calculator"): f"{static.url}en/calculator/?{QUERY}",
            ("static", "plain"): f"{static.url}bench/",
            ("floor", "text"): f"{server.url}bench/text/",
            ("floor", "theme"): f"{server.url}bench/theme/",
        }
        try:
            results, recalc, chromium = chromium_runs(urls, repeats)
            firefox, firefox_version = firefox_runs(urls, max(3, repeats // 2 + 1))
        finally:
            server.stop()
            stale.stop()
            static.stop()
    load_after = os.getloadavg()

    brotli = "Brotli" if server.brotli else "gzip"
    print(
        f"calculator page vs a plain main-thread loadPyodide() page, Chromium {chromium}, {repeats} repetitions "
        f"each, alternating; nginx ({brotli}) with the shipped configuration, and a plain static server "
        "(python -m http.server: no compression, no cache headers), on loopback"
    )
    print(f"  load average (1 min) before {load_before[0]:.2f}, after {load_after[0]:.2f}; {os.cpu_count()} cores")
    print_first_results(results, brotli)
    calc, plain = results["nginx", "calculator", "throttled", "cold"], results["nginx", "plain", "throttled", "cold"]
    print(ratio_line(f"nginx ({brotli}), {THROTTLED}, cold", calc, plain))
    print(
        f"    {THROTTLED}, cold: the progress line visible {summary(calc, 'progress_visible_ms'):.0f} ms after "
        f"navigation, median ({each(calc, 'progress_visible_ms')}) (target <= 200 ms)"
    )
    text, theme = results["floor", "text"], results["floor", "theme"]
    print(
        f"      the floor, the same link: a page with only that line {summary(text, 'progress_visible_ms'):.0f} "
        f"({each(text, 'progress_visible_ms')}); with the theme's style sheet alone "
        f"{summary(theme, 'progress_visible_ms'):.0f} ({each(theme, 'progress_visible_ms')})"
    )
    worker = summary(results["nginx", "calculator", "fast", "returning"], "first_result_ms")
    http_cache = results["nginx", "calculator", "no worker", "returning"]
    print(
        f"    nginx ({brotli}), returning, the calculator without its service worker (HTTP cache): "
        f"{summary(http_cache, 'first_result_ms'):.0f} ({each(http_cache)}); with it {worker:.0f}: "
        f"{worker / summary(http_cache, 'first_result_ms'):.2f}x"
    )
    served = {
        run["served_by_worker"]
        for where in ("nginx", "static")
        for link in ("fast", "disk profile")
        for run in results[where, "calculator", link, "returning"]
    }
    print(f"  returning visits served by the service worker: {served == {True}}")
    print(f"  Firefox {firefox_version} (nginx; its driver cannot throttle):")
    for visit in ("cold", "returning"):
        target = " (target <= 0.25x)" if visit == "returning" else ""
        print(ratio_line(f"  {visit}", firefox["calculator", visit], firefox["plain", visit], target))
    for kind in ("calculator", "fallback"):
        starts = sorted(
            {run["start"] for visit in ("cold", "returning") for run in results["nginx", kind, "fast", visit]}
        )
        print(f"  {kind} start-up path: {', '.join(starts)}")
    fallback = {
        visit: summary(results["nginx", "fallback", "fast", visit], "first_result_ms")
        for visit in ("cold", "returning")
    }
    plain = {
        visit: summary(results["nginx", "plain", "fast", visit], "first_result_ms") for visit in ("cold", "returning")
    }
    print(
        f"  fallback (snapshot refused, normal start with the compiled stdlib): cold {fallback['cold']:.0f} ms, "
        f"returning {fallback['returning']:.0f} ms, ratio to plain "
        f"{fallback['cold'] / plain['cold']:.2f}x / {fallback['returning'] / plain['returning']:.2f}x"
    )
    calculator = [run for visit in ("cold", "returning") for run in results["nginx", "calculator", "fast", visit]]
    tasks = [run["longest_task_ms"] for run in calculator]
    after = [run["longest_task_after_ms"] for run in calculator]
    plain_tasks = [
        run["longest_task_ms"] for visit in ("cold", "returning") for run in results["nginx", "plain", "fast", visit]
    ]
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
    for where, kind in (
        ("nginx", "calculator"),
        ("nginx", "plain"),
        ("nginx", "fallback"),
        ("static", "calculator"),
        ("static", "plain"),
    ):
        cold, returning = results[where, kind, "fast", "cold"], results[where, kind, "fast", "returning"]
        print(
            f"  bytes transferred, {where} {kind}: cold {summary(cold, 'bytes') / 1e6:.2f} MB in "
            f"{summary(cold, 'requests'):.0f} requests, returning {summary(returning, 'bytes') / 1e6:.2f} MB"
            + (" (target <= 8.5 MB cold)" if (where, kind) == ("nginx", "calculator") else "")
        )


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site", int(sys.argv[2]) if len(sys.argv) > 2 else REPEATS)
