"""The directory's filter in Chromium, from nginx under /norut/: text, area and country, the count
announced in the page's language, the filter in the URL, keyboard-only use, and nothing foreign."""

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from content_edits import shipped_content

from exchange_guide.model import plurals
from exchange_guide.render.localise import Localiser

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[1]
CONTENT = shipped_content()
DATA = CONTENT.pages["directory"]
AGENCIES = "li.eg-dir-agency"


def url_of(server, lang: str) -> str:
    return server.url + ("" if lang == CONTENT.default_language else f"{lang}/") + "directory/"


def count_text(lang: str, n: int) -> str:
    texts = DATA["texts"]
    key = "no_matches" if n == 0 else "shown_one" if plurals.category(lang, n) == "one" else "shown_many"
    return Localiser(CONTENT, lang).inline(texts[key]).replace("{n}", str(n))


def open_directory(page, server, lang: str, query: str = ""):
    page.goto(url_of(server, lang) + query)
    page.locator("#eg-dir-filter").wait_for(state="visible")


def visible_ids(page) -> list[str]:
    return page.eval_on_selector_all(f"{AGENCIES}:not([hidden])", "items => items.map(li => li.id)")


def announced(page, text: str) -> None:
    page.wait_for_function("t => document.getElementById('eg-dir-status').textContent === t", arg=text)


def query_of(page) -> dict:
    return {key: values[0] for key, values in parse_qs(urlsplit(page.url).query).items()}


def clean(page, server) -> None:
    foreign = [url for url in page.requests if not url.startswith(f"http://127.0.0.1:{server.port}/")]
    assert not foreign, foreign
    assert not page.console_errors, page.console_errors


def test_without_javascript_everything_is_shown_and_the_filter_is_not(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url_of(server, "en"))
    assert page.locator(f"{AGENCIES}:visible").count() == len(DATA["agencies"])
    assert not page.locator("#eg-dir-filter").is_visible()
    context.close()


def test_filter_by_text_as_you_type_is_announced_kept_in_the_url_and_restored(page, server):
    open_directory(page, server, "en")
    announced(page, count_text("en", len(DATA["agencies"])))
    page.locator("#eg-dir-q").press_sequentially("forsakring")  # no accent: still finds Försäkringskassan
    announced(page, count_text("en", 1))
    assert visible_ids(page) == ["agency-forsakringskassan"]
    states = '.eg-dir-block[data-countries="DK FI IS NO SE"]'
    assert page.locator(f'{states} tr[data-area="social-insurance"]').is_visible()
    assert not page.locator(f'{states} tr[data-area="tax"]').is_visible()
    assert not page.locator('.eg-dir-block[data-countries="FO GL AX"]').is_visible()  # no match there
    assert query_of(page) == {"text": "forsakring"}
    page.reload()
    page.locator("#eg-dir-filter").wait_for(state="visible")
    page.wait_for_timeout(300)
    assert not page.is_checked("#__search"), "the theme's search took the query string"
    assert page.input_value("#eg-dir-q") == "forsakring"
    assert visible_ids(page) == ["agency-forsakringskassan"]
    page.fill("#eg-dir-q", "no such agency anywhere")
    announced(page, count_text("en", 0))
    assert visible_ids(page) == []
    clean(page, server)


def test_filter_by_area_speaks_finnish_on_the_finnish_page(page, server):
    open_directory(page, server, "fi")
    page.select_option("#eg-dir-area", "meteorology")
    expected = sorted(f"agency-{a['id']}" for a in DATA["agencies"] if "meteorology" in a["areas"])
    announced(page, count_text("fi", len(expected)))
    assert "virastoa" in page.text_content("#eg-dir-status")
    assert sorted(visible_ids(page)) == expected
    rows = page.eval_on_selector_all("tr[data-area]:not([hidden])", "rows => rows.map(r => r.dataset.area)")
    assert set(rows) == {"meteorology"}
    assert query_of(page) == {"area": "meteorology"}
    clean(page, server)


def test_filter_by_country_from_the_url(page, server):
    open_directory(page, server, "is", "?country=IS&area=tax")
    assert page.input_value("#eg-dir-country") == "IS" and page.input_value("#eg-dir-area") == "tax"
    assert visible_ids(page) == ["agency-skatturinn"]
    announced(page, count_text("is", 1))
    # Only Iceland's column and list are left; the table for FO, GL and AX goes.
    assert page.locator('th[data-country="IS"]').is_visible()
    assert not page.locator('th[data-country="SE"]').is_visible()
    assert not page.locator('.eg-dir-block[data-countries="FO GL AX"]').is_visible()
    assert page.locator("#country-is").is_visible() and not page.locator("#country-dk").is_visible()
    page.select_option("#eg-dir-country", "")
    page.select_option("#eg-dir-area", "")
    announced(page, count_text("is", len(DATA["agencies"])))
    assert urlsplit(page.url).query == ""
    clean(page, server)


def test_keyboard_only(page, server):
    open_directory(page, server, "sv")
    for _ in range(150):  # Tab through the header and navigation to the search field
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "eg-dir-q":
            break
    else:
        pytest.fail("the search field cannot be reached with Tab")
    page.keyboard.type("skatt")
    page.keyboard.press("Enter")  # does not reload the page
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "eg-dir-area"
    page.keyboard.press("ArrowDown")  # the first area: tax
    assert page.input_value("#eg-dir-area") == "tax"
    # "skatt" is also the Swedish name of the area, so every tax agency matches.
    expected = sorted(f"agency-{a['id']}" for a in DATA["agencies"] if "tax" in a["areas"])
    page.wait_for_function(
        "n => document.querySelectorAll('li.eg-dir-agency:not([hidden])').length === n", arg=len(expected)
    )
    assert sorted(visible_ids(page)) == expected
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "eg-dir-country"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "reset"
    page.keyboard.press("Enter")
    announced(page, count_text("sv", len(DATA["agencies"])))
    assert page.input_value("#eg-dir-q") == "" and urlsplit(page.url).query == ""
    # The tables scroll sideways from the keyboard too: their wrapper takes focus.
    page.focus('.eg-dir-block[data-countries="DK FI IS NO SE"] .eg-dir-scroll')
    assert page.evaluate("document.activeElement.getAttribute('role')") == "region"
    clean(page, server)


def test_an_area_the_state_runs_says_so_when_filtered(page, server):
    open_directory(page, server, "da", "?country=FO&area=police")
    handled = Localiser(CONTENT, "da").inline(DATA["handled_by"]["DK"])
    announced(page, count_text("da", 0))  # no Faroese agency: the Danish police serve the Faroes
    assert page.locator("#country-fo").is_visible()
    assert handled in page.text_content('p.eg-dir-handled-list[data-country="FO"]')
    cell = page.locator('.eg-dir-block[data-countries="FO GL AX"] tr[data-area="police"] td[data-country="FO"]')
    assert cell.is_visible() and handled in cell.text_content()
    assert not page.locator('td[data-country="GL"]').first.is_visible()
    clean(page, server)
