"""The plan on the command line: --json gains "plan" and "suggestions", --ics writes an
iCalendar file that a standard parser (icalendar) reads back with the right dates, and bad
--today, --lang or an unwritable path exit 2 with one line. No test reads the clock."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import icalendar
import pytest

from calculators.ics import calendar, fold
from exchange_guide.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
CONTENT = str(ROOT / "content")
DK_STAY = ["--home", "DK", "--host", "SE", "--start", "2026-03-02", "--end", "2026-05-01"]


def estimate(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["estimate", *args, "--content", CONTENT])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_has_plan_and_suggestions(capsys):
    code, out, err = estimate(
        capsys,
        "--home",
        "SE",
        "--host",
        "DK",
        "--start",
        "2026-03-02",
        "--end",
        "2026-03-14",
        "--json",
        "--today",
        "2026-03-03",
    )
    assert (code, err) == (0, "")
    result = json.loads(out)
    steps = {step["id"]: step for step in result["plan"]}
    assert steps["apply_by"] == {
        **steps["apply_by"],
        "date": None,
        "source": "uhr-faq",
        "uncertain": True,
        "no_date": "rolling",
    }
    assert steps["report_by"]["date"] == "2026-05-14"  # 14 March + 2 months
    assert steps["stay_start"]["passed"] is True and steps["stay_end"]["passed"] is False
    assert result["suggestions"] == [
        {"field": "end", "value": "2026-03-15", "max_stipend_dkk": 8400},
        {"field": "start", "value": "2026-03-01", "max_stipend_dkk": 8400},
    ]


def test_summary_lists_the_plan(capsys):
    code, out, _ = estimate(capsys, *DK_STAY, "--today", "2025-12-01")
    assert code == 0
    assert "3. apply_by: 2025-11-30  PASSED  [source: medst-norut, uncertain]" in out


@pytest.mark.parametrize(
    "lang, summary",
    [
        ("sv", "Sista dag att skicka ansökan"),
        ("da", "Sidste dag for at sende ansøgningen"),
        ("fi", "Hakemuksen viimeinen lähetyspäivä"),
    ],
)
def test_ics_reads_back_with_the_right_dates(capsys, tmp_path, lang, summary):
    path = tmp_path / "plan.ics"
    code, _, err = estimate(capsys, *DK_STAY, "--ics", str(path), "--lang", lang, "--today", "2025-12-01")
    assert (code, err) == (0, "")
    raw = path.read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n"), "every line ends in CRLF"
    assert all(len(line) <= 75 for line in raw.split(b"\r\n")), "lines are folded at 75 octets"
    parsed = icalendar.Calendar.from_ical(raw)
    events = parsed.walk("VEVENT")
    by_day = {event.decoded("DTSTART"): event for event in events}
    # Dated steps only: apply_by, the first and the last day (no report deadline is given for DK).
    assert sorted(by_day) == [dt.date(2025, 11, 30), dt.date(2026, 3, 2), dt.date(2026, 5, 1)]
    apply = by_day[dt.date(2025, 11, 30)]
    assert str(apply["SUMMARY"]) == summary
    assert apply.decoded("DTEND") == dt.date(2025, 12, 1)  # one all-day event
    assert "Medarbejder- og Kompetencestyrelsen" in str(apply["DESCRIPTION"])  # the source, unbroken by folding
    assert apply.decoded("DTSTAMP") == dt.datetime(2025, 12, 1, tzinfo=dt.UTC)
    assert len({str(event["UID"]) for event in events}) == 3


def test_ics_is_the_same_file_every_time(capsys, tmp_path):
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    for path in (first, second):
        assert estimate(capsys, *DK_STAY, "--ics", str(path))[0] == 0
    assert first.read_bytes() == second.read_bytes()
    # Without --today the stamp is the first dated step's day, not the clock.
    assert b"DTSTAMP:20251130T000000Z\r\n" in first.read_bytes()


def test_unwritable_path_exits_2_naming_it(capsys, tmp_path):
    target = tmp_path / "missing-folder" / "plan.ics"
    code, out, err = estimate(capsys, *DK_STAY, "--ics", str(target))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and str(target) in err
    assert not target.parent.exists()


@pytest.mark.parametrize("args, option", [(["--today", "2025-02-30"], "--today"), (["--lang", "de"], "--lang")])
def test_bad_today_or_language(capsys, args, option):
    code, out, err = estimate(capsys, *DK_STAY, *args)
    assert code == 2 and out == ""
    assert err.startswith(f"error: {option}:") and err.count("\n") == 1


def test_folding_never_splits_a_character():
    line = "DESCRIPTION:" + "æøå" * 60
    folded = fold(line)
    pieces = folded.encode("utf-8").split(b"\r\n ")
    assert all(len(piece) <= 75 for piece in pieces)
    assert "".join(piece.decode("utf-8") for piece in pieces) == line


def test_text_is_escaped_and_no_dated_step_gives_an_empty_calendar():
    stay = {"home": "SE", "host": "DK", "start": "2026-03-02", "end": "2026-05-01"}
    plan = [{"id": "stay_start", "date": "2026-03-02"}]
    text = calendar(plan, stay, {"lang": "en", "steps": {"stay_start": "First day; at the host, really"}})
    assert "SUMMARY;LANGUAGE=en:First day\\; at the host\\, really\r\n" in text
    parsed = icalendar.Calendar.from_ical(calendar([{"id": "manager", "date": None}], stay, {"steps": {}}))
    assert parsed.walk("VEVENT") == []
