"""plan(profile): how far from the standard, what would raise the total, and when time alone gets there.

Actions are the changes the 办法 rewards, and nothing else:
- 第六条(二) a higher education level; 第六条(三) a higher title/skill level, and meeting
  the salary condition when a title that needs it scores 0; 第六条(四) more months of
  social insurance (the next full year, and the months that close the gap alone);
- 第七条(一)(二)(三) start-up talent, start-up service talent, a shortage major;
  第七条(四) the next investment step (tax or local hires) and the step that closes the
  gap; 第七条(五) a higher insurance-base tier; 第七条(六)(七) reaching the 5 full years of
  public service / outer suburb once started, then more years (the suburb up to its
  cap); 第七条(九) a higher award; 第七条(十) more years of marriage to a Shanghai-hukou
  spouse, up to the cap, when the marriage has already counted a year.
Things one cannot acquire later (age, fresh-graduate status) are not suggested;
deductions and vetoes are explained, never planned.

Every action is ``{id, field, to, also, points, months, closes_gap, label, article}``.
``points`` is engine(total with the change) − engine(total now), on today's date, so
the choose-one rules (第十一条) and the caps are the engine's. Only points > 0 are kept.
``months`` is how long a time-based action takes (at most: the inputs are full years),
null for a change of status. ``also`` holds a second field the change needs (a higher
title that needs the salary condition when it is not met), usually empty.

Ranking (the order of ``actions``):
  1. actions that close the gap on their own come first — the user's question is "what
     gets me to the standard";
  2. then the shorter wait: a change of status counts as 0 months, so it comes before
     any wait, and a shorter wait before a longer one;
  3. among those that close the gap, the smallest sufficient change first (fewer points:
     usually the easier step — a 1× insurance base before the 3× ceiling); among the
     others, more points first; ties keep a fixed order: education, title/skill level,
     insurance base, award, talents and shortage major, investment, then time-based ones.
"""

from __future__ import annotations

import math
from typing import Any

from .editions import Edition, edition_on
from .engine import parse, score
from .errors import field_error
from .fields import limits
from .profile import AWARD_OPTIONS, EDUCATION_OPTIONS, INSURANCE_BASE_OPTIONS, QUALIFICATION_OPTIONS, Profile
from .projection import HORIZON_MONTHS, assumptions, project, reaches_on
from .result import Result
from .text import Text, t
from .wages import pending_notes


def _action(p: Profile, now: Result, e: Edition, item: str, field: str, to: Any, label: Text,
            months: int | None = None, also: dict[str, Any] | None = None) -> dict[str, Any] | None:
    also = also or {}
    high = limits(Profile, field)[1] if isinstance(to, (int, float)) and not isinstance(to, bool) else None
    if high is not None and to > high:
        return None  # beyond what the profile allows
    after = score(p.model_copy(update={field: to, **also}))
    points = after.total - now.total
    if points <= 0:
        return None
    return {
        "id": f"{field}:{'true' if to is True else to}", "field": field, "to": to, "also": also, "points": points, "months": months,
        "closes_gap": not now.meets_standard and not now.disqualified and after.total >= now.standard,
        "label": label, "article": e.article(item),
    }


def _higher(options: dict[str, Text], points: dict[str, int], current: str) -> list[str]:
    """Levels worth more than the current one under the edition, in the option order."""
    have = points.get(current, 0)
    return [k for k in options if points.get(k, 0) > have]


def _levels(p: Profile, now: Result, e: Edition) -> list[dict[str, Any] | None]:
    out: list[dict[str, Any] | None] = []
    for level in _higher(EDUCATION_OPTIONS, e.education.points, p.education):
        name = EDUCATION_OPTIONS[level]
        out.append(_action(p, now, e, "education", "education", level, t(f"取得{name['zh']}", f"Obtain: {name['en']}")))
    q = e.qualification
    salary_levels = q.salary_condition_levels
    for level in _higher(QUALIFICATION_OPTIONS, q.points, p.qualification):
        name = QUALIFICATION_OPTIONS[level]
        needs = level in salary_levels and not p.qualification_salary_ok
        also = {"qualification_salary_ok": True} if needs else None
        cond_zh = f"，并满足近{q.salary_condition_window_months}个月内累计{q.salary_condition_months}个月社保基数不低于上年度全口径城镇单位就业人员月平均工资" if needs else ""
        cond_en = (f", and pay social insurance on at least the average wage for {q.salary_condition_months} of "
                   f"{q.salary_condition_window_months} months") if needs else ""
        out.append(_action(p, now, e, "qualification", "qualification", level,
                           t(f"取得{name['zh']}{cond_zh}", f"Obtain: {name['en']}{cond_en}"), also=also))
    if p.qualification in salary_levels and not p.qualification_salary_ok:
        out.append(_action(p, now, e, "qualification", "qualification_salary_ok", True, t(
            f"近{q.salary_condition_window_months}个月内累计{q.salary_condition_months}个月按不低于上年度全口径城镇单位就业人员月平均工资的基数缴纳社保，使职称/技能等级计分",
            f"Pay social insurance on at least the previous year's average wage for {q.salary_condition_months} of "
            f"{q.salary_condition_window_months} months, so the title/skill level counts",
        )))
    tiers = {id: x.points for id, x in e.insurance_base.tiers.items()}
    for tier in _higher(INSURANCE_BASE_OPTIONS, tiers, p.insurance_base):
        name = INSURANCE_BASE_OPTIONS[tier]
        out.append(_action(p, now, e, "insurance_base", "insurance_base", tier, t(f"社保缴费基数达到：{name['zh']}", f"Insurance base: {name['en']}")))
    awards = e.award.points
    for level in _higher(AWARD_OPTIONS, awards, p.award):
        name = AWARD_OPTIONS[level]
        out.append(_action(p, now, e, "award", "award", level, t(f"获得{name['zh']}", f"Receive: {name['en']}")))
    for flag in ("startup_talent", "startup_service_talent", "shortage_major"):
        if not getattr(p, flag):
            par = getattr(e, flag)
            out.append(_action(p, now, e, flag, flag, True, t(f"符合{par.name_zh}条件", f"Qualify as: {par.name_en}")))
    return out


def _time(p: Profile, now: Result, e: Edition) -> list[dict[str, Any] | None]:
    out: list[dict[str, Any] | None] = []
    si = e.social_insurance
    step = si.months_per_step
    to_next = step - p.social_insurance_months % step
    targets = {to_next}
    gap_steps = math.ceil(now.gap / si.points_per_step) if now.gap else 0
    gap_months = to_next + (gap_steps - 1) * step if gap_steps else 0
    if 0 < gap_months <= HORIZON_MONTHS:
        targets.add(gap_months)
    for more in sorted(targets):
        out.append(_action(p, now, e, "social_insurance", "social_insurance_months", p.social_insurance_months + more, t(
            f"再缴{more}个月职工社保（共{p.social_insurance_months + more}个月）",
            f"Pay {more} more months of social insurance ({p.social_insurance_months + more} in all)",
        ), months=more))
    for field, item, zh, en in (("public_service_years", "public_service", "在特定公共服务领域就业", "in the public-service sector"),
                                ("suburb_years", "suburb", "在远郊重点区域工作并居住", "working and living in the outer suburb")):
        par, years = getattr(e, item), getattr(p, field)
        if years == 0:
            continue
        start, cap = par.counts_from_years, par.max_points
        goals = {max(start, years + 1)}
        if cap is not None:
            goals.add(max(years + 1, -(-cap // par.points_per_year)))
        for goal in sorted(goals):
            out.append(_action(p, now, e, item, field, goal, t(f"{zh}满{goal}年", f"{goal} full years {en}"), months=12 * (goal - years)))
    sp, years = e.spouse, p.spouse_hukou_years
    if years:
        for goal in sorted({years + 1, -(-sp.max_points // sp.points_per_year)}):
            if goal > years:
                out.append(_action(p, now, e, "spouse", "spouse_hukou_years", goal, t(
                    f"与本市户籍配偶结婚满{goal}年", f"Married {goal} full years to a Shanghai-hukou spouse"), months=12 * (goal - years)))
    return out


def _investment(p: Profile, now: Result, e: Edition) -> list[dict[str, Any] | None]:
    """第七条(四): the next step of tax or hires, and the step that closes the gap; the cap and the choose-one are the engine's."""
    par = e.investment
    out: list[dict[str, Any] | None] = []
    pps, cap = par.points_per_step, par.max_points
    have_points = now.item("investment").points
    for field, unit, zh, en in (("invest_tax_wan", par.tax_step_wan, "投资企业年均纳税达到{}万元（个人份额）", "Company tax (your share) of {} × 10,000 CNY a year"),
                                ("invest_local_hires", par.hires_step, "投资企业年均聘用本市户籍人员达到{}人（个人份额）", "{} Shanghai-hukou hires a year (your share)")):
        next_goal = max(int(getattr(p, field) // unit), have_points // pps) + 1
        gap_goal = min(max(next_goal, math.ceil((have_points + now.gap) / pps)), cap // pps)
        for goal in sorted({next_goal, gap_goal}):
            if goal * pps <= cap:
                to = goal * unit
                out.append(_action(p, now, e, "investment", field, to, t(zh.format(to), en.format(to))))
    return out


def actions(p: Profile, now: Result) -> list[dict[str, Any]]:
    """Every rewarded change with points > 0, ranked as the module docstring says."""
    e = edition_on(p.as_of)
    found = [a for a in _levels(p, now, e) + _investment(p, now, e) + _time(p, now, e) if a]
    return sorted(found, key=rank)


def rank(action: dict[str, Any]) -> tuple[bool, int, int]:
    """The ranking key of the module docstring."""
    points = action["points"] if action["closes_gap"] else -action["points"]
    return (not action["closes_gap"], action["months"] or 0, points)


# The changes whose points depend on the average wage: the insurance-base tier (第七条(五))
# and the salary condition of the higher titles (第六条(三)).
WAGE_FIELDS = {"insurance_base", "qualification_salary_ok"}


def notes(p: Profile, now: Result, planned: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The score's notes, or the pending-figures note when a planned change depends on the average wage."""
    if now.notes:
        return [n.model_dump(mode="json") for n in now.notes]
    uses = any(a["field"] in WAGE_FIELDS or WAGE_FIELDS & set(a["also"]) for a in planned)
    return pending_notes(p.as_of, uses)


def explanations(now: Result) -> list[Text]:
    """Deductions (第八条) and vetoes (第九条) are explained, never planned."""
    out = []
    for item in now.items:
        if item.group == "deduction" and item.points:
            out.append(t(f"{item.label['zh']}（{item.article}）：{item.reason['zh']}。这是扣分项，不能通过行动弥补，只能等记录超过期限。",
                         f"{item.label['en']} ({item.article}): {item.reason['en']}. A deduction: no action makes up for it; "
                         f"it stops counting once the record is old enough."))
        if item.group == "veto" and item.counted:
            out.append(t(f"{item.label['zh']}（{item.article}）：{item.reason['zh']}。一票否决时任何加分都不能让你达标。",
                         f"{item.label['en']} ({item.article}): {item.reason['en']}. Under a veto no points can reach the standard."))
    return out


def plan(data: Profile | dict[str, Any]) -> dict[str, Any]:
    """The plan JSON for one profile (refused profiles raise ProfileError, like ``score``)."""
    p = parse(data)
    last_year = p.as_of.year + HORIZON_MONTHS // 12 + 1
    if last_year > 9999:  # the calendar (datetime.date) ends with year 9999
        raise field_error(
            "as_of", f"计划要往后推算{HORIZON_MONTHS // 12}年，申请日期须早于{9999 - HORIZON_MONTHS // 12}年",
            f"the plan looks {HORIZON_MONTHS // 12} years ahead, so the date must be before the year {9999 - HORIZON_MONTHS // 12}")
    now = score(p)
    points = project(p)
    planned = actions(p, now)
    return {
        "as_of": p.as_of.isoformat(),
        "total": now.total,
        "standard": now.standard,
        "gap": now.gap,
        "meets_standard": now.meets_standard,
        "disqualified": now.disqualified,
        "reaches_standard_on": reaches_on(points, now.standard, now.disqualified),
        "assumptions": assumptions(p),
        "projection": points,
        "actions": planned,
        "explanations": explanations(now),
        "notes": notes(p, now, planned),
    }


def plan_table(data: dict[str, Any]) -> str:
    """The plan for the terminal (--format table): the gap, the actions, and the projection year by year."""
    from .table import render

    if data["disqualified"]:
        head = "取消资格 Disqualified: 0 分 / points"
    elif data["meets_standard"]:
        head = f"总分 Total {data['total']} / {data['standard']}: 已达标 meets the standard"
    else:
        head = f"总分 Total {data['total']} / {data['standard']}: 还差 gap {data['gap']}"
    when = data["reaches_standard_on"] or "10年内不会 not within 10 years"
    out = [head, f"申请日期 As of {data['as_of']};  照现状达标日期 Reached as things go on: {when}", ""]
    rows = [(a["points"], "✓" if a["closes_gap"] else "", a["months"] if a["months"] is not None else "-",
             a["article"], a["label"]["zh"]) for a in data["actions"]]
    out.append(render(("加分 Points", "够 Closes gap", "月 Months", "条款 Article", "行动 Action"), rows) if rows else "没有可加分的行动 No action adds points")
    years = [p for k, p in enumerate(data["projection"]) if k % 12 == 0]
    out += ["", render(("日期 Date", "年龄 Age", "总分 Total", "年龄分 Age points"), [(p["date"], p["age"], p["total"], p["items"].get("age", 0)) for p in years])]
    out += ["", "假设 Assumptions:"] + [f"  - {a['zh']}" for a in data["assumptions"]]
    out += [f"  ! {x['zh']}" for x in data["explanations"]]
    out += [f"注意：{n['zh']}\nNote: {n['en']}" for n in data.get("notes", [])]
    return "\n".join(out)
