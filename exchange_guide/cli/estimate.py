"""`exchange-guide estimate`: the stipend calculator on the command line.

    exchange-guide estimate --home SE --host NO --start 2026-03-02 --end 2026-05-01 [--json]
        [--today 2026-02-01] [--ics plan.ics --lang sv]

Prints a short English summary, or with --json the result as one JSON object, with the plan
and, for a stay that does not qualify, the suggestions. The sources give the stipend as a ceiling,
so every amount is a maximum: "up to" in the summary, `max_stipend_dkk` in the JSON. --ics writes
the plan as an iCalendar file in the --lang language; --today (never the clock) marks the deadlines
that have passed, and the summary says when the last day to apply has gone by. Bad input exits 2
with one line on stderr naming the option; a mistake in rules.yml exits 2 with the file, line and
field. Every option is read as text and checked by `calculators`, so the CLI and the web form
accept and reject exactly the same input.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import calculators
from calculators.codes import FIRST_DAY, LAST_DAY
from calculators.ics import calendar
from calculators.json_api import planned
from calculators.request import MAX_FAMILY_MEMBERS, MAX_TRAVEL_COST, parse_today
from calculators.rules import Rules

from ..model import ContentError, ContentErrors
from ..model.content import read_languages
from ..publish.files import WriteError, check_target, write_file

# request field -> command-line option
OPTIONS = {
    "home": "--home",
    "host": "--host",
    "start": "--start",
    "end": "--end",
    "leave_days": "--leave-days",
    "travel_cost": "--travel-cost",
    "travel_currency": "--travel-currency",
    "family_members": "--family-members",
}


def register(subparsers) -> argparse.ArgumentParser:
    """Add the `estimate` sub-command to an argparse subparsers object."""
    parser = subparsers.add_parser(
        "estimate",
        help="check a planned stay and estimate the NORUT stipend",
        description="Check a planned NORUT stay against the rules in content/rules.yml and estimate "
        "the stipend. The rule set is chosen by the start date and the home administration.",
    )
    # No argparse types or required flags: calculators checks every value, so that a mistake
    # gives the same one-line message whichever option it is in.
    parser.add_argument("--home", help="home administration: DK, FI, IS, NO, SE, FO, GL or AX")
    parser.add_argument("--host", help="host administration: DK, FI, IS, NO, SE, FO, GL or AX")
    parser.add_argument("--start", help="first day of service, YYYY-MM-DD")
    parser.add_argument("--end", help="last day of service, YYYY-MM-DD")
    parser.add_argument("--leave-days", dest="leave_days", help="days of leave during the stay (default 0)")
    parser.add_argument("--travel-cost", dest="travel_cost", help="the cheapest return journey, e.g. 1234.50")
    parser.add_argument("--travel-currency", dest="travel_currency", help="DKK, SEK, NOK, EUR or ISK")
    parser.add_argument("--family-members", dest="family_members", help="family members moving along (default 0)")
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    parser.add_argument("--today", help="today's date, YYYY-MM-DD: the plan marks deadlines before it as passed")
    parser.add_argument("--ics", metavar="FILE", help="write the plan as an iCalendar (.ics) file")
    parser.add_argument(
        "--lang", default="en", help="language of the .ics file: one of content/site.yml's (default en)"
    )
    parser.add_argument("--content", default="content", help="the content folder (default: content)")
    parser.set_defaults(func=run)
    return parser


def _today(text: str | None):
    """--today as a date; a line for stderr if it is not one."""
    if text is None:
        return None, None
    today = parse_today(text)
    return today, None if today else f"error: --today: {text!r} is not a date written YYYY-MM-DD"


def _folder_problem(content: str) -> str | None:
    """A line for stderr if --content is not a folder."""
    if not Path(content).exists():
        return f"error: --content: there is no folder {content}"
    return None if Path(content).is_dir() else f"error: --content: {content} is not a folder"


def run(args) -> int:
    from ..model import load_rules

    request = {field: getattr(args, field, None) for field in OPTIONS}
    today, problem = _today(getattr(args, "today", None))
    lang = getattr(args, "lang", "en")
    problem = problem or _folder_problem(args.content)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    try:
        if getattr(args, "ics", None):
            check_target(Path(args.ics))  # before anything is worked out: a bad path is named at once
        languages = read_languages(Path(args.content)).codes
        if lang not in languages:
            print(f"error: --lang: unknown language {lang!r}; use one of {', '.join(languages)}", file=sys.stderr)
            return 2
        rules = load_rules(args.content)
        result = planned(request, rules, today)
        if getattr(args, "ics", None):
            _write_ics(args.ics, args.content, lang, result, today)
    except calculators.InvalidRequest as exc:
        print("error: " + "; ".join(_input_problem(e, request) for e in exc.errors), file=sys.stderr)
        return 2
    except ContentErrors as exc:
        for error in exc.errors:
            print(f"error: {error.describe()}", file=sys.stderr)
        return 2
    except ContentError as exc:
        print(f"error: {exc.describe()}", file=sys.stderr)
        return 2
    except WriteError as exc:
        print(f"error: --ics: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(summary(result, rules))
    return 0


def _write_ics(path: str, content_dir: str, lang: str, result: dict, today) -> None:
    """The plan as an .ics file, with the texts of content/plan.yml in `lang`, written whole or not
    at all (publish/files.py)."""
    from ..model import load_content
    from ..render.localise import Localiser
    from ..render.plan import plan_texts

    content = load_content(content_dir)
    text = calendar(result["plan"], result, plan_texts(Localiser(content, lang))["ics"], today)
    write_file(Path(path), text)


def _input_problem(error: calculators.FieldError, request: dict) -> str:
    value = request.get(error.field)
    option = OPTIONS[error.field]
    text = {
        "required": "is required",
        "unknown_country": f"unknown country {value!r}; use one of {', '.join(calculators.COUNTRIES)}",
        "bad_date": f"{value!r} is not a date written YYYY-MM-DD",
        "date_incomplete": f"{value!r} lacks its day, month or year (write YYYY-MM-DD)",
        "date_not_real": f"{value!r} is not a day in the calendar",
        "date_out_of_range": f"{value} is outside {FIRST_DAY.year}-{LAST_DAY.year}",
        "end_before_start": f"the end date {value} is before the start date {request.get('start')}",
        "negative": f"{value!r} is negative",
        "not_a_number": f"{value!r} is not an amount such as 1234.50",
        "not_a_whole_number": f"{value!r} is not a whole number",
        "too_many_leave_days": f"{value} leave days is more than the days of service",
        "too_large": (
            f"{value} is above {MAX_TRAVEL_COST}, more than any return journey costs: check for a typing mistake"
            if error.field == "travel_cost"
            else f"{value} is more than {MAX_FAMILY_MEMBERS}"
        ),
        "unknown_currency": f"unknown currency {value!r}; use one of {', '.join(calculators.CURRENCIES)}",
    }.get(error.code, error.code)
    return f"{option}: {text}"


def _length(limit: dict) -> str:
    ((unit, count),) = limit.items()
    return f"{count} {unit[:-1] if count == 1 else unit}"


def _differs(reason: dict) -> str:
    if reason.get("unclear"):
        return (
            f"no source says whether a stay in {reason['host']} counts as another Nordic country "
            f"for staff employed in {reason['home']}"
        )
    return f"host differs from home ({reason['home']} -> {reason['host']})"


def _reading(reason: dict) -> str:
    limits = f"{_length(reason['min_limit'])} to {_length(reason['max_limit'])}"
    fits = "does not fit" if reason.get("unclear") else "fits"
    return (
        f"the stay {fits} the limits of {reason['rule_set']} ({limits}), which may be meant for stays in "
        f"{reason['host']} (end between {reason['first_allowed_end']} and {reason['last_allowed_end']})"
    )


def _max_duration(reason: dict) -> str:
    last = reason["last_allowed_end"]
    return f"at most {_length(reason['limit'])}" + (f" (end on {last} or earlier)" if last else "")


def _calendar_year(reason: dict) -> str:
    years = str(reason["start_year"])
    if reason["end_year"] != reason["start_year"]:
        years += f" to {reason['end_year']}"
    return f"within one calendar year ({years})"


# Each check code (calculators.CHECK_OUTCOMES) in a short English line.
_CHECK_TEXTS = {
    "no_rule_set": lambda r: f"no rules published for a stay from {r['home']} starting {r['start']}",
    "home_in_programme": lambda r: f"no source says whether staff employed in {r['home']} can apply",
    "host_differs_from_home": _differs,
    "host_in_programme": lambda r: f"host {r['host']} takes part (allowed: {', '.join(r['allowed'])})",
    "min_duration": lambda r: f"at least {_length(r['limit'])} (end on {r['first_allowed_end']} or later)",
    "max_duration": _max_duration,
    "same_calendar_year": _calendar_year,
    "host_reading": _reading,
}


def _check_text(reason: dict) -> str:
    text = _CHECK_TEXTS.get(reason["code"])
    return text(reason) if text else reason["code"]


_BENEFIT_NAMES = {"travel": "Travel", "family_travel": "Family travel", "moving": "Moving", "home_trip": "Home trip"}
_BENEFIT_REASONS = {
    "covered": "covered",
    "not_eligible": "not covered: the stay does not qualify",
    "stay_too_short": "not covered: only for stays of {limit} or more",
    "not_in_rules": "not covered by these rules",
}


def _money(amount: int) -> str:
    return f"{amount:,} DKK"


def _at_most(amount: int, eligible: bool) -> str:
    """A maximum: the sources give the stipend as a ceiling ("up to"), never a fixed sum."""
    return f"up to {_money(amount)}" if eligible else f"{_money(amount)} (the stay does not qualify)"


def _eligibility(result: dict) -> str:
    if not result["eligible"]:
        return "no"
    if result["unclear"]:
        return "yes on our reading, but the sources are unclear: see the checks marked UNCLEAR"
    return "yes"


def _deadline(result: dict) -> list[str]:
    """The application deadline, when the reader's date (--today) is after it."""
    step = next((step for step in result["plan"] if step["id"] == "apply_by"), None)
    if not step or not step["passed"]:
        return []
    late = (
        "the source said later applications could still be considered while money was left"
        if step.get("late_considered")
        else "the sources say nothing about late applications: ask your administrator"
    )
    return [f"Deadline:  the last day to apply for this stay was {step['date']}; {late}"]


def summary(result: dict[str, Any], rules: Rules) -> str:
    """A readable English summary of a result (codes turned into short sentences)."""
    lines = []
    rule_set = next((rs for rs in rules["rule_sets"] if rs["id"] == result["rule_set"]), None)
    title = f"{rule_set['id']} ({rule_set['title'].get('en') or rule_set['title'].get('sv')})" if rule_set else "none"
    lines.append(f"NORUT stipend estimate - rule set: {title}")
    lines.append(
        f"Stay:      {result['home']} -> {result['host']}, {result['start']} to {result['end']}: "
        f"{result['days']} days = {result['months']} whole month(s) + {result['extra_days']} extra day(s)"
    )
    lines.append(f"Eligible:  {_eligibility(result)}")
    lines += _deadline(result)
    stipend = f"Stipend:   {_at_most(result['max_stipend_dkk'], result['eligible'])}"
    if result["max_monthly_dkk"] is not None and result["eligible"]:
        stipend += (
            f" (at most {_money(int(result['max_monthly_dkk']))} a month; an extra day is "
            f"1/{result['days_per_month']} of that"
        )
        if result["leave_days_deducted"]:
            stipend += f"; {result['leave_days_deducted']} leave day(s) deducted"
        stipend += ")"
    lines.append(stipend)
    lines.append("Checks:")
    for reason in result["reasons"]:
        flag = "UNCLEAR" if reason.get("unclear") else ("ok" if reason["ok"] else "FAIL")
        extra = ", uncertain" if reason["uncertain"] else ""
        source = f"  [source: {reason['source']}{extra}]" if reason["source"] else ""
        lines.append(f"  {flag:<7}  {_check_text(reason)}{source}")
    for name, label in _BENEFIT_NAMES.items():
        item = result[name]
        limit = _length(item["limit"]) if item.get("limit") else ""
        text = _BENEFIT_REASONS[item["reason"]].format(limit=limit)
        if name == "travel":
            text = f"one return journey by the cheapest means: {text}"
            if item["cost"]:
                text += f" (as entered: {item['cost']['amount']} {item['cost']['currency']})"
        if name == "family_travel":
            text += f"; family members moving along: {item['family_members']}"
        source = f"  [source: {item['source']}{', uncertain' if item['uncertain'] else ''}]" if item["source"] else ""
        lines.append(f"{label + ':':<15}{text}{source}")
    if result["report_deadline"]:
        deadline = result["report_deadline"]
        lines.append(
            f"{'Report:':<15}within {_length(deadline['limit'])} after the stay  [source: {deadline['source']}]"
        )
    lines.append("Plan (a date is the last day it can still be done):")
    for step in result["plan"]:
        when = step["date"] or f"no date ({step['no_date']})"
        passed = "  PASSED" if step["passed"] else ""
        source = f"  [source: {step['source']}{', uncertain' if step['uncertain'] else ''}]" if step["source"] else ""
        lines.append(f"  {step['order']}. {step['id']}: {when}{passed}{source}")
    for suggestion in result["suggestions"]:
        lines.append(
            f"Suggestion: {suggestion['field']} {suggestion['value']} would qualify "
            f"(up to {_money(suggestion['max_stipend_dkk'])})"
        )
    lines.append(
        "Every amount is a maximum: the sources give the stipend as a ceiling, up to an amount a month. "
        "How part of a month counts is the guide's own rule (source: guide-own-rule)."
        + (" Some values it rests on are uncertain." if result["uncertain"] else "")
    )
    return "\n".join(lines)
