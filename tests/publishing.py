"""Helpers for the publishing checks (tests/test_publishing_*.py): every page type in every
language, loaded from nginx with the shipped configuration, watched for anything the site's
Content-Security-Policy blocks, requests to other hosts and console errors; axe-core run in it."""

from __future__ import annotations

import json
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from exchange_guide.model.pages import PAGES

ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PUBLISHED_URL = "https://intranet.example/norut/"  # the address the publishing tests build for
LOAD = 60_000  # ms: Pyodide's first load on a busy 2-core machine


def pyodide_folder() -> str:
    """Where the build puts Pyodide: `assets/pyodide/<version>/` (exchange_guide/pyodide/assets.py),
    the version package-lock.json pins (what `npm ci` installs): known without node_modules, so
    that a module may ask at import (collection) on a clone without Node packages."""
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    return f"assets/pyodide/{lock['packages']['node_modules/pyodide']['version']}/"


# Every kind of page, by its path under a language's root; "404" is any address that is not there.
PAGE_TYPES = (*PAGES, "404")
# The WCAG 2.0 and 2.1 level A and AA rules (EN 301 549 asks for WCAG 2.1 AA).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def languages() -> tuple[str, list[str]]:
    """(default language, every language) from content/site.yml."""
    from content_edits import shipped_content

    content = shipped_content()
    return content.default_language, list(content.languages)


def search_word(lang: str) -> str:
    """A word that search finds on the site in `lang`: the longest of its checklists page's title, as
    the shipped content words it (read, not written here: an editor may reword the title). Not the
    FAQ's: the search tests start there, and a result on the page itself behaves otherwise."""
    from content_edits import shipped_content

    from exchange_guide.render.localise import Localiser

    content = shipped_content()
    title = Localiser(content, lang).inline(content.pages["checklists"]["page"]["title"])
    return max(re.findall(r"[^\W\d_]+", title), key=len)


def expected_result() -> dict:
    """What the calculator answers for the stay that `show_a_result` enters (SE to NO, two months),
    by the shipped rules: calculators.estimate, the very code the browser runs."""
    from content_edits import shipped_content

    from calculators import estimate

    request = {"home": "SE", "host": "NO", "start": "2026-03-02", "end": "2026-05-01"}
    return estimate(request, shipped_content().rules).to_dict()


def page_types(site: Path) -> list[str]:
    """The page types the built site has (the accessibility statement only once it exists)."""
    return [kind for kind in PAGE_TYPES if kind in ("index", "404") or (site / kind / "index.html").is_file()]


def path_of(kind: str, lang: str, default: str) -> str:
    prefix = "" if lang == default else f"{lang}/"
    return prefix + {"index": "", "404": "no-such-page/at-all"}.get(kind, f"{kind}/")


# Recorded in the page before any of its own scripts run (an init script is not subject to the
# page's CSP): every securitypolicyviolation event the document sees.
WATCH_CSP = """
window.__egViolations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__egViolations.push(
  `${e.effectiveDirective} blocked ${e.blockedURI || "(inline)"} in ${e.sourceFile || e.documentURI}:${e.lineNumber}`));
"""
CSP_TEXT = re.compile(r"content.security.policy|unsafe-eval|unsafe-inline", re.I)


@dataclass
class Watch:
    """What one tab saw: requests, console errors and warnings about the CSP, page errors.
    Console messages of the page's workers arrive here too (that is how a CSP refusal inside
    the calculator's worker shows: Pyodide logs the browser's CompileError)."""

    origin: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    csp: list[str] = field(default_factory=list)

    def attach(self, page) -> Watch:
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        return self

    def _console(self, msg) -> None:
        if CSP_TEXT.search(msg.text):
            self.csp.append(f"console {msg.type}: {msg.text}")
        elif msg.type == "error":
            self.errors.append(f"{msg.text} ({msg.location.get('url', '')})")

    def foreign(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(self.origin) and not url.startswith("data:")]

    def clear(self) -> None:
        self.requests.clear()
        self.errors.clear()
        self.csp.clear()


def new_tab(context, origin: str):
    tab = context.new_page()
    tab.watch = Watch(origin).attach(tab)
    return tab


@contextmanager
def watched_tab(browser, port: int):
    """One English-speaking browser context for a module's pages, its tab watching requests,
    console errors and the policy (WATCH_CSP)."""
    context = browser.new_context(locale="en-US")
    context.add_init_script(WATCH_CSP)
    try:
        yield new_tab(context, f"http://127.0.0.1:{port}/")
    finally:
        context.close()


def violations(page) -> list[str]:
    return page.evaluate("window.__egViolations || []")


def show_a_result(page) -> None:
    """Fill the calculator's form, submit it and wait for the result (Pyodide in its worker)."""
    page.wait_for_function(
        "() => ['true', 'failed'].includes(document.documentElement.dataset.calculatorReady)", timeout=LOAD
    )
    assert page.evaluate("document.documentElement.dataset.calculatorReady") == "true", (
        f"the calculator did not start: {page.text_content('#eg-status')}"
    )
    page.select_option("[name=home]", "SE")
    page.select_option("[name=host]", "NO")
    page.fill("[name=start]", "2026-03-02")
    page.fill("[name=end]", "2026-05-01")
    page.fill("[name=travel_cost]", "2450")
    page.select_option("[name=travel_currency]", "SEK")
    page.click("#eg-submit")
    page.wait_for_selector("#eg-result[data-eligible]", state="visible", timeout=LOAD)


def run_axe(page) -> list[dict]:
    """axe-core's WCAG 2.1 A and AA rules on the page as it is now: [{id, impact, nodes: [...]}]."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))  # evaluated by the test, not subject to the CSP
    # resultTypes: only the violations get their details worked out (much faster on big pages).
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [
                " ".join(n["target"][0]) if isinstance(n["target"][0], list) else n["target"][0] for n in v["nodes"]
            ][:5],
            "count": len(v["nodes"]),
        }
        for v in result["violations"]
    ]


def describe(found: dict[str, list[dict]]) -> str:
    return json.dumps(found, indent=1, ensure_ascii=False)
