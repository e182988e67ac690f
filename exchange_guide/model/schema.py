"""A small declarative schema for content files.

Each validator's `check(value, at)` returns the cleaned value or records a ContentError
at `at` (file, line and dotted field path) and returns None. Errors are collected, not
raised one by one, so an editor sees every mistake in a file in one build.

Validators carry the type of what they return, as MkDocs' config options do (`Validator[T]`):
`Str()` gives `str`, `ListOf(Str())` `list[str]`, and a `Record` the TypedDict it is declared
with (`Record[SiteData](...)`; model/shapes.py), so the validated content is typed where it is used.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Generic, cast

from typing_extensions import TypeVar  # with a default (PEP 696), which typing has from Python 3.13

from calculators.codes import COUNTRIES

from . import plurals
from .errors import ContentError
from .yamlload import Node, NodeList

# A text may quote a rule value, {rule:general-2023.monthly_stipend}, so that every amount on
# the site is rendered from rules.yml, with a grammatical case where the language has one
# ({rule:general-2023.min_duration|dat}: "frá 6 mánuðum"; nominative by default); and link to
# another page, [text](faq.md#anchor).
RULE_PLACEHOLDER = re.compile(r"\{rule:([a-z0-9-]+)\.([a-z_]+)(?:\|(nom|acc|dat|gen))?\}")
PAGE_LINK = re.compile(r"\]\(([a-z]+(?:-[a-z]+)*)\.md(?:#([a-z0-9-]+))?\)")


def _link_problem(start: str) -> str:
    """Why the link whose `](` `start` begins with is not allowed."""
    target = start[2:].partition(")")[0].partition("\n")[0]
    return (
        f"a link to {target!r}: a link must go to an https://, mailto: or tel: address or to one of our pages "
        "(faq.md, faq.md#an-id), written right after ]("
    )


def _brace_problem(start: str) -> str:
    """Why the brace that `start` begins with is not allowed."""
    line = start.partition("\n")[0]
    shown = line.partition("}")[0] + "}" if "}" in line else line[:20]
    if re.match(r"(?i)\{\s*rule\s*:", start):
        return (
            f"{shown} is not a rule placeholder: write {{rule:<rule set id>.<value name>}} as rules.yml spells "
            "them, in lower case, with an optional |nom, |acc, |dat or |gen"
        )
    if re.match(r"\{:|\{[ ]*[#.]|\{[^}\n]*=", start):
        return f'{shown}: an attribute list may only give a language, {{: lang="sv" }}, or an id, {{: #an-id }}'
    return f"{shown}: braces are only for placeholders such as {{n}} or {{rule:<rule set id>.<value name>}}"


class Markup:
    """What Markdown a text may hold: only what the guide needs, so that a copy of site/ served
    without our Content-Security-Policy is as safe as one served with it.

    Editors write words, emphasis, lists and links; MkDocs's Markdown (with attr_list) would also
    make raw HTML, images, links to any scheme (`java&#115;cript:` too: the browser decodes the
    entity) and any attribute (`{: onclick=... }`, `{: style=... }`). A text may have:

    - links whose address starts with https://, mailto: or tel:, or names one of our pages
      (faq.md, faq.md#anchor), right after `](`; checked as written and after entity decoding;
    - braces only as placeholders, {rule:set.value} or {n}, and as the attribute lists the content
      needs: a language, {: lang="sv" }, or an id, {: #an-id }; a placeholder never right after
      emphasis, a link or a line break, where Markdown would read it as an attribute list;
    - no HTML, no images, no reference definitions ([name]: address), no table alignment (it
      makes inline styles), and no javascript:, vbscript: or data: anywhere.

    Each rule is one regular expression in the common part of Python's and JavaScript's syntax, so
    the editors' JSON Schema refuses exactly what the model does (`pattern`); none backtracks more
    than linearly, so a megabyte of text is checked in milliseconds."""

    LANGUAGE_TAG = r"[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*"
    ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"
    QUOTED = f""""{LANGUAGE_TAG}"|'{LANGUAGE_TAG}'|{LANGUAGE_TAG}"""  # no backslash: JavaScript's u mode
    ATTRIBUTE = f"(?:lang=(?:{QUOTED})|#{ID})"
    # What may follow a "{": a rule placeholder, a placeholder the page fills in, an attribute list.
    AFTER_BRACE = (
        r"rule:[a-z0-9-]+\.[a-z_]+(?:\|(?:nom|acc|dat|gen))?\}"
        r"|[a-z_]+\}"
        rf"|:?[ ]*{ATTRIBUTE}(?:[ ]+{ATTRIBUTE})*[ ]*\}}"
    )
    # Our own pages: faq.md, faq.md#an-id (PAGE_LINK, checked against the pages), or a relative
    # path to one (MkDocs checks those); no scheme can hide in either.
    LINK = r"(?:https://|mailto:|tel:|(?:\.\./|[a-z0-9-]+/)*[a-z0-9-]+\.md(?:#[a-z0-9-]+)?(?=\)|$))"
    RULES = (
        (
            r"<\s*/?\s*[a-zA-Z!?][^<>]*>|<[a-zA-Z/!?]",
            "HTML tags are not allowed in content; write plain text or Markdown",
        ),
        (
            r"\b(?:[jJ][aA][vV][aA]|[vV][bB])[sS][cC][rR][iI][pP][tT]\s*:|\b[dD][aA][tT][aA]\s*:",
            "script links (javascript:, vbscript:, data:) are not allowed in content",
        ),
        (rf"\]\((?!{LINK})", _link_problem),
        (r"!\[", "images are not allowed in texts"),
        (r"\[[^\[\]\n]*\]:", "reference definitions ([name]: address) are not allowed: write the address in the link"),
        (rf"\{{(?!{AFTER_BRACE})", _brace_problem),
        (
            r"(?:(?<=[^\s*_`)\]])[*_`)\]]+|(?:[ ]{2}|\\)\n|\n[ ]*)\{[a-z_]+\}",
            "a {placeholder} right after emphasis, a link or a line break, or on a line of its own, "
            "would be read as an attribute list: put a space or a word before it",
        ),
        (r"(?:^|\n)[ \t|-]*(?::-|-:)[ \t|:-]*(?:\n|$)", "table column alignment (:---) is not allowed"),
    )
    FORBIDDEN = re.compile("|".join(f"(?:{pattern})" for pattern, _ in RULES))
    _COMPILED = tuple((re.compile(pattern), message) for pattern, message in RULES)

    @classmethod
    def problems(cls, text: str) -> list[str]:
        """What is wrong with the markup of `text`, one message per kind of mistake."""
        if not any(char in text for char in "<:[]{!|\n"):
            return []  # most texts: no markup at all
        found = []
        for pattern, message in cls._COMPILED:
            match = pattern.search(text)
            if match:
                found.append(message if isinstance(message, str) else message(text[match.start() : match.start() + 60]))
        found += [f"a link to {target!r} once its entities are decoded" for target in cls.decoded_links(text)]
        return found

    @classmethod
    def decoded_links(cls, text: str):
        """Each link address that passes as written but not as the browser reads it (entities
        decoded, tabs and line breaks removed, leading controls and spaces stripped). Allowing
        only a plain start as written makes this impossible; it is checked all the same."""
        for match in re.finditer(r"\]\(([^)\s]*)", text):
            decoded = re.sub(r"[\t\n\r]", "", html.unescape(match.group(1))).lstrip("\x00- ")
            if re.match(cls.LINK, match.group(1)) and not re.match(cls.LINK, decoded):
                yield decoded


@dataclass
class Report:
    """What a validation pass over one file found: errors, translations that fall back to the
    default language, and references (to sources, rule values, pages) to resolve afterwards.
    `tree` is the file as loaded, with lines: every error is located by looking its field path up
    in it (`At.line`)."""

    path: str
    languages: tuple[str, ...]
    default_language: str
    tree: object = None
    errors: list[ContentError] = field(default_factory=list)
    missing: list[tuple[At, str]] = field(default_factory=list)  # where, language
    refs: list[tuple[str, str, At]] = field(default_factory=list)  # kind, id, where

    def at(self, *path: Key) -> At:
        return At(self, tuple(path))


# A step of a path through a YAML tree: a mapping's key or a list's index.
Key = str | int | bool


def field_name(path: tuple[Key, ...]) -> str:
    """A path in a YAML tree as an editor reads it: questions[3].answer.sv."""
    name = ""
    for key in path:
        name += f"[{key}]" if isinstance(key, int) and not isinstance(key, bool) else (f".{key}" if name else str(key))
    return name


def _child(node: object, key: Key) -> tuple[int, object] | None:
    """The line and the value of `key` in a mapping or list loaded with lines; None where the
    tree has no such key (the path goes on in a file that lacks it)."""
    if isinstance(node, Node) and key in node:
        return node.line_of(key), node[key]
    if isinstance(node, NodeList) and isinstance(key, int) and 0 <= key < len(node):
        return node.line_of(key), node[key]
    return None


@dataclass(frozen=True)
class At:
    """Where a value stands: the file's report and the value's path of keys and indexes in it.

    The one way to say where a mistake is: the line is found by following the path through
    the tree loaded with lines, as far as the tree goes (a missing field is reported at the
    line of the mapping that lacks it)."""

    report: Report
    path: tuple[Key, ...] = ()

    def child(self, key: Key) -> At:
        return At(self.report, (*self.path, key))

    @property
    def field(self) -> str:
        return field_name(self.path)

    @property
    def line(self) -> int | None:
        node = self.report.tree
        line = getattr(node, "line", None) or None
        for key in self.path:
            step = _child(node, key)
            if step is None:
                break
            line, node = step
        return line

    def error(self, message: str) -> None:
        self.report.errors.append(ContentError(self.report.path, self.line, self.field or None, message))


T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
JsonSchema = dict[str, Any]


class Validator(Generic[T_co]):
    """Checks a value loaded from YAML: the cleaned value of type T_co, or None with the mistake
    recorded at `at`."""

    def check(self, value: object, at: At) -> T_co | None:  # pragma: no cover - interface
        raise NotImplementedError

    def describe(self) -> str:
        return type(self).__name__.lower()

    def json_schema(self, languages: Languages) -> JsonSchema:
        """The same shape as JSON Schema (draft 2020-12), for editors (model/editor_schema.py).
        What a JSON Schema cannot say (ids unique on a page, references resolved, cross-file
        checks) stays with `check`, which remains the authority."""
        return {"description": self.describe()}


@dataclass(frozen=True)
class Languages:
    """The site's language codes and its default one, which a translatable text must have."""

    codes: tuple[str, ...]
    default: str


def _anchored(pattern: re.Pattern[str]) -> str:
    return f"^(?:{pattern.pattern})$"


_BOOL_HINT = ' (YAML reads a bare NO, yes, no, on or off as true/false: put the code in quotes, "NO")'


def _kind(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, dt.date):
        return "a date"
    return "a text"


class Str(Validator[str]):
    def __init__(self, pattern: str | None = None, hint: str | None = None):
        self.pattern = re.compile(pattern) if pattern else None
        self.hint = hint

    def check(self, value: object, at: At) -> str | None:
        if not isinstance(value, str) or not value.strip():
            at.error(f"expected {self.describe()}, got {_kind(value)}")
            return None
        if self.pattern and not self.pattern.fullmatch(value):
            at.error(f"'{value}' is not {self.describe()}")
            return None
        problems = Markup.problems(value)
        for problem in problems:
            at.error(problem)
        return None if problems else value.strip()

    def describe(self) -> str:
        return self.hint or "a non-empty text"

    def json_schema(self, languages: Languages) -> JsonSchema:
        schema: JsonSchema = {
            "type": "string",
            "minLength": 1,
            "pattern": r"\S",
            "not": {"pattern": Markup.FORBIDDEN.pattern},
        }
        if self.pattern:
            schema["pattern"] = _anchored(self.pattern)
        return schema


class Id(Str):
    PATTERN = r"[a-z0-9]+(-[a-z0-9]+)*"

    def __init__(self) -> None:
        super().__init__(self.PATTERN, "an id of lower-case letters, digits and hyphens")


class Url(Str):
    def __init__(self) -> None:
        super().__init__(
            "https://[^\\s<>\"']+", "an https:// address"
        )  # no backslash before the quote: JavaScript u mode


class Email(Str):
    def __init__(self) -> None:
        super().__init__(r"[^@\s<>]+@[^@\s<>]+\.[a-z]{2,}", "an e-mail address")


class OneOf(Validator[str]):
    def __init__(self, *values: str, name: str = "one of"):
        self.values, self.name = values, name

    def check(self, value: object, at: At) -> str | None:
        if not isinstance(value, str) or value not in self.values:
            hint = _BOOL_HINT if isinstance(value, bool) else ""
            at.error(f"unknown {self.name} {value!r}; expected one of {', '.join(map(str, self.values))}{hint}")
            return None
        return value

    def describe(self) -> str:
        return f"one of {', '.join(self.values)}"

    def json_schema(self, languages: Languages) -> JsonSchema:
        return {"enum": list(self.values)}


def Country() -> OneOf:
    return OneOf(*COUNTRIES, name="country code")


class Int(Validator[int]):
    """A whole number within the range that makes sense for what it counts (always bounded)."""

    def __init__(self, minimum: int, maximum: int):
        self.minimum, self.maximum = minimum, maximum

    def check(self, value: object, at: At) -> int | None:
        if isinstance(value, str) and value.strip().lstrip("+-")[:1].isdigit():
            shown = value if len(value) <= 24 else value[:20] + "…"
            quoted = value.strip().isdigit() and len(value.strip()) <= 18
            at.error(
                f"expected a whole number, got the text {shown!r}: write it without quotes"
                if quoted
                else f"expected a whole number in plain digits (at most 18 of them), got {shown!r}"
            )
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            at.error(f"expected a whole number, got {_kind(value)}")
            return None
        if not self.minimum <= value <= self.maximum:
            at.error(f"{value} is out of range ({self.minimum} to {self.maximum})")
            return None
        return value

    def describe(self) -> str:
        return "a whole number"

    def json_schema(self, languages: Languages) -> JsonSchema:
        return {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}


class Money(Validator[Decimal]):
    """An amount: a whole number, or a text of digits with at most `places` decimals ("1800.50"),
    with at most `digits` digits before the point, and more than 0 if `positive`. Never an exponent
    ("18e3", "1e999999") and never a float; kept as Decimal. The editors' JSON Schema asks for the
    very same form (`json_schema`), so an amount that one accepts the other does too."""

    def __init__(self, digits: int, places: int, positive: bool = False, hint: str | None = None):
        self.digits, self.places, self.positive, self.hint = digits, places, positive, hint
        fraction = rf"(?:\.[0-9]{{1,{places}}})?" if places else ""
        self.form = re.compile(rf"[0-9]{{1,{digits}}}{fraction}")

    def check(self, value: object, at: At) -> Decimal | None:
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            at.error(f"expected {self.describe()}, got {_kind(value)}")
            return None
        text = str(value).strip()
        shown = text if len(text) <= 24 else text[:20] + "…"
        if text.startswith("-"):
            at.error(f"'{shown}' is not a non-negative amount")
            return None
        if not self.form.fullmatch(text):
            exponent = " (no exponents such as 18e3)" if re.search(r"[0-9][eE]", text) else ""
            at.error(f"'{shown}' is not {self.describe()}{exponent}")
            return None
        amount = Decimal(text)
        if self.positive and amount == 0:
            at.error(f"'{shown}' is 0: {self.describe()}")
            return None
        return amount

    def describe(self) -> str:
        if self.hint:
            return self.hint
        places = f" and at most {self.places} decimals" if self.places else ", no decimals"
        more = "more than 0, " if self.positive else ""
        return f'an amount such as 18000 or "1800.50": {more}at most {self.digits} digits before the point{places}'

    def json_schema(self, languages: Languages) -> JsonSchema:
        not_zero = r"(?![0.]+$)" if self.positive else ""
        return {
            "anyOf": [
                {"type": "integer", "minimum": 1 if self.positive else 0, "maximum": 10**self.digits - 1},
                {"type": "string", "pattern": f"^{not_zero}{self.form.pattern}$"},
            ]
        }


class Bool(Validator[bool]):
    def check(self, value: object, at: At) -> bool | None:
        if not isinstance(value, bool):
            at.error(f"expected true or false, got {_kind(value)}")
            return None
        return value

    def describe(self) -> str:
        return "true or false"

    def json_schema(self, languages: Languages) -> JsonSchema:
        return {"type": "boolean"}


class Date(Validator[dt.date]):
    def check(self, value: object, at: At) -> dt.date | None:
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            at.error(f"expected a date written YYYY-MM-DD, got {_kind(value)}")
            return None
        return value

    def describe(self) -> str:
        return "a date written YYYY-MM-DD"

    def json_schema(self, languages: Languages) -> JsonSchema:
        # YAML 1.2 editors read 2026-12-01 as text: the schema checks its form.
        return {"type": "string", "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}


# A translatable text as validated: language code -> the text in that language (a counted text's
# value is a form per plural category, in Icelandic per case: model/plurals.py).
Translation = dict[str, Any]


class Text(Validator[Translation]):
    """A translatable text: a mapping from language code to text, beside the fact it belongs to.

    A missing language is not an error: it is recorded and falls back to the default
    language (with a notice on the page); strict builds turn it into an error.
    The default language itself must be present.
    """

    def __init__(self, markdown: bool = False, counted: bool = False):
        self.inner: Validator[Any] = Counted() if counted else Str()
        self.markdown = markdown

    def check(self, value: object, at: At) -> Translation | None:
        if not isinstance(value, dict):
            at.error(f"expected a mapping from language code to text, got {_kind(value)}")
            return None
        report = at.report
        result: Translation = {}
        for lang, text in value.items():
            if lang not in report.languages:
                at.child(lang).error(f"unknown language code {lang!r}; site.yml lists {', '.join(report.languages)}")
                continue
            cleaned = self.inner.check(text, at.child(lang))
            if cleaned is not None:
                result[lang] = cleaned
                for where, string in _strings(cleaned, at.child(lang)):
                    self._note_refs(string, where)
        if report.default_language not in value:
            at.error(f"the default language '{report.default_language}' is required")
        report.missing += [(at, lang) for lang in report.languages if lang not in value]
        return result

    def describe(self) -> str:
        kind = "text (Markdown: paragraphs, lists, bold, links)" if self.markdown else "text"
        return f"a {kind} in each language, as language code: text"

    def json_schema(self, languages: Languages) -> JsonSchema:
        return {
            "type": "object",
            "properties": {
                code: {"description": f"the text in {code}", **self.inner.json_schema(languages)}
                for code in languages.codes
            },
            "required": [languages.default],
            "additionalProperties": False,
        }

    @staticmethod
    def _note_refs(text: str, at: At) -> None:
        for rule_set, value, _case in RULE_PLACEHOLDER.findall(text):
            at.report.refs.append(("rule", f"{rule_set}.{value}", at))
        for page, anchor in PAGE_LINK.findall(text):
            at.report.refs.append(("page", f"{page}#{anchor}" if anchor else page, at))


def _strings(value: object, at: At) -> Iterator[tuple[At, str]]:
    """Each string in a text's value (a counted text holds several), with where it stands."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _strings(inner, at.child(key))
    elif isinstance(value, str):  # (not None: a case form with a mistake of its own, reported already)
        yield at, value


# A counted text in one language: one string, or a form per plural category (Icelandic: per case).
CountedForms = str | dict[str, str | dict[str, str]]


class Counted(Validator[CountedForms]):
    """A counted text in one language (model/plurals.py): a string, or a form for each of the
    language's CLDR plural categories, each form a string or (Icelandic) one per case."""

    def check(self, value: object, at: At) -> CountedForms | None:
        if not isinstance(value, dict):
            return Str().check(value, at)
        lang = str(at.path[-1])
        wanted = plurals.categories(lang)
        result: dict[str, str | dict[str, str] | None] = {}
        for key in value:
            if key not in wanted:
                at.child(key).error(f"not a plural category of {lang!r}; CLDR has {', '.join(wanted)}")
        for key in wanted:
            if key not in value:
                at.error(
                    f"missing the form for the plural category {key!r} (CLDR's categories for {lang!r}: "
                    f"{', '.join(wanted)})"
                )
                continue
            result[key] = self._cased(value[key], at.child(key), lang)
        forms = {key: form for key, form in result.items() if form is not None}
        return forms if len(forms) == len(wanted) else None

    @staticmethod
    def _cased(value: object, at: At, lang: str) -> str | dict[str, str] | None:
        if not isinstance(value, dict):
            return Str().check(value, at)
        cases = plurals.CASES.get(lang)
        if not cases:
            at.error(f"{lang!r} has no case forms: write one text")
            return None
        missing = [case for case in cases if case not in value]
        extra = [case for case in value if case not in cases]
        for case in extra:
            at.child(case).error(f"unknown case; {lang!r} has {', '.join(cases)}")
        if missing:
            at.error(f"missing the case form(s) {', '.join(missing)}")
        if missing or extra:
            return None
        checked = {case: Str().check(value[case], at.child(case)) for case in cases}
        return {case: form for case, form in checked.items() if form is not None} if all(checked.values()) else None


class ListOf(Validator[list[T]]):
    def __init__(self, item: Validator[T], min_items: int = 1, unique_id: str | None = "id"):
        self.item, self.min_items, self.unique_id = item, min_items, unique_id

    def check(self, value: object, at: At) -> list[T] | None:
        items = self.items(value, at)
        return None if items is None else [cleaned for cleaned, _, _ in items]

    def items(self, value: object, at: At) -> list[tuple[T, At, bool]] | None:
        """Each item that passed, with where it stands and whether it is free of mistakes of its
        own (a text that fell back to the default language is no mistake)."""
        if not isinstance(value, list):
            at.error(f"expected a list, got {_kind(value)}")
            return None
        if len(value) < self.min_items:
            at.error(f"expected at least {self.min_items} item(s), got {len(value)}")
        result: list[tuple[T, At, bool]] = []
        seen: dict[object, int | None] = {}
        for index, item in enumerate(value):
            item_at, before = at.child(index), len(at.report.errors)
            cleaned = self.item.check(item, item_at)
            if cleaned is None:
                continue
            key = cleaned.get(self.unique_id) if self.unique_id and isinstance(cleaned, dict) else None
            if key is not None and self.unique_id:
                if key in seen:
                    item_at.child(self.unique_id).error(f"duplicate id {key!r} (first used on line {seen[key]})")
                    continue
                seen[key] = item_at.child(self.unique_id).line
            result.append((cleaned, item_at, len(at.report.errors) == before))
        return result

    def describe(self) -> str:
        return f"a list of {self.item.describe()}"

    def json_schema(self, languages: Languages) -> JsonSchema:
        item = self.item.json_schema(languages)
        return {
            "type": "array",
            "minItems": self.min_items,
            "items": item if "description" in item else {**item, "description": self.item.describe()},
        }


class Ref(Validator[str]):
    """A reference to an id defined elsewhere (a source, a rule value); resolved after loading."""

    def __init__(self, kind: str):
        self.kind = kind
        self.inner = Str()

    def check(self, value: object, at: At) -> str | None:
        cleaned = self.inner.check(value, at)
        if cleaned is not None:
            at.report.refs.append((self.kind, cleaned, at))
        return cleaned

    def describe(self) -> str:
        where = {"source": "the id of a source in content/sources.yml"}
        return where.get(self.kind, f"the id of a {self.kind}")

    def json_schema(self, languages: Languages) -> JsonSchema:
        return {"type": "string", "pattern": f"^(?:{Id.PATTERN})$"}


@dataclass(frozen=True)
class F:
    """A field of a record; `doc` says what it is for (the editor's completion shows it)."""

    validator: Validator[Any]
    required: bool = True
    doc: str | None = None


# What a Record gives: a mapping of its fields, typed as the TypedDict it is declared with.
R_co = TypeVar("R_co", bound=Mapping[str, Any], default=dict[str, Any], covariant=True)


class Record(Validator[R_co]):
    """A mapping with these fields. Declared with the TypedDict of what it gives,
    `Record[SiteData](...)`, its value is typed as that (tests/test_model_shapes.py checks that the
    two name the same fields); a bare `Record(...)` gives `dict[str, Any]`."""

    def __init__(self, **fields: F | Validator[Any]):
        self.fields = {name: f if isinstance(f, F) else F(f) for name, f in fields.items()}

    def describe(self) -> str:
        return f"a mapping with {', '.join(self.fields)}"

    def json_schema(self, languages: Languages) -> JsonSchema:
        properties = {}
        for name, spec in self.fields.items():
            schema = spec.validator.json_schema(languages)
            described = spec.doc or schema.pop("description", None) or spec.validator.describe()
            properties[name] = {"description": described, **schema}
        return {
            "type": "object",
            "properties": properties,
            "required": [name for name, spec in self.fields.items() if spec.required],
            "additionalProperties": False,
        }

    def check(self, value: object, at: At) -> R_co | None:
        if not isinstance(value, dict):
            at.error(f"expected a mapping with {', '.join(self.fields)}, got {_kind(value)}")
            return None
        result: dict[str, Any] = {}
        ok = True
        for key in value:
            if key not in self.fields:
                hint = _BOOL_HINT if isinstance(key, bool) else ""
                at.child(key).error(f"unknown field; allowed here: {', '.join(self.fields)}{hint}")
                ok = False
        for name, spec in self.fields.items():
            if name not in value or value[name] is None:
                if spec.required:
                    at.error(f"missing required field '{name}'")
                    ok = False
                continue
            cleaned = spec.validator.check(value[name], at.child(name))
            if cleaned is None:
                ok = False
            else:
                result[name] = cleaned
        return cast("R_co", result) if ok else None


def Texts(*keys: str) -> Record[dict[str, Translation]]:
    """A record of one plain text for each key."""
    return Record(**{key: Text() for key in keys})


def validate(schema: Validator[T], report: Report) -> T | None:
    """Run `schema` over the file loaded into `report.tree`; errors and fallbacks land in `report`."""
    return schema.check(report.tree, report.at())
