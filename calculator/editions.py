"""Dated editions of the 办法, loaded from ``parameters/edition_*.toml``, and the other data files.

An edition is in force from its ``in_force_from`` until the day before the next edition
starts. Asking for a date no edition covers is an error, never a silent zero. A file whose
``[edition]`` names ``amends`` is an amendment: it holds only the keys it changes, and is
laid over the edition it amends (tables merged key by key, a list replaced whole) before
the result is checked by the same model (``edition_model.EditionFile``). References are
checked against ``sources.toml`` (the law's documents and articles, the notices, the texts).

The rules read an edition as a typed object (``edition.age.band_from``). ``Edition.params``
is the same data as a plain mapping, for the texts that quote a figure by its dotted key
(``text.with_figures``) and for readers that index it (``edition["award"]["points"]``).
"""

from __future__ import annotations

import copy
import datetime as dt
import tomllib
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

from . import edition_model as model
from .source_model import Sources, check_references, validate
from .text import Text, t


class NoEditionError(ValueError):
    """No edition of the 办法 is in force on the date asked for."""

    def __init__(self, on: dt.date, first: dt.date):
        self.on = on
        self.first = first
        super().__init__(f"no edition of the rules is in force on {on.isoformat()} (the first starts {first.isoformat()})")


@dataclass(frozen=True, eq=False)
class Edition:
    id: str
    in_force_from: dt.date
    in_force_to: dt.date | None
    name: Text
    data: model.EditionFile = field(repr=False)

    def __getattr__(self, section: str) -> Any:
        """A section of the edition, typed: ``edition.age``, ``edition.insurance_base.tiers``."""
        if section.startswith("_") or section == "data":
            raise AttributeError(section)
        return getattr(self.data, section)

    @cached_property
    def params(self) -> dict[str, Any]:
        """The edition as a plain mapping (as the file spells its keys), for texts that quote figures."""
        return self.data.model_dump(by_alias=True, exclude_none=True)

    def __getitem__(self, section: str) -> dict[str, Any]:
        return self.params[section]

    @property
    def standard(self) -> int:
        return self.data.standard.points

    def article(self, *keys: str) -> str:
        """The article a section cites: ``article("age")``, ``article("groups", "base")``."""
        section: Any = self.data
        for key in keys:
            section = getattr(section, key)
        return section.reference.article


def _package_folder() -> Traversable:
    return resources.files(__package__) / "parameters"


def _read(folder: Traversable | Path, name: str) -> dict[str, Any]:
    return tomllib.loads((folder / name).read_text(encoding="utf-8"))


def read_sources(folder: Traversable | Path) -> Sources:
    return validate(Sources, _read(folder, "sources.toml"), "sources.toml")


@cache
def sources() -> Sources:
    """The documents (the 办法 and its articles), the public notices and the other texts the data cites."""
    return read_sources(_package_folder())


def check(data: dict[str, Any], shape: type[model.BaseModel], name: str, cited: Sources | None = None) -> Any:
    """``data`` checked against its model and its references against sources.toml: the typed object."""
    check_references(data, cited or sources(), name)
    return validate(shape, data, name)


def load_checked(name: str, shape: type[model.BaseModel]) -> Any:
    """A data file of ``parameters/``, checked (see ``check``)."""
    return check(_read(_package_folder(), name), shape, name)


def overlay(base: dict[str, Any], change: dict[str, Any]) -> dict[str, Any]:
    """``change`` laid over ``base``: tables merged key by key, anything else (a list too) replaced."""
    out = copy.deepcopy(base)
    for key, value in change.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = overlay(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def _name(head: model.Head, cited: Sources, base: Edition | None) -> Text:
    if head.name_zh and head.name_en:
        return t(head.name_zh, head.name_en)
    if base is not None:  # an amendment without a name of its own: the edition it amends, and from when
        day = head.in_force_from
        return t(f"{base.name['zh']},{day.year}年{day.month}月{day.day}日起的修订",
                 f"{base.name['en']}, as amended from {day.isoformat()}")
    return cited.documents[head.reference.document].name()


def read_editions(folder: Traversable | Path) -> tuple[Edition, ...]:
    """Every ``edition_*.toml`` in ``folder``, amendments laid over the edition they amend,
    checked, oldest first, each ending the day before the next. The citations are checked
    against the folder's own sources.toml when it has one, else the package's."""
    cited = read_sources(folder) if (folder / "sources.toml").is_file() else sources()
    files = {entry.name: tomllib.loads(entry.read_text(encoding="utf-8")) for entry in folder.iterdir()
             if entry.name.startswith("edition_") and entry.name.endswith(".toml")}
    by_id: dict[str, tuple[dict[str, Any], Edition]] = {}
    pending = sorted(files.items(), key=lambda kv: str(kv[1].get("edition", {}).get("in_force_from", "")))
    while pending:
        progress = [(name, raw) for name, raw in pending
                    if not raw.get("edition", {}).get("amends") or raw["edition"]["amends"] in by_id]
        if not progress:
            missing = sorted({raw["edition"]["amends"] for _, raw in pending})
            raise model.DataFileError(f"parameters/{pending[0][0]}: amends edition {', '.join(missing)}, which no file defines")
        for name, raw in progress:
            amends = raw.get("edition", {}).get("amends")
            base_raw, base = by_id[amends] if amends else ({}, None)
            if base is not None and "edition" in raw and "reference" not in raw["edition"]:
                raw = overlay(raw, {"edition": {"reference": base_raw["edition"]["reference"]}})
            merged = {**overlay(base_raw, raw), "edition": raw.get("edition", {})}
            data: model.EditionFile = check(merged, model.EditionFile, name, cited)
            head = data.edition
            if base is not None and head.in_force_from <= base.in_force_from:
                raise model.DataFileError(f"parameters/{name}: an amendment starts after the edition it amends ({base.in_force_from})")
            by_id[head.id] = (merged, Edition(head.id, head.in_force_from, None, _name(head, cited, base), data))
        pending = [p for p in pending if p not in progress]
    ordered = sorted((edition for _, edition in by_id.values()), key=lambda e: e.in_force_from)
    for before, after in zip(ordered, ordered[1:]):
        if before.in_force_from == after.in_force_from:
            raise model.DataFileError(f"editions {before.id} and {after.id} both start on {after.in_force_from}")
    return tuple(
        Edition(e.id, e.in_force_from, ordered[i + 1].in_force_from - dt.timedelta(days=1) if i + 1 < len(ordered) else None,
                e.name, e.data)
        for i, e in enumerate(ordered)
    )


@cache
def editions() -> tuple[Edition, ...]:
    """The editions shipped in ``parameters/``."""
    return read_editions(_package_folder())


def edition_on(on: dt.date, among: tuple[Edition, ...] | None = None) -> Edition:
    """The edition in force on ``on`` (of the shipped ones, or of ``among``)."""
    known = among or editions()
    for edition in reversed(known):
        if edition.in_force_from <= on:
            return edition
    raise NoEditionError(on, known[0].in_force_from)


def first_date() -> dt.date:
    return editions()[0].in_force_from


def wage_table() -> Any:
    """The dated average wages (``parameters/average_wage.toml``), checked: a ``wage_model.WageTable``."""
    from .wage_model import WageTable

    return load_checked("average_wage.toml", WageTable)
