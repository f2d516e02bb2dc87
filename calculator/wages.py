"""The average wage (上年度全口径城镇单位就业人员月平均工资) by social-insurance year, and
what to say when a year's figures are not published yet.

A social-insurance year runs from 1 July to 30 June, but its notice comes out in August
or later. On a date in a year whose notice is not in ``parameters/average_wage.toml``,
the last known figures are used (never extrapolated), and every answer that used them
carries a ``pending_figures`` note: which year's figures were used, that the new ones
are not published yet, and that the tier may change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any

from .editions import sources, wage_table
from .text import Text, t


@dataclass(frozen=True)
class WagePeriod:
    start: dt.date
    end: dt.date
    average: int
    base_floor: int
    base_ceiling: int
    notice: str          # the notice's key in sources.toml
    confirmed: bool
    confirmed_by: tuple[str, ...]
    how: dict[str, str]  # how each figure was confirmed, as the data says it

    @property
    def source(self) -> str:
        """The notice's title, in English, as sources.toml gives it."""
        return sources().notices[self.notice].title_en

    @property
    def source_text(self) -> Text:
        """The notice's title in both languages."""
        return sources().notices[self.notice].title()


@cache
def periods() -> tuple[WagePeriod, ...]:
    return tuple(
        WagePeriod(r.start, r.to, r.average, r.base_floor, r.base_ceiling, r.reference.notice, r.confirmed,
                   tuple(r.confirmed_by), r.how.model_dump())
        for r in wage_table().period
    )


def ceiling_multiple() -> int:
    """The ceiling as a multiple of a user-entered average (every notice sets it at 3×)."""
    return wage_table().override.ceiling_multiple


def insurance_year(on: dt.date) -> dt.date:
    """The first day (1 July) of the social-insurance year ``on`` falls in."""
    return dt.date(on.year if on.month >= 7 else on.year - 1, 7, 1)


def period_on(on: dt.date) -> WagePeriod | None:
    """The figures used on ``on``: those of its year, or the last known ones when its year's
    are not published yet (see ``pending``); None before the first period."""
    return next((p for p in reversed(periods()) if p.start <= on), None)


def pending(on: dt.date) -> WagePeriod | None:
    """The period whose figures stand in for ``on``'s year when that year's notice is not in the data."""
    used = period_on(on)
    return used if used is not None and on > used.end else None


def _zh_day(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def pending_note(on: dt.date) -> dict[str, Any] | None:
    """The note every answer that used the figures on ``on`` carries, or None when its year's figures are known."""
    used = pending(on)
    if used is None:
        return None
    year = insurance_year(on)
    return {
        "kind": "pending_figures",
        "insurance_year_from": year.isoformat(),
        "figures_from": used.start.isoformat(),
        "figures_to": used.end.isoformat(),
        "average": used.average,
        "base_ceiling": used.base_ceiling,
        "zh": (f"{_zh_day(year)}起的社保年度，上年度全口径城镇单位就业人员月平均工资和缴费基数上下限尚未公布"
               f"（通知通常在8月或更晚发布）。这里用的是{_zh_day(used.start)}至{_zh_day(used.end)}的数字"
               f"（月平均工资{used.average}元，缴费基数上限{used.base_ceiling}元）。新数字公布后，社保基数档次可能会变。"),
        "en": (f"The figures for the social-insurance year from {year.isoformat()} (the average wage and the contribution-base "
               f"floor and ceiling) are not published yet: the notice usually comes out in August or later. These are the "
               f"figures of {used.start.isoformat()} to {used.end.isoformat()} (average {used.average} CNY a month, ceiling "
               f"{used.base_ceiling} CNY). Once the new figures are out, the insurance-base tier may change."),
    }


def pending_notes(on: dt.date, used_figures: bool = True) -> list[dict[str, Any]]:
    """``[pending_note(on)]`` when the answer used the figures and they are pending, else ``[]``."""
    note = pending_note(on) if used_figures else None
    return [note] if note else []


def profile_uses_figures(profile: Any, edition: Any) -> bool:
    """Whether a score depends on the average wage: an insurance-base tier is claimed
    (第七条(五) compares the base with it), or a title whose salary condition compares the
    base with it (第六条(三))."""
    return profile.insurance_base != "none" or profile.qualification in edition.qualification.salary_condition_levels
