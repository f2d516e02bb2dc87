"""CSV in and out for batch files: decoding what Excel writes, and writing what it opens.

- Bytes are decoded as UTF-8 (with or without BOM), else as GB18030, which covers the
  GBK files Excel writes on Chinese Windows. Text is taken as it is.
- Output is UTF-8 with a BOM (``encode``): without the BOM, Excel on Windows reads
  UTF-8 as the local code page and garbles the Chinese.
- Cells stay text: the model reads them (values.py, options.py, dates.py), as it reads
  every other entry point's values.
"""

from __future__ import annotations

import base64
import binascii
import csv
import io
from typing import Any

from .errors import request_error

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
    raise request_error("无法识别文件编码：请另存为UTF-8或GBK编码的CSV", "cannot decode the file: save it as CSV in UTF-8 or GBK")


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


def records(text: str) -> list[list[str]]:
    """Every record of the CSV, empty ones included, so that a record's position is its row
    number as Excel shows it (a quoted line break stays inside its cell's row)."""
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise request_error(f"CSV格式有误：{exc}", f"the CSV is malformed: {exc}") from None


def write(header: list[str], rows: list[list[Any]]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()

