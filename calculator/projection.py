"""The next ten years, month by month, if the applicant's situation simply goes on.

Each month is scored by the real engine (``score``) on a copy of the profile with
``as_of`` moved forward and the time-based inputs grown:

- social insurance is paid every month: ``social_insurance_months`` + 1 a month
  (第六条(四) counts full 12-month steps);
- ``public_service_years``, ``suburb_years`` and ``spouse_hukou_years`` grow by one
  at each full year from ``as_of``, but only when already above 0 (one that has not
  started is assumed not to start) — 第七条(六)(七)(十);
- age: from ``birth_date`` the engine counts 周岁 on each date; with only ``age``
  given it goes up by one every 12 months from ``as_of`` (the birthday is unknown);
- everything else stays as it is, deduction records included (their dates are not
  asked, so we cannot tell when they stop counting).

The copies are made with ``model_copy(update=...)``: the profile was validated once,
the updates only move values the engine reads, so nothing is re-validated.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from .editions import edition_on
from .engine import score
from .dates import full_years
from .fields import limits, meta
from .profile import AGE_MAX, Profile
from .text import Text, t, with_figures

HORIZON_MONTHS = 120  # ten years; the projection has HORIZON_MONTHS + 1 points (today included)
GROWING_YEARS = ("public_service_years", "suburb_years", "spouse_hukou_years")


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day when it is shorter (31 Jan + 1 → 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _capped(name: str, value: int) -> int:
    high = limits(Profile, name)[1]
    return value if high is None else min(int(high), value)


def profile_after(profile: Profile, months: int) -> Profile:
    """The profile ``months`` later under the assumptions of this module."""
    on = add_months(profile.as_of, months)
    years = full_years(profile.as_of, on)
    update: dict[str, Any] = {
        "as_of": on,
        "social_insurance_months": _capped("social_insurance_months", profile.social_insurance_months + months),
    }
    for name in GROWING_YEARS:
        if getattr(profile, name) > 0:
            update[name] = _capped(name, getattr(profile, name) + years)
    if profile.age is not None:
        update["age"] = min(AGE_MAX, profile.age + months // 12)
    return profile.model_copy(update=update)


def project(profile: Profile, months: int = HORIZON_MONTHS) -> list[dict[str, Any]]:
    """``months + 1`` monthly points from ``as_of``: date, total, age, and the points each item put in the total."""
    out = []
    for m in range(months + 1):
        result = score(profile_after(profile, m))
        out.append({
            "date": result.as_of.isoformat(),
            "total": result.total,
            "age": result.age,
            "items": {i.id: i.points for i in result.items if i.counted and i.points},
        })
    return out


def reaches_on(points: list[dict[str, Any]], standard: int, disqualified: bool) -> str | None:
    """The first projected date whose total reaches the standard (第十二条); None if never, or if vetoed."""
    if disqualified:
        return None
    return next((p["date"] for p in points if p["total"] >= standard), None)


def assumptions(profile: Profile) -> list[Text]:
    """What the projection assumes, in the words shown to the user."""
    edition = edition_on(profile.as_of)
    params = edition.params
    out = [
        with_figures(t("假设今后每个月都在本市正常缴纳职工社保（社保月数每月加1，每满{social_insurance.months_per_step}个月加分）。",
                       "Assumes Shanghai employee social insurance is paid every month (one more month each month; "
                       "points per full {social_insurance.months_per_step})."), params),
        t("每个月的分数都用同一套积分规则重新计算；其他情况（学历、职称、社保基数档次等）保持不变。",
          "Each month is scored again by the same rules; everything else (education, title, insurance-base tier…) stays as it is."),
    ]
    if profile.birth_date is not None:
        out.append(t("年龄按出生日期在每个日期的周岁计算；年龄越大，年龄分越低。",
                     "Age is the full years from the birth date on each date; older means fewer age points."))
    else:
        out.append(t("只填了年龄、没有出生日期：假设从申请日期起每满一年长一岁（实际生日可能更早）。",
                     "Only the age was given, not the birth date: it is assumed to go up by one every full year from the "
                     "application date (the real birthday may come sooner)."))
    grown = [n for n in GROWING_YEARS if getattr(profile, n) > 0]
    if grown:
        labels = [meta(Profile, n)["x-label"] for n in grown]   # as the form names them
        out.append(t("已开始累计的年限（" + "、".join(x["zh"] for x in labels) + "）假设继续，每满一年加一年。",
                     "Years already under way (" + "; ".join(x["en"].lower() for x in labels)
                     + ") are assumed to go on, one more each full year."))
    if profile.false_material_count or profile.detention_count or profile.criminal_count:
        years = sorted({getattr(edition, k).within_years for k in ("false_material", "detention", "criminal")})
        out.append(t(f"扣分记录按现状保留：没有记录日期，无法推算何时超过{'或'.join(f'{y}年' for y in years)}而不再扣分。",
                     "Deduction records are kept as they are: their dates are not known, so we cannot tell when they pass "
                     f"the {' or '.join(map(str, years))} years after which they no longer count."))
    if profile.fresh_graduate:
        out.append(t("应届毕业生身份按现状保留；实际上它只在毕业当年有效。",
                     "Fresh-graduate status is kept as it is; in practice it only applies around graduation."))
    return out
