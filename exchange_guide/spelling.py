"""Spelling in every language: Debian's hunspell dictionaries (sv nb da is en) and Voikko for
Finnish, which hunspell cannot do, plus the project's word lists content/spelling/<lang>/*.txt
(one word a line, then two spaces, `#` and why: every entry is a reviewed decision).

A word is known when the dictionary or a word list knows it; a hyphenated word when it is
known whole or each of its parts is ("tur-retur-reise").
"""
from __future__ import annotations

import importlib.util
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from .model import ContentError
from .model.texts import LANGUAGES, Text, content_texts, words

HUNSPELL = {"sv": "sv_SE", "nb": "nb_NO", "da": "da_DK", "is": "is_IS", "en": "en_GB"}
DICTIONARY_DIR = Path("/usr/share/hunspell")
LIBVOIKKO = Path("/usr/lib/python3/dist-packages/libvoikko.py")   # Debian's python3-libvoikko


class MissingDictionaries(Exception):
    """The dictionaries are not installed: `make system-deps` installs them."""


def missing() -> list[str]:
    """What of hunspell, its dictionaries and Voikko is not installed."""
    absent = [] if shutil.which("hunspell") else ["hunspell"]
    absent += [f"hunspell {name}" for name in HUNSPELL.values() if not (DICTIONARY_DIR / f"{name}.dic").exists()]
    if not LIBVOIKKO.exists():
        absent.append("python3-libvoikko")
    return absent


@lru_cache(maxsize=1)
def _voikko():
    spec = importlib.util.spec_from_file_location("libvoikko", LIBVOIKKO)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.Voikko("fi")


def unknown_to_dictionary(lang: str, candidates: set[str]) -> set[str]:
    """The candidates the language's dictionary does not know (no project word list)."""
    absent = missing()
    if absent:
        raise MissingDictionaries(", ".join(absent))
    pieces = {part for word in candidates for part in [word, *word.split("-")] if part}
    if lang == "fi":
        voikko = _voikko()
        bad = {word for word in pieces if not voikko.spell(word)}
    else:
        done = subprocess.run(["hunspell", "-i", "utf-8", "-d", str(DICTIONARY_DIR / HUNSPELL[lang]), "-l"],
                              input="\n".join(sorted(pieces)), capture_output=True, text=True, check=True)
        bad = set(done.stdout.split())
    return {word for word in candidates
            if word in bad and ("-" not in word or any(part in bad for part in word.split("-") if part))}


def word_list(root: Path, lang: str) -> set[str]:
    """The project's words for one language, case-folded."""
    known = set()
    for path in sorted((root / "spelling" / lang).glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            word = line.split("#", 1)[0].strip()
            if word:
                known.add(word.casefold())
    return known


def unknown_words(texts: list[Text], root: Path | None = None) -> dict[str, dict[str, list[Text]]]:
    """Per language, each unknown word and the texts it stands in (word lists used when `root`
    is given; without it, the dictionaries alone)."""
    by_lang: dict[str, dict[str, list[Text]]] = {lang: {} for lang in LANGUAGES}
    for text in texts:
        for word in words(text.text):
            by_lang[text.lang].setdefault(word, [])
            if text not in by_lang[text.lang][word]:
                by_lang[text.lang][word].append(text)
    result = {}
    for lang, found in by_lang.items():
        listed = word_list(root, lang) if root else set()
        bad = unknown_to_dictionary(lang, {w for w in found if w.casefold() not in listed})
        result[lang] = {word: found[word] for word in sorted(bad)}
    return result


def check_spelling(root: Path) -> list[ContentError]:
    """Every unknown word in every text of the content folder, with file, line and field."""
    errors = []
    for lang, found in unknown_words(content_texts(root), root).items():
        for word, where in found.items():
            for text in where:
                errors.append(ContentError(text.path, text.line, text.field,
                                           f"unknown word {word!r} ({lang}): correct it, or add it to "
                                           f"content/spelling/{lang}/<your list>.txt with why"))
    return sorted(errors, key=lambda e: (e.path, e.line or 0))
