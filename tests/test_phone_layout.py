"""Every page on a phone (390 × 844) and on a desktop (1280 × 800), in every language, as nginx serves
the session's build with the shipped configuration, in Chromium:

- no page is wider than its screen (nothing to scroll sideways), with JavaScript and without it;
- on a phone, axe-core finds no WCAG 2.1 A/AA violation, scrollable-region-focusable included (a
  box that scrolls can be reached from the keyboard); the desktop is tests/test_publishing_pages.py's;
- the calculator's result, opened from a shared link, is brought into view, and its verdict, its
  amount and the figures for the application are on its first screen, in every language (the
  longest decides), on a phone and on a desktop; it fits a 320 px screen too.

One browser context per kind of screen for the module; each page is loaded once per check."""

from urllib.parse import urlencode

import pytest
from publishing import LOAD, describe, languages, page_types, path_of, run_axe
from test_calculator_browser import url_of

pytestmark = pytest.mark.browser
DEFAULT, LANGUAGES = languages()
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
NARROWEST = {"width": 320, "height": 640}
# A stay that qualifies, with a fare with decimals, days off and family: every line of the result.
STAY = "?" + urlencode(
    {
        "home": "FI",
        "host": "SE",
        "start": "2026-03-02",
        "end": "2026-05-01",
        "leave_days": 3,
        "travel_cost": "2450.50",
        "travel_currency": "EUR",
        "family_members": 2,
    }
)

# What sticks out past the right edge of the screen, for the message.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return [];
  return [...document.querySelectorAll('body *')]
    .filter((e) => e.getBoundingClientRect().right > width + 1 && e.checkVisibility({visibilityProperty: true}))
    .slice(0, 5)
    .map((e) => `${e.tagName.toLowerCase()}.${e.className} (${Math.round(e.getBoundingClientRect().right)} px)`)
    .concat([`page ${document.documentElement.scrollWidth} px wide on a ${width} px screen`]);
}"""


def _tab(browser, **options):
    context = browser.new_context(**options)
    tab = context.new_page()
    tab.errors = []
    tab.on("pageerror", lambda exc: tab.errors.append(str(exc)))
    return context, tab


@pytest.fixture(scope="module")
def phone(browser, server):
    context, tab = _tab(browser, **PHONE)
    yield tab
    context.close()


@pytest.fixture(scope="module")
def desktop(browser, server):
    context, tab = _tab(browser, **DESKTOP)
    yield tab
    context.close()


@pytest.fixture(scope="module")
def phone_without_script(browser, server):
    context, tab = _tab(browser, **PHONE, java_script_enabled=False)
    yield tab
    context.close()


def _url(server, kind: str, lang: str) -> str:
    return server.url + path_of(kind, lang, DEFAULT)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_fits_a_phone_and_passes_axe(phone, server, built_site, lang):
    problems = {}
    for kind in page_types(built_site):
        phone.goto(_url(server, kind, lang))
        found = {"wider than the screen": phone.evaluate(OVERFLOW), "axe (WCAG 2.1 A/AA)": run_axe(phone)}
        if any(found.values()):
            problems[kind] = found
    assert not problems, describe(problems)
    assert not phone.errors, phone.errors


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_fits_a_desktop_and_a_phone_without_javascript(
    desktop, phone_without_script, server, built_site, lang
):
    problems = {}
    for kind in page_types(built_site):
        for name, tab in (("desktop", desktop), ("phone without JavaScript", phone_without_script)):
            tab.goto(_url(server, kind, lang))
            if wide := tab.evaluate(OVERFLOW):
                problems[f"{kind}, {name}"] = wide
    assert not problems, describe(problems)


def _first_screen(tab) -> dict:
    """Where the result's heading is, and the lowest of its verdict, amount and application figures."""
    return tab.evaluate(
        """() => {
      const box = (selector) => document.querySelector(selector).getBoundingClientRect();
      const parts = ['#eg-result .eg-panel__title', '[data-result="max_stipend_dkk"]',
                     '#eg-result .eg-application-figures'];
      return {header: box('.md-header').bottom, top: box('#eg-result-title').top,
              bottom: Math.max(...parts.map((s) => box(s).bottom)), screen: innerHeight,
              focused: document.activeElement.id};
    }"""
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_shared_result_opens_with_what_to_copy_on_its_first_screen(phone, desktop, server, lang):
    for name, tab in (("phone", phone), ("desktop", desktop)):
        tab.goto(url_of(server, lang) + STAY)
        tab.wait_for_selector("#eg-result[data-eligible='true']", timeout=LOAD)
        where = _first_screen(tab)
        assert where["focused"] == "eg-result-title", (name, where)
        assert where["header"] - 1 <= where["top"] <= where["header"] + 60, (name, where)
        assert where["bottom"] <= where["screen"], (name, where)
        if tab is phone:
            assert not tab.evaluate(OVERFLOW), (name, tab.evaluate(OVERFLOW))
            assert not run_axe(tab), describe({lang: run_axe(tab)})
            tab.set_viewport_size(NARROWEST)  # the smallest phones: the result still fits
            assert not tab.evaluate(OVERFLOW), (NARROWEST, tab.evaluate(OVERFLOW))
            tab.set_viewport_size(PHONE["viewport"])
    # A stay that does not qualify: its suggestions (the nearest stays that would) on a phone.
    phone.goto(url_of(server, lang) + "?home=SE&host=DK&start=2026-03-02&end=2026-03-14")
    phone.wait_for_selector("#eg-result[data-eligible='false'] [data-suggestion]", timeout=LOAD)
    assert not phone.evaluate(OVERFLOW), phone.evaluate(OVERFLOW)
    assert not run_axe(phone), describe({lang: run_axe(phone)})
    suggestion = phone.locator("[data-suggestion]").first.bounding_box()
    assert suggestion["y"] + suggestion["height"] <= PHONE["viewport"]["height"], "a suggestion on the first screen"
    assert not phone.errors, phone.errors
