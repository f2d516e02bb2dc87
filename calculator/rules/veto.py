"""一票否决 — 第九条: 违反计划生育政策或严重刑事犯罪记录,取消申请积分资格."""

from __future__ import annotations

from ..editions import Edition
from ..profile import Profile
from ..result import Item
from ..text import t
from .item import make


def _veto(id: str, present: bool, e: Edition) -> Item:
    if present:
        return make(e, id, "veto", 0, t(
            "有此记录，一票否决：取消申请积分资格，总分为0",
            "On record: a veto; the applicant is disqualified and the total is 0",
        ), counted=True)
    return make(e, id, "veto", 0, t("无此记录", "No such record"), counted=False)


def family_planning_violation(p: Profile, e: Edition) -> Item:
    return _veto("family_planning_violation", p.family_planning_violation, e)


def serious_crime(p: Profile, e: Edition) -> Item:
    return _veto("serious_crime", p.serious_crime, e)
