"""Offline use in Chromium (the service worker: frontend/offline/sw.js, written by
exchange_guide/publish/offline.py; registered by offline.js), through nginx with the shipped
configuration: what a guidance page fetches and when the calculator's files come, a new release
taking over whole, the publisher's switch, and the honest wait while the calculator loads.
The guide offline in all three engines: tests/test_engines.py."""

import json
import re
import shutil
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest
from content_edits import set_offline, shipped_content
from servers import Nginx
from snapshots import linked_copy
from test_calculator_browser import cli

import calculators
from exchange_guide.render.localise import Localiser

pytestmark = pytest.mark.browser
LOAD = 60_000
HELD = "(document.documentElement.dataset.offline || '').split(' ')"
CACHES = "caches.keys().then(names => names.filter(name => name.startsWith('eg-offline ')))"
WAITING = "navigator.serviceWorker.getRegistration().then(r => Boolean(r && r.waiting))"


def requested(nginx: Nginx, part: str) -> list[str]:
    """The paths asked of the server that contain `part` (from nginx's access log)."""
    log = nginx.conf.parent / "access.log"
    return [line.split('"')[1].split()[1] for line in log.read_text().splitlines() if part in line]


def until(page, expression: str, arg=None, timeout: float = LOAD / 1000):
    """Polls `expression` (which may give a promise: Playwright's wait_for_function would take the
    promise itself for true) until its value is true."""
    from playwright.sync_api import Error

    deadline = time.monotonic() + timeout
    while True:
        try:
            value = page.evaluate(expression, arg)
        except Error as error:  # the page navigated meanwhile (the kill switch reloads it): ask again
            if "context was destroyed" not in str(error):
                raise
            value = None
        if value:
            return value
        assert time.monotonic() < deadline, f"not true after {timeout} s: {expression}"
        time.sleep(0.1)


def holds(page, *groups: str) -> None:
    page.wait_for_function(f"groups => groups.every(g => {HELD}.includes(g))", arg=list(groups), timeout=LOAD)


@pytest.fixture
def nginx(built_site, tmp_path):
    """The built site behind its own nginx: a clean access log for each test."""
    server = Nginx(built_site, tmp_path / "nginx")
    yield server
    server.stop()


def test_a_guidance_page_fetches_no_pyodide_until_the_reader_shows_interest(browser, nginx):
    context = browser.new_context()
    page = context.new_page()
    page.goto(nginx.url + "nb/faq/")
    holds(page, "shared", "pages:nb")
    assert page.evaluate(HELD) == ["pages:nb", "shared"]  # not the calculator, not another language
    assert not requested(nginx, "/assets/pyodide/")
    assert requested(nginx, "/nb/directory/ ")  # the language's other pages, for offline use
    assert not requested(nginx, "/fi/")

    # Saving data (Save-Data, or a 2G connection): pointing at the calculator fetches nothing.
    saving = browser.new_context()
    saving.add_init_script("Object.defineProperty(navigator, 'connection', {value: {saveData: true}})")
    thrifty = saving.new_page()
    thrifty.goto(nginx.url + "nb/faq/")
    holds(thrifty, "pages:nb")
    thrifty.locator("a[href$='calculator/']:visible").first.hover()
    thrifty.wait_for_timeout(1500)
    assert not requested(nginx, "/assets/pyodide/")
    saving.close()

    # Pointing at a link to the calculator: its files come, once each, before it is opened.
    page.locator("a[href$='calculator/']:visible").first.hover()
    holds(page, "calculator")
    fetched = requested(nginx, "/assets/pyodide/")
    assert any(path.endswith(".wasm") for path in fetched) and any("/snapshot-" in path for path in fetched)
    assert len(fetched) == len(set(fetched))
    assert not any(path.endswith("/python_stdlib.zip") for path in fetched)  # the plain page's, not ours
    page.goto(nginx.url + "nb/calculator/")
    page.wait_for_function("() => document.documentElement.dataset.calculatorReady === 'true'", timeout=LOAD)
    assert requested(nginx, "/assets/pyodide/") == fetched  # all of it from the worker's cache
    context.close()


def test_the_worker_reads_pyodide_from_the_guides_own_caches_only(browser, built_site, nginx):
    """On a returning visit the calculator's worker takes Pyodide's files from the guide's cache
    itself, without asking even the service worker (worker.mjs says why), and from no other
    cache: another application on the same host may cache a file at the same address."""
    wasm = next(built_site.glob("assets/pyodide/*/pyodide.asm.wasm")).relative_to(built_site).as_posix()
    context = browser.new_context()
    outside = context.new_page()  # a page of the same host outside the guide
    outside.goto(nginx.url.replace("/norut/", "/"))
    outside.evaluate(
        """async (url) => (await caches.open("another application")).put(url,
          new Response("not WebAssembly", { headers: { "Content-Type": "application/wasm" } }))""",
        nginx.url + wasm,
    )
    outside.close()
    first = context.new_page()
    first.goto(nginx.url + "en/calculator/")
    holds(first, "calculator")
    first.close()

    asked = []
    context.on("request", lambda request: asked.append(request.url))
    again = context.new_page()
    again.goto(nginx.url + "en/calculator/")
    again.wait_for_function("() => document.documentElement.dataset.calculatorReady === 'true'", timeout=LOAD)
    assert again.evaluate("document.documentElement.dataset.calculatorStart") == "snapshot"
    assert [url for url in asked if "/assets/javascripts/calculator/" in url]  # the page's own, seen
    assert not [url for url in asked if url.endswith(".wasm") or "/snapshot-" in url]
    context.close()


# --- releases --------------------------------------------------------------------------------


def example_with_a_stipend(content) -> tuple[int, dict]:
    """The first worked example (content/calculator.yml) that the monthly stipend pays for."""
    items = content.pages["calculator"]["examples"]["items"]
    for row, item in enumerate(items):
        request = {key: item[key] for key in ("home", "host", "start", "end")} | {
            "leave_days": item.get("leave_days", 0)
        }
        result = calculators.estimate(request, content.rules).to_dict()
        if result["eligible"] and result["months"] and result["rule_set"] == content.site["current_rule_set"]:
            return row, request
    pytest.fail("no worked example with a stipend")


@pytest.fixture(scope="module")
def releases(built_site, tmp_path_factory):
    """Three releases of the site: as shipped; with a higher monthly stipend; with offline use off."""
    from exchange_guide.publish.build import build_site

    root = Path(__file__).resolve().parents[1]
    work = tmp_path_factory.mktemp("releases")
    content = work / "content"
    shutil.copytree(root / "content", content)
    rule_set = shipped_content().site["current_rule_set"]
    amount = next(rs for rs in shipped_content().rules["rule_sets"] if rs["id"] == rule_set)["values"][
        "monthly_stipend"
    ]
    rules = content / "rules.yml"
    text = rules.read_text(encoding="utf-8")
    old = f"amount: {amount['amount']}"
    at = text.index(old, text.index("monthly_stipend:", text.index(f"id: {rule_set}")))
    rules.write_text(f"{text[:at]}amount: {int(amount['amount']) + 1000}{text[at + len(old) :]}", encoding="utf-8")
    higher = build_site(root, out_dir=work / "higher", content=content).site_dir
    set_offline(content / "site.yml", "false")
    off = build_site(root, out_dir=work / "off", content=content).site_dir
    return {"shipped": built_site, "higher": higher, "off": off}


class Switch:
    """nginx serving one release after another from the same folder, each put in place by a rename
    (hard-linked copies: no extra disk), as a publisher's deployment does."""

    def __init__(self, releases: dict, work: Path):
        self.work = work
        self.releases = {name: linked_copy(site, work / name) for name, site in releases.items()}
        self.current = work / "current"
        self.use("shipped")
        self.nginx = Nginx(self.current, work / "nginx")

    def use(self, name: str) -> None:
        if self.current.exists():
            self.current.rename(self.work / f"old-{name}")
        self.releases[name].rename(self.current)


# The last cell (the stipend) of a row of the worked examples, the first table after their heading.
EXAMPLE_STIPEND = """row => {
  const heading = document.getElementById("examples");
  const table = [...document.querySelectorAll("table")].find(
    (t) => heading.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING);
  return table.tBodies[0].rows[row].lastElementChild.textContent;
}"""


def shown_and_table(page, row: int) -> tuple[int, int]:
    """The stipend the calculator worked out (rules.json, in the worker) and the one the page's
    worked examples state (written into the page by the build): from one release, they agree."""
    page.wait_for_selector("#eg-result[data-eligible]", state="visible", timeout=LOAD)
    shown = int(page.get_attribute("[data-result=max_stipend_dkk]", "data-value"))
    cell = page.evaluate(EXAMPLE_STIPEND, row)
    return shown, int(re.sub(r"\D", "", cell))


def test_a_new_release_replaces_the_cache_whole(browser, releases, tmp_path):
    switch = Switch(releases, tmp_path)
    row, request = example_with_a_stipend(shipped_content())
    url = f"{switch.nginx.url}en/calculator/?{urlencode(request)}"
    context = browser.new_context()
    try:
        first = context.new_page()
        first.goto(url)
        before = shown_and_table(first, row)
        holds(first, "calculator", "pages:en", "shared")
        wasm = len(requested(switch.nginx, "/pyodide.asm.wasm"))
        first.close()

        switch.use("higher")
        # The next visit is the old release, whole, while the new one fills its own cache beside it.
        second = context.new_page()
        second.goto(url)
        assert shown_and_table(second, row) == before
        until(second, WAITING)
        second.close()  # no page of the old release is open: the new one takes over
        # (watched from a page of the same host outside the guide, which the worker does not control)
        outside = context.new_page()
        outside.goto(switch.nginx.url.replace("/norut/", "/"))
        active = "scope => navigator.serviceWorker.getRegistration(scope).then(r => r.active.state === 'activated')"
        until(outside, active, switch.nginx.url)
        outside.close()

        third = context.new_page()
        third.goto(url)
        after = shown_and_table(third, row)
        assert after[0] == after[1] and after != before
        assert len(third.evaluate(CACHES)) == 1  # the old release's cache is gone
        holds(third, "calculator")  # carried over: the reader had used it
        # Pyodide did not change: the new release copied it from the old cache.
        assert len(requested(switch.nginx, "/pyodide.asm.wasm")) == wasm

        # The publisher turns offline use off: the kill switch removes the worker and its caches.
        switch.use("off")
        third.goto(url)
        gone = f"navigator.serviceWorker.getRegistration().then(async r => !r && (await {CACHES}).length === 0)"
        until(third, gone)
        third.goto(url)
        assert not third.evaluate("navigator.serviceWorker.controller")
        assert not third.locator("script[src$='offline.js']").count()
    finally:
        context.close()
        switch.nginx.stop()


# --- the wait ---------------------------------------------------------------------------------

# Every text the status line shows, in order, from before the page's scripts run.
RECORD_STATUS = """
window.__status = [];
new MutationObserver(() => {
  const status = document.getElementById("eg-status");
  if (status && status.textContent !== window.__status.at(-1)) window.__status.push(status.textContent);
}).observe(document, { subtree: true, childList: true, characterData: true });
"""


def test_the_wait_shows_real_figures_and_answers_a_press_made_while_loading(browser, server):
    content = shipped_content()
    form = content.pages["calculator"]["form"]
    texts = {key: Localiser(content, "en").inline(form[key]) for key in ("progress", "almost_ready", "queued")}
    context = browser.new_context()
    context.add_init_script(RECORD_STATUS)
    page = context.new_page()
    # A 10 Mbit/s link with 40 ms of latency: the download takes seconds.
    page.context.new_cdp_session(page).send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 40, "downloadThroughput": 10e6 / 8, "uploadThroughput": 10e6 / 8},
    )
    page.goto(server.url + "en/calculator/")
    page.wait_for_selector("#eg-calculator", state="visible")
    assert page.get_attribute("#eg-status", "role") == "status"  # announced politely
    page.select_option("[name=home]", "SE")
    page.select_option("[name=host]", "NO")
    page.fill("[name=start]", "2026-03-02")
    page.fill("[name=end]", "2026-05-01")
    loading = page.evaluate("!document.documentElement.dataset.calculatorReady")
    page.click("#eg-submit")
    page.wait_for_selector("#eg-result[data-eligible]", state="visible", timeout=LOAD)
    expected = cli("SE", "NO", "2026-03-02", "2026-05-01")["max_stipend_dkk"]
    assert int(page.get_attribute("[data-result=max_stipend_dkk]", "data-value")) == expected
    seen = page.evaluate("window.__status")

    # The figures: what the start downloads, as this server sends it (the build's sizes), in MB
    # as the page writes numbers.
    sizes = json.loads(page.get_attribute("#eg-calculator-start", "data-sizes"))
    encoding = "br" if server.brotli else "gzip"
    total = sum(size.get(encoding, size["identity"]) for size in sizes.values()) / 1e6
    total_text = f"{total:.1f}".rstrip("0").rstrip(".")
    pattern = re.escape(texts["progress"])
    pattern = pattern.replace(re.escape("{done}"), r"([\d.]+)").replace(re.escape("{total}"), re.escape(total_text))
    figures = [float(m.group(1)) for text in seen if (m := re.match(pattern, text))]
    assert figures, seen
    assert figures == sorted(figures) and figures[-1] <= total
    assert any(text.startswith(texts["almost_ready"]) for text in seen), seen
    first_figures = next(i for i, text in enumerate(seen) if re.match(pattern, text))
    assert first_figures < next(i for i, text in enumerate(seen) if text.startswith(texts["almost_ready"]))
    assert loading  # pressed while loading (at 10 Mbit/s it takes seconds): acknowledged, then answered
    assert any(text.endswith(texts["queued"]) for text in seen), seen
    assert seen[-1].startswith(json.loads(page.text_content("#eg-calculator-data"))["result"]["eligible"])
    context.close()
