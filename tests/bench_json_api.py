"""How long the calculator takes to answer its slowest requests: `python tests/bench_json_api.py [--pyodide]`.

The browser's worker calls `calculators.json_api.answerer(rules, rates)(request)` on every change of
the form, with the page's `today` and its words for the calendar file (`ics`). This times that call,
in CPython and, with --pyodide, in real Pyodide under Node.js (tests/pyodide/time_requests.mjs), for:

- the slowest plausible stays the review found (a stay just over a limit: the suggestions are
  worked out for it), and the slowest of N random plausible stays (--plausible N, default 3000);
- the most hostile request the review timed: three fields of a megabyte of zeros each.

For each it prints the median and the slowest of --repeats runs (default 7), in milliseconds.
--calculators DIR times another copy of the package (say, an older commit's, from
`git archive COMMIT calculators | tar -x -C DIR`) against the same content.
Timings on a shared machine are noisy; no test fails on them (the goal: under 20 ms in CPython).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNNER = ROOT / "tests" / "pyodide" / "time_requests.mjs"

# The review's slowest plausible stays (security-2026-12-06.md, F6).
NAMED = {
    "NO->FI 2016-08-05..2017-02-04 (just over the limit)": {
        "home": "NO",
        "host": "FI",
        "start": "2016-08-05",
        "end": "2017-02-04",
    },
    "SE->GL 2029-08-13..2030-02-13, 185 leave days": {
        "home": "SE",
        "host": "GL",
        "start": "2029-08-13",
        "end": "2030-02-13",
        "leave_days": "185",
    },
    "SE->NO a whole year with leave": {
        "home": "SE",
        "host": "NO",
        "start": "2023-01-01",
        "end": "2023-12-31",
        "leave_days": "190",
        "travel_cost": "2450",
        "travel_currency": "SEK",
        "family_members": "1",
    },
}
ZEROS = "0" * 1_000_000
HOSTILE = {
    "3 fields of 1 MB of zeros": {
        "home": "SE",
        "host": "NO",
        "start": "2023-01-01",
        "end": "2023-12-31",
        "leave_days": ZEROS + "190",
        "travel_cost": ZEROS + "1",
        "travel_currency": "SEK",
        "family_members": ZEROS + "1",
    }
}


def site_data(lang: str = "sv") -> tuple[str, str, dict]:
    """The rules and rates as the site publishes them, and the page's calendar words."""
    from exchange_guide.model import load_content
    from exchange_guide.render.localise import Localiser
    from exchange_guide.render.plan import plan_texts

    content = load_content(ROOT / "content")
    rules = json.dumps(content.rules, ensure_ascii=False, sort_keys=True)
    rates = json.dumps(content.rates, ensure_ascii=False, sort_keys=True)
    return rules, rates, plan_texts(Localiser(content, lang))["ics"]


def plausible(rng: random.Random) -> dict:
    """A stay someone might enter: any two administrations, 2005-2030, up to 400 days."""
    from calculators.codes import COUNTRIES, CURRENCIES

    home, host = rng.choice(COUNTRIES), rng.choice(COUNTRIES)
    start = rng.randrange(732_000, 741_500)  # date ordinals, 2005..2030
    length = rng.randrange(1, 401)
    import datetime as dt

    first, last = dt.date.fromordinal(start), dt.date.fromordinal(start + length - 1)
    request = {"home": home, "host": host, "start": first.isoformat(), "end": last.isoformat()}
    if rng.random() < 0.5:
        request["leave_days"] = str(rng.randrange(0, min(length, 200) + 1))
    if rng.random() < 0.5:
        request["travel_cost"], request["travel_currency"] = str(rng.randrange(100, 20000)), rng.choice(CURRENCIES)
    if rng.random() < 0.3:
        request["family_members"] = str(rng.randrange(0, 5))
    return request


def in_cpython(answer, request: str, repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        answer(request)
        times.append((time.perf_counter() - started) * 1000)
    return times


def slowest_plausible(answer, page: dict, count: int, seed: int) -> dict[str, dict]:
    """The slowest of `count` random plausible stays (timed once each), to time again."""
    rng = random.Random(seed)
    timed = []
    for _ in range(count):
        request = {**plausible(rng), **page}
        timed.append((in_cpython(answer, json.dumps(request), 1)[0], request))
    timed.sort(key=lambda pair: -pair[0])
    return {
        f"random #{n + 1}: {r['home']}->{r['host']} {r['start']}..{r['end']}": r for n, (_, r) in enumerate(timed[:5])
    }


def in_pyodide(requests: dict[str, str], rules: str, rates: str, repeats: int, package: Path = ROOT) -> dict:
    """{"times": {name: [ms, ...]}, "answers": {name: answer text}} from Pyodide under Node.js."""
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("this needs Node.js (`node`) and node_modules/pyodide (npm ci)")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "requests.json").write_text(json.dumps(requests), encoding="utf-8")
        (work / "rules.json").write_text(rules, encoding="utf-8")
        (work / "rates.json").write_text(rates, encoding="utf-8")
        done = subprocess.run(
            [
                node,
                str(RUNNER),
                *(str(work / name) for name in ("requests.json", "rules.json", "rates.json")),
                str(repeats),
                str(package),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=1200,
            check=False,
        )
    if done.returncode != 0:
        raise RuntimeError(f"time_requests.mjs failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pyodide", action="store_true", help="also time them in Pyodide under Node.js")
    parser.add_argument("--plausible", type=int, default=3000, help="random plausible stays to search (default 3000)")
    parser.add_argument("--repeats", type=int, default=7, help="runs of each request timed (default 7)")
    parser.add_argument("--seed", type=int, default=20261206)
    parser.add_argument("--calculators", type=Path, default=ROOT, help="the folder holding the calculators package")
    args = parser.parse_args()
    sys.path.insert(0, str(args.calculators.resolve()))

    from calculators.json_api import answerer

    rules, rates, words = site_data()
    answer = answerer(rules, rates)
    page = {"today": "2026-01-15", "ics": words}  # what the page adds to every request
    cases = {name: {**request, **page} for name, request in NAMED.items()}
    cases.update(slowest_plausible(answer, page, args.plausible, args.seed))
    cases.update({name: {**request, **page} for name, request in HOSTILE.items()})
    requests = {name: json.dumps(request) for name, request in cases.items()}

    columns = ["CPython median", "CPython max"] + (["Pyodide median", "Pyodide max"] if args.pyodide else [])
    pyodide = in_pyodide(requests, rules, rates, args.repeats, args.calculators.resolve()) if args.pyodide else {}
    print(f"{'request':<62} " + " ".join(f"{c:>15}" for c in columns) + "   (ms)")
    for name, request in requests.items():
        times = in_cpython(answer, request, args.repeats)
        row = [statistics.median(times), max(times)]
        if args.pyodide:
            pyodide_times = pyodide["times"].get(name) or [float("nan")]  # none: it raised
            row += [statistics.median(pyodide_times), max(pyodide_times)]
        print(f"{name[:62]:<62} " + " ".join(f"{value:>15.2f}" for value in row))
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3]) if Path("/proc/loadavg").exists() else "?"
    import calculators

    print(f"(Python {sys.version.split()[0]}; {Path(calculators.__file__).parent}; load average {load})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
