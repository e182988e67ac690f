"""Grammatical number and case: which form of a counted word a language uses for a count.

The plural categories are CLDR's, through Babel, so that the build picks the same form as the
browser's `Intl.PluralRules` (which uses CLDR too): Icelandic says "21 dagur", not "21 dagar".
A counted text in one language is either a plain string (a label such as "Frídagar: {n}" that
reads right for any count) or a mapping from each of the language's categories to its form;
for a language with grammatical case (CASES) a form may in turn map each case to a form.
"""

from __future__ import annotations

from functools import cache

from babel import Locale

# Languages whose counted words inflect for case, and their cases (the first is the default).
CASES: dict[str, tuple[str, ...]] = {"is": ("nom", "acc", "dat", "gen")}
ALL_CASES = ("nom", "acc", "dat", "gen")


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


def categories(lang: str) -> tuple[str, ...]:
    """The CLDR plural categories of a language for whole numbers, 'other' last."""
    tags = _locale(lang).plural_form.tags
    return (*sorted(tags - {"other"}), "other")


def category(lang: str, count: int) -> str:
    return _locale(lang).plural_form(count)


def form(forms, lang: str, count: int, case: str = "nom") -> str:
    """The form of a counted text (see the module's docstring) for a count and a case; a case
    the language does not inflect for is ignored."""
    if isinstance(forms, dict):
        forms = forms[category(lang, count)]
    if isinstance(forms, dict):
        forms = forms.get(case, forms["nom"])
    return forms
