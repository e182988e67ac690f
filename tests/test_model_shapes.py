"""The validated content's types: each Record declared with a TypedDict (`Record[SiteData](...)`)
names the same fields as the TypedDict, required and optional alike, so that what mypy is told
about `content.site` is what the validator gives."""

from __future__ import annotations

from typing import get_type_hints

import pytest

from exchange_guide.model import pages
from exchange_guide.model.schema import ListOf, Record, Validator


def _declared_type(record: Record) -> type | None:
    """The TypedDict a Record was declared with: Record[SiteData](...), or a subclass of
    Record[SourceData]; None for a bare Record(...)."""
    declared = getattr(record, "__orig_class__", None) or next(
        (base for base in getattr(type(record), "__orig_bases__", ()) if getattr(base, "__origin__", None) is Record),
        None,
    )
    return declared.__args__[0] if declared is not None else None


def _typed_records() -> dict[str, tuple[Record, type]]:
    """Every Record reachable from the model's file schemas that is declared with a TypedDict."""
    found: dict[str, tuple[Record, type]] = {}

    def walk(validator: Validator, name: str) -> None:
        if isinstance(validator, ListOf):
            walk(validator.item, f"{name}[]")
        if isinstance(validator, Record):
            shape = _declared_type(validator)
            if shape is not None:
                found[name] = (validator, shape)
            for field, spec in validator.fields.items():
                walk(spec.validator, f"{name}.{field}")

    for name, schema in {"site": pages.SITE, "ui": pages.UI, "sources": pages.SOURCES}.items():
        walk(schema, name)
    return found


RECORDS = _typed_records()


def test_the_shared_records_are_typed():
    assert {"site", "site.languages[]", "ui", "sources", "sources.page", "sources.sources[]"} <= set(RECORDS)


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_each_typed_record_names_the_fields_of_its_type(name):
    record, shape = RECORDS[name]
    get_type_hints(shape)  # every annotation resolves
    assert set(shape.__required_keys__) == {field for field, spec in record.fields.items() if spec.required}
    assert set(shape.__optional_keys__) == {field for field, spec in record.fields.items() if not spec.required}
