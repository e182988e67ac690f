"""The directory's filter in Chromium, from nginx under /norut/: text, area and country, the count
announced in the page's language, the filter in the URL, keyboard-only use, and nothing foreign."""

import unicodedata
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from content_edits import shipped_content

from exchange_guide.model import plurals
from exchange_guide.model.agencies import SELF_GOVERNING, STATES
from exchange_guide.render.localise import Localiser

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[1]
CONTENT = shipped_content()
DATA = CONTENT.pages["directory"]
AGENCIES = "li.eg-dir-agency"
STATES_TABLE = '.eg-dir-block[data-countries="DK FI IS NO SE"]'


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


def fold(text: str) -> str:
    """As the script compares: without case or accents."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()


def search_texts(page) -> dict[str, str]:
    """Each agency entry's id and the words the filter searches, as the page holds them."""
    pairs = page.eval_on_selector_all(AGENCIES, "items => items.map(li => [li.id, li.dataset.search])")
    return {agency_id: fold(words) for agency_id, words in pairs}


def accented_query() -> tuple[str, str]:
    """An agency's name whose first word changes when folded ("Försäkringskassan" → "forsakringskassan"),
    folded: typing it without accents must still find the agency."""
    for agency in DATA["agencies"]:
        word = agency["name"].split()[0]
        if fold(word) != word.lower():
            return agency["id"], fold(word)
    pytest.fail("test setup: no agency name with an accent in the directory")


def test_filter_by_text_as_you_type_is_announced_kept_in_the_url_and_restored(page, server):
    agency_id, query = accented_query()
    open_directory(page, server, "en")
    announced(page, count_text("en", len(DATA["agencies"])))
    expected = sorted(i for i, words in search_texts(page).items() if query in words)
    assert f"agency-{agency_id}" in expected
    page.locator("#eg-dir-q").press_sequentially(query)
    announced(page, count_text("en", len(expected)))
    assert sorted(visible_ids(page)) == expected
    # A row of the tables stays when one of its agencies matches, or its own name does.
    loc = Localiser(CONTENT, "en")
    matched = {a["id"] for a in DATA["agencies"] if f"agency-{a['id']}" in expected}
    for area in DATA["areas"]:
        own_words = fold(loc.inline(area["name"]) + " " + loc.inline(area["description"]))
        agencies = {a["id"] for a in DATA["agencies"] if area["id"] in a["areas"] and a["country"] in STATES}
        row = page.locator(f'{STATES_TABLE} tr[data-area="{area["id"]}"]')
        assert row.is_visible() == bool(agencies & matched or query in own_words), area["id"]
    assert query_of(page) == {"text": query}
    page.reload()
    page.locator("#eg-dir-filter").wait_for(state="visible")
    page.wait_for_timeout(300)
    assert not page.is_checked("#__search"), "the theme's search took the query string"
    assert page.input_value("#eg-dir-q") == query
    assert sorted(visible_ids(page)) == expected
    page.fill("#eg-dir-q", "no such agency anywhere")
    announced(page, count_text("en", 0))
    assert visible_ids(page) == []
    clean(page, server)


def _area_with_several_agencies() -> dict:
    return next(area for area in DATA["areas"] if sum(area["id"] in a["areas"] for a in DATA["agencies"]) > 1)


def test_filter_by_area_speaks_finnish_on_the_finnish_page(page, server):
    area = _area_with_several_agencies()
    open_directory(page, server, "fi")
    page.select_option("#eg-dir-area", area["id"])
    expected = sorted(f"agency-{a['id']}" for a in DATA["agencies"] if area["id"] in a["areas"])
    announced(page, count_text("fi", len(expected)))
    assert sorted(visible_ids(page)) == expected
    rows = page.eval_on_selector_all("tr[data-area]:not([hidden])", "rows => rows.map(r => r.dataset.area)")
    assert set(rows) == {area["id"]}
    assert query_of(page) == {"area": area["id"]}
    clean(page, server)


def test_filter_by_country_from_the_url(page, server):
    # A state, an area and the one agency it has there; another state must go from the table.
    pairs = [(a["country"], area) for a in DATA["agencies"] for area in a["areas"] if a["country"] in STATES]
    code, area = next(p for p in pairs if pairs.count(p) == 1)
    other = next(c for c in STATES if c != code)
    expected = [f"agency-{a['id']}" for a in DATA["agencies"] if a["country"] == code and area in a["areas"]]
    open_directory(page, server, "is", f"?country={code}&area={area}")
    assert page.input_value("#eg-dir-country") == code and page.input_value("#eg-dir-area") == area
    assert visible_ids(page) == expected
    announced(page, count_text("is", 1))
    # Only that country's column and list are left; the table for FO, GL and AX goes.
    assert page.locator(f'th[data-country="{code}"]').is_visible()
    assert not page.locator(f'th[data-country="{other}"]').is_visible()
    assert not page.locator('.eg-dir-block[data-countries="FO GL AX"]').is_visible()
    assert page.locator(f"#country-{code.lower()}").is_visible()
    assert not page.locator(f"#country-{other.lower()}").is_visible()
    page.select_option("#eg-dir-country", "")
    page.select_option("#eg-dir-area", "")
    announced(page, count_text("is", len(DATA["agencies"])))
    assert urlsplit(page.url).query == ""
    clean(page, server)


def test_keyboard_only(page, server):
    area = DATA["areas"][0]  # the first in the area list: one ArrowDown from "all areas"
    query = fold(Localiser(CONTENT, "sv").inline(area["name"]).split()[0])
    open_directory(page, server, "sv")
    for _ in range(150):  # Tab through the header and navigation to the search field
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "eg-dir-q":
            break
    else:
        pytest.fail("the search field cannot be reached with Tab")
    page.keyboard.type(query)
    page.keyboard.press("Enter")  # does not reload the page
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "eg-dir-area"
    page.keyboard.press("ArrowDown")
    assert page.input_value("#eg-dir-area") == area["id"]
    # The area's own name is among each of its agencies' words, so every one of them matches.
    expected = sorted(f"agency-{a['id']}" for a in DATA["agencies"] if area["id"] in a["areas"])
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
    page.focus(f"{STATES_TABLE} .eg-dir-scroll")
    assert page.evaluate("document.activeElement.getAttribute('role')") == "region"
    clean(page, server)


def test_an_area_the_state_runs_says_so_when_filtered(page, server):
    # An area that a state runs for a self-governing territory with no agency of its own there.
    area, code, state = next(
        (area, code, state)
        for area in DATA["areas"]
        for code, state in area.get("handled_by", {}).items()
        if not any(a["country"] == code and area["id"] in a["areas"] for a in DATA["agencies"])
    )
    open_directory(page, server, "da", f"?country={code}&area={area['id']}")
    handled = Localiser(CONTENT, "da").inline(DATA["handled_by"][state])
    announced(page, count_text("da", 0))  # no agency of its own: the state serves it
    assert page.locator(f"#country-{code.lower()}").is_visible()
    assert handled in page.text_content(f'p.eg-dir-handled-list[data-country="{code}"]')
    cell = page.locator(
        f'.eg-dir-block[data-countries="FO GL AX"] tr[data-area="{area["id"]}"] td[data-country="{code}"]'
    )
    assert cell.is_visible() and handled in cell.text_content()
    other = next(c for c in SELF_GOVERNING if c != code)
    assert not page.locator(f'td[data-country="{other}"]').first.is_visible()
    clean(page, server)
