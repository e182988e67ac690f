"""The HTML that generated pages embed: Jinja2 templates (render/templates/, escaping on by
default), and JSON data for a page script."""

from __future__ import annotations

import json
from pathlib import Path

import jinja2

TEMPLATES = Path(__file__).resolve().parent / "templates"

# Autoescape everything: a text from content/ is never markup. StrictUndefined: a misspelt
# name in a template fails the build instead of writing nothing.
_ENVIRONMENT = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def render(template: str, **context) -> str:
    """A template of render/templates/ filled in: one block of raw HTML for a Markdown page."""
    return _ENVIRONMENT.get_template(template).render(**context)


def json_block(element_id: str, payload: dict) -> str:
    """A <script type="application/json"> block a page script reads (never executed: CSP-safe)."""
    # Every "<" as \u003c: "</script", "<!--" or "<script" in a text would change how the
    # browser reads the rest of the page (HTML's script data states); "</" alone is not enough.
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
    return f'<script type="application/json" id="{element_id}">{text}</script>'
