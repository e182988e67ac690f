"""Small pieces of raw HTML that generated pages embed: escaped text, and JSON data for a script."""
from __future__ import annotations

import html
import json


def escape(text: str) -> str:
    return html.escape(text, quote=True)


def json_block(element_id: str, payload: dict) -> str:
    """A <script type="application/json"> block a page script reads (never executed: CSP-safe)."""
    # Every "<" as \u003c: "</script", "<!--" or "<script" in a text would change how the
    # browser reads the rest of the page (HTML's script data states); "</" alone is not enough.
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
    return f'<script type="application/json" id="{element_id}">{text}</script>'
