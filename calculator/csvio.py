"""CSV in and out for batch files: decoding what Excel writes, cells to profile values, and back.

- Bytes are decoded as UTF-8 (with or without BOM), else as GB18030, which covers the
  GBK files Excel writes on Chinese Windows. Text is taken as it is.
- Output is UTF-8 with a BOM (``encode``): without the BOM, Excel on Windows reads
  UTF-8 as the local code page and garbles the Chinese.
- Cells: empty = the field's default (the cell is left out of the profile);
  booleans accept true/false, 1/0, yes/no, y/n, 是/否 (any case);
  everything else goes to the engine as text, which parses and checks it.
"""

from __future__ import annotations

import base64
import binascii
import csv
import io
from typing import Any

from .errors import request_error
from .fields import kind
from .profile import FIELDS, Profile

TRUE = {"true", "1", "yes", "y", "是", "t"}
FALSE = {"false", "0", "no", "n", "否", "f"}
BOM = "\ufeff"


def decode(data: bytes | str) -> str:
    """Bytes → text: UTF-8 (BOM optional), else GB18030 (a superset of GBK); refused if neither fits."""
    if isinstance(data, str):
        return data.removeprefix(BOM)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise request_error("无法识别文件编码:请另存为UTF-8或GBK编码的CSV", "cannot decode the file: save it as CSV in UTF-8 or GBK")


def from_base64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise request_error("csv_base64 须为字符串", "csv_base64 must be a string")
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise request_error("csv_base64 不是有效的base64", "csv_base64 is not valid base64") from None


def encode(text: str) -> bytes:
    """Text → the bytes of the file to save: UTF-8 with a BOM, so Excel opens it."""
    return (BOM + text).encode("utf-8")


def read_rows(text: str) -> tuple[list[str], list[list[str]]]:
    """The header (cells stripped) and the data rows; rows whose cells are all empty are skipped."""
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise request_error(f"CSV格式有误:{exc}", f"the CSV is malformed: {exc}") from None
    if not rows or not any(c.strip() for c in rows[0]):
        raise request_error("文件是空的,第一行须为字段名", "the file is empty; the first row must hold the field names")
    header = [c.strip() for c in rows[0]]
    return header, [r for r in rows[1:] if any(c.strip() for c in r)]


def cell_value(name: str, cell: str) -> Any:
    """One cell → the value given to the engine (booleans are read here, the rest by the engine)."""
    value = cell.strip()
    if kind(Profile, name) == "boolean":
        low = value.lower()
        if low in TRUE:
            return True
        if low in FALSE:
            return False
    return value


def profile_of(header: list[str], row: list[str]) -> dict[str, Any]:
    """A row → profile dict: known fields with non-empty cells only."""
    return {name: cell_value(name, cell) for name, cell in zip(header, row) if name in FIELDS and cell.strip()}


def write(header: list[str], rows: list[list[Any]]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()

