"""The shape of the timeline's data files (``parameters/points_validity.toml``,
``milestones.toml``, ``unlocks.toml``, ``settle.toml``), checked when they load like the
editions: every key declared, every citation in one of the shapes of
``calculator/source_model.py`` and listed in sources.toml."""

from __future__ import annotations

import datetime as dt

from pydantic import model_validator

from ..source_model import Reference, Strict, TextReference


# ------------------------------------------------------------------ points_validity.toml
class Validity(Strict):
    in_force_from: dt.date
    confirm: Reference           # 第十九条: confirmed when the permit is renewed
    lapse: Reference             # 第二十条: lapses when the permit is cancelled
    approval: Reference          # 第十七条: approved within so many working days
    approval_working_days: int
    valid_months: int
    valid_months_source: TextReference
    renew_lead_days: int
    risk_margin_days: int
    reminder_days: int


class ValidityFile(Strict):
    validity: Validity


# ------------------------------------------------------------------ milestones.toml
class School(Strict):
    in_force_from: dt.date
    entry_age: int
    cutoff_month: int
    cutoff_day: int
    school_year_starts_month: int
    primary_years: int
    junior_years: int
    senior_years: int
    reference: TextReference


class YearDay(Strict):
    """A day counted from P, the year the child starts primary school."""

    year: int
    month: int
    day: int


class Milestone(Strict):
    id: str
    zh: str
    en: str
    start: YearDay
    end: YearDay
    risk_from: YearDay | None = None
    reference: TextReference
    office: str


class Office(Strict):
    zh: str
    en: str


class MilestonesFile(Strict):
    school: School
    milestone: list[Milestone]
    office: dict[str, Office]

    @model_validator(mode="after")
    def _offices_exist(self) -> "MilestonesFile":
        unknown = sorted({m.office for m in self.milestone} - set(self.office))
        if unknown:
            raise ValueError(f"milestones name offices not listed under [office]: {', '.join(unknown)}")
        return self


# ------------------------------------------------------------------ unlocks.toml
class Unlock(Strict):
    id: str
    gives: bool
    zh: str
    en: str
    reference: Reference | TextReference
    law: Reference | None = None   # the articles of the 办法 a text explains


class UnlocksFile(Strict):
    unlock: list[Unlock]


# ------------------------------------------------------------------ settle.toml
class Route(Strict):
    reference: TextReference


class Condition(Strict):
    id: str
    zh: str   # may hold {n}: the condition's own figure (at_least), written once
    en: str
    input: str
    at_least: int | None = None


class Shortened(Strict):
    id: str
    zh: str
    en: str


class SettleFile(Strict):
    route: Route
    condition: list[Condition]
    shortened: list[Shortened]


SHAPES = {"points_validity.toml": ValidityFile, "milestones.toml": MilestonesFile,
          "unlocks.toml": UnlocksFile, "settle.toml": SettleFile}
