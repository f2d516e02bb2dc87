"""What the front end needs to draw the form, exported from the models (build writes
dist/formspec.json). Fields, groups, limits, labels and help come from the Profile;
option points from the edition in force — nothing is written twice."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .editions import edition_on
from .profile import FIELDS, OPTIONS, Profile, field_limits, field_meta, field_type, today_in_shanghai
from .text import t

GROUPS = (
    ("application", t("申请条件", "Who may apply"), "第二条、第十三条",
     t("积分由用人单位代为申请;先看看你是否符合申请条件(不影响分数)", "Your employer files the application; check first whether you may apply (does not change the score)")),
    ("base", t("基础指标", "Base indicators"), "第六条",
     t("年龄、学历或职称、社保年限", "Age, education or title, years of social insurance")),
    ("bonus", t("加分指标", "Bonus indicators"), "第七条",
     t("符合哪项填哪项,没有的留空", "Fill in what applies to you; leave the rest empty")),
    ("deduction", t("减分指标", "Deductions"), "第八条",
     t("按次累计扣分", "Each record is deducted, added up")),
    ("veto", t("一票否决", "Veto"), "第九条",
     t("有任一项即取消积分资格", "Either one disqualifies the applicant")),
)

# where an option's points come from in the edition's parameters
_OPTION_POINTS = {
    "education": lambda e, v: e["education"]["points"].get(v, 0),
    "qualification": lambda e, v: e["qualification"]["points"].get(v, 0),
    "award": lambda e, v: e["award"]["points"].get(v, 0),
    "insurance_base": lambda e, v: next((x["points"] for x in e["insurance_base"]["tiers"].values() if x["id"] == v), 0),
}


def _field(name: str, edition: Any) -> dict[str, Any]:
    info = Profile.model_fields[name]
    meta = field_meta(name)
    kind = field_type(name)
    spec: dict[str, Any] = {
        "name": name,
        "group": meta["x-group"],
        "type": kind,
        "label": meta["x-label"],
        "help": meta["x-help"],
        "default": None if info.default_factory else info.default,
        "optional": info.default is None and "x-one-of" not in meta and not info.default_factory,
    }
    if name == "as_of":
        spec["default_today"] = True
    if kind in {"integer", "number"}:
        spec["minimum"], spec["maximum"] = field_limits(name)
    if "x-unit" in meta:
        spec["unit"] = meta["x-unit"]
    if "x-one-of" in meta:
        spec["one_of"] = meta["x-one-of"]
    if name in OPTIONS:
        points = _OPTION_POINTS.get(name)
        spec["options"] = [
            {"value": value, "label": label, **({"points": points(edition, value)} if points else {})}
            for value, label in OPTIONS[name].items()
        ]
    return spec


def form_spec(on: dt.date | None = None) -> dict[str, Any]:
    edition = edition_on(on or today_in_shanghai())
    return {
        "version": 1,
        "standard": edition.standard,
        "edition": edition.id,
        "edition_name": edition.name,
        "groups": [{"id": g, "label": label, "article": article, "help": help} for g, label, article, help in GROUPS],
        "fields": [_field(name, edition) for name in FIELDS],
        "one_of": {"age": {"fields": ["age", "birth_date"], "label": t("年龄或出生日期(填一项)", "Age or birth date (give one)")}},
        "timeline": _timeline_fields(),
    }


def _timeline_fields() -> dict[str, Any]:
    """Issue 12: the timeline's own fields (calculator/timeline/form.py), apart from the profile's."""
    from .timeline.form import timeline_form_spec

    return timeline_form_spec()
