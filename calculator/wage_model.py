"""The shape of ``parameters/average_wage.toml``: one period a social-insurance year (1 July –
30 June), with the published figures, the notice that gives them, and how each figure was
confirmed, written beside it (``how``). Checked at load: periods start on 1 July, end on the
next 30 June, follow each other without a gap, and cite notices sources.toml lists."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field, model_validator

from .source_model import NoticeReference, Strict


class Override(Strict):
    ceiling_multiple: int
    reference: NoticeReference


class FigureChecks(Strict):
    """How each figure of a period was confirmed, in words, beside the figure."""

    average: str
    base_floor: str
    base_ceiling: str


class WagePeriod(Strict):
    start: dt.date = Field(alias="from")
    to: dt.date   # when left out: the 30 June after `from`, the end of its insurance year
    average: int
    base_floor: int
    base_ceiling: int
    # The notice sets the floor at this share of the average, in per cent, when it does
    # (from 2023); the floors of the years before were set lower and are stored as published.
    floor_percent: int | None = None
    reference: NoticeReference
    also: list[NoticeReference] = []   # further notices that give or confirm a figure
    # False when a figure could not be checked against its notice: the tier helper then says so.
    confirmed: bool = True
    confirmed_by: list[str] = []
    how: FigureChecks

    @model_validator(mode="before")
    @classmethod
    def _to_defaults_to_the_years_end(cls, data: Any) -> Any:
        if isinstance(data, dict) and "to" not in data and isinstance(data.get("from"), dt.date):
            return {**data, "to": dt.date(data["from"].year + 1, 6, 30)}
        return data

    @model_validator(mode="after")
    def _one_insurance_year(self) -> "WagePeriod":
        if (self.start.month, self.start.day) != (7, 1) or self.to != dt.date(self.start.year + 1, 6, 30):
            raise ValueError(f"a period runs from 1 July to the next 30 June, not {self.start} to {self.to}")
        return self


class WageTable(Strict):
    override: Override
    period: list[WagePeriod]

    @model_validator(mode="after")
    def _consecutive(self) -> "WageTable":
        starts = [p.start for p in self.period]
        if starts != sorted(starts):
            raise ValueError("the periods must be in date order")
        for before, after in zip(self.period, self.period[1:]):
            if after.start != before.to + dt.timedelta(days=1):
                raise ValueError(f"the period from {after.start} does not follow the one ending {before.to}")
        return self
