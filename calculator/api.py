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
    """The file's bytes (``csv_bytes``, handed over by ``handle``'s ``data``; or ``csv_base64``
    in JSON), decoded here as UTF-8/BOM, else GB18030, like the CLI; or ``csv_text``.
    Answers the rows as data (``batch.score_file``, with each row's notes and the file's:
    ``batch_notes``) and the CSV to download."""
    from . import batch, batch_notes, csvio

    if isinstance(req.get("csv_bytes"), bytes):
        data: bytes | str = req["csv_bytes"]
    elif "csv_base64" in req:
        data = csvio.from_base64(req["csv_base64"])
    elif isinstance(req.get("csv_text"), str):
        data = req["csv_text"]
    else:
        raise request_error("请提供 CSV 文件的内容", "give the CSV file's bytes or text")
    scored = batch_notes.add_notes(data, batch.score_file(data))
    return {**scored, **_csv_out(batch.to_csv(scored))}


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


def handle(request_json: str, data: Any = None) -> str:
    """One JSON request, one JSON answer. ``data``: a file's bytes that travel beside the JSON
    (the worker hands over the page's transferred buffer, a JS Uint8Array); the request
    gets them as ``csv_bytes``."""
    try:
        req = json.loads(request_json)
    except json.JSONDecodeError:
        req = None
    if data is not None and isinstance(req, dict):
        req["csv_bytes"] = bytes(data.to_bytes() if hasattr(data, "to_bytes") else data)
    return json.dumps(call(req), ensure_ascii=False)
