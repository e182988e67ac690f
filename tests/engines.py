"""The three browser engines, behind one small interface for the tests that run in all of them
(tests/test_engines.py) and the benchmark: Chromium (Debian's, through Playwright), Firefox ESR
(Debian's firefox-esr, through npm puppeteer-core over WebDriver BiDi: tests/browsers/firefox.mjs)
and WebKitGTK (Debian's MiniBrowser, through webkit2gtk-driver and Selenium, under xvfb-run).
Every browser is a Debian package (`make system-deps`): nothing downloads one of its own.

A tab: `goto(url)`, `evaluate(expression)` (its value, as JSON), `wait(expression)` (until it is
true), `click(selector)` and `hover(selector)` as a reader does, `fill(selector, value)` (sets a
field and tells the page, as typing does), `offline(True)` (cuts the network where the engine can:
Chromium and Firefox; WebKit's driver cannot, so its tests stop the server instead).
Each `tab()` is a fresh profile: no cache, no service worker.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

from servers import CHROMIUM, CHROMIUM_ARGS, free_port

ROOT = Path(__file__).resolve().parents[1]
FIREFOX = "/usr/bin/firefox-esr"
FIREFOX_BRIDGE = ROOT / "tests" / "browsers" / "firefox.mjs"
WEBKIT_DRIVER = "/usr/bin/WebKitWebDriver"
MINIBROWSER = next(Path("/usr/lib").glob("*/webkit2gtk-4.*/MiniBrowser"), Path("/usr/lib/MiniBrowser"))
LOAD_S = 60  # Pyodide's first load on a busy 2-core machine

# Sets a form field as typing or choosing does: the value, then the events the page listens to.
FILL = """([selector, value]) => {
  const field = document.querySelector(selector);
  field.focus();
  field.value = value;
  field.dispatchEvent(new Event("input", { bubbles: true }));
  field.dispatchEvent(new Event("change", { bubbles: true }));
}"""


class Tab:
    def goto(self, url: str) -> None:
        raise NotImplementedError

    def evaluate(self, expression: str):
        raise NotImplementedError

    def call(self, function: str, argument):
        """`function` (an arrow function's source) called with `argument` in the page."""
        return self.evaluate(f"({function})({json.dumps(argument)})")

    def wait(self, expression: str, timeout: float = LOAD_S):
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise TimeoutError(f"not true after {timeout} s: {expression}")
            time.sleep(0.1)

    def fill(self, selector: str, value: str) -> None:
        self.call(FILL, [selector, value])

    def click(self, selector: str) -> None:
        raise NotImplementedError

    def hover(self, selector: str) -> None:
        raise NotImplementedError

    def offline(self, value: bool) -> None:
        raise NotImplementedError(f"{type(self).__name__} cannot cut the network")

    def close(self) -> None:
        pass


class Engine:
    name = ""

    def tab(self) -> Tab:
        raise NotImplementedError

    def stop(self) -> None:
        pass


# --- Chromium: Playwright --------------------------------------------------------------------


class ChromiumTab(Tab):
    def __init__(self, browser):
        self.context = browser.new_context()
        self.page = self.context.new_page()

    def goto(self, url):
        self.page.goto(url)

    def evaluate(self, expression):
        return self.page.evaluate(expression)

    def click(self, selector):
        self.page.click(selector)

    def hover(self, selector):
        self.page.hover(selector)

    def offline(self, value):
        self.context.set_offline(value)

    def close(self):
        self.context.close()


class Chromium(Engine):
    """`browser`: a Playwright browser already running (the tests' session one: Playwright's sync
    API runs once per thread), or None to start one."""

    name = "chromium"

    def __init__(self, browser=None):
        self.playwright = None
        if browser is None:
            from playwright.sync_api import sync_playwright

            self.playwright = sync_playwright().start()
            browser = self.playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        self.browser = browser
        self.version = browser.version

    def tab(self):
        return ChromiumTab(self.browser)

    def stop(self):
        if self.playwright is not None:
            self.browser.close()
            self.playwright.stop()


# --- Firefox: puppeteer-core over WebDriver BiDi, in Node.js ------------------------------------


class FirefoxTab(Tab):
    def __init__(self, engine: Firefox):
        self.engine = engine

    def goto(self, url):
        self.engine.send("goto", url=url)

    def evaluate(self, expression):
        return self.engine.send("evaluate", expression=expression)

    def click(self, selector):
        self.engine.send("click", selector=selector)

    def hover(self, selector):
        self.engine.send("hover", selector=selector)

    def offline(self, value):
        self.engine.send("offline", value=value)


class Firefox(Engine):
    name = "firefox"

    def __init__(self):
        self.process = subprocess.Popen(
            ["node", str(FIREFOX_BRIDGE)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "FIREFOX": FIREFOX},
            start_new_session=True,
        )
        self.version = None

    def send(self, op: str, **arguments):
        self.process.stdin.write(json.dumps({"op": op, **arguments}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the Firefox driver stopped (exit code {self.process.poll()})")
        answer = json.loads(line)
        if not answer["ok"]:
            raise RuntimeError(f"Firefox: {op}: {answer['error']}")
        return answer["value"]

    def tab(self):
        self.version = self.send("new")
        return FirefoxTab(self)

    def stop(self):
        self.process.stdin.close()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)


# --- WebKitGTK: webkit2gtk-driver and Selenium, under xvfb-run ----------------------------------


class WebKitTab(Tab):
    """A WebKit session with its own driver (and virtual display): a new, empty profile. One driver
    per session: a driver asked for a second session after the first sometimes never answered."""

    def __init__(self):
        from selenium import webdriver
        from selenium.webdriver.remote.client_config import ClientConfig
        from selenium.webdriver.remote.remote_connection import RemoteConnection
        from selenium.webdriver.webkitgtk.options import Options

        port = free_port()
        # xvfb-run: MiniBrowser needs a display, even for automation.
        self.process = subprocess.Popen(
            ["xvfb-run", "-a", WEBKIT_DRIVER, f"--port={port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.close()
                    raise RuntimeError("webkit2gtk-driver did not start: run `make system-deps`") from None
                time.sleep(0.1)
        options = Options()
        options.binary_location = str(MINIBROWSER)
        options.add_argument("--automation")  # without it, MiniBrowser starts no session
        address = f"http://127.0.0.1:{port}"
        connection = RemoteConnection(client_config=ClientConfig(remote_server_addr=address, timeout=120))
        try:
            self.driver = webdriver.Remote(command_executor=connection, options=options)
        except Exception:
            self.close()
            raise
        self.version = self.driver.capabilities.get("browserVersion")

    def goto(self, url):
        self.driver.get(url)

    def evaluate(self, expression):
        return self.driver.execute_script(f"return ({expression});")

    def click(self, selector):
        from selenium.webdriver.common.by import By

        element = self.driver.find_element(By.CSS_SELECTOR, selector)
        # The driver scrolls an element to the very top, under Material's sticky header, which then
        # takes the click: bring it to the middle of the window first, as a reader's scrolling would.
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        element.click()

    def hover(self, selector):
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.by import By

        ActionChains(self.driver).move_to_element(self.driver.find_element(By.CSS_SELECTOR, selector)).perform()

    def close(self):
        driver = getattr(self, "driver", None)
        if driver is not None:
            with contextlib.suppress(Exception):  # a driver that no longer answers is stopped below anyway
                driver.quit()
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.process.pid, signal.SIGKILL)


class WebKit(Engine):
    name = "webkit"

    def __init__(self):
        self.version = None

    def tab(self):
        tab = WebKitTab()
        self.version = tab.version
        return tab


ENGINES = {"chromium": Chromium, "firefox": Firefox, "webkit": WebKit}


def installed(name: str) -> str | None:
    """Why engine `name` cannot run here, or None."""
    needs = {
        "chromium": [CHROMIUM],
        "firefox": [FIREFOX, str(ROOT / "node_modules" / "puppeteer-core" / "package.json")],
        "webkit": [WEBKIT_DRIVER, str(MINIBROWSER), "/usr/bin/xvfb-run"],
    }[name]
    missing = [path for path in needs if not Path(path).exists()]
    return f"missing {', '.join(missing)}: run `make system-deps` and `npm ci`" if missing else None
