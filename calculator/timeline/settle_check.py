"""居转户 pre-check (沪府规〔2019〕45号, general route), apart from the points: each condition
with its status from the optional answers. It reads only the settle_* answers, never the
profile or the score, so it cannot change the points result. The shortened routes are
named, not decided: their text could not be read."""

from __future__ import annotations

from typing import Any

from ..text import t
from .model import TimelineInput
from .sources import cite_ref, table

# What each condition's status is called (the page reads them from formspec.json).
STATUSES = {"met": t("满足", "met"), "not_met": t("不满足", "not met"), "unknown": t("未回答", "not answered")}


def _status(value: Any, at_least: int | None) -> str:
    if value is None:
        return "unknown"
    if at_least is not None:
        return "met" if value >= at_least else "not_met"
    return "met" if value else "not_met"


def settle_check(inp: TimelineInput) -> dict[str, Any]:
    data = table("settle.toml")
    source = cite_ref(data.route.reference)
    checks = []
    for c in data.condition:
        n = c.at_least
        label = t(c.zh.format(n=n), c.en.format(n=n))
        checks.append({"id": c.id, "label": label, "field": c.input, "status": _status(getattr(inp, c.input), n),
                       "source": source})
    states = {c["status"] for c in checks}
    overall = "not_met" if "not_met" in states else "unknown" if "unknown" in states else "met"
    summary = {
        "met": t("按你的回答，一般途径的各项条件都满足；这不是审批结论。", "By your answers every condition of the general route holds; this is not a decision."),
        "not_met": t("按你的回答，一般途径有条件尚未满足。", "By your answers a condition of the general route is not met yet."),
        "unknown": t("还有条件没有回答。", "Some conditions are not answered yet."),
    }[overall]
    return {
        "route": "general", "status": overall, "summary": summary, "checks": checks, "source": source,
        "separate": t("居转户与居住证积分无关：这里的结果不影响积分，积分也不是居转户的条件。",
                      "居转户 has nothing to do with the points: this check does not change the points, and the points are not one of its conditions."),
        "shortened_routes": [{"id": s.id, "label": t(s.zh, s.en), "decided": False} for s in data.shortened],
        "shortened_note": t("以下缩短年限的途径只列出名称：未能读取原文，本计算器不作判断。",
                            "The shortened routes below are only named: their text could not be read, so the calculator does not decide them."),
    }
