"""Writing .xlsx files with openpyxl: the scored result (one table) and the template a
clerk fills (drop-down lists, number limits, a sheet that explains each column).

What goes in them is decided elsewhere (batch.py, template.py, from the models); this
module only lays it out. openpyxl is imported here, when a workbook is asked for."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .columns import column_letter
from .sheets import openpyxl

HEADER_FILL = "FFF3E5E8"   # the site's red, pale
MAX_ROW = 1048576          # Excel's last row: a rule on a column covers every row a clerk adds


def _styles() -> dict[str, Any]:
    from openpyxl.styles import Alignment, Font, PatternFill

    return {"bold": Font(bold=True), "fill": PatternFill("solid", fgColor=HEADER_FILL),
            "wrap": Alignment(wrap_text=True, vertical="top"), "top": Alignment(vertical="top")}


def _text_cell(ws: Any, value: Any, style: dict[str, Any] | None = None) -> Any:
    """A cell that is text even when it starts with = (openpyxl would write a formula)."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value)
    if isinstance(value, str):
        cell.data_type = "s"
    for name, v in (style or {}).items():
        setattr(cell, name, v)
    return cell


def _width(values: Sequence[Any]) -> float:
    """A column wide enough for its longest line (a Chinese character is two wide)."""
    longest = 0
    for v in values:
        for line in str(v).split("\n"):
            longest = max(longest, sum(2 if ord(ch) > 0x2E80 else 1 for ch in line))
    return min(60, max(6, longest + 2))


def write_table(title: str, header: list[str], rows: list[list[Any]], text_columns: int = 0, wrap_last: bool = False) -> bytes:
    """One sheet: the header (bold, frozen), then the rows; the first ``text_columns``
    columns after the row number are text as given (identifying cells); the last column
    wraps when ``wrap_last`` (the errors)."""
    xl = openpyxl()
    book = xl.Workbook(write_only=True)
    ws = book.create_sheet(title)
    s = _styles()
    sample = rows[:200]
    for k, name in enumerate(header):
        values = [name] + [r[k] for r in sample if k < len(r)]
        ws.column_dimensions[column_letter(k)].width = 60 if wrap_last and k == len(header) - 1 else _width(values)
    ws.freeze_panes = "A2"
    ws.append([_text_cell(ws, name, {"font": s["bold"], "fill": s["fill"], "alignment": s["wrap"]}) for name in header])
    last = len(header) - 1
    for r in rows:
        cells = []
        for k, v in enumerate(r):
            style = {"alignment": s["wrap"]} if wrap_last and k == last else None
            cells.append(_text_cell(ws, v, style) if isinstance(v, str) or style else v)
        ws.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@dataclass
class TemplateColumn:
    header: str
    width: float = 12
    choices: list[str] = field(default_factory=list)   # a drop-down list
    number: tuple[str, float | None, float | None] | None = None   # ("whole"|"decimal", min, max)
    date: bool = False
    prompt: tuple[str, str] | None = None               # (title, text) shown when the cell is chosen
    error: tuple[str, str] | None = None                # (title, text) shown on a refused value


def write_template(title: str, columns: list[TemplateColumn], examples: list[list[Any]],
                   guide_title: str, guide: list[list[str]], lists_title: str) -> bytes:
    """The template: ``columns`` on the first sheet with their drop-downs and limits, the
    example rows, the guide (one row a column) on the second, the lists on a hidden third."""
    xl = openpyxl()
    from openpyxl.worksheet.datavalidation import DataValidation

    book = xl.Workbook()
    ws = book.active
    ws.title = title
    lists = book.create_sheet(lists_title)
    s = _styles()
    ws.append([c.header for c in columns])
    for cell in ws[1]:
        cell.font, cell.fill, cell.alignment = s["bold"], s["fill"], s["wrap"]
    ws.freeze_panes = "A2"
    for row in examples:
        ws.append(row)
    list_column = 0
    for k, c in enumerate(columns):
        letter = column_letter(k)
        ws.column_dimensions[letter].width = max(c.width, _width([c.header]))
        rng = f"{letter}2:{letter}{MAX_ROW}"
        dv = None
        if c.choices:
            # the options sit on the hidden sheet: a list typed into the rule is limited to
            # 255 characters and cannot hold a comma
            lst = column_letter(list_column)
            list_column += 1
            for n, option in enumerate(c.choices, start=1):
                lists[f"{lst}{n}"] = option
            dv = DataValidation(type="list", formula1=f"'{lists_title}'!${lst}$1:${lst}${len(c.choices)}",
                                allow_blank=True, errorStyle="warning")
        elif c.number:
            kind, low, high = c.number
            if high is not None:
                dv = DataValidation(type=kind, operator="between", formula1=_num(low or 0), formula2=_num(high), allow_blank=True)
            else:
                dv = DataValidation(type=kind, operator="greaterThanOrEqual", formula1=_num(low or 0), allow_blank=True)
        if c.date:
            for row in ws.iter_rows(min_row=2, min_col=k + 1, max_col=k + 1):
                for cell in row:
                    cell.number_format = "yyyy-mm-dd"
        if dv is not None:
            if c.prompt:
                dv.promptTitle, dv.prompt = c.prompt[0][:32], c.prompt[1][:255]
                dv.showInputMessage = True
            if c.error:
                dv.errorTitle, dv.error = c.error[0][:32], c.error[1][:255]
                dv.showErrorMessage = True
            dv.add(rng)
            ws.add_data_validation(dv)
    lists.sheet_state = "hidden"
    sheet = book.create_sheet(guide_title, 1)
    for n, row in enumerate(guide, start=1):
        sheet.append(row)
        for cell in sheet[n]:
            cell.alignment = s["wrap"]
            if n == 1:
                cell.font, cell.fill = s["bold"], s["fill"]
    for k in range(len(guide[0])):
        sheet.column_dimensions[column_letter(k)].width = min(40, _width([r[k] for r in guide]))
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _num(x: float | None) -> str:
    return "" if x is None else (str(int(x)) if float(x).is_integer() else str(x))


def as_cell(value: Any) -> Any:
    """An example's value as a cell: an ISO date becomes a date cell."""
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value
