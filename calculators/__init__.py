"""The NORUT stipend calculator: does a planned stay qualify, and what does it pay?

Standard library only, no file or network access: the same code runs in CPython and in the
browser through Pyodide. Plain data in (a request mapping and the compiled rules), a result
object out; reason and error codes, never sentences. `calculators.facts` holds the facts about
the rules that the content schema, the pages and the browser share (codes, units, value names).

    from calculators import estimate, InvalidRequest
    result = estimate({"home": "SE", "host": "NO", "start": "2026-03-02", "end": "2026-05-01"}, rules)
    result.to_dict()["stipend_dkk"]   # 36000
"""
from .errors import ERROR_CODES, FIELDS, FieldError, InvalidRequest
from .estimate import estimate, stipend_sum
from .json_api import run_json
from .totals import totals
from .facts import COUNTRIES, CURRENCIES, DURATION_UNITS, REQUIRED_VALUES, ROUNDING_MODES, VALUE_KINDS, VALUE_NAMES
from .request import Stay, parse_request
from .result import CHECK_CODES, COVER_REASONS, Estimate, Item
from .rules import choose_rule_set

__all__ = [
    "estimate", "run_json", "totals", "InvalidRequest", "FieldError", "Estimate", "Item", "Stay",
    "parse_request", "choose_rule_set", "stipend_sum", "COUNTRIES", "CURRENCIES", "FIELDS", "ERROR_CODES",
    "CHECK_CODES", "COVER_REASONS", "DURATION_UNITS", "REQUIRED_VALUES", "ROUNDING_MODES", "VALUE_KINDS", "VALUE_NAMES",
]
