"""Printing, checked with the browser's print styles (computed styles, and for the calculator the
number of pages Chromium prints): the page's text without the site's header, navigation,
search and footer; the calculator with a result prints a short summary with the plan."""

import re

import pytest
from publishing import LOAD, show_a_result

pytestmark = pytest.mark.browser
CHROME = [
    ".md-header",
    ".md-search",
    ".md-sidebar--primary",
    ".md-sidebar--secondary",
    ".md-footer",
    ".md-top",
    ".md-skip",
    ".md-dialog",
]
DISPLAYED = """selectors => Object.fromEntries(selectors.map(s => {
  const e = document.querySelector(s);
  if (!e) return [s, 'absent'];
  const hidden = (n) => {
    for (; n; n = n.parentElement) if (getComputedStyle(n).display === 'none') return true;
    return false;
  };
  return [s, hidden(e) ? 'hidden' : 'shown'];
}))"""


@pytest.fixture
def tab(browser, published_server):
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    yield page
    context.close()


def pages_printed(page) -> int:
    """Pages on A4 with the site's own @page margins, as the browser's print dialog would use."""
    pdf = page.pdf(format="A4", print_background=False)
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.parametrize("path", ["steps/", "fi/checklists/", "en/faq/"])
def test_guidance_pages_print_without_the_site_around_them(tab, published_server, path):
    tab.goto(published_server.url + path)
    tab.emulate_media(media="print")
    shown = tab.evaluate(DISPLAYED, [*CHROME, "article.md-content__inner", "article h1"])
    assert shown.pop("article.md-content__inner") == "shown" and shown.pop("article h1") == "shown"
    assert all(state in ("hidden", "absent") for state in shown.values()), repr(shown)
    assert tab.evaluate(DISPLAYED, [".md-header"])[".md-header"] == "hidden"
    tab.emulate_media(media="screen")
    assert tab.evaluate(DISPLAYED, [".md-header"])[".md-header"] == "shown"


def test_checklists_print_every_item_with_a_box_to_tick(tab, published_server):
    tab.goto(published_server.url + "en/checklists/")
    tab.emulate_media(media="print")
    items = tab.locator(".eg-checklist li")
    assert items.count() > 0
    assert all(items.nth(i).is_visible() for i in range(items.count()))
    box = tab.evaluate("() => getComputedStyle(document.querySelector('.eg-checklist li'), '::before').borderTopStyle")
    assert box == "solid"


@pytest.mark.parametrize("lang", ["en", "fi"])  # Finnish: the longest words and texts
def test_calculator_with_a_result_prints_the_result_and_the_plan(tab, published_server, lang):
    tab.goto(published_server.url + f"{lang}/calculator/")
    show_a_result(tab)
    tab.emulate_media(media="print")
    shown = tab.evaluate(DISPLAYED, [*CHROME, "#eg-calculator", "#eg-result", "article h1", "#how-it-works"])
    assert shown.pop("#eg-result") == "shown" and shown.pop("article h1") == "shown"
    assert shown.pop("#eg-calculator") == "hidden", "the form is not printed"
    assert shown.pop("#how-it-works") == "hidden", "the rest of the page is not printed with a result"
    assert all(state in ("hidden", "absent") for state in shown.values()), repr(shown)
    assert tab.locator('[data-result="max_stipend_dkk"]').is_visible()
    # The result's coloured panel prints as black text with a border (no background needed).
    panel = tab.evaluate(
        "() => { const s = getComputedStyle(document.querySelector('#eg-result .eg-panel'));"
        " return [s.color, s.borderTopStyle]; }"
    )
    assert panel == ["rgb(0, 0, 0)", "solid"]
    # The printout includes the plan (issue 14) and what to put in the application: two pages at most.
    assert tab.locator("#eg-result .eg-plan").is_visible()
    assert pages_printed(tab) <= 2


def test_calculator_without_a_result_prints_the_guidance(tab, published_server):
    tab.goto(published_server.url + "en/calculator/")
    tab.wait_for_function("() => document.documentElement.dataset.calculatorReady === 'true'", timeout=LOAD)
    tab.emulate_media(media="print")
    shown = tab.evaluate(DISPLAYED, ["#eg-calculator", "#how-it-works", ".md-header"])
    assert shown == {"#eg-calculator": "hidden", "#how-it-works": "shown", ".md-header": "hidden"}
