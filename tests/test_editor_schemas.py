"""The editors' JSON Schemas (content/schemas/): made from the model, up to date, named in the
first line of every content file, and checked with an independent validator (jsonschema)
against the shipped content and against broken copies of the test fixture's files
(tests/fixtures/README.md: the same languages, so the same schemas)."""

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from content_edits import FIXTURE

from calculators.result import plain
from exchange_guide.model.content import read_languages
from exchange_guide.model.editor_schema import SCHEMA_DIR, file_schemas, modeline, schema_texts

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
FILES = sorted(file_schemas(read_languages(CONTENT)))


def _as_editor_reads(value):
    """The file as a YAML 1.2 editor sees it: dates are text (PyYAML makes them dates)."""
    return plain(value)


def _validator(name: str):
    schema = json.loads((CONTENT / SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def _errors(name: str, text: str) -> list[str]:
    return [
        f"{'.'.join(map(str, e.absolute_path))}: {e.message}"
        for e in _validator(name).iter_errors(_as_editor_reads(yaml.safe_load(text)))
    ]


def test_committed_schemas_are_those_the_model_makes():
    made = schema_texts(CONTENT)
    committed = {path.name: path.read_text(encoding="utf-8") for path in (CONTENT / SCHEMA_DIR).glob("*.schema.json")}
    assert set(committed) == set(made), "run `make schemas` and commit content/schemas/"
    stale = [name for name in made if committed[name] != made[name]]
    assert not stale, f"stale schemas {stale}: run `make schemas` and commit content/schemas/"


def test_every_content_file_has_a_schema_and_names_it_first():
    assert sorted(path.stem for path in CONTENT.glob("*.yml")) == FILES
    for name in FILES:
        first = (CONTENT / f"{name}.yml").read_text(encoding="utf-8").splitlines()[0]
        assert first == modeline(name), f"content/{name}.yml must start with {modeline(name)}"
        assert (CONTENT / first.split("$schema=")[1]).is_file()


@pytest.mark.parametrize("name", FILES)
def test_shipped_content_passes_its_schema(name):
    assert _errors(name, (CONTENT / f"{name}.yml").read_text(encoding="utf-8")) == []


def test_every_field_is_described():
    def walk(node, where):
        if isinstance(node, dict):
            for key, child in (node.get("properties") or {}).items():
                assert child.get("description"), f"{where}.{key} has no description"
                walk(child, f"{where}.{key}")
            for key in ("items", "additionalProperties"):
                if isinstance(node.get(key), dict):
                    walk(node[key], f"{where}[]")

    for name in FILES:
        walk(_validator(name).schema, name)


BROKEN = {
    "unknown key": (
        "sources",
        "- id: uhr-faq\n",
        "- id: uhr-faq\n  colour: blue\n",
        "Additional properties are not allowed ('colour'",
    ),
    "wrong language code": (
        "ui",
        "  print: {sv: Skriv ut,",
        "  print: {xx: Print, sv: Skriv ut,",
        "Additional properties are not allowed ('xx'",
    ),
    "missing default language": ("ui", "  print: {sv: Skriv ut, ", "  print: {", "'sv' is a required property"),
    "missing required field": ("sources", "  language: nn\n", "", "'language' is a required property"),
    "unknown country": ("contacts", "home: SE", "home: XX", "'XX' is not one of"),
    "id with capitals": ("faq", "- id: ", "- id: Big", "does not match"),
    "date not in ISO form": ("sources", "  date: 2023-05-02\n", "  date: 2 May 2023\n", "does not match"),
    "unknown rounding mode": ("rules", "mode: half_up", "mode: bankers", "'bankers' is not one of"),
    "HTML in a text": ("ui", "  print: {sv: Skriv ut,", "  print: {sv: <b>Skriv</b> ut,", "should not be valid"),
}


@pytest.mark.parametrize("case", BROKEN)
def test_schema_rejects_broken_files(case):
    name, old, new, expected = BROKEN[case]
    text = (FIXTURE / f"{name}.yml").read_text(encoding="utf-8")
    assert old in text, f"the fixture's {name}.yml changed: update the case"
    assert _errors(name, text) == [], "the fixture passes its schema before it is broken"
    errors = _errors(name, text.replace(old, new, 1))
    assert any(expected in error for error in errors), errors
