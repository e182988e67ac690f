"""The fact register: every rule value and every fact the site states, where it stands, what it
rests on, whether it is uncertain and when its sources were last checked.

The facts are found in the content itself, not in a list kept beside it: every mapping in a
content file that names `sources:` (a list) or `source:` (one id) is a fact (rules.yml's values,
the exchange rates, sections, answers, contacts, ...), and every mapping with a web address of its
own, `url:` (an agency's name and address). sources.yml is what they rest on, not a fact itself.

A fact is checked as of the oldest `checked:` date among its sources and its own address; if any
of them has none (`exchange-guide check-links --record` writes them), it was never checked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..model.content import Content, _relative
from ..model.schema import At, Report
from ..model.yamlload import Node, NodeList, load_yaml


@dataclass(frozen=True)
class Fact:
    file: str  # content/rules.yml
    line: int
    field: str  # rule_sets[0].values.monthly_stipend
    what: str  # general-2023.monthly_stipend, or the item's id
    sources: tuple[str, ...]
    uncertain: bool
    why: str  # the note of the fact, or of an uncertain source (English, else default)
    checked: dt.date | None  # the oldest `checked` among its sources (or its own); None: never checked

    def due(self, today: dt.date, days: int) -> bool:
        """Never checked, or last checked more than `days` days before `today`."""
        return self.checked is None or (today - self.checked).days > days


def _text(content: Content, text: object) -> str:
    if isinstance(text, dict):
        return text.get("en") or text.get(content.default_language) or ""
    return "" if text is None else str(text)


def _what(node: Node, at: At) -> str:
    path = at.path
    tree = at.report.tree
    if len(path) >= 4 and path[0] == "rule_sets" and path[2] == "values" and isinstance(tree, Node):
        rule_set = tree["rule_sets"][path[1]].get("id")
        return f"{rule_set}.{path[3]}"
    return str(node.get("id") or at.field or "(the whole file)")


def _fact(content: Content, known: dict, node: Node, at: At) -> Fact:
    """`known`: content's sources by id."""
    listed = node.get("sources")
    ids = tuple(str(i) for i in (listed if isinstance(listed, list) else [node.get("source")]) if i)
    sources = [known[i] for i in ids if i in known]
    uncertain_sources = [s for s in sources if s.get("uncertain")]
    uncertain = bool(node.get("uncertain")) or bool(uncertain_sources)
    why = _text(content, node.get("note")) if node.get("uncertain") else ""
    if not why and uncertain_sources:
        why = "; ".join(
            f"{s['id']}: {_text(content, s.get('note')) or 'the source is marked uncertain'}" for s in uncertain_sources
        )
    dates = [s.get("checked") for s in sources]
    if _has_address(node):
        dates.append(node.get("checked"))
    checked = min(dates) if dates and all(isinstance(d, dt.date) for d in dates) else None
    return Fact(at.report.path, at.line or 0, at.field, _what(node, at), ids, uncertain, why, checked)


def _has_address(node: Node) -> bool:
    return isinstance(node.get("url"), str) or isinstance(node.get("checked"), dt.date)


def _is_fact(node) -> bool:
    return isinstance(node, Node) and (
        isinstance(node.get("sources"), list) or isinstance(node.get("source"), str) or _has_address(node)
    )


def facts(content: Content) -> list[Fact]:
    """Every fact in content/ (validated first: load_content), in file and line order."""
    found: list[Fact] = []
    known = {source["id"]: source for source in content.sources["sources"]}

    def walk(node, at: At):
        if _is_fact(node):
            found.append(_fact(content, known, node, at))
        if isinstance(node, Node):
            for key, child in node.items():
                walk(child, at.child(key))
        elif isinstance(node, NodeList):
            for index, child in enumerate(node):
                walk(child, at.child(index))

    root = Path(content.root)
    relative = _relative(root)
    for path in sorted(root.glob("*.yml")):
        if path.name == "sources.yml":
            continue
        shown = relative(path)
        report = Report(shown, tuple(content.languages), content.default_language, load_yaml(path, shown))
        walk(report.tree, report.at())
    return found


@dataclass(frozen=True)
class Counts:
    facts: int
    uncertain: int
    never_checked: int
    older: int  # last checked more than `days` days ago


def counts(found: list[Fact], today: dt.date, days: int = 365) -> Counts:
    return Counts(
        len(found),
        sum(f.uncertain for f in found),
        sum(f.checked is None for f in found),
        sum(f.checked is not None and f.due(today, days) for f in found),
    )
