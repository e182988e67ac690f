"""Dates through CLDR on both sides, and the theme's own words from content/ui.yml.

Dates: the build (Babel) and the browser (Intl.DateTimeFormat) write a date in CLDR's long form for
the page's locale, and must give the same characters. The theme: Material's words (landmarks,
search, the language menu) are the site's texts in the page's language, with the language menu
marking each language's name and the page's own language."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from content_edits import edit, errors_of, line_of, shipped_content
from page_text import main_text, pages

from exchange_guide.model.pages import THEME_COUNTED, THEME_KEYS
from exchange_guide.render.localise import Localiser

CONTENT = shipped_content()
LANGS = CONTENT.languages
# The first and last day of the year, a leap day, and a day of every month.
DATES = [dt.date(2023, 1, 1), dt.date(2024, 2, 29), dt.date(2026, 12, 31)] + [
    dt.date(2026, month, 10 + month) for month in range(1, 13)
]
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _path(lang: str, page: str = "") -> str:
    return ("" if lang == CONTENT.default_language else f"{lang}/") + page


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_the_browser_writes_every_date_as_the_build_does(page, server, lang):
    """The calculator page's date format (its JSON) in the page's own script module gives Babel's
    characters for every date: no browser locale data is involved (Chromium has no Icelandic dates)."""
    page.goto(server.url + _path(lang, "calculator/"))
    shown = page.evaluate(
        """async (dates) => {
            const scripts = document.getElementById("eg-calculator-start").src;  // the calculator's folder
            const { formatDate } = await import(new URL("format.js", scripts).href);
            const data = JSON.parse(document.getElementById("eg-calculator-data").textContent);
            return dates.map((iso) => formatDate(data.date_format, iso));
        }""",
        [d.isoformat() for d in DATES],
    )
    assert shown == [Localiser(CONTENT, lang).date(d) for d in DATES]


@pytest.mark.parametrize("lang", LANGS)
def test_the_calculator_page_tells_its_script_how_the_build_writes_dates(built_site, lang):
    html = (built_site / _path(lang, "calculator/index.html")).read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="eg-calculator-data">(.*?)</script>', html, re.S).group(1))
    assert data["date_format"] == Localiser(CONTENT, lang).date_format()


def test_no_iso_date_in_the_running_text_of_english_pages(built_site):
    found = [
        f"{path}: {text.strip()[:80]}"
        for lang, path, html in pages(built_site)
        if lang == "en"
        for run_lang, text in main_text(html, lang)
        if ISO_DATE.search(text)
    ]
    assert not found


def test_a_locale_cldr_does_not_know_is_named(content_copy):
    site = content_copy / "site.yml"
    code = CONTENT.languages[-1]
    edit(site, f"  - code: {code}\n", f"  - code: {code}\n    locale: en-XX\n")
    text = site.read_text(encoding="utf-8")
    site.write_text(
        re.sub(r"(locale: en-XX\n)((?:    [a-z_]+:.*\n)*?)    locale: .*\n", r"\1\2", text), encoding="utf-8"
    )
    line = line_of(site, "locale: en-XX")
    assert any(f"site.yml:{line}:" in e and "locale" in e and "'en-XX'" in e for e in errors_of(content_copy))


# --- the theme's words -------------------------------------------------------------------------


def _theme(lang: str) -> dict[str, str]:
    loc = Localiser(CONTENT, lang)
    return {key: loc.inline(text) for key, text in CONTENT.theme.items()}


@pytest.mark.parametrize("lang", LANGS)
def test_the_theme_speaks_the_page_language(built_site, lang):
    html = (built_site / _path(lang, "faq/index.html")).read_text(encoding="utf-8")
    words = _theme(lang)
    for key in ("header", "footer", "search.placeholder", "search.reset", "select.language", "toc"):
        assert f'aria-label="{words[key]}"' in html, (lang, key)
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)[1])
    for key in ("search.result.none", "search.result.one", "search.result.other", "search.result.placeholder"):
        assert config["translations"][key] == words[key], (lang, key)
    title = re.search(r"<title>(.*?)</title>", html)[1]
    assert " – " in title and " - " not in title


@pytest.mark.parametrize("lang", LANGS)
def test_the_language_menu_marks_each_name_and_the_current_language(built_site, lang):
    html = (built_site / _path(lang, "steps/index.html")).read_text(encoding="utf-8")
    links = re.findall(r'<a href="[^"]*" hreflang="([a-z]+)" lang="([a-z]+)"\s+class="([^"]*)"([^>]*)>', html)
    assert [hreflang for hreflang, *_ in links] == LANGS
    for hreflang, link_lang, classes, rest in links:
        assert link_lang == hreflang
        assert ("aria-current" in rest) == (hreflang == lang) == ("eg-current-language" in classes)


def test_every_theme_key_has_its_text_and_counts_have_their_place(content_copy):
    assert set(CONTENT.theme) == set(THEME_KEYS)
    for key in THEME_COUNTED:
        assert all("#" in text for text in CONTENT.theme[key].values())
    path = content_copy / "ui.yml"
    edit(path, CONTENT.theme["search.result.other"]["fi"], "hakutuloksia")
    line = line_of(path, "hakutuloksia")
    assert any(
        f"ui.yml:{line}: field 'theme.search.result.other.fi'" in e and '"#"' in e for e in errors_of(content_copy)
    )
