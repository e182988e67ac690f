"""The NORUT stipend calculator: does a planned stay qualify, and what does it pay?

Standard library only, no file or network access: the same code runs in CPython and in the
browser through Pyodide. Plain data in (a request mapping and the compiled rules), a result
object out; reason and error codes, never sentences. The sources give the stipend as a ceiling
("up to" an amount a month), so every figure the package returns is a maximum. `calculators.codes`
holds the facts about the rules that the content schema, the pages and the browser share (codes,
units, value names).

    from calculators import estimate, InvalidRequest
    result = estimate({"home": "SE", "host": "NO", "start": "2026-03-02", "end": "2026-05-01"}, rules)
    result.to_dict()["max_stipend_dkk"]   # 36000: the most the stay can pay
"""

from .codes import COUNTRIES, CURRENCIES, DURATION_UNITS, REQUIRED_VALUES, ROUNDING_MODES, VALUE_KINDS, VALUE_NAMES
from .errors import ERROR_CODES, FIELDS, FieldError, InvalidRequest
from .estimate import estimate, stipend_sum
from .json_api import run_json
from .request import Stay, parse_request
from .result import CHECK_CODES, CHECK_OUTCOMES, COVER_REASONS, Estimate, Item
from .rules import choose_rule_set
from .totals import totals

__all__ = [
    "CHECK_CODES",
    "CHECK_OUTCOMES",
    "COUNTRIES",
    "COVER_REASONS",
    "CURRENCIES",
    "DURATION_UNITS",
    "ERROR_CODES",
    "FIELDS",
    "REQUIRED_VALUES",
    "ROUNDING_MODES",
    "VALUE_KINDS",
    "VALUE_NAMES",
    "Estimate",
    "FieldError",
    "InvalidRequest",
    "Item",
    "Stay",
    "choose_rule_set",
    "estimate",
    "parse_request",
    "run_json",
    "stipend_sum",
    "totals",
]
