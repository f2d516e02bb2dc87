"""Dated parameter editions of the 办法, loaded from ``parameters/edition_*.toml``.

An edition is in force from its ``in_force_from`` until the day before the next
edition starts. Asking for a date no edition covers is an error, never a silent zero.
Each file is checked against ``edition_model`` when it loads, and its references
against ``parameters/sources.toml`` (the law's documents, articles and notices).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from . import edition_model as model
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

    def article(self, *keys: str) -> str:
        """The article a section cites: ``article("age")``, ``article("groups", "base")``."""
        section: Any = self.params
        for key in keys:
            section = section[key]
        return str(section["reference"]["article"])


def _read_toml(name: str) -> dict[str, Any]:
    return tomllib.loads((resources.files(__package__) / "parameters" / name).read_text(encoding="utf-8"))


@cache
def sources() -> model.Sources:
    """The documents (the 办法 and its articles) and the public notices the data cites."""
    return model.validate(model.Sources, _read_toml("sources.toml"), "sources.toml")


def check(data: dict[str, Any], shape: type[model.BaseModel], name: str) -> dict[str, Any]:
    """``data`` checked against its model and its references against sources.toml, with defaults filled in."""
    model.check_references(data, sources(), name)
    return model.validate(shape, data, name).model_dump(by_alias=True, exclude_none=True)


def load_checked(name: str, shape: type[model.BaseModel]) -> dict[str, Any]:
    """A data file of ``parameters/``, checked (see ``check``)."""
    return check(_read_toml(name), shape, name)


def read_editions(folder: Any) -> tuple[Edition, ...]:
    """Every ``edition_*.toml`` in ``folder``, checked, oldest first, each ending the day before the next."""
    raw = sorted(
        (check(tomllib.loads(entry.read_text(encoding="utf-8")), model.EditionFile, entry.name) for entry in folder.iterdir()
         if entry.name.startswith("edition_") and entry.name.endswith(".toml")),
        key=lambda data: data["edition"]["in_force_from"],
    )
    out = []
    for i, data in enumerate(raw):
        head = data["edition"]
        end = raw[i + 1]["edition"]["in_force_from"] - dt.timedelta(days=1) if i + 1 < len(raw) else None
        out.append(Edition(head["id"], head["in_force_from"], end, t(head["name_zh"], head["name_en"]), data))
    return tuple(out)


@cache
def editions() -> tuple[Edition, ...]:
    """The editions shipped in ``parameters/``."""
    return read_editions(resources.files(__package__) / "parameters")


def edition_on(on: dt.date) -> Edition:
    for edition in reversed(editions()):
        if edition.in_force_from <= on:
            return edition
    raise NoEditionError(on, editions()[0].in_force_from)


def first_date() -> dt.date:
    return editions()[0].in_force_from


def load_table(name: str) -> dict[str, Any]:
    """Another data table from ``parameters/``, read as it is (no model of its own yet)."""
    return _read_toml(name)


def wage_table() -> dict[str, Any]:
    """The dated average wages (``parameters/average_wage.toml``), checked like an edition."""
    return load_checked("average_wage.toml", model.WageTable)
