"""A clerk's file as rows of text, whatever it is: a CSV (UTF-8, with or without BOM, or
GBK) or an Excel workbook (.xlsx, its first sheet or the one asked for).

Every cell becomes the text the clerk sees, so the model reads a workbook's cells exactly
as it reads a CSV's, and the JSON API stays strict: a number cell 1.0 is "1" (a tier
typed as 1), 38 is "38", 0.8 is "0.8"; a date cell is its date (1988-05-01); TRUE is
"TRUE". Each row keeps its number as Excel shows it (the header's row is 1 when the sheet
starts there), counting empty rows, which are then skipped.

openpyxl is imported only when a workbook arrives: in the browser it is installed on
demand, and ``WorkbookReaderMissing`` says so (the worker installs it and asks again).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from . import csvio
from .errors import ProfileError, request_error

ZIP_MAGIC = b"PK\x03\x04"          # an .xlsx is a zip
OLE_MAGIC = b"\xd0\xcf\x11\xe0"     # the old binary .xls (and .et) format


class WorkbookReaderMissing(ProfileError):
    """openpyxl is not installed here (the browser installs it on demand)."""

    def __init__(self) -> None:
        super().__init__([{
            "field": None, "type": "needs_package",
            "zh": "读取 Excel 文件的组件还没有安装", "en": "the Excel workbook reader is not installed",
        }])


@dataclass
class Table:
    """Rows of text with their row numbers; the first non-empty row is the header."""

    header_row: int
    header: list[str]
    rows: list[tuple[int, list[str]]]          # (row number as Excel shows it, cells), empty rows left out
    format: str = "csv"                        # "csv" | "xlsx"
    sheets: list[str] = field(default_factory=list)   # a workbook's sheet names
    sheet: str | None = None                   # the sheet read
    skipped: int = 0                           # empty rows after the header, skipped


def openpyxl() -> Any:
    try:
        import openpyxl as module
    except ImportError:
        raise WorkbookReaderMissing() from None
    return module


def cell_text(value: Any) -> str:
    """A workbook cell as the clerk sees it (see the module's docstring)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return f"{value:.15g}"   # 0.1 + 0.2 in a formula shows as 0.3
    if isinstance(value, dt.datetime):
        if (value.hour, value.minute, value.second, value.microsecond) == (0, 0, 0, 0):
            return value.date().isoformat()
        return value.isoformat(" ", "seconds")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _table(numbered: list[tuple[int, list[str]]], **kw: Any) -> Table:
    """The header (first non-empty row) and the non-empty rows after it."""
    filled = [(n, cells) for n, cells in numbered if any(c.strip() for c in cells)]
    if not filled:
        raise request_error("文件是空的：第一行须为列名（见模板），以下每行一名员工",
                            "the file is empty: the first row must name the columns (see the template), then one person a row")
    header_row, header = filled[0]
    rows = filled[1:]
    skipped = sum(1 for n, _ in numbered if n > header_row) - len(rows)
    return Table(header_row, [c.strip() for c in header], rows, skipped=max(0, skipped), **kw)


def read_csv(data: bytes | str) -> Table:
    text = csvio.decode(data)
    return _table(list(enumerate(csvio.records(text), start=1)), format="csv")


def read_xlsx(data: bytes, sheet: str | None = None) -> Table:
    xl = openpyxl()
    try:
        book = xl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign zip
        raise request_error(f"无法读取这个 Excel 文件（{type(exc).__name__}）：请在 Excel 中另存为 .xlsx 后再试",
                            f"cannot read this Excel file ({type(exc).__name__}): save it again as .xlsx in Excel") from None
    try:
        names = [ws.title for ws in book.worksheets]
        if not names:
            raise request_error("这个 Excel 文件里没有工作表", "the workbook has no worksheet")
        if sheet is None:
            ws = book.worksheets[0]
        elif sheet in names:
            ws = book.worksheets[names.index(sheet)]
        else:
            raise request_error(f"没有名为「{sheet}」的工作表：有 " + "、".join(names),
                                f"no sheet called “{sheet}”: the workbook has " + ", ".join(names))
        ws.reset_dimensions()   # some writers store a wrong size; read every row there is
        numbered = [(n, [cell_text(v) for v in row])
                    for n, row in enumerate(ws.iter_rows(min_row=1, values_only=True), start=1)]
    finally:
        book.close()
    return _table(numbered, format="xlsx", sheets=names, sheet=ws.title)


def read_table(data: bytes | str, sheet: str | None = None) -> Table:
    """The file's rows, read by what it is (a workbook is a zip), not by its name."""
    if isinstance(data, bytes) and data.startswith(ZIP_MAGIC):
        return read_xlsx(data, sheet)
    if isinstance(data, bytes) and data.startswith(OLE_MAGIC):
        raise request_error("这是旧版 Excel（.xls）文件：请在 Excel 中“另存为”Excel 工作簿（.xlsx）或 CSV 后再选",
                            "this is an old Excel file (.xls): in Excel, “Save As” Excel Workbook (.xlsx) or CSV, then choose that")
    return read_csv(data)


async def install_reader(stdlib_zip: str | None, wheels: list[str]) -> None:
    """The browser's install of the workbook reader, once micropip is in site-packages (the
    worker has fetched and checked every file): the standard-library modules it needs
    beyond the first page's (a zip put on the path), then ``wheels`` (paths in the
    runtime's file system) installed by micropip from those files alone: no index is asked,
    nothing leaves the device."""
    import importlib
    import sys

    if stdlib_zip and stdlib_zip not in sys.path:
        sys.path.append(stdlib_zip)
        importlib.invalidate_caches()
        _extend_packages(stdlib_zip)
    import micropip

    await micropip.install([f"emfs:{path}" for path in wheels], deps=False)
    importlib.invalidate_caches()


def _extend_packages(extra: str) -> None:
    """A package of the first page's standard library (pyodide, importlib, xml …) looks for
    its submodules in its own folder only: where the extra zip has more of it (pyodide.http),
    the package's path gets that folder of the zip too."""
    import importlib
    import sys
    import zipfile

    base = next(p for p in sys.path if p.endswith(".zip") and p != extra)
    with zipfile.ZipFile(base) as z:
        first = set(z.namelist())
    with zipfile.ZipFile(extra) as z:
        parts = [name.split("/")[:-1] for name in z.namelist()]
        folders = sorted({"/".join(p[:k]) for p in parts for k in range(1, len(p) + 1)})
    for folder in folders:
        if f"{folder}/__init__.pyc" in first or f"{folder}/__init__.py" in first:
            package = importlib.import_module(folder.replace("/", "."))
            if f"{extra}/{folder}" not in package.__path__:
                package.__path__.append(f"{extra}/{folder}")
