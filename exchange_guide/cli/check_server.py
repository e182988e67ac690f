"""`exchange-guide check-server URL`: does a web server send the guide the way it must be sent?

    exchange-guide check-server https://intranet.example/norut/

From the guide's start page at URL (and its calculator page) it finds one file of every kind: a
page, a page that is not there, the calculator's rules, the search index, the search worker, the
theme's bundle and style sheet, the guide's own script and style sheet, the calculator's worker,
Pyodide's module and WebAssembly and the calculator's snapshot. It asks the server for each and
holds the answer to the checks of exchange_guide/publish/headers.py (status, type, caching, and
the security headers: Content-Security-Policy, nosniff, Referrer-Policy, Permissions-Policy,
Cross-Origin-Opener-Policy and -Resource-Policy, no version in Server, and over HTTPS
Strict-Transport-Security): the same checks the tests hold the shipped nginx.conf to. One line per
file; exit 0 when every file passes, 1 when any does not, 2 when the guide is not at URL.
"""

from __future__ import annotations

import argparse
import json
import sys
import urllib.request
from html.parser import HTMLParser
from urllib.error import HTTPError, URLError
from urllib.parse import urljoin, urlsplit

from ..publish.headers import KINDS, response_problems

TIMEOUT = 15
NOT_THERE = "exchange-guide-check-server/no-such-page"


class _Page(HTMLParser):
    """The addresses a page names: scripts, style sheets, links, Material's configuration."""

    def __init__(self):
        super().__init__()
        self.scripts, self.styles, self.links, self.data = [], [], [], {}
        self.config, self._in_config = "", False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("src"):
            self.scripts.append(attrs["src"])
            self.data.update({key: value for key, value in attrs.items() if key.startswith("data-") and value})
        self._in_config = tag == "script" and attrs.get("id") == "__config"
        if tag == "link" and attrs.get("rel") == "stylesheet" and attrs.get("href"):
            self.styles.append(attrs["href"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])

    def handle_data(self, data):
        if self._in_config:
            self.config += data

    def handle_endtag(self, tag):
        self._in_config = False


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    """Status, headers (lower-case names) and, for an HTML page, the body; nothing else is read."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "identity", "User-Agent": "exchange-guide"})
    try:
        response = urllib.request.urlopen(request, timeout=TIMEOUT)
    except HTTPError as error:
        response = error
    with response:
        headers = {name.lower(): value for name, value in response.headers.items()}
        body = response.read(2_000_000) if headers.get("content-type", "").startswith("text/html") else b""
        return response.getcode(), headers, body


def _page(url: str) -> _Page:
    status, headers, body = fetch(url)
    if status != 200 or not body:
        raise LookupError(f"{url} answered {status} {headers.get('content-type', '')}, not a page of the guide")
    page = _Page()
    page.feed(body.decode("utf-8", errors="replace"))
    return page


def _one(found: list[str], part: str, base: str) -> str | None:
    return next((urljoin(base, item) for item in found if part in item), None)


def files_to_check(base: str) -> dict[str, str]:
    """{kind: address} for every kind of file, found from the guide's pages at `base`."""
    start = _page(base)
    config = json.loads(start.config or "{}")
    calculator_link = _one(start.links, "calculator/", base)
    calculator_url = calculator_link.split("#")[0] if calculator_link else urljoin(base, "calculator/")
    calculator = _page(calculator_url)
    starter = _one(calculator.scripts, "calculator/start.js", calculator_url)
    pyodide = urljoin(calculator_url, calculator.data.get("data-pyodide", ""))
    found = {
        "page": base,
        "page not found": urljoin(base, NOT_THERE),
        "rules (JSON)": urljoin(base, "assets/data/rules.json"),
        "search index": urljoin(base, "search/search_index.json"),
        "search worker": urljoin(base, config["search"]) if config.get("search") else None,
        "theme bundle": _one(start.scripts, "javascripts/bundle.", base),
        "theme style sheet": _one(start.styles, "stylesheets/main.", base),
        "style sheet": _one(start.styles, "stylesheets/guide.css", base),
        "guide script": starter,
        "calculator worker": urljoin(starter, "worker.mjs") if starter else None,
        "Pyodide module": urljoin(pyodide, "pyodide.mjs") if calculator.data.get("data-pyodide") else None,
        "Pyodide WebAssembly": urljoin(pyodide, "pyodide.asm.wasm") if calculator.data.get("data-pyodide") else None,
        "calculator snapshot": urljoin(calculator_url, calculator.data["data-snapshot"])
        if calculator.data.get("data-snapshot")
        else None,
    }
    missing = [kind for kind, url in found.items() if url is None]
    if missing:
        raise LookupError(f"{base}: found no {', '.join(missing)} in the guide's pages: is this the guide?")
    return {kind: url for kind, url in found.items() if url is not None}


def check_server(base: str) -> dict[str, tuple[str, list[str]]]:
    """{kind: (address, problems)} for every kind of file; LookupError if the guide is not at `base`."""
    https = urlsplit(base).scheme == "https"
    results = {}
    for kind, url in files_to_check(base).items():
        status, headers, _ = fetch(url)
        results[kind] = (url, response_problems(KINDS[kind], status, headers, https))
    return results


def run(args) -> int:
    base = args.url if args.url.endswith("/") else args.url + "/"
    try:
        results = check_server(base)
    except (LookupError, URLError, OSError, ValueError) as exc:
        print(f"error: check-server: {getattr(exc, 'reason', None) or exc}", file=sys.stderr)
        return 2
    for kind, (url, problems) in results.items():
        print(f"{'ok  ' if not problems else 'FAIL'}  {kind}: {url}")
        for problem in problems:
            print(f"        {problem}")
    failed = [kind for kind, (_, problems) in results.items() if problems]
    if urlsplit(base).scheme != "https":
        print("note: plain HTTP: Strict-Transport-Security not checked; publish over HTTPS (docs/publishers.md)")
    print(
        f"{len(results) - len(failed)} of {len(results)} kinds of file pass"
        + (f"; failing: {', '.join(failed)}" if failed else "")
    )
    return 1 if failed else 0


def register(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "check-server",
        help="check that a web server sends the guide's files with the headers they need",
        description=__doc__.split("\n\n")[0],
    )
    parser.add_argument("url", help="the guide's address, e.g. https://intranet.example/norut/")
    parser.set_defaults(func=run)
    return parser
