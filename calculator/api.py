"""One JSON-in, JSON-out entry point: what the web worker calls (docs/architecture.md)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from .engine import score
from .errors import ProfileError, request_error
from .insurance_base import tier_for


def _score(req: dict[str, Any]) -> Any:
    return score(req.get("profile")).model_dump(mode="json")


def _tier(req: dict[str, Any]) -> Any:
    return tier_for(req.get("monthly_base"), req.get("on"), req.get("average"))


OPS: dict[str, Callable[[dict[str, Any]], Any]] = {"score": _score, "tier": _tier}



def call(req: Any) -> dict[str, Any]:
    try:
        if not isinstance(req, dict) or req.get("op") not in OPS:
            raise request_error("未知的请求", f"unknown request; ops: {', '.join(OPS)}")
        return {"ok": True, "result": OPS[req["op"]](req)}
    except ProfileError as exc:
        return {"ok": False, "errors": exc.errors}


def handle(request_json: str) -> str:
    try:
        req = json.loads(request_json)
    except json.JSONDecodeError:
        req = None
    return json.dumps(call(req), ensure_ascii=False)
