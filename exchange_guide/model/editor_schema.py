"""JSON Schema (draft 2020-12) for every content file, made from the validators themselves.

An editor with yaml-language-server (VS Code's YAML extension) reads these to complete and check
a file as it is typed; they are committed as content/schemas/<file>.schema.json and every content
file names its schema in its first line. The build's own validation stays the authority: ids
unique on a page, references between files and rule sets checked against each other are not
in a JSON Schema.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import pages as model
from .calculator import RATES
from .content import read_languages
from .glossary import glossary_schema
from .plan import PLAN
from .rules import RULES
from .schema import Languages, Validator

SCHEMA_DIR = "schemas"
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def file_schemas(languages: Languages) -> dict[str, Validator]:
    """Each content file (its name without .yml) and the validator it is checked with."""
    files: dict[str, Validator] = {"site": model.SITE, "ui": model.UI, "sources": model.SOURCES}
    for page, schema in model.PAGE_SCHEMAS.items():
        files[model.PAGE_FILES.get(page, page)] = schema
    return {**files, "rules": RULES, "exchange_rates": RATES, "plan": PLAN, "glossary": glossary_schema(languages)}


def json_schema(name: str, validator: Validator, languages: Languages) -> dict:
    return {
        "$schema": DRAFT,
        "$id": f"{name}.schema.json",
        "title": f"content/{name}.yml",
        "description": f"What content/{name}.yml may hold. Generated from exchange_guide/model "
        "by `make schemas`; do not edit.",
        **validator.json_schema(languages),
    }


def schema_texts(content: Path) -> dict[str, str]:
    """File name in content/schemas/ -> its text, as committed."""
    languages = read_languages(content)
    return {
        f"{name}.schema.json": json.dumps(json_schema(name, validator, languages), indent=2, ensure_ascii=False) + "\n"
        for name, validator in file_schemas(languages).items()
    }


def modeline(name: str) -> str:
    """The first line of content/<name>.yml: where editors find its schema (relative)."""
    return f"# yaml-language-server: $schema={SCHEMA_DIR}/{name}.schema.json"
