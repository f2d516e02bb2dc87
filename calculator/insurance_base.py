"""The insurance-base helper: a monthly contribution base (缴费基数) → the tier of 第七条(五).

Users know their monthly base, not a multiple. The tier compares it with the city
average wage in force for the social-insurance year (July–June), kept as dated
data with its source in ``parameters/average_wage.toml`` (read by ``wages``); the user may
override it. When the year's figures are not published yet, the last known ones are used
and the answer's ``notes`` say so (a note of kind ``pending_figures``).
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

from pydantic_core import PydanticCustomError

from .dates import parse_date, today_in_shanghai
from .editions import NoEditionError, edition_on, sources
from .errors import field_error, no_edition_error, value_error
from .text import Text, t, with_figures
from .wages import WagePeriod, ceiling_multiple, pending_note, period_on, periods

__all__ = ["WagePeriod", "ceiling_multiple", "period_on", "periods", "tier_for"]


def _positive(value: Any, field: str, label: Text) -> Fraction:
    if isinstance(value, bool) or value is None or value == "":
        raise field_error(field, f"请填写{label['zh']}", f"enter the {label['en']}")
    try:
        number = Fraction(str(value).strip())
    except (ValueError, ZeroDivisionError):
        raise field_error(field, f"{label['zh']}须为正数（元/月）", f"the {label['en']} must be a positive amount (CNY per month)") from None
    if number <= 0 or number > 10_000_000:
        raise field_error(field, f"{label['zh']}须为大于0的金额（元/月）", f"the {label['en']} must be a positive amount (CNY per month)")
    return number


def tier_for(monthly_base: Any, on: Any = None, average: Any = None) -> dict[str, Any]:
    """The tier for a monthly base on a date; ``average`` overrides the table's figure."""
    try:
        day = today_in_shanghai() if on in (None, "") else parse_date(on)
    except PydanticCustomError as exc:
        raise value_error("on", exc) from None
    try:
        edition = edition_on(day)
    except NoEditionError as exc:
        raise no_edition_error(exc, "on") from None
    base = _positive(monthly_base, "monthly_base", t("月缴费基数", "monthly contribution base"))
    period = period_on(day)
    notes: list[dict[str, Any]] = []
    if average not in (None, ""):
        avg = _positive(average, "average", t("月平均工资", "average wage"))
        ceiling = avg * ceiling_multiple()
        source = t("你填写的上年度全口径城镇单位就业人员月平均工资", "the average wage you entered")
    elif period is None:
        first = periods()[0].start.isoformat()
        raise field_error(
            "average",
            f"没有{day.isoformat()}适用的上年度全口径城镇单位就业人员月平均工资数据（表从{first}起），请手动填写",
            f"no average-wage figure for {day.isoformat()} (the table starts {first}); enter the average yourself",
        )
    else:
        avg, ceiling = Fraction(period.average), Fraction(period.base_ceiling)
        source = period.source_text
        note = pending_note(day)
        if note:
            notes.append(note)
        if not period.confirmed:
            notes.append({"kind": "unconfirmed", **t("该年度月平均工资数字未经核实，建议手动核对。", "This year's average is not confirmed; check it yourself")})
        if base > ceiling:
            notes.append({"kind": "above_ceiling", **t(f"缴费基数上限为{period.base_ceiling}元，超过部分不计。", f"The base is capped at {period.base_ceiling} CNY")})
            base = ceiling
        if base < period.base_floor:
            notes.append({"kind": "below_floor", **t(f"低于缴费基数下限{period.base_floor}元。", f"Below the minimum base of {period.base_floor} CNY")})
    multiple = base / avg
    tiers = sorted(edition.insurance_base.tiers.items(), key=lambda kv: kv[1].multiple_from)
    tier_id, tier = "none", None
    for candidate_id, candidate in tiers:
        reached = base >= ceiling if candidate.at_ceiling else multiple >= Fraction(str(candidate.multiple_from))
        if reached:
            tier_id, tier = candidate_id, candidate
    article = edition.article("insurance_base")
    return {
        "tier": tier_id,
        "points": tier.points if tier else 0,
        "multiple": round(float(multiple), 4),
        "monthly_base": float(base),
        "average": float(avg),
        "ceiling": float(ceiling),
        "on": day.isoformat(),
        "period": None if average not in (None, "") or period is None else {
            "from": period.start.isoformat(),
            "to": period.end.isoformat(),
            "floor": period.base_floor,
            "ceiling": period.base_ceiling,
            "notice": {"title": period.source, "title_text": period.source_text, "url": sources().notices[period.notice].url,
                       "confirmed": period.confirmed, "confirmed_by": list(period.confirmed_by), "how": period.how},
        },
        "source": source,
        "condition": t(
            f"该档须最近{tier.within_years}年内累计{tier.months}个月达到（{article}）",
            f"The tier needs {tier.months} months at this level within the last {tier.within_years} years ({article})",
        ) if tier else with_figures(t("低于上年度全口径城镇单位就业人员月平均工资的{insurance_base.tiers.x0.8.multiple_from}倍，不积分",
                                      "Below {insurance_base.tiers.x0.8.multiple_from}× the average: no points"), edition.params),
        "notes": notes,
        "article": article,
    }
