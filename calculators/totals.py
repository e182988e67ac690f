"""The most an estimate can pay in all, and the same total in the reader's home currency.

Rates are indicative (content/exchange_rates.yml, compiled to plain data): units of a
currency for one Danish krone. Each figure shown is computed exactly in Decimal and rounded
once with the rounding rule written beside the rates.
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from typing import Any, TypedDict

from .estimate import ROUNDING_MODES


class Rates(TypedDict):
    """The compiled indicative exchange rates (exchange_guide.model.calculator.compile_rates)."""

    date: str  # YYYY-MM-DD
    source: str  # a source id
    per_dkk: dict[str, str]  # currency -> units for one DKK, as text
    rounding: dict[str, str]  # quantum and mode, as for the stipend
    home_currency: dict[str, str]  # country -> its currency


def _rounded(value: Decimal, rounding: dict[str, str]) -> Decimal:
    return value.quantize(Decimal(rounding["quantum"]), rounding=ROUNDING_MODES[rounding["mode"]])


def totals(result: dict[str, Any], rates: Rates) -> dict[str, Any]:
    """The most the stay can pay: the maximum stipend plus the covered return journey, in DKK and
    in the home country's currency.

    `result` is an estimate's to_dict(); `rates` is the compiled exchange_rates data.
    """
    per_dkk = {code: Decimal(value) for code, value in rates["per_dkk"].items()}
    rounding = rates["rounding"]
    with decimal.localcontext() as context:
        context.prec = 40
        travel_dkk = Decimal(0)
        travel = result.get("travel") or {}
        cost = travel.get("cost")
        if travel.get("covered") and cost and cost.get("currency") in per_dkk:
            travel_dkk = Decimal(cost["amount"]) / per_dkk[cost["currency"]]
        total_dkk = Decimal(result["max_stipend_dkk"]) + travel_dkk
        currency = rates["home_currency"][result["home"]]
        total_home = total_dkk * per_dkk[currency]
    return {
        "max_total_dkk": int(_rounded(total_dkk, rounding)),
        "home_currency": currency,
        "max_total_home": int(_rounded(total_home, rounding)),
        "rate": str(per_dkk[currency]),
        "rate_date": rates["date"],
        "rate_source": rates["source"],
    }
