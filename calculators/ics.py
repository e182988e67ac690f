"""The plan as an iCalendar file (RFC 5545): one all-day event per dated step.

The words come from the caller in one language (content/plan.yml through
exchange_guide.render.plan.plan_texts): the command line and the browser pass the same texts,
and `step_notes` here puts each step's note together, so both get the same file. Nothing here reads
the clock: DTSTAMP is the caller's `today` (or, without one, the day of the first dated step)
and each UID is derived from the stay and the step, so the same plan gives the same file.
"""

from __future__ import annotations

import datetime as dt
import hashlib

PRODID = "-//Nordic Exchange Guide//NORUT plan//EN"
_LINE_OCTETS = 75  # RFC 5545 3.1: lines longer than 75 octets are folded


def escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11)."""
    return (
        text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Split a content line into pieces of at most 75 octets, never inside a UTF-8 character;
    each continuation starts with one space."""
    if len(line.encode("utf-8")) <= _LINE_OCTETS:
        return line  # most lines: nothing to fold
    pieces: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = _LINE_OCTETS if not pieces else _LINE_OCTETS - 1
        if size + width > limit:
            pieces.append(current)
            current, size = "", 0
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


def _day(value: str | dt.date) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def _length(texts: dict, limit: dict) -> str:
    """A length in words: the caller gives the words for every length the rules hold, in the
    plural form CLDR gives ("2 months": "2 månader"), as this package has no plural rules."""
    ((unit, count),) = limit.items()
    key = f"{count} {unit}"
    return texts["lengths"].get(key, key)


def step_note(step: dict, texts: dict) -> str:
    """What the reader needs beside a step's title: how its date was worked out, or why it has
    none, and whether it has passed (with what the sources say about applying late)."""
    notes = []
    if step["date"] is None and step.get("no_date"):
        notes.append(texts["no_date"][step["no_date"]])
    if step["id"] == "report_by" and step.get("limit"):
        notes.append(texts["report_rule"].replace("{duration}", _length(texts, step["limit"])))
    if step["id"] == "decision" and step.get("expect_within"):
        notes.append(texts["decision_within"].replace("{duration}", _length(texts, step["expect_within"])))
    if step.get("passed"):
        notes.append(texts["passed"])
        if step["id"] == "apply_by":
            notes.append(texts["late_considered" if step.get("late_considered") else "late_not_stated"])
    return " ".join(notes)


def source_line(step: dict, texts: dict) -> str:
    """'Källa: UHR: Nordiskt tjänstepersonsutbyte (osäker uppgift)', or empty without a source."""
    if not step.get("source"):
        return ""
    line = f"{texts['source_label']}: {texts['sources'].get(step['source'], step['source'])}"
    return line + (f" ({texts['uncertain']})" if step.get("uncertain") else "")


def step_notes(plan: list[dict], texts: dict) -> dict:
    """{step id: note} for every step of the plan."""
    return {step["id"]: step_note(step, texts) for step in plan}


def uid(stay: dict, step_id: str) -> str:
    key = "|".join((stay["home"], stay["host"], str(stay["start"]), str(stay["end"]), step_id))
    return f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}@nordic-exchange-guide"


def calendar(plan: list[dict], stay: dict, texts: dict, today: dt.date | str | None = None) -> str:
    """The .ics text. `stay`: home, host, start, end; `texts`: the words in one language (see
    exchange_guide.render.plan.plan_texts): lang, steps (titles), no_date, report_rule, ...,
    source_label, uncertain, sources (id -> name), lengths ("2 months" -> the words)."""
    dated = [step for step in plan if step["date"] is not None]
    stamp_day = _day(today) if today else (_day(dated[0]["date"]) if dated else _day(stay["start"]))
    stamp = f"{stamp_day:%Y%m%d}T000000Z"
    language = texts.get("lang", "en")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    for step in dated:
        day = _day(step["date"])
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid(stay, step['id'])}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}",
            f"SUMMARY;LANGUAGE={language}:{escape(texts['steps'][step['id']])}",
        ]
        description = "\n".join(part for part in (step_note(step, texts), source_line(step, texts)) if part)
        if description:
            lines.append(f"DESCRIPTION;LANGUAGE={language}:{escape(description)}")
        lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
