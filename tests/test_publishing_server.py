"""The nginx configuration that publishers copy (exchange_guide/publish/nginx.conf), as shipped,
serving a site built for https://intranet.example/norut/: types, precompressed files, caching,
security headers and the "page not found" page in each language. Plain HTTP, no browser."""

import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from publishing import ROOT, languages, pyodide_folder
from servers import SHIPPED_CONF, Nginx, brotli_available, shipped_location

pytestmark = pytest.mark.browser  # needs nginx
DEFAULT, LANGUAGES = languages()
PYODIDE = pyodide_folder()  # assets/pyodide/<version>/
IMMUTABLE = "public, max-age=31536000, immutable"
CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; style-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)


def get(url: str, encoding: str = "identity") -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def one(site: Path, pattern: str) -> str:
    found = sorted(site.glob(pattern))
    assert len(found) == 1, (pattern, found)
    return found[0].relative_to(site).as_posix()


def test_the_shipped_file_is_what_the_tests_serve(published_server):
    text = shipped_location("/norut/", Path("/srv/www/norut"))
    assert "location /norut/ {" in text and "alias /srv/www/norut/;" in text
    assert (published_server.conf.parent / "nordic-exchange-guide.conf").read_text() == published_server.location


def test_a_404_page_for_each_language_and_no_other_language(published_site):
    """The config names each language folder of content/site.yml (and the build writes their 404s)."""
    configured = re.findall(
        r'location /@PREFIX@/([a-z]{2})/ \{ set \$nordic_exchange_guide_cache "no-cache"; '
        r"error_page 404 /@PREFIX@/\1/404\.html; \}",
        SHIPPED_CONF.read_text(),
    )
    assert sorted(configured) == sorted(lang for lang in LANGUAGES if lang != DEFAULT)
    for lang in configured:
        assert (published_site / lang / "404.html").is_file(), lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_page_not_found_in_the_language_of_its_folder(published_server, lang):
    prefix = "" if lang == DEFAULT else f"{lang}/"
    status, headers, body = get(published_server.url + prefix + "no/such/page")
    assert status == 404
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert f'<html lang="{lang}"'.encode() in body
    assert headers["content-security-policy"] == CSP  # error responses carry the headers too


def test_types_cover_every_file_in_the_site(published_site):
    text = SHIPPED_CONF.read_text()
    block = re.search(r"types \{(.*?)\}", text, re.S).group(1)
    listed = {ext for line in block.strip().splitlines() for ext in line.split(";")[0].split()[1:]}
    suffixes = {
        path.suffix.lstrip(".")
        for path in published_site.rglob("*")
        if path.is_file() and path.suffix not in (".gz", ".br")
    }
    assert suffixes <= listed, suffixes - listed


@pytest.mark.parametrize(
    "path, expected",
    [
        (PYODIDE + "pyodide.asm.wasm", "application/wasm"),
        (PYODIDE + "pyodide.mjs", "text/javascript; charset=utf-8"),
        ("assets/javascripts/calculator/worker.mjs", "text/javascript; charset=utf-8"),
        ("assets/javascripts/directory.js", "text/javascript; charset=utf-8"),
        ("assets/stylesheets/guide.css", "text/css; charset=utf-8"),
        ("assets/data/rules.json", "application/json; charset=utf-8"),
        (PYODIDE + "python_stdlib.zip", "application/zip"),
        ("faq/", "text/html; charset=utf-8"),
    ],
)
def test_content_types(published_server, path, expected):
    status, headers, _ = get(published_server.url + path)
    assert status == 200 and headers["content-type"] == expected
    assert headers["x-content-type-options"] == "nosniff"


def test_precompressed_copies_are_sent_as_they_are(published_server, published_site):
    wasm = PYODIDE + "pyodide.asm.wasm"
    assert (published_site / (wasm + ".gz")).is_file(), "the build writes .gz copies"
    status, headers, body = get(published_server.url + wasm, "gzip")
    assert status == 200 and headers["content-encoding"] == "gzip"
    assert body == (published_site / (wasm + ".gz")).read_bytes()  # the file itself: gzip_static
    assert headers["content-type"] == "application/wasm" and "accept-encoding" in headers["vary"].lower()
    status, headers, body = get(published_server.url + wasm)
    assert "content-encoding" not in headers and body == (published_site / wasm).read_bytes()
    if brotli_available():
        assert (published_site / (wasm + ".br")).is_file(), "the build writes .br copies"
        status, headers, body = get(published_server.url + wasm, "gzip, deflate, br")
        assert headers["content-encoding"] == "br" and body == (published_site / (wasm + ".br")).read_bytes()
    else:
        pytest.skip("Brotli: libnginx-mod-http-brotli-static is not installed (make system-deps installs it)")


def test_only_versioned_files_are_cached_for_long(published_server, published_site):
    site = published_site
    long_lived = [
        one(site, "assets/javascripts/bundle.*.min.js"),
        one(site, "assets/stylesheets/main.*.min.css"),
        one(site, "assets/stylesheets/palette.*.min.css"),
        one(site, "assets/javascripts/workers/search.*.min.js"),
        PYODIDE + "pyodide.asm.wasm",
        PYODIDE + "pyodide.mjs",
        PYODIDE + "python_stdlib.zip",
        one(site, PYODIDE + "snapshot-*.bin"),
        one(site, PYODIDE + "stdlib-*.zip"),
    ]
    revalidated = [
        "",
        "fi/",
        "calculator/",
        "en/directory/",
        "assets/data/rules.json",
        "assets/data/calculators.json",
        "search/search_index.json",
        "fi/search/search_index.json",
        "assets/stylesheets/guide.css",
        "assets/javascripts/calculator/page.js",
        "assets/javascripts/calculator/worker.mjs",
        "assets/javascripts/md-scope.js",
        "assets/javascripts/directory.js",
        "assets/images/favicon.png",
    ]
    for path in long_lived:
        status, headers, _ = get(published_server.url + path, "gzip")
        assert (status, headers.get("cache-control")) == (200, IMMUTABLE), path
    for path in revalidated:
        status, headers, _ = get(published_server.url + path, "gzip")
        assert (status, headers.get("cache-control")) == (200, "no-cache"), path


@pytest.mark.parametrize(
    "path", ["", "en/calculator/", "assets/javascripts/calculator/worker.mjs", "assets/data/rules.json"]
)
def test_security_headers(published_server, path):
    """Documents and workers (worker.mjs runs under its own response's policy) get the policy."""
    _, headers, _ = get(published_server.url + path)
    assert headers["content-security-policy"] == CSP
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"


def test_the_policy_allows_no_inline_script_and_no_eval():
    policy = re.search(r'add_header Content-Security-Policy "([^"]+)" always;', SHIPPED_CONF.read_text()).group(1)
    assert policy == CSP
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self' 'wasm-unsafe-eval'"
    assert "unsafe-inline" not in policy and "'unsafe-eval'" not in policy and "*" not in policy


def test_a_directory_without_its_slash_is_redirected_within_the_site(published_server):
    request = urllib.request.Request(published_server.url + "faq")

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.build_opener(NoRedirect).open(request, timeout=10)
    assert caught.value.code == 301 and caught.value.headers["Location"] == "/norut/faq/"


def test_the_same_file_works_at_the_root_of_a_host(built_site, tmp_path):
    """`/@PREFIX@/` replaced by `/`: the guide is the whole host."""
    nginx = Nginx(built_site, tmp_path / "nginx", prefix="/")
    try:
        status, headers, body = get(nginx.url)
        assert (
            status == 200 and headers["content-security-policy"] == CSP and f'<html lang="{DEFAULT}"'.encode() in body
        )
        other = next(lang for lang in LANGUAGES if lang != DEFAULT)
        status, _, body = get(nginx.url + f"{other}/missing")
        assert status == 404 and f'<html lang="{other}"'.encode() in body
        status, headers, _ = get(nginx.url + one(built_site, "assets/javascripts/bundle.*.min.js"))
        assert headers["cache-control"] == IMMUTABLE
    finally:
        nginx.stop()


def test_publishing_notes_name_the_shipped_files():
    guide = (ROOT / "docs" / "publishers.md").read_text(encoding="utf-8")
    assert "docs/publishers.md" in (ROOT / "README.md").read_text(encoding="utf-8")
    for needle in ("exchange_guide/publish/nginx.conf", "Apache", "IIS", "wasm-unsafe-eval"):
        assert needle in guide, needle
