"""The plan in Chromium (nginx under /norut/, Pyodide in the worker): the dated steps with their
sources, the calendar file (the same bytes as `exchange-guide estimate --ics`), applying a
suggestion, and the Change links of "Check your answers". The browser's clock is fixed, so no
test depends on today's date."""

import datetime as dt
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

import icalendar
import pytest
import yaml
from test_calculator_browser import LOAD, calculations, wait_for_answer
from test_calculator_browser import url_of as page_of

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[1]
TODAY = "2025-12-05"
# Too short (9 days) for Denmark's 14, and its deadline (before 1 December 2025) has passed.
STAY = {"home": "DK", "host": "SE", "start": "2026-03-02", "end": "2026-03-10"}
PLAN_TEXTS = yaml.safe_load((ROOT / "content" / "plan.yml").read_text(encoding="utf-8"))


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


def open_plan(page, server, lang: str, query: dict = STAY):
    page.clock.set_fixed_time(dt.datetime.fromisoformat(f"{TODAY}T10:00:00"))
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
    assert [steps.nth(i).get_attribute("data-step") for i in range(steps.count())] == [
        "manager",
        "host_confirmation",
        "apply_by",
        "decision",
        "stay_start",
        "stay_end",
        "report_by",
        "refund_claim",
    ]
    apply = page.locator('[data-step="apply_by"]')
    assert apply.get_attribute("data-date") == "2025-11-30"
    assert "eg-plan__step--passed" in apply.get_attribute("class")
    assert PLAN_TEXTS["plan"]["passed"][lang] in apply.inner_text()
    assert "Medarbejder- og Kompetencestyrelsen" in apply.locator("a.eg-source").inner_text()
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
        dt.date(2025, 11, 30): PLAN_TEXTS["plan"]["steps"]["apply_by"][lang],
        dt.date(2026, 3, 2): PLAN_TEXTS["plan"]["steps"]["stay_start"][lang],
        dt.date(2026, 3, 10): PLAN_TEXTS["plan"]["steps"]["stay_end"][lang],
    }
    no_errors_no_other_host(page, server)


@pytest.mark.parametrize("lang", ["sv", "nb", "is"])
def test_applying_a_suggestion_and_the_change_links(page, server, lang):
    open_plan(page, server, lang)
    assert page.locator("#eg-result").get_attribute("data-eligible") == "false"
    button = page.locator('[data-suggestion="end"]')
    assert button.get_attribute("data-value") == "2026-03-15"
    before = calculations(page)
    button.click()
    wait_for_answer(page, before)
    assert page.locator("[name=end]").input_value() == "2026-03-15"
    assert page.locator("#eg-result").get_attribute("data-eligible") == "true"
    assert page.locator('[data-result="stipend_dkk"]').get_attribute("data-value") == "8400"
    assert "end=2026-03-15" in page.url, "the permalink follows the applied date"
    assert page.locator("[data-suggestion]").count() == 0

    for field in ("host", "start", "end"):
        page.locator(f'a.eg-change[data-field="{field}"]').click()
        assert page.evaluate("document.activeElement.name") == field
    assert PLAN_TEXTS["check_answers"]["heading"][lang] in page.locator("#eg-check-answers").inner_text()
    application = page.locator("[data-application]")
    assert application.get_attribute("data-application") == "dk-2007"
    assert "2007" in page.locator("#eg-result h4").inner_text()
    no_errors_no_other_host(page, server)


def test_swedish_application_and_permalink_restores_the_plan(page, server):
    open_plan(page, server, "en", {"home": "SE", "host": "NO", "start": "2026-03-02", "end": "2026-05-01"})
    assert page.locator('[data-step="report_by"]').get_attribute("data-date") == "2026-07-01"
    assert page.locator("[data-application]").inner_text() == PLAN_TEXTS["application"]["SE"]["en"]
    page.emulate_media(media="print")  # the printout keeps the plan, not the buttons and links
    assert page.locator("#eg-result .eg-plan").is_visible()
    assert not page.locator("#eg-calendar").is_visible()
    assert not page.locator("a.eg-change").first.is_visible()
    no_errors_no_other_host(page, server)
