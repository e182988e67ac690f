"""Helpers for tests that read the shipped content, or break a copy of it on purpose and read the errors."""

from functools import cache
from pathlib import Path

import pytest

from exchange_guide.model import ContentErrors, load_content

ROOT = Path(__file__).resolve().parents[1]


@cache
def shipped_content():
    """content/ as shipped, loaded once per test session (tests must not change it)."""
    return load_content(ROOT / "content")


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    text = path.read_text(encoding="utf-8")
    assert needle in text, f"{needle!r} not in {path}"
    return text[: text.index(needle)].count("\n") + 1


def errors_of(content: Path) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        load_content(content)
    return [error.describe() for error in caught.value.errors]
