"""基础指标 — 第六条: age, education, professional title or skill level, years of social insurance."""

from __future__ import annotations

from ..editions import Edition
from ..profile import EDUCATION_OPTIONS, QUALIFICATION_OPTIONS, Profile
from ..result import Item
from ..text import t
from .item import full_steps, make


def age(p: Profile, e: Edition) -> Item:
    """第六条(一): 56–60周岁积5分; 年龄每减少1岁,积分增加2分; 最高30分."""
    par = e.age
    years = p.age_on_as_of
    if years > par.band_to:
        return make(e, "age", "base", 0, t(
            f"{years}周岁：年龄指标的分值表只到{par.band_to}周岁，超过不积分",
            f"Age {years}: the age table stops at {par.band_to}, so older applicants get 0",
        ))
    if years >= par.band_from:
        points = par.band_points
    else:
        points = min(par.max_points, par.band_points + par.points_per_year_younger * (par.band_from - years))
    capped = "（已达最高分）" if points == par.max_points else ""
    return make(e, "age", "base", points, t(
        f"{years}周岁：{par.band_from}–{par.band_to}周岁积{par.band_points}分，每年轻1岁加{par.points_per_year_younger}分，"
        f"最高{par.max_points}分 → {points}分{capped}",
        f"Age {years}: {par.band_points} points at {par.band_from}–{par.band_to}, {par.points_per_year_younger} more "
        f"per year younger, at most {par.max_points} → {points}",
    ))


def education(p: Profile, e: Edition) -> Item:
    """第六条(二): 大专50, 本科60, 本科+学士90, 硕士100, 博士110."""
    if p.education == "none":
        return make(e, "education", "base", 0, t("未填写学历（大专以下不积分）", "No degree given (below associate degree scores nothing)"))
    points = e.education.points[p.education]
    label = EDUCATION_OPTIONS[p.education]
    return make(e, "education", "base", points, t(f"{label['zh']}积{points}分", f"{label['en']}: {points} points"))


def qualification(p: Profile, e: Edition) -> Item:
    """第六条(三): 技能五级15 … 一级/高级职称140; 中高级须近1年累计6个月社保基数不低于上年度社平工资."""
    par = e.qualification
    if p.qualification == "none":
        return make(e, "qualification", "base", 0, t("未填写职称或技能等级", "No title or skill level given"))
    points = par.points[p.qualification]
    label = QUALIFICATION_OPTIONS[p.qualification]
    if p.qualification in par.salary_condition_levels and not p.qualification_salary_ok:
        return make(e, "qualification", "base", 0, t(
            f"{label['zh']}本可积{points}分，但须最近{par.salary_condition_window_months}个月内累计"
            f"{par.salary_condition_months}个月的社保缴费基数不低于本市上年度全口径城镇单位就业人员月平均工资；你填写的是不满足，所以积0分",
            f"{label['en']} would give {points}, but it counts only if in the last {par.salary_condition_window_months} months "
            f"{par.salary_condition_months} months of social insurance were paid on a base of at least the previous year's "
            f"city average wage (上年度全口径城镇单位就业人员月平均工资); you said they were not, so it gives 0",
        ))
    return make(e, "qualification", "base", points, t(f"{label['zh']}积{points}分", f"{label['en']}: {points} points"))


def social_insurance(p: Profile, e: Edition) -> Item:
    """第六条(四): 每满1年(12个月)积3分; 补缴不计."""
    par = e.social_insurance
    months, step = p.social_insurance_months, par.months_per_step
    years = full_steps(months, step)
    points = years * par.points_per_step
    rest = months - years * step
    more_zh = f"；再缴{step - rest}个月满{years + 1}年，加{par.points_per_step}分" if rest else ""
    more_en = f"; {step - rest} more months make {years + 1} full years, +{par.points_per_step}" if rest else ""
    return make(e, "social_insurance", "base", points, t(
        f"已缴{months}个月，满{years}年，每满1年积{par.points_per_step}分 → {points}分{more_zh}",
        f"{months} months paid = {years} full years, {par.points_per_step} points per full year → {points}{more_en}",
    ))
