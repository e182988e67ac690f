"""content/plan.yml in one language, as plain strings: for the page's script and, as the words
of calculators.ics, for the calendar file and each step's note (the same words whether the
command line or the browser asks)."""

from __future__ import annotations

from calculators.codes import DURATION_UNITS

from .localise import Localiser

# The rules.yml values whose lengths the plan's notes put in words ("Inom 2 månader …").
_PLAN_LENGTHS = ("report_deadline", "decision_time")


def _strings(loc: Localiser, value):
    """Every text of a nested mapping (or list) of texts, in the Localiser's language."""
    if isinstance(value, list):
        return [_strings(loc, item) for item in value]
    if isinstance(value, dict) and not set(value) & set(loc.content.languages):
        return {key: _strings(loc, item) for key, item in value.items()}
    return loc.inline(value)


def lengths(loc: Localiser) -> dict[str, str]:
    """Every length the plan can state, in words with CLDR's plural form ("2 månader", "21 dagur"),
    keyed "2 months": calculators.ics has no plural rules, so it is given the words for each
    length that rules.yml holds, not a rule of its own for choosing a form."""
    found = {}
    for rule_set in loc.content.rules["rule_sets"]:
        for name in _PLAN_LENGTHS:
            value = rule_set["values"].get(name) or {}
            for unit in DURATION_UNITS:
                if value.get(unit):
                    found[f"{value[unit]} {unit}"] = loc.duration(int(value[unit]), unit)
    return found


def plan_texts(loc: Localiser) -> dict:
    """The words calculators.ics takes (the plan's part of plan.yml, the source line's words,
    the sources' names and the plan's lengths), and the page's other plan texts beside them."""
    texts = _strings(loc, loc.content.plan)
    words = {
        "lang": loc.lang,
        **texts["plan"],
        "source_label": loc.ui("source"),
        "uncertain": loc.ui("uncertain"),
        "sources": {source["id"]: loc.source_parts(source)[0] for source in loc.content.sources["sources"]},
        "lengths": lengths(loc),
    }
    return {"ics": words, **{key: value for key, value in texts.items() if key != "plan"}}
