"""content/plan.yml in one language, as plain strings: for the page's script and, as the words
of calculators.ics, for the calendar file and each step's note (the same words whether the
command line or the browser asks)."""

from __future__ import annotations

from calculators.codes import DURATION_UNITS

from ..model.plurals import form as counted_form
from .localise import Localiser


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
        "lang": loc.lang,
        **texts["plan"],
        "source_label": loc.ui("source"),
        "uncertain": loc.ui("uncertain"),
        "sources": {source["id"]: loc.source_parts(source)[0] for source in loc.content.sources["sources"]},
        # calculators.ics has no CLDR rules: it takes the form for 1 and the form for other counts
        # (the plan's durations are 2 or 3 months or weeks; "21 weeks" would need the rules).
        "units": {
            f"{unit}_{key}": counted_form(loc.forms(loc.content.ui[unit]), loc.lang, count).replace(" ", "\u00a0", 1)
            for unit in DURATION_UNITS
            for key, count in (("one", 1), ("many", 2))
        },
    }
    return {"ics": words, **{key: value for key, value in texts.items() if key != "plan"}}
