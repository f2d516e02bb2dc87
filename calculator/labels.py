"""Labels and help texts that quote an amount take it from the newest edition's parameters
({indicator.key}, see text.with_figures), so they cannot disagree with the rules. The
breakdown of a result quotes the edition in force on its own date."""

from __future__ import annotations

from .editions import editions
from .text import Text, t, with_figures

NEWEST = editions()[-1]


def tf(zh: str, en: str) -> Text:
    """A text quoting figures of the newest edition."""
    return with_figures(t(zh, en), NEWEST.params)
