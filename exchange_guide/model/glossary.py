"""content/glossary.yml: one term for one thing, per language (the check that texts keep to it is
exchange_guide/checks/terms.py). A term may be given for each language that site.yml lists."""

from __future__ import annotations

from pathlib import Path

from .content import _relative, read_languages
from .errors import ContentErrors
from .schema import F, Id, Languages, ListOf, Record, Report, Str, validate
from .yamlload import load_yaml

_TERM = Record(use=Str(), avoid=ListOf(Str(), min_items=0, unique_id=None), note=Str())


def glossary_schema(languages: Languages) -> Record:
    """The glossary's shape: a term per concept for any of the site's languages."""
    return Record(
        terms=ListOf(Record(id=Id(), concept=Str(), **{lang: F(_TERM, required=False) for lang in languages.codes}))
    )


def load_glossary(root: Path) -> dict:
    """The glossary validated, or ContentError(s) naming file, line and field."""
    languages = read_languages(root)
    path = root / "glossary.yml"
    shown = _relative(root)(path)
    report = Report(shown, languages.codes, languages.default, load_yaml(path, shown))
    glossary = validate(glossary_schema(languages), report)
    if report.errors or glossary is None:
        raise report.errors[0] if len(report.errors) == 1 else ContentErrors(report.errors)
    return glossary
