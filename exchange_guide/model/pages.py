"""What each content file may hold (site, ui, sources and every page). Order in a file is order
on the page.

This module is the editor's contract: README.md ("Editing content") describes the same
shapes in words. The calculator page's and the directory's own schemas are in calculator.py and
directory.py beside it; rules.yml's in rules.py.
"""

from __future__ import annotations

import re

from babel import Locale, UnknownLocaleError

from calculators.codes import COUNTRIES, DURATION_UNITS

from .agencies import DIRECTORY, LANGUAGE_CODE, MapOf
from .agencies import anchors as directory_anchors
from .calculator import CALCULATOR
from .schema import (
    At,
    Bool,
    Country,
    Date,
    Email,
    F,
    Id,
    Int,
    ListOf,
    Record,
    Ref,
    Str,
    Text,
    Url,
    Validator,
)
from .shapes import LanguageData, PageHeadData, SiteData, SourceData, SourcesData, UIData

# Pages in navigation order. Each generated page comes from the content file of the same name
# (index.yml is the home page) unless PAGE_FILES names another; `sources` comes from sources.yml.
PAGES = (
    "index",
    "steps",
    "directory",
    "calculator",
    "faq",
    "managers",
    "checklists",
    "programmes",
    "contacts",
    "sources",
    "how-we-know",
    "accessibility",
)
PAGE_FILES: dict[str, str] = {"directory": "agencies"}
# Pages whose anchors are not simply their ids (directory: area-tax, agency-skatteverket).
PAGE_ANCHORS = {"directory": directory_anchors}

# Keys every language needs in ui.yml; the renderer uses exactly these.
UI_KEYS = (
    "source",
    "sources",
    "uncertain",
    "undated",
    "missing_translation",
    "on_this_page",
    "country",
    "administrator",
    "email",
    "website",
    "checked",
    "not_checked",
    "not_given",
    "print",
    "see_all_sources",
    "published",
    "publisher",
    "step",
    "not_found_title",
    "not_found_body",
    "not_found_home",
)


class Separator(Validator):
    """One character between digit groups or before decimals (a space must be written quoted)."""

    def check(self, value, at):
        if not isinstance(value, str) or len(value) != 1 or value.isalnum():
            at.error('expected one non-alphanumeric character in quotes, such as "," or "."')
            return None
        return value

    def describe(self):
        return 'one character that is not a letter or digit, in quotes, such as "," or " "'

    def json_schema(self, languages):
        return {"type": "string", "minLength": 1, "maxLength": 1, "pattern": r"^[^A-Za-z0-9]$"}


class CldrLocale(Validator):
    """A locale that CLDR knows, such as "sv" or "en-GB": dates are written in its long form ("2 May
    2023", "2. toukokuuta 2023"), by Babel at build time and by the browser's Intl.DateTimeFormat,
    which read the same CLDR data."""

    PATTERN = r"[a-z]{2,3}(-[A-Z]{2})?"

    def check(self, value, at):
        known = isinstance(value, str) and re.fullmatch(self.PATTERN, value) is not None
        try:
            known = known and Locale.parse(value, sep="-") is not None
        except (ValueError, UnknownLocaleError):
            known = False
        if not known:
            at.error(
                f"{value!r} is not a locale CLDR knows; write a language code, and a country where it "
                "matters, such as sv or en-GB"
            )
            return None
        return value

    def describe(self):
        return "a CLDR locale such as sv or en-GB (dates are written in its long form: 2 May 2023)"

    def json_schema(self, languages):
        return {"type": "string", "pattern": f"^{self.PATTERN}$"}


Sources = lambda: F(ListOf(Ref("source"), unique_id=None), required=False)  # noqa: E731

PageHead = Record[PageHeadData](
    title=Text(),
    description=F(Text(), doc='one sentence, for search results and <meta name="description">'),
    intro=Text(markdown=True),
)

Section = Record(
    id=Id(),
    heading=Text(),
    body=F(Text(markdown=True), required=False),
    items=F(ListOf(Text(markdown=True), unique_id=None), required=False),
    sources=Sources(),
)


def _page(**fields: F | Validator) -> Record:
    return Record(page=PageHead, **fields)


SITE = Record[SiteData](
    default_language=Str(r"[a-z]{2}", "a two-letter language code"),
    languages=ListOf(
        Record[LanguageData](
            code=Str(r"[a-z]{2}", "a two-letter language code"),
            name=Str(),  # in the language itself, for the switcher
            thousands_separator=Separator(),
            decimal_separator=Separator(),
            currency_first=F(
                Bool(),
                required=False,
                doc="true where the language writes the currency code before the amount "
                "(British and EU English: DKK 18,000); default: after it (18 000 DKK)",
            ),
            locale=F(
                CldrLocale(),
                required=False,
                doc="the CLDR locale for dates, such as sv or en-GB (default: the language code); dates "
                "are written in its long form: 2 May 2023, 2 maj 2023, 2. toukokuuta 2023",
            ),
            dictionary=F(
                Str(r"(hunspell:[A-Za-z_]+|voikko:[a-z]{2,3})", "hunspell:<dictionary> or voikko:<language>"),
                required=False,
                doc="the spelling dictionary that `exchange-guide check` uses for this language: "
                "hunspell:sv_SE (a file in /usr/share/hunspell) or voikko:fi; leave out when there "
                "is none (the check then says that this language was not checked)",
            ),
            home_country=F(
                Country(),
                required=False,
                doc="the country the calculator's form starts with on this language's page; leave out "
                "when the language is not one country's (English)",
            ),
        ),
        unique_id="code",
    ),
    site_name=Text(),
    site_description=Text(),
    site_url=F(
        Url(),
        required=False,
        doc="the address the guide is published at, e.g. https://intranet.example/norut/: the "
        "page-not-found pages link from its path (make site SITE_URL=... overrides it)",
    ),
    offline=F(
        Bool(),
        required=False,
        doc="false turns the guide's offline use off: no service worker is registered, and browsers "
        "that have it remove it (docs/publishers.md); default true",
    ),
    current_rule_set=Id(),
    review_interval_days=F(
        Int(minimum=1, maximum=3653),  # ten years
        required=False,
        doc="after how many days a fact is due for checking again (exchange-guide review --older-than; default 365)",
    ),
    countries=Record(**{code: Text() for code in COUNTRIES}),
    nav=Record(**{page: Text() for page in PAGES}),
)

# A duration's counted words: a form per CLDR plural category, per case in Icelandic.
UI_COUNTED = tuple(DURATION_UNITS)

# The theme's own words (Material's lang.t keys that this site shows), ours so that they are
# right in every language and checked like every other text (overrides/partials/language.html).
THEME_KEYS = (
    "action.skip", "header", "footer", "footer.next", "footer.previous", "nav", "search", "search.placeholder",
    "search.reset", "search.result.initializer", "search.result.placeholder", "search.result.none",
    "search.result.one", "search.result.other", "search.result.more.one", "search.result.more.other",
    "search.result.term.missing", "select.language", "toc", "top",
)  # fmt: skip
# Material's script puts the count where these have "#" (and picks "one" only for 1: the text for
# any other count must read right for 2, 5 and 21 alike).
THEME_COUNTED = ("search.result.other", "search.result.more.other")


class ThemeCount(Text):
    """A theme text with "#" where Material's script writes the count."""

    def check(self, value, at):
        result = super().check(value, at)
        for lang, text in (result or {}).items():
            if "#" not in text:
                at.child(lang).error('write "#" where the number goes, such as "# träffar"')
        return result


UI = Record[UIData](
    strings=Record(**{key: Text() for key in UI_KEYS}, **{key: Text(counted=True) for key in UI_COUNTED}),
    theme=Record(**{key: ThemeCount() if key in THEME_COUNTED else Text() for key in THEME_KEYS}),
)


class PublishedOrOwn(Validator):
    """A source's title or publisher: one string as the source gives it, or our own words per language."""

    def check(self, value, at):
        return Text().check(value, at) if isinstance(value, dict) else Str().check(value, at)


class SourceEntry(Record[SourceData]):
    """One source: a full `date` or only its `year`, never both (they could disagree)."""

    def check(self, value: object, at: At) -> SourceData | None:
        data = super().check(value, at)
        if data is not None and "date" in data and "year" in data:
            at.child("year").error("give either date (the full date) or year (when only the year is known), not both")
            return None
        return data


def own_source(source: SourceData) -> bool:
    """One of the guide's own sources: the guide itself is its publisher, named in every language.
    (A published source's publisher is one name in its own language, or not given; its title may
    still be our description, per language, where we have no copy that gives one.)"""
    return isinstance(source.get("publisher"), dict)


SOURCES = Record[SourcesData](
    page=PageHead,
    sources=ListOf(
        SourceEntry(
            id=Id(),
            # The guide's own sources (publisher: Nordic Exchange Guide) give title and publisher per
            # language instead, as any text of ours.
            title=F(PublishedOrOwn(), doc="the title as published, in its own language"),
            publisher=F(
                PublishedOrOwn(), required=False, doc="leave out when the source does not name one; say so in note"
            ),
            language=Str(r"[a-z]{2}", "a two-letter language code"),
            url=F(Url(), required=False, doc='the root address we are sure of; leave out: the page says "not given"'),
            checked=F(
                Date(),
                required=False,
                doc="the day the address last answered: written by `exchange-guide check-links --record` only",
            ),
            date=F(Date(), required=False, doc="the source's own date; leave out when it is undated"),
            year=F(
                Int(minimum=1900, maximum=2199),
                required=False,
                doc="the year, when only that is known (then no `date`)",
            ),
            uncertain=F(Bool(), required=False, doc="true when the source is vague or disputed; say why in note"),
            note=F(Text(), required=False),
        )
    ),
)

# The "How we know" page: its own words; the values, sources and dates are rules.yml's and sources.yml's.
HOW_WE_KNOW = _page(
    values=Record(heading=Text(), intro=Text()),
    columns=Record(value=Text(), amount=Text(), source=Text(), checked=Text(), certainty=Text()),
    stated=F(Text(), doc="what the certainty column says of a value that is not uncertain"),
    never_checked=F(Text(), doc="what the checked column says of a source without a checked date"),
    own_rule=F(Text(), doc="what the certainty column says of a value resting on one of the guide's own sources"),
    own_source=F(Text(), doc="what the checked column says of the guide's own sources: there is no address to check"),
    checking=Record(heading=Text(), body=Text(markdown=True)),
)

PAGE_SCHEMAS: dict[str, Record] = {
    "calculator": CALCULATOR,
    "accessibility": _page(
        reviewed=Date(), reviewed_label=Text(), status=Text(markdown=True), sections=ListOf(Section)
    ),
    "directory": DIRECTORY,
    "index": _page(sections=ListOf(Section)),
    "steps": _page(steps=ListOf(Record(id=Id(), title=Text(), body=Text(markdown=True), sources=Sources()))),
    "faq": _page(
        groups=ListOf(
            Record(
                id=Id(),
                heading=Text(),
                questions=ListOf(Record(id=Id(), question=Text(), answer=Text(markdown=True), sources=Sources())),
            )
        )
    ),
    "managers": _page(sections=ListOf(Section)),
    "checklists": _page(
        checklists=ListOf(
            Record(id=Id(), heading=Text(), items=ListOf(Record(id=Id(), text=Text(markdown=True), sources=Sources())))
        )
    ),
    "programmes": _page(
        table=Record(programme=Text(), length=Text(), where=Text(), who_pays=Text()),
        programmes=ListOf(
            Record(
                id=Id(),
                name=Text(),
                summary=Text(markdown=True),
                length=Text(),
                where=Text(),
                who_pays=Text(),
                url=F(Url(), required=False),
                checked=F(Date(), required=False, doc="written by `exchange-guide check-links --record`"),
                sources=Sources(),
            )
        ),
    ),
    "how-we-know": HOW_WE_KNOW,
    "contacts": _page(
        texts=Record(
            norut_page=F(Text(), doc="the label of a link to the administrator's own NORUT page"),
            front_page=F(Text(), doc="said under an address that is only the front page of the website"),
        ),
        contacts=ListOf(
            Record(
                id=Id(),
                home=Country(),
                organisation=F(Str(), doc="the administrator's own name, in its own language"),
                lang=F(LANGUAGE_CODE, required=False, doc="the language of `organisation` when not the country's"),
                other_names=F(
                    MapOf(LANGUAGE_CODE, Str()),
                    required=False,
                    doc="its name in another language, only where our sources give one: {en: …}; "
                    "shown on that language's pages",
                ),
                email=F(Email(), required=False),
                url=F(Url(), required=False),
                norut_page=F(
                    Bool(),
                    required=False,
                    doc="true only when a source gives `url` as the administrator's own NORUT page; "
                    "otherwise the page says that it is the front page",
                ),
                checked=F(
                    Date(),
                    required=False,
                    doc="the day the address last answered; written by `exchange-guide check-links --record`",
                ),
                note=F(Text(markdown=True), required=False),
                sources=Sources(),
            )
        ),
    ),
}
