"""content/rules.yml: the parameters of the stipend calculator.

`RULES` declares the file's shape; `load_rules` validates it and runs the checks a schema
cannot express (extends, overlapping periods, ...); `compile_rules` turns the result into
plain JSON-able data for `calculators` and the browser (extends resolved, dates and amounts
as text). Source ids are checked against sources.yml by the content loader through
`report.refs`, not here.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from calculators.result import plain

from .errors import ContentError, ContentErrors
from .schema import COUNTRIES, At, F, Bool, Country, Date, Id, Int, ListOf, Money, OneOf, Record, Ref, Report, Text, validate
from .yamlload import Node, NodeList, load_yaml

DURATION_UNITS = ("days", "weeks", "months")


def _value(**fields) -> Record:
    """Every value names its source and may be marked uncertain, with a note saying why."""
    return Record(**fields, source=Ref("source"), uncertain=F(Bool(), required=False), note=F(Text(), required=False))


def _duration() -> Record:
    # Exactly one unit must be given; load_rules checks that.
    return _value(**{unit: F(Int(minimum=1), required=False) for unit in DURATION_UNITS})


def _optional(validator) -> F:
    return F(validator, required=False)


# Values every rule set must have once `extends` is resolved; the others are optional
# (absent = that cost is not covered / no deadline is known).
REQUIRED_VALUES = (
    "monthly_stipend", "min_duration", "max_duration", "hosts", "same_calendar_year", "round_trips",
    "leave_reduces_stipend", "partial_month", "rounding",
)
OPTIONAL_VALUES = ("family_travel", "moving", "home_trip", "report_deadline")
DURATION_VALUES = ("min_duration", "max_duration", "report_deadline")

VALUES = Record(
    # The calculator works in DKK, the currency the stipend is decided in.
    monthly_stipend=_optional(_value(amount=Money(), currency=OneOf("DKK", name="currency"))),
    min_duration=_optional(_duration()),
    max_duration=_optional(_duration()),
    # Host administrations; the host must also differ from the home administration.
    hosts=_optional(_value(codes=ListOf(Country(), unique_id=None))),
    same_calendar_year=_optional(_value(required=Bool())),
    round_trips=_optional(_value(count=Int(minimum=0, maximum=10))),
    family_travel=_optional(_value(from_months=Int(minimum=1, maximum=120))),
    moving=_optional(_value(from_months=Int(minimum=1, maximum=120))),
    home_trip=_optional(_value(from_months=Int(minimum=1, maximum=120))),
    report_deadline=_optional(_duration()),
    leave_reduces_stipend=_optional(_value(applies=Bool())),
    # At least 30: with fewer, the extra days of a long month (up to 30) would be worth more
    # than a whole month, and a stay one day longer could pay less.
    partial_month=_optional(_value(days_per_month=Int(minimum=30, maximum=31))),
    rounding=_optional(_value(quantum=Money(), mode=OneOf("half_up", "half_even", "down", "up", name="rounding mode"))),
)

RULE_SET = Record(
    id=Id(),
    title=Text(),
    home=F(ListOf(Country(), unique_id=None), required=False),   # absent = general (all eight)
    valid_from=Date(),
    valid_to=F(Date(), required=False),                          # inclusive; absent = open-ended
    extends=F(Id(), required=False),
    values=VALUES,
)

RULES = Record(rule_sets=ListOf(RULE_SET))


class _Where:
    """Lines and field paths of one rule set in the file, for error messages."""

    def __init__(self, report: Report, index: int, raw: Node):
        self.report, self.index, self.raw = report, index, raw

    def field(self, *names: str) -> str:
        return ".".join([f"rule_sets[{self.index}]", *names])

    def line(self, *names: str) -> int:
        node, line = self.raw, self.raw.line
        for name in names:
            if not isinstance(node, Node) or name not in node:
                break
            line = node.line_of(name)
            node = node[name]
        return line

    def error(self, message: str, *names: str) -> None:
        self.report.errors.append(ContentError(self.report.path, self.line(*names), self.field(*names), message))


def _rule_sets_with_lines(raw, report: Report) -> tuple[list[tuple[dict, _Where]], set[str]]:
    """The rule sets that pass the schema, each with where it stands in the file, and the ids
    of all rule sets in the file (also those with errors, which were reported already)."""
    items = raw.get("rule_sets") if isinstance(raw, dict) else None
    if not isinstance(items, NodeList):
        return [], set()
    valid, seen, all_ids = [], set(), set()
    for index, item in enumerate(items):
        if isinstance(item, Node) and isinstance(item.get("id"), str):
            all_ids.add(item["id"].strip())
        # Checked again on its own: a rule set with any schema error is left out here (lists
        # drop bad items rather than fail, which would make e.g. a mistyped home look general).
        own = Report(report.path, report.languages, report.default_language)
        cleaned = RULE_SET.check(item, At(own, None, "rule_sets")) if isinstance(item, Node) else None
        if cleaned is not None and not own.errors and cleaned["id"] not in seen:
            seen.add(cleaned["id"])
            valid.append((cleaned, _Where(report, index, item)))
    return valid, all_ids


def _chain(rule_set_id: str, by_id: dict[str, dict]) -> list[str] | None:
    """The ids from `rule_set_id` up its extends chain; None if the chain loops."""
    chain = [rule_set_id]
    while (parent := by_id[chain[-1]].get("extends")) in by_id:
        if parent in chain:
            return None
        chain.append(parent)
    return chain


def _cycle(rule_set_id: str, by_id: dict[str, dict]) -> list[str]:
    """The loop that the extends chain from `rule_set_id` runs into, e.g. [a, b, a]."""
    path = [rule_set_id]
    while (parent := by_id[path[-1]].get("extends")) in by_id and parent not in path:
        path.append(parent)
    return path[path.index(parent):] + [parent]


def _merged_values(chain: list[str], by_id: dict[str, dict]) -> dict:
    values: dict = {}
    for rule_set_id in reversed(chain):          # base first, then each override
        values.update(by_id[rule_set_id]["values"])
    return values


def _length_in_days(value: dict, longest: bool) -> int:
    """A duration's length in days; months count 28 or 31 days depending on the bound wanted."""
    if "months" in value:
        return value["months"] * (31 if longest else 28)
    return value.get("weeks", 0) * 7 + value.get("days", 0)


def _periods_overlap(a: dict, b: dict) -> bool:
    a_end, b_end = a.get("valid_to") or dt.date.max, b.get("valid_to") or dt.date.max
    return a["valid_from"] <= b_end and b["valid_from"] <= a_end


def _same_audience(a: dict, b: dict) -> bool:
    """Two rule sets compete for the same stays: both general, or a home in common."""
    if not a.get("home") and not b.get("home"):
        return True
    return bool(set(a.get("home") or ()) & set(b.get("home") or ()))


def _check_semantics(raw, report: Report) -> None:
    checked, all_ids = _rule_sets_with_lines(raw, report)
    by_id = {rule_set["id"]: rule_set for rule_set, _ in checked}
    where = {rule_set["id"]: at for rule_set, at in checked}

    for rs_id, rule_set in by_id.items():
        at = where[rs_id]
        if rule_set.get("valid_to") and rule_set["valid_to"] < rule_set["valid_from"]:
            at.error(f"valid_to {rule_set['valid_to']} is before valid_from {rule_set['valid_from']}", "valid_to")
        for name in DURATION_VALUES:
            value = rule_set["values"].get(name)
            if value is not None and sum(unit in value for unit in DURATION_UNITS) != 1:
                at.error("give exactly one of days, weeks or months", "values", name)
        hosts = rule_set["values"].get("hosts")
        if hosts and len(set(hosts["codes"])) != len(hosts["codes"]):
            at.error("a country code is listed twice", "values", "hosts", "codes")
        rounding = rule_set["values"].get("rounding")
        if rounding and (rounding["quantum"] < 1 or rounding["quantum"] != rounding["quantum"].to_integral_value()):
            at.error("quantum must be a whole number of DKK such as \"1\" or \"10\": "
                     "the estimate is stated in whole DKK", "values", "rounding", "quantum")
        parent = rule_set.get("extends")
        if parent is None:
            continue
        if parent == rs_id:
            at.error("a rule set cannot extend itself", "extends")
        elif parent not in all_ids:
            # (a parent that is in the file but has its own errors was reported already)
            at.error(f"unknown rule set {parent!r}; extends must name another rule set in this file", "extends")

    for rs_id in by_id:
        at = where[rs_id]
        chain = _chain(rs_id, by_id)
        if chain is None:
            if by_id[rs_id].get("extends") != rs_id:     # extending itself was reported above
                at.error(f"extends forms a cycle ({' -> '.join(_cycle(rs_id, by_id))}); "
                         "a rule set may not extend itself, directly or through others", "extends")
            continue
        if by_id[chain[-1]].get("extends") is not None:
            continue                               # the chain ends at a broken rule set, reported above
        values = _merged_values(chain, by_id)
        for name in REQUIRED_VALUES:
            if name not in values:
                at.error(f"missing required value '{name}' (neither here nor in a rule set it extends)", "values")
        lowest, highest = values.get("min_duration"), values.get("max_duration")
        if lowest and highest and not any(
                sum(unit in v for unit in DURATION_UNITS) != 1 for v in (lowest, highest)):
            if _length_in_days(lowest, longest=False) > _length_in_days(highest, longest=True):
                at.error("min_duration is longer than max_duration", "values", "min_duration")

    ids = list(by_id)
    for i, first in enumerate(ids):
        for second in ids[i + 1:]:
            a, b = by_id[first], by_id[second]
            if _same_audience(a, b) and _periods_overlap(a, b):
                who = "general rule sets" if not a.get("home") else f"rule sets for {', '.join(sorted(set(a['home']) & set(b['home'])))}"
                where[second].error(
                    f"validity overlaps rule set {first!r} (line {where[first].line()}); two {who} may not "
                    "be valid on the same day", "valid_from")


def load_rules(path: Path | str, report: Report) -> dict | None:
    """Validate rules.yml into `report`; return the cleaned data, or None if it has errors.

    The checks beyond the schema run even when some rule sets have schema errors, over the
    rule sets that passed, so an editor sees every mistake in one go.
    Raises ContentError if the file cannot be read or parsed as YAML at all."""
    raw = load_yaml(path, report.path)
    before = len(report.errors)
    data = validate(raw, RULES, report)
    _check_semantics(raw, report)
    return data if data is not None and len(report.errors) == before else None


def compile_rules(loaded: dict) -> dict:
    """Plain JSON-able rules for `calculators`: extends resolved, every value complete with
    `source` and `uncertain`, dates as YYYY-MM-DD and amounts as text (never floats)."""
    by_id = {rs["id"]: rs for rs in loaded["rule_sets"]}
    rule_sets = []
    for rule_set in loaded["rule_sets"]:
        chain = _chain(rule_set["id"], by_id)
        if chain is None:
            raise ValueError(f"rule set {rule_set['id']!r}: extends forms a cycle (load_rules reports this)")
        values = {name: {**value, "uncertain": bool(value.get("uncertain"))}
                  for name, value in _merged_values(chain, by_id).items()}
        rule_sets.append({
            "id": rule_set["id"],
            "title": rule_set["title"],
            "home": list(rule_set["home"]) if rule_set.get("home") else None,
            "valid_from": rule_set["valid_from"],
            "valid_to": rule_set.get("valid_to"),
            "extends": rule_set.get("extends"),
            "values": {name: values[name] for name in (*REQUIRED_VALUES, *OPTIONAL_VALUES) if name in values},
        })
    return plain({"countries": list(COUNTRIES), "rule_sets": rule_sets})


# What the site languages are when content/site.yml cannot tell (the CLI reads site.yml).
DEFAULT_LANGUAGES = ("sv", "nb", "da", "fi", "is", "en")


def load_compiled_rules(content_dir: Path | str) -> dict:
    """For the CLI: rules.yml from a content folder, validated and compiled, or ContentErrors.

    Reads only site.yml (for the languages) and sources.yml (for the source ids) besides
    rules.yml, so an estimate does not depend on the page files being complete."""
    root = Path(content_dir)
    shown = lambda name: str(root / name)  # noqa: E731
    languages, default = DEFAULT_LANGUAGES, "sv"
    if (root / "site.yml").exists():
        site = load_yaml(root / "site.yml", shown("site.yml"))
        if isinstance(site, dict):
            codes = tuple(item.get("code") for item in site.get("languages") or [] if isinstance(item, dict))
            if codes and site.get("default_language") in codes:
                languages, default = codes, site["default_language"]
    report = Report(shown("rules.yml"), languages, default)
    loaded = load_rules(root / "rules.yml", report)
    errors = list(report.errors)
    if (root / "sources.yml").exists():
        sources = load_yaml(root / "sources.yml", shown("sources.yml"))
        items = sources.get("sources") if isinstance(sources, dict) else None
        known = {item.get("id") for item in items or [] if isinstance(item, dict)}
        errors += [ContentError(report.path, line, field, f"unknown source {ref!r}; sources are listed in "
                                f"{shown('sources.yml')}")
                   for kind, ref, line, field in report.refs if kind == "source" and ref not in known]
    if errors or loaded is None:
        raise ContentErrors(sorted(errors, key=lambda e: e.line or 0))
    return compile_rules(loaded)
