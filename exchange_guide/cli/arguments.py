"""Argument types the sub-commands share."""

from __future__ import annotations

import argparse
import datetime as dt


def iso_date(value: str) -> dt.date:
    """A date on the command line, as YYYY-MM-DD (argparse names the option when it is not)."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date written YYYY-MM-DD, got {value!r}") from None
