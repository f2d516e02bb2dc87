"""Readable Chinese/English tables for the terminal (--format table)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, size: int) -> str:
    return text + " " * max(0, size - width(text))


def render(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    cells = [[str(c) for c in headers]] + [[str(c) for c in row] for row in rows]
    sizes = [max(width(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["  ".join(pad(c, s) for c, s in zip(row, sizes)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * s for s in sizes))
    return "\n".join(lines)


def result_table(result: dict[str, Any]) -> str:
    rows = [
        (
            f"{i['label']['zh']} ({i['id']})",
            i["points"],
            "✓" if i["counted"] else "–",
            i["article"],
            i["reason"]["zh"],
        )
        for i in result["items"]
    ]
    verdict = (
        "取消资格 Disqualified" if result["disqualified"]
        else "达标 Meets the standard" if result["meets_standard"]
        else f"未达标，还差{result['gap']}分 Below the standard by {result['gap']}"
    )
    out = [
        f"总分 Total: {result['total']} / {result['standard']}  {verdict}",
        f"申请日期 As of: {result['as_of']}   年龄 Age: {result['age']}   规则版本 Edition: {result['edition']}",
        "",
        render(("指标 Indicator", "分 Points", "计入 Counted", "条款 Article", "说明 Why"), rows),
    ]
    for note in [*result["notices"], *result.get("notes", [])]:
        out += ["", f"注意：{note['zh']}", f"Note: {note['en']}"]
    elig = result["eligibility"]
    out += ["", f"申请条件 Eligibility: {elig['status']}"]
    out += [f"  {'✓' if c['ok'] else '✗' if c['ok'] is False else '?'} {c['label']['zh']}: {c['reason']['zh']}" for c in elig["checks"]]
    return "\n".join(out)
