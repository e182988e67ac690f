"""The guidance site in a real browser (Chromium) from a real server (nginx) under a sub-path."""

import pytest
from publishing import search_word

pytestmark = pytest.mark.browser


def _same_origin(requests, server):
    return [
        url
        for url in requests
        if not url.startswith(f"http://127.0.0.1:{server.port}/") and not url.startswith("data:")
    ]


def test_search_on_finnish_pages_finds_finnish_pages_only(page, server):
    page.goto(server.url + "fi/faq/")
    page.keyboard.press("/")  # Material's keyboard shortcut focuses search
    page.keyboard.type(search_word("fi"))
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=20000)
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert hrefs
    assert all("/norut/fi/" in href for href in hrefs), hrefs
    assert not _same_origin(page.requests, server)
    assert not page.console_errors, page.console_errors


def test_language_switcher_reaches_the_same_page_by_keyboard(page, server):
    page.goto(server.url + "checklists/")
    page.focus(".md-select button")
    page.keyboard.press("Enter")  # the menu opens when its button is pressed (language-menu.js)
    link = page.locator('a[hreflang="is"]')
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/norut/is/checklists/")
    assert page.locator("html").get_attribute("lang") == "is"
    assert not page.console_errors, page.console_errors


# Every page of every language loading without errors or foreign requests: test_publishing_pages.py.
