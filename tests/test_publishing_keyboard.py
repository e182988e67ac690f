"""Keyboard alone, on the site as published (nginx, shipped configuration, /norut/): every Tab stop
shows a focus indicator, Tab goes through a page and back to its start (no trap), search works
from the keyboard, and so do the calculator and the directory filter."""

import pytest
from content_edits import shipped_content
from publishing import LOAD, expected_result, languages, path_of, search_word

pytestmark = pytest.mark.browser
DEFAULT, LANGUAGES = languages()

# The focused element: a path that names it, whether it has a box on screen, and its focus style.
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return null;
  for (const a of document.getAnimations()) a.finish();  // Material fades some things in on focus
  const path = [];
  for (let n = e; n && n.parentElement; n = n.parentElement)
    path.unshift(n.tagName.toLowerCase() + ':' + Array.prototype.indexOf.call(n.parentElement.children, n));
  const s = getComputedStyle(e), r = e.getBoundingClientRect();
  const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2
                && !/, 0\\)$|transparent/.test(s.outlineColor))
               || s.boxShadow !== 'none';
  const name = `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${e.className} ${e.getAttribute('href') || ''}`;
  return {key: path.join('/'), name,
          shown: r.width > 0 && r.height > 0 && e.checkVisibility({visibilityProperty: true, opacityProperty: true}),
          ring};
}"""


@pytest.fixture
def tab(browser, published_server):
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    # A 404 page's own status is logged as an error; nothing else may be.
    page.on(
        "console",
        lambda msg: (
            page.errors.append(msg.text)
            if msg.type == "error" and not (msg.location.get("url") == page.url and "404" in msg.text)
            else None
        ),
    )
    yield page
    context.close()


def tab_round(page, limit: int) -> list[dict]:
    """Press Tab until focus is back on the first element it reached; every stop on the way."""
    stops: list[dict] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = page.evaluate(FOCUSED)
        if now is None:  # past the last element: the browser's own UI, then the top again
            continue
        if stops and now["key"] == stops[0]["key"]:
            return stops
        stops.append(now)
    pytest.fail(
        f"Tab did not come back to the start in {limit} presses (a keyboard trap?); "
        f"last stops: {[s['name'] for s in stops[-5:]]}"
    )


def assert_focus_always_visible(stops: list[dict]) -> None:
    hidden = [s["name"] for s in stops if not s["shown"]]
    no_ring = [s["name"] for s in stops if not s["ring"]]
    assert not hidden, f"Tab stops with nothing on screen: {hidden}"
    assert not no_ring, f"Tab stops without a visible focus indicator: {no_ring}"


@pytest.mark.parametrize("kind, lang", [("index", "sv"), ("checklists", "fi"), ("404", "en")])
def test_tab_reaches_everything_shows_focus_and_comes_back(tab, published_server, kind, lang):
    tab.goto(published_server.url + path_of(kind, lang, DEFAULT))
    tab.wait_for_load_state("networkidle")
    count = tab.evaluate("document.querySelectorAll('a[href], button, input, select, [tabindex]').length")
    stops = tab_round(tab, count + 20)
    assert len(stops) >= 10
    assert_focus_always_visible(stops)
    if tab.locator("a.md-skip").count():  # pages with headings (not the 404 page)
        assert stops[0]["name"].startswith("a.md-skip"), "the first Tab stop skips to the content"
    assert not tab.errors, tab.errors


def test_calculator_by_keyboard_alone_then_tab_through_the_result(tab, published_server):
    tab.goto(published_server.url + "en/calculator/")
    tab.wait_for_function("() => document.documentElement.dataset.calculatorReady === 'true'", timeout=LOAD)
    for _ in range(120):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.name") == "home":
            break
    else:
        pytest.fail("the calculator's first field cannot be reached with Tab")
    countries = shipped_content().site["countries"]  # a select is chosen by typing its option's name
    keys = [
        ("home", [countries["SE"]["en"]]),
        ("host", [countries["NO"]["en"]]),
        ("start", ["2026-03-02"]),  # a text field: a year first is read year-month-day in every language
        ("end", ["2026-05-01"]),
        ("leave_days", []),
        ("travel_cost", ["2450"]),
        ("travel_currency", ["S", "E", "K"]),
        ("family_members", []),
    ]
    for name, typed in keys:
        assert tab.evaluate("document.activeElement.name") == name
        for text in typed:
            tab.keyboard.type(text)
        for _ in range(4):
            tab.keyboard.press("Tab")
            if tab.evaluate("document.activeElement.name") != name:
                break
    assert tab.evaluate("document.activeElement.id") == "eg-submit"
    assert tab.input_value("[name=home]") == "SE" and tab.input_value("[name=host]") == "NO"
    assert tab.input_value("[name=start]") == "2026-03-02" and tab.input_value("[name=end]") == "2026-05-01"
    assert tab.input_value("[name=travel_currency]") == "SEK"
    tab.keyboard.press("Enter")
    expected = expected_result()  # by the shipped rules
    tab.wait_for_selector(f"#eg-result[data-eligible='{str(expected['eligible']).lower()}']", timeout=LOAD)
    if expected["eligible"]:
        shown = tab.locator('[data-result="max_stipend_dkk"]').get_attribute("data-value")
        assert shown == str(expected["max_stipend_dkk"])
    stops = tab_round(tab, 400)  # the whole page with its result, and back
    assert_focus_always_visible(stops)
    names = [s["name"] for s in stops]
    assert any(n.startswith("input#start") for n in names) and any(n.startswith("button#eg-submit") for n in names)
    assert not tab.errors, tab.errors


def test_directory_filter_controls_show_focus(tab, published_server):
    """The directory's full keyboard walk is in tests/test_directory_browser.py; here, that each
    control of the filter and the scrolling tables show where focus is."""
    tab.goto(published_server.url + "nb/directory/")
    tab.locator("#eg-dir-filter").wait_for(state="visible")
    stops = []
    for _ in range(150):
        tab.keyboard.press("Tab")
        now = tab.evaluate(FOCUSED)
        if now:
            stops.append(now)
        if now and now["name"].startswith("div") and "eg-dir-scroll" in now["name"]:
            break
    else:
        pytest.fail("the directory's tables cannot be reached with Tab")
    names = [s["name"] for s in stops]
    for wanted in ("input#eg-dir-q", "select#eg-dir-area", "select#eg-dir-country"):
        assert any(n.startswith(wanted) for n in names), (wanted, names[-12:])
    assert_focus_always_visible(stops)


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_search_from_the_keyboard(tab, published_server, lang):
    query = search_word(lang)
    tab.goto(published_server.url + path_of("faq", lang, DEFAULT))
    for _ in range(30):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.classList.contains('md-search__input')"):
            break
    else:
        pytest.fail("the search field cannot be reached with Tab")
    assert tab.evaluate(FOCUSED)["ring"]
    tab.keyboard.type(query)
    tab.locator(".md-search-result__item").first.wait_for(timeout=20000)
    tab.keyboard.press("ArrowDown")
    focused = tab.evaluate(FOCUSED)
    assert "md-search-result__link" in focused["name"] and focused["ring"] and focused["shown"], focused
    href = tab.evaluate("document.activeElement.href")
    assert f"/norut/{lang}/" in href, href
    tab.keyboard.press("Enter")
    tab.wait_for_url(href.split("#")[0] + "**")
    assert tab.locator("html").get_attribute("lang") == lang
    assert query.lower() in tab.locator("article").inner_text().lower()
    assert not tab.errors, tab.errors
