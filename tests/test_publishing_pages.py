"""Every page type in every language, as a publisher serves it (nginx with the shipped
configuration, built for https://intranet.example/norut/ and served at /norut/), in Chromium:

- nothing is requested from any other host;
- no console error, and nothing blocked by the Content-Security-Policy (in the page or in the
  calculator's worker, which must compute a result: Pyodide under the policy; that does not
  depend on the page's language, so it is done once, in the default language);
- axe-core finds no violation of a WCAG 2.0/2.1 level A or AA rule.

One browser context for all of them (the HTTP cache is shared, as for a reader going from page
to page). axe-core is evaluated by the test through the DevTools protocol, which the page's
policy does not govern, so the policy stays in force while it runs."""

import pytest
from publishing import (
    PAGE_TYPES,
    describe,
    languages,
    page_types,
    path_of,
    run_axe,
    show_a_result,
    violations,
    watched_tab,
)

pytestmark = pytest.mark.browser
DEFAULT, LANGUAGES = languages()


@pytest.fixture(scope="module")
def tab(browser, published_server):
    with watched_tab(browser, published_server.port) as page:
        yield page


@pytest.mark.parametrize("kind", PAGE_TYPES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_page_is_self_contained_allowed_by_the_policy_and_accessible(tab, published_server, published_site, lang, kind):
    if kind not in page_types(published_site):
        pytest.skip(f"the site has no {kind} page yet")
    tab.watch.clear()
    url = published_server.url + path_of(kind, lang, DEFAULT)
    response = tab.goto(url)
    assert response.status == (404 if kind == "404" else 200)
    assert tab.locator("html").get_attribute("lang") == lang
    if kind == "calculator" and lang == DEFAULT:
        show_a_result(tab)
    accessibility = run_axe(tab)
    blocked = violations(tab) + tab.watch.csp
    # The 404 page's own status is logged as "Failed to load resource"; nothing else may be.
    errors = [e for e in tab.watch.errors if not (kind == "404" and e.endswith(f"({url})"))]
    problems = {
        "foreign requests": tab.watch.foreign(),
        "blocked by the policy": blocked,
        "console errors": errors,
        "axe (WCAG 2.1 A/AA)": accessibility,
    }
    assert not any(problems.values()), describe(problems)
