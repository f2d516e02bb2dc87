"""Bilingual text: every message the engine gives is in Chinese and English."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from typing_extensions import TypedDict  # pydantic needs this one on Python < 3.12


class Text(TypedDict):
    zh: str
    en: str


def t(zh: str, en: str) -> Text:
    return {"zh": zh, "en": en}


def join(*parts: Text, zh_sep: str = "", en_sep: str = " ") -> Text:
    """Join texts, skipping empty ones."""
    return t(
        zh_sep.join(p["zh"] for p in parts if p["zh"]),
        en_sep.join(p["en"] for p in parts if p["en"]),
    )


_FIGURE = re.compile(r"\{(-?)([a-z_][a-z0-9_]*(?:\.[a-z0-9_]+)*)(:cny)?\}")


def with_figures(text: Text, params: Mapping[str, Any]) -> Text:
    """`text` with each ``{indicator.key}`` replaced by that figure of an edition's
    parameters, so a text that quotes an amount cannot disagree with the rules.
    ``{-indicator.key}`` negates (deductions are kept as negative points);
    ``{indicator.key:cny}`` writes an amount in 万元 (10,000 CNY) in yuan: 10 -> "100,000".
    A key may itself hold a dot (the insurance tier ``x0.8``): ``{insurance_base.tiers.x0.8.points}``."""

    def figure(match: re.Match[str]) -> str:
        value: Any = params
        parts = match.group(2).split(".")
        while parts:
            take = next((n for n in range(1, len(parts) + 1) if ".".join(parts[:n]) in value), None)
            if take is None:
                raise KeyError(f"{{{match.group(2)}}} is not in the edition's parameters")
            value, parts = value[".".join(parts[:take])], parts[take:]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"{{{match.group(2)}}} is not a number in the edition's parameters")
        value = -value if match.group(1) else value
        if match.group(3):
            return f"{round(value * 10_000):,}"
        return f"{value:g}" if isinstance(value, float) else str(value)

    return t(_FIGURE.sub(figure, text["zh"]), _FIGURE.sub(figure, text["en"]))
