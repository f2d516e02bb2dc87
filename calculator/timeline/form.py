"""The timeline's form for the build's export (calculator/formspec.py adds it as
``timeline``): its sections, and its fields read from the TimelineInput model by the same
exporter as the profile's; the front end states none of them."""

from __future__ import annotations

from typing import Any

from ..text import t
from .milestones import VERDICTS
from .model import TIMELINE_CHOICES, TIMELINE_FIELDS, TimelineInput
from .settle_check import STATUSES

GROUPS = (
    ("timeline", t("积分有效期与孩子升学", "Keeping the points valid for your child's school"),
     t("都可不填；填得越多，判断越具体", "All optional; the more you give, the more precise the verdicts")),
    ("settle", t("居转户预检（与积分无关）", "居转户 pre-check (separate from the points)"),
     t("只看一般途径的条件，不影响积分", "The general route's conditions only; never changes the points")),
)


def timeline_form_spec() -> dict[str, Any]:
    from ..formspec import field_spec, groups_spec, ordered

    names = [name for name in TIMELINE_FIELDS if name != "on"]   # the page's today
    return {
        "groups": groups_spec(TimelineInput, GROUPS),
        "fields": [field_spec(TimelineInput, name, TIMELINE_CHOICES) for name in ordered(TimelineInput, GROUPS, names)],
        "one_of": {"child": {"fields": ["child_birth_date", "child_stage"],
                             "label": t("孩子出生日期或年级（填一项）", "Child's birth date or grade (give one)")}},
        "verdicts": VERDICTS,
        "settle_statuses": STATUSES,
    }
