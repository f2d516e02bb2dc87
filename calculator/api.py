"""One JSON-in, JSON-out entry point: what the web worker calls (docs/architecture.md)."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from typing import Any

from .engine import score
from .errors import ProfileError, request_error

# The planner, the tier helper and batch mode are imported when first asked for:
# the first score in the browser should not wait for code it does not run.


def _score(req: dict[str, Any]) -> Any:
    return score(req.get("profile")).model_dump(mode="json")


def _tier(req: dict[str, Any]) -> Any:
    from .insurance_base import tier_for

    return tier_for(req.get("monthly_base"), req.get("on"), req.get("average"))


def _plan(req: dict[str, Any]) -> Any:
    from .planner import plan

    return plan(req.get("profile"))


def _csv_out(text: str) -> dict[str, Any]:
    """The CSV as text (no BOM) and as the bytes to save (UTF-8 with BOM, for Excel), base64."""
    from . import csvio

    return {"csv_text": text, "csv_base64": base64.b64encode(csvio.encode(text)).decode("ascii")}


def _batch(req: dict[str, Any]) -> Any:
    """``csv_base64`` (the file's bytes; decoded here as UTF-8/BOM, else GB18030, like the CLI) or ``csv_text``."""
    from . import batch, csvio

    if "csv_base64" in req:
        data: bytes | str = csvio.from_base64(req["csv_base64"])
    elif isinstance(req.get("csv_text"), str):
        data = req["csv_text"]
    else:
        raise request_error("请提供 csv_base64 或 csv_text", "give csv_base64 or csv_text")
    text, summary = batch.score_csv(data)
    return {**_csv_out(text), "rows": summary["rows"], "ok_count": summary["ok_count"], "error_count": summary["error_count"]}


def _template(req: dict[str, Any]) -> Any:
    from . import batch

    return _csv_out(batch.template_csv())


def _timeline(req: dict[str, Any]) -> Any:
    """``timeline`` (optional dates), ``profile`` (optional, for the projection), ``lang``: see calculator/timeline."""
    from .timeline import timeline

    return timeline(req)


OPS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "score": _score, "tier": _tier, "plan": _plan, "batch": _batch, "template": _template, "timeline": _timeline,
}


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
