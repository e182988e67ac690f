"""The calculator in Chromium, served by nginx under /norut/: Pyodide in a module worker.

Figures are checked against the `exchange-guide estimate` command for the same input (the same
shipped content), and every text against the loaded content: no test pins today's wording."""

import datetime as dt
import json
import re
import subprocess
import sys
from decimal import Decimal
from functools import cache
from pathlib import Path
from urllib.parse import urlencode

import pytest
from content_edits import shipped_content
from publishing import pyodide_folder

from exchange_guide.render.localise import Localiser

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[1]
LOAD = 60_000  # ms: Pyodide's first load on a busy 2-core machine
CONTENT = shipped_content()
TEXTS = CONTENT.pages["calculator"]


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
    return eligible, int(page.locator('[data-result="max_stipend_dkk"]').get_attribute("data-value"))


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
        assert shown(page) == (expected["eligible"], expected["max_stipend_dkk"]), (home, host, start, end)
        assert page.locator("#eg-result .eg-check").count() == len(expected["reasons"])
        assert (
            page.locator("#eg-result").get_attribute("data-unclear")
            == str(expected["eligible"] and bool(expected["unclear"])).lower()
        )
    assert page.evaluate("document.documentElement.dataset.calculatorReady") == "true"
    assert not page.console_errors, page.console_errors
    assert all(url.startswith(f"http://127.0.0.1:{server.port}/") for url in page.requests), page.requests


def test_result_is_written_in_the_page_language(page, server):
    """Numbers, amounts, dates and names as the build writes them in that language (content/site.yml)."""
    loc = Localiser(CONTENT, "fi")
    page.goto(url_of(server, "fi"))
    fill(page, "FI", "SE", "2026-03-02", "2026-05-01", 0, 1234.5, "EUR", 0)
    calculate(page)
    text = page.locator("#eg-result").inner_text()
    expected = cli("FI", "SE", "2026-03-02", "2026-05-01", 0, 1234.5, "EUR", 0)
    assert loc.money(expected["max_stipend_dkk"], "DKK") in text
    assert loc.money(Decimal("1234.5"), "EUR") in text  # the fare as entered
    assert loc.date("2026-03-02") in text
    assert loc.inline(CONTENT.site["countries"]["SE"]) in text  # the host in the page's language
    converted = page.locator('[data-result="max_total_home"]')
    assert converted.get_attribute("data-currency") == CONTENT.rates["home_currency"]["FI"]


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
        assert page.title().startswith(TEXTS["errors"]["title_prefix"]["en"]), case
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
        assert not page.title().startswith(TEXTS["errors"]["title_prefix"]["en"]), case
        assert page.locator("#eg-result").get_attribute("data-eligible") == "true", case


def test_every_field_empty_lists_each_required_field(page, server):
    page.goto(url_of(server, "sv"))
    for name in ("start", "end", "leave_days", "family_members"):
        page.fill(f"[name={name}]", "")
    page.select_option("[name=home]", "")
    calculate(page)
    hrefs = page.locator("#eg-error-summary a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs == ["#home", "#host", "#start", "#end"]
    assert page.title().startswith(TEXTS["errors"]["title_prefix"]["sv"])


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
    loc = Localiser(CONTENT, "nb")
    for name, value in query.items():
        # A date shows as the page's language writes it in short, the order its field reads it in.
        shown_as = loc.short_date(dt.date.fromisoformat(value)) if name in ("start", "end") else value
        assert page.locator(f"[name={name}]").input_value() == shown_as
    expected = cli("NO", "SE", "2026-01-05", "2026-07-04", 2, 1800, "NOK", 1)
    assert shown(page) == (expected["eligible"], expected["max_stipend_dkk"])
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
    host = page.locator("[name=host]").input_value()
    expected = cli("SE", host, "2026-03-02", "2026-05-01", 0, 2000, "SEK")
    assert shown(page) == (expected["eligible"], expected["max_stipend_dkk"])
    page.locator("[name=end]").fill("2026-03-31")
    page.locator("[name=end]").dispatch_event("change")
    shorter = cli("SE", host, "2026-03-02", "2026-03-31", 0, 2000, "SEK")["max_stipend_dkk"]
    page.wait_for_function(
        "(value) => document.querySelector('[data-result=max_stipend_dkk]').dataset.value === value",
        arg=str(shorter),
        timeout=LOAD,
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


def _note(rule_set: str, name: str, lang: str) -> str:
    """The note of a rules.yml value as the page shows it (rule values filled in)."""
    value = next(rs for rs in CONTENT.rules["rule_sets"] if rs["id"] == rule_set)["values"][name]
    return Localiser(CONTENT, lang).inline(value["note"])


def _values(home: str, start: str) -> tuple[str, dict]:
    """The rule set the calculator picks for a stay, with its values (extends resolved)."""
    import datetime as dt

    import calculators

    chosen = calculators.choose_rule_set(CONTENT.rules, home, dt.date.fromisoformat(start))
    return chosen["id"], chosen["values"]


def test_result_says_whose_rule_applies_and_which_reading(page, server):
    """The note of a rules.yml value goes with it in the result: days off outside Sweden, where only
    the Swedish administrator deducts them, how Greenland's limits are read, and the Danish amount."""
    loc = Localiser(CONTENT, "en")
    r = TEXTS["result"]
    page.goto(url_of(server, "en"))
    for home, host, start, end, leave in (
        ("FI", "IS", "2026-09-01", "2026-10-20", 3),
        ("SE", "IS", "2026-09-07", "2026-10-26", 3),
    ):
        fill(page, home, host, start, end, leave)
        calculate(page)
        expected = cli(home, host, start, end, leave)
        assert shown(page) == (expected["eligible"], expected["max_stipend_dkk"])
        breakdown = page.locator("#eg-result .eg-breakdown").inner_text()
        rule_set, values = _values(home, start)
        leave_rule = values["leave_reduces_stipend"]
        if expected["leave_days_deducted"]:
            rate = loc.money(Decimal(expected["max_monthly_dkk"]), "DKK")
            line = loc.count(r["leave_line"], leave).replace("{rate}", rate).replace("{divisor}", "30")
            assert line.replace("\u00a0", " ") in breakdown.replace("\u00a0", " ")
        else:
            assert loc.count(r["leave_kept"], leave) in breakdown
        assert leave_rule["applies"] == bool(expected["leave_days_deducted"])
        assert _note(rule_set, "leave_reduces_stipend", "en") in breakdown
    fill(page, "GL", "DK", "2026-04-01", "2026-06-30", 0)
    calculate(page)
    checks = page.locator("#eg-result .eg-checks").inner_text()
    assert _note("gl-2023", "max_duration", "en") in checks
    fill(page, "DK", "SE", "2026-04-01", "2026-05-31", 0)
    calculate(page)
    breakdown = page.locator("#eg-result .eg-breakdown").inner_text()
    assert _note("dk-2023", "monthly_stipend", "en") in breakdown


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
        length = loc.duration(figures["days"], "days")  # then "= months + extra days", a 0 part left out
        if figures["months"]:
            length += " = " + loc.count(texts["whole_months"], figures["months"])
            if figures["extra_days"]:
                length += " + " + loc.count(texts["extra_days"], figures["extra_days"])
        stay = loc.inline(texts["stay"]).replace("{length}", length)
        assert plain(page.locator("#eg-result .eg-breakdown li").first.inner_text()) == plain(stay)
        lines = page.locator("#eg-result .eg-cost strong").all_inner_texts()
        assert any(line.startswith(loc.count(texts["family_travel"], family) + ":") for line in lines), (family, lines)
    # The sources' names in the result carry their own language where it is not the page's (the
    # Swedish rules cite UHR, in Swedish): WCAG 3.1.2 in the browser as at build time.
    marked = page.eval_on_selector_all("#eg-result a.eg-source span[lang]", "spans => spans.map(s => s.lang)")
    assert lang not in marked and (lang == "sv" or "sv" in marked), marked
    assert not page.console_errors, page.console_errors


# --- The result's lines in every language: the ceiling, one thing said once -------------------------
def _line_texts(page, selector: str) -> list[str]:
    """Each generated line of the result without its source link and hidden text: what the
    line itself says."""
    return page.eval_on_selector_all(
        selector,
        """nodes => nodes.map((node) => {
            const copy = node.cloneNode(true);
            copy.querySelectorAll('.eg-source-line, .eg-visually-hidden').forEach((n) => n.remove());
            return copy.textContent.replace(/\\s+/g, ' ').trim();
        })""",
    )


def _says_once(line: str, label: str) -> None:
    """A line names its verdict once and repeats no sentence: no "Covered. Covered by the rules."."""
    assert line.lower().count(label.lower()) == 1, (label, line)
    sentences = [part.strip() for part in re.split(r"(?<=[.!?])\s+", line) if part.strip()]
    assert len(sentences) == len(set(sentences)), line
    assert not re.search(r":[^.]*:", line.split(". ", maxsplit=1)[0]), f"two colons before the first full stop: {line}"


@pytest.mark.parametrize("lang", ["sv", "nb", "da", "fi", "is", "en"])
def test_the_ceiling_and_one_thing_once_in_every_language(page, server, lang):
    """Every amount is a maximum in the page's words ("upp till", "inntil", "op til", "enintään",
    "allt að", "up to": calculator.yml's result.up_to): the headline, the total, the converted total
    and the application's figure. And no generated line repeats its verdict, stutters with two
    colons or states a part that is 0 ("0 extra days"). Texts from the loaded content."""
    loc = Localiser(CONTENT, lang)
    counted = set(TEXTS["result"]) - {key for key, text in TEXTS["result"].items() if isinstance(text[lang], str)}
    r = {key: loc.inline(text) for key, text in TEXTS["result"].items() if key not in counted}
    page.goto(url_of(server, lang))
    stays = (
        ("SE", "NO", "2026-03-02", "2026-05-01", 2450, "SEK", 1),  # qualifies, journey covered, family not
        ("DK", "GL", "2026-04-01", "2026-07-31", "", "DKK", 0),  # qualifies on our reading: unclear
        ("SE", "DK", "2026-03-02", "2026-03-14", "", "DKK", 0),  # too short: nothing covered
    )
    for home, host, start, end, fare, currency, family in stays:
        fill(page, home, host, start, end, 0, fare, currency, family)
        calculate(page)
        expected = cli(home, host, start, end, 0, fare if fare != "" else None, currency, family)
        most = loc.money(expected["max_stipend_dkk"], "DKK")
        at_most = r["up_to"].replace("{amount}", most) if expected["eligible"] else most
        amount_line = _line_texts(page, "#eg-result .eg-panel__amount")[0]
        assert amount_line == f"{r['stipend']}: {at_most}".replace("\u00a0", " "), amount_line
        headline = (
            r["eligible_unclear" if expected["unclear"] else "eligible"] if expected["eligible"] else r["not_eligible"]
        )
        assert page.locator("#eg-result .eg-panel__title").inner_text() == headline
        assert (r["unclear_note"] in page.locator("#eg-result .eg-panel").inner_text()) == bool(
            expected["eligible"] and expected["unclear"]
        )
        status = page.locator("#eg-status").text_content()
        assert f"{r['stipend']}: {at_most}." in status
        # One thing once: the checks, the costs, the breakdown and the panel.
        labels = {"eg-check--ok": r["passed"], "eg-check--fail": r["failed"], "eg-check--unclear": r["unclear"]}
        for kind, label in labels.items():
            for line in _line_texts(page, f"#eg-result .{kind}"):
                _says_once(line, label)
        if not expected["eligible"]:
            # Nothing is paid: no working, no costs, no total and no figures for an application.
            for part in (".eg-breakdown", ".eg-costs", ".eg-total", ".eg-application-figures"):
                assert page.locator(f"#eg-result {part}").count() == 0, part
            continue
        total = int(page.locator('[data-result="max_total_dkk"]').get_attribute("data-value"))
        # A journey covered but without its price is not in the total, and the line says so.
        travel = expected["travel"]
        no_price = f" {r['total_no_journey']}" if travel["covered"] and not travel["cost"] else ""
        assert _line_texts(page, "#eg-result .eg-total")[0] == (
            f"{r['total']}: {r['up_to'].replace('{amount}', loc.money(total, 'DKK'))}{no_price}".replace("\u00a0", " ")
        )
        if CONTENT.rates["home_currency"][home] != "DKK":
            currency_home = CONTENT.rates["home_currency"][home]
            converted = page.locator('[data-result="max_total_home"]')
            rate = Decimal(CONTENT.rates["per_dkk"][currency_home])
            assert converted.inner_text() == (
                r["converted"]
                .replace("{amount}", loc.money(int(converted.get_attribute("data-value")), currency_home))
                .replace("{rate}", f"{loc.money(1, 'DKK')} = {loc.money(rate, currency_home)}")
                .replace("{date}", loc.date(CONTENT.rates["date"]))
            )
        figures = page.locator("#eg-result .eg-application-figures dd").all_inner_texts()
        assert at_most in figures, figures
        for kind, label in (("eg-cost--yes", r["covered"]), ("eg-cost--no", r["not_covered"])):
            for line in _line_texts(page, f"#eg-result .{kind}"):
                _says_once(line, label)
        lines = _line_texts(page, "#eg-result .eg-breakdown li") + figures
        zero_parts = [loc.count(TEXTS["result"][key], 0) for key in ("whole_months", "extra_days")]
        assert not [line for line in lines for zero in zero_parts if zero.replace("\u00a0", " ") in line], lines
    assert not page.console_errors, page.console_errors


# Each self-governing territory as home and as host, Finland <-> Åland, Denmark <-> the Faroe
# Islands and Greenland, and a stay in Greenland longer than Greenland's own limits.
UNCLEAR_STAYS = (
    ("FO", "SE"),
    ("GL", "IS"),
    ("AX", "NO"),
    ("FI", "AX"),
    ("AX", "FI"),
    ("DK", "FO"),
    ("FO", "DK"),
    ("DK", "GL"),
    ("GL", "DK"),
    ("SE", "GL"),
)


@pytest.mark.parametrize("lang", ["en", "is"])
def test_unclear_eligibility_is_shown_with_its_note(page, server, lang):
    """Where no source settles who can apply or whether the stay is in another Nordic country, the
    result says so: the headline says the stay may qualify, each unclear condition is marked, and
    the note of the rules.yml value it rests on is beside it."""
    loc = Localiser(CONTENT, lang)
    r = TEXTS["result"]
    page.goto(url_of(server, lang))
    for home, host in UNCLEAR_STAYS:
        start, end = "2026-04-01", "2026-05-31" if host != "GL" or home == "DK" else "2026-07-31"
        fill(page, home, host, start, end)
        calculate(page)
        expected = cli(home, host, start, end)
        assert expected["eligible"] and expected["unclear"], (home, host)
        region = page.locator("#eg-result")
        assert region.get_attribute("data-unclear") == "true", (home, host)
        assert page.locator("#eg-result .eg-panel__title").inner_text() == loc.inline(r["eligible_unclear"])
        unclear = page.locator("#eg-result .eg-check--unclear")
        assert unclear.count() == len(expected["unclear"]), (home, host)
        first = next(reason for reason in expected["reasons"] if reason.get("unclear"))
        rule_set = first.get("rule_set") or expected["rule_set"]
        assert _note(rule_set, first["rule"], lang) in unclear.first.inner_text(), (home, host)
        for line in _line_texts(page, "#eg-result .eg-check--unclear"):
            assert line.startswith(f"{loc.inline(r['unclear'])}: "), line
    assert not page.console_errors, page.console_errors
