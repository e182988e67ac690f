"""The built HTML as a publisher's checks see it, without a browser: the Nu HTML Checker (vnu),
every internal link and anchor, no inline script or style (the Content-Security-Policy allows
neither), and text that looks like markup shown as text."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from publishing import PUBLISHED_URL, VNU, languages

DEFAULT, LANGUAGES = languages()

# --- the Nu HTML Checker ----------------------------------------------------------------------------

# Errors that cannot be fixed without forking Material's base.html, one entry each, as precise as
# the checker's message and the markup it points at allow.
VNU_ALLOWED = [
    # Material's two state checkboxes (navigation drawer, search) carry autocomplete="off" so that
    # Firefox does not restore them open when a reader goes back; HTML allows autocomplete only on
    # text-like inputs. They are written outside any template block, in base.html itself.
    (
        re.compile(r"^Attribute “autocomplete” is only allowed when the input type is "),
        re.compile(
            r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" '
            r'id="__(drawer|search)" autocomplete="off">'
        ),
    ),
]


@pytest.fixture(scope="session")
def vnu_messages(built_site, published_site) -> list[dict]:
    """vnu over every HTML file of both builds, in one run (the JVM takes seconds to start)."""
    java = shutil.which("java")
    assert java, "Java is not installed: run `make system-deps` (apt-get install default-jre-headless)"
    assert VNU.is_file(), "vnu-jar is not installed: run `npm ci`"
    done = subprocess.run(
        [
            java,
            "-jar",
            str(VNU),
            "--errors-only",
            "--format",
            "json",
            "--skip-non-html",
            str(built_site),
            str(published_site),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    # vnu exits 1 when it reports errors; it writes its JSON report to stderr.
    report = json.loads(done.stderr or done.stdout)
    assert "messages" in report, done.stderr[:2000]
    return report["messages"]


def allowed(message: dict) -> bool:
    return any(
        text.search(message.get("message", "")) and markup.search(message.get("extract", ""))
        for text, markup in VNU_ALLOWED
    )


@pytest.mark.nu
def test_nu_html_checker_finds_no_errors(vnu_messages, built_site):
    pages = len(list(built_site.rglob("*.html")))
    assert pages > 50
    errors = [
        f"{m['url'].split('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']} | {m.get('extract', '').strip()}"
        for m in vnu_messages
        if not allowed(m)
    ]
    assert not errors, "\n".join(errors[:40])
    # Each allowed error still occurs (when Material drops the attribute, drop the entry).
    for text, markup in VNU_ALLOWED:
        assert any(text.search(m.get("message", "")) and markup.search(m.get("extract", "")) for m in vnu_messages), (
            f"no longer needed: {text.pattern}"
        )


# --- the parsed site ------------------------------------------------------------------------------


class Page(HTMLParser):
    URL_ATTRIBUTES = frozenset({"href", "src", "action", "poster", "data"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (tag, url)
        self.inline_scripts: list[str] = []
        self.styles: list[str] = []  # <style> elements and style="" attributes
        self.handlers: list[str] = []  # on...="" attributes
        self.data_scripts: dict[str, str] = {}  # id -> raw text of <script type="application/json">
        self.text: list[str] = []
        self._script: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name in ("id",) or (tag == "a" and name == "name"):
                self.ids.add(value)
            if name in self.URL_ATTRIBUTES and value is not None:
                self.links.append((tag, value))
            if name == "style":
                self.styles.append(f"<{tag} style={value!r}>")
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}={value!r}>")
        if tag == "style":
            self.styles.append("<style>")
        if tag == "script":
            self._script = {"attrs": attributes, "text": ""}

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            attrs, text = self._script["attrs"], self._script["text"]
            if attrs.get("type") == "application/json":
                self.data_scripts[attrs.get("id", "")] = text
            elif "src" not in attrs:
                self.inline_scripts.append(text.strip()[:80])
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script["text"] += data
        else:
            self.text.append(data)


def parse_site(site: Path) -> dict[str, Page]:
    pages = {}
    for path in sorted(site.rglob("*.html")):
        page = Page()
        page.feed(path.read_text(encoding="utf-8"))
        pages[path.relative_to(site).as_posix()] = page
    return pages


def page_url(relative: str) -> str:
    """site/faq/index.html is served as faq/; 404.html as itself (the server shows it anywhere)."""
    return relative[: -len("index.html")] if relative.endswith("index.html") else relative


def target_of(path: str, site: Path) -> str | None:
    """The file that serves `path` (relative to the site root), as nginx's `index index.html` does."""
    if path == "" or path.endswith("/"):
        path += "index.html"
    return path if (site / path).is_file() else None


def broken_links(site: Path, base: str, pages: dict[str, Page]) -> list[str]:
    """Every internal href/src that does not resolve, including #fragments to ids in the target.
    `base` is the URL the site is published at (its path is where absolute links start)."""
    root = urlsplit(base)
    broken = []
    for name, page in pages.items():
        here = urljoin(base, page_url(name))
        for _tag, link in page.links:
            if link.startswith(("mailto:", "tel:")):
                continue
            assert not link.lower().startswith(("javascript:", "data:", "vbscript:")), (name, link)
            url = urlsplit(urljoin(here, link))
            if (url.scheme, url.netloc) != (root.scheme, root.netloc):
                continue  # another host: not ours to check here (`exchange-guide check-links`)
            if not url.path.startswith(root.path):
                broken.append(f"{name}: {link} leaves the site")
                continue
            target = target_of(unquote(url.path[len(root.path) :]), site)
            if target is None:
                broken.append(f"{name}: {link} (no such file)")
            elif url.fragment and target.endswith(".html") and unquote(url.fragment) not in pages[target].ids:
                broken.append(f"{name}: {link} (no id {url.fragment!r} in {target})")
    return broken


@pytest.fixture(scope="session")
def parsed_built(built_site):
    return parse_site(built_site)


@pytest.fixture(scope="session")
def parsed_published(published_site):
    return parse_site(published_site)


def test_every_internal_link_and_anchor_resolves(built_site, parsed_built):
    assert len(parsed_built) > 50
    # The default build is for the address in content/site.yml (its 404 pages link from its path).
    from content_edits import shipped_content

    broken = broken_links(built_site, shipped_content().site["site_url"], parsed_built)
    assert not broken, "\n".join(broken[:40])


def test_every_link_resolves_in_a_build_for_a_sub_path(published_site, parsed_published):
    """Built for https://intranet.example/norut/: the 404 pages' /norut/... links, the canonical
    links and the rest all stay inside /norut/ and resolve."""
    broken = broken_links(published_site, PUBLISHED_URL, parsed_published)
    assert not broken, "\n".join(broken[:40])
    canonical = [
        link
        for page in parsed_published.values()
        for tag, link in page.links
        if tag == "link" and link.startswith(PUBLISHED_URL)
    ]
    assert canonical, "a build with a site URL has canonical links"


def test_search_index_locations_resolve(built_site, parsed_built):
    broken = []
    for lang in LANGUAGES:
        folder = "" if lang == DEFAULT else f"{lang}/"
        index = json.loads((built_site / folder / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert index["docs"], lang
        for doc in index["docs"]:
            url = urlsplit(urljoin("https://x/" + folder, doc["location"]))
            target = target_of(url.path[1:], built_site)
            if target is None or (url.fragment and url.fragment not in parsed_built[target].ids):
                broken.append(f"{lang}: {doc['location']}")
    assert not broken, broken[:40]


def test_no_inline_script_style_or_event_handler(parsed_built, parsed_published):
    """What the Content-Security-Policy (script-src and style-src without 'unsafe-inline') would
    block: nothing of it is in the pages. JSON data blocks are not run, and are allowed."""
    found = []
    for pages in (parsed_built, parsed_published):
        for name, page in pages.items():
            found += [f"{name}: inline script {s!r}" for s in page.inline_scripts]
            found += [f"{name}: {s}" for s in page.styles + page.handlers]
    assert not found, "\n".join(found[:40])


# --- text that looks like markup ------------------------------------------------------------------

# (An entity such as &amp; is not in it: Markdown passes entities through, by design.)
LOOKS_LIKE_MARKUP = "R&D <3 \"Tom\" & Co: 1 < 2 > 0, a <= b, <- 'back' <3"


@pytest.mark.pyodide  # builds the site
def test_text_that_looks_like_markup_is_shown_as_text(fixture_copy, tmp_path, project_root):
    """The schema rejects HTML tags and script links (tests/test_content_validation.py); what it
    lets through (a lone < or >, &, both quotes) stays text:
    in Markdown, in plain names, in headings and in the JSON the page scripts read."""
    from content_edits import edit

    from exchange_guide.publish.build import build_site

    yaml_text = LOOKS_LIKE_MARKUP.replace('"', '\\"')
    edit(
        fixture_copy / "contacts.yml",
        "organisation: Universitets- och högskolerådet (UHR)",
        f'organisation: "{yaml_text}"',
    )
    edit(fixture_copy / "agencies.yml", "  name: Skatteverket", f'  name: "{yaml_text}"')
    edit(fixture_copy / "faq.yml", "      sv: Vem kan söka?", f'      sv: "{yaml_text}"')
    edit(
        fixture_copy / "faq.yml",
        "        Du kan söka om du är anställd",
        f"        {LOOKS_LIKE_MARKUP}\n\n        Du kan söka om du är anställd",
    )
    edit(fixture_copy / "agencies.yml", "    sv: '{n} myndighet visas'", f'    sv: "{{n}} {yaml_text}"')
    out = tmp_path / "site"
    build_site(project_root, out_dir=out, content=fixture_copy)
    pages = parse_site(out)
    for name in ("contacts/index.html", "directory/index.html", "faq/index.html"):
        page = pages[name]
        assert LOOKS_LIKE_MARKUP in "".join(page.text).replace("\n", " "), name
        assert not page.handlers and not page.inline_scripts and not page.styles, name
        assert not [link for tag, link in page.links if tag == "img"], name
    # In a <script type="application/json"> block, "</", "<!--" and "<script" would change how
    # the browser's parser reads the rest of the page (HTML, "script data" states).
    data = pages["directory/index.html"].data_scripts["eg-dir-data"]
    assert not re.search(r"</|<!--|<script", data, re.I), data
    assert json.loads(data)["shown_one"] == "{n} " + LOOKS_LIKE_MARKUP
    # The question's anchor is its id, whatever its text.
    assert "who-can-apply" in pages["faq/index.html"].ids
