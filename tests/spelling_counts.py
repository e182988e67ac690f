"""Distinct unknown words per language, with the dictionaries alone (no project word list):
over the built pages' main text (text marked with another language left out) and over the YAML.

    .venv/bin/python tests/spelling_counts.py SITE_DIR CONTENT_DIR [--words]
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from page_text import LANGS, main_text, pages

from exchange_guide.checks.spelling import dictionaries, unknown_to_dictionary, unknown_words
from exchange_guide.checks.texts import content_texts, words
from exchange_guide.checks.texts import reader_words as plain


def site_unknown(site: Path, content: Path) -> dict[str, list[str]]:
    found_dictionaries = dictionaries(content)
    found: dict[str, set] = {lang: set() for lang in LANGS}
    for lang, _path, html in pages(site):
        for run_lang, text in main_text(html, lang):
            if run_lang == lang:
                found[lang].update(words(plain(text)))
    return {lang: sorted(unknown_to_dictionary(found_dictionaries[lang], found[lang])) for lang in LANGS}


def main(site: str, content: str, show: bool) -> None:
    built = site_unknown(Path(site), Path(content))
    texts = content_texts(Path(content))
    yaml = {lang: sorted(found) for lang, found in unknown_words(texts, dictionaries(Path(content))).items()}
    print("lang  built-pages  yaml")
    for lang in LANGS:
        print(f"{lang:4}  {len(built[lang]):11}  {len(yaml[lang]):4}")
        if show:
            print("   pages:", " ".join(built[lang]))
            print("   yaml: ", " ".join(yaml[lang]))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], "--words" in sys.argv)
