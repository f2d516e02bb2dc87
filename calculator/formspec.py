"""What the front end needs to draw the forms, exported from the input models (build writes
dist/formspec.json). One exporter serves every model (the profile, the timeline's inputs):
fields, sections, order, limits, labels and help come from the model; option points and
the sections' articles from the edition in force — nothing is written twice.

The form shows the sections in the order of ``GROUPS``, each field where its model puts
it (``section``, else its group), in the model's order: the fields that decide most
scores first, who may apply last."""

from __future__ import annotations

import datetime as dt
from typing import Any

from collections.abc import Mapping
from functools import cache

from pydantic import BaseModel, ValidationError

from .batch import ID_COLUMNS, VERDICTS
from .editions import edition_on
from .insurance_base import periods
from .dates import EXAMPLE, today_in_shanghai
from .fields import kind, limits, meta
from .options import Choices
from .profile import CHOICES, FIELDS, Profile
from .rules import INDICATORS
from .text import Text, t

GROUPS = (
    ("base", t("主要指标", "The main items"),
     t("决定大多数人分数的几项：年龄、学历或职称、社保月数、缴费基数", "What decides most scores: age, education or title, months of social insurance, contribution base")),
    ("bonus", t("其他加分指标", "Other bonus items"),
     t("符合哪项填哪项，没有的留空", "Fill in what applies to you; leave the rest empty")),
    ("deduction", t("减分指标", "Deductions"),
     t("按次累计扣分", "Each record is deducted, added up")),
    ("veto", t("一票否决", "Veto"),
     t("有任一项即取消积分资格", "Either one disqualifies the applicant")),
    ("application", t("申请条件与申请日期", "Who may apply, and the date"),
     t("积分由用人单位代为申请；申请条件不影响分数，申请日期决定按哪一天计算", "Your employer files the application; the conditions do not change the score, the date decides which day it is computed for")),
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
    if name in CHOICES:
        return list(CHOICES[name].options)
    what = kind(Profile, name)
    if what == "boolean":
        return [True]
    if what in {"integer", "number"}:
        low, high = limits(Profile, name)
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


def field_spec(model: type[BaseModel], name: str, choices: Mapping[str, Choices], points: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """One field of any input model, as the form draws it. ``points(value)`` gives an option's points."""
    info = model.model_fields[name]
    m = meta(model, name)
    what = kind(model, name)
    spec: dict[str, Any] = {
        "name": name,
        "group": m.get("x-section", m["x-group"]),
        "type": what,
        "label": m["x-label"],
        "help": m["x-help"],
        "default": None if info.default_factory else info.default,
        "optional": info.default is None and "x-one-of" not in m and not info.default_factory,
    }
    if info.default_factory:
        spec["default_today"] = True
    if m.get("x-main"):
        spec["main"] = True
    if what in {"integer", "number"}:
        spec["minimum"], spec["maximum"] = limits(model, name)
    if "x-unit" in m:
        spec["unit"] = m["x-unit"]
    if "x-one-of" in m:
        spec["one_of"] = m["x-one-of"]
    if "x-shown-with" in m:
        spec["shown_with"] = m["x-shown-with"]
    if what == "date":
        # what the placeholder shows: any spelling dates.py reads is accepted
        spec["example"] = m.get("x-example", EXAMPLE.isoformat())
    if name in choices:
        worth = (points or {}).get(name)
        spec["options"] = [
            {"value": value, "label": option.label, **({"points": worth(value)} if worth else {})}
            for value, option in choices[name].options.items()
        ]
    return spec


def groups_spec(model: type[BaseModel], groups: Any, article: Any = None) -> list[dict[str, Any]]:
    """The sections in order, each citing the articles of the groups its fields belong to."""
    out = []
    for gid, label, help in groups:
        spec: dict[str, Any] = {"id": gid, "label": label, "help": help}
        if article:
            laws = []
            for name in model.model_fields:
                m = meta(model, name)
                if m.get("x-section", m["x-group"]) == gid and m["x-group"] not in laws:
                    laws.append(m["x-group"])
            spec["article"] = "、".join(dict.fromkeys(article(g) for g in laws))
        out.append(spec)
    return out


def ordered(model: type[BaseModel], groups: Any, names: Any) -> list[str]:
    """The fields in the form's order: by section, then as the model declares them."""
    rank = {gid: k for k, (gid, *_rest) in enumerate(groups)}
    return sorted(names, key=lambda n: rank[meta(model, n).get("x-section", meta(model, n)["x-group"])])


def form_spec(on: dt.date | None = None) -> dict[str, Any]:
    edition = edition_on(on or today_in_shanghai())
    return {
        "version": 1,
        "standard": edition.standard,
        "edition": edition.id,
        "edition_name": edition.name,
        "groups": groups_spec(Profile, GROUPS, lambda g: edition.article("groups", g)),
        "fields": [{**field_spec(Profile, name, CHOICES, {k: (lambda v, f=f: f(edition, v)) for k, f in _OPTION_POINTS.items()}),
                    "items": list(field_items()[name])} for name in ordered(Profile, GROUPS, FIELDS)],
        "one_of": {"age": {"fields": ["age", "birth_date"], "label": t("年龄或出生日期（填一项）", "Age or birth date (give one)")}},
        "insurance_year": _insurance_year(),
        "batch": {"id_columns": list(ID_COLUMNS), "verdicts": VERDICTS},
        "timeline": _timeline_fields(),
    }


def _timeline_fields() -> dict[str, Any]:
    """The timeline's own fields (calculator/timeline/form.py), apart from the profile's: the
    page asks for them after the result, and only they go into a link that includes them."""
    from .timeline.form import timeline_form_spec

    return timeline_form_spec()
