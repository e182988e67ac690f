"""Helpers for tests that read content, or break a copy of it on purpose and read the errors.

Two content folders: the shipped `content/`, which tests read only through the loaded model (it
must stay free to change), and the test fixture `tests/fixtures/content/` (tests/fixtures/README.md),
which tests may copy and edit by its exact text."""

import re
from functools import cache
from pathlib import Path

import pytest

from exchange_guide.model import ContentErrors, load_content

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "content"


@cache
def shipped_content():
    """content/ as shipped, loaded once per test session (tests must not change it)."""
    return load_content(ROOT / "content")


@cache
def fixture_content():
    """The test fixture content, loaded once per test session (tests must not change it)."""
    return load_content(FIXTURE)


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


def set_offline(site_yml: Path, value: str) -> None:
    """Sets site.yml's `offline:` (the publisher's switch for offline use), adding it if missing."""
    text = site_yml.read_text(encoding="utf-8")
    line = f"offline: {value}"
    found = re.search(r"^offline:.*$", text, flags=re.M)
    site_yml.write_text(text.replace(found.group(0), line) if found else f"{text}\n{line}\n", encoding="utf-8")
