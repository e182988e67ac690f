"""The calculator page as built: what works without JavaScript, and what the script is given."""

import json
import re
from pathlib import Path

import pytest
from content_edits import edit, errors_of, line_of, shipped_content

import calculators
from exchange_guide.model import load_content
from exchange_guide.pyodide.assets import PYODIDE_FILES, pyodide_assets
from exchange_guide.render.localise import Localiser
from exchange_guide.render.pages import render_page

ROOT = Path(__file__).resolve().parents[1]
CONTENT = shipped_content()
LANGS = CONTENT.languages


def calculator_html(site: Path, lang: str) -> str:
    folder = site if lang == CONTENT.default_language else site / lang
    return (folder / "calculator" / "index.html").read_text(encoding="utf-8")


def browser_data(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="eg-calculator-data">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


@pytest.mark.parametrize("lang", LANGS)
def test_form_has_every_field_with_a_label(built_site, lang):
    html = calculator_html(built_site, lang)
    for name in calculators.FIELDS:
        assert re.search(rf'<label class="eg-label" for="{name}">[^<]+</label>', html), name
        assert re.search(rf'<(input|select)[^>]* id="{name}" name="{name}"', html), name
    assert "novalidate" in html and 'id="eg-error-summary"' in html


@pytest.mark.parametrize("lang", LANGS)
def test_worked_examples_are_computed_by_the_calculators_package(built_site, lang):
    """Each example's row: the verdict (unclear where no source settles a condition) and the most
    the stay can pay, under a column head that says it is a maximum (calculator.yml's words)."""
    loc = Localiser(CONTENT, lang)
    page = CONTENT.pages["calculator"]
    html = calculator_html(built_site, lang).replace("\u00a0", " ")
    assert f'<th scope="col">{loc.inline(page["examples"]["columns"]["stipend"])}</th>' in html
    for item in page["examples"]["items"]:
        request = {key: item[key] for key in ("home", "host", "start", "end")} | {
            "leave_days": item.get("leave_days", 0)
        }
        result = calculators.estimate(request, CONTENT.rules).to_dict()
        stay = f"{loc.date(item['start'])} – {loc.date(item['end'])}"
        cell = r"<td[^>]*>[^<]*</td>\s*"  # a cell with its column's name (data-label, for a narrow screen)
        row = re.search(rf"<tr>\s*{cell}{cell}<td[^>]*>{re.escape(stay)}</td>(.*?)</tr>", html, re.S)
        assert row, f"no example row for {stay}"
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)
        answer = "answer_yes" if result["eligible"] else "answer_no"
        expected = page["result"]["unclear"] if result["eligible"] and result["unclear"] else page["rules"][answer]
        assert cells[1:] == [loc.inline(expected), loc.money(result["max_stipend_dkk"], "DKK").replace("\u00a0", " ")]


@pytest.mark.parametrize("lang", LANGS)
def test_every_rule_set_is_listed_with_its_sources(built_site, lang):
    html = calculator_html(built_site, lang)
    for rule_set in CONTENT.rules["rule_sets"]:
        assert f'id="rules-{rule_set["id"]}"' in html
        for value in rule_set["values"].values():
            assert f"../sources/#{value['source']}" in html


@pytest.mark.parametrize("lang", LANGS)
def test_the_script_gets_a_text_for_every_code_in_the_page_language(built_site, lang):
    data = browser_data(calculator_html(built_site, lang))
    assert data["lang"] == lang
    assert set(calculators.CHECK_CODES) <= set(data["reasons"])
    assert set(calculators.ERROR_CODES) <= set(data["errors"])
    assert set(calculators.COVER_REASONS) <= set(data["covered"])
    assert set(data["rule_sets"]) == {rs["id"] for rs in CONTENT.rules["rule_sets"]}
    assert set(data["sources"]) == {s["id"] for s in CONTENT.sources["sources"]}
    assert data["date_format"] == Localiser(CONTENT, lang).date_format()


def test_pyodide_is_shipped_once_and_loaded_by_the_calculator_only(built_site):
    assets = pyodide_assets(ROOT / "node_modules")
    folder = built_site / assets.folder
    assert folder.name == json.loads((ROOT / "node_modules/pyodide/package.json").read_text())["version"]
    for name in PYODIDE_FILES:
        assert (folder / name).is_file()
    # Only versioned folders in assets/pyodide/: an upgrade never reuses a long-cached address.
    assert [p.name for p in (built_site / "assets" / "pyodide").iterdir()] == [folder.name]
    # The snapshot and its stdlib are named by their inputs' hash, and precompressed.
    for kind in ("snapshot", "stdlib"):
        shipped = built_site / assets.urls[kind]
        assert shipped.is_file() and assets.digest in shipped.name
        assert shipped.with_name(shipped.name + ".gz").is_file()
    assert not [p for p in built_site.rglob("pyodide.asm.wasm") if p.parent != folder]
    for page in built_site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        has_script = "assets/javascripts/calculator/page.js" in html
        assert has_script == (page.parent.name == "calculator"), page
    sources = json.loads((built_site / "assets" / "data" / "calculators.json").read_text(encoding="utf-8"))
    for path in (ROOT / "calculators").glob("*.py"):
        assert sources[path.name] == path.read_text(encoding="utf-8"), f"{path.name} differs from the shipped copy"


def test_the_script_gets_the_form_fields_and_units_from_the_calculators_package(built_site):
    data = browser_data(calculator_html(built_site, CONTENT.default_language))
    assert data["fields"] == list(calculators.FIELDS)
    assert data["duration_units"] == list(calculators.DURATION_UNITS)
    assert set(data["units"]) == set(calculators.DURATION_UNITS)


def test_each_rounding_mode_is_shown_in_its_own_words(content_copy):
    """rules.yml may round another way than half up: the rule table must say that way, and a mode
    without words on the calculator page is a content error, not a wrong sentence."""
    rules = content_copy / "rules.yml"
    edit(rules, "mode: half_up", "mode: down", count=-1)  # every rule set that states its rounding
    line = line_of(rules, "mode: down")
    errors = [e for e in errors_of(content_copy) if "rounding mode 'down'" in e]
    assert errors and errors[0].startswith(f"content/rules.yml:{line}: field 'rule_sets[")
    assert errors[0].split(": ")[1].endswith(".values.rounding.mode'")
    edit(
        content_copy / "calculator.yml",
        "  half_up:\n",
        "  down: {sv: Hela kronor (avrundas alltid nedåt)}\n  half_up:\n",
    )
    content = load_content(content_copy)
    first = content.rules["rule_sets"][0]["id"]
    table = render_page(content, "calculator", "sv").split(f"{{ #rules-{first} }}")[1].split("###")[0]
    assert "Hela kronor (avrundas alltid nedåt)" in table
    assert content.pages["calculator"]["rules"]["half_up"]["sv"] not in table
