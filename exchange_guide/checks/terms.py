"""One term for one thing: no text of a language uses a variant that content/glossary.yml says to
avoid for that language (as a word or the start of one, any case)."""

from __future__ import annotations

import re
from pathlib import Path

from ..model.errors import ContentError
from ..model.glossary import load_glossary
from .texts import TextOccurrence, content_texts


def _patterns(glossary: dict) -> dict[str, list[tuple[re.Pattern, str, str]]]:
    """Per language: (pattern, avoided variant, the term to use)."""
    found: dict[str, list] = {}
    for term in glossary["terms"]:
        for lang, entry in term.items():
            if lang in ("id", "concept"):  # the rest are languages
                continue
            for variant in entry.get("avoid", []):
                words = r"\s+".join(re.escape(word) for word in variant.split())
                found.setdefault(lang, []).append(
                    (re.compile(rf"(?<!\w){words}", re.IGNORECASE), variant, entry["use"])
                )
    return found


def avoided_variants(texts: list[TextOccurrence], glossary: dict) -> list[ContentError]:
    patterns = _patterns(glossary)
    errors = []
    for text in texts:
        for pattern, variant, use in patterns.get(text.lang, []):
            match = pattern.search(text.text)
            if match:
                errors.append(
                    ContentError(
                        text.path,
                        text.line,
                        text.field,
                        f"{match.group(0)!r}: the glossary says {use!r} ({variant!r} is to be avoided)",
                    )
                )
    return errors


def check_terms(root: Path) -> list[ContentError]:
    """Every avoided variant in every text of the content folder."""
    return avoided_variants(content_texts(root), load_glossary(root))
