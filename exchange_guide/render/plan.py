"""content/plan.yml in one language, as plain strings: for the page's script and, as the words
of calculators.ics, for the calendar file and each step's note (the same words whether the
command line or the browser asks)."""
from __future__ import annotations

from calculators.facts import DURATION_UNITS

from .localise import Localiser, source_name


def _strings(loc: Localiser, value):
    """Every text of a nested mapping of texts, in the Localiser's language."""
    if isinstance(value, dict) and not set(value) & set(loc.content.languages):
        return {key: _strings(loc, item) for key, item in value.items()}
    return loc.inline(value)


def plan_texts(loc: Localiser) -> dict:
    """The words calculators.ics takes (the plan's part of plan.yml, the source line's words,
    the sources' names and the duration units), and the page's other plan texts beside them."""
    texts = _strings(loc, loc.content.plan)
    words = {
        "lang": loc.lang, **texts["plan"],
        "source_label": loc.ui("source"), "uncertain": loc.ui("uncertain"),
        "sources": {source["id"]: source_name(source) for source in loc.content.sources["sources"]},
        "units": {f"{unit}_{count}": loc.inline(loc.content.ui[f"{unit}_{count}"]).replace(" ", "\u00a0", 1)
                  for unit in DURATION_UNITS for count in ("one", "many")},
    }
    return {"ics": words, **{key: value for key, value in texts.items() if key != "plan"}}
