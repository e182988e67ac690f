"""The plan on the command line: --json gains "plan" and "suggestions", --ics writes an
iCalendar file that a standard parser (icalendar) reads back with the right dates, and bad
--today, --lang or an unwritable path exit 2 with one line. No test reads the clock. The dates
come from the cases' rules fixture (tests/cases/rules.yml); the words from the shipped content."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
from pathlib import Path

import icalendar
import pytest

from calculators.ics import calendar, fold
from exchange_guide.cli.main import main
from exchange_guide.model import load_content
from exchange_guide.model.plurals import form as counted_form
from exchange_guide.render.localise import Localiser

_spec = importlib.util.spec_from_file_location("case_support", Path(__file__).parent / "cases" / "case_support.py")
case_support = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(case_support)

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ""  # content/ with the fixture rules, made once for the module (below)
DK_STAY = ["--home", "DK", "--host", "SE", "--start", "2026-03-02", "--end", "2026-05-01"]
SHIPPED = load_content(ROOT / "content")


@pytest.fixture(scope="module", autouse=True)
def _fixture_content(tmp_path_factory):
    global CONTENT  # noqa: PLW0603 (every test of the module runs against the same copy)
    CONTENT = str(case_support.fixture_content(tmp_path_factory.mktemp("ics") / "content"))


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


@pytest.mark.parametrize("lang", SHIPPED.languages)
def test_ics_reads_back_with_the_right_dates(capsys, tmp_path, lang):
    summary = SHIPPED.plan["plan"]["steps"]["apply_by"][lang]
    source = Localiser(SHIPPED, lang).source_parts(SHIPPED.source("medst-norut"))[0]
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
    assert source in str(apply["DESCRIPTION"])  # the source, unbroken by folding
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


def test_a_deadline_in_months_is_counted_from_the_day_after_the_last_day(capsys):
    """W3: the report deadline uses the stipend's month rule for a period starting the day after
    the last day: 2 months after 31 December end on 28 February, not on 1 March."""
    stay = ["--home", "SE", "--host", "DK", "--start", "2026-11-02", "--end", "2026-12-31", "--json"]
    code, out, _ = estimate(capsys, *stay)
    steps = {step["id"]: step for step in json.loads(out)["plan"]}
    assert code == 0 and steps["report_by"]["limit"] == {"months": 2}
    assert steps["report_by"]["date"] == "2027-02-28"


def test_lengths_in_the_calendar_take_the_plural_form_cldr_gives(capsys, tmp_path):
    """calculators.ics has no plural rules: it is given each length rules.yml holds in words. A
    report deadline of 21 weeks reads as CLDR's 21 (Icelandic "21 vika"), not as the form for 2."""
    content = case_support.fixture_content(tmp_path / "content")
    rules = content / "rules.yml"
    text = rules.read_text(encoding="utf-8")
    changed = re.sub(r"report_deadline: \{weeks: 3,", "report_deadline: {weeks: 21,", text, count=1)
    assert changed != text
    rules.write_text(changed, encoding="utf-8")
    loc = Localiser(load_content(content), "is")
    words = loc.duration(21, "weeks")
    form_for_two = counted_form(loc.forms(loc.content.ui["weeks"]), "is", 2).replace("{n}", "21")
    assert words.replace("\u00a0", " ") != form_for_two, "the test must tell the two forms apart"
    path = tmp_path / "plan.ics"
    stay = ["--home", "NO", "--host", "SE", "--start", "2026-03-02", "--end", "2026-05-01"]
    assert main(["estimate", *stay, "--ics", str(path), "--lang", "is", "--content", str(content)]) == 0
    capsys.readouterr()
    events = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    report = next(e for e in events if str(e["SUMMARY"]) == loc.content.plan["plan"]["steps"]["report_by"]["is"])
    assert words in str(report["DESCRIPTION"])


def test_the_calendar_states_no_amount(capsys, tmp_path):
    """The .ics holds dates and steps, never a sum: no figure that could read as a fixed stipend."""
    path = tmp_path / "plan.ics"
    assert estimate(capsys, *DK_STAY, "--ics", str(path), "--today", "2025-12-01")[0] == 0
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"\d[\d\s.,]*\s?(DKK|SEK|NOK|EUR|ISK)", text)
