"""The result of an estimate, and its plain JSON-able form (`to_dict`).

Everything is codes and numbers: the site turns codes into sentences in the reader's language.
Each item names the rules.yml value it rests on (`rule`), its source id and whether that value
is marked uncertain, so the page can show the source and any note next to it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .request import Stay


def plain(value: Any) -> Any:
    """JSON-able copy: dates as ISO text, amounts as text (never floats)."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


@dataclass(frozen=True)
class Item:
    """One thing a result states: a check (`ok` in details), a rules.yml value the sum was
    computed with, or a cost covered on top of the stipend (`covered` and `reason` in details).
    `rule` names the rules.yml value it rests on, e.g. "min_duration"."""

    code: str
    rule: str | None
    source: str | None
    uncertain: bool = False
    details: dict = field(default_factory=dict)  # values the text needs, e.g. {"limit": {"days": 14}}

    def __getitem__(self, key: str):
        return self.details[key]

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "rule": self.rule,
            "source": self.source,
            "uncertain": self.uncertain,
            **plain(self.details),
        }


# Why a cost is or is not covered.
COVERED = "covered"
NOT_ELIGIBLE = "not_eligible"  # the stay itself does not qualify
STAY_TOO_SHORT = "stay_too_short"  # covered only for longer stays (see `limit`)
NOT_IN_RULES = "not_in_rules"  # the rule set does not cover this cost at all
COVER_REASONS = (COVERED, NOT_ELIGIBLE, STAY_TOO_SHORT, NOT_IN_RULES)

# Every code a check can carry, in the order a result lists them, with the outcomes it can have:
# the site needs a text for each outcome, in every language. "unclear": the stay passes on our
# reading, but no source settles the condition (`ok` is true and `unclear` is in the details).
CHECK_OUTCOMES = {
    "no_rule_set": ("ok", "fail"),
    "home_in_programme": ("unclear",),  # listed only for staff employed in a self-governing territory
    "host_differs_from_home": ("ok", "fail", "unclear"),
    "host_in_programme": ("ok", "fail"),
    "min_duration": ("ok", "fail"),
    "max_duration": ("ok", "fail"),
    "same_calendar_year": ("ok", "fail"),
    "host_reading": ("ok", "unclear"),  # another rule set's limits, read as meant for stays in the host
}
CHECK_CODES = tuple(CHECK_OUTCOMES)


@dataclass(frozen=True)
class Estimate:
    stay: Stay
    eligible: bool
    # The most the stay can pay: the sources give the monthly amount as a ceiling ("up to"),
    # rounded once, by the rule set's rounding rule.
    max_stipend: Decimal
    days: int
    months: int
    extra_days: int
    leave_days_deducted: int
    rule_set: str | None
    checks: tuple[Item, ...]
    basis: tuple[Item, ...]  # monthly_stipend, partial_month, leave_reduces_stipend, rounding
    costs: tuple[Item, ...]  # travel, family_travel, moving, home_trip
    report_deadline: dict | None  # {"limit": {"months": 3}, "source": ..., ...} or None

    @property
    def max_stipend_dkk(self) -> int:
        return int(self.max_stipend)

    @property
    def failed(self) -> list[str]:
        return [check.code for check in self.checks if not check["ok"]]

    @property
    def unclear(self) -> list[str]:
        """The checks the stay passes only on our reading: no source settles them."""
        return [check.code for check in self.checks if check.details.get("unclear")]

    def _basis(self, code: str, key: str):
        return next((item[key] for item in self.basis if item.code == code), None)

    @property
    def uncertain(self) -> bool:
        """True if a value this result actually rests on is marked uncertain in rules.yml: every
        check, the values of the sum (the leave rule only when there are leave days) and the
        costs that are covered."""
        basis = [item for item in self.basis if item.code != "leave_reduces_stipend" or self.stay.leave_days]
        covered = [item for item in self.costs if item["covered"]]
        return any(item.uncertain for item in (*self.checks, *basis, *covered)) or bool(
            self.report_deadline and self.report_deadline["uncertain"]
        )

    def to_dict(self) -> dict:
        stay = self.stay
        return {
            "eligible": self.eligible,
            "max_stipend_dkk": self.max_stipend_dkk,
            "max_monthly_dkk": plain(self._basis("monthly_stipend", "amount")),
            "days_per_month": self._basis("partial_month", "days_per_month"),
            "days": self.days,
            "months": self.months,
            "extra_days": self.extra_days,
            "leave_days": stay.leave_days,
            "leave_days_deducted": self.leave_days_deducted,
            "rule_set": self.rule_set,
            "uncertain": self.uncertain,
            "home": stay.home,
            "host": stay.host,
            "start": stay.start.isoformat(),
            "end": stay.end.isoformat(),
            "family_members": stay.family_members,
            "failed": self.failed,
            "unclear": self.unclear,
            "reasons": [check.to_dict() for check in self.checks],
            "basis": [item.to_dict() for item in self.basis],
            **{item.code: item.to_dict() for item in self.costs},
            "report_deadline": plain(self.report_deadline),
        }
