"""The plan in Chromium (nginx under /norut/, Pyodide in the worker): the dated steps with their
sources, the calendar file (the same bytes as `exchange-guide estimate --ics`), applying a
suggestion, the Change links of "Check your answers", and a passed application deadline in the
result's headline. The browser's clock is fixed, so no test depends on today's date; dates and
figures are the command line's for the same stay, texts the loaded content's."""

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

import icalendar
import pytest
from content_edits import shipped_content
from test_calculator_browser import LOAD, calculations, wait_for_answer
from test_calculator_browser import url_of as page_of

from calculators.plan import STEP_IDS
from exchange_guide.render.localise import Localiser

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[1]
TODAY = "2025-12-05"
# Too short (9 days) for Denmark's 14 days, and its deadline (before 1 December 2025) has passed.
STAY = {"home": "DK", "host": "SE", "start": "2026-03-02", "end": "2026-03-10"}
CONTENT = shipped_content()
PLAN_TEXTS = CONTENT.plan


def cli_plan(stay: dict, today: str = TODAY) -> dict:
    """The command line's answer for a stay on a given day (the same shipped content as the site)."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "exchange_guide",
            "estimate",
            *[f"--{k}={v}" for k, v in stay.items()],
            "--json",
            "--today",
            today,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def url_of(server, lang: str, query: dict) -> str:
    return page_of(server, lang) + "?" + urlencode(query)


def cli_ics(tmp_path: Path, lang: str) -> bytes:
    target = tmp_path / f"cli-{lang}.ics"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "exchange_guide",
            "estimate",
            *[f"--{k}={v}" for k, v in STAY.items()],
            "--today",
            TODAY,
            "--lang",
            lang,
            "--ics",
            str(target),
        ],
        cwd=ROOT,
        check=True,
    )
    return target.read_bytes()


def open_plan(page, server, lang: str, query: dict = STAY, today: str = TODAY):
    page.clock.set_fixed_time(dt.datetime.fromisoformat(f"{today}T10:00:00"))
    page.goto(url_of(server, lang, query))
    page.wait_for_selector("#eg-result .eg-plan", timeout=LOAD)


def no_errors_no_other_host(page, server):
    assert not page.console_errors, page.console_errors
    own = f"http://127.0.0.1:{server.port}/"
    assert all(url.startswith((own, f"blob:{own}")) for url in page.requests), page.requests


@pytest.mark.parametrize("lang", ["da", "fi", "en"])
def test_plan_and_calendar_download(page, server, tmp_path, lang):
    open_plan(page, server, lang)
    steps = page.locator("#eg-result .eg-plan > li")
    assert [steps.nth(i).get_attribute("data-step") for i in range(steps.count())] == list(STEP_IDS)
    planned = {step["id"]: step for step in cli_plan(STAY)["plan"]}
    apply = page.locator('[data-step="apply_by"]')
    assert apply.get_attribute("data-date") == planned["apply_by"]["date"] and planned["apply_by"]["passed"]
    assert "eg-plan__step--passed" in apply.get_attribute("class")
    assert PLAN_TEXTS["plan"]["passed"][lang] in apply.inner_text()
    source = Localiser(CONTENT, lang).source_parts(CONTENT.source(planned["apply_by"]["source"]))[0]
    assert source in apply.locator("a.eg-source").inner_text()
    report = page.locator('[data-step="report_by"]')
    assert (
        report.get_attribute("data-date") == ""
        and PLAN_TEXTS["plan"]["no_date"]["not_stated"][lang] in report.inner_text()
    )
    assert PLAN_TEXTS["plan"]["date_rule"][lang] in page.locator("#eg-result").inner_text()

    with page.expect_download() as info:
        page.click("#eg-calendar")
    downloaded = Path(info.value.path()).read_bytes()
    assert downloaded == cli_ics(tmp_path, lang), "the page and the command line make the same file"
    events = icalendar.Calendar.from_ical(downloaded).walk("VEVENT")
    by_day = {event.decoded("DTSTART"): str(event["SUMMARY"]) for event in events}
    assert by_day == {
        dt.date.fromisoformat(step["date"]): PLAN_TEXTS["plan"]["steps"][step["id"]][lang]
        for step in planned.values()
        if step["date"]
    }
    no_errors_no_other_host(page, server)


@pytest.mark.parametrize("lang", ["sv", "nb", "is"])
def test_applying_a_suggestion_and_the_change_links(page, server, lang):
    open_plan(page, server, lang)
    assert page.locator("#eg-result").get_attribute("data-eligible") == "false"
    suggestion = next(s for s in cli_plan(STAY)["suggestions"] if s["field"] == "end")
    button = page.locator('[data-suggestion="end"]')
    assert button.get_attribute("data-value") == suggestion["value"]
    before = calculations(page)
    button.click()
    wait_for_answer(page, before)
    suggested = dt.date.fromisoformat(suggestion["value"])
    assert page.locator("[name=end]").input_value() == Localiser(CONTENT, lang).short_date(suggested)
    assert page.locator("#eg-result").get_attribute("data-eligible") == "true"
    shown = page.locator('[data-result="max_stipend_dkk"]').get_attribute("data-value")
    assert shown == str(suggestion["max_stipend_dkk"])
    assert f"end={suggestion['value']}" in page.url, "the permalink follows the applied date"
    assert page.locator("[data-suggestion]").count() == 0

    change = PLAN_TEXTS["check_answers"]
    for field in ("host", "start", "end"):
        link = page.locator(f'a.eg-change[data-field="{field}"]')
        # What a screen reader hears: "Change" and what it changes, in that language's case.
        assert link.text_content() == f"{change['change'][lang]} {change['fields'][field][lang]}"
        link.click()
        assert page.evaluate("document.activeElement.name") == field
    assert PLAN_TEXTS["check_answers"]["heading"][lang] in page.locator("#eg-check-answers").inner_text()
    application = page.locator("[data-application]")
    assert application.get_attribute("data-application") == "dk-2007"
    assert "2007" in page.locator("#eg-result h4").inner_text()
    no_errors_no_other_host(page, server)


def test_swedish_application_and_permalink_restores_the_plan(page, server):
    stay = {"home": "SE", "host": "NO", "start": "2026-03-02", "end": "2026-05-01"}
    open_plan(page, server, "en", stay)
    report = next(step for step in cli_plan(stay)["plan"] if step["id"] == "report_by")
    assert page.locator('[data-step="report_by"]').get_attribute("data-date") == report["date"]
    assert page.locator("[data-application]").inner_text() == PLAN_TEXTS["application"]["SE"]["en"]
    page.emulate_media(media="print")  # the printout keeps the plan, not the buttons and links
    assert page.locator("#eg-result .eg-plan").is_visible()
    assert not page.locator("#eg-calendar").is_visible()
    assert not page.locator("a.eg-change").first.is_visible()
    no_errors_no_other_host(page, server)


@pytest.mark.parametrize("lang", ["sv", "da", "is", "en"])
def test_a_passed_application_deadline_is_in_the_headline(page, server, lang):
    """With the reader's date (a fixed clock) after the last day to apply, the top panel says so,
    with what the sources say about applying late: nothing (Denmark today) or that late
    applications were considered while money was left (Denmark 2007). The day before, it says nothing."""
    loc = Localiser(CONTENT, lang)
    words = PLAN_TEXTS["plan"]
    cases = (
        (STAY, TODAY, "late_not_stated"),
        ({"home": "DK", "host": "NO", "start": "2007-03-01", "end": "2007-05-31"}, "2007-01-10", "late_considered"),
    )
    for stay, today, late in cases:
        apply = next(step for step in cli_plan(stay, today)["plan"] if step["id"] == "apply_by")
        assert apply["passed"], "the case needs a deadline before the reader's date"
        open_plan(page, server, lang, stay, today)
        deadline = page.locator("#eg-result .eg-panel .eg-panel__deadline")
        expected = (
            f"{loc.inline(words['apply_passed']).replace('{date}', loc.date(apply['date']))} {loc.inline(words[late])}"
        )
        assert deadline.inner_text() == expected
        before = dt.date.fromisoformat(apply["date"]).isoformat()  # the last day itself: not yet passed
        open_plan(page, server, lang, stay, before)
        assert page.locator("#eg-result .eg-panel__deadline").count() == 0
    no_errors_no_other_host(page, server)
