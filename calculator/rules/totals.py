"""积分规则 — 第十条 (one level per indicator; deductions add up), 第十一条 (the total,
its floor of 0, and the two choose-one pairs), 第十二条 (the standard of 120), with
第九条's veto applied to the total."""

from __future__ import annotations

from dataclasses import dataclass

from ..editions import Edition
from ..result import Item, Subtotals
from ..text import Text, t

CHOOSE_ONE = ("education", "qualification")  # 第十一条; the investment pair is chosen inside its own item


@dataclass
class Totals:
    items: list[Item]
    total: int
    standard: int
    disqualified: bool
    subtotals: Subtotals
    notices: list[Text]


def choose_one(items: dict[str, Item], article: str) -> None:
    """第十一条: 教育背景与专业技术职称和技能等级,选择其中一项进行积分 — the higher one."""
    edu, qual = (items[i] for i in CHOOSE_ONE)
    if edu.points == 0 or qual.points == 0:
        return
    keep, drop = (edu, qual) if edu.points >= qual.points else (qual, edu)
    drop.counted = False
    drop.reason = t(
        f"{drop.reason['zh']}；但学历与职称/技能等级只能选一项积分（{article}），{keep.label['zh']}{keep.points}分"
        f"{'更高' if keep.points > drop.points else '与此相同'}，按{keep.label['zh']}计，本项不计入",
        f"{drop.reason['en']}; but only one of education and title/skill counts ({article}): "
        f"{keep.label['en']} gives {keep.points}{' — more' if keep.points > drop.points else ' — the same'}, so it counts and this one does not",
    )
    keep.reason = t(
        f"{keep.reason['zh']}；高于或等于{drop.label['zh']}的{drop.points}分，按本项计分（{article}）",
        f"{keep.reason['en']}; at least the {drop.points} of {drop.label['en'].lower()}, so this one counts ({article})",
    )


def apply(items: list[Item], edition: Edition) -> Totals:
    by_id = {i.id: i for i in items}
    choose_one(by_id, edition.article("totals"))
    notices: list[Text] = []
    vetoes = [i for i in items if i.group == "veto" and i.counted]
    disqualified = bool(vetoes)
    if disqualified:
        for item in items:
            if item.group != "veto" and item.counted:
                item.counted = False
                item.reason = t(f"{item.reason['zh']}（已被一票否决，不计入）", f"{item.reason['en']} (vetoed: not counted)")
        notices.append(t(
            f"{vetoes[0].article}一票否决：" + "、".join(v.label["zh"] for v in vetoes) + "，取消申请积分资格，总分为0。",
            f"{vetoes[0].article} veto: " + ", ".join(v.label["en"].lower() for v in vetoes) + " — the applicant is disqualified and the total is 0.",
        ))

    def subtotal(group: str) -> int:
        return sum(i.points for i in items if i.group == group and i.counted)

    subtotals = Subtotals(base=subtotal("base"), bonus=subtotal("bonus"), deduction=subtotal("deduction"))
    raw = subtotals.base + subtotals.bonus + subtotals.deduction
    floor = edition.totals.floor
    if disqualified:
        total = 0
    else:
        total = max(floor, raw)
        if raw < floor:
            notices.append(t(
                f"基础分与加分合计{subtotals.base + subtotals.bonus}分，扣减{-subtotals.deduction}分后为{raw}分；"
                f"{edition.article('totals')}规定总积分最低为{floor}分，所以总分为{floor}。",
                f"Base and bonus make {subtotals.base + subtotals.bonus}; after {-subtotals.deduction} of deductions that is {raw}. "
                f"{edition.article('totals')} sets the lowest total at {floor}, so the total is {floor}.",
            ))
    return Totals(items, total, edition.standard, disqualified, subtotals, notices)
