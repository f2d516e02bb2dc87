"""Dates as people write them, read by one parser for every entry point (the API, the
form, the timeline, the command line and batch files): 2027-04-10, 2027/4/10, 2027.4.10,
2027年4月10日, with full-width digits too. An impossible date (2027/2/30) is an error,
never a guess; so is a spelling whose order is unclear (10/4/2027 could be either)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from pydantic_core import PydanticCustomError

EXAMPLE = dt.date(2027, 4, 10)   # the date messages spell out as examples
SHANGHAI = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")

# year first, then month and day, separated by - / . or written 年 月 (日); nothing else
_SPELLING = re.compile(r"(\d{4})\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?)")
# eight digits in a row, as some HR systems export them: 20270410
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")


def today_in_shanghai() -> dt.date:
    """Dates default to today in Shanghai (UTC+8), wherever the device is."""
    return dt.datetime.now(SHANGHAI).date()


def full_years(born: dt.date, on: dt.date) -> int:
    """周岁: whole years since birth. Born on 29 February, one turns a year older on
    1 March in a common year, which the (month, day) comparison gives by itself."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def parse_date(value: Any) -> dt.date:
    """A date from a date object or any spelling above; raises PydanticCustomError
    ``date_format`` (not a date spelling) or ``date_impossible`` (no such day)."""
    if isinstance(value, dt.datetime):
        # a spreadsheet's date cell is a datetime at midnight; a time of day is not a date
        if (value.hour, value.minute, value.second, value.microsecond) != (0, 0, 0, 0):
            raise PydanticCustomError("date_format", "a date is required, not a time", {"found": value.isoformat(" ")})
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError("date_format", "a date is required", {"found": str(value)})
    text = unicodedata.normalize("NFKC", value).strip()
    match = _SPELLING.fullmatch(text) or _COMPACT.fullmatch(text)
    if not match:
        raise PydanticCustomError("date_format", "not a date: {found}", {"found": text})
    year, month, day = (int(g) for g in match.groups() if g is not None)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise PydanticCustomError(
            "date_impossible", "no such date: {found}", {"found": text, "year": year, "month": month, "day": day}
        ) from None

