"""减分指标 — 第八条; 按扣减项目累计扣减 (第十条)."""

from __future__ import annotations

from ..editions import Edition
from ..profile import Profile
from ..result import Item
from ..text import t
from .item import make


def _per_record(id: str, count: int, e: Edition) -> Item:
    par = getattr(e, id)
    each, within = par.points_each, par.within_years
    if count == 0:
        return make(e, id, "deduction", 0, t(f"{within}年内无此记录", f"No such record in the last {within} years"))
    points = each * count
    return make(e, id, "deduction", points, t(
        f"{within}年内{count}次，每次扣{-each}分，累计扣减 → {points}分",
        f"{count} in the last {within} years, {-each} points each, added up → {points}",
    ))


def false_material(p: Profile, e: Edition) -> Item:
    """第八条(一): 3年内提供虚假材料,每次扣减150分."""
    return _per_record("false_material", p.false_material_count, e)


def detention(p: Profile, e: Edition) -> Item:
    """第八条(二): 5年内行政拘留记录,每条扣减50分."""
    return _per_record("detention", p.detention_count, e)


def criminal(p: Profile, e: Edition) -> Item:
    """第八条(三): 5年内一般刑事犯罪记录,每条扣减150分."""
    return _per_record("criminal", p.criminal_count, e)
