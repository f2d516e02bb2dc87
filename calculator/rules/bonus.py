"""加分指标 — 第七条."""

from __future__ import annotations

from ..editions import Edition
from ..profile import AWARD_OPTIONS, INSURANCE_BASE_OPTIONS, Profile
from ..result import Item
from ..text import t, with_figures
from .item import full_steps, make, num


def _flag(id: str, claimed: bool, p: Profile, e: Edition) -> Item:
    points = getattr(e, id).points
    if claimed:
        return make(e, id, "bonus", points, t(f"符合条件，积{points}分", f"Claimed: {points} points"))
    return make(e, id, "bonus", 0, t("未申报", "Not claimed"))


def startup_talent(p: Profile, e: Edition) -> Item:
    """第七条(一): 符合条件的创业人才,积120分."""
    return _flag("startup_talent", p.startup_talent, p, e)


def startup_service_talent(p: Profile, e: Edition) -> Item:
    """第七条(二): 符合条件的创新创业中介服务人才,积120分."""
    return _flag("startup_service_talent", p.startup_service_talent, p, e)


def shortage_major(p: Profile, e: Edition) -> Item:
    """第七条(三): 紧缺急需专业且岗位一致,积30分."""
    return _flag("shortage_major", p.shortage_major, p, e)


def fresh_graduate(p: Profile, e: Edition) -> Item:
    """第七条(八): 全日制应届高校毕业生,积10分."""
    return _flag("fresh_graduate", p.fresh_graduate, p, e)


def investment(p: Profile, e: Edition) -> Item:
    """第七条(四) with 第十一条: 每纳税10万元或每聘用本市户籍人员10人积10分,最高120分; 两项择一."""
    par = e.investment
    by_tax = full_steps(p.invest_tax_wan, par.tax_step_wan) * par.points_per_step
    by_hires = full_steps(p.invest_local_hires, par.hires_step) * par.points_per_step
    best = max(by_tax, by_hires)
    points = min(par.max_points, best)
    if p.invest_tax_wan == 0 and p.invest_local_hires == 0:
        return make(e, "investment", "bonus", 0, t("未申报", "Not claimed"))
    if best == 0:
        return make(e, "investment", "bonus", 0, t(
            f"年均纳税{num(p.invest_tax_wan)}万元、年均聘用本市户籍{num(p.invest_local_hires)}人："
            f"须满{par.tax_step_wan}万元或{par.hires_step}人才积分",
            f"Yearly tax {num(p.invest_tax_wan)} × 10,000 CNY, {num(p.invest_local_hires)} local hires: "
            f"points start at {par.tax_step_wan} × 10,000 CNY or {par.hires_step} hires",
        ))
    path_zh, path_en = ("纳税", "tax") if by_tax >= by_hires else ("聘用本市户籍人员", "local hires")
    cap_zh = f"，封顶{par.max_points}分" if best > par.max_points else ""
    cap_en = f", capped at {par.max_points}" if best > par.max_points else ""
    return make(e, "investment", "bonus", points, t(
        f"纳税可积{by_tax}分，聘用可积{by_hires}分；两项只能选一项（{e.article('totals')}），按{path_zh}计{cap_zh} → {points}分",
        f"Tax gives {by_tax}, local hires give {by_hires}; only one of the two counts ({e.article('totals')}), {path_en} is used{cap_en} → {points}",
    ))


def insurance_base(p: Profile, e: Edition) -> Item:
    """第七条(五): 0.8–1倍25分, 1–2倍50分, 2–3倍100分 (近4年累计36个月); 3倍120分 (近3年累计24个月)."""
    if p.insurance_base == "none":
        return make(e, "insurance_base", "bonus", 0, with_figures(t(
            "未达到上年度全口径城镇单位就业人员月平均工资{insurance_base.tiers.x0.8.multiple_from}倍的档次（或月数不足），不积分",
            "Below the {insurance_base.tiers.x0.8.multiple_from}× tier (or too few months): no points",
        ), e.params))
    tier = e.insurance_base.tiers[p.insurance_base]
    label = INSURANCE_BASE_OPTIONS[p.insurance_base]
    return make(e, "insurance_base", "bonus", tier.points, t(
        f"{label['zh']}，积{tier.points}分", f"{label['en']}: {tier.points} points",
    ))


def _after_years(id: str, years: int, e: Edition, what: tuple[str, str]) -> Item:
    """第七条(六)(七): 每满1年积N分,满5年后开始计入总积分 (远郊另有封顶)."""
    par = getattr(e, id)
    per, start, cap = par.points_per_year, par.counts_from_years, par.max_points
    if years == 0:
        return make(e, id, "bonus", 0, t("未申报", "Not claimed"))
    if years < start:
        return make(e, id, "bonus", 0, t(
            f"{what[0]}{years}年：每满1年积{per}分，但满{start}年后才开始计入总积分，所以现在不计分；"
            f"再过{start - years}年满{start}年时一次计入{per * start}分",
            f"{years} years {what[1]}: {per} points per full year, but they count only from {start} full years on, so nothing yet; "
            f"in {start - years} more years all {per * start} count at once",
        ))
    points = per * years if cap is None else min(cap, per * years)
    cap_zh = f"，封顶{cap}分" if cap is not None and per * years > cap else ""
    cap_en = f", capped at {cap}" if cap is not None and per * years > cap else ""
    return make(e, id, "bonus", points, t(
        f"{what[0]}{years}年，已满{start}年，每满1年积{per}分{cap_zh} → {points}分",
        f"{years} years {what[1]}, at least {start}, {per} points per full year{cap_en} → {points}",
    ))


def public_service(p: Profile, e: Edition) -> Item:
    return _after_years("public_service", p.public_service_years, e, ("在特定公共服务领域就业", "in a designated public-service sector"))


def suburb(p: Profile, e: Edition) -> Item:
    return _after_years("suburb", p.suburb_years, e, ("在远郊重点区域工作并居住", "working and living in a key outer suburb"))


def award(p: Profile, e: Edition) -> Item:
    """第七条(九): 市级专项30, 市级综合60, 省部级及以上110; 取最高一项 (第十条)."""
    if p.award == "none":
        return make(e, "award", "bonus", 0, t("未申报", "Not claimed"))
    points = e.award.points[p.award]
    label = AWARD_OPTIONS[p.award]
    return make(e, "award", "bonus", points, t(
        f"{label['zh']}，积{points}分（多项只计最高一项）", f"{label['en']}: {points} points (only the highest award counts)",
    ))


def spouse(p: Profile, e: Edition) -> Item:
    """第七条(十): 配偶为本市户籍,结婚每满1年积4分,最高40分."""
    par = e.spouse
    years = p.spouse_hukou_years
    if years == 0:
        return make(e, "spouse", "bonus", 0, t("未申报（或结婚未满1年）", "Not claimed (or married less than a full year)"))
    raw = par.points_per_year * years
    points = min(par.max_points, raw)
    cap_zh = f"，封顶{par.max_points}分" if raw > par.max_points else ""
    cap_en = f", capped at {par.max_points}" if raw > par.max_points else ""
    return make(e, "spouse", "bonus", points, t(
        f"结婚满{years}年，每满1年积{par.points_per_year}分{cap_zh} → {points}分",
        f"Married {years} full years, {par.points_per_year} points per year{cap_en} → {points}",
    ))
