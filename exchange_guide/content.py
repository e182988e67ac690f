"""Load and validate everything in content/ before anything is written.

`load_content` returns a `Content` with plain, cleaned data, or raises ContentErrors listing
every mistake (file, line, field). It knows nothing about MkDocs.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import content_model as model
from .calculator_page import RATES, compile_rates
from .errors import ContentError, ContentErrors
from .localise import writable
from .schema import Report, validate
from .yamlload import Node, NodeList, load_yaml


@dataclass(frozen=True)
class MissingTranslation:
    path: str
    line: int
    field: str
    language: str

    def describe(self, default_language: str) -> str:
        return (f"{self.path}:{self.line}: field '{self.field}': no '{self.language}' translation; "
                f"the page shows the '{default_language}' text with a notice")


@dataclass
class Content:
    root: Path
    site: dict
    ui: dict
    sources: dict                      # {"page": ..., "sources": [...]}
    pages: dict[str, dict]             # page name -> cleaned data
    rules: dict                        # compiled rule data (what calculators take)
    rates: dict                        # compiled indicative exchange rates
    missing: list[MissingTranslation] = field(default_factory=list)

    @property
    def languages(self) -> list[str]:
        return [lang["code"] for lang in self.site["languages"]]

    @property
    def default_language(self) -> str:
        return self.site["default_language"]

    def source(self, source_id: str) -> dict:
        return next(s for s in self.sources["sources"] if s["id"] == source_id)


def _shown(root: Path, path: Path) -> str:
    """Paths in messages are as the editor knows them: content/faq.yml."""
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def _site_languages(raw, path: str) -> tuple[tuple[str, ...], str]:
    """Read the language list first: every other check depends on it."""
    if not isinstance(raw, dict):
        raise ContentErrors([ContentError(path, 1, None, "expected a mapping with default_language and languages")])
    codes = tuple(item.get("code") for item in raw.get("languages") or [] if isinstance(item, dict))
    default = raw.get("default_language")
    if not codes or not all(isinstance(c, str) for c in codes):
        line = raw.line_of("languages") if isinstance(raw, Node) else 1
        raise ContentErrors([ContentError(path, line, "languages", "expected a list of languages, each with a code and a name")])
    if default not in codes:
        line = raw.line_of("default_language") if isinstance(raw, Node) else 1
        raise ContentErrors([ContentError(path, line, "default_language",
                                          f"{default!r} is not one of the listed languages ({', '.join(codes)})")])
    return codes, default


def _anchors(raw, path: str, report: Report) -> set[str]:
    """Every `id` in a page file becomes an anchor, so ids must be unique across the whole page."""
    seen: dict[str, int] = {}

    def walk(node, field_path: str):
        if isinstance(node, Node):
            value = node.get("id")
            if isinstance(value, str):
                line = node.line_of("id")
                if value in seen and seen[value] != line:
                    report.errors.append(ContentError(path, line, f"{field_path}.id".lstrip("."),
                                                      f"id {value!r} is already used on line {seen[value]}; "
                                                      "ids are anchors and must be unique on a page"))
                seen.setdefault(value, line)
            for key, child in node.items():
                walk(child, f"{field_path}.{key}")
        elif isinstance(node, NodeList):
            for index, child in enumerate(node):
                walk(child, f"{field_path}[{index}]")

    walk(raw, "")
    return set(seen)


def load_content(root: Path | str, strict: bool = False) -> Content:
    root = Path(root)
    errors: list[ContentError] = []
    reports: list[Report] = []

    def load(name: str, schema) -> tuple[object, object]:
        path = root / f"{name}.yml"
        shown = _shown(root, path)
        try:
            raw = load_yaml(path, shown)
        except ContentError as exc:
            errors.append(exc)
            return None, None
        report = Report(shown, languages, default_language)
        reports.append(report)
        return raw, validate(raw, schema, report)

    site_path = _shown(root, root / "site.yml")
    languages, default_language = _site_languages(load_yaml(root / "site.yml", site_path), site_path)

    _, site = load("site", model.SITE)
    _, ui = load("ui", model.UI)
    sources_raw, sources = load("sources", model.SOURCES)
    pages: dict[str, dict] = {}
    anchors: dict[str, set[str]] = {}
    if sources_raw is not None:
        anchors["sources"] = _anchors(sources_raw, _shown(root, root / "sources.yml"), reports[-1])
    for name, schema in model.PAGE_SCHEMAS.items():
        file = model.PAGE_FILES.get(name, name)
        raw, data = load(file, schema)
        if raw is not None:
            anchors[name] = _anchors(raw, _shown(root, root / f"{file}.yml"), reports[-1])
        if data is not None:
            pages[name] = data
            if name in model.PAGE_ANCHORS:
                anchors[name] = model.PAGE_ANCHORS[name](data)

    rules = _load_rules(root, languages, default_language, reports, errors)
    _, rates = load("exchange_rates", RATES)

    source_ids = {s["id"] for s in (sources or {}).get("sources", [])}
    # When rules.yml itself has errors, those are reported; placeholders are not checked against it.
    rule_values = None if rules is None else {
        f"{rs['id']}.{name}": value for rs in rules["rule_sets"] for name, value in rs["values"].items()}
    rule_set_ids = {rs["id"] for rs in (rules or {}).get("rule_sets", [])}
    missing: list[MissingTranslation] = []
    for report in reports:
        errors.extend(report.errors)
        for kind, ref, line, field_name in report.refs:
            problem = _unresolved(kind, ref, source_ids, rule_values, rule_set_ids, anchors)
            if problem:
                errors.append(ContentError(report.path, line, field_name, problem))
        for path, line, field_name, lang in report.missing:
            missing.append(MissingTranslation(path, line, field_name, lang))
    if site and rules is not None and site.get("current_rule_set") not in rule_set_ids:
        errors.append(ContentError(site_path, None, "current_rule_set",
                                   f"no rule set {site.get('current_rule_set')!r} in rules.yml"))
    if strict:
        errors.extend(ContentError(m.path, m.line, m.field, f"missing translation for '{m.language}' (strict mode)")
                      for m in missing)
    if errors:
        raise ContentErrors(sorted(errors, key=lambda e: (e.path, e.line or 0)))
    return Content(root, site, ui["strings"], sources, pages, rules, compile_rates(rates), missing)


def _load_rules(root, languages, default_language, reports, errors):
    from .rules_data import compile_rules, load_rules

    report = Report(_shown(root, root / "rules.yml"), languages, default_language)
    reports.append(report)
    try:
        loaded = load_rules(root / "rules.yml", report)
    except ContentError as exc:
        errors.append(exc)
        return None
    if loaded is None or report.errors:
        return None
    return compile_rules(loaded)


def _unresolved(kind, ref, source_ids, rule_values, rule_set_ids, anchors) -> str | None:
    if kind == "source" and ref not in source_ids:
        return f"unknown source {ref!r}; sources are listed in content/sources.yml"
    if kind == "rule" and rule_values is not None and ref not in rule_values:
        rule_set = ref.split(".")[0]
        if rule_set not in rule_set_ids:
            return f"{{rule:{ref}}} names an unknown rule set {rule_set!r}"
        return f"{{rule:{ref}}} names a value that rule set {rule_set!r} does not have"
    if kind == "rule" and rule_values is not None and not writable(rule_values[ref]):
        return f"{{rule:{ref}}} is not an amount, a duration or a number, so it cannot stand in a sentence"
    if kind == "page":
        page, _, anchor = ref.partition("#")
        if page in model.PAGES and page not in anchors:
            return None  # that page's file has errors of its own, reported there
        if page not in anchors:
            return f"link to unknown page '{page}.md'; pages are {', '.join(model.PAGES)}"
        if anchor and anchor not in anchors[page]:
            return f"link to '{page}.md#{anchor}', but that page has no id {anchor!r}"
    return None
