"""Spelling in every language that content/site.yml gives a dictionary for (`dictionary:`): Debian's
hunspell dictionaries (`hunspell:sv_SE`) or Voikko (`voikko:fi`, for Finnish, which hunspell cannot
do), plus the project's word lists content/spelling/<lang>/*.txt (one word a line, then two
spaces, `#` and why: every entry is a reviewed decision). A language without a dictionary is not
checked, and `exchange-guide check` says so.

A word is known when the dictionary or a word list knows it; a hyphenated word when it is
known whole or each of its parts is ("tur-retur-reise").
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..model import ContentError
from ..model.content import _relative
from ..model.yamlload import load_yaml
from .texts import TextOccurrence, content_texts, words

DICTIONARY_DIR = Path("/usr/share/hunspell")


class MissingDictionaries(Exception):
    """A dictionary site.yml names is not installed: `make system-deps` installs them."""


@dataclass(frozen=True)
class Dictionary:
    kind: str  # "hunspell" or "voikko"
    name: str  # sv_SE (a hunspell file), fi (a Voikko language)

    def installed(self) -> bool:
        if self.kind == "hunspell":
            return shutil.which("hunspell") is not None and (DICTIONARY_DIR / f"{self.name}.dic").exists()
        try:
            _voikko(self.name)
        except (ImportError, OSError):
            return False
        return True

    def __str__(self) -> str:
        return f"{self.kind}:{self.name}"


def dictionaries(root: Path) -> dict[str, Dictionary | None]:
    """Each language of content/site.yml and its dictionary (None: site.yml gives none). The file
    is read as it is; `load_content` has validated it."""
    site = load_yaml(root / "site.yml", _relative(root)(root / "site.yml"))
    found: dict[str, Dictionary | None] = {}
    for language in site["languages"]:
        kind, _, name = (language.get("dictionary") or "").partition(":")
        found[language["code"]] = Dictionary(kind, name) if name else None
    return found


def missing(found: dict[str, Dictionary | None]) -> list[str]:
    """The dictionaries named in site.yml that are not installed."""
    return [str(dictionary) for dictionary in found.values() if dictionary and not dictionary.installed()]


@cache
def _voikko(language: str):
    # PyPI's libvoikko (requirements.lock) over Debian's libvoikko1 and its voikko-fi dictionary.
    import libvoikko

    return libvoikko.Voikko(language)


def unknown_to_dictionary(dictionary: Dictionary, candidates: set[str]) -> set[str]:
    """The candidates the dictionary does not know (no project word list)."""
    if not dictionary.installed():
        raise MissingDictionaries(str(dictionary))
    pieces = {part for word in candidates for part in [word, *word.split("-")] if part}
    if dictionary.kind == "voikko":
        voikko = _voikko(dictionary.name)
        bad = {word for word in pieces if not voikko.spell(word)}
    else:
        done = subprocess.run(
            ["hunspell", "-i", "utf-8", "-d", str(DICTIONARY_DIR / dictionary.name), "-l"],
            input="\n".join(sorted(pieces)),
            capture_output=True,
            text=True,
            check=True,
        )
        bad = set(done.stdout.split())
    return {
        word
        for word in candidates
        if word in bad and ("-" not in word or any(part in bad for part in word.split("-") if part))
    }


def word_list(root: Path, lang: str) -> set[str]:
    """The project's words for one language, case-folded."""
    known = set()
    for path in sorted((root / "spelling" / lang).glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            word = line.split("#", 1)[0].strip()
            if word:
                known.add(word.casefold())
    return known


def unknown_words(
    texts: list[TextOccurrence], found: dict[str, Dictionary | None], root: Path | None = None
) -> dict[str, dict[str, list[TextOccurrence]]]:
    """Per language that has a dictionary, each unknown word and the texts it stands in (word lists
    used when `root` is given; without it, the dictionaries alone)."""
    by_lang: dict[str, dict[str, list[TextOccurrence]]] = {lang: {} for lang, d in found.items() if d}
    for text in texts:
        if text.lang not in by_lang:
            continue
        for word in words(text.text):
            where = by_lang[text.lang].setdefault(word, [])
            if text not in where:
                where.append(text)
    result = {}
    for lang, words_found in by_lang.items():
        listed = word_list(root, lang) if root else set()
        dictionary = found[lang]
        assert dictionary is not None
        bad = unknown_to_dictionary(dictionary, {w for w in words_found if w.casefold() not in listed})
        result[lang] = {word: words_found[word] for word in sorted(bad)}
    return result


def check_spelling(root: Path) -> list[ContentError]:
    """Every unknown word in every text of the content folder, with file, line and field."""
    errors = []
    for lang, found in unknown_words(content_texts(root), dictionaries(root), root).items():
        for word, where in found.items():
            for text in where:
                errors.append(
                    ContentError(
                        text.path,
                        text.line,
                        text.field,
                        f"unknown word {word!r} ({lang}): correct it, or add it to "
                        f"content/spelling/{lang}/<your list>.txt with why",
                    )
                )
    return sorted(errors, key=lambda e: (e.path, e.line or 0))
