"""The calculator in Chromium, served by nginx under /norut/: Pyodide in a module worker.

Figures are checked against the `exchange-guide estimate` command for the same input."""

import json
import subprocess
import sys
from functools import cache
from pathlib import Path
from urllib.parse import urlencode

import pytest
from publishing import pyodide_folder

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[1]
LOAD = 60_000  # ms: Pyodide's first load on a busy 2-core machine


@cache  # the figures do not depend on the page's language: one command per case
def cli(home, host, start, end, leave_days=0, travel_cost=None, currency=None, family=0) -> dict:
    args = [
        sys.executable,
        "-m",
        "exchange_guide",
        "estimate",
        "--home",
        home,
        "--host",
        host,
        "--start",
        start,
        "--end",
        end,
        "--leave-days",
        str(leave_days),
        "--family-members",
        str(family),
        "--json",
    ]
    if travel_cost is not None:
        args += ["--travel-cost", str(travel_cost), "--travel-currency", currency]
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def url_of(server, lang: str) -> str:
    return server.url + ("" if lang == "sv" else f"{lang}/") + "calculator/"


def fill(page, home, host, start, end, leave_days=0, travel_cost="", currency="DKK", family=0):
    page.select_option("[name=home]", home)
    page.select_option("[name=host]", host)
    page.fill("[name=start]", start)
    page.fill("[name=end]", end)
    page.fill("[name=leave_days]", str(leave_days))
    page.fill("[name=travel_cost]", str(travel_cost))
    page.select_option("[name=travel_currency]", currency)
    page.fill("[name=family_members]", str(family))


def calculations(page) -> int:
    return page.evaluate("Number(document.documentElement.dataset.calculations || 0)")


def wait_for_answer(page, before: int):
    """Wait for the answer to the newest request, not to one made while the form was filled in."""
    page.wait_for_function(
        f"() => Number(document.documentElement.dataset.calculations || 0) > {before}"
        " && document.documentElement.dataset.calculatorBusy === 'false'",
        timeout=LOAD,
    )


def calculate(page):
    before = calculations(page)
    page.click("#eg-submit")
    wait_for_answer(page, before)


def shown(page) -> tuple[bool, int]:
    region = page.locator("#eg-result")
    eligible = region.get_attribute("data-eligible") == "true"
    return eligible, int(page.locator('[data-result="stipend_dkk"]').get_attribute("data-value"))


CASES = [
    ("SE", "NO", "2026-03-02", "2026-05-01", 0, 2450, "SEK", 0),
    ("SE", "DK", "2026-03-02", "2026-03-14", 0, "", "DKK", 0),
    ("FI", "IS", "2026-01-31", "2026-04-15", 4, 380, "EUR", 2),
    ("DK", "NO", "2007-03-01", "2007-05-31", 0, "", "DKK", 0),
    ("GL", "DK", "2026-04-01", "2026-07-15", 0, "", "DKK", 0),
]


@pytest.mark.parametrize("lang", ["sv", "fi", "is", "en"])
def test_figures_match_the_command_line(page, server, lang):
    page.goto(url_of(server, lang))
    assert page.locator("html").get_attribute("lang") == lang
    for home, host, start, end, leave, fare, currency, family in CASES:
        fill(page, home, host, start, end, leave, fare, currency, family)
        calculate(page)
        expected = cli(home, host, start, end, leave, fare if fare != "" else None, currency, family)
        assert shown(page) == (expected["eligible"], expected["stipend_dkk"]), (home, host, start, end)
        assert page.locator("#eg-result .eg-check").count() == len(expected["reasons"])
    assert page.evaluate("document.documentElement.dataset.calculatorReady") == "true"
    assert not page.console_errors, page.console_errors
    assert all(url.startswith(f"http://127.0.0.1:{server.port}/") for url in page.requests), page.requests


def test_result_is_written_in_the_page_language(page, server):
    page.goto(url_of(server, "fi"))
    fill(page, "FI", "SE", "2026-03-02", "2026-05-01", 0, 1234.5, "EUR", 0)
    calculate(page)
    text = page.locator("#eg-result").inner_text()
    assert "36\u00a0000\u00a0DKK" in text  # Finnish digit grouping, from content/site.yml
    assert "1\u00a0234,5\u00a0EUR" in text  # the fare as entered, Finnish decimal comma
    assert "2.3.2026" in text  # Finnish date pattern
    assert "Ruotsi" in text  # the host in Finnish
    converted = page.locator('[data-result="total_home"]')
    assert converted.get_attribute("data-currency") == "EUR"


BAD_INPUT = {
    "end before start": ({"end": "2026-02-01"}, "end", "end_before_start"),
    "empty host": ({"host": ""}, "host", "required"),
    "absurd fare": ({"travel_cost": "99999999"}, "travel_cost", "too_large"),
    "fare not a number": ({"travel_cost": "cheap"}, "travel_cost", "not_a_number"),
    "negative leave": ({"leave_days": "-3"}, "leave_days", "negative"),
}


def test_bad_input_gets_an_error_summary_linked_to_the_field(page, server):
    """Each case on the same page, one after another (Pyodide starts once): a mistake, then its fix."""
    page.goto(url_of(server, "en"))
    for case, (changes, field, _code) in BAD_INPUT.items():
        values = {
            "home": "SE",
            "host": "NO",
            "start": "2026-03-02",
            "end": "2026-05-01",
            "leave_days": "0",
            "travel_cost": "",
            "family_members": "0",
        } | changes
        for name, value in values.items():
            if name in ("home", "host"):
                page.select_option(f"[name={name}]", value)
            else:
                page.fill(f"[name={name}]", value)
        calculate(page)
        summary = page.locator("#eg-error-summary")
        assert summary.is_visible(), case
        assert page.evaluate("document.activeElement.id") == "eg-error-summary", case
        link = summary.locator("a").first
        assert link.get_attribute("href") == f"#{field}", case
        message = page.locator(f"#{field}-error")
        assert message.is_visible() and message.inner_text().strip(), case
        assert page.locator(f"#{field}").get_attribute("aria-invalid") == "true", case
        assert f"{field}-error" in page.locator(f"#{field}").get_attribute("aria-describedby"), case
        assert page.title().startswith("Error:"), case
        assert page.locator("#eg-result").is_hidden(), case
        link.click()
        assert page.evaluate("document.activeElement.name") == field, case
        # Fixing the input clears the summary, the message and the title's prefix.
        good = {"end": "2026-05-01", "host": "NO", "travel_cost": "2450", "leave_days": "0"}[field]
        if field == "host":
            page.select_option("[name=host]", good)
        else:
            page.fill(f"[name={field}]", good)
        calculate(page)
        assert summary.is_hidden() and message.is_hidden(), case
        assert not page.title().startswith("Error:"), case
        assert page.locator("#eg-result").get_attribute("data-eligible") == "true", case


def test_every_field_empty_lists_each_required_field(page, server):
    page.goto(url_of(server, "sv"))
    for name in ("start", "end", "leave_days", "family_members"):
        page.fill(f"[name={name}]", "")
    page.select_option("[name=home]", "")
    calculate(page)
    hrefs = page.locator("#eg-error-summary a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs == ["#home", "#host", "#start", "#end"]
    assert page.title().startswith("Fel:")


def test_permalink_restores_the_form_and_the_result(page, server):
    query = {
        "home": "NO",
        "host": "SE",
        "start": "2026-01-05",
        "end": "2026-07-04",
        "leave_days": "2",
        "travel_cost": "1800",
        "travel_currency": "NOK",
        "family_members": "1",
    }
    page.goto(url_of(server, "nb") + "?" + urlencode(query))
    page.wait_for_selector("#eg-result[data-eligible]", timeout=LOAD)
    for name, value in query.items():
        assert page.locator(f"[name={name}]").input_value() == value
    expected = cli("NO", "SE", "2026-01-05", "2026-07-04", 2, 1800, "NOK", 1)
    assert shown(page) == (expected["eligible"], expected["stipend_dkk"])
    assert page.locator("#eg-permalink").get_attribute("href") == "?" + urlencode(query)


def test_a_change_recalculates_and_keyboard_alone_works(page, server):
    page.goto(url_of(server, "en"))
    page.select_option("[name=home]", "SE")
    page.locator("[name=host]").focus()
    page.keyboard.press("ArrowDown")  # first country in the list
    page.locator("[name=start]").fill("2026-03-02")
    page.locator("[name=end]").fill("2026-05-01")
    page.locator("[name=travel_cost]").focus()
    page.keyboard.type("2000")
    before = calculations(page)
    page.keyboard.press("Enter")  # submits the form
    wait_for_answer(page, before)
    assert shown(page) == (True, 36000)
    page.locator("[name=end]").fill("2026-03-31")
    page.locator("[name=end]").dispatch_event("change")
    page.wait_for_function(
        "() => document.querySelector('[data-result=stipend_dkk]').dataset.value === '18000'", timeout=LOAD
    )


def test_pyodide_runs_in_a_module_worker_and_only_on_the_calculator(page, server):
    page.goto(server.url + "faq/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in page.requests if "/pyodide/" in url or "/calculator/" in url]
    page.goto(url_of(server, "da"))
    page.wait_for_function("() => document.documentElement.dataset.calculatorReady === 'true'", timeout=LOAD)
    assert [w.url for w in page.workers if w.url.split("?")[0].endswith("/assets/javascripts/calculator/worker.mjs")]
    assert any(url.endswith(f"/norut/{pyodide_folder()}pyodide.asm.wasm") for url in page.requests)
    assert all(url.startswith(f"http://127.0.0.1:{server.port}/norut/") for url in page.requests), page.requests


def test_result_says_whose_rule_applies_and_which_reading(page, server):
    """The note of a rules.yml value goes with it in the result: days off outside Sweden, where only
    the Swedish administrator deducts them, and how Greenland's limits are read."""
    page.goto(url_of(server, "en"))
    fill(page, "FI", "IS", "2026-09-01", "2026-10-20", 3)
    calculate(page)
    breakdown = page.locator("#eg-result .eg-breakdown").inner_text()
    assert shown(page) == (True, 30000)
    assert "3 days off are not deducted." in breakdown
    assert "has not said whether days off reduce the stipend" in breakdown and "In Sweden" in breakdown
    fill(page, "SE", "IS", "2026-09-07", "2026-10-26", 3)
    calculate(page)
    breakdown = page.locator("#eg-result .eg-breakdown").inner_text()
    assert shown(page) == (True, 28200)
    assert "3 days off × 18,000\u00a0DKK ÷ 30 deducted" in breakdown and "not deducted" not in breakdown
    assert "questions-and-answers page" in breakdown
    fill(page, "GL", "DK", "2026-04-01", "2026-06-30", 0)
    calculate(page)
    checks = page.locator("#eg-result .eg-checks").inner_text()
    assert "The calculator reads it as the rule for you if you are employed in Greenland" in checks
    fill(page, "DK", "SE", "2026-04-01", "2026-05-31", 0)
    calculate(page)
    breakdown = page.locator("#eg-result .eg-breakdown").inner_text()
    assert "The Danish administrator's own page, which is undated, gives 14,000\u00a0DKK" in breakdown


# Stays of 21, 22 and 101 days (0 or 3 whole months, 1 or 2, 5, 21, 22 extra days) and family
# sizes up to the calculator's limit of 20: the counts 0, 1, 2, 5, 21, 22, 101 all appear.
PLURAL_STAYS = (
    ("2026-03-02", "2026-03-22", 1),
    ("2026-03-02", "2026-03-23", 2),
    ("2026-03-02", "2026-06-10", 5),
    ("2026-03-02", "2026-04-02", 20),
)


@pytest.mark.parametrize("lang", ["sv", "nb", "da", "fi", "is", "en"])
def test_counts_take_the_form_cldr_gives_in_the_browser_as_at_build_time(page, server, lang):
    """One page load per language: the browser's Intl.PluralRules puts every count in the
    category Babel does, and the result's counted lines read as the build would write them."""
    from content_edits import shipped_content

    from exchange_guide.model import plurals
    from exchange_guide.render.localise import Localiser

    page.goto(url_of(server, lang))
    browser = page.evaluate("(lang) => Array.from({length: 202}, (_, n) => new Intl.PluralRules(lang).select(n))", lang)
    assert browser == [plurals.category(lang, n) for n in range(202)]
    loc = Localiser(shipped_content(), lang)
    texts = shipped_content().pages["calculator"]["result"]

    def plain(text):
        return text.replace("\u00a0", " ")

    for start, end, family in PLURAL_STAYS:
        fill(page, "SE", "NO", start, end, family=family)
        calculate(page)
        # A change recalculates by itself too: wait for the answer to this input, not an earlier one.
        expected_line = loc.count(texts["family_travel"], family) + ":"
        page.wait_for_function(
            "(text) => [...document.querySelectorAll('#eg-result .eg-cost strong')]"
            ".some((s) => s.textContent.startsWith(text))",
            arg=expected_line,
            timeout=LOAD,
        )
        figures = cli("SE", "NO", start, end, family=family)
        stay = (
            loc.inline(texts["stay"])
            .replace("{days}", loc.duration(figures["days"], "days"))
            .replace("{months}", loc.count(texts["whole_months"], figures["months"]))
            .replace("{extra}", loc.count(texts["extra_days"], figures["extra_days"]))
        )
        assert plain(page.locator("#eg-result .eg-breakdown li").first.inner_text()) == plain(stay)
        lines = page.locator("#eg-result .eg-cost strong").all_inner_texts()
        assert any(line.startswith(loc.count(texts["family_travel"], family) + ":") for line in lines), (family, lines)
    # The sources' names in the result carry their own language where it is not the page's (the
    # Swedish rules cite UHR, in Swedish): WCAG 3.1.2 in the browser as at build time.
    marked = page.eval_on_selector_all("#eg-result a.eg-source span[lang]", "spans => spans.map(s => s.lang)")
    assert lang not in marked and (lang == "sv" or "sv" in marked), marked
    assert not page.console_errors, page.console_errors
