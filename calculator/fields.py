"""The field factory every input model uses (the profile, the timeline's inputs), and what
the exporters read back from a model: each field's kind, limits, labels and the other names
a spreadsheet may give its column. A field is described once, where it is declared."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, Field

from .text import Text

Kind = Literal["integer", "number", "boolean", "enum", "date"]


def field(default: Any, group: str, label: Text, help: Text, *, unit: Text | None = None, one_of: str | None = None,
          main: bool = False, section: str | None = None, aliases: tuple[str, ...] = (), example: dt.date | None = None,
          shown_with: str | None = None, **limits: Any) -> Any:
    """A model field with its form metadata.

    ``group``: the part of the 办法 it belongs to (its article); ``section``: where the form
    shows it, when not in its group (the fields that decide most scores come first);
    ``main``: one of those fields; ``aliases``: short column names a spreadsheet may use
    (the id and both labels are always recognised); ``example``: the date a date field's
    placeholder shows, when the messages' example (dates.EXAMPLE, a date ahead) would not be
    a likely answer (a birth date is in the past); ``shown_with``: the field whose answer
    makes this one a question (the form asks it once that field is other than its default)."""
    extra: dict[str, Any] = {"x-group": group, "x-label": label, "x-help": help}
    if unit:
        extra["x-unit"] = unit
    if one_of:
        extra["x-one-of"] = one_of
    if main:
        extra["x-main"] = True
    if section:
        extra["x-section"] = section
    if aliases:
        extra["x-aliases"] = list(aliases)
    if example:
        extra["x-example"] = example.isoformat()
    if shown_with:
        extra["x-shown-with"] = shown_with
    kwargs: dict[str, Any] = {"default_factory": default} if callable(default) else {"default": default}
    return Field(**kwargs, title=label["en"], description=help["en"], json_schema_extra=extra, **limits)


@cache
def _properties(model: type[BaseModel]) -> dict[str, Any]:
    return model.model_json_schema()["properties"]


def meta(model: type[BaseModel], name: str) -> dict[str, Any]:
    """The x- metadata (group, label, help, unit, one_of, main, section, aliases, example, shown_with) of a field."""
    extra = model.model_fields[name].json_schema_extra
    assert isinstance(extra, dict)
    return extra


def _variants(model: type[BaseModel], name: str) -> list[dict[str, Any]]:
    prop = _properties(model)[name]
    return [p for p in prop.get("anyOf", [prop]) if p.get("type") != "null"]


def kind(model: type[BaseModel], name: str) -> Kind:
    """The kind of control a field needs, read from its JSON Schema."""
    (variant,) = _variants(model, name)
    if "enum" in variant or "const" in variant:
        return "enum"
    if variant.get("format") == "date":
        return "date"
    return variant["type"]  # type: ignore[no-any-return]


def limits(model: type[BaseModel], name: str) -> tuple[float | None, float | None]:
    """The (minimum, maximum) a numeric field allows, read from its JSON Schema."""
    for variant in _variants(model, name):
        if variant.get("type") in {"integer", "number"}:
            return variant.get("minimum"), variant.get("maximum")
    return None, None


def column_names(model: type[BaseModel], name: str) -> list[str]:
    """Every name a column of this field may have: the id, both labels, the declared aliases."""
    m = meta(model, name)
    return [name, m["x-label"]["zh"], m["x-label"]["en"], *m.get("x-aliases", [])]
