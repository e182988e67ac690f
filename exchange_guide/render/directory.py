"""The host agency directory page in one language (content/agencies.yml, checked by model/directory.py).

The page works without JavaScript: a table by area (the five states, then the Faroe Islands,
Greenland and Åland, so that no table is eight columns wide) and a list by administration.
The markup is in templates/directory/; frontend/assets/javascripts/directory.js adds
filtering, and everything it shows in words comes from the JSON block written here.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from calculators.codes import COUNTRIES

from ..model.agencies import HANDLING_STATES, SELF_GOVERNING, STATES
from .html import json_block, render
from .localise import Localiser, escape_md

# The language an agency's name is in, unless the entry says otherwise (`lang:`), for lang=""
# (screen readers then pronounce it right).
NAME_LANG = {"DK": "da", "FI": "fi", "IS": "is", "NO": "nb", "SE": "sv", "FO": "fo", "GL": "kl", "AX": "sv"}


class _Page:
    """The directory in one language: what every template of the page looks up."""

    def __init__(self, loc: Localiser, data: dict):
        self.loc = loc
        self.t = {key: loc.inline(value) for key, value in data["texts"].items()}
        self.country = {code: loc.inline(loc.content.site["countries"][code]) for code in COUNTRIES}
        self.countries = COUNTRIES
        self.area_name = {area["id"]: loc.inline(area["name"]) for area in data["areas"]}
        self.handled_by = {state: loc.inline(text) for state, text in data["handled_by"].items()}
        self.areas = data["areas"]
        self.agencies = [self._agency(agency) for agency in data["agencies"]]
        self.by_cell: dict[tuple[str, str], list[dict]] = {}
        for agency in self.agencies:
            for area in agency["areas"]:
                self.by_cell.setdefault((area, agency["country"]), []).append(agency)

    def _agency(self, agency: dict) -> dict:
        """An agency with what its entry shows besides its own fields: its own name, its name in
        the page's language where it has one (other_names), and our English name on English pages
        only. No name in a third language: a Swedish reader needs no English gloss."""
        host = urlsplit(agency["url"]).netloc
        name_lang = agency.get("lang") or NAME_LANG[agency["country"]]
        lang = self.loc.lang
        local_name = agency.get("other_names", {}).get(lang) if lang != name_lang else None
        english = agency.get("name_en") if lang == "en" and lang != name_lang and not local_name else None
        words = [
            agency["name"],
            agency.get("short", ""),
            *agency.get("other_names", {}).values(),
            english or "",
            host,
            self.country[agency["country"]],
            *(self.area_name[area] for area in agency["areas"]),
        ]
        return {
            **agency,
            "host": host,
            "name_lang": name_lang,
            "local_name": local_name,
            "english": english,
            "search": " ".join(word for word in words if word),
        }

    def table(self, key: str, codes: tuple[str, ...], first: bool) -> str:
        caption = self.t["table_states" if first else "table_self_governing"]
        return render("directory/table.html", page=self, key=key, codes=codes, first=first, caption=caption)

    def country_section(self, code: str) -> list[str]:
        blocks = [f"### {escape_md(self.country[code])} {{ #country-{code.lower()} }}"]
        agencies = [agency for agency in self.agencies if agency["country"] == code]
        if agencies:
            blocks.append(render("directory/agencies.html", page=self, code=code, agencies=agencies))
        for state in HANDLING_STATES:
            areas = [area for area in self.areas if area.get("handled_by", {}).get(code) == state]
            if areas:
                blocks.append(render("directory/handled.html", page=self, code=code, state=state, areas=areas))
        return blocks

    def browser_data(self) -> str:
        """The words the script needs, in the page's language (never hard-coded in the script)."""
        payload = {key: self.t[key] for key in ("shown_one", "shown_many", "no_matches")}
        payload["lang"] = self.loc.lang
        return json_block("eg-dir-data", payload)


def directory(loc: Localiser, data: dict) -> list[str]:
    page = _Page(loc, data)
    t = page.t
    blocks = [
        loc.citation(data["sources"]),
        render("directory/filter.html", page=page, t=t),
        page.browser_data(),
        f"## {escape_md(t['by_area'])} {{ #by-area }}",
        escape_md(t["by_area_intro"]),
        page.table("states", STATES, first=True),
        page.table("self-governing", SELF_GOVERNING, first=False),
        f"## {escape_md(t['by_country'])} {{ #by-country }}",
    ]
    for code in COUNTRIES:
        blocks += page.country_section(code)
    return blocks
