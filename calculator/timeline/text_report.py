"""The timeline for the terminal (``python -m calculator timeline --format table``)."""

from __future__ import annotations

from typing import Any

from ..table import render
from .milestones import VERDICTS
from .settle_check import STATUSES


def timeline_table(result: dict[str, Any], lang: str = "zh") -> str:
    p = result["points"]
    out = [p["message"][lang], ""]
    if result["actions"]:
        out.append(render(("日期 Date", "事项 Step"), [(a["date"] + (" !" if a["overdue"] else ""), a["label"][lang]) for a in result["actions"]]))
    child = result["child"]
    if child:
        out += ["", child["rule"][lang]]
        rows = [(m["start"], m["end"], m["label"][lang], VERDICTS[m["verdict"]][lang], m["reason"][lang]) for m in child["milestones"]]
        out.append(render(("开始 From", "结束 To", "节点 Milestone", "结论 Verdict", "原因 Why"), rows) if rows else "-")
    s = result["settle"]
    heading = "居转户条件自查：" if lang == "zh" else "The 居转户 conditions: "
    out += ["", f"{heading}{s['summary'][lang]}"] + [f"  [{STATUSES[c['status']][lang]}] {c['label'][lang]}" for c in s["checks"]]
    out += [f"  ({s['shortened_note'][lang]})"] + [f"  - {r['label'][lang]}" for r in s["shortened_routes"]]
    return "\n".join(out)
