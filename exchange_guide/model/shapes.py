"""The shapes of the validated content that other rooms read: what `load_content` gives, typed.

Each is the TypedDict a `Record` is declared with (`Record[SiteData](...)` in pages.py), so code that
reads `content.site["languages"]` is type-checked; tests/test_model_shapes.py checks that each
TypedDict names exactly the record's fields, required and optional as the record has them. Pages'
own records stay plain mappings (`dict[str, Any]`): one renderer reads each.
"""

# No `from __future__ import annotations` here: TypedDict reads NotRequired from the annotations
# themselves when the class is made.
import datetime as dt
from typing import NotRequired, TypedDict

from .schema import Translation


class LanguageData(TypedDict):
    code: str
    name: str
    thousands_separator: str
    decimal_separator: str
    currency_first: NotRequired[bool]
    locale: NotRequired[str]
    dictionary: NotRequired[str]
    home_country: NotRequired[str]


class SiteData(TypedDict):
    default_language: str
    languages: list[LanguageData]
    site_name: Translation
    site_description: Translation
    site_url: NotRequired[str]
    current_rule_set: str
    review_interval_days: NotRequired[int]
    countries: dict[str, Translation]
    nav: dict[str, Translation]
    offline: NotRequired[bool]


class PageHeadData(TypedDict):
    title: Translation
    description: Translation
    intro: Translation


class SourceData(TypedDict):
    id: str
    title: str | Translation  # the source's own title, or our description per language
    publisher: NotRequired[str | Translation]
    language: str
    url: NotRequired[str]
    checked: NotRequired[dt.date]
    date: NotRequired[dt.date]
    year: NotRequired[int]
    uncertain: NotRequired[bool]
    note: NotRequired[Translation]


class SourcesData(TypedDict):
    page: PageHeadData
    sources: list[SourceData]


class UIData(TypedDict):
    strings: dict[str, Translation]
    theme: dict[str, Translation]
