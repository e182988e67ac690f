"""The plan as an iCalendar file (RFC 5545): one all-day event per dated step.

The texts (summary and description of each step, in the reader's language) come from the
caller, who has them from content/plan.yml; this module only lays them out. Nothing here reads
the clock: DTSTAMP is the caller's `today` (or, without one, the day of the first dated step)
and each UID is derived from the stay and the step, so the same plan gives the same file.
"""
from __future__ import annotations

import datetime as dt
import hashlib

PRODID = "-//Nordic Exchange Guide//NORUT plan//EN"
_LINE_OCTETS = 75     # RFC 5545 3.1: lines longer than 75 octets are folded


def escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11)."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def fold(line: str) -> str:
    """Split a content line into pieces of at most 75 octets, never inside a UTF-8 character;
    each continuation starts with one space."""
    pieces, current, size = [], "", 0
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


def uid(stay: dict, step_id: str) -> str:
    key = "|".join((stay["home"], stay["host"], str(stay["start"]), str(stay["end"]), step_id))
    return f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}@nordic-exchange-guide"


def calendar(plan: list[dict], stay: dict, texts: dict, today: dt.date | str | None = None) -> str:
    """The .ics text. `stay`: home, host, start, end; `texts`: {"lang", "summary": {step id: text},
    "description": {step id: text}} (a description may be missing)."""
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
            f"SUMMARY;LANGUAGE={language}:{escape(texts['summary'][step['id']])}",
        ]
        description = texts.get("description", {}).get(step["id"])
        if description:
            lines.append(f"DESCRIPTION;LANGUAGE={language}:{escape(description)}")
        lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
