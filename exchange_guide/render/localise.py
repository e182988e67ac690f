"""Texts for one language: translation with fallback, numbers, dates, durations, rule values.

Everything a page says in a given language passes through `Localiser`, so fallbacks are
noticed in one place and every amount is formatted from the value in rules.yml.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from decimal import Decimal
from typing import Any

from babel import Locale
from babel.dates import format_date, get_date_format, get_month_names

from calculators.codes import DURATION_UNITS, VALUE_KINDS
from calculators.rules import Value

from ..model.content import Content
from ..model.plurals import form as counted_form
from ..model.schema import RULE_PLACEHOLDER, Translation
from ..model.shapes import LanguageData, SourceData
from .html import render


class Localiser:
    def __init__(self, content: Content, lang: str):
        self.content = content
        self.lang = lang
        self.default = content.default_language
        self.language: LanguageData = next(item for item in content.site["languages"] if item["code"] == lang)
        self.fell_back = False  # set when any text on the page came from the default language
        self._rule_sets = {rs["id"]: rs for rs in content.rules["rule_sets"]}

    # --- translations -------------------------------------------------------------------
    def pick(self, text: Translation) -> tuple[str, bool]:
        """The text in this language, or the default language's text and True."""
        if self.lang in text:
            return self.fill(text[self.lang]), False
        self.fell_back = True
        return self.fill(text[self.default]), True

    def inline(self, text: Translation) -> str:
        """A short text (title, heading, table cell); a fallback is marked on the page as a whole."""
        return self.pick(text)[0]

    def block(self, text: Translation) -> str:
        """A Markdown text; a fallback is wrapped with a notice and its own language attribute."""
        value, fell_back = self.pick(text)
        if not fell_back:
            return value
        notice = self.content.ui["missing_translation"].get(self.lang) or ""
        return render("fallback.html", notice=notice, lang=self.default, markdown=value)

    def ui(self, key: str) -> str:
        return self.inline(self.content.ui[key])

    def forms(self, text: Translation) -> Any:
        """A counted text's forms in this language (model/plurals.py), rule values filled: what
        the browser gets, to choose from with Intl.PluralRules."""
        if self.lang not in text:
            self.fell_back = True
        value = text[self.lang] if self.lang in text else text[self.default]
        if isinstance(value, dict):
            return {key: self.forms({self.lang: inner}) for key, inner in value.items()}
        return self.fill(value)

    def count(self, text: Translation, count: int, case: str = "nom") -> str:
        """A counted text for a count: the form its CLDR plural category (and case) asks for,
        with `{n}` filled."""
        lang = self.lang if self.lang in text else self.default
        form = counted_form(self.forms(text), lang, count, case)
        return form.replace("{n}", self.number(count))

    # --- numbers, dates, durations -----------------------------------------------------
    def number(self, value: Decimal | int) -> str:
        value = Decimal(value)
        whole, _, fraction = f"{abs(value):f}".partition(".")
        groups: list[str] = []
        while len(whole) > 3:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        groups.insert(0, whole)
        text = self.language["thousands_separator"].join(groups)
        if fraction.strip("0"):
            text += self.language["decimal_separator"] + fraction
        return ("-" if value < 0 else "") + text

    def money(self, amount: Decimal | int | str, currency: str) -> str:
        """An amount with its currency code, on the side the language puts it (site.yml)."""
        number = self.number(Decimal(str(amount)))
        return f"{currency}\u00a0{number}" if self.language.get("currency_first") else f"{number}\u00a0{currency}"

    @property
    def locale(self) -> str:
        """The CLDR locale for dates (site.yml), e.g. en-GB; the language code by default."""
        return self.language.get("locale") or self.lang

    def date(self, value: dt.date | str) -> str:
        """A date as the language writes it in running text: CLDR's long form ("2 May 2023")."""
        if isinstance(value, str):
            value = dt.date.fromisoformat(value)
        return format_date(value, "long", locale=Locale.parse(self.locale, sep="-"))

    def date_format(self) -> dict[str, Any]:
        """What the browser needs to write dates as `date` does (frontend/.../calculator/format.js):
        CLDR's long pattern and the month names, from Babel, so that no browser locale data is used;
        and the short pattern ("y-MM-dd", "d.M.y"): the order in which the calculator reads a date typed in."""
        locale = Locale.parse(self.locale, sep="-")
        months = get_month_names("wide", context="format", locale=locale)
        return {
            "pattern": get_date_format("long", locale=locale).pattern,
            "short": get_date_format("short", locale=locale).pattern,
            "months": [months[m] for m in range(1, 13)],
        }

    def short_date(self, value: dt.date) -> str:
        """A date as typed into a form in this language: CLDR's short form ("2026-03-02", "2.3.2026")."""
        return format_date(value, "short", locale=Locale.parse(self.locale, sep="-"))

    def duration(self, count: int, unit: str, case: str = "nom") -> str:
        return self.count(self.content.ui[unit], count, case).replace(" ", "\u00a0", 1)

    # --- rule values -----------------------------------------------------------------
    def value_words(
        self, name: str, value: Value, answers: dict[str, Translation] | None = None, case: str = "nom"
    ) -> str:
        """A rules.yml value in words, the one place that says how: "18 000 DKK", "6 månader".
        `answers` (the calculator page's `rules` texts) give yes and no and each rounding mode's
        words, which only the rule tables need; a sentence quotes only numbers with their unit."""
        kind = VALUE_KINDS[name]
        if kind == "amount":
            return self.money(value["amount"], value["currency"])
        if kind == "duration":
            unit = next(unit for unit in DURATION_UNITS if unit in value)
            return self.duration(int(value[unit]), unit, case)
        if kind == "from_months":
            return self.duration(int(value["from_months"]), "months", case)
        if kind in ("count", "days_per_month"):
            return self.number(int(value[kind]))
        names = self.content.site["countries"]
        if kind == "countries":
            return ", ".join(self.inline(names[code]) for code in value["codes"])
        if kind == "territories":  # "Färöarna (Danmark), ...": each territory with its state
            return ", ".join(
                f"{self.inline(names[code])} ({self.inline(names[state])})" for code, state in value["states"].items()
            )
        if answers is None:
            raise ValueError(f"{name}: a {kind} value is put in words only in the rule tables, with their answers")
        if kind in ("required", "applies"):
            return self.inline(answers["answer_yes" if value[kind] else "answer_no"])
        return self.inline(answers[value["mode"]])  # rounding: the words of its own mode

    def rule_value(self, rule_set_id: str, name: str, case: str = "nom") -> str:
        return self.value_words(name, self._rule_sets[rule_set_id]["values"][name], case=case)

    def fill(self, text: str) -> str:
        return RULE_PLACEHOLDER.sub(lambda m: self.rule_value(m.group(1), m.group(2), m.group(3) or "nom"), text)

    # --- language of parts (WCAG 3.1.2) ------------------------------------------------
    def in_language(self, markdown: str, lang: str | None) -> str:
        """Inline Markdown in another language than the page's, marked with its `lang` so that a
        screen reader reads it with the right voice; in the page's language, as it is."""
        if not lang or lang == self.lang:
            return markdown
        return f'<span lang="{lang}">{markdown}</span>'

    def source_fields(self, source: SourceData) -> tuple[str | None, str, str]:
        """A source's publisher, title and the language they are in: a published source's own
        words in its language; the guide's own sources (title and publisher given per language
        in sources.yml) in the page's."""
        given = source.get("publisher")
        publisher = self.inline(given) if isinstance(given, dict) else given
        if not isinstance(source["title"], dict):
            return publisher, source["title"], source["language"]
        return publisher, self.inline(source["title"]), self.lang

    def source_parts(self, source: SourceData) -> tuple[str, str]:
        """'Publisher: title' (or the title alone) as plain text, and its language. A published
        source that we describe in our own words (its title per language) is named by that
        description alone, in the page's language: its publisher's name, in another language,
        stands on the sources page."""
        publisher, title, lang = self.source_fields(source)
        if isinstance(source["title"], dict) and not isinstance(source.get("publisher"), dict):
            return title, lang
        return (f"{publisher}: {title}" if publisher else title), lang

    def source_name(self, source: SourceData) -> str:
        """A source's publisher and title (Markdown), marked with the source's language."""
        text, lang = self.source_parts(source)
        return self.in_language(escape_md(html.escape(text, quote=False)), lang)

    # --- sources -----------------------------------------------------------------------
    def published(self, source: SourceData) -> str:
        """When a source was published: its date, only its year, or that it is undated."""
        if source.get("date"):
            return self.date(source["date"])
        return str(source["year"]) if source.get("year") else self.ui("undated")

    def citation(self, source_ids: list[str] | None) -> str:
        """One line under a fact: 'Källa: [UHR: Nordiskt tjänstepersonsutbyte, 2023-05-02](sources.md#...)'."""
        if not source_ids:
            return ""
        links = []
        for source_id in source_ids:
            source = self.content.source(source_id)
            label = f"{self.source_name(source)}, {escape_md(self.published(source))}"
            if source.get("uncertain"):
                label += f" ({escape_md(self.ui('uncertain'))})"
            links.append(f"[{label}](sources.md#{source_id})")
        heading = self.ui("source") if len(links) == 1 else self.ui("sources")
        # A Markdown paragraph with its class in attr_list syntax, not <p markdown="1">: inside a
        # list item (checklists) md_in_html leaves raw HTML unparsed, which made invalid HTML.
        return f"{heading}: {'; '.join(links)}\n{{: .eg-sources }}"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]#])")


def escape_md(text: str) -> str:
    """Plain text (a name, a title) placed inside Markdown: no accidental emphasis or links."""
    return _MD_SPECIAL.sub(r"\\\1", text)
