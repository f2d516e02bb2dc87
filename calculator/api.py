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


def _file_out(fmt: str, scored: dict[str, Any], lang: str, messages: str | None = None) -> dict[str, Any]:
    """One file to save: ``csv_text`` and ``csv_base64`` (UTF-8 with BOM, for Excel), or
    ``xlsx_base64``."""
    from . import batch, csvio

    if fmt == "csv":
        text = batch.to_csv(scored, lang, messages)
        return {"csv_text": text, "csv_base64": base64.b64encode(csvio.encode(text)).decode("ascii")}
    if fmt == "xlsx":
        return {"xlsx_base64": base64.b64encode(batch.to_xlsx(scored, lang, messages)).decode("ascii")}
    raise request_error("format 须为 csv 或 xlsx", "format must be csv or xlsx")


def _file_bytes(req: dict[str, Any]) -> bytes | str:
    """The file: its bytes beside the request (``handle``'s ``data``), or ``file_base64`` /
    ``csv_base64`` in JSON, or ``csv_text``."""
    from . import csvio

    for key in ("file_bytes", "csv_bytes"):
        if isinstance(req.get(key), bytes):
            return req[key]   # type: ignore[no-any-return]
    for key in ("file_base64", "csv_base64"):
        if key in req:
            return csvio.from_base64(req[key])
    if isinstance(req.get("csv_text"), str):
        return req["csv_text"]   # type: ignore[no-any-return]
    raise request_error("请提供文件的内容", "give the file's bytes or text")


def _formats(req: dict[str, Any], default: list[str]) -> list[str]:
    formats = req.get("formats", default)
    if not isinstance(formats, list) or not all(f in ("csv", "xlsx") for f in formats):
        raise request_error("formats 须为 csv、xlsx 的列表", "formats must be a list of csv, xlsx")
    return formats


def _batch(req: dict[str, Any], progress: Callable[[int, int], Any] | None = None) -> Any:
    """A CSV (UTF-8/BOM, else GB18030, like the CLI) or an .xlsx (its first sheet, or
    ``sheet``), read by what it is. Answers the rows as data (``batch.score_file``) and the
    files of ``formats`` (default ["csv"]; [] for none: the page asks ``export`` on a
    click), headed in ``lang`` (default zh), the errors in ``messages`` (default ``lang``)."""
    from . import batch

    sheet = req.get("sheet")
    if sheet is not None and not isinstance(sheet, str):
        raise request_error("sheet 须为工作表的名字", "sheet must be a sheet's name")
    lang = req.get("lang", "zh")
    formats = _formats(req, ["csv"])
    scored = batch.score_file(_file_bytes(req), sheet, progress)
    out = dict(scored)
    for fmt in formats:
        out.update(_file_out(fmt, scored, lang, req.get("messages")))
    return out


def _export(req: dict[str, Any]) -> Any:
    """The file to save of a scored file given back (``result``: what ``batch`` answered),
    as ``format`` (csv or xlsx), headed in ``lang``, the errors in that language."""
    return _file_out(req.get("format", "csv"), req.get("result"), req.get("lang", "zh"), req.get("messages"))


def _template(req: dict[str, Any]) -> Any:
    """The template in ``format`` (csv, the default, or xlsx), headed in ``lang`` (default zh)."""
    from . import template

    fmt, lang = req.get("format", "csv"), req.get("lang", "zh")
    if fmt == "xlsx":
        return {"xlsx_base64": base64.b64encode(template.template_xlsx(lang)).decode("ascii")}
    if fmt != "csv":
        raise request_error("format 须为 csv 或 xlsx", "format must be csv or xlsx")
    from . import csvio

    text = template.template_csv(lang)
    return {"csv_text": text, "csv_base64": base64.b64encode(csvio.encode(text)).decode("ascii")}


def _timeline(req: dict[str, Any]) -> Any:
    """``timeline`` (optional dates), ``profile`` (optional, for the projection), ``lang``: see calculator/timeline."""
    from .timeline import timeline

    return timeline(req)


OPS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "score": _score, "tier": _tier, "plan": _plan, "batch": _batch, "export": _export, "template": _template,
    "timeline": _timeline,
}


def call(req: Any, progress: Callable[[int, int], Any] | None = None) -> dict[str, Any]:
    """``progress(done, total)``: told how far a long op (``batch``) has got."""
    try:
        if not isinstance(req, dict) or req.get("op") not in OPS:
            raise request_error("未知的请求", f"unknown request; ops: {', '.join(OPS)}")
        if req["op"] == "batch":
            return {"ok": True, "result": _batch(req, progress)}
        return {"ok": True, "result": OPS[req["op"]](req)}
    except ProfileError as exc:
        return {"ok": False, "errors": exc.errors}
    except ModuleNotFoundError as exc:   # the workbook reader, not installed yet (the browser installs it on demand)
        from .sheets import WorkbookReaderMissing

        if (exc.name or "").split(".")[0] not in ("openpyxl", "et_xmlfile"):
            raise
        return {"ok": False, "errors": WorkbookReaderMissing().errors}


def handle(request_json: str, data: Any = None, progress: Any = None) -> str:
    """One JSON request, one JSON answer. ``data``: a file's bytes that travel beside the JSON
    (the worker hands over the page's transferred buffer, a JS Uint8Array); the request
    gets them as ``file_bytes``. ``progress``: a function (the worker's, posting to the
    page) called with (done, total) while a batch is scored."""
    try:
        req = json.loads(request_json)
    except json.JSONDecodeError:
        req = None
    if data is not None and isinstance(req, dict):
        req["file_bytes"] = bytes(data.to_bytes() if hasattr(data, "to_bytes") else data)
    return json.dumps(call(req, progress), ensure_ascii=False)
