"""Every text of every language in the content folder, with where it stands, as plain words.

The language checks (model/glossary.py, exchange_guide/spelling.py) read texts through this one
walk: a mapping whose keys are language codes (and include the default language) is a text, each
value the text in that language (a counted text holds several forms). Markdown, placeholders,
addresses and passages marked with another language (`*Så ansöker du*{: lang="sv" }`) are taken
out, so only the words of that language remain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..model.content import _relative, read_languages
from ..model.schema import Languages, field_name
from ..model.yamlload import Node, NodeList, load_yaml


@dataclass(frozen=True)
class TextOccurrence:
    """One language's text of one translatable text, where it stands, as plain words."""

    path: str  # content/faq.yml
    line: int
    field: str  # questions[3].answer.sv
    lang: str
    text: str  # plain words: Markdown and placeholders taken out


_OTHER_LANGUAGE = re.compile(r"\*{1,2}[^*\n]+\*{1,2}\{:\s*lang=\"?([a-z]{2})\"?\s*\}")
_STRIP = [
    re.compile(r"\{:[^}]*\}"),  # attr_list
    re.compile(r"\{[a-z_]+(?::[^}]*)?\}"),  # {n}, {rule:...}, {date}
    re.compile(r"\]\([^)]*\)"),  # link targets
    re.compile(
        r"https?://\S+|\b[\w.+-]+@[\w-]+\.[\w.]+|\b[\w-]+(?:\.[\w-]+)*\.(?:se|no|dk|fi|is|gl|fo|ax|eu|org|com|net)\b"
    ),
    re.compile(r"`[^`]*`"),
    re.compile(r"\d+[-–][^\W\d_]+"),  # "30-vuotiaita", "5-dagars": a number's compound
]


def reader_words(text: str) -> str:
    """A Markdown text as the words a reader reads in its own language."""
    text = _OTHER_LANGUAGE.sub(" ", text)
    for pattern in _STRIP:
        text = pattern.sub(" ", text)
    return re.sub(r"[*_#>|\[\]]", " ", text)


def _strings(value, line: int, path: tuple):
    if isinstance(value, str):
        yield line, path, value
    elif isinstance(value, Node):
        for key, inner in value.items():
            yield from _strings(inner, value.line_of(key), (*path, key))


def texts_in(tree, shown_path: str, languages: Languages):
    """Each language's text in one loaded YAML tree."""
    codes = set(languages.codes)

    def walk(node, path):
        if isinstance(node, Node):
            keys = set(node)
            if keys and keys <= codes and languages.default in keys:
                for lang, value in node.items():
                    for line, where, string in _strings(value, node.line_of(lang), (*path, lang)):
                        yield TextOccurrence(shown_path, line, field_name(where), lang, reader_words(string))
                return
            for key, inner in node.items():
                yield from walk(inner, (*path, key))
        elif isinstance(node, NodeList):
            for index, inner in enumerate(node):
                yield from walk(inner, (*path, index))

    yield from walk(tree, ())


def content_texts(root: Path) -> list[TextOccurrence]:
    """Every text in content/*.yml, in the languages site.yml lists (glossary.yml holds terms, not
    texts, and is left out)."""
    languages = read_languages(root)
    found: list[TextOccurrence] = []
    relative = _relative(root)
    for path in sorted(root.glob("*.yml")):
        if path.name == "glossary.yml":
            continue
        shown = relative(path)
        found.extend(texts_in(load_yaml(path, shown), shown, languages))
    return found


# A word, hyphenated or not; a Finnish case ending after a colon ("NORUT:n") belongs to the word
# before it; a truncated compound ("hälso- och sjukvård") keeps its hyphen and is not checked.
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*(?::[^\W\d_]+)?-?")


def words(text: str) -> list[str]:
    """The words to check, a colon ending taken off."""
    return [word.split(":")[0] for word in WORD.findall(text) if not word.endswith("-")]
