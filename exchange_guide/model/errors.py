"""The one error type for bad content: it always says which file, line and field."""

from __future__ import annotations

from pathlib import Path


class ContentError(Exception):
    """A mistake in a content file, reported to the editor in one line."""

    def __init__(self, path: Path | str, line: int | None, field: str | None, message: str):
        self.path = str(path)
        self.line = line
        self.field = field
        self.message = message
        super().__init__(self.describe())

    def describe(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        what = f" field '{self.field}':" if self.field else ""
        return f"{where}:{what} {self.message}"


class ContentErrors(Exception):
    """Several content mistakes found in one pass, so the editor can fix them all at once."""

    def __init__(self, errors: list[ContentError]):
        self.errors = errors
        super().__init__("\n".join(e.describe() for e in errors))
