"""Markdown for each page in one language, from validated content (exchange_guide.model).

A page is a list of Markdown blocks; each item with an `id` gets that id as its anchor, and
each fact is followed by the sources it rests on.
"""

from __future__ import annotations

import json
import re

from .calculator import calculator
from .directory import NAME_LANG, directory
from .how_we_know import how_we_know
from .html import render
from .localise import Localiser, escape_md

# Pages that need a theme template of their own (overrides/<name>.html), e.g. to load a script
# on that page only.
TEMPLATES = {"calculator": "calculator.html", "directory": "directory.html"}


def _front_matter(loc: Localiser, name: str, page: dict, blocks: list[str]) -> str:
    # The navigation shows the short label from site.yml; the H1 is the page's own title.
    title = loc.inline(loc.content.site["nav"][name]).replace('"', "'")
    description = loc.inline(page["description"]).replace('"', "'")
    template = f"template: {TEMPLATES[name]}\n" if name in TEMPLATES else ""
    # The page's contents lists (overrides/partials/contents.html, toc-item.html) repeat each
    # heading's text but not its attributes: they mark a heading in another language from this.
    marked = {anchor: lang for block in blocks for anchor, lang in _MARKED_HEADING.findall(block)}
    languages = f"heading_lang: {json.dumps(marked)}\n" if marked else ""
    return f'---\ntitle: "{title}"\ndescription: "{description}"\n{template}{languages}---\n'


def _heading(level: int, text: str, anchor: str, lang: str | None = None) -> str:
    """A heading with its anchor, and its language where it is in another than the page's."""
    marked = f' lang="{lang}"' if lang else ""
    return f"{'#' * level} {escape_md(text)} {{ #{anchor}{marked} }}"


_MARKED_HEADING = re.compile(r'^#+ .* \{ #([a-z0-9-]+) lang="([A-Za-z0-9-]+)" \}$', re.M)  # _heading's, with lang


def _section(loc: Localiser, item: dict, level: int = 2) -> list[str]:
    blocks = [_heading(level, loc.inline(item["heading"]), item["id"])]
    if "body" in item:
        blocks.append(loc.block(item["body"]))
    if "items" in item:
        blocks.append("\n".join(f"- {loc.block(text)}" for text in item["items"]))
    blocks.append(loc.citation(item.get("sources")))
    return blocks


def index(loc: Localiser, data: dict) -> list[str]:
    return [block for section in data["sections"] for block in _section(loc, section)]


def managers(loc: Localiser, data: dict) -> list[str]:
    return index(loc, {"sections": data["sections"]})


def steps(loc: Localiser, data: dict) -> list[str]:
    blocks = []
    for number, step in enumerate(data["steps"], start=1):
        title = f"{loc.ui('step')} {number}: {loc.inline(step['title'])}"
        blocks += [_heading(2, title, step["id"]), loc.block(step["body"]), loc.citation(step.get("sources"))]
    return blocks


def faq(loc: Localiser, data: dict) -> list[str]:
    blocks = []
    for group in data["groups"]:
        blocks.append(_heading(2, loc.inline(group["heading"]), group["id"]))
        for question in group["questions"]:
            blocks += [
                _heading(3, loc.inline(question["question"]), question["id"]),
                loc.block(question["answer"]),
                loc.citation(question.get("sources")),
            ]
    return blocks


def checklists(loc: Localiser, data: dict) -> list[str]:
    blocks = []
    for checklist in data["checklists"]:
        blocks.append(_heading(2, loc.inline(checklist["heading"]), checklist["id"]))
        lines = []
        for item in checklist["items"]:
            cite = loc.citation(item.get("sources"))
            text = loc.block(item["text"]).replace("\n", "\n    ")
            lines.append(f"- {text}" + (f"\n\n    {cite}\n" if cite else ""))
        blocks.append('<div class="eg-checklist" markdown="1">\n\n' + "\n".join(lines) + "\n\n</div>")
    return blocks


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def programmes(loc: Localiser, data: dict) -> list[str]:
    table = data["table"]
    head = [loc.inline(table[key]) for key in ("programme", "length", "where", "who_pays")]
    rows = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for item in data["programmes"]:
        cells = [f"[{escape_md(loc.inline(item['name']))}](#{item['id']})"] + [
            loc.inline(item[key]) for key in ("length", "where", "who_pays")
        ]
        rows.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    blocks = ["\n".join(rows)]
    for item in data["programmes"]:
        blocks += [_heading(2, loc.inline(item["name"]), item["id"]), loc.block(item["summary"])]
        if "url" in item:
            blocks.append(f"<{item['url']}>")
        blocks.append(loc.citation(item.get("sources")))
    return blocks


def _address(loc: Localiser, item: dict, label: str) -> str:
    """'Website: <https://…> (last checked …)'; without a recorded check, that it is not checked
    yet; without an address, plainly that none is given."""
    if "url" not in item:
        return f"{label}: {loc.ui('not_given')}"
    if item.get("checked"):
        return f"{label}: <{item['url']}> ({loc.ui('checked')} {loc.date(item['checked'])})"
    return f"{label}: <{item['url']}> ({loc.ui('not_checked')})"


def _organisation_name(loc: Localiser, name: str, name_lang: str, other_names: dict) -> str:
    """An organisation's own name, marked with its language, and its name in the page's language
    where it has one (a Finnish agency's Swedish name on the Swedish pages): never a name in a
    third language."""
    shown = loc.in_language(escape_md(name), name_lang)
    other = other_names.get(loc.lang)
    if other and loc.lang != name_lang:
        shown += f" ({escape_md(other)})"
    return shown


def contacts(loc: Localiser, data: dict) -> list[str]:
    texts = data["texts"]
    blocks = []
    for contact in data["contacts"]:
        country = loc.inline(loc.content.site["countries"][contact["home"]])
        blocks.append(_heading(2, country, contact["id"]))
        # The administrator's own name is in its country's language unless the entry says `lang:`.
        name_lang = contact.get("lang") or NAME_LANG[contact["home"]]
        lines = [f"**{_organisation_name(loc, contact['organisation'], name_lang, contact.get('other_names', {}))}**"]
        if "email" in contact:
            lines.append(f"{loc.ui('email')}: [{contact['email']}](mailto:{contact['email']})")
        if contact.get("norut_page"):
            lines.append(_address(loc, contact, loc.inline(texts["norut_page"])))
        else:
            lines.append(_address(loc, contact, loc.ui("website")))
            if "url" in contact:
                lines.append(escape_md(loc.inline(texts["front_page"])))
        blocks.append("  \n".join(lines))
        if "note" in contact:
            blocks.append(loc.block(contact["note"]))
        blocks.append(loc.citation(contact.get("sources")))
    return blocks


def sources(loc: Localiser, data: dict) -> list[str]:
    blocks = []
    for source in data["sources"]:
        publisher, title, lang = loc.source_fields(source)
        marked = lang if lang != loc.lang else None
        # A published source's publisher is named in the source's language, even where the title
        # is our own description of the source (given per language, so in the page's).
        publisher_lang = source["language"] if isinstance(source.get("publisher"), str) else None
        named = loc.in_language(escape_md(publisher), publisher_lang) if publisher else loc.ui("not_given")
        facts = [f"{loc.ui('publisher')}: {named}", f"{loc.ui('published')}: {escape_md(loc.published(source))}"]
        if source.get("uncertain"):
            facts.append(f"**{loc.ui('uncertain').capitalize()}**")
        facts.append(_address(loc, source, loc.ui("website")))
        blocks += [
            _heading(2, title, source["id"], marked),
            "  \n".join(facts),
            loc.block(source["note"]) if "note" in source else "",
        ]  # (empty blocks are left out)
    return blocks


def accessibility(loc: Localiser, data: dict) -> list[str]:
    reviewed = f"**{escape_md(loc.inline(data['reviewed_label']))}:** {loc.date(data['reviewed'])}"
    return [
        '<div class="eg-status-statement" markdown="1">\n\n' + loc.block(data["status"]) + "\n\n</div>",
        reviewed,
        *index(loc, {"sections": data["sections"]}),
    ]


BODIES = {
    "accessibility": accessibility,
    "calculator": calculator,
    "directory": directory,
    "index": index,
    "steps": steps,
    "faq": faq,
    "managers": managers,
    "checklists": checklists,
    "programmes": programmes,
    "contacts": contacts,
    "sources": sources,
    "how-we-know": how_we_know,
}


def render_page(content, name: str, lang: str) -> str:
    """The Markdown of page `name` in `lang` (with a notice if any of it fell back to the default)."""
    loc = Localiser(content, lang)
    data = content.sources if name == "sources" else content.pages[name]
    page = data["page"]
    blocks = [f"# {escape_md(loc.inline(page['title']))}", loc.block(page["intro"])]
    blocks += BODIES[name](loc, data)
    if loc.fell_back:
        blocks.insert(1, render("fallback.html", notice=loc.ui("missing_translation")))
    body = "\n\n".join(block for block in blocks if block)
    return _front_matter(loc, name, page, blocks) + "\n" + body + "\n"
