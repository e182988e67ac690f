"""The "How we know" page, in every language: every value of every rule set as the calculator
applies it, its source (linked, in the source's language), when that source was last checked, and
for an uncertain value the word and the reason. A value resting on one of the guide's own sources
(title per language in sources.yml) is labelled as our own rule, not as stated by a source (U3,
X28). Every expected text is read from the loaded content."""

import re

import pytest
from content_edits import shipped_content

from calculators.codes import VALUE_NAMES
from exchange_guide.model.pages import own_source
from exchange_guide.render.localise import Localiser

CONTENT = shipped_content()
LANGS = CONTENT.languages


def _page(built_site, lang):
    folder = built_site if lang == CONTENT.default_language else built_site / lang
    return (folder / "how-we-know" / "index.html").read_text(encoding="utf-8")


def _tables(html):
    """{rule set id: [row html, ...]} from the page's tables, in order."""
    found = {}
    tables = re.findall(r'<h3 id="([a-z0-9-]+)".*?<table class="[^"]*\beg-basis\b[^"]*">(.*?)</table>', html, re.S)
    for rule_set_id, table in tables:
        found[rule_set_id] = re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</tr>", table, re.S)
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_every_rule_value_with_its_source_check_date_and_certainty(built_site, lang):
    html = _page(built_site, lang)
    loc = Localiser(CONTENT, lang)
    assert f'<html lang="{lang}"' in html
    tables = _tables(html)
    assert list(tables) == [rs["id"] for rs in CONTENT.rules["rule_sets"]]
    for rule_set in CONTENT.rules["rule_sets"]:
        rows = tables[rule_set["id"]]
        # The values the estimate applies (the plan's dates, PLAN_VALUES, are shown with the plan).
        values = [(name, rule_set["values"][name]) for name in VALUE_NAMES if name in rule_set["values"]]
        assert len(rows) == len(values), rule_set["id"]
        for row, (name, value) in zip(rows, values, strict=False):
            source = CONTENT.source(value["source"])
            assert f'href="../sources/#{value["source"]}"' in row
            shown_in = loc.source_parts(source)[1]  # the guide's own sources are in the page's language
            if shown_in != lang:
                assert f'lang="{shown_in}"' in row
            page = CONTENT.pages["how-we-know"]
            own = own_source(source)  # one of the guide's own sources
            cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)  # data-label: the column's name, for phones
            if own:
                assert cells[2] == loc.inline(page["own_source"]), (rule_set["id"], name)
            elif source.get("checked"):
                assert cells[2] == loc.date(source["checked"])
            else:
                assert cells[2] == loc.inline(page["never_checked"])
            if value["uncertain"]:
                assert f"<strong>{loc.ui('uncertain').capitalize()}</strong>" in row, (rule_set["id"], name)
                if value.get("note"):
                    note = loc.inline(value["note"]).replace("'", "&#39;").replace('"', "&#34;")
                    assert note[:40] in row.replace("&amp;", "&"), (rule_set["id"], name)
            elif not source.get("uncertain"):
                label = page["own_rule" if own else "stated"]
                assert cells[3] == loc.inline(label), (rule_set["id"], name)
                assert loc.inline(page["stated"]) not in row or not own


def test_the_page_is_in_the_navigation_of_every_language(built_site):
    for lang in LANGS:
        label = CONTENT.site["nav"]["how-we-know"][lang]
        index = (built_site if lang == CONTENT.default_language else built_site / lang) / "index.html"
        assert label in index.read_text(encoding="utf-8"), lang
