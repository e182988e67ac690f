"""The built directory page, without JavaScript: every agency once per language, every in-page
link has a target, and the tables by area have something in every cell."""

import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from content_edits import shipped_content
from page_text import main_text, pages

from exchange_guide.model.agencies import SELF_GOVERNING, STATES
from exchange_guide.render.localise import Localiser

ROOT = Path(__file__).resolve().parents[1]
CONTENT = shipped_content()
DATA = CONTENT.pages["directory"]
LANGS = CONTENT.languages


def page_path(site: Path, lang: str, name: str = "directory") -> Path:
    folder = site if lang == CONTENT.default_language else site / lang
    return folder / "index.html" if name == "index" else folder / name / "index.html"


class Tables(HTMLParser):
    """The directory tables as rows of (tag, attributes, text) cells, and every id and #href."""

    def __init__(self):
        super().__init__()
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.tables: list[dict] = []
        self._cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "a" and attrs.get("href", "").startswith("#"):
            self.hrefs.append(attrs["href"][1:])
        if tag == "div" and "eg-dir-scroll" in attrs.get("class", ""):
            self.tables.append({"wrapper": attrs, "head": [], "rows": []})
        elif tag == "tr" and self.tables:
            target = self.tables[-1]["rows"] if "data-area" in attrs else self.tables[-1]["head"]
            target.append({"area": attrs.get("data-area"), "cells": []})
        elif tag in ("td", "th") and self.tables:
            table = self.tables[-1]
            self._cell = [tag, attrs, ""]
            (table["rows"] or table["head"])[-1]["cells"].append(self._cell)

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[2] += data


def parse(path: Path) -> Tables:
    parser = Tables()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("lang", LANGS)
def test_every_agency_appears_once_and_every_anchor_resolves(built_site, lang):
    page = parse(page_path(built_site, lang))
    for agency in DATA["agencies"]:
        assert page.ids.count(f"agency-{agency['id']}") == 1, agency["id"]
    for area in DATA["areas"]:
        assert page.ids.count(f"area-{area['id']}") == 1, area["id"]
    duplicates = {i for i in page.ids if page.ids.count(i) > 1}
    assert not duplicates, duplicates
    missing = sorted(set(page.hrefs) - set(page.ids))
    assert not missing, f"links to anchors that are not on the page: {missing[:5]}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_tables_by_area_are_complete_without_javascript(built_site, lang):
    loc = Localiser(CONTENT, lang)
    page = parse(page_path(built_site, lang))
    states, self_governing = page.tables
    assert len(DATA["areas"]) >= 15
    for table, codes in ((states, STATES), (self_governing, SELF_GOVERNING)):
        assert table["wrapper"]["tabindex"] == "0" and table["wrapper"]["role"] == "region"
        assert f'id="{table["wrapper"]["aria-labelledby"]}"' in page_path(built_site, lang).read_text(encoding="utf-8")
        head = [attrs.get("data-country") for tag, attrs, _ in table["head"][0]["cells"][1:]]
        assert head == list(codes)
        assert [row["area"] for row in table["rows"]] == [area["id"] for area in DATA["areas"]]
        for row in table["rows"]:
            header, *cells = row["cells"]
            assert header[0] == "th" and header[1]["scope"] == "row" and header[2].strip()
            assert [attrs["data-country"] for _, attrs, _ in cells] == list(codes)
            for tag, attrs, text in cells:
                assert tag == "td" and text.strip(), f"{lang}: empty cell {row['area']} × {attrs['data-country']}"
    # A cell says who handles the area: an agency, the state that runs it, or "not yet".
    cells = {
        (row["area"], code): cell[2]
        for table, codes in ((states, STATES), (self_governing, SELF_GOVERNING))
        for row in table["rows"]
        for code, cell in zip(codes, row["cells"][1:], strict=True)
    }
    for area in DATA["areas"]:
        for code, state in area.get("handled_by", {}).items():
            assert loc.inline(DATA["handled_by"][state]) in cells[area["id"], code], (lang, area["id"], code)
        for code in area.get("none_yet", []):
            assert cells[area["id"], code].strip() == loc.inline(DATA["texts"]["none_yet"]), (lang, area["id"], code)


@pytest.mark.parametrize("lang", LANGS)
def test_every_agency_lists_its_names_website_areas_and_whether_it_was_checked(built_site, lang):
    """Its own name marked with its language, its name in this page's language where it has one,
    our English name on the English page only; a recorded check date, or that there is none."""
    loc = Localiser(CONTENT, lang)
    html = page_path(built_site, lang).read_text(encoding="utf-8")
    for agency in DATA["agencies"]:
        start = html.index(f'id="agency-{agency["id"]}"')
        entry = unescape(html[html.index('<p class="eg-dir-name">', start) : html.index("</li>", start)])
        assert f'href="{agency["url"]}"' in entry
        assert re.search(rf'<strong lang="[a-z]+">{re.escape(agency["name"])}</strong>', entry)
        for other_lang, other in agency.get("other_names", {}).items():
            assert (other in entry) == (other_lang == lang), (lang, agency["id"], other)
        if agency.get("name_en") and not agency.get("other_names", {}).get(lang):
            assert (agency["name_en"] in entry) == (lang == "en"), (lang, agency["id"])
        if agency.get("checked"):
            assert f'<time datetime="{agency["checked"].isoformat()}">{loc.date(agency["checked"])}</time>' in entry
        else:
            assert loc.inline(DATA["texts"]["not_checked"]) in entry, (lang, agency["id"])
        for area in agency["areas"]:
            assert f'href="#area-{area}"' in entry


@pytest.mark.parametrize("lang", LANGS)
def test_the_filter_speaks_the_page_language_and_loads_only_here(built_site, lang):
    loc = Localiser(CONTENT, lang)
    html = page_path(built_site, lang).read_text(encoding="utf-8")
    block = re.search(r'<script type="application/json" id="eg-dir-data">(.*?)</script>', html, re.S).group(1)
    words = json.loads(block)
    assert words["lang"] == lang and words["shown_many"] == loc.inline(DATA["texts"]["shown_many"])
    assert '<form class="eg-dir-filter" id="eg-dir-filter" role="search"' in html and " hidden>" in html
    for control in ("eg-dir-q", "eg-dir-area", "eg-dir-country"):
        assert f'<label for="{control}">' in html, f"{control} has no label"
    assert re.search(r'<p[^>]*id="eg-dir-status"[^>]*aria-live="polite"', html)
    assert re.search(r'<script type="module" src="[./]*assets/javascripts/directory\.js">', html)
    body = html[html.index("<article") : html.index("</article>")]  # what the page itself adds
    assert re.search(r'<script>|<script type="(text/)?javascript"|\son[a-z]+="', body) is None, (
        "inline script or event handler"
    )
    assert "directory.js" not in page_path(built_site, lang, "faq").read_text(encoding="utf-8")


def test_the_script_and_styles_are_in_the_site(built_site):
    assert (built_site / "assets" / "javascripts" / "directory.js").is_file()
    assert (built_site / "assets" / "stylesheets" / "directory.css").is_file()


@pytest.mark.parametrize("lang", LANGS)
def test_steps_and_home_link_to_the_directory(built_site, lang):
    for name in ("steps", "index"):
        html = page_path(built_site, lang, name).read_text(encoding="utf-8")
        assert re.search(r'href="(\.\./)*directory/"', html), f"{lang} {name} does not link to the directory"


def _english_names() -> set[str]:
    """Every English organisation name in the content: our English agency names, and the English
    names of agencies and administrators that other_names gives."""
    contacts = CONTENT.pages["contacts"]["contacts"]
    names = {agency["name_en"] for agency in DATA["agencies"] if agency.get("name_en")}
    names |= {item["other_names"]["en"] for item in DATA["agencies"] + contacts if "en" in item.get("other_names", {})}
    return names


def test_no_page_but_the_english_ones_carries_an_english_organisation_name(built_site):
    """Issue 21: a Swedish reader needs no English gloss of a Swedish or Finnish agency. On every page
    in sv, nb, da, fi and is, the main text has no English organisation name and nothing marked as
    English; the English pages do show them."""
    names = _english_names()
    assert names, "the content gives English names, so the test can fail"
    seen_in_english = set()
    for lang, path, html in pages(built_site):
        text = " ".join(run for _, run in main_text(html, lang))
        if lang == "en":
            seen_in_english |= {name for name in names if name in text}
            continue
        english = [run for run_lang, run in main_text(html, lang) if run_lang == "en"]
        assert not english, f"{path}: text marked as English: {english[:3]}"
        found = sorted(name for name in names if re.search(rf"\b{re.escape(name)}\b", text))
        assert not found, f"{path}: English organisation names {found[:5]}"
    assert seen_in_english == names, f"never shown on the English pages: {sorted(names - seen_in_english)[:5]}"
