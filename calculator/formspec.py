"""What the front end needs to draw the form, exported from the models (build writes
dist/formspec.json). Fields, groups, limits, labels and help come from the Profile;
option points and the groups' articles from the edition in force — nothing is written twice."""

from __future__ import annotations

import datetime as dt
from typing import Any

from functools import cache

from pydantic import ValidationError

from .batch import ID_COLUMNS, VERDICTS
from .editions import edition_on
from .insurance_base import periods
from .profile import FIELDS, OPTIONS, Profile, field_limits, field_meta, field_type, today_in_shanghai
from .rules import INDICATORS
from .text import t

GROUPS = (
    ("application", t("申请条件", "Who may apply"),
     t("积分由用人单位代为申请;先看看你是否符合申请条件(不影响分数)", "Your employer files the application; check first whether you may apply (does not change the score)")),
    ("base", t("基础指标", "Base indicators"),
     t("年龄、学历或职称、社保年限", "Age, education or title, years of social insurance")),
    ("bonus", t("加分指标", "Bonus indicators"),
     t("符合哪项填哪项,没有的留空", "Fill in what applies to you; leave the rest empty")),
    ("deduction", t("减分指标", "Deductions"),
     t("按次累计扣分", "Each record is deducted, added up")),
    ("veto", t("一票否决", "Veto"),
     t("有任一项即取消积分资格", "Either one disqualifies the applicant")),
)

# where an option's points come from in the edition's parameters
_OPTION_POINTS = {
    "education": lambda e, v: e["education"]["points"].get(v, 0),
    "qualification": lambda e, v: e["qualification"]["points"].get(v, 0),
    "award": lambda e, v: e["award"]["points"].get(v, 0),
    "insurance_base": lambda e, v: e["insurance_base"]["tiers"].get(v, {}).get("points", 0),
}


class _Reads:
    """A profile that records which fields are read through it (properties included)."""

    def __init__(self, profile: Profile) -> None:
        self._profile = profile
        self.seen: set[str] = set()

    def __getattr__(self, name: str) -> Any:
        attr = getattr(type(self._profile), name, None)
        if isinstance(attr, property):
            return attr.fget(self)
        if name in FIELDS:
            self.seen.add(name)
        return getattr(self._profile, name)


def _samples(name: str) -> list[Any]:
    """Values that make field ``name`` count: every option, true, its upper limit."""
    if name in OPTIONS:
        return list(OPTIONS[name])
    kind = field_type(name)
    if kind == "boolean":
        return [True]
    if kind in {"integer", "number"}:
        low, high = field_limits(name)
        return [v for v in (1, high) if v is not None and (low is None or v >= low)]
    return []


@cache
def field_items() -> dict[str, tuple[str, ...]]:
    """Which indicator items read each field, found by running the rules themselves on
    profiles that set one field at a time and recording what each rule reads."""
    reads: dict[str, set[str]] = {name: set() for name in FIELDS}
    profiles = [Profile(age=30), Profile(birth_date=dt.date(1990, 1, 1))]
    for name in FIELDS:
        for value in _samples(name):
            try:
                profiles.append(Profile(**{"age": 30, name: value}))
            except ValidationError:
                continue
    for profile in profiles:
        edition = edition_on(profile.as_of)
        for rule in INDICATORS:
            recorder = _Reads(profile)
            item = rule(recorder, edition)  # type: ignore[arg-type]
            for name in recorder.seen:
                reads[name].add(item.id)
    order = [rule(Profile(age=30), edition_on(today_in_shanghai())).id for rule in INDICATORS]
    return {name: tuple(i for i in order if i in ids) for name, ids in reads.items()}


def _insurance_year() -> dict[str, int]:
    """The social-insurance year the average-wage figures run by (their periods' first month)."""
    months = {p.start.month for p in periods()}
    if len(months) != 1:
        raise ValueError(f"the average-wage periods start in different months: {sorted(months)}")
    start = months.pop()
    return {"from_month": start, "to_month": (start + 10) % 12 + 1}


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
        "items": list(field_items()[name]),
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
        "groups": [{"id": g, "label": label, "article": edition.article("groups", g), "help": help} for g, label, help in GROUPS],
        "fields": [_field(name, edition) for name in FIELDS],
        "one_of": {"age": {"fields": ["age", "birth_date"], "label": t("年龄或出生日期(填一项)", "Age or birth date (give one)")}},
        "insurance_year": _insurance_year(),
        "batch": {"id_columns": list(ID_COLUMNS), "verdicts": VERDICTS},
        "timeline": _timeline_fields(),
    }


def _timeline_fields() -> dict[str, Any]:
    """Issue 12: the timeline's own fields (calculator/timeline/form.py), apart from the profile's."""
    from .timeline.form import timeline_form_spec

    return timeline_form_spec()
