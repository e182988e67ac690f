"""The calculator's two ways to start Python in Chromium, under the shipped nginx configuration
(its Content-Security-Policy included): restoring the build's memory snapshot, and the normal start
the worker falls back to when the snapshot does not load. Both give the same answers, in every
language, as the command line does; the reader never sees which one ran.

The fallback is forced the way it happens in real life: the site is copied and its snapshot
replaced by one from "another Pyodide build" (another build id), which Pyodide refuses."""

import shutil

import pytest
from publishing import languages
from servers import Nginx
from snapshots import with_stale_snapshot
from test_calculator_browser import CASES, LOAD, calculate, cli, fill, shown, url_of

pytestmark = pytest.mark.browser
_, LANGUAGES = languages()


@pytest.fixture(scope="module")
def stale_snapshot_server(built_site, tmp_path_factory):
    """The built site with a snapshot that this Pyodide build will not load."""
    work = tmp_path_factory.mktemp("stale-snapshot")
    site = with_stale_snapshot(built_site, work / "site")
    nginx = Nginx(site, work / "nginx")
    yield nginx
    nginx.stop()
    shutil.rmtree(site, ignore_errors=True)


def answers(page) -> list[tuple[bool, int, str]]:
    """Every case's result: eligible, the stipend, and the whole result as the reader sees it."""
    page.wait_for_function(
        "() => ['true', 'failed'].includes(document.documentElement.dataset.calculatorReady)", timeout=LOAD
    )
    seen = []
    for home, host, start, end, leave, fare, currency, family in CASES:
        fill(page, home, host, start, end, leave, fare, currency, family)
        calculate(page)
        seen.append((*shown(page), page.locator("#eg-result").inner_text()))
    return seen


@pytest.fixture(scope="module")
def expected() -> list[tuple[bool, int]]:
    return [
        (e["eligible"], e["max_stipend_dkk"])
        for e in (
            cli(home, host, start, end, leave, fare if fare != "" else None, currency, family)
            for home, host, start, end, leave, fare, currency, family in CASES
        )
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_snapshot_and_normal_start_give_the_same_answers(page, server, stale_snapshot_server, expected, lang):
    results = {}
    for how, site in (("snapshot", server), ("normal", stale_snapshot_server)):
        page.goto(url_of(site, lang))
        results[how] = answers(page)
        assert page.evaluate("document.documentElement.dataset.calculatorReady") == "true", how
        assert page.evaluate("document.documentElement.dataset.calculatorStart") == how
        assert [(eligible, stipend) for eligible, stipend, _ in results[how]] == expected, how
    assert results["snapshot"] == results["normal"]  # the whole text too, in the page's language
    # Silent for the reader: no error on the page or in the console, on either path.
    assert not page.console_errors, page.console_errors


def test_the_normal_start_does_not_fetch_the_snapshot_twice_and_needs_no_other_host(page, stale_snapshot_server):
    page.goto(url_of(stale_snapshot_server, "en"))
    page.wait_for_function("() => document.documentElement.dataset.calculatorReady === 'true'", timeout=LOAD)
    assert len([url for url in page.requests if "/snapshot-" in url]) == 1
    assert any(url.endswith("/assets/data/calculators.json") for url in page.requests)  # the package's sources
    assert all(url.startswith(f"http://127.0.0.1:{stale_snapshot_server.port}/") for url in page.requests)


def test_the_snapshot_start_fetches_neither_sources_nor_a_standard_library(page, server):
    page.goto(url_of(server, "fi"))
    page.wait_for_function("() => document.documentElement.dataset.calculatorReady === 'true'", timeout=LOAD)
    assert page.evaluate("document.documentElement.dataset.calculatorStart") == "snapshot"
    assert not [url for url in page.requests if url.endswith(("/calculators.json", "/python_stdlib.zip"))]
    assert not [url for url in page.requests if "/stdlib-" in url]  # its modules are in the snapshot
    assert [url for url in page.requests if "/empty-" in url and url.endswith(".zip")]


def test_the_normal_start_fetches_the_compiled_standard_library(page, stale_snapshot_server):
    page.goto(url_of(stale_snapshot_server, "en"))
    page.wait_for_function("() => document.documentElement.dataset.calculatorReady === 'true'", timeout=LOAD)
    assert page.evaluate("document.documentElement.dataset.calculatorStart") == "normal"
    assert [url for url in page.requests if "/stdlib-" in url and url.endswith(".zip")]


@pytest.mark.parametrize("damage", ["missing", "cut short"])
def test_a_snapshot_that_does_not_arrive_whole_means_a_normal_start(page, server, damage):
    # Refused by the worker itself (snapshot.mjs), not by Pyodide: the fallback is the same.
    def serve(route):
        if damage == "missing":
            route.fulfill(status=404, body="")
        else:
            whole = route.fetch()  # the body as sent, decoded: sent on without its encoding
            headers = {
                k: v for k, v in whole.headers.items() if k.lower() not in ("content-encoding", "content-length")
            }
            route.fulfill(status=200, headers=headers, body=whole.body()[:100_000])

    page.route("**/snapshot-*.bin", serve)
    page.goto(url_of(server, "en"))
    page.wait_for_function(
        "() => ['true', 'failed'].includes(document.documentElement.dataset.calculatorReady)", timeout=LOAD
    )
    assert page.evaluate("document.documentElement.dataset.calculatorReady") == "true"
    assert page.evaluate("document.documentElement.dataset.calculatorStart") == "normal"
