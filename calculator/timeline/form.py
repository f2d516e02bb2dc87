"""The timeline's form fields for the build's export (calculator/formspec.py adds them as
``timeline``), read from the TimelineInput model: names, groups, labels, help, limits,
options; the front end states none of them."""

from __future__ import annotations

from typing import Any

from ..text import t
from .milestones import VERDICTS
from .model import TIMELINE_FIELDS, TIMELINE_OPTIONS, TimelineInput
from .settle_check import STATUSES

GROUPS = (
    ("timeline", t("积分有效期与孩子升学", "Keeping the points valid for your child's school"),
     t("都可不填;填得越多,判断越具体", "All optional; the more you give, the more precise the verdicts")),
    ("settle", t("居转户预检(与积分无关)", "居转户 pre-check (separate from the points)"),
     t("只看一般途径的条件,不影响积分", "The general route's conditions only; never changes the points")),
)


def _kind(prop: dict[str, Any], name: str) -> str:
    if name in TIMELINE_OPTIONS:
        return "enum"
    options = [p for p in prop.get("anyOf", [prop]) if p.get("type") != "null"]
    return "date" if options[0].get("format") == "date" else options[0]["type"]


def _field(name: str, prop: dict[str, Any]) -> dict[str, Any]:
    meta = TimelineInput.model_fields[name].json_schema_extra
    assert isinstance(meta, dict)
    spec: dict[str, Any] = {"name": name, "group": meta["x-group"], "type": _kind(prop, name),
                            "label": meta["x-label"], "help": meta["x-help"], "optional": True}
    numeric = [p for p in prop.get("anyOf", [prop]) if p.get("type") == "integer"]
    if numeric:
        spec["minimum"], spec["maximum"] = numeric[0].get("minimum"), numeric[0].get("maximum")
    if "x-unit" in meta:
        spec["unit"] = meta["x-unit"]
    if name in TIMELINE_OPTIONS:
        spec["options"] = [{"value": v, "label": label} for v, label in TIMELINE_OPTIONS[name].items()]
    return spec


def timeline_form_spec() -> dict[str, Any]:
    props = TimelineInput.model_json_schema()["properties"]
    return {
        "groups": [{"id": g, "label": label, "help": help} for g, label, help in GROUPS],
        "fields": [_field(name, props[name]) for name in TIMELINE_FIELDS if name != "on"],
        "one_of": {"child": {"fields": ["child_birth_date", "child_stage"],
                             "label": t("孩子出生日期或年级(填一项)", "Child's birth date or grade (give one)")}},
        "verdicts": VERDICTS,
        "settle_statuses": STATUSES,
    }
