"""The built site: every page in every language, with the right language, a switcher that goes
to the same page, the facts from the YAML, per-language search, and nothing from another host.

The shipped content's build (`built_site`) is checked only for what must hold for any content,
reading what to expect from the loaded content; the mechanics that need particular texts (amounts
per language, the notice of a missing translation) are checked on the test fixture's build
(`fixture_site`, tests/fixtures/README.md)."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from content_edits import fixture_content, shipped_content

from exchange_guide.model.pages import PAGES
from exchange_guide.render.localise import Localiser

CONTENT = shipped_content()
LANGS = CONTENT.languages
DEFAULT = CONTENT.default_language


def page_path(site: Path, name: str, lang: str) -> Path:
    folder = site if lang == DEFAULT else site / lang
    return folder / "index.html" if name == "index" else folder / name / "index.html"


def page_url(name: str, lang: str) -> str:
    prefix = "" if lang == DEFAULT else f"{lang}/"
    return f"/{prefix}" if name == "index" else f"/{prefix}{name}/"


class Tags(HTMLParser):
    """Collects the tags of a page with their attributes, and its visible text."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(path: Path) -> Tags:
    tags = Tags()
    tags.feed(path.read_text(encoding="utf-8"))
    return tags


def visible(path: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(parse(path).text))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", PAGES)
def test_every_page_exists_in_every_language_with_its_lang(built_site, name, lang):
    path = page_path(built_site, name, lang)
    assert path.exists(), f"missing {path.relative_to(built_site)}"
    html = next(attrs for tag, attrs in parse(path).tags if tag == "html")
    assert html["lang"] == lang


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", PAGES)
def test_switcher_goes_to_the_same_page_in_each_language(built_site, name, lang):
    here = page_url(name, lang)
    links = {
        attrs["hreflang"]: attrs["href"]
        for tag, attrs in parse(page_path(built_site, name, lang)).tags
        if tag == "a" and "hreflang" in attrs
    }
    assert set(links) == set(LANGS)
    for other, href in links.items():
        assert not href.startswith(("/", "http")), f"switcher link {href} is not relative (breaks under a sub-path)"
        assert urlsplit(urljoin(here, href)).path == page_url(name, other)


@pytest.mark.parametrize("lang", LANGS)
def test_pages_hold_the_facts_from_the_yaml(built_site, lang):
    loc = Localiser(CONTENT, lang)
    faq = visible(page_path(built_site, "faq", lang))
    questions = [q for group in CONTENT.pages["faq"]["groups"] for q in group["questions"]]
    assert questions
    for question in questions:
        assert loc.inline(question["question"]) in faq
    faq_html = page_path(built_site, "faq", lang).read_text(encoding="utf-8")
    for question in questions:
        assert f'id="{question["id"]}"' in faq_html, f"no anchor for {question['id']}"
    steps = visible(page_path(built_site, "steps", lang))
    for step in CONTENT.pages["steps"]["steps"]:
        assert loc.inline(step["title"]) in steps
    sources = page_path(built_site, "sources", lang).read_text(encoding="utf-8")
    for source in CONTENT.sources["sources"]:
        assert f'id="{source["id"]}"' in sources
    contacts = visible(page_path(built_site, "contacts", lang))
    for contact in CONTENT.pages["contacts"]["contacts"]:
        assert contact["organisation"] in contacts


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", ["contacts", "sources"])
def test_every_administrator_and_source_is_reachable_or_says_it_is_not(built_site, name, lang):
    """Each administrator's and each source's site is linked, with the date it was last checked
    where the content gives one; without an address, the page says plainly that none is given."""
    items = CONTENT.pages["contacts"]["contacts"] if name == "contacts" else CONTENT.sources["sources"]
    loc = Localiser(CONTENT, lang)
    page = parse(page_path(built_site, name, lang))
    links = {attrs.get("href") for tag, attrs in page.tags if tag == "a"}
    text = re.sub(r"\s+", " ", " ".join(page.text))
    for item in items:
        if "url" in item:
            assert item["url"] in links, item["id"]
            if item.get("checked"):
                assert f"{loc.ui('checked')} {loc.date(item['checked'])}" in text, item["id"]
    without = [item for item in items if "url" not in item]
    assert text.count(f"{loc.ui('website')}: {loc.ui('not_given')}") == len(without)


@pytest.mark.parametrize("lang", LANGS)
def test_no_placeholder_is_left_on_a_page(built_site, lang):
    for name in PAGES:
        assert "{rule:" not in page_path(built_site, name, lang).read_text(encoding="utf-8")


def test_amounts_come_from_the_rules_formatted_for_each_language(fixture_site):
    fixture = fixture_content()
    for lang in fixture.languages:
        rate = Localiser(fixture, lang).rule_value(fixture.site["current_rule_set"], "monthly_stipend")
        index = visible(page_path(fixture_site, "index", lang)).replace("\u00a0", " ")
        assert rate.replace("\u00a0", " ") in index, lang
    shown = {lang: Localiser(fixture, lang).money(18000, "DKK") for lang in fixture.languages}
    assert shown["en"] == "DKK\u00a018,000", "site.yml: currency_first, as British and EU English write it"
    assert shown["da"] == "18.000\u00a0DKK"
    assert shown["sv"] == "18\u00a0000\u00a0DKK"


# The sources page lists the sources; the accessibility statement states our own findings.
@pytest.mark.parametrize("name", [name for name in PAGES if name not in ("sources", "accessibility")])
def test_every_fact_on_a_page_links_to_its_source(built_site, name):
    html = page_path(built_site, name, "en").read_text(encoding="utf-8")
    cited = re.findall(r'href="(?:\.\./)?sources/#([a-z0-9-]+)"', html)
    assert cited, f"{name}: no citation links"
    assert set(cited) <= {s["id"] for s in CONTENT.sources["sources"]}


def test_no_request_leaves_the_site(built_site):
    offenders = []
    for path in built_site.rglob("*.html"):
        for tag, attrs in parse(path).tags:
            url = (
                attrs.get("src")
                if tag in ("script", "img", "iframe", "source", "audio", "video")
                else attrs.get("href")
                if tag == "link"
                else None
            )
            own = (
                tag == "link"
                and attrs.get("rel") in ("canonical", "alternate")
                and str(url).startswith(CONTENT.site["site_url"])
            )  # names the page's address; fetches nothing
            if url and (url.startswith(("http:", "https:", "//"))) and not own:
                offenders.append(f"{path.relative_to(built_site)}: <{tag}> {url}")
    for path in built_site.rglob("*.css"):
        if re.search(r"url\(\s*['\"]?(https?:)?//", path.read_text(encoding="utf-8", errors="replace")):
            offenders.append(str(path.relative_to(built_site)))
    assert not offenders, offenders[:10]
    assert "fonts.googleapis" not in (built_site / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_searches_only_its_own_pages(built_site, lang):
    folder = built_site if lang == DEFAULT else built_site / lang
    index = json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = {doc["title"] for doc in index["docs"]}
    loc = Localiser(CONTENT, lang)
    own = {loc.inline(CONTENT.pages[name]["page"]["title"]) for name in ("faq", "steps", "checklists")}
    assert own <= titles
    for other in LANGS:
        if other != lang:
            theirs = Localiser(CONTENT, other).inline(CONTENT.pages["faq"]["page"]["title"])
            if theirs not in own:
                assert theirs not in titles, f"{lang} search holds the {other} FAQ"
    assert all(not doc["location"].startswith(tuple(f"{x}/" for x in LANGS)) for doc in index["docs"])
    page = page_path(built_site, "faq", lang).read_text(encoding="utf-8")
    expected_base = f"../../{lang}/" if lang != DEFAULT else ".."
    assert f'"base": "{expected_base}"' in page


@pytest.mark.parametrize("lang", LANGS)
def test_a_not_found_page_in_every_language(built_site, lang):
    folder = built_site if lang == DEFAULT else built_site / lang
    path = folder / "404.html"
    html = next(attrs for tag, attrs in parse(path).tags if tag == "html")
    assert html["lang"] == lang
    assert Localiser(CONTENT, lang).ui("not_found_title") in visible(path)


def test_accessibility_statement_states_its_review_date(built_site):
    for lang in LANGS:
        text = visible(page_path(built_site, "accessibility", lang))
        assert Localiser(CONTENT, lang).date(CONTENT.pages["accessibility"]["reviewed"]) in text


def test_large_files_have_identical_precompressed_copies(built_site):
    import gzip

    import brotli

    (pyodide,) = (built_site / "assets" / "pyodide").iterdir()  # assets/pyodide/<version>/
    wasm = pyodide / "pyodide.asm.wasm"
    checked = 0
    for original in [
        wasm,
        *pyodide.glob("snapshot-*.bin"),
        *pyodide.glob("stdlib-*.zip"),
        built_site / "index.html",
        built_site / "fi" / "faq" / "index.html",
        *built_site.glob("assets/javascripts/bundle.*.min.js"),
        *built_site.glob("assets/stylesheets/main.*.min.css"),
    ]:
        data = original.read_bytes()
        assert gzip.decompress(original.with_name(original.name + ".gz").read_bytes()) == data, original
        assert brotli.decompress(original.with_name(original.name + ".br").read_bytes()) == data, original
        checked += 1
    assert checked >= 7
    assert wasm.with_name(wasm.name + ".br").stat().st_size < wasm.stat().st_size / 3
    # Already-compressed files are left alone.
    assert not (pyodide / "python_stdlib.zip.gz").exists()


def test_a_missing_translation_is_shown_in_the_default_language_with_a_notice(fixture_site):
    """The fixture's Finnish answer of who-can-apply is missing: the Finnish page shows the Swedish
    answer, marked lang="sv", under a notice in Finnish, and says so once for the page as a whole;
    no other language's page has a notice."""
    fixture = fixture_content()
    (missing,) = fixture.missing
    notice = fixture.ui["missing_translation"]
    answer = fixture.pages["faq"]["groups"][0]["questions"][0]["answer"]
    assert (missing.field, missing.language) == ("groups[0].questions[0].answer", "fi") and "fi" not in answer
    html = page_path(fixture_site, "faq", "fi").read_text(encoding="utf-8")
    assert html.count(notice["fi"]) == 2, "one notice for the page, one at the text"
    fallback = html[html.index('class="eg-fallback"') :]
    swedish = fallback[fallback.index('<div lang="sv">') :]
    first_words = " ".join(answer["sv"].split()[:4])
    assert first_words in re.sub(r"\s+", " ", swedish[: swedish.index("</div>")])
    for lang in fixture.languages:
        if lang != "fi":
            assert notice[lang] not in page_path(fixture_site, "faq", lang).read_text(encoding="utf-8"), lang
