"""How long the points stay valid and when to act: the permit's yearly renewals (each one a
积分续办, 第十九条), the lapse with the permit (第二十条), and, for points not yet approved,
the application once the projection reaches the standard plus the review of 第十七条.

Date rules (stated, not guessed): one year after a date is the same day a year later, or
28 February when that day is 29 February in a common year (the month-end rule of
calculator.projection.add_months). Working days are Monday to Friday; public holidays are
not known to the calculator, so the real date may be later (the page says so)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..projection import HORIZON_MONTHS, add_months
from ..text import t
from .model import TimelineInput
from .sources import cite, law, validity


def one_year_after(day: dt.date, years: int = 1) -> dt.date:
    return add_months(day, 12 * years)


def add_working_days(day: dt.date, n: int) -> dt.date:
    out = day
    while n > 0:
        out += dt.timedelta(days=1)
        if out.weekday() < 5:
            n -= 1
    return out


def renewals(inp: TimelineInput, until: dt.date) -> list[dict[str, Any]]:
    """The permit's expiry dates from today to ``until``: each is a renewal and a 积分续办.
    An expiry already past is renewed today (assumed): then the chain runs from today."""
    if inp.permit_expiry is None:
        return []
    first, overdue = (inp.permit_expiry, False) if inp.permit_expiry >= inp.on else (inp.on, True)
    out, k = [], 0
    while True:
        day = one_year_after(first, k)
        if day > until and k > 0:
            return out
        out.append({"date": day, "overdue": overdue and k == 0})
        k += 1


def points_from(inp: TimelineInput, reaches_on: dt.date | None) -> dt.date | None:
    """From when the points are (or are expected to be) in effect: the approval date, today
    when approved without a date, else the projected date of 120 plus the review (第十七条)."""
    if inp.approved:
        return inp.points_approved_on or inp.on
    if reaches_on is None:
        return None
    return add_working_days(max(reaches_on, inp.on), validity().approval_working_days)


def state(inp: TimelineInput, reaches_on: dt.date | None, projected: bool) -> dict[str, Any]:
    v = validity()
    law_ = law(f"{v.confirm.article}、{v.lapse.article}")
    faq = cite("faq_validity")
    if inp.approved:
        if inp.permit_expiry is None:
            return {"state": "unknown", "valid_to": None, "sources": [faq], "message": t(
                "积分已获批；填写居住证有效期，才能算出积分有效到哪天。",
                "The points are approved; give the permit's expiry date to see until when they are valid.")}
        if inp.permit_expiry < inp.on:
            return {"state": "lapsed", "valid_to": inp.permit_expiry.isoformat(), "sources": [law_, faq], "message": t(
                f"居住证已于{inp.permit_expiry}到期，积分随之失效：请立即续签居住证并办理积分续办。",
                f"The permit expired on {inp.permit_expiry}, and the points with it: renew the permit and confirm the points now.")}
        return {"state": "valid", "valid_to": inp.permit_expiry.isoformat(), "sources": [law_, faq], "message": t(
            f"积分有效至{inp.permit_expiry}（与居住证一致）；每年续签居住证后办理积分续办，才继续有效。",
            f"The points are valid until {inp.permit_expiry} (with the permit); they stay valid only if the points are "
            "confirmed after each yearly renewal.")}
    start = points_from(inp, reaches_on)
    if start is None:
        years = HORIZON_MONTHS // 12
        why = (t(f"按现状推算，{years}年内达不到标准分。", f"As things go on, the projection does not reach the standard within {years} years.")
               if projected else t("没有分数可推算：先在上面填写你的情况。", "No score to project: fill in your situation above."))
        return {"state": "not_yet", "valid_to": None, "expected_from": None, "sources": [cite("projection")], "message": why}
    assert reaches_on is not None
    return {"state": "not_yet", "valid_to": None, "expected_from": start.isoformat(),
            "sources": [cite("projection"), law(f"第十三条、{v.approval.article}")], "message": t(
                f"积分尚未获批。按推算{max(reaches_on, inp.on)}达到标准分，由用人单位申请后约{v.approval_working_days}个工作日核定，预计{start}起有效（未计节假日）。",
                f"The points are not approved yet. The projection reaches the standard on {max(reaches_on, inp.on)}; your employer "
                f"applies, review takes up to {v.approval_working_days} working days, so expect them from {start} (holidays not counted).")}


def actions(inp: TimelineInput, reaches_on: dt.date | None, chain: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What to do and when; never a date before today (an overdue step is dated today)."""
    v = validity()
    lead = dt.timedelta(days=v.renew_lead_days)
    out: list[dict[str, Any]] = []
    if not inp.approved and reaches_on is not None:
        day = max(reaches_on, inp.on)
        out.append({"id": "apply", "date": day.isoformat(), "overdue": False,
                    "label": t("请用人单位代为申请积分", "Ask your employer to apply for the points"),
                    "sources": [law("第十三条"), cite("projection")]})
    for k, r in enumerate(chain[:2]):
        expiry: dt.date = r["date"]
        renew_on = max(inp.on, expiry - lead)
        text = (t(f"居住证已过期：立即续签（原有效期至{inp.permit_expiry}）", f"The permit has expired: renew it now (it ran to {inp.permit_expiry})")
                if r["overdue"] else t(f"续签居住证（有效期至{expiry}）", f"Renew the residence permit (valid until {expiry})"))
        out.append({"id": f"renew_{k}", "date": renew_on.isoformat(), "overdue": r["overdue"], "label": text,
                    "sources": [law(v.confirm.article), cite("calculator")]})
        out.append({"id": f"confirm_{k}", "date": max(inp.on, expiry).isoformat(), "overdue": r["overdue"],
                    "label": t("续签后办理积分续办（积分确认）", "After the renewal, confirm the points (积分续办)"),
                    "sources": [law(v.confirm.article), cite("faq_validity")]})
    return sorted(out, key=lambda a: a["date"])
