"""The calculator as a reader on a phone uses it (Chromium, 390 × 844, nginx under /norut/, Pyodide in
its worker), and the language menu on every page:

- what a reader types is read in the page's own conventions (a date in the language's order, a
  number with its separators), and each mistake gets its own message, naming its field, once;
- a shared link with a date that does not exist says so; a shared link and a language switch land
  on the same answers (the menu's links carry the query and the anchor: the directory's filter too);
- the button holds still while Python loads, and a press made meanwhile is answered;
- a suggestion brings the new result into view; the verdict shows with forced colours and dark;
- the language menu is not in a keyboard user's way until its button is pressed.

Every text is read from the loaded content, every figure from the command line."""

import re
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from content_edits import shipped_content
from test_calculator_browser import LOAD, calculate, calculations, cli, fill, url_of, wait_for_answer

from calculators.codes import FIRST_DAY, LAST_DAY
from exchange_guide.render.localise import Localiser

pytestmark = pytest.mark.browser
CONTENT = shipped_content()
TEXTS = CONTENT.pages["calculator"]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
STAY = {"home": "SE", "host": "NO", "start": "2026-03-02", "end": "2026-05-01"}


@pytest.fixture
def phone(browser, server):
    context = browser.new_context(**PHONE)
    tab = context.new_page()
    tab.errors = []
    tab.on("pageerror", lambda exc: tab.errors.append(str(exc)))
    tab.on("console", lambda msg: tab.errors.append(msg.text) if msg.type == "error" else None)
    yield tab
    context.close()


def typed(lang: str, year: str, month: str, day: str) -> str:
    """A date as a reader of `lang` types it: in CLDR's short pattern's order and separators (also a
    day that does not exist, which no date library writes)."""
    pattern = Localiser(CONTENT, lang).date_format()["short"]
    return re.sub(r"y+|M+|d+", lambda run: {"y": year, "M": month, "d": day}[run.group(0)[0]], pattern)


def message(lang: str, code: str, field: str) -> str:
    """The message the page gives, from calculator.yml: the field's own for an empty field, else the
    error's text with the field's label (as it stands and in lower case), the example date of the
    hints and the years a stay may have."""
    loc = Localiser(CONTENT, lang)
    form = TEXTS["form"]
    if code == "required" and "missing" in form[field]:
        return loc.inline(form[field]["missing"])
    label = loc.inline(form[field]["label"])
    values = {
        "label": label,
        "field": label[0].lower() + label[1:],
        "example": loc.short_date(form["date_example"]),
        "first": str(FIRST_DAY.year),
        "last": str(LAST_DAY.year),
    }
    return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], loc.inline(TEXTS["errors"][code]))


def summary_messages(tab) -> dict[str, list[str]]:
    """{field: [messages]} from the error summary's links."""
    found: dict[str, list[str]] = {}
    for link in tab.locator("#eg-error-summary a").all():
        found.setdefault(link.get_attribute("href").lstrip("#"), []).append(link.inner_text())
    return found


@pytest.mark.parametrize("lang", ["sv", "fi", "en"])
def test_each_mistake_in_a_date_or_a_number_gets_its_own_message(phone, server, lang):
    """One page per language (Python starts once): each case, then the form put right."""
    phone.goto(url_of(server, lang))
    fill(phone, "SE", "NO", STAY["start"], STAY["end"])
    cases = (
        ({"start": typed(lang, "2026", "2", "30")}, {"start": "date_not_real"}),  # 30 February
        (
            {"start": typed(lang, "1850", "3", "2"), "end": typed(lang, "1850", "5", "1")},
            {"start": "date_out_of_range", "end": "date_out_of_range"},
        ),
        ({"end": typed(lang, "", "5", "1").strip("-./ ")}, {"end": "date_incomplete"}),
        ({"start": "soon"}, {"start": "bad_date"}),
        ({"start": ""}, {"start": "required"}),
        ({"family_members": "1,5"}, {"family_members": "not_a_whole_number"}),
        ({"travel_cost": "cheap"}, {"travel_cost": "not_a_number"}),
        ({"leave_days": "-2"}, {"leave_days": "negative"}),
    )
    good = {
        "start": typed(lang, "2026", "3", "2"),
        "end": typed(lang, "2026", "5", "1"),
        "family_members": "0",
        "travel_cost": "",
        "leave_days": "0",
    }
    for changes, codes in cases:
        for name, value in changes.items():
            phone.fill(f"[name={name}]", value)
        calculate(phone)
        shown = summary_messages(phone)
        expected = {field: [message(lang, code, field)] for field, code in codes.items()}
        assert shown == expected, (changes, shown)  # each field once, in its own words
        for field, [text] in expected.items():
            assert text in phone.locator(f"#{field}-error").inner_text(), field
        if len(expected) == 2:
            assert len(set(text for [text] in expected.values())) == 2, "two fields, two messages"
        for name in changes:
            phone.fill(f"[name={name}]", good[name])
    calculate(phone)
    assert phone.locator("#eg-result").get_attribute("data-eligible") == "true"
    # The dates were typed in the page's order: they are the stay's.
    assert f"start={STAY['start']}&end={STAY['end']}" in phone.url
    assert not phone.errors, phone.errors


@pytest.mark.parametrize(
    "lang, fare, amount",
    [
        ("sv", "2 450", "2450"),
        ("sv", "2 450,50", "2450.50"),
        ("da", "2.450,50", "2450.50"),
        ("en", "2,450.50", "2450.50"),
    ],
)
def test_a_fare_with_the_pages_own_separators(phone, server, lang, fare, amount):
    phone.goto(url_of(server, lang))
    fill(phone, "SE", "NO", STAY["start"], STAY["end"], travel_cost=fare, currency="SEK")
    calculate(phone)
    assert phone.locator("#eg-result").get_attribute("data-eligible") == "true"
    assert parse_qs(urlsplit(phone.url).query)["travel_cost"] == [amount]
    written = Localiser(CONTENT, lang).money(Decimal(amount), "SEK")  # "2 450,50 SEK", not "2 450,5 SEK"
    assert written in phone.locator("#eg-result .eg-check-answers").inner_text()
    assert written in phone.locator("#eg-result .eg-application-figures").inner_text()


def test_a_shared_link_with_a_day_that_does_not_exist_says_so(phone, server):
    phone.goto(url_of(server, "fi") + "?home=SE&host=NO&start=2026-02-30&end=2026-05-01")
    phone.wait_for_selector("#eg-error-summary:not([hidden])", timeout=LOAD)
    assert summary_messages(phone) == {"start": [message("fi", "date_not_real", "start")]}
    assert phone.evaluate("document.activeElement.id") == "eg-error-summary"
    assert phone.input_value("[name=start]") == typed("fi", "2026", "2", "30"), "the date as the link gave it"
    assert not phone.errors, phone.errors


def test_a_language_switch_keeps_the_answers_the_filter_and_the_place(phone, server):
    query = "?home=SE&host=NO&start=2026-03-02&end=2026-05-01&leave_days=0&travel_cost=2450&travel_currency=SEK"
    phone.goto(url_of(server, "sv") + query)
    phone.wait_for_selector("#eg-result[data-eligible]", timeout=LOAD)
    figure = phone.locator('[data-result="max_stipend_dkk"]').get_attribute("data-value")
    answers = urlsplit(phone.url).query  # the page writes its answers into its address
    assert figure == str(cli("SE", "NO", "2026-03-02", "2026-05-01", 0, 2450, "SEK")["max_stipend_dkk"])

    def switch_to(lang: str) -> None:
        phone.click(".md-select button")
        with phone.expect_navigation():
            phone.click(f'.md-select__link[hreflang="{lang}"]')

    switch_to("fi")
    assert phone.locator("html").get_attribute("lang") == "fi"
    phone.wait_for_selector("#eg-result[data-eligible]", timeout=LOAD)
    assert phone.locator('[data-result="max_stipend_dkk"]').get_attribute("data-value") == figure
    assert phone.evaluate("document.activeElement.id") == "eg-result-title", "it opens on the result"
    assert urlsplit(phone.url).query == answers

    area = CONTENT.pages["directory"]["areas"][0]["id"]
    phone.goto(server.url + f"directory/?area={area}#by-country")
    switch_to("en")
    assert urlsplit(phone.url).path.endswith("/en/directory/")
    assert phone.input_value("#eg-dir-area") == area and urlsplit(phone.url).fragment == "by-country"

    question = CONTENT.pages["faq"]["groups"][-1]["questions"][-1]["id"]
    phone.goto(server.url + f"nb/faq/#{question}")
    switch_to("da")
    assert urlsplit(phone.url).path.endswith("/da/faq/") and urlsplit(phone.url).fragment == question
    assert not phone.errors, phone.errors


# Where the button is in the page each time the status line or the calculator's state changes.
WATCH_BUTTON = """() => {
  const place = () => document.getElementById('eg-submit').getBoundingClientRect().top + scrollY;
  window.egButtonPlaces = [place()];
  const watch = new MutationObserver(() => window.egButtonPlaces.push(place()));
  watch.observe(document.getElementById('eg-status'), {childList: true, characterData: true, subtree: true});
  watch.observe(document.documentElement, {attributes: true, attributeFilter: ['data-calculator-ready']});
}"""


def test_the_button_holds_still_and_a_press_while_python_loads_is_answered(phone, server):
    """Python's files are held back until the button has been pressed: while the status line says
    that it is loading, then that it is ready, then the answer, the button stays where the reader's
    finger is, and the press is answered."""
    held = []

    def hold(route) -> None:  # (Playwright passes what a handler's signature asks for: not a builtin)
        held.append(route)

    phone.context.route("**/assets/pyodide/**", hold)
    phone.goto(url_of(server, "sv"))
    phone.evaluate(WATCH_BUTTON)
    assert phone.locator("#eg-status").inner_text().strip(), "it says that it is loading"
    phone.select_option("[name=host]", "NO")
    phone.click("#eg-submit")
    phone.wait_for_timeout(200)
    assert held, "Python's files were requested and are being held"
    assert phone.locator("#eg-result").is_hidden()
    release = held.copy()
    phone.context.route("**/assets/pyodide/**", lambda route: route.continue_())  # from now on
    for route in release:
        route.continue_()
    phone.wait_for_selector("#eg-result[data-eligible]", timeout=LOAD)
    assert phone.evaluate("document.documentElement.dataset.calculatorReady") == "true"
    places = phone.evaluate("window.egButtonPlaces")
    assert len(places) >= 3 and len(set(places)) == 1, places
    assert not phone.errors, phone.errors


def test_a_suggestion_brings_the_new_result_into_view(phone, server):
    phone.goto(url_of(server, "is") + "?home=SE&host=DK&start=2026-03-02&end=2026-03-14")
    phone.wait_for_selector("[data-suggestion]", timeout=LOAD)
    before = calculations(phone)
    phone.locator("[data-suggestion]").first.click()
    wait_for_answer(phone, before)
    assert phone.locator("#eg-result").get_attribute("data-eligible") == "true"
    assert phone.evaluate("document.activeElement.id") == "eg-result-title"
    title = phone.locator("#eg-result-title").bounding_box()
    assert 0 <= title["y"] < PHONE["viewport"]["height"] / 2


VERDICT = """() => {
  const panel = document.querySelector('#eg-result .eg-panel');
  const s = getComputedStyle(panel);
  return {style: s.borderTopStyle, width: parseFloat(s.borderTopWidth), colour: s.borderTopColor,
          sign: getComputedStyle(panel.querySelector('.eg-panel__title'), '::before').content};
}"""


@pytest.mark.parametrize("media", [{"forced_colors": "active"}, {"color_scheme": "dark"}])
def test_the_verdict_shows_by_more_than_its_colour(page, server, media):
    page.emulate_media(**media)
    page.goto(url_of(server, "en"))
    seen = {}
    for home, host, start, end in (
        ("SE", "NO", "2026-03-02", "2026-05-01"),  # qualifies
        ("SE", "DK", "2026-03-02", "2026-03-14"),  # does not
        ("DK", "GL", "2026-04-01", "2026-07-31"),  # may: unclear
    ):
        fill(page, home, host, start, end)
        calculate(page)
        verdict = page.evaluate(VERDICT)
        assert verdict["width"] >= 2 and verdict["style"] != "none" and verdict["sign"] not in ("none", "normal")
        if media.get("forced_colors"):
            assert verdict["colour"] not in ("rgba(0, 0, 0, 0)", "transparent"), verdict
        seen[
            (
                page.locator("#eg-result").get_attribute("data-eligible"),
                page.locator("#eg-result").get_attribute("data-unclear"),
            )
        ] = (
            verdict["style"],
            verdict["sign"],
        )
    assert len(seen) == 3 and len(set(seen.values())) == 3, seen


def test_the_language_menu_opens_when_its_button_is_pressed(phone, server):
    """Tab from the menu's button goes on to the page, not through six languages; Enter opens the
    menu, Tab then reaches the languages, Escape closes it again."""
    phone.goto(server.url + "fi/steps/")
    phone.focus(".md-select button")
    assert phone.get_attribute(".md-select button", "aria-expanded") == "false"
    phone.keyboard.press("Tab")
    assert not phone.evaluate("document.activeElement.classList.contains('md-select__link')")
    phone.focus(".md-select button")
    phone.keyboard.press("Enter")
    assert phone.get_attribute(".md-select button", "aria-expanded") == "true"
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.classList.contains('md-select__link')")
    assert phone.locator(".md-select__link").first.is_visible()
    phone.keyboard.press("Escape")
    assert phone.get_attribute(".md-select button", "aria-expanded") == "false"
    assert phone.evaluate("document.activeElement.matches('.md-select button')")
    assert not phone.locator(".md-select__link").first.is_visible()
