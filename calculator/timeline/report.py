"""timeline(request): the points' validity, the actions and their dates, the child's
milestones with a verdict each, what 120 unlocks, the 居转户 pre-check and the .ics file.

Request: ``timeline`` (the TimelineInput fields, all optional) and ``profile`` (optional;
when given, the planner's projection (calculator.projection) dates the first day the total
reaches the standard). ``lang`` ("zh" or "en") picks the calendar's language."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..engine import parse, score
from ..projection import project, reaches_on
from ..text import t
from . import ics
from .milestones import VERDICTS, entry_year, verdict, windows
from .model import parse_timeline
from .settle_check import settle_check
from .sources import validity
from .unlocks import unlocks
from .validity import actions, points_from, renewals, state

NOTES = (
    t("日期规则：一年后的同一天；2月29日在平年取2月28日。孩子生于2月29日的，平年3月1日满周岁。",
      "Date rules: one year later is the same day, or 28 February for 29 February in a common year. A child born on "
      "29 February turns a year older on 1 March in a common year."),
    t("工作日按周一至周五计，未计节假日。", "Working days are Monday to Friday; public holidays are not counted."),
)


def _points(req: dict[str, Any], on: dt.date) -> dict[str, Any] | None:
    if req.get("profile") is None:
        return None
    profile = parse(req["profile"])
    now = score(profile)
    reach = reaches_on(project(profile), now.standard, now.disqualified)
    return {"total": now.total, "standard": now.standard, "meets_standard": now.meets_standard,
            "disqualified": now.disqualified, "reaches_standard_on": reach}


def timeline(req: dict[str, Any], stamp: dt.datetime | None = None) -> dict[str, Any]:
    inp = parse_timeline(req.get("timeline"))
    pts = _points(req, inp.on)
    reach = dt.date.fromisoformat(pts["reaches_standard_on"]) if pts and pts["reaches_standard_on"] else None
    effective = points_from(inp, reach)
    first = entry_year(inp)
    ms = windows(first[0], inp.on) if first else []
    until = max([m["end"] for m in ms], default=inp.on + dt.timedelta(days=366))
    chain = renewals(inp, until)
    milestones = []
    for m in ms:
        milestones.append({**{k: m[k] for k in ("id", "label", "official", "office")},
                           "start": m["start"].isoformat(), "end": m["end"].isoformat(),
                           **verdict(m, inp, reach, effective, chain)})
    todo = actions(inp, reach, chain)
    out = {
        "on": inp.on.isoformat(),
        "points": {**(pts or {}), **state(inp, reach, pts is not None), "status": inp.points_status,
                   "effective_from": effective.isoformat() if effective else None},
        "actions": todo,
        "renewals": [{"date": r["date"].isoformat(), "overdue": r["overdue"]} for r in chain],
        "child": ({"primary_entry_year": first[0], "rule": first[1], "milestones": milestones} if first else None),
        "unlocks": unlocks(),
        "settle": settle_check(inp),
        "notes": list(NOTES),
    }
    # DTSTAMP: the start (UTC) of the day the timeline looks from, not the clock, so the same
    # request always gives the same answer (the build compares answers across runtimes).
    stamp = stamp or dt.datetime.combine(inp.on, dt.time(0), tzinfo=dt.timezone.utc)
    out["ics"] = calendar(out, stamp, req.get("lang") if req.get("lang") in ("zh", "en") else "zh")
    return out


def calendar(result: dict[str, Any], stamp: dt.datetime, lang: str) -> str:
    """The result's dated steps and milestones as an .ics file."""
    events = []
    for a in result["actions"]:
        day = dt.date.fromisoformat(a["date"])
        events.append({"uid": f"{a['id']}-{a['date']}@shpoints", "start": day, "end": day, "summary": a["label"][lang],
                       "description": "; ".join(s["title"][lang] for s in a["sources"])})
    for r in result["renewals"][2:]:   # later yearly renewals (the first two are actions)
        day = dt.date.fromisoformat(r["date"])
        events.append({"uid": f"renew-{r['date']}@shpoints", "start": day, "end": day,
                       "summary": t("居住证到期：续签并办理积分续办", "Permit expires: renew it and confirm the points")[lang],
                       "description": t("第十九条", "Art. 19")[lang]})
    for m in (result["child"] or {}).get("milestones", []):
        called = VERDICTS[m["verdict"]][lang]
        desc = f"{called}: {m['reason'][lang]} " + "; ".join(s["title"][lang] for s in m["sources"])
        if not m["official"]:
            desc += " " + t("日期以此为准：", "Dates confirmed by: ")[lang] + m["office"][lang]
        events.append({"uid": f"{m['id']}-{m['start']}@shpoints", "start": dt.date.fromisoformat(m["start"]),
                       "end": dt.date.fromisoformat(m["end"]), "summary": m["label"][lang], "description": desc})
    return ics.calendar(events, stamp, validity().reminder_days)
