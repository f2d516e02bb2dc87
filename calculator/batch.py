"""Batch scoring for HR: a clerk's spreadsheet (CSV or .xlsx), one person a row, scored;
the result as a file Excel opens (.xlsx or CSV).

Input (``sheets.read_table``): the first non-empty row names the columns
(``columns.match_header``: the field's id, its Chinese or English label, or a short name
such as 学历 or 社保月数; and the identifying columns 姓名, 工号, 编号, 部门, id, name,
copied to the result untouched). Each later row is one person; its cells go to the model
as text, which reads 38岁, 本科学士, 1倍, √, 1988年5月1日 and refuses what it cannot
read or what could mean two things. Empty rows are skipped.

A bad cell does not stop the file: its row gets one message per bad cell, in Chinese and
English, naming the row as Excel numbers it, the column as the file names it, what was
found and the shortest fix (第5行「学历」列：“本科”不清楚指哪一项：写 本科学士 或 本科无学位),
and every other row is scored. A 合计/小计 row is an error in its row. What refuses the
whole file: it cannot be read, it has no header, a column is unknown or named twice.

Output columns (``out_header``, in the page's language): the row number, the identifying
columns, the total, the verdict (达标 / 未达标 / 取消资格), the points of every indicator
in the 办法's order (the points that went into the total; 0 when not counted), the errors.

``score_file`` gives the rows as data (the page's preview, the API); ``to_csv`` and
``to_xlsx`` write the file.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from . import csvio, sheets
from .columns import ID_COLUMNS, Column, match_header, short_name
from .engine import score
from .errors import ProfileError, request_error
from .result import Result
from .text import Text, t
from .values import squeeze

VERDICTS = {"meets": t("达标", "meets the standard"), "below": t("未达标", "below the standard"), "vetoed": t("取消资格", "disqualified")}
LANGS = ("zh", "en")
CHUNK = 200   # rows between two progress reports

# A row that sums the others up (合计 35人) is not a person: its row gets an error.
_TOTAL_WORDS_ZH = ("合计", "小计", "总计", "共计", "总数", "平均")
_TOTAL_WORDS_EN = {"total", "subtotal", "sum", "average", "grandtotal"}


@cache
def items() -> tuple[tuple[str, Text], ...]:
    """The indicators (id, label) in the 办法's order, read from the engine itself."""
    return tuple((i.id, i.label) for i in score({"age": 30}).items)


def item_ids() -> tuple[str, ...]:
    return tuple(i for i, _ in items())


def _is_total_label(cell: str) -> bool:
    word = squeeze(cell).rstrip(":")
    return word in _TOTAL_WORDS_EN or word.startswith(_TOTAL_WORDS_ZH)


# ---------------------------------------------------------------- messages at a cell


def _cell_message(row: int, column: str | None, msg: Text, found: str | None) -> Text:
    """第5行「学历」列：… / Row 5, column “学历”: …, quoting what was found unless the
    message already does."""
    zh, en = msg["zh"], msg["en"]
    if found is not None and f"“{found}”" not in zh:
        zh, en = f"填了“{found}”，{zh}", f"“{found}”: {en}"
    if column is None:
        return t(f"第{row}行：{zh}", f"Row {row}: {en}")
    return t(f"第{row}行「{column}」列：{zh}", f"Row {row}, column “{column}”: {en}")


def _located(row: int, by_field: dict[str, Column], error: dict[str, Any], cell: Callable[[Column], str]) -> dict[str, Any]:
    """An engine's field message, placed at its cell, quoting the cell as the file has it
    (the model saw it with full-width digits made half-width)."""
    field = error.get("field")
    column = by_field.get(field) if field else None
    found = (cell(column) or None) if column is not None and "found" in error else None
    msg: Text = t(error["zh"], error["en"])
    if field and column is None and error["type"] != "age_missing":   # a field the file has no column for
        name = short_name(field)
        msg = t(f"「{name['zh']}」{msg['zh']}", f"“{name['en']}” {msg['en']}")
    out = {"row": row, "column": column.name if column else None, "field": field, "type": error["type"],
           **_cell_message(row, column.name if column else None, msg, found)}
    if found is not None:
        out["found"] = found
    return out


# ---------------------------------------------------------------- rows


def _record(row: int, ids: list[str], result: Result | None, errors: list[dict[str, Any]]) -> dict[str, Any]:
    """One row as data: its number, identifying cells, the scores (None when refused), the errors."""
    if result is None:
        return {"row": row, "ids": ids, "total": None, "meets_standard": None, "disqualified": None, "verdict": None,
                "points": None, "errors": errors, "notes": []}
    counted = {i.id: i.points if i.counted else 0 for i in result.items}
    verdict = "vetoed" if result.disqualified else "meets" if result.meets_standard else "below"
    return {"row": row, "ids": ids, "total": result.total, "meets_standard": result.meets_standard,
            "disqualified": result.disqualified, "verdict": verdict, "points": [counted.get(i, 0) for i in item_ids()],
            "errors": [], "notes": [note.model_dump(mode="json") for note in result.notes]}


def _score_row(row: int, cells: list[str], columns: list[Column], by_field: dict[str, Column], width: int) -> dict[str, Any]:
    get = lambda c: cells[c.index].strip() if c.index < len(cells) else ""  # noqa: E731
    ids = [get(c) for c in columns if c.field is None]
    for c in columns:
        if _is_total_label(get(c)):
            return _record(row, ids, None, [{"row": row, "column": c.name, "field": c.field, "type": "total_row",
                                             "found": get(c), **_cell_message(row, c.name, t(
                                                 f"“{get(c)}”是合计行，不是一名员工：请删去这一行",
                                                 f"“{get(c)}” is a total row, not a person: delete the row"), get(c))}])
    extra = [k for k in range(width, len(cells)) if cells[k].strip()]
    if extra:
        from .columns import column_letter

        where = "、".join(column_letter(k) for k in extra)
        return _record(row, ids, None, [{"row": row, "column": None, "field": None, "type": "extra_cells", **_cell_message(
            row, None, t(f"{where}列有内容，但这一列没有列名：请在列名行写上列名，或删去这些内容",
                         f"column {where.replace('、', ', ')} has values but no header: name the column or clear them"), None)}])
    profile = {c.field: get(c) for c in columns if c.field is not None and get(c)}
    try:
        return _record(row, ids, score(profile), [])
    except ProfileError as exc:
        return _record(row, ids, None, [_located(row, by_field, e, get) for e in exc.errors])


def score_file(data: bytes | str, sheet: str | None = None,
               progress: Callable[[int, int], Any] | None = None) -> dict[str, Any]:
    """Score every row of a CSV or .xlsx file, as data.

    Returns ``{id_columns, items, item_labels, verdicts, records, rows, ok_count, error_count,
    format, sheets, sheet, header_row, skipped_rows}``: the identifying columns the file has
    (as it names them), the item ids in the 办法's order (``records[k].points`` follows
    it) and their labels, the verdict labels by id, one record a row (see ``_record``; each
    error has ``row``, ``column``, ``field``, ``type``, ``found`` when a value was refused,
    and the message ``zh``/``en``), a workbook's sheets and the one read, the header's row
    number and how many empty rows were skipped. ``progress(done, total)`` is called every
    few hundred rows. A file that cannot be read raises ProfileError.
    """
    table = sheets.read_table(data, sheet)
    has_data = [any(k < len(cells) and cells[k].strip() for _, cells in table.rows) for k in range(len(table.header))]
    try:
        columns = match_header(table.header, has_data, table.header_row)
    except ProfileError as exc:
        others = [n for n in table.sheets if n != table.sheet]
        if others:   # a cover sheet first: say where the list may be
            listed = "、".join(others)
            exc.errors.append({"field": None, "type": "other_sheets", "sheets": table.sheets,
                               "zh": f"读的是工作表「{table.sheet}」；这个文件还有：{listed}。名单在别的工作表时，请选那一张",
                               "en": f"this is sheet “{table.sheet}”; the workbook also has: {', '.join(others)}. "
                                     "If the list is on another sheet, choose that one"})
        raise
    by_field = {c.field: c for c in columns if c.field}
    width = max((c.index for c in columns), default=-1) + 1
    width = max(width, len(table.header))
    records = []
    total = len(table.rows)
    for done, (row, cells) in enumerate(table.rows):
        if progress is not None and done % CHUNK == 0:
            progress(done, total)
        records.append(_score_row(row, cells, columns, by_field, width))
    if progress is not None:
        progress(total, total)
    ok = sum(1 for r in records if not r["errors"])
    # a pending-figures note once for the file, per insurance year (each row has its own)
    notes = {n["insurance_year_from"]: n for r in records for n in r.get("notes", [])}
    return {"notes": [notes[k] for k in sorted(notes)], "id_columns": [c.name for c in columns if c.field is None], "items": list(item_ids()),
            "item_labels": [label for _, label in items()], "verdicts": VERDICTS, "records": records,
            "rows": len(records), "ok_count": ok, "error_count": len(records) - ok, "format": table.format,
            "sheets": table.sheets, "sheet": table.sheet, "header_row": table.header_row, "skipped_rows": table.skipped}


# ---------------------------------------------------------------- the file to save

HEADINGS = {"row": t("行号", "Row"), "total": t("总分", "Total"), "verdict": t("结论", "Verdict"),
            "errors": t("错误", "Errors"), "points": t("{label}得分", "{label} points"), "notes": t("说明", "Notes")}


def _lang(lang: Any) -> str:
    if lang not in LANGS:
        raise request_error("lang 须为 zh 或 en", "lang must be zh or en")
    return str(lang)


def out_header(scored: dict[str, Any], lang: str = "zh") -> list[str]:
    h = {k: v[lang] for k, v in HEADINGS.items()}
    labels = [label[lang] for _, label in items()]
    # the column of notes only when a row has one (the last known wage figures were used)
    notes = [h["notes"]] if scored.get("notes") else []
    return [h["row"], *scored["id_columns"], h["total"], h["verdict"],
            *(h["points"].format(label=label) for label in labels), h["errors"], *notes]


def _errors_text(errors: list[dict[str, Any]], messages: str) -> str:
    if messages == "both":
        return "\n".join(f"{e['zh']} / {e['en']}" for e in errors)
    return "\n".join(e[messages] for e in errors)


def out_rows(scored: dict[str, Any], lang: str = "zh", messages: str | None = None) -> list[list[Any]]:
    """The rows of the file to save; ``messages``: "zh", "en" or "both" (default ``lang``)."""
    messages = messages or lang
    blanks = [""] * len(item_ids())
    with_notes = bool(scored.get("notes"))
    out = []
    for r in scored["records"]:
        notes = [_errors_text(r.get("notes") or [], messages)] if with_notes else []
        if r["errors"]:
            out.append([r["row"], *r["ids"], "", "", *blanks, _errors_text(r["errors"], messages), *notes])
        else:
            out.append([r["row"], *r["ids"], r["total"], VERDICTS[r["verdict"]][lang], *r["points"], "", *notes])
    return out


def _checked(scored: Any) -> dict[str, Any]:
    """A scored file given back (the page asks for its download): the shape, not trusted."""
    try:
        assert isinstance(scored, dict)
        assert isinstance(scored["id_columns"], list) and isinstance(scored["records"], list)
        for r in scored["records"]:
            assert isinstance(r["ids"], list) and isinstance(r["errors"], list) and "row" in r
        return scored
    except (AssertionError, KeyError, TypeError):
        raise request_error("要导出的结果不完整", "the result to export is incomplete") from None


def to_csv(scored: dict[str, Any], lang: str = "zh", messages: str | None = None) -> str:
    """The output CSV (no BOM) of ``score_file``'s answer: write it with ``csvio.encode`` for Excel."""
    scored = _checked(scored)
    return csvio.write(out_header(scored, _lang(lang)), out_rows(scored, lang, messages))


def to_xlsx(scored: dict[str, Any], lang: str = "zh", messages: str | None = None) -> bytes:
    """The output workbook: one sheet, the header frozen, errors wrapped in their cell."""
    from .workbook import write_table

    scored = _checked(scored)
    header = out_header(scored, _lang(lang))
    return write_table(t("积分结果", "Scores")[lang], header, out_rows(scored, lang, messages),
                       text_columns=1 + len(scored["id_columns"]), wrap_last=True)


def score_csv(data: bytes | str, lang: str = "zh") -> tuple[str, dict[str, int]]:
    """Score every row; returns (the output CSV text, {rows, ok_count, error_count}); the
    errors in both languages, as the command line writes them."""
    scored = score_file(data)
    return to_csv(scored, lang, "both"), {k: scored[k] for k in ("rows", "ok_count", "error_count")}


__all__ = ["ID_COLUMNS", "VERDICTS", "item_ids", "items", "out_header", "score_csv", "score_file", "to_csv", "to_xlsx"]
