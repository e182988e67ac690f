"""Load and validate everything in content/ in one pass, before anything is written.

Each file is read once (yamlload: plain data with lines), validated once against its schema
(pages.py, calculator.py, directory.py, rules.py), and the references between files (sources,
rule values, page links) are resolved once at the end. Every mistake becomes a ContentError
located the one way there is (`schema.At`: a field path looked up in the file's tree), and all of
them are raised together as ContentErrors. `load_content` returns the validated `Content`;
`load_rules` does the same for rules.yml alone, for the command line. No rendering, no MkDocs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from calculators.codes import SENTENCE_KINDS, VALUE_KINDS
from calculators.rules import Rules
from calculators.totals import Rates

from . import pages as model
from .calculator import RATES, compile_rates
from .errors import ContentError, ContentErrors
from .plan import PLAN
from .rules import RULES, compile_rules
from .schema import At, Languages, Report, Translation, Validator, validate
from .shapes import SiteData, SourceData, SourcesData
from .yamlload import Node, NodeList, load_yaml


@dataclass(frozen=True)
class MissingTranslation:
    path: str
    line: int
    field: str
    language: str

    def describe(self, default_language: str) -> str:
        return (
            f"{self.path}:{self.line}: field '{self.field}': no '{self.language}' translation; "
            f"the page shows the '{default_language}' text with a notice"
        )


@dataclass
class Content:
    root: Path
    site: SiteData
    ui: dict[str, Translation]  # ui.yml's strings
    sources: SourcesData
    pages: dict[str, dict[str, Any]]  # page name -> cleaned data
    rules: Rules  # compiled rule data (what calculators take)
    rates: Rates  # compiled indicative exchange rates
    missing: list[MissingTranslation] = field(default_factory=list)
    plan: dict[str, Any] = field(default_factory=dict)  # content/plan.yml (model/plan.py)
    theme: dict[str, Translation] = field(default_factory=dict)  # ui.yml's theme texts (Material's words)

    @property
    def languages(self) -> list[str]:
        return [lang["code"] for lang in self.site["languages"]]

    @property
    def default_language(self) -> str:
        return self.site["default_language"]

    def source(self, source_id: str) -> SourceData:
        return next(s for s in self.sources["sources"] if s["id"] == source_id)


T = TypeVar("T")


def _relative(root: Path) -> Callable[[Path], str]:
    """Paths in messages as the editor knows them: content/faq.yml."""

    def shown(path: Path) -> str:
        try:
            return str(path.relative_to(root.parent))
        except ValueError:
            return str(path)

    return shown


class _Loader:
    """One pass over a content folder: each file read and validated once, errors collected."""

    def __init__(self, root: Path, shown: Callable[[Path], str]):
        self.root, self.shown = root, shown
        self.errors: list[ContentError] = []
        self.reports: list[Report] = []
        # Until site.yml is read (read_site, always first), no text can be checked.
        self.languages: tuple[str, ...] = ()
        self.default_language = ""

    def read(self, name: str) -> Report | None:
        """The file `<name>.yml` loaded with lines, as an empty report to validate into."""
        path = self.root / f"{name}.yml"
        try:
            tree = load_yaml(path, self.shown(path))
        except ContentError as exc:
            self.errors.append(exc)
            return None
        return Report(self.shown(path), self.languages, self.default_language, tree)

    def check(self, report: Report | None, schema: Validator[T]) -> T | None:
        """The file validated against its schema (None if it has mistakes, which are kept)."""
        if report is None:
            return None
        self.reports.append(report)
        return validate(schema, report)

    def load(self, name: str, schema: Validator[T]) -> tuple[Report | None, T | None]:
        report = self.read(name)
        return report, self.check(report, schema)

    def load_rules(self) -> tuple[Report | None, dict[str, Any] | None]:
        """rules.yml validated, or None for the data if it has mistakes: then nothing else is
        checked against it (an unknown {rule:...} would only repeat them)."""
        report, loaded = self.load("rules", RULES)
        return report, (loaded if report is not None and loaded is not None and not report.errors else None)

    def read_site(self) -> Report:
        """site.yml first: every other file's texts are checked against its language list."""
        report = self.read("site")
        if report is None:
            raise ContentErrors(self.errors)
        self.languages, self.default_language = _site_languages(report.at())
        report.languages, report.default_language = self.languages, self.default_language
        return report

    def resolve(self, source_ids: set[str] | None, rules: Rules | None, anchors: dict[str, set[str]] | None) -> None:
        """Check every reference each file made against what the others define."""
        rule_values = (
            None
            if rules is None
            else {f"{rs['id']}.{name}": value for rs in rules["rule_sets"] for name, value in rs["values"].items()}
        )
        rule_set_ids = {rs["id"] for rs in rules["rule_sets"]} if rules is not None else set()
        for report in self.reports:
            for kind, ref, at in report.refs:
                problem = _unresolved(kind, ref, source_ids, rule_values, rule_set_ids, anchors)
                if problem:
                    at.error(problem)

    def finish(self, strict: bool) -> list[MissingTranslation]:
        """Every translation that falls back; raises ContentErrors if anything was wrong."""
        missing = [
            MissingTranslation(report.path, at.line or 0, at.field, lang)
            for report in self.reports
            for at, lang in report.missing
        ]
        errors = self.errors + [error for report in self.reports for error in report.errors]
        if strict:
            errors += [
                ContentError(m.path, m.line, m.field, f"missing translation for '{m.language}' (strict mode)")
                for m in missing
            ]
        if errors:
            raise ContentErrors(sorted(errors, key=lambda e: (e.path, e.line or 0)))
        return missing


def read_languages(root: Path) -> Languages:
    """The language codes content/site.yml lists and its default one: the one list of the site's
    languages, for whatever reads texts without loading the whole content (the language checks,
    the editors' JSON Schemas, the command line)."""
    loader = _Loader(root, _relative(root))
    loader.read_site()
    return Languages(loader.languages, loader.default_language)


def _site_languages(at: At) -> tuple[tuple[str, ...], str]:
    """The language list: needed before any text can be checked, so its mistakes stop the load."""
    raw = at.report.tree
    if not isinstance(raw, dict):
        raise ContentErrors(
            [ContentError(at.report.path, 1, None, "expected a mapping with default_language and languages")]
        )
    found = [item.get("code") for item in raw.get("languages") or [] if isinstance(item, dict)]
    codes = tuple(code for code in found if isinstance(code, str))
    default = raw.get("default_language")
    if not codes or len(codes) < len(found):
        at.child("languages").error("expected a list of languages, each with a code and a name")
    elif not isinstance(default, str) or default not in codes:
        at.child("default_language").error(f"{default!r} is not one of the listed languages ({', '.join(codes)})")
    if at.report.errors or not isinstance(default, str):
        raise ContentErrors(at.report.errors)
    return codes, default


def _ids(report: Report | None, key: str) -> set[str] | None:
    """The ids listed in a file, e.g. every source in sources.yml (also those with mistakes of
    their own, which are reported there, not again at each reference); None if the file could
    not be read, so that references to it are not checked (its own error says enough)."""
    if report is None:
        return None
    items = report.tree.get(key) if isinstance(report.tree, dict) else None
    return {item["id"].strip() for item in items or [] if isinstance(item, dict) and isinstance(item.get("id"), str)}


def _anchors(report: Report) -> set[str]:
    """Every `id` in a page file becomes an anchor, so ids must be unique across the whole page."""
    seen: dict[str, int | None] = {}

    def walk(node, at: At):
        if isinstance(node, Node):
            value = node.get("id")
            if isinstance(value, str):
                line = at.child("id").line
                if value in seen and seen[value] != line:
                    at.child("id").error(
                        f"id {value!r} is already used on line {seen[value]}; "
                        "ids are anchors and must be unique on a page"
                    )
                seen.setdefault(value, line)
            for key, child in node.items():
                walk(child, at.child(key))
        elif isinstance(node, NodeList):
            for index, child in enumerate(node):
                walk(child, at.child(index))

    walk(report.tree, report.at())
    return set(seen)


def _check_rounding_texts(rules_report: Report, loaded_rule_sets: list, calculator: dict) -> None:
    """Each rounding mode that rules.yml uses needs its words on the calculator page."""
    texts = calculator["rules"]
    for index, rule_set in enumerate(loaded_rule_sets):
        mode = rule_set["values"].get("rounding", {}).get("mode")
        if mode is not None and mode not in texts:
            rules_report.at("rule_sets", index, "values", "rounding", "mode").error(
                f"rounding mode {mode!r} has no text on the calculator page: add rules.{mode} to content/calculator.yml"
            )


def load_content(root: Path | str, strict: bool = False) -> Content:
    root = Path(root)
    loader = _Loader(root, _relative(root))
    site_report = loader.read_site()
    site = loader.check(site_report, model.SITE)
    _, ui = loader.load("ui", model.UI)
    sources_report, sources = loader.load("sources", model.SOURCES)
    anchors: dict[str, set[str]] = {}
    if sources_report is not None:
        anchors["sources"] = _anchors(sources_report)
    pages: dict[str, dict[str, Any]] = {}
    for name, schema in model.PAGE_SCHEMAS.items():
        report, data = loader.load(model.PAGE_FILES.get(name, name), schema)
        if report is not None:
            anchors[name] = _anchors(report)
        if data is not None:
            pages[name] = data
            if name in model.PAGE_ANCHORS:
                anchors[name] = model.PAGE_ANCHORS[name](data)
    rules_report, loaded_rules = loader.load_rules()
    rules = None if loaded_rules is None else compile_rules(loaded_rules)
    _, rates = loader.load("exchange_rates", RATES)
    _, plan = loader.load("plan", PLAN)

    loader.resolve(_ids(sources_report, "sources"), rules, anchors)
    if site and rules is not None and site["current_rule_set"] not in {rs["id"] for rs in rules["rule_sets"]}:
        site_report.at("current_rule_set").error(f"no rule set {site['current_rule_set']!r} in rules.yml")
    if rules_report is not None and loaded_rules is not None and "calculator" in pages:
        _check_rounding_texts(rules_report, loaded_rules["rule_sets"], pages["calculator"])
    missing = loader.finish(strict)
    # finish() raised on any mistake in any file: every file above was read and is valid.
    assert site is not None and ui is not None and sources is not None and rules is not None
    assert rates is not None and plan is not None
    return Content(root, site, ui["strings"], sources, pages, rules, compile_rates(rates), missing, plan, ui["theme"])


def load_rules(content_dir: Path | str) -> Rules:
    """For the command line: content/rules.yml validated and compiled, or ContentErrors.

    Reads site.yml (only its languages matter here) and sources.yml (only the ids that sources
    may name) besides, so an estimate does not depend on the page files."""
    root = Path(content_dir)
    loader = _Loader(root, str)
    loader.read_site()
    sources = loader.read("sources") if (root / "sources.yml").exists() else None
    _, loaded = loader.load_rules()
    rules = None if loaded is None else compile_rules(loaded)
    loader.resolve(_ids(sources, "sources"), rules, None)
    loader.finish(strict=False)
    assert rules is not None, "finish() raised on any mistake in rules.yml"
    return rules


def _unresolved(
    kind: str,
    ref: str,
    source_ids: set[str] | None,
    rule_values: dict[str, Any] | None,
    rule_set_ids: set[str],
    anchors: dict[str, set[str]] | None,
) -> str | None:
    if kind == "source" and source_ids is not None and ref not in source_ids:
        return f"unknown source {ref!r}; sources are listed in content/sources.yml"
    if kind == "rule" and rule_values is not None and ref not in rule_values:
        rule_set = ref.split(".", maxsplit=1)[0]
        if rule_set not in rule_set_ids:
            return f"{{rule:{ref}}} names an unknown rule set {rule_set!r}"
        return f"{{rule:{ref}}} names a value that rule set {rule_set!r} does not have"
    if kind == "rule" and rule_values is not None and VALUE_KINDS[ref.split(".")[1]] not in SENTENCE_KINDS:
        return f"{{rule:{ref}}} is not an amount, a duration or a number, so it cannot stand in a sentence"
    if kind == "page" and anchors is not None:
        page, _, anchor = ref.partition("#")
        if page in model.PAGES and page not in anchors:
            return None  # that page's file has errors of its own, reported there
        if page not in anchors:
            return f"link to unknown page '{page}.md'; pages are {', '.join(model.PAGES)}"
        if anchor and anchor not in anchors[page]:
            return f"link to '{page}.md#{anchor}', but that page has no id {anchor!r}"
    return None
