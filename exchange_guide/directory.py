"""The host agency directory (content/agencies.yml): its schema, its cross-checks and its page.

The page works without JavaScript: a table by area (the five states, then the Faroe Islands,
Greenland and Åland, so that no table is eight columns wide) and a list by administration.
overrides/assets/javascripts/directory.js adds filtering; everything it shows in words comes
from the JSON block written into the page here.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from .html_blocks import escape, json_block
from .localise import Localiser, escape_md
from .schema import COUNTRIES, F, Country, Date, Id, ListOf, OneOf, Record, Ref, Str, Text, Url, Validator
from .yamlload import Node, NodeList

STATES = ("DK", "FI", "IS", "NO", "SE")      # every area must say something for each of these
SELF_GOVERNING = ("FO", "GL", "AX")           # may leave an area out: the page then says "not yet"
HANDLING_STATES = ("DK", "FI")                # the states that run some areas for FO, GL and AX
# The language an agency's name is in, unless the entry says otherwise (`lang:`).
NAME_LANG = {"DK": "da", "FI": "fi", "IS": "is", "NO": "nb", "SE": "sv", "FO": "fo", "GL": "kl", "AX": "sv"}
TEXT_KEYS = (
    "by_area", "by_area_intro", "by_country", "table_states", "table_self_governing", "area", "none_yet",
    "areas", "website", "checked", "filter", "search", "search_hint", "all_areas", "all_countries", "clear",
    "country", "shown_one", "shown_many", "no_matches",
)


class MapOf(Validator):
    """A mapping whose keys and values are each checked, e.g. handled_by: {FO: DK, GL: DK}."""

    def __init__(self, key: Validator, value: Validator):
        self.key, self.value = key, value

    def check(self, value, at):
        if not isinstance(value, dict) or not value:
            at.error("expected a mapping such as {FO: DK}")
            return None
        result, ok = {}, True
        for key, item in value.items():
            where = at.child(str(key), value.line_of(key) if isinstance(value, Node) else at.line)
            cleaned_key, cleaned = self.key.check(key, where), self.value.check(item, where)
            if cleaned_key is None or cleaned is None:
                ok = False
            else:
                result[cleaned_key] = cleaned
        return result if ok else None


AREA = Record(
    id=Id(), name=Text(), description=Text(),
    # FO, GL or AX where the Danish or Finnish state runs the area: {FO: DK}
    handled_by=F(MapOf(OneOf(*SELF_GOVERNING, name="self-governing administration"),
                       OneOf(*HANDLING_STATES, name="state")), required=False),
    # Administrations with no agency in the directory yet for this area, said so on purpose.
    none_yet=F(ListOf(Country(), unique_id=None), required=False),
)

AGENCY = Record(
    id=Id(),
    country=Country(),
    name=Str(),                               # the official name, in its own language
    lang=F(Str(r"[a-z]{2,3}", "a language code such as da or kl"), required=False),
    short=F(Str(), required=False),           # the abbreviation people search for: SCB, NAV
    other_names=F(MapOf(Str(r"[a-z]{2,3}", "a language code such as sv"), Str()), required=False),
    name_en=Str(),
    url=Url(),                                # the agency's root address
    areas=ListOf(Id(), unique_id=None),
    checked=Date(),                           # when an editor last checked name and address
)


class Directory(Record):
    """The file as a whole: after each entry is valid on its own, check them against each other."""

    def check(self, value, at):
        before = len(at.report.errors)
        data = super().check(value, at)
        if data is None or len(at.report.errors) > before:
            return data  # cross-checks on half-valid data would only repeat those errors
        _cross_check(data, value, at)
        return data if len(at.report.errors) == before else None


def _cross_check(data: dict, raw: Node, at) -> None:
    areas_at, agencies_at = at.child("areas", raw.line_of("areas")), at.child("agencies", raw.line_of("agencies"))
    area_ids = [area["id"] for area in data["areas"]]
    covered: dict[tuple[str, str], list[str]] = {}   # (area, country) -> agency ids
    for index, agency in enumerate(data["agencies"]):
        node = raw["agencies"][index]
        where = agencies_at.child(index, raw["agencies"].line_of(index))
        areas_node: NodeList = node["areas"]
        seen = set()
        for position, area in enumerate(agency["areas"]):
            area_at = where.child("areas", node.line_of("areas")).child(position, areas_node.line_of(position))
            if area not in area_ids:
                area_at.error(f"unknown area {area!r}; the areas are {', '.join(area_ids)}")
            elif area in seen:
                area_at.error(f"area {area!r} is listed twice")
            seen.add(area)
            covered.setdefault((area, agency["country"]), []).append(agency["id"])
    for index, area in enumerate(data["areas"]):
        node = raw["areas"][index]
        where = areas_at.child(index, raw["areas"].line_of(index))
        handled, none_yet = area.get("handled_by", {}), area.get("none_yet", [])
        if not any((area["id"], code) in covered for code in COUNTRIES):
            where.child("id", node.line_of("id")).error(
                f"no agency covers area {area['id']!r}; add one (agencies[].areas) or remove the area")
        for code, state in handled.items():
            here = where.child("handled_by", node.line_of("handled_by")).child(code, node["handled_by"].line_of(code))
            if (area["id"], code) in covered:
                here.error(f"{code} has an agency for this area ({', '.join(covered[area['id'], code])}), "
                           f"so it cannot also be handled by {state}")
            if code in none_yet:
                here.error(f"{code} is both handled_by {state} and listed under none_yet; keep one")
        for position, code in enumerate(none_yet):
            if (area["id"], code) in covered:
                where.child("none_yet", node.line_of("none_yet")).child(
                    position, node["none_yet"].line_of(position)).error(
                    f"{code} is listed under none_yet, but {', '.join(covered[area['id'], code])} covers this area")
        for code in STATES:
            if (area["id"], code) not in covered and code not in none_yet:
                where.error(f"area {area['id']!r} says nothing for {code}: add an agency in {code} with this "
                            f"area, or list {code} under none_yet")


DIRECTORY = Directory(
    page=Record(title=Text(), description=Text(), intro=Text(markdown=True)),
    texts=Record(**{key: Text() for key in TEXT_KEYS}),
    # How a table cell says that the Danish or Finnish state runs an area for FO, GL or AX.
    handled_by=Record(**{code: Text() for code in HANDLING_STATES}),
    areas=ListOf(AREA),
    agencies=ListOf(AGENCY),
    sources=ListOf(Ref("source"), unique_id=None),
)


def anchors(data: dict) -> set[str]:
    """The anchors the page has, so that other pages may link to directory.md#area-tax."""
    return ({"by-area", "by-country"} | {f"area-{area['id']}" for area in data["areas"]}
            | {f"agency-{agency['id']}" for agency in data["agencies"]}
            | {f"country-{code.lower()}" for code in COUNTRIES})


# --- the page -------------------------------------------------------------------------------

def _name_lang(agency: dict) -> str:
    """The language of an agency's name, for lang="" (screen readers then pronounce it right)."""
    return agency.get("lang") or NAME_LANG[agency["country"]]


class _Page:
    """The directory in one language: lookups that every part of the page shares."""

    def __init__(self, loc: Localiser, data: dict):
        self.loc, self.data = loc, data
        self.text = {key: loc.inline(value) for key, value in data["texts"].items()}
        self.country = {code: loc.inline(loc.content.site["countries"][code]) for code in COUNTRIES}
        self.area_name = {area["id"]: loc.inline(area["name"]) for area in data["areas"]}
        self.by_cell: dict[tuple[str, str], list[dict]] = {}
        for agency in data["agencies"]:
            for area in agency["areas"]:
                self.by_cell.setdefault((area, agency["country"]), []).append(agency)

    def agency_link(self, agency: dict) -> str:
        label = agency.get("short") or agency["name"]
        return f'<a href="#agency-{agency["id"]}" lang="{_name_lang(agency)}">{escape(label)}</a>'

    def country_link(self, code: str) -> str:
        return f'<a href="#country-{code.lower()}">{escape(self.country[code])}</a>'

    def cell(self, area: dict, code: str) -> str:
        agencies = self.by_cell.get((area["id"], code), [])
        if agencies:
            body = "<br>".join(self.agency_link(agency) for agency in agencies)
        elif code in area.get("handled_by", {}):
            state = area["handled_by"][code]
            theirs = self.by_cell.get((area["id"], state), [])
            links = ", ".join(self.agency_link(a) for a in theirs) if theirs else self.country_link(state)
            body = (f'<span class="eg-dir-handled">{escape(self.loc.inline(self.data["handled_by"][state]))}</span> '
                    f'{links}')
        else:
            body = f'<span class="eg-dir-none">{escape(self.text["none_yet"])}</span>'
        return f'<td data-country="{code}">{body}</td>'

    def table(self, key: str, codes: tuple[str, ...], first: bool) -> str:
        caption_id = f"eg-dir-caption-{key}"
        head = "".join(f'<th scope="col" data-country="{code}">{self.country_link(code)}</th>' for code in codes)
        rows = []
        for area in self.data["areas"]:
            if first:  # the area's anchor and description live in the first table
                header = (f'<th scope="row" id="area-{area["id"]}"><span class="eg-dir-area">'
                          f'{escape(self.area_name[area["id"]])}</span> <span class="eg-dir-area-note">'
                          f'{escape(self.loc.inline(area["description"]))}</span></th>')
            else:
                header = f'<th scope="row"><a href="#area-{area["id"]}">{escape(self.area_name[area["id"]])}</a></th>'
            cells = "".join(self.cell(area, code) for code in codes)
            rows.append(f'<tr data-area="{area["id"]}">{header}{cells}</tr>')
        caption = self.text["table_states" if first else "table_self_governing"]
        # The title stands outside the scrolling box, so that it stays readable on a narrow
        # screen; it names both the box (a focusable region, to scroll by keyboard) and the table.
        return (f'<div class="eg-dir-block" data-countries="{" ".join(codes)}">\n'
                f'<p class="eg-dir-caption" id="{caption_id}">{escape(caption)}</p>\n'
                f'<div class="eg-dir-scroll" role="region" tabindex="0" aria-labelledby="{caption_id}">\n'
                f'<table class="eg-dir-table" aria-labelledby="{caption_id}">\n'
                f'<thead><tr><th scope="col">{escape(self.text["area"])}</th>{head}</tr></thead>\n'
                f'<tbody>\n' + "\n".join(rows) + "\n</tbody>\n</table>\n</div>\n</div>")

    def agency(self, agency: dict) -> str:
        t, lang = self.text, _name_lang(agency)
        name = f'<strong lang="{lang}">{escape(agency["name"])}</strong>'
        if agency.get("short"):
            name += f' <span lang="{lang}">({escape(agency["short"])})</span>'
        others = [f'<span lang="{code}">{escape(other)}</span>' for code, other in agency.get("other_names", {}).items()]
        if others:
            name += " – " + " – ".join(others)
        if self.loc.lang != lang:  # the English name helps everyone who does not read the agency's language
            name += f'<br><span class="eg-dir-en" lang="en">{escape(agency["name_en"])}</span>'
        host = urlsplit(agency["url"]).netloc
        areas = ", ".join(f'<a href="#area-{area}">{escape(self.area_name[area])}</a>' for area in agency["areas"])
        words = [agency["name"], agency.get("short", ""), *agency.get("other_names", {}).values(),
                 agency["name_en"], host, self.country[agency["country"]],
                 *(self.area_name[area] for area in agency["areas"])]
        return (f'<li class="eg-dir-agency" id="agency-{agency["id"]}" data-country="{agency["country"]}" '
                f'data-areas="{" ".join(agency["areas"])}" data-search="{escape(" ".join(w for w in words if w))}">\n'
                f'<p class="eg-dir-name">{name}</p>\n'
                f'<p class="eg-dir-facts">{escape(t["website"])}: <a href="{escape(agency["url"])}">{escape(host)}</a><br>\n'
                f'{escape(t["areas"])}: {areas}<br>\n'
                f'{escape(t["checked"])}: <time datetime="{agency["checked"].isoformat()}">'
                f'{self.loc.date(agency["checked"])}</time></p>\n</li>')

    def country_section(self, code: str) -> list[str]:
        blocks = [f"### {escape_md(self.country[code])} {{ #country-{code.lower()} }}"]
        items = [self.agency(a) for a in self.data["agencies"] if a["country"] == code]
        if items:
            blocks.append(f'<ul class="eg-dir-agencies" data-country="{code}">\n' + "\n".join(items) + "\n</ul>")
        for state in HANDLING_STATES:
            handled = [area for area in self.data["areas"] if area.get("handled_by", {}).get(code) == state]
            if handled:
                links = ", ".join(f'<a href="#area-{a["id"]}">{escape(self.area_name[a["id"]])}</a>' for a in handled)
                blocks.append(f'<p class="eg-dir-handled-list" data-country="{code}" '
                              f'data-areas="{" ".join(a["id"] for a in handled)}">'
                              f'{escape(self.loc.inline(self.data["handled_by"][state]))} {links} '
                              f'({self.country_link(state)})</p>')
        return blocks

    def filter_form(self) -> str:
        t = self.text
        areas = "".join(f'<option value="{a["id"]}">{escape(self.area_name[a["id"]])}</option>' for a in self.data["areas"])
        countries = "".join(f'<option value="{code}">{escape(self.country[code])}</option>' for code in COUNTRIES)
        return "\n".join([
            # Hidden until the script runs: without JavaScript the whole directory is simply shown.
            '<form class="eg-dir-filter" id="eg-dir-filter" role="search" aria-labelledby="eg-dir-filter-title"'
            ' hidden>',
            f'<fieldset><legend id="eg-dir-filter-title">{escape(t["filter"])}</legend>',
            f'<div class="eg-dir-field eg-dir-field--wide"><label for="eg-dir-q">{escape(t["search"])}</label>'
            f'<span class="eg-dir-hint" id="eg-dir-q-hint">{escape(t["search_hint"])}</span>'
            '<input type="search" id="eg-dir-q" name="text" autocomplete="off" spellcheck="false" '
            'aria-describedby="eg-dir-q-hint"></div>',
            f'<div class="eg-dir-field"><label for="eg-dir-area">{escape(t["area"])}</label>'
            f'<select id="eg-dir-area" name="area"><option value="">{escape(t["all_areas"])}</option>'
            f'{areas}</select></div>',
            f'<div class="eg-dir-field"><label for="eg-dir-country">{escape(t["country"])}</label>',
            f'<select id="eg-dir-country" name="country"><option value="">{escape(t["all_countries"])}</option>'
            f'{countries}</select></div>',
            f'<div class="eg-dir-field"><button class="md-button" type="reset">{escape(t["clear"])}</button></div>',
            "</fieldset>",
            "</form>",
            '<p class="eg-dir-status" id="eg-dir-status" role="status" aria-live="polite" aria-atomic="true"></p>',
        ])

    def browser_data(self) -> str:
        """The words the script needs, in the page's language (never hard-coded in the script)."""
        payload = {key: self.text[key] for key in ("shown_one", "shown_many", "no_matches")}
        payload["lang"] = self.loc.lang
        return json_block("eg-dir-data", payload)


def directory(loc: Localiser, data: dict) -> list[str]:
    page = _Page(loc, data)
    t = page.text
    blocks = [loc.citation(data["sources"]), page.filter_form(), page.browser_data(),
              f"## {escape_md(t['by_area'])} {{ #by-area }}", escape_md(t["by_area_intro"]),
              page.table("states", STATES, first=True), page.table("self-governing", SELF_GOVERNING, first=False),
              f"## {escape_md(t['by_country'])} {{ #by-country }}"]
    for code in COUNTRIES:
        blocks += page.country_section(code)
    return blocks
