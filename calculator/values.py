"""Values as people type them, read once for every entry point (the API, the form, the
command line and batch files): full-width digits, numbers with their unit (38岁, 60个月,
5年), yes and no as a clerk writes them (是, √, Y, 1), dates in any of the spellings of
``dates``. Choices (学历, 职称 …) are read by ``options.Choices``. What cannot be read is
refused with a reason the field's message can quote; nothing is guessed."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from .dates import parse_date


def halfwidth(value: Any) -> Any:
    """Chinese keyboards may type full-width digits and signs ("３０", "２０２６－０３－０１")."""
    return unicodedata.normalize("NFKC", value).strip() if isinstance(value, str) else value


def squeeze(text: str) -> str:
    """A word as compared with names and aliases: half-width, no spaces, case-folded."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


def not_bool(value: Any) -> Any:
    """pydantic would read true as 1; a number field takes numbers only."""
    if isinstance(value, bool):
        raise PydanticCustomError("number_not_bool", "a number is required, not true/false")
    return halfwidth(value)


def finite(value: Any) -> Any:
    value = not_bool(value)
    try:
        number = float(value)
    except (TypeError, ValueError):
        return value  # pydantic reports the parsing error
    if not math.isfinite(number):
        raise PydanticCustomError("finite_number", "a finite number is required")
    return value


# A unit after a number, and what it multiplies the number by in the field's own unit.
AGE_UNITS = {"岁": 1, "周岁": 1}
MONTH_UNITS = {"个月": 1, "月": 1, "年": 12}   # 5年 of contributions is exactly 60个月
YEAR_UNITS = {"年": 1, "周年": 1}
TIME_UNITS = {"次": 1, "条": 1}
PEOPLE_UNITS = {"人": 1}
WAN_UNITS = {"万元": 1, "万": 1}
_NUMBER_AND_UNIT = re.compile(r"([-+]?\d+(?:\.\d+)?)\s*(\D+)")


def with_units(units: Mapping[str, int]) -> Any:
    """A BeforeValidator for a number that may carry one of ``units`` ("38岁", "5年")."""

    def read(value: Any) -> Any:
        value = finite(value)
        if not isinstance(value, str):
            return value
        match = _NUMBER_AND_UNIT.fullmatch(value.replace(",", ""))
        if not match:
            return value  # a plain number, or nothing pydantic can read: it says which
        number, unit = match.groups()
        factor = units.get(unit.strip())
        if factor is None:
            raise PydanticCustomError("number_unit", "unknown unit {unit}", {"unit": unit.strip(), "found": value})
        if factor == 1:
            return number
        scaled = float(number) * factor
        return int(scaled) if scaled.is_integer() else scaled

    return BeforeValidator(read)


YES = frozenset({"true", "1", "yes", "y", "t", "on", "是", "有", "对", "√", "✓", "✔"})
NO = frozenset({"false", "0", "no", "n", "f", "off", "否", "无", "没有", "×", "✗", "✘", "x"})


def yes_no(value: Any) -> Any:
    """是/否, √/×, Y/N, 1/0, true/false (any case or width); anything else is refused."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = squeeze(value)
        if word in YES:
            return True
        if word in NO:
            return False
    raise PydanticCustomError("bool_parsing", "yes or no is required", {"found": str(value)})


def date_value(value: Any) -> Any:
    return value if value is None else parse_date(value)


Int = Annotated[int, BeforeValidator(not_bool)]
Number = Annotated[float, BeforeValidator(finite)]
Bool = Annotated[bool, BeforeValidator(yes_no)]
Date = Annotated[dt.date, BeforeValidator(date_value)]
