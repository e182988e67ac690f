"""Ordinary editorial edits, made to a content folder the way an editor makes them (in the YAML
text, everything else left as it is), to show that the tests do not pin the content's words,
order or dates: after them, `make test` must pass unchanged.

    .venv/bin/python tools/ordinary_edits.py CONTENT_DIR

1. reword the first FAQ question, in every language;
2. add a FAQ question to the last group;
3. add an agency;
4. reverse the order of the agencies;
5. add a rule set: the open-ended general one gets an end, a new one extends it from then on;
6. record a check of two sources' and an agency's addresses (`checked:` re-dated where there is
   one, added where there is none), as `exchange-guide check-links --record` would.

The edits are made up, for a throwaway copy (a clone): the agency, the amount and the dates were
produced by nothing. Never commit the result.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from exchange_guide.model import load_content
from exchange_guide.model.content import read_languages
from exchange_guide.model.yamlload import load_yaml

CHECKED = "2026-12-05"
NEW_QUESTION = {
    "sv": "Vem kan få stipendiet?",
    "nb": "Hvem kan få stipendet?",
    "da": "Hvem kan få stipendiet?",
    "fi": "Kuka voi saada apurahan?",
    "is": "Hverjir geta fengið styrkinn?",
    "en": "Who can get the stipend?",
}
ADDED_QUESTION = {
    "sv": ("Var hittar jag mer hjälp?", "Läs sidorna i guiden och fråga din chef."),
    "nb": ("Hvor finner jeg mer hjelp?", "Les sidene i veiviseren og spør lederen din."),
    "da": ("Hvor finder jeg mere hjælp?", "Læs siderne i vejledningen, og spørg din leder."),
    "fi": ("Mistä saan lisää apua?", "Lue oppaan sivut ja kysy esihenkilöltäsi."),
    "is": ("Hvar fæ ég meiri hjálp?", "Lestu síðurnar í leiðarvísinum og spurðu yfirmann þinn."),
    "en": ("Where can I find more help?", "Read the pages of this guide and ask your manager."),
}
NEW_RULE_SET_TITLE = {
    "sv": "Allmänna regler från 2030",
    "nb": "Generelle regler fra 2030",
    "da": "Generelle regler fra 2030",
    "fi": "Yleiset säännöt vuodesta 2030",
    "is": "Almennar reglur frá 2030",
    "en": "General rules from 2030",
}


def quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


class YamlText:
    """One content file as lines, edited at the (1-based) lines its loaded tree gives."""

    def __init__(self, path: Path):
        self.path = path
        self.lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        self.tree = load_yaml(path)

    def block_end(self, line: int) -> int:
        """The line after the block that starts at `line` (a key or a `- ` item) and holds every
        following line indented deeper; trailing blank lines are not part of it."""
        start = self.lines[line - 1]
        column = indent_of(start)
        end = line
        for number in range(line + 1, len(self.lines) + 1):
            text = self.lines[number - 1]
            if not text.strip():
                continue
            if indent_of(text) <= column:
                break
            end = number
        return end + 1

    def replace(self, first: int, after: int, new: list[str]) -> None:
        self.lines[first - 1 : after - 1] = new

    def save(self) -> None:
        self.path.write_text("".join(self.lines), encoding="utf-8")


def _texts(indent: int, key: str, texts: dict[str, str]) -> list[str]:
    pad = " " * indent
    return [f"{pad}{key}:\n", *(f"{pad}  {lang}: {quoted(text)}\n" for lang, text in texts.items())]


def reword_question(root: Path, languages: tuple[str, ...]) -> str:
    faq = YamlText(root / "faq.yml")
    question = faq.tree["groups"][0]["questions"][0]
    line = question.line_of("question")
    assert faq.lines[line - 1].lstrip().startswith("question:"), faq.lines[line - 1]
    texts = {lang: NEW_QUESTION.get(lang, question["question"].get(lang)) for lang in languages}
    texts = {lang: text for lang, text in texts.items() if text is not None}
    faq.replace(line, faq.block_end(line), _texts(indent_of(faq.lines[line - 1]), "question", texts))
    faq.save()
    return f"faq.yml: question {question['id']!r} reworded in {', '.join(texts)}"


def add_question(root: Path, languages: tuple[str, ...]) -> str:
    faq = YamlText(root / "faq.yml")
    questions = faq.tree["groups"][-1]["questions"]
    last = questions.line_of(len(questions) - 1)
    pad = " " * indent_of(faq.lines[last - 1])
    known = [lang for lang in languages if lang in ADDED_QUESTION]
    source = YamlText(root / "sources.yml").tree["sources"][0]["id"]
    item = [
        f"{pad}- id: ordinary-edit-help\n",
        *_texts(len(pad) + 2, "question", {lang: ADDED_QUESTION[lang][0] for lang in known}),
        *_texts(len(pad) + 2, "answer", {lang: ADDED_QUESTION[lang][1] for lang in known}),
        f"{pad}  sources: [{source}]\n",
    ]
    end = faq.block_end(last)
    faq.replace(end, end, item)
    faq.save()
    return "faq.yml: question 'ordinary-edit-help' added to the last group"


def add_agency(root: Path) -> str:
    agencies = YamlText(root / "agencies.yml")
    area = next(a["id"] for a in agencies.tree["areas"] if "SE" not in a.get("none_yet", []))
    items = agencies.tree["agencies"]
    last = items.line_of(len(items) - 1)
    pad = " " * indent_of(agencies.lines[last - 1])
    item = [
        f"{pad}- id: ordinary-edit-agency\n",
        f"{pad}  country: SE\n",
        f"{pad}  name: Statens verk för exempel\n",
        f"{pad}  name_en: Swedish Agency for Examples\n",
        f"{pad}  url: https://www.example.se\n",
        f"{pad}  areas: [{area}]\n",
        f"{pad}  checked: {CHECKED}\n",
    ]
    end = agencies.block_end(last)
    agencies.replace(end, end, ["\n", *item])
    agencies.save()
    return f"agencies.yml: agency 'ordinary-edit-agency' added (SE, area {area!r})"


def reverse_agencies(root: Path) -> str:
    agencies = YamlText(root / "agencies.yml")
    items = agencies.tree["agencies"]
    starts = [items.line_of(index) for index in range(len(items))]
    end = agencies.block_end(starts[-1])
    bounds = list(zip(starts, [*starts[1:], end], strict=True))
    blocks = [agencies.lines[first - 1 : after - 1] for first, after in bounds]
    separated = any(not line.strip() for line in blocks[0])
    blocks = [block[: max(i for i, line in enumerate(block) if line.strip()) + 1] for block in blocks]
    reordered = [line for block in reversed(blocks) for line in [*block, *(["\n"] if separated else [])]]
    if separated:
        reordered.pop()
    agencies.replace(starts[0], end, reordered)
    agencies.save()
    return f"agencies.yml: the {len(items)} agencies in reverse order"


def add_rule_set(root: Path, languages: tuple[str, ...]) -> str:
    rules = YamlText(root / "rules.yml")
    rule_sets = rules.tree["rule_sets"]
    index, general = next((i, rs) for i, rs in enumerate(rule_sets) if not rs.get("home") and not rs.get("valid_to"))
    # The open-ended general rule set ends where the new one begins.
    line = general.line_of("valid_from")
    pad = " " * indent_of(rules.lines[line - 1])
    rules.replace(line + 1, line + 1, [f"{pad}valid_to: 2029-12-31\n"])
    rules.save()
    rules = YamlText(root / "rules.yml")
    rule_sets = rules.tree["rule_sets"]
    last = rule_sets.line_of(len(rule_sets) - 1)
    dash = " " * indent_of(rules.lines[last - 1])
    stipend = rule_sets[index]["values"]["monthly_stipend"]
    amount = int(stipend["amount"]) + 500
    title = {lang: NEW_RULE_SET_TITLE[lang] for lang in languages if lang in NEW_RULE_SET_TITLE}
    item = [
        f"{dash}- id: general-2030\n",
        *_texts(len(dash) + 2, "title", title),
        f"{dash}  valid_from: 2030-01-01\n",
        f"{dash}  extends: {general['id']}\n",
        f"{dash}  values:\n",
        f"{dash}    monthly_stipend: {{amount: {amount}, currency: DKK, source: {stipend['source']}}}\n",
    ]
    end = rules.block_end(last)
    rules.replace(end, end, ["\n", *item])
    rules.save()
    return f"rules.yml: {general['id']!r} ends 2029-12-31; 'general-2030' extends it ({amount} DKK a month)"


def _record_check(text: YamlText, item) -> str:
    """`checked:` on an entry with an address, as `check-links --record` writes it: re-dated where
    the entry has one, added after its `url:` where it has none."""
    if "checked" in item:
        line = item.line_of("checked")
        old = text.lines[line - 1]
        text.lines[line - 1] = old[: old.index("checked:")] + f"checked: {CHECKED}\n"
        return "checked again"
    line = item.line_of("url")
    pad = " " * indent_of(text.lines[line - 1])
    text.replace(line + 1, line + 1, [f"{pad}checked: {CHECKED}\n"])
    return "checked for the first time"


def redate_checks(root: Path) -> str:
    sources = YamlText(root / "sources.yml")
    first, second = [s for s in sources.tree["sources"] if "url" in s][:2]
    # The later entry first, so that the earlier one's line numbers still hold.
    done_second = _record_check(sources, second)
    done_first = _record_check(sources, first)
    sources.save()
    agencies = YamlText(root / "agencies.yml")
    agency = next(a for a in agencies.tree["agencies"] if a["id"] != "ordinary-edit-agency" and "url" in a)
    done_agency = _record_check(agencies, agency)
    agencies.save()
    return (
        f"sources.yml: {first['id']!r} {done_first}, {second['id']!r} {done_second}; "
        f"agencies.yml: {agency['id']!r} {done_agency} (all {CHECKED})"
    )


def main(root: Path) -> None:
    languages = read_languages(root).codes
    for done in (
        reword_question(root, languages),
        add_question(root, languages),
        add_agency(root),
        reverse_agencies(root),
        add_rule_set(root, languages),
        redate_checks(root),
    ):
        print(done)
    load_content(root)  # raises ContentErrors if an edit made the content invalid
    print(f"{root}: the content loads")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
