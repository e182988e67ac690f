"""On the calculator page Material's own script (search, header, navigation) loads only once the
calculator has answered, so that it does not compete with Python's start (theme-later.js). The
page must still get all of it: after the first answer, when there is nothing to answer, and when
the calculator cannot start at all."""

import re

import pytest
from publishing import search_word
from test_calculator_browser import LOAD, url_of

pytestmark = pytest.mark.browser
QUERY = "?home=SE&host=NO&start=2026-03-02&end=2026-05-01&leave_days=0&family_members=0"
BUNDLE = re.compile(r"/assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js$")


def search_works(page, word: str) -> None:
    page.wait_for_function("() => window.component$ !== undefined", timeout=10_000)  # Material's own global
    page.keyboard.press("/")  # Material's keyboard shortcut: works only once its script has started
    page.keyboard.type(word)
    page.locator(".md-search-result__item").first.wait_for(timeout=20_000)


def started_at(page, pattern: re.Pattern) -> float:
    """When the page started fetching the file whose address matches (resource timing, ms)."""
    times = page.evaluate("performance.getEntriesByType('resource').map((r) => [r.name, r.startTime])")
    (start,) = [start for name, start in times if pattern.search(name)]
    return start


def test_the_theme_loads_after_the_first_answer_and_then_works(page, server):
    page.goto(url_of(server, "en") + QUERY)
    page.wait_for_function("() => performance.getEntriesByName('eg-first-result').length > 0", timeout=LOAD)
    search_works(page, search_word("en"))
    first = page.evaluate("performance.getEntriesByName('eg-first-result')[0].startTime")
    assert started_at(page, BUNDLE) > first
    assert len([url for url in page.requests if BUNDLE.search(url)]) == 1
    assert not page.console_errors, page.console_errors


def test_the_theme_loads_when_there_is_nothing_to_answer(page, server):
    page.goto(url_of(server, "fi"))
    page.wait_for_function("() => document.documentElement.dataset.calculatorReady === 'true'", timeout=LOAD)
    search_works(page, search_word("fi"))
    assert not page.console_errors, page.console_errors


def test_the_theme_loads_when_the_calculator_cannot_start(page, server):
    # The worker's script refused: the page says the calculator did not load, and the rest of the
    # page (search included) works as on any other page.
    page.route("**/calculator/worker.mjs*", lambda route: route.fulfill(status=404, body=""))
    page.goto(url_of(server, "en") + QUERY)
    page.wait_for_function("() => document.documentElement.dataset.calculatorReady === 'failed'", timeout=LOAD)
    assert page.locator("#eg-status").inner_text().strip()
    search_works(page, search_word("en"))
