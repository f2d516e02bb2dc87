"""The insurance-base helper: a monthly contribution base (缴费基数) → the tier of 第七条(五).

Users know their monthly base, not a multiple. The tier compares it with the city
average wage in force for the social-insurance year (July–June), kept as dated
data with its source in ``parameters/average_wage.toml``; the user may override it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from typing import Any

from pydantic_core import PydanticCustomError

from .dates import parse_date, today_in_shanghai
from .editions import NoEditionError, edition_on, sources, wage_table
from .errors import field_error, no_edition_error, value_error
from .text import Text, t, with_figures


@dataclass(frozen=True)
class WagePeriod:
    start: dt.date
    end: dt.date | None
    average: int
    base_floor: int
    base_ceiling: int
    notice: str          # the notice's key in sources.toml
    confirmed: bool
    confirmed_by: tuple[str, ...]

    @property
    def source(self) -> str:
        """The notice's title, as sources.toml gives it."""
        return sources().notices[self.notice].title


@cache
def periods() -> tuple[WagePeriod, ...]:
    rows = wage_table()["period"]
    return tuple(
        WagePeriod(r["from"], r.get("to"), r["average"], r["base_floor"], r["base_ceiling"], r["reference"]["notice"],
                   r["confirmed"], tuple(r.get("confirmed_by", ())))
        for r in sorted(rows, key=lambda r: r["from"])
    )


def ceiling_multiple() -> int:
    """The ceiling as a multiple of a user-entered average (every notice sets it at 3×)."""
    return int(wage_table()["override"]["ceiling_multiple"])


def period_on(on: dt.date) -> WagePeriod | None:
    for p in reversed(periods()):
        if p.start <= on and (p.end is None or on <= p.end):
            return p
    return None


def _positive(value: Any, field: str, label: Text) -> Fraction:
    if isinstance(value, bool) or value is None or value == "":
        raise field_error(field, f"请填写{label['zh']}", f"enter the {label['en']}")
    try:
        number = Fraction(str(value).strip())
    except (ValueError, ZeroDivisionError):
        raise field_error(field, f"{label['zh']}须为正数(元/月)", f"the {label['en']} must be a positive amount (CNY per month)") from None
    if number <= 0 or number > 10_000_000:
        raise field_error(field, f"{label['zh']}须为大于0的金额(元/月)", f"the {label['en']} must be a positive amount (CNY per month)")
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
    notes: list[Text] = []
    if average not in (None, ""):
        avg = _positive(average, "average", t("社平工资", "average wage"))
        ceiling = avg * ceiling_multiple()
        source = t("你填写的社平工资", "the average wage you entered")
    elif period is None:
        first = periods()[0].start.isoformat()
        raise field_error(
            "average",
            f"没有{day.isoformat()}适用的社平工资数据(表从{first}起),请手动填写社平工资",
            f"no average-wage figure for {day.isoformat()} (the table starts {first}); enter the average yourself",
        )
    else:
        avg, ceiling = Fraction(period.average), Fraction(period.base_ceiling)
        source = t(period.source, period.source)
        if not period.confirmed:
            notes.append(t("该年度社平工资数字未经核实,建议手动核对", "This year's average is not confirmed; check it yourself"))
        if base > ceiling:
            notes.append(t(f"缴费基数上限为{period.base_ceiling}元,超过部分不计", f"The base is capped at {period.base_ceiling} CNY"))
            base = ceiling
        if base < period.base_floor:
            notes.append(t(f"低于缴费基数下限{period.base_floor}元", f"Below the minimum base of {period.base_floor} CNY"))
    multiple = base / avg
    tiers = sorted(edition["insurance_base"]["tiers"].items(), key=lambda kv: kv[1]["multiple_from"])
    tier_id, tier = "none", None
    for candidate_id, candidate in tiers:
        reached = base >= ceiling if candidate["at_ceiling"] else multiple >= Fraction(str(candidate["multiple_from"]))
        if reached:
            tier_id, tier = candidate_id, candidate
    article = edition.article("insurance_base")
    return {
        "tier": tier_id,
        "points": tier["points"] if tier else 0,
        "multiple": round(float(multiple), 4),
        "monthly_base": float(base),
        "average": float(avg),
        "ceiling": float(ceiling),
        "on": day.isoformat(),
        "period": None if average not in (None, "") or period is None else {
            "from": period.start.isoformat(),
            "to": period.end.isoformat() if period.end else None,
            "floor": period.base_floor,
            "ceiling": period.base_ceiling,
            "notice": {"title": period.source, "url": sources().notices[period.notice].url,
                       "confirmed": period.confirmed, "confirmed_by": list(period.confirmed_by)},
        },
        "source": source,
        "condition": t(
            f"该档须最近{tier['within_years']}年内累计{tier['months']}个月达到({article})",
            f"The tier needs {tier['months']} months at this level within the last {tier['within_years']} years ({article})",
        ) if tier else with_figures(t("低于社平工资的{insurance_base.tiers.x0.8.multiple_from}倍,不积分",
                                      "Below {insurance_base.tiers.x0.8.multiple_from}× the average: no points"), edition.params),
        "notes": notes,
        "article": article,
    }
