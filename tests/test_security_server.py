"""The headers reach every file (security review F10, F11), and a publisher can check their own
server: `exchange-guide check-server URL` holds a server to the same checks (publish/headers.py)
the shipped nginx.conf is held to here, on loopback; a server that lacks the headers fails it.
The calculator still answers in Chromium under the full set (COOP, CORP, Permissions-Policy)."""

from __future__ import annotations

import functools
import http.server
import re
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from servers import NGINX, NGINX_CONF, SHIPPED_CONF, free_port, shipped_location

from exchange_guide.cli.check_server import check_server
from exchange_guide.publish.headers import KINDS, POLICY, SECURITY, response_problems

pytestmark = pytest.mark.browser  # nginx and Chromium
ROOT = Path(__file__).resolve().parents[1]
HSTS = '# add_header Strict-Transport-Security "max-age=31536000" always;'


def check_server_command(url: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "exchange_guide", "check-server", url],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def headers_of(url: str) -> tuple[int, dict[str, str]]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "identity"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}


# --- the file itself --------------------------------------------------------------------------
def _blocks(text: str) -> list[str]:
    """The body of every location nested in the guide's location (one line, or up to its "    }")."""
    lines = [line.split(" #")[0].rstrip() for line in text.splitlines() if not line.lstrip().startswith("#")]
    blocks = []
    for index, line in enumerate(lines):
        if line.startswith("    location "):
            if line.endswith("}"):
                blocks.append(line[line.index("{ ") + 2 : -1])
            else:
                end = lines.index("    }", index)
                blocks.append("\n".join(lines[index + 1 : end]))
    return blocks


def test_headers_stand_once_and_no_nested_location_drops_them():
    """In nginx a location with an add_header of its own drops all the others (F10)."""
    text = SHIPPED_CONF.read_text(encoding="utf-8")
    nested = _blocks(text)
    assert len(nested) >= 3
    assert not [block for block in nested if "add_header" in block]
    assert all('set $nordic_exchange_guide_cache "' in block for block in nested), "every location sets its cache"
    sent = dict(re.findall(r'^    add_header ([\w-]+) "([^"]+)" always;$', text, re.M))
    assert sent == SECURITY, "nginx.conf sends exactly the headers publish/headers.py checks"
    assert re.search(r"^    server_tokens off;$", text, re.M)
    assert HSTS in text, "the HSTS line a publisher uncomments over HTTPS"


def test_the_policy_is_the_one_the_docs_give():
    guide = (ROOT / "docs" / "publishers.md").read_text(encoding="utf-8")
    assert POLICY in guide and SECURITY["Permissions-Policy"] in guide
    for header in ("Strict-Transport-Security", "Cross-Origin-Opener-Policy", "server_tokens off", "check-server"):
        assert header in guide, header


# --- the shipped file on loopback -------------------------------------------------------------
def test_check_server_passes_the_shipped_configuration(published_server):
    results = check_server(published_server.url)
    assert set(results) == set(KINDS)
    failing = {kind: problems for kind, (_, problems) in results.items() if problems}
    assert not failing
    done = check_server_command(published_server.url)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{len(KINDS)} of {len(KINDS)} kinds of file pass" in done.stdout


def test_every_file_type_of_the_site_gets_the_security_headers(published_server, published_site):
    """One file of each type in the site (and each folder it lies in), precompressed copies asked for too."""
    seen = {}
    for path in sorted(published_site.rglob("*")):
        if path.is_file() and path.suffix not in (".gz", ".br"):
            seen.setdefault((path.suffix, path.parent.relative_to(published_site).parts[:2]), path)
    assert len(seen) > 10
    for path in seen.values():
        status, headers = headers_of(published_server.url + path.relative_to(published_site).as_posix())
        missing = [name for name, value in SECURITY.items() if headers.get(name.lower()) != value]
        assert status == 200 and not missing, (path, missing)
        assert headers.get("server") == "nginx", headers.get("server")


def test_the_search_worker_runs_under_the_policy(published_server, published_site):
    """F10: workers/search.*.min.js was sent without any Content-Security-Policy."""
    worker = next(published_site.glob("assets/javascripts/workers/search.*.min.js")).relative_to(published_site)
    status, headers = headers_of(published_server.url + worker.as_posix())
    assert status == 200 and response_problems(KINDS["search worker"], status, headers, https=False) == []


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def test_check_server_fails_a_server_without_the_headers(published_site):
    """Python's own file server: right types, none of the headers, its version in Server."""
    handler = functools.partial(_Quiet, directory=str(published_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        done = check_server_command(f"http://127.0.0.1:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()
    assert done.returncode == 1, done.stdout + done.stderr
    assert "FAIL  search worker:" in done.stdout and "no Content-Security-Policy" in done.stdout
    for words in (
        "no Cross-Origin-Opener-Policy",
        "no Permissions-Policy",
        "tells the server's version",
        "Cache-Control",
    ):
        assert words in done.stdout, words
    assert f"0 of {len(KINDS)} kinds of file pass" in done.stdout


def test_check_server_says_when_the_guide_is_not_there():
    done = check_server_command(f"http://127.0.0.1:{free_port()}/norut/")
    assert done.returncode == 2 and done.stderr.startswith("error: check-server: ")


def test_over_https_the_hsts_line_is_sent_once_uncommented(published_site, tmp_path):
    """The line docs/publishers.md tells a publisher to uncomment; nginx sends it on every file."""
    location = shipped_location("/norut/", published_site).replace(HSTS, HSTS.removeprefix("# "))
    work, port = tmp_path / "nginx", free_port()
    work.mkdir()
    (work / "nordic-exchange-guide.conf").write_text(location, encoding="utf-8")
    conf = work / "nginx.conf"
    conf.write_text(NGINX_CONF.format(work=work, port=port, load_modules=""), encoding="utf-8")
    process = subprocess.Popen(
        [NGINX, "-p", str(work), "-c", str(conf)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        for _ in range(100):
            try:
                headers_of(f"http://127.0.0.1:{port}/norut/")
                break
            except OSError:
                time.sleep(0.1)
        worker = next(published_site.glob("assets/javascripts/workers/search.*.min.js")).relative_to(published_site)
        for path, kind in (("", "page"), (worker.as_posix(), "search worker"), ("nowhere", "page not found")):
            status, headers = headers_of(f"http://127.0.0.1:{port}/norut/{path}")
            assert headers.get("strict-transport-security") == "max-age=31536000", path
            assert response_problems(KINDS[kind], status, headers, https=True) == [], path
    finally:
        process.terminate()
        process.wait(timeout=10)


# --- Chromium --------------------------------------------------------------------------------
def test_the_calculator_answers_under_the_full_header_set(page, server):
    """Cross-Origin-Opener-Policy and -Resource-Policy and the Permissions-Policy do not stop
    Pyodide: the page computes a result, with no console error."""
    response = page.goto(server.url + "calculator/")
    assert response.headers["cross-origin-opener-policy"] == "same-origin"
    assert response.headers["cross-origin-resource-policy"] == "same-origin"
    page.select_option("[name=home]", "SE")
    page.select_option("[name=host]", "NO")
    page.fill("[name=start]", "2026-03-02")
    page.fill("[name=end]", "2026-05-01")
    page.click("#eg-submit")
    page.wait_for_function(
        "() => Number(document.documentElement.dataset.calculations || 0) > 0"
        " && document.documentElement.dataset.calculatorBusy === 'false'",
        timeout=60_000,
    )
    assert page.locator("#eg-result").is_visible()
    assert page.console_errors == []
