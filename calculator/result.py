"""The result: the output contract (the rulebook's "Contract"; docs/rulebook-additions.md)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from .text import Text

Group = Literal["base", "bonus", "deduction", "veto"]


class Item(BaseModel):
    """One indicator: what it gives, whether it entered the total, and why."""

    id: str
    group: Group
    label: Text
    points: int
    counted: bool
    reason: Text
    article: str
    conditions: list[Text] = Field(default_factory=list)


class Check(BaseModel):
    """One condition of "who may apply"; ``ok`` is None when the profile does not say."""

    id: str
    ok: bool | None
    label: Text
    reason: Text
    article: str


class Eligibility(BaseModel):
    status: Literal["eligible", "not_eligible", "unknown"]
    checks: list[Check]


class Documents(BaseModel):
    """What to bring for one indicator claimed, or for every application (第十四条)."""

    id: str
    label: Text
    article: str
    documents: list[Text]


class Subtotals(BaseModel):
    base: int
    bonus: int
    deduction: int


class Note(BaseModel):
    """A note about the figures an answer used, in both languages, with its data.

    ``pending_figures``: the date falls in a social-insurance year whose average-wage notice
    is not in the data yet, so the last known figures were used (docs/rulebook-additions.md)."""

    kind: Literal["pending_figures"]
    zh: str
    en: str
    insurance_year_from: dt.date
    figures_from: dt.date
    figures_to: dt.date
    average: int
    base_ceiling: int


class Result(BaseModel):
    total: int
    standard: int
    meets_standard: bool
    disqualified: bool
    gap: int
    edition: str
    edition_name: Text
    as_of: dt.date
    age: int
    subtotals: Subtotals
    items: list[Item]
    notices: list[Text] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)
    eligibility: Eligibility
    documents: list[Documents] = Field(default_factory=list)

    def item(self, id: str) -> Item:
        return next(i for i in self.items if i.id == id)
