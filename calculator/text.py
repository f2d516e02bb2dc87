"""Bilingual text: every message the engine gives is in Chinese and English."""

from __future__ import annotations

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
