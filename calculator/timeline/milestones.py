"""The child's school milestones (calculator/parameters/milestones.toml) and, for each one
still ahead, a verdict on the points:

- ``not_yet``: the points are not (projected to be) approved by the window's start;
- ``at_risk``: the points would be in effect, but a permit renewal (each one a 积分续办)
  falls in the window or within ``risk_margin_days`` before it (for an exam, from its
  ``risk_from``: the registration, since the points must stay valid up to the exam); also when the projection
  reaches the standard before the window but the review of 第十七条 may end inside it;
- ``unknown``: a date is missing (the permit's expiry), so the calculator cannot tell;
- ``valid``: in effect from before the window, and no renewal near it.

Born on 29 February: the child turns a year older on 1 March in a common year (周岁, the
rule of calculator.profile.full_years), which decides the school-entry year."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..text import t
from .model import TimelineInput
from .tables import School, YearDay
from .sources import cite, cite_ref, law, table, validity

# What each verdict is called, wherever it is shown: the page's badges (formspec.json,
# `timeline.verdicts`), the calendar file and the command line's table.
VERDICTS = {
    "valid": t("有效", "valid"),
    "at_risk": t("有风险", "at risk"),
    "not_yet": t("尚未达标", "not yet at the standard"),
    "unknown": t("无法判断", "cannot tell"),
}


def school() -> School:
    return table("milestones.toml").school


def birthday(born: dt.date, years: int) -> dt.date:
    """The day the child turns ``years`` 周岁 (29 February → 1 March in a common year)."""
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return dt.date(born.year + years, 3, 1)


def entry_year(inp: TimelineInput) -> tuple[int, Any] | None:
    """P, the year the child starts primary school in September, and how it was found."""
    s = school()
    if inp.child_birth_date is not None:
        turns = birthday(inp.child_birth_date, s.entry_age)
        cutoff = dt.date(turns.year, s.cutoff_month, s.cutoff_day)
        year = turns.year if turns <= cutoff else turns.year + 1
        return year, t(f"{turns}满{s.entry_age}周岁，不晚于当年{s.cutoff_month}月{s.cutoff_day}日则当年9月入学：{year}年入学。",
                       f"Turns {s.entry_age} on {turns}; a child who is {s.entry_age} by {s.cutoff_month}/{s.cutoff_day} "
                       f"starts that September: starts in {year}.")
    if inp.child_stage is not None:
        grade = int(inp.child_stage.split("_")[1])
        school_year = inp.on.year if inp.on.month >= s.school_year_starts_month else inp.on.year - 1
        year = school_year - (grade - 1)
        return year, t(f"本学年（{school_year}年9月起）读{grade}年级：{year}年9月上小学一年级。",
                       f"Grade {grade} in the school year from September {school_year}: started grade 1 in September {year}.")
    return None


def _day(year: int, spec: YearDay) -> dt.date:
    return dt.date(year + spec.year, spec.month, spec.day)


def windows(first_year: int, on: dt.date) -> list[dict[str, Any]]:
    """The milestones whose window has not ended by ``on``, in date order."""
    data = table("milestones.toml")
    starts = school().in_force_from
    out = []
    for m in data.milestone:
        start, end = _day(first_year, m.start), _day(first_year, m.end)
        if end < start:
            raise ValueError(f"milestone {m.id}: the window ends before it starts")
        if end < on or start < starts:
            continue
        office = data.office[m.office]
        risk_from = _day(first_year, m.risk_from) if m.risk_from is not None else start
        out.append({"id": m.id, "label": t(m.zh, m.en), "start": start, "end": end, "risk_from": risk_from, "source": m.reference,
                    "official": cite_ref(m.reference)["official"], "office": t(office.zh, office.en)})
    return sorted(out, key=lambda m: (m["start"], m["end"]))


def verdict(m: dict[str, Any], inp: TimelineInput, reaches_on: dt.date | None, effective_from: dt.date | None,
            chain: list[dict[str, Any]]) -> dict[str, Any]:
    v = validity()
    start, end = max(m["start"], inp.on), m["end"]   # a window under way is judged from today
    base = [cite_ref(m["source"]), cite_ref(school().reference)]
    if effective_from is None or effective_from > start:
        if reaches_on is not None and reaches_on <= start and not inp.approved:
            return {"verdict": "at_risk", "sources": base + [law(v.approval.article), cite("projection")], "reason": t(
                f"预计{reaches_on}达到标准分，但核定需要约{v.approval_working_days}个工作日，可能要到{effective_from}才生效，已在这段时间内。",
                f"The projection reaches the standard on {reaches_on}, but the review takes up to {v.approval_working_days} "
                f"working days: the points may only take effect on {effective_from}, inside this window.")}
        if reaches_on is not None and not inp.approved:
            why = t(f"按推算{reaches_on}才达到标准分，晚于{start}。", f"The projection reaches the standard only on {reaches_on}, after {start}.")
        elif inp.points_status == "unknown" and reaches_on is None:
            why = t("不知道积分是否已获批，也没有可推算的分数。", "Whether the points are approved is not given, and there is no score to project.")
        else:
            why = t(f"按推算在{start}之前达不到标准分。", f"The projection does not reach the standard by {start}.")
        return {"verdict": "not_yet", "sources": base + [cite("projection"), law("第十二条")], "reason": why}
    if not chain:
        return {"verdict": "unknown", "sources": base + [cite("faq_validity")], "reason": t(
            "没有居住证有效期，无法判断续签是否会落在这段时间：请填写居住证有效期。",
            "Without the permit's expiry date the calculator cannot tell whether a renewal falls in this window: give it.")}
    margin = dt.timedelta(days=v.risk_margin_days)
    hit = next((r["date"] for r in chain if m["risk_from"] - margin <= r["date"] <= end), None)
    if hit is not None:
        return {"verdict": "at_risk", "sources": base + [cite("faq_validity"), cite("agency_timing"), cite("calculator"),
                                                        law(v.confirm.article)], "reason": t(
            f"居住证{hit}到期，落在{m['risk_from']}至{end}之间或之前{v.risk_margin_days}天内：要在{hit}之前续签，并及时办好积分续办。",
            f"The permit expires on {hit}, between {m['risk_from']} and {end} or in the {v.risk_margin_days} days before: "
            f"renew it before {hit} and confirm the points at once.")}
    return {"verdict": "valid", "sources": base + [cite("faq_validity"), law(v.lapse.article)], "reason": t(
        "这段时间内积分有效（前提是每年按时续签并办理积分续办）。",
        "The points are valid throughout (as long as each yearly renewal and 积分续办 is done on time).")}
