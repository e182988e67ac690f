"""content/glossary.yml: one term for one thing, per language, and the check that no text uses a
variant the glossary says to avoid (as a word or the start of one, any case, in that language's
texts only)."""
from __future__ import annotations

import re
from pathlib import Path

from .content import _relative
from .errors import ContentError, ContentErrors
from .schema import F, Id, ListOf, Record, Report, Str, validate
from .texts import LANGUAGES, Text, content_texts
from .yamlload import load_yaml

_TERM = Record(use=Str(), avoid=ListOf(Str(), min_items=0, unique_id=None), note=Str())
GLOSSARY = Record(terms=ListOf(Record(id=Id(), concept=Str(), **{lang: F(_TERM, required=False) for lang in LANGUAGES})))


def load_glossary(root: Path) -> dict:
    """The glossary validated, or ContentError(s) naming file, line and field."""
    path = root / "glossary.yml"
    shown = _relative(root)(path)
    report = Report(shown, LANGUAGES, LANGUAGES[0], load_yaml(path, shown))
    glossary = validate(GLOSSARY, report)
    if report.errors:
        raise report.errors[0] if len(report.errors) == 1 else ContentErrors(report.errors)
    return glossary


def _patterns(glossary: dict) -> dict[str, list[tuple[re.Pattern, str, str]]]:
    """Per language: (pattern, avoided variant, the term to use)."""
    found: dict[str, list] = {lang: [] for lang in LANGUAGES}
    for term in glossary["terms"]:
        for lang in LANGUAGES:
            entry = term.get(lang)
            for variant in (entry or {}).get("avoid", []):
                words = r"\s+".join(re.escape(word) for word in variant.split())
                found[lang].append((re.compile(rf"(?<!\w){words}", re.IGNORECASE), variant, entry["use"]))
    return found


def avoided_variants(texts: list[Text], glossary: dict) -> list[ContentError]:
    patterns = _patterns(glossary)
    errors = []
    for text in texts:
        for pattern, variant, use in patterns.get(text.lang, []):
            match = pattern.search(text.text)
            if match:
                errors.append(ContentError(text.path, text.line, text.field,
                                           f"{match.group(0)!r}: the glossary says {use!r} ({variant!r} is to be avoided)"))
    return errors


def check_terms(root: Path) -> list[ContentError]:
    """Every avoided variant in every text of the content folder."""
    return avoided_variants(content_texts(root), load_glossary(root))
