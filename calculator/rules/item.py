"""Building an item from an indicator's parameters."""

from __future__ import annotations

from decimal import Decimal

from ..editions import Edition
from ..result import Group, Item
from ..text import Text


def make(edition: Edition, id: str, group: Group, points: int, reason: Text, *, counted: bool | None = None) -> Item:
    par = getattr(edition, id)
    return Item(
        id=id,
        group=group,
        label=par.label(),
        points=points,
        counted=points != 0 if counted is None else counted,
        reason=reason,
        article=edition.article(id),
        conditions=[c.text() for c in par.conditions],
    )


def full_steps(amount: float, step: float) -> int:
    """How many whole steps ``amount`` holds, exactly (no binary rounding: 30 / 10 is 3)."""
    return int(Decimal(str(amount)) // Decimal(str(step)))


def num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"
