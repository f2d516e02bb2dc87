"""What reaching the standard gives, and what it does not (no link to 落户): sourced texts."""

from __future__ import annotations

from typing import Any

from .sources import cite_ref, table


def unlocks() -> list[dict[str, Any]]:
    return [{"id": u.id, "gives": u.gives, "text": {"zh": u.zh, "en": u.en},
             "source": cite_ref(u.reference, u.law.article if u.law else None)} for u in table("unlocks.toml").unlock]
