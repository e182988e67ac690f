"""The "How we know" page in one language: the legal basis of the calculator, next to the text it
rests on. Every value of every rule set (as the calculator applies it, extends resolved) with its
source, when that source was last checked, and whether the value is uncertain and why. A value
that rests on one of the guide's own sources (its title given per language in sources.yml) says
so: it is our own rule, not something a source states, and there is no outside address to check.
The page's own words are content/how-we-know.yml's; the rule set's headings and value names are
the calculator page's (content/calculator.yml), so one thing has one name."""

from __future__ import annotations

from typing import Any

from calculators.codes import VALUE_NAMES
from calculators.rules import RuleSet, Value

from ..model.pages import own_source
from ..model.schema import Translation
from ..model.shapes import SourceData
from .calculator import rule_set_lines
from .html import render
from .localise import Localiser, escape_md


def _certainty(loc: Localiser, value: Value, source: SourceData) -> tuple[str, str]:
    """(the word 'uncertain', why) for an uncertain value or source; ("", "") otherwise."""
    for item in (value, source):
        if item.get("uncertain"):
            return loc.ui("uncertain").capitalize(), loc.inline(item["note"]) if item.get("note") else ""
    return "", ""


def _checked(loc: Localiser, data: dict[str, Any], source: SourceData) -> str:
    if own_source(source):
        return loc.inline(data["own_source"])
    return loc.date(source["checked"]) if source.get("checked") else loc.inline(data["never_checked"])


def _rows(
    loc: Localiser,
    data: dict[str, Any],
    rule_set: RuleSet,
    names: dict[str, Translation],
    answers: dict[str, Translation],
) -> list[dict[str, Any]]:
    rows = []
    for name in VALUE_NAMES:
        value = rule_set["values"].get(name)
        if not value:
            continue
        source = loc.content.source(value["source"])
        uncertain, why = _certainty(loc, value, source)
        text, lang = loc.source_parts(source)
        rows.append(
            {
                "name": loc.inline(names[name]),
                "value": loc.value_words(name, value, answers),
                "source_id": value["source"],
                "source": text,
                "source_lang": lang if lang != loc.lang else None,
                "checked": _checked(loc, data, source),
                "uncertain": uncertain,
                "why": why,
                "stated": loc.inline(data["own_rule" if own_source(source) else "stated"]),
            }
        )
    return rows


def how_we_know(loc: Localiser, data: dict[str, Any]) -> list[str]:
    calculator = loc.content.pages["calculator"]["rules"]
    columns = data["columns"]
    heads = [loc.inline(columns[key]) for key in ("value", "amount", "source", "checked", "certainty")]
    blocks = [
        f"## {escape_md(loc.inline(data['values']['heading']))} {{ #values }}",
        escape_md(loc.inline(data["values"]["intro"])),
    ]
    for rule_set in loc.content.rules["rule_sets"]:
        blocks += [
            f"### {escape_md(loc.inline(rule_set['title']))} {{ #{rule_set['id']} }}",
            rule_set_lines(loc, rule_set, calculator),
            render(
                "how_we_know/values_table.html",
                heads=heads,
                rows=_rows(loc, data, rule_set, calculator["names"], calculator),
            ),
        ]
    blocks += [
        f"## {escape_md(loc.inline(data['checking']['heading']))} {{ #checking }}",
        loc.block(data["checking"]["body"]),
    ]
    return blocks
