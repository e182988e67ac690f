"""`exchange-guide review`: the fact register (model/register.py) for an editor, a spreadsheet
or a script. `--older-than DAYS` lists only what is due for checking: never checked, or last
checked more than DAYS days ago (default: `review_interval_days` in content/site.yml)."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
from pathlib import Path

from ..checks.register import Fact, counts, facts
from ..model import load_content
from .arguments import iso_date

COLUMNS = ("file", "line", "field", "what", "sources", "uncertain", "why", "checked")
DEFAULT_INTERVAL = 365


def _row(fact: Fact) -> dict:
    return {
        "file": fact.file,
        "line": fact.line,
        "field": fact.field or "(the whole file)",
        "what": fact.what,
        "sources": list(fact.sources),
        "uncertain": fact.uncertain,
        "why": fact.why,
        "checked": fact.checked.isoformat() if fact.checked else None,
    }


def _text(rows: list[dict], out) -> None:
    for row in rows:
        checked = f"checked {row['checked']}" if row["checked"] else "never checked"
        sources = ", ".join(row["sources"]) or "-"
        flag = "UNCERTAIN " if row["uncertain"] else ""
        print(
            f"{row['file']}:{row['line']}: {row['field']} ({row['what']}): {flag}sources {sources}; "
            f"{checked}" + (f"\n    why: {row['why']}" if row["why"] else ""),
            file=out,
        )


def _csv(rows: list[dict], out) -> None:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                **row,
                "sources": " ".join(row["sources"]),
                "checked": row["checked"] or "",
                "uncertain": "yes" if row["uncertain"] else "no",
            }
        )


def _review(args) -> int:
    content = load_content(Path(args.content))
    today = args.today or dt.date.today()
    interval = content.site.get("review_interval_days", DEFAULT_INTERVAL)
    found = facts(content)
    days = interval if args.older_than == _SITE_INTERVAL else args.older_than
    shown = found if days is None else [f for f in found if f.due(today, days)]
    rows = [_row(fact) for fact in shown]
    total = counts(found, today)
    if args.format == "json":
        json.dump(
            {
                "today": today.isoformat(),
                "interval_days": interval,
                "counts": {
                    "facts": total.facts,
                    "uncertain": total.uncertain,
                    "never_checked": total.never_checked,
                    "older_than_a_year": total.older,
                },
                "facts": rows,
            },
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        print()
    elif args.format == "csv":
        _csv(rows, sys.stdout)
    else:
        _text(rows, sys.stdout)
        print(
            f"{len(rows)} of {total.facts} facts shown; {total.uncertain} uncertain, {total.never_checked} "
            f"never checked, {total.older} last checked more than a year ago (today {today})"
        )
    return 0


_SITE_INTERVAL = -1  # --older-than without a number of days


def _days(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number of days, got {value!r}")
    return int(value)


def register(sub) -> None:
    parser = sub.add_parser(
        "review",
        help="list every rule value and fact: where it is, its sources, "
        "whether it is uncertain, when it was last checked",
    )
    parser.add_argument("--content", default="content", help="the content folder (default: content)")
    parser.add_argument(
        "--older-than",
        nargs="?",
        const=_SITE_INTERVAL,
        default=None,
        type=_days,
        metavar="DAYS",
        help="only what was never checked or last checked more than DAYS days ago "
        "(without DAYS: review_interval_days in site.yml, else 365)",
    )
    parser.add_argument(
        "--format",
        choices=("text", "csv", "json"),
        default="text",
        help="text (default), csv for a spreadsheet, json for a script",
    )
    parser.add_argument("--today", default=None, type=iso_date, help="count days from this date (default: today)")
    parser.set_defaults(func=_review)
