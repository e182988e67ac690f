"""The page-not-found pages of a default build (`make site`: the address in content/site.yml),
served by nginx at /norut/: in each language, at a deep wrong address, they are styled, their
links stay under /norut/ and axe-core finds no WCAG 2.1 A/AA violation."""

from urllib.parse import urljoin

import pytest
from publishing import describe, languages, run_axe, watched_tab

pytestmark = pytest.mark.browser
DEFAULT, LANGUAGES = languages()


@pytest.fixture(scope="module")
def tab(browser, server):
    with watched_tab(browser, server.port) as page:
        yield page


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_default_build_404_page_works_under_norut(tab, server, lang):
    assert server.prefix == "/norut/"
    root = server.url + ("" if lang == DEFAULT else f"{lang}/")
    tab.watch.clear()
    url = root + "no/such/deep/page/"
    response = tab.goto(url)
    assert response.status == 404
    assert tab.locator("html").get_attribute("lang") == lang
    header = tab.evaluate("getComputedStyle(document.querySelector('.md-header')).position")
    assert header in ("sticky", "fixed"), "the 404 page's style sheet did not load"
    home = tab.locator("article a").last.get_attribute("href")
    assert urljoin(tab.url, home) == root, home
    errors = [e for e in tab.watch.errors if not e.endswith(f"({url})")]
    problems = {
        "foreign requests": tab.watch.foreign(),
        "console errors": errors,
        "blocked by the policy": tab.watch.csp,
        "axe (WCAG 2.1 A/AA)": run_axe(tab),
    }
    assert not any(problems.values()), describe(problems)
