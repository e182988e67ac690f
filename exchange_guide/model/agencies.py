"""What content/agencies.yml (the host agency directory) may hold, and how its entries must agree.

Each area says something for each of the five states: an agency that covers it, or `none_yet`;
`handled_by: {FO: DK}` says that the Danish (or Finnish) state runs the area there.
"""

from __future__ import annotations

from calculators.codes import COUNTRIES

from .schema import Country, Date, F, Id, ListOf, OneOf, Record, Ref, Str, Text, Url, Validator

STATES = ("DK", "FI", "IS", "NO", "SE")  # every area must say something for each of these
SELF_GOVERNING = ("FO", "GL", "AX")  # may leave an area out: the page then says "not yet"
HANDLING_STATES = ("DK", "FI")  # the states that run some areas for FO, GL and AX
TEXT_KEYS = (
    "by_area",
    "by_area_intro",
    "by_country",
    "table_states",
    "table_self_governing",
    "area",
    "none_yet",
    "areas",
    "website",
    "checked",
    "not_checked",
    "filter",
    "search",
    "search_hint",
    "all_areas",
    "all_countries",
    "clear",
    "country",
    "shown_one",
    "shown_many",
    "no_matches",
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
            cleaned_key, cleaned = self.key.check(key, at.child(key)), self.value.check(item, at.child(key))
            if cleaned_key is None or cleaned is None:
                ok = False
            else:
                result[cleaned_key] = cleaned
        return result if ok else None

    def describe(self):
        return f"a mapping from {self.key.describe()} to {self.value.describe()}"

    def json_schema(self, languages):
        return {
            "type": "object",
            "minProperties": 1,
            "propertyNames": self.key.json_schema(languages),
            "additionalProperties": self.value.json_schema(languages),
        }


AREA = Record(
    id=Id(),
    name=Text(),
    description=Text(),
    # FO, GL or AX where the Danish or Finnish state runs the area: {FO: DK}
    handled_by=F(
        MapOf(OneOf(*SELF_GOVERNING, name="self-governing administration"), OneOf(*HANDLING_STATES, name="state")),
        required=False,
    ),
    # Administrations with no agency in the directory yet for this area, said so on purpose.
    none_yet=F(ListOf(Country(), unique_id=None), required=False),
)

LANGUAGE_CODE = Str(r"[a-z]{2,3}", "a language code such as sv or kl")

AGENCY = Record(
    id=Id(),
    country=Country(),
    name=F(Str(), doc="the official name, in the agency's own language"),
    lang=F(LANGUAGE_CODE, required=False, doc="the language of `name` when it is not the country's (GL: kl)"),
    short=F(Str(), required=False, doc="the abbreviation people search for: SCB, NAV"),
    other_names=F(
        MapOf(LANGUAGE_CODE, Str()),
        required=False,
        doc="official names in other languages, {sv: Skatteförvaltningen}: each is shown on that language's pages",
    ),
    name_en=F(
        Str(),
        required=False,
        doc="our English name for the English pages (a description, not always the agency's own); "
        "leave out when it would only repeat `name`",
    ),
    url=F(Url(), doc="the agency's root address"),
    areas=ListOf(Id(), unique_id=None),
    checked=F(
        Date(),
        required=False,
        doc="the day the address last answered; written by `exchange-guide check-links --record`, never by hand",
    ),
)


class Directory(Record):
    """The file as a whole: after each entry is valid on its own, check them against each other."""

    def check(self, value, at):
        before = len(at.report.errors)
        data = super().check(value, at)
        if data is None or len(at.report.errors) > before:
            return data  # cross-checks on half-valid data would only repeat those errors
        _cross_check(data, at)
        return data if len(at.report.errors) == before else None


def _cross_check(data: dict, at) -> None:
    for index, agency in enumerate(data["agencies"]):
        if agency.get("name_en") == agency["name"]:
            at.child("agencies").child(index).child("name_en").error(
                "name_en only repeats name; leave it out (the English pages then show name alone)"
            )
    covered = _check_agency_areas(data, at)
    for index, area in enumerate(data["areas"]):
        _check_area_says_something(area, covered, at.child("areas").child(index))


def _check_agency_areas(data: dict, at) -> dict[tuple[str, str], list[str]]:
    """Each agency's areas exist and are listed once; returns (area, country) -> agency ids."""
    area_ids = [area["id"] for area in data["areas"]]
    covered: dict[tuple[str, str], list[str]] = {}
    for index, agency in enumerate(data["agencies"]):
        seen = set()
        for position, area in enumerate(agency["areas"]):
            area_at = at.child("agencies").child(index).child("areas").child(position)
            if area not in area_ids:
                area_at.error(f"unknown area {area!r}; the areas are {', '.join(area_ids)}")
            elif area in seen:
                area_at.error(f"area {area!r} is listed twice")
            seen.add(area)
            covered.setdefault((area, agency["country"]), []).append(agency["id"])
    return covered


def _check_area_says_something(area: dict, covered: dict[tuple[str, str], list[str]], where) -> None:
    """An area has an agency somewhere, and for each state exactly one of: an agency, handled_by
    another state, or none_yet."""
    handled, none_yet = area.get("handled_by", {}), area.get("none_yet", [])
    if not any((area["id"], code) in covered for code in COUNTRIES):
        where.child("id").error(f"no agency covers area {area['id']!r}; add one (agencies[].areas) or remove the area")
    for code, state in handled.items():
        here = where.child("handled_by").child(code)
        if (area["id"], code) in covered:
            here.error(
                f"{code} has an agency for this area ({', '.join(covered[area['id'], code])}), "
                f"so it cannot also be handled by {state}"
            )
        if code in none_yet:
            here.error(f"{code} is both handled_by {state} and listed under none_yet; keep one")
    for position, code in enumerate(none_yet):
        if (area["id"], code) in covered:
            where.child("none_yet").child(position).error(
                f"{code} is listed under none_yet, but {', '.join(covered[area['id'], code])} covers this area"
            )
    for code in STATES:
        if (area["id"], code) not in covered and code not in none_yet:
            where.error(
                f"area {area['id']!r} says nothing for {code}: add an agency in {code} with this "
                f"area, or list {code} under none_yet"
            )


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
    return (
        {"by-area", "by-country"}
        | {f"area-{area['id']}" for area in data["areas"]}
        | {f"agency-{agency['id']}" for agency in data["agencies"]}
        | {f"country-{code.lower()}" for code in COUNTRIES}
    )
