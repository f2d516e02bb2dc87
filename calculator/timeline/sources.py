"""The timeline's dated data (calculator/parameters/{points_validity,milestones,unlocks,settle}.toml),
typed (``tables``), and its citations: every verdict and action names a document or a text
that sources.toml lists."""

from __future__ import annotations

from functools import cache
from typing import Any

from typing_extensions import TypedDict

from ..editions import load_checked, sources
from ..source_model import Reference, TextReference
from ..text import Text, t
from .tables import SHAPES, Validity

FILES = tuple(SHAPES)


class Citation(TypedDict):
    source: str
    title: Text
    article: str | None
    official: bool
    note: Text
    confirm_with: Text | None


@cache
def table(name: str) -> Any:
    """One of the timeline's files, checked and typed."""
    return load_checked(name, SHAPES[name])


def cite(source: str, article: str | None = None) -> Citation:
    """A citation of a document (the 办法) or a text of sources.toml (KeyError for an unknown key: a typo fails loudly)."""
    known = sources()
    if source in known.documents:
        doc = known.documents[source]
        summaries = [f"{a}: {doc.articles[a]}" for a in doc.articles if article and a in article]
        return {"source": source, "title": doc.name(), "article": article, "official": True,
                "note": t(f"《{doc.title_zh}》{article}。" if article else f"《{doc.title_zh}》。", " ".join(summaries) or doc.title_en),
                "confirm_with": None}
    s = known.texts[source]
    confirm = t(s.confirm_zh, s.confirm_en) if s.confirm_zh and s.confirm_en else None
    if not s.official and confirm is None:
        raise ValueError(f"source {source!r} is not official and names no office that confirms it")
    return {"source": source, "title": t(s.title_zh, s.title_en), "article": article,
            "official": s.official, "note": t(s.note_zh, s.note_en), "confirm_with": confirm}


def cite_ref(ref: Reference | TextReference, article: str | None = None) -> Citation:
    """A citation of a data file's reference."""
    if isinstance(ref, Reference):
        return cite(ref.document, article or ref.article)
    return cite(ref.text, article)


def law(article: str) -> Citation:
    """A citation of the 办法's ``article`` (the document the validity rules cite)."""
    return cite(validity().confirm.document, article)


def validity() -> Validity:
    return table("points_validity.toml").validity
