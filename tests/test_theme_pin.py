"""overrides/main.html copies blocks of one Material release and names that release's search
worker (a file name with a content hash), and overrides/calculator.html its script: the pin, the
lock file, the templates and the installed theme must agree, or search breaks without an error."""

import re
from importlib.metadata import version
from pathlib import Path

import material

ROOT = Path(__file__).resolve().parents[1]
MAIN = (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")


def test_material_is_pinned_exactly_to_the_installed_release():
    installed = version("mkdocs-material")
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    assert f'"mkdocs-material=={installed}"' in pyproject
    assert f"mkdocs-material=={installed}\n" in lock
    assert f"mkdocs-material-{installed}" in MAIN, "main.html's generator tag names another release"


def test_the_search_worker_main_html_names_is_the_installed_one():
    named = re.findall(r"assets/javascripts/workers/(search\.[0-9a-f]{8}\.min\.js)", MAIN)
    shipped = sorted(
        p.name
        for p in (Path(material.__file__).parent / "templates/assets/javascripts/workers").glob("search.*.min.js")
    )
    assert named and set(named) == set(shipped), f"main.html names {named}; Material ships {shipped}"


def test_the_bundle_calculator_html_loads_later_is_the_installed_one():
    # overrides/calculator.html loads Material's script itself, once the calculator has answered.
    calculator = (ROOT / "overrides" / "calculator.html").read_text(encoding="utf-8")
    named = re.findall(r"assets/javascripts/(bundle\.[0-9a-f]{8}\.min\.js)", calculator)
    shipped = [
        p.name for p in (Path(material.__file__).parent / "templates/assets/javascripts").glob("bundle.*.min.js")
    ]
    assert named and set(named) == set(shipped), f"calculator.html names {named}; Material ships {shipped}"


def test_the_toc_item_override_is_the_installed_one_with_the_heading_language():
    # overrides/partials/toc-item.html adds a heading's lang to Material's; nothing else may differ.
    def body(template: str) -> str:
        return re.sub(r"\{#-.*?-#\}\n", "", template, count=1, flags=re.S)

    ours = body((ROOT / "overrides" / "partials" / "toc-item.html").read_text(encoding="utf-8"))
    ours = re.sub(r"\{% set item_lang .*?%\}\n", "", ours)
    ours = ours.replace('{% if item_lang %} lang="{{ item_lang }}"{% endif %}', "")
    theirs = (Path(material.__file__).parent / "templates" / "partials" / "toc-item.html").read_text(encoding="utf-8")
    assert ours == body(theirs)
