"""Refused profiles: pydantic's errors turned into one message per field, in Chinese and English."""

from __future__ import annotations

from typing import Any

from typing_extensions import TypedDict

from pydantic import ValidationError

from .editions import NoEditionError
from .profile import FIELDS, OPTIONS, field_limits, field_meta, field_type
from .text import Text, t


class FieldError(TypedDict):
    field: str | None
    type: str
    zh: str
    en: str


class ProfileError(ValueError):
    """The profile was refused; ``errors`` holds one message per bad field."""

    def __init__(self, errors: list[FieldError]):
        self.errors = errors
        super().__init__("; ".join(f"{e['field']}: {e['en']}" for e in errors))


def _fmt(x: float | None) -> str:
    return "" if x is None else (str(int(x)) if float(x).is_integer() else str(x))


def _range(name: str, whole: bool) -> Text:
    low, high = field_limits(name)
    kind = t("整数", "a whole number") if whole else t("数", "a number")
    if low is not None and high is not None:
        return t(f"须为{_fmt(low)}到{_fmt(high)}之间的{kind['zh']}", f"must be {kind['en']} from {_fmt(low)} to {_fmt(high)}")
    if low is not None:
        return t(f"须为不小于{_fmt(low)}的{kind['zh']}", f"must be {kind['en']} of at least {_fmt(low)}")
    return t(f"须为{kind['zh']}", f"must be {kind['en']}")


def _choices(name: str) -> Text:
    options = OPTIONS[name]
    return t(
        "只能选以下之一:" + "、".join(f"{k}({v['zh']})" for k, v in options.items()),
        "must be one of: " + ", ".join(options),
    )


def _message(name: str | None, kind: str, ctx: dict[str, Any]) -> Text:
    whole = name in FIELDS and field_type(name) == "integer"
    if kind == "extra_forbidden":
        return t("不是本计算器的字段,请检查拼写", "is not a field of the profile; check the spelling")
    if kind == "age_missing":
        return t("请填写年龄或出生日期(二选一)", "give either the age or the birth date")
    if kind == "age_twice":
        return t("年龄和出生日期只能填一项", "give the age or the birth date, not both")
    if kind == "birth_after_as_of":
        return t(f"出生日期不能晚于申请日期({ctx['as_of']})", f"cannot be after the application date ({ctx['as_of']})")
    if kind == "birth_age_range":
        low, high = (_fmt(x) for x in field_limits("age"))  # the age field's own limits
        return t(f"按出生日期算得{ctx['age']}周岁,须在{low}到{high}周岁之间", f"gives age {ctx['age']}, which must be from {low} to {high}")
    if kind == "no_edition":
        return t(
            f"{ctx['date']}没有适用的积分办法版本(最早从{ctx['first']}起)",
            f"no edition of the rules is in force on {ctx['date']} (the earliest starts {ctx['first']})",
        )
    if kind in {"literal_error", "enum"} and name in OPTIONS:
        return _choices(name)
    if kind in {"bool_parsing", "bool_type"}:
        return t("只能填是或否(true/false)", "must be true or false")
    if kind.startswith("date") or kind.startswith("datetime"):
        return t("须为有效日期,格式YYYY-MM-DD(如2026-03-01)", "must be a valid date as YYYY-MM-DD (e.g. 2026-03-01)")
    if name in FIELDS and kind in {
        "int_parsing", "int_type", "int_from_float", "float_parsing", "float_type", "number_not_bool", "finite_number",
        "greater_than_equal", "less_than_equal", "greater_than", "less_than",
    }:
        return _range(name, whole)
    if kind == "missing":
        return t("必须填写", "is required")
    return t("取值无效", "is not a valid value")


def field_errors(exc: ValidationError) -> list[FieldError]:
    out: list[FieldError] = []
    seen: set[str | None] = set()
    for err in exc.errors(include_url=False):
        ctx = err.get("ctx") or {}
        loc = err["loc"]
        name = str(loc[0]) if loc else ctx.get("field")
        if name in seen:  # one message per field is enough
            continue
        seen.add(name)
        msg = _message(name, err["type"], ctx)
        out.append({"field": name, "type": err["type"], "zh": msg["zh"], "en": msg["en"]})
    return out


def no_edition_error(exc: NoEditionError, field: str = "as_of") -> ProfileError:
    """A date before the first edition of the 办法, as a message at the date's field."""
    msg = _message(field, "no_edition", {"date": exc.on.isoformat(), "first": exc.first.isoformat()})
    return ProfileError([{"field": field, "type": "no_edition", "zh": msg["zh"], "en": msg["en"]}])


def field_error(field: str, zh: str, en: str, kind: str = "value_error") -> ProfileError:
    """A refusal of one field's value found outside the profile model (e.g. a tier date)."""
    return ProfileError([{"field": field, "type": kind, "zh": zh, "en": en}])


def request_error(zh: str, en: str) -> ProfileError:
    """A refusal that is not about one field (e.g. the input is not a JSON object)."""
    return ProfileError([{"field": None, "type": "request", "zh": zh, "en": en}])


__all__ = ["FieldError", "ProfileError", "field_error", "field_errors", "no_edition_error", "request_error", "field_meta"]
