"""The timeline's dated data (calculator/parameters/{points_validity,milestones,unlocks,settle}.toml)
and its citations: every verdict and action names a source held in the repository."""

from __future__ import annotations

from functools import cache
from typing import Any

from typing_extensions import TypedDict

from ..editions import load_table
from ..text import Text, t

FILES = ("points_validity.toml", "milestones.toml", "unlocks.toml", "settle.toml")


class Citation(TypedDict):
    source: str
    title: Text
    article: str | None
    official: bool
    note: Text
    confirm_with: Text | None


@cache
def table(name: str) -> dict[str, Any]:
    return load_table(name)


@cache
def sources() -> dict[str, dict[str, Any]]:
    """Every [source.*] of the timeline's files, by id (an id defined twice is an error)."""
    out: dict[str, dict[str, Any]] = {}
    for name in FILES:
        for key, value in table(name).get("source", {}).items():
            if key in out:
                raise ValueError(f"source {key!r} is defined twice ({name})")
            out[key] = value
    return out


def cite(source: str, article: str | None = None) -> Citation:
    """A citation of one source (KeyError for an unknown id: a typo fails loudly)."""
    s = sources()[source]
    confirm = t(s["confirm_zh"], s["confirm_en"]) if "confirm_zh" in s else None
    if not s["official"] and confirm is None:
        raise ValueError(f"source {source!r} is not official and names no office that confirms it")
    return {"source": source, "title": t(s["title_zh"], s["title_en"]), "article": article,
            "official": bool(s["official"]), "note": t(s["note_zh"], s["note_en"]), "confirm_with": confirm}


def validity() -> dict[str, Any]:
    return table("points_validity.toml")["validity"]
