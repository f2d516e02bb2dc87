"""The columns of a clerk's spreadsheet: which field each header names.

A header names a field by the field's id, its full Chinese or English label, or one of the
short names the model declares for it (``fields.column_names``); or it is one of the
identifying columns (姓名, 工号 …), copied to the result untouched. Headers are compared
without spaces, with full-width letters, digits and brackets read as half-width (NFKC),
and without case, so ``Age``, ``ＡＧＥ`` and ``年龄（周岁）`` all name the age.

Two columns naming the same field, and a column naming nothing known, refuse the file:
a misspelt column would otherwise be left at its default without a word.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .errors import FieldError, ProfileError
from .fields import column_names, meta
from .profile import FIELDS, Profile
from .text import Text, t
from .values import squeeze

# Copied to the result as they are; never read as a field.
ID_COLUMNS = ("姓名", "工号", "编号", "部门", "id", "name")


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: the column as Excel shows it."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def short_name(name: str) -> Text:
    """The column a template writes for a field: in Chinese its label when that is a few
    characters without a bracketed note (出生日期, 申请日期), else its first declared short
    name (学历, 社保月数); in English the field's id, which never wraps in a header."""
    m = meta(Profile, name)
    label = m["x-label"]["zh"]
    aliases = m.get("x-aliases", [])
    plain = len(label) <= 6 and "(" not in squeeze(label)
    return t(label if plain or not aliases else aliases[0], name)


@cache
def known_names() -> dict[str, str]:
    """Every way to write a header, squeezed -> the field id ('' for an identifying column)."""
    names: dict[str, str] = {}
    for field in FIELDS:
        for word in column_names(Profile, field):
            key = squeeze(word)
            if names.setdefault(key, field) != field:
                raise ValueError(f"the column name {word!r} names both {names[key]} and {field}")
    for word in ID_COLUMNS:
        key = squeeze(word)
        if key in names:
            raise ValueError(f"the identifying column {word!r} is also a field's name")
        names[key] = ""
    return names


@dataclass(frozen=True)
class Column:
    index: int            # position in the row
    name: str             # as the file writes it
    field: str | None     # the profile field; None for an identifying column

    @property
    def letter(self) -> str:
        return column_letter(self.index)


def _file_error(kind: str, zh: str, en: str) -> FieldError:
    return {"field": None, "type": kind, "zh": zh, "en": en}


def _distance(a: str, b: str) -> int:
    """Edits (insert, delete, replace) from a to b. (Not difflib: its module would add to
    what every first visit downloads, for a message few files need.)"""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def _suggestion(name: str) -> str | None:
    """The known header closest to a misspelt one (educaton -> education, 社保月份 -> 社保月数):
    one edit in four characters at most, and only when no other name is as close."""
    key = squeeze(name)
    words = [w for f in FIELDS for w in column_names(Profile, f)] + list(ID_COLUMNS)
    scored = sorted((_distance(key, squeeze(w)), w) for w in words)
    best, word = scored[0]
    tied = len(scored) > 1 and scored[1][0] == best and squeeze(scored[1][1]) != squeeze(word)
    return word if 0 < best <= max(1, len(key) // 4) and not tied else None


def match_header(header: list[str], has_data: list[bool], header_row: int = 1) -> list[Column]:
    """The columns of ``header`` (cells as written) that are read; ``has_data[k]``: some
    row has a value in column k. A nameless column without data (Excel's trailing commas)
    is left out. Raises ProfileError naming every unknown and every repeated column."""
    names = known_names()
    columns: list[Column] = []
    unknown: list[tuple[int, str]] = []
    for k, raw in enumerate(header):
        name = raw.strip()
        if not name:
            if k < len(has_data) and has_data[k]:
                unknown.append((k, ""))
            continue
        key = squeeze(name)
        if key not in names:
            unknown.append((k, name))
            continue
        columns.append(Column(k, name, names[key] or None))
    errors: list[FieldError] = []
    if unknown:
        zh_items, en_items = [], []
        for k, name in unknown:
            if not name:
                zh_items.append(f"{column_letter(k)}列（有数据但没有列名）")
                en_items.append(f"column {column_letter(k)} (data but no name)")
                continue
            near = _suggestion(name)
            zh_items.append(f"「{name}」" + (f"（是不是「{near}」？）" if near else ""))
            en_items.append(f"“{name}”" + (f" (did you mean “{near}”?)" if near else ""))
        errors.append(_file_error(
            "unknown_columns",
            f"第{header_row}行的列名中有不认识的列：" + "、".join(zh_items)
            + "。列名可写字段的中文名、简称或字段名（如 年龄、学历、社保月数，见模板），或 " + "、".join(ID_COLUMNS)
            + "；用不到的列请删除。",
            f"unknown columns in the header (row {header_row}): " + ", ".join(en_items)
            + ". Name a column by the field's Chinese name, short name or id (e.g. age, education, "
              "social_insurance_months; see the template), or " + ", ".join(ID_COLUMNS) + "; delete columns you do not need.",
        ))
    by_target: dict[str, list[Column]] = {}
    for c in columns:
        by_target.setdefault(c.field or "\0" + squeeze(c.name), []).append(c)
    for target, same in by_target.items():
        if len(same) < 2:
            continue
        listed_zh = "和".join(f"「{c.name}」（{c.letter}列）" for c in same)
        listed_en = " and ".join(f"“{c.name}” (column {c.letter})" for c in same)
        if target.startswith("\0"):
            zh, en = f"{listed_zh}是同一列名，只留一列", f"{listed_en} are the same column; keep one"
        else:
            label = meta(Profile, target)["x-label"]
            zh = f"{listed_zh}都是“{label['zh']}”，只留一列"
            en = f"{listed_en} both give “{label['en']}”; keep one"
        errors.append(_file_error("repeated_column", zh, en))
    if errors:
        raise ProfileError(errors)
    return columns
