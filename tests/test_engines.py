"""The guide in three engines, Chromium, Firefox ESR and WebKitGTK (tests/engines.py), served by nginx
with the shipped configuration and its Content-Security-Policy: the calculator on both of its start
paths (the snapshot, and the normal start when the snapshot is refused), the directory's filter,
search, and the guide offline after one visit. One page load per engine and path: the details of
each are tested in Chromium (test_calculator_*.py, test_directory_browser.py, test_offline.py)."""

import shutil
from urllib.parse import urlencode

import pytest
from content_edits import shipped_content
from engines import ENGINES, installed
from servers import Nginx
from snapshots import with_stale_snapshot
from test_calculator_browser import cli
from test_directory_browser import count_text

from exchange_guide.render.localise import Localiser

pytestmark = pytest.mark.browser
CONTENT = shipped_content()
DIRECTORY = CONTENT.pages["directory"]
# A stay that qualifies, and a longer one: a permalink, then a press of "Calculate".
STAY = {"home": "SE", "host": "NO", "start": "2026-03-02", "end": "2026-05-01"}
LONGER = {**STAY, "end": "2026-06-01"}
READY = "document.documentElement.dataset.calculatorReady"
SHOWN = "document.querySelector('[data-result=max_stipend_dkk]')?.dataset.value"


@pytest.fixture(scope="module", params=list(ENGINES))
def engine(request):
    missing = installed(request.param)
    if missing:
        pytest.fail(f"{request.param}: {missing}")
    # Chromium: the session's browser (conftest.py), which Playwright allows only once at a time.
    started = (
        ENGINES[request.param](request.getfixturevalue("browser"))
        if request.param == "chromium"
        else ENGINES[request.param]()
    )
    yield started
    started.stop()


@pytest.fixture
def tab(engine):
    opened = engine.tab()
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def stale_server(built_site, tmp_path_factory):
    work = tmp_path_factory.mktemp("engines-stale")
    nginx = Nginx(with_stale_snapshot(built_site, work / "site"), work / "nginx")
    yield nginx
    nginx.stop()
    shutil.rmtree(work / "site", ignore_errors=True)


def expected(stay: dict) -> str:
    return str(cli(stay["home"], stay["host"], stay["start"], stay["end"])["max_stipend_dkk"])


def answered(tab, before: str | None) -> str:
    return tab.wait(f"{SHOWN} !== {'undefined' if before is None else repr(before)} && {SHOWN}")


@pytest.mark.parametrize("path", ["snapshot", "normal"])
def test_the_calculator_answers_on_both_start_paths(tab, server, stale_server, path):
    site = server if path == "snapshot" else stale_server
    tab.goto(f"{site.url}en/calculator/?{urlencode(STAY)}")
    tab.wait(f"['true', 'failed'].includes({READY})")
    assert tab.evaluate(READY) == "true", tab.evaluate("document.getElementById('eg-status').textContent")
    assert tab.evaluate("document.documentElement.dataset.calculatorStart") == path
    first = answered(tab, None)
    assert first == expected(STAY)
    tab.fill("[name=end]", LONGER["end"])
    tab.click("#eg-submit")
    assert answered(tab, first) == expected(LONGER) != first


def test_the_directory_filter(tab, server):
    area = DIRECTORY["agencies"][0]["areas"][0]
    shown = sum(area in agency["areas"] for agency in DIRECTORY["agencies"])
    tab.goto(f"{server.url}en/directory/?area={area}")
    tab.wait("!document.getElementById('eg-dir-filter').hidden")
    status = "document.getElementById('eg-dir-status').textContent"
    assert tab.wait(f"{status} === {count_text('en', shown)!r}")
    assert tab.evaluate("document.querySelectorAll('li.eg-dir-agency:not([hidden])').length") == shown
    tab.fill("#eg-dir-q", "no such agency anywhere")
    assert tab.wait(f"{status} === {count_text('en', 0)!r}")
    assert tab.evaluate("document.querySelectorAll('li.eg-dir-agency:not([hidden])').length") == 0


def test_search_finds_pages_of_the_pages_language(tab, server):
    tab.goto(f"{server.url}fi/faq/")
    word = Localiser(CONTENT, "fi").inline(CONTENT.site["nav"]["calculator"]).split()[0]
    tab.wait("document.querySelector('.md-search__input') !== null && typeof window.component$ !== 'undefined'")
    tab.fill(".md-search__input", word)
    tab.call("s => document.querySelector(s).dispatchEvent(new KeyboardEvent('keyup'))", ".md-search__input")
    links = "[...document.querySelectorAll('.md-search-result__item a')].map(a => a.href)"
    found = tab.wait(f"{links}.length > 0 && {links}", timeout=30)
    assert all("/norut/fi/" in link for link in found), found


def test_offline_after_one_visit(engine, built_site, tmp_path):
    """One visit to the calculator; then, with the network cut (and the server stopped), another
    page of the same language, the directory and the calculator, which answers a new question."""
    nginx = Nginx(built_site, tmp_path / "nginx")
    tab = engine.tab()
    try:
        tab.goto(f"{nginx.url}en/calculator/?{urlencode(STAY)}")
        answered(tab, None)
        tab.wait("(document.documentElement.dataset.offline || '').split(' ').includes('calculator')")
        held = tab.evaluate("document.documentElement.dataset.offline").split()
        assert set(held) == {"calculator", "pages:en", "shared"}
        if engine.name != "webkit":
            tab.offline(True)
        nginx.stop()

        tab.goto(f"{nginx.url}en/faq/")
        assert tab.evaluate("document.documentElement.lang") == "en"
        assert tab.evaluate("document.querySelector('h1').textContent")
        tab.goto(f"{nginx.url}en/directory/")
        tab.wait("!document.getElementById('eg-dir-filter').hidden")
        tab.goto(f"{nginx.url}en/calculator/?{urlencode(LONGER)}")
        assert answered(tab, None) == expected(LONGER)
        assert tab.evaluate("document.documentElement.dataset.calculatorStart") == "snapshot"
    finally:
        tab.close()
        nginx.stop()
