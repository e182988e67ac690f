"""The contacts and sources pages, rendered from a copy of the content with the test's own edits:
an administrator under its own name (a name in the page's language only where one exists), its
address with a recorded check date or "not checked yet", and whether that address is its NORUT
page or only the front page of its website; a source's own title or our description of it, and
its year when only that is known. Ids and texts are looked up in the content, never written here."""

from pathlib import Path

import pytest
import yaml
from content_edits import edit, errors_of, line_of

from exchange_guide.model import load_content
from exchange_guide.render.localise import Localiser
from exchange_guide.render.pages import render_page


def _block(markdown: str, heading_id: str) -> str:
    """The part of a page under the heading with this anchor, up to the next heading."""
    start = markdown.index(f"{{ #{heading_id}")
    end = markdown.find("\n## ", start)
    return markdown[start : end if end != -1 else None]


def _first(content: Path, name: str, key: str, where=lambda item: True) -> dict:
    items = yaml.safe_load((content / name).read_text(encoding="utf-8"))[key]
    return next(item for item in items if where(item))


def _add_after_url(path: Path, item: dict, line: str) -> None:
    """A line for this entry, right after its url."""
    text = path.read_text(encoding="utf-8")
    start = text.index(f"id: {item['id']}\n") if f"id: {item['id']}\n" in text else text.index(f'id: "{item["id"]}"')
    at = text.index(f"url: {item['url']}\n", start) + len(f"url: {item['url']}\n")
    path.write_text(text[:at] + f"    {line}\n" + text[at:], encoding="utf-8")


def test_a_contact_without_a_check_date_says_so_and_a_recorded_one_is_shown(content_copy):
    contact = _first(content_copy, "contacts.yml", "contacts", lambda c: "url" in c and "checked" not in c)
    content = load_content(content_copy)
    for lang in content.languages:
        loc = Localiser(content, lang)
        block = _block(render_page(content, "contacts", lang), contact["id"])
        assert f"<{contact['url']}> ({loc.ui('not_checked')})" in block, lang
    _add_after_url(content_copy / "contacts.yml", contact, "checked: 2030-04-05")
    content = load_content(content_copy)
    for lang in content.languages:
        loc = Localiser(content, lang)
        block = _block(render_page(content, "contacts", lang), contact["id"])
        assert f"<{contact['url']}> ({loc.ui('checked')} {loc.date('2030-04-05')})" in block, lang


def test_only_the_front_page_is_known_unless_a_source_gives_the_norut_page(content_copy):
    contact = _first(content_copy, "contacts.yml", "contacts", lambda c: "url" in c and not c.get("norut_page"))
    content = load_content(content_copy)
    texts = content.pages["contacts"]["texts"]
    for lang in content.languages:
        loc = Localiser(content, lang)
        block = _block(render_page(content, "contacts", lang), contact["id"])
        assert f"{loc.ui('website')}: <{contact['url']}>" in block
        assert loc.inline(texts["front_page"]) in block
        assert loc.inline(texts["norut_page"]) + ":" not in block
    _add_after_url(content_copy / "contacts.yml", contact, "norut_page: true")
    content = load_content(content_copy)
    for lang in content.languages:
        loc = Localiser(content, lang)
        block = _block(render_page(content, "contacts", lang), contact["id"])
        assert f"{loc.inline(texts['norut_page'])}: <{contact['url']}>" in block
        assert loc.inline(texts["front_page"]) not in block


def test_an_administrator_is_named_in_its_own_language_and_in_the_page_language_only_where_it_has_one(content_copy):
    contact = _first(content_copy, "contacts.yml", "contacts", lambda c: not c.get("other_names"))
    content = load_content(content_copy)
    languages = [lang for lang in content.languages if lang != content.default_language][:2]
    names = ", ".join(f"{lang}: Name in {lang}" for lang in languages)
    edit(
        content_copy / "contacts.yml",
        f"    organisation: {contact['organisation']}\n",
        f"    organisation: {contact['organisation']}\n    lang: xx\n    other_names: {{{names}}}\n",
    )
    content = load_content(content_copy)
    for lang in content.languages:
        block = _block(render_page(content, "contacts", lang), contact["id"])
        assert f'<span lang="xx">{contact["organisation"]}</span>' in block, lang
        for other in languages:
            assert (f"Name in {other}" in block) == (other == lang), (lang, other)


def test_a_source_we_describe_is_titled_in_the_page_language_and_its_publisher_marked(content_copy):
    source = _first(
        content_copy,
        "sources.yml",
        "sources",
        lambda s: isinstance(s["title"], dict) and isinstance(s.get("publisher"), str),
    )
    content = load_content(content_copy)
    for lang in content.languages:
        loc = Localiser(content, lang)
        block = _block(render_page(content, "sources", lang), source["id"])
        assert block.startswith(f"{{ #{source['id']} }}")  # the heading is in the page's language
        heading = render_page(content, "sources", lang).split(f" {{ #{source['id']} }}")[0].rsplit("\n", 1)[-1]
        assert heading == f"## {loc.inline(source['title'])}"
        mark = "" if lang == source["language"] else f' lang="{source["language"]}"'
        expected = f"<span{mark}>{source['publisher']}</span>" if mark else source["publisher"]
        assert f"{loc.ui('publisher')}: {expected}" in block, lang


def test_a_source_known_only_by_its_year_shows_the_year(content_copy):
    source = _first(content_copy, "sources.yml", "sources", lambda s: "date" not in s and "year" not in s)
    edit(content_copy / "sources.yml", f"  - id: {source['id']}\n", f"  - id: {source['id']}\n    year: 1999\n")
    content = load_content(content_copy)
    for lang in content.languages:
        loc = Localiser(content, lang)
        assert f"{loc.ui('published')}: 1999" in _block(render_page(content, "sources", lang), source["id"])
        assert f"](sources.md#{source['id']})" in loc.citation([source["id"]])
        assert ", 1999](sources.md#" in loc.citation([source["id"]])


@pytest.mark.parametrize("field", ["date: 1999-05-06", "checked: yesterday"])
def test_a_source_with_a_date_and_a_year_or_a_bad_check_date_is_named(content_copy, field):
    source = _first(content_copy, "sources.yml", "sources", lambda s: "year" in s)
    edit(content_copy / "sources.yml", f"    year: {source['year']}\n", f"    year: {source['year']}\n    {field}\n")
    errors = errors_of(content_copy)
    index = [s["id"] for s in yaml.safe_load((content_copy / "sources.yml").read_text())["sources"]].index(source["id"])
    if field.startswith("date"):
        where, words = f"sources[{index}].year", "not both"
        line = line_of(content_copy / "sources.yml", f"    year: {source['year']}\n    date")
    else:
        where, words = f"sources[{index}].checked", "expected a date"
        line = line_of(content_copy / "sources.yml", "checked: yesterday")
    found = [e for e in errors if f"field '{where}'" in e and words in e]
    assert found and found[0].startswith(f"content/sources.yml:{line}:"), errors
