"""Refused input: pydantic's errors turned into one message per field, in Chinese and
English, for every input model (the profile, the timeline's inputs). A message says what
was found and the shortest fix, so the same text serves the form, the API and a
spreadsheet's cell."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticCustomError
from typing_extensions import NotRequired, TypedDict

from .dates import EXAMPLE
from .editions import NoEditionError
from .fields import kind as field_kind
from .fields import limits
from .options import Choices
from .text import Text, t


class FieldError(TypedDict):
    field: str | None
    type: str
    zh: str
    en: str
    found: NotRequired[str]   # the value refused, as given (a spreadsheet's cell quotes it)


class ProfileError(ValueError):
    """The input was refused; ``errors`` holds one message per bad field."""

    def __init__(self, errors: list[FieldError]):
        self.errors = errors
        super().__init__("; ".join(f"{e['field']}: {e['en']}" for e in errors))


def _fmt(x: float | None) -> str:
    return "" if x is None else (str(int(x)) if float(x).is_integer() else str(x))


_D = EXAMPLE
DATE_SPELLINGS = t(f"如 {_D.isoformat()}（YYYY-MM-DD）、{_D.year}/{_D.month}/{_D.day} 或 {_D.year}年{_D.month}月{_D.day}日",
                   f"e.g. {_D.isoformat()} (YYYY-MM-DD), {_D.year}/{_D.month}/{_D.day} or {_D.year}年{_D.month}月{_D.day}日")


def _date_impossible(c: Mapping[str, Any]) -> Text:
    if not 1 <= c["month"] <= 12:
        zh, en = f"没有{c['month']}月", f"there is no month {c['month']}"
    else:
        zh, en = f"{c['year']}年{c['month']}月没有{c['day']}日", f"{c['year']}-{c['month']:02d} has no day {c['day']}"
    return t(f"{zh}，须为有效日期，{DATE_SPELLINGS['zh']}", f"{en}: must be a valid date, {DATE_SPELLINGS['en']}")


def _range(model: type[BaseModel], name: str) -> Text:
    low, high = limits(model, name)
    whole = field_kind(model, name) == "integer"
    kind = t("整数", "a whole number") if whole else t("数", "a number")
    if low is not None and high is not None:
        return t(f"须为{_fmt(low)}到{_fmt(high)}之间的{kind['zh']}", f"must be {kind['en']} from {_fmt(low)} to {_fmt(high)}")
    if low is not None:
        return t(f"须为不小于{_fmt(low)}的{kind['zh']}", f"must be {kind['en']} of at least {_fmt(low)}")
    return t(f"须为{kind['zh']}", f"must be {kind['en']}")


NUMBER_ERRORS = {"int_parsing", "int_type", "int_from_float", "float_parsing", "float_type", "number_not_bool", "finite_number",
                 "greater_than_equal", "less_than_equal", "greater_than", "less_than"}

# Messages by error type, for any model; ``c`` is the error's context. The 'field' of a
# model-level error (two fields that contradict each other) is in its context.
MESSAGES: dict[str, Callable[[Mapping[str, Any]], Text]] = {
    "extra_forbidden": lambda c: t("不是本计算器的字段，请检查拼写", "is not a field of the profile; check the spelling"),
    "missing": lambda c: t("必须填写", "is required"),
    "age_missing": lambda c: t("请填写年龄或出生日期（二选一）", "give either the age or the birth date"),
    "age_twice": lambda c: t("年龄和出生日期只能填一项", "give the age or the birth date, not both"),
    "birth_after_as_of": lambda c: t(f"出生日期不能晚于申请日期（{c['as_of']}）", f"cannot be after the application date ({c['as_of']})"),
    "no_edition": lambda c: t(f"{c['date']}没有适用的积分办法版本（最早从{c['first']}起）",
                              f"no edition of the rules is in force on {c['date']} (the earliest starts {c['first']})"),
    "bool_parsing": lambda c: t("只能填是或否（true/false）", "must be true or false"),
    "bool_type": lambda c: t("只能填是或否（true/false）", "must be true or false"),
    "date_format": lambda c: t(f"须为有效日期，{DATE_SPELLINGS['zh']}", f"must be a valid date, {DATE_SPELLINGS['en']}"),
    "date_impossible": _date_impossible,
    "choice_ambiguous": lambda c: t(f"“{c['found']}”不清楚指哪一项：{c['fix_zh']}", f"“{c['found']}” is ambiguous: {c['fix_en']}"),
    "choice_unknown": lambda c: t(f"“{c['found']}”不是可选项，写 {c['short_zh']} 之一", f"“{c['found']}” is not an option; write one of: {c['values']}"),
    # the timeline's own contradictions
    "approved_not_yet": lambda c: t("选了“尚未获批”，就不要填批准日期", "you chose \"not yet\": leave the approval date empty"),
    "date_in_future": lambda c: t(f"不能晚于今天（{c['on']}）", f"cannot be after today ({c['on']})"),
    "child_twice": lambda c: t("出生日期和年级只填一项", "give the birth date or the grade, not both"),
    "child_too_old": lambda c: t(f"孩子须在{c['max_years']}岁以内", f"the child must be under {c['max_years']}"),
}


def _message(model: type[BaseModel], choices: Mapping[str, Choices], name: str | None, kind: str, ctx: Mapping[str, Any]) -> Text:
    known = name is not None and name in model.model_fields
    if kind == "birth_age_range":
        low, high = (_fmt(x) for x in limits(model, "age"))  # the age field's own limits
        return t(f"按出生日期算得{ctx['age']}周岁，须在{low}到{high}周岁之间", f"gives age {ctx['age']}, which must be from {low} to {high}")
    if kind == "number_unit" and known:
        rng = _range(model, name)  # type: ignore[arg-type]
        return t(f"不认识的单位“{ctx['unit']}”，{rng['zh']}", f"unknown unit “{ctx['unit']}”: {rng['en']}")
    if kind in {"literal_error", "enum"} and name in choices:
        c = choices[name]
        return t("写 " + "、".join(c.short(v) for v in c.options) + " 之一", "must be one of: " + ", ".join(c.options))
    if kind in MESSAGES:
        return MESSAGES[kind](ctx)
    if kind.startswith("date") or kind.startswith("datetime"):
        return MESSAGES["date_format"](ctx)
    if known and kind in NUMBER_ERRORS:
        return _range(model, name)  # type: ignore[arg-type]
    return t("取值无效", "is not a valid value")


def _found(err: Mapping[str, Any]) -> str | None:
    ctx = err.get("ctx") or {}
    if "found" in ctx:
        return str(ctx["found"])
    value = err.get("input")
    return None if isinstance(value, (dict, list)) or value is None else str(value)


def field_errors(exc: ValidationError, model: type[BaseModel], choices: Mapping[str, Choices]) -> list[FieldError]:
    """One message per field (the first pydantic gives), in Chinese and English."""
    out: list[FieldError] = []
    seen: set[str | None] = set()
    for err in exc.errors(include_url=False):
        ctx = err.get("ctx") or {}
        loc = err["loc"]
        name = str(loc[0]) if loc else ctx.get("field")
        if name in seen:
            continue
        seen.add(name)
        msg = _message(model, choices, name, err["type"], ctx)
        entry: FieldError = {"field": name, "type": err["type"], "zh": msg["zh"], "en": msg["en"]}
        found = _found(err) if loc else None
        if found is not None:
            entry["found"] = found
        out.append(entry)
    return out


def value_error(field: str, exc: PydanticCustomError) -> ProfileError:
    """A value read outside a model (the tier helper's date) refused by the same readers."""
    msg = MESSAGES.get(exc.type, MESSAGES["date_format"])(exc.context or {})
    return ProfileError([{"field": field, "type": exc.type, "zh": msg["zh"], "en": msg["en"]}])


def no_edition_error(exc: NoEditionError, field: str = "as_of") -> ProfileError:
    """A date before the first edition of the 办法, as a message at the date's field."""
    msg = MESSAGES["no_edition"]({"date": exc.on.isoformat(), "first": exc.first.isoformat()})
    return ProfileError([{"field": field, "type": "no_edition", "zh": msg["zh"], "en": msg["en"]}])


def field_error(field: str, zh: str, en: str, kind: str = "value_error") -> ProfileError:
    """A refusal of one field's value found outside the input models (e.g. a tier date)."""
    return ProfileError([{"field": field, "type": kind, "zh": zh, "en": en}])


def request_error(zh: str, en: str) -> ProfileError:
    """A refusal that is not about one field (e.g. the input is not a JSON object)."""
    return ProfileError([{"field": None, "type": "request", "zh": zh, "en": en}])


__all__ = ["FieldError", "ProfileError", "field_error", "field_errors", "no_edition_error", "request_error", "value_error"]
