"""Hostile requests for the calculator's JSON entry point: `python tests/fuzz_json_api.py [N] [SEED] [--plausible]`.

What the security review ran (security-2026-12-06.md, part 2a), to run again after any change to
`calculators`: N requests (default 200,000) to `calculators.json_api.answerer(rules, rates)`, fed
the site's own rules and rates. Each field is present nine times in ten, with valid codes (also in
lower case or padded), unknown ones, look-alikes, null bytes, megabyte texts, numbers, booleans,
lists and mappings; dates in and out of the calendar, in other digits; counts from -10**100 to
10**100, floats, infinities, NaN, exponents; the page's calendar words, or a part of them, or junk;
unknown keys; and one request in a hundred a raw text (not JSON, a byte order mark, 100,000 nested
brackets, a 5,000-digit integer, NaN, a lone surrogate).

With --plausible, the requests are stays someone might enter instead (part 2b of the review), with
the page's `today` and calendar words: most are answered with a result, so the invariants get a
good workout.

Every answer must be JSON: {"ok": true, ...} or {"ok": false, "errors": [...]} naming known fields
and codes only. Every ok answer is checked against invariants that do not depend on how the
calculator works them out (days, the sum, an ineligible stay pays nothing, the totals), and every
20th stay's suggestions are estimated again and must qualify. Prints the counts and the times;
exits 1 if any request raised or broke an invariant.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import statistics
import sys
import time
from fractions import Fraction
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_json_api import plausible, site_data

from calculators.codes import COUNTRIES, CURRENCIES
from calculators.errors import ERROR_CODES, FIELDS
from calculators.json_api import answerer, read_request, run

MEGABYTE = "x" * 1_000_000
DIGITS = "9" * 5_000


def stipend_of(result: dict) -> int:
    """The most the stay can pay (the sources give the monthly amount as a ceiling)."""
    return result["max_stipend_dkk"]


def hostile_code(rng: random.Random, known) -> object:
    return rng.choice(
        [
            rng.choice(known),
            rng.choice(known).lower(),
            f"  {rng.choice(known)} ",
            "XX",
            "ſe",
            "fı",
            "S\x00E",
            MEGABYTE,
            "",
            None,
            5,
            True,
            ["SE"],
            {"SE": 1},
            "<script>alert(1)</script>",
        ]
    )


def hostile_date(rng: random.Random) -> object:
    year = rng.choice([rng.randrange(1890, 2211), 0, 9999, 1900, 2100, 2200, 2023])
    return rng.choice(
        [
            f"{year:04d}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
            f"{year:04d}-02-29",
            f"{year:04d}-13-01",
            f"{year:04d}-01-00",
            f"{year:04d}0101",
            f"{year:04d}-01-01T00:00:00",
            "２０２６-０３-０２",
            "٢٠٢٦-٠٣-٠٢",
            DIGITS,
            MEGABYTE,
            20260302,
            None,
            [2026, 3, 2],
        ]
    )


def hostile_count(rng: random.Random) -> object:
    return rng.choice(
        [
            rng.randrange(0, 400),
            str(rng.randrange(0, 400)),
            rng.randrange(-(10**100), 10**100),
            0.0,
            -0.0,
            1e308,
            float("inf"),
            float("-inf"),
            float("nan"),
            2.5,
            "1e3",
            "1,5",
            "٣",
            "Ⅷ",
            "0" * 1_000_000 + "7",
            DIGITS,
            True,
            None,
            "",
            [],
        ]
    )


def hostile_cost(rng: random.Random) -> object:
    return rng.choice(
        [
            str(rng.randrange(0, 120_000)),
            f"{rng.randrange(0, 100_000)},{rng.randrange(0, 100):02d}",
            99_999.99,
            100_000,
            100_001,
            "1e5",
            "NaN",
            "1." + DIGITS,
            "-5",
            None,
            {"amount": 5},
        ]
    )


def hostile_words(rng: random.Random, words: dict) -> object:
    choice = rng.randrange(6)
    if choice == 0:
        return words
    if choice == 1:  # a part of them
        return {key: value for key, value in words.items() if rng.random() < 0.8}
    if choice == 2:
        return {**words, "steps": {key: value for key, value in words["steps"].items() if rng.random() < 0.8}}
    if choice == 3:
        return {**words, "units": "months"}
    return rng.choice([{}, [], "sv", None, {"lang": 5}, {"steps": None}])


def hostile_request(rng: random.Random, words: dict) -> str:
    if rng.random() < 0.01:
        return rng.choice(
            [
                "not json",
                "\ufeff" + json.dumps({"home": "SE", "host": "NO", "start": "2026-03-02", "end": "2026-05-01"}),
                "[" * 100_000,
                '{"leave_days": ' + DIGITS + "}",
                '{"leave_days": NaN}',
                '{"home": "\\ud800"}',
                '{"home": "SE"} trailing',
                "",
                "null",
                "[]",
            ]
        )
    makers = {
        "home": lambda: hostile_code(rng, COUNTRIES),
        "host": lambda: hostile_code(rng, COUNTRIES),
        "start": lambda: hostile_date(rng),
        "end": lambda: hostile_date(rng),
        "leave_days": lambda: hostile_count(rng),
        "travel_cost": lambda: hostile_cost(rng),
        "travel_currency": lambda: hostile_code(rng, CURRENCIES),
        "family_members": lambda: hostile_count(rng),
        "today": lambda: hostile_date(rng),
        "ics": lambda: hostile_words(rng, words),
        "__proto__": lambda: {"polluted": True},
    }
    request = {key: make() for key, make in makers.items() if rng.random() < (0.9 if key in FIELDS else 0.3)}
    return json.dumps(request, ensure_ascii=rng.random() < 0.5)


def problems(request_json: str, answer: dict, rules: dict, rates: dict) -> list[str]:
    """What in `answer` breaks the invariants (empty if nothing does)."""
    if not answer["ok"]:
        known = set(FIELDS) | {"ics"}
        wrong = [e for e in answer["errors"] if e["field"] not in known or e["code"] not in ERROR_CODES]
        return [f"unknown field or code {wrong}"] if wrong or not answer["errors"] else []
    result, found = answer["result"], []
    start, end = dt.date.fromisoformat(result["start"]), dt.date.fromisoformat(result["end"])
    stipend = stipend_of(result)
    if not isinstance(stipend, int) or stipend < 0:
        found.append(f"stipend {stipend!r}")
    if result["days"] != (end - start).days + 1:
        found.append("days")
    covered = [name for name in ("travel", "family_travel", "moving", "home_trip") if result[name]["covered"]]
    if not result["eligible"]:
        if stipend or covered or result["leave_days_deducted"] or not result["failed"]:
            found.append("an ineligible stay pays, covers or deducts something, or fails no check")
    else:
        if result["failed"] or result["home"] == result["host"]:
            found.append("an eligible stay fails a check")
        basis = {item["code"]: item for item in result["basis"]}
        monthly, per = Fraction(basis["monthly_stipend"]["amount"]), basis["partial_month"]["days_per_month"]
        parts = result["months"] * per + result["extra_days"] - result["leave_days_deducted"]
        exact = monthly * max(parts, 0) / per
        quantum = Fraction(basis["rounding"]["quantum"])
        if basis["rounding"]["mode"] == "half_up" and stipend != int((exact / quantum + Fraction(1, 2)) // 1 * quantum):
            found.append(f"stipend {stipend} is not the stated sum {float(exact)}")
        if result["suggestions"]:
            found.append("suggestions for an eligible stay")
    totals = answer.get("totals")
    if totals and totals["max_total_dkk"] < stipend:
        found.append("total below the stipend")
    return found


def suggestions_qualify(request_json: str, result: dict, rules: dict) -> list[str]:
    request = read_request(request_json)  # (a byte order mark and all)
    found = []
    for suggestion in result["suggestions"]:
        again = run(
            {**request, "start": result["start"], "end": result["end"], suggestion["field"]: suggestion["value"]}, rules
        )
        if not again["ok"] or not again["result"]["eligible"] or stipend_of(again["result"]) != stipend_of(suggestion):
            found.append(f"suggestion {suggestion} does not qualify as stated")
    return found


def main() -> int:
    numbers = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
    count = int(numbers[0]) if numbers else 200_000
    seed = int(numbers[1]) if len(numbers) > 1 else 20260601
    kind = "plausible" if "--plausible" in sys.argv else "hostile"
    rng = random.Random(seed)
    rules_json, rates_json, words = site_data()
    rules, rates = json.loads(rules_json), json.loads(rates_json)
    answer = answerer(rules_json, rates_json)
    tally = {"ok": 0, "eligible": 0, "error answers": 0, "raised": 0, "invariants broken": 0}
    times, slowest, examples = [], (0.0, ""), []
    for index in range(count):
        if kind == "plausible":
            request = json.dumps({**plausible(rng), "today": "2026-01-15", "ics": words})
        else:
            request = hostile_request(rng, words)
        started = time.perf_counter()
        try:
            text = answer(request)
        except Exception as exc:
            tally["raised"] += 1
            examples.append(f"raised {type(exc).__name__}: {request[:120]!r}")
            continue
        elapsed = (time.perf_counter() - started) * 1000
        times.append(elapsed)
        slowest = max(slowest, (elapsed, request[:200]))
        reply = json.loads(text)
        tally["ok" if reply["ok"] else "error answers"] += 1
        tally["eligible"] += bool(reply["ok"] and reply["result"]["eligible"])
        broken = problems(request, reply, rules, rates)
        if reply["ok"] and index % 20 == 0:
            broken += suggestions_qualify(request, reply["result"], rules)
        if broken:
            tally["invariants broken"] += 1
            examples.append(f"{broken}: {request[:200]!r}")
    times.sort()
    print(f"{count:,} {kind} requests (seed {seed}):", ", ".join(f"{value:,} {name}" for name, value in tally.items()))
    print(
        f"time per request: median {statistics.median(times):.3f} ms, p99 {times[int(len(times) * 0.99)]:.2f} ms, "
        f"max {slowest[0]:.2f} ms ({slowest[1][:100]!r})"
    )
    for example in examples[:20]:
        print(" ", example)
    return 1 if tally["raised"] or tally["invariants broken"] else 0


if __name__ == "__main__":
    sys.exit(main())
