"""Dated parameter editions of the 办法, loaded from ``parameters/edition_*.toml``.

An edition is in force from its ``in_force_from`` until the day before the next
edition starts. Asking for a date no edition covers is an error, never a silent zero.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from .text import Text, t


class NoEditionError(ValueError):
    """No edition of the 办法 is in force on the date asked for."""

    def __init__(self, on: dt.date, first: dt.date):
        self.on = on
        self.first = first
        super().__init__(f"no edition of the rules is in force on {on.isoformat()} (the first starts {first.isoformat()})")


@dataclass(frozen=True)
class Edition:
    id: str
    in_force_from: dt.date
    in_force_to: dt.date | None
    name: Text
    params: dict[str, Any]

    def __getitem__(self, indicator: str) -> dict[str, Any]:
        return self.params[indicator]

    @property
    def standard(self) -> int:
        return int(self.params["standard"]["points"])


def _read_toml(name: str) -> dict[str, Any]:
    return tomllib.loads((resources.files(__package__) / "parameters" / name).read_text(encoding="utf-8"))


@cache
def editions() -> tuple[Edition, ...]:
    """Every edition, oldest first, each with its end date derived from the next one."""
    folder = resources.files(__package__) / "parameters"
    raw = sorted(
        (_read_toml(entry.name) for entry in folder.iterdir() if entry.name.startswith("edition_") and entry.name.endswith(".toml")),
        key=lambda data: data["edition"]["in_force_from"],
    )
    out = []
    for i, data in enumerate(raw):
        head = data["edition"]
        end = raw[i + 1]["edition"]["in_force_from"] - dt.timedelta(days=1) if i + 1 < len(raw) else None
        out.append(Edition(head["id"], head["in_force_from"], end, t(head["name_zh"], head["name_en"]), data))
    return tuple(out)


def edition_on(on: dt.date) -> Edition:
    for edition in reversed(editions()):
        if edition.in_force_from <= on:
            return edition
    raise NoEditionError(on, editions()[0].in_force_from)


def first_date() -> dt.date:
    return editions()[0].in_force_from


def load_table(name: str) -> dict[str, Any]:
    """Another dated data table from ``parameters/`` (e.g. the average wage)."""
    return _read_toml(name)
