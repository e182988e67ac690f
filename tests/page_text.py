"""The main text of a built page, as runs of text each with the language it is marked with."""

from html.parser import HTMLParser
from pathlib import Path

from exchange_guide.model.content import read_languages
from exchange_guide.model.schema import Languages

SHIPPED = read_languages(Path(__file__).resolve().parents[1] / "content")
LANGS = SHIPPED.codes  # the shipped site's languages (content/site.yml)
_SKIP = {"script", "style", "code", "pre", "svg", "template"}
_VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col", "area", "base", "embed", "track"}


class _MainText(HTMLParser):
    def __init__(self, lang: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str, bool]] = []  # tag, language, inside main text
        self.lang = lang
        self.runs: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang, main = (self.stack[-1][1], self.stack[-1][2]) if self.stack else (self.lang, False)
        lang = (attrs.get("lang") or lang).split("-")[0]
        if tag == "article" or "md-content__inner" in (attrs.get("class") or ""):
            main = True
        if tag in _SKIP or "headerlink" in (attrs.get("class") or ""):
            main = False
        if tag not in _VOID:
            self.stack.append((tag, lang, main))

    def handle_endtag(self, tag):
        if tag in _VOID:  # <br /> comes here too: it never opened anything, so it closes nothing
            return
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1][2] and data.strip():
            self.runs.append((self.stack[-1][1], data))


def main_text(html: str, lang: str) -> list[tuple[str, str]]:
    parser = _MainText(lang)
    parser.feed(html)
    return parser.runs


def pages(site: Path, languages: Languages = SHIPPED):
    """(language, path, html) for every built page of every language (the default language's at
    the root, each other's in its folder)."""
    for lang in languages.codes:
        folder = site if lang == languages.default else site / lang
        for path in sorted(folder.rglob("index.html")):
            relative = path.relative_to(site)
            if lang == languages.default and relative.parts[0] in languages.codes:
                continue
            yield lang, relative, path.read_text(encoding="utf-8")
