"""Batch scoring for HR: one profile per CSV row, the results as a CSV Excel opens.

Input: the first row names the columns with the contract's field names (see
``template_csv()``); each later row is one person. An optional identifying column —
``id``, ``name``, ``姓名``, ``工号`` or ``编号`` — is copied to the output untouched.
A column with any other name is a file-level error (the whole file is refused, naming
the columns), since a misspelt field would otherwise be silently left at its default.
Columns with an empty header and no data (Excel's trailing commas) are ignored, and so
are rows whose cells are all empty.

Output columns: the identifying columns, ``total``, ``meets_standard``,
``disqualified``, ``verdict`` (达标 / 未达标 / 取消资格), ``points_<item id>`` for every
indicator in the 办法's order (the points that went into the total; 0 when not
counted), and ``errors``: a refused row gets "field: 中文 / English; ..." there and
empty scores, and the other rows are scored all the same.

``score_file`` gives the same as data (the page's preview); ``to_csv`` writes it.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from . import csvio
from .engine import score
from .errors import ProfileError, request_error
from .profile import FIELDS, OPTIONS
from .result import Result
from .text import t

ID_COLUMNS = ("id", "name", "姓名", "工号", "编号")
VERDICTS = {"meets": t("达标", "meets the standard"), "below": t("未达标", "below the standard"), "vetoed": t("取消资格", "disqualified")}


@cache
def item_ids() -> tuple[str, ...]:
    """The indicator ids in the 办法's order, read from the engine itself."""
    return tuple(i.id for i in score({"age": 30}).items)


def out_header(ids: list[str]) -> list[str]:
    return [*ids, "total", "meets_standard", "disqualified", "verdict", *(f"points_{i}" for i in item_ids()), "errors"]


def _check_header(header: list[str], rows: list[list[str]]) -> list[int]:
    """Indexes of the columns to drop (nameless and empty); refuses unknown or repeated names."""
    drop = [k for k, name in enumerate(header) if not name and not any(k < len(r) and r[k].strip() for r in rows)]
    named = [name for k, name in enumerate(header) if k not in drop]
    unknown = [name or f"#{k + 1}" for k, name in enumerate(header)
               if k not in drop and name not in FIELDS and name not in ID_COLUMNS]
    if unknown:
        raise ProfileError([{
            "field": None, "type": "csv_unknown_columns",
            "zh": "文件中有不认识的列:" + "、".join(unknown) + "。列名须为字段名(见模板)或 " + "/".join(ID_COLUMNS),
            "en": "unknown columns in the file: " + ", ".join(unknown) + ". Column names must be field names (see the template) or "
                  + "/".join(ID_COLUMNS),
        }])
    repeated = sorted({n for n in named if named.count(n) > 1})
    if repeated:
        raise request_error("列名重复:" + "、".join(repeated), "repeated columns: " + ", ".join(repeated))
    return drop


def _record(ids: list[str], result: Result | None, errors: list[dict[str, Any]]) -> dict[str, Any]:
    """One row as data: its identifying cells, the scores (None when refused) and the errors."""
    if result is None:
        return {"ids": ids, "total": None, "meets_standard": None, "disqualified": None, "verdict": None,
                "points": None, "errors": errors}
    counted = {i.id: i.points if i.counted else 0 for i in result.items}
    verdict = "vetoed" if result.disqualified else "meets" if result.meets_standard else "below"
    return {"ids": ids, "total": result.total, "meets_standard": result.meets_standard, "disqualified": result.disqualified,
            "verdict": verdict, "points": [counted.get(i, 0) for i in item_ids()], "errors": []}


def score_file(data: bytes | str) -> dict[str, Any]:
    """Score every row of a CSV file, as data.

    Returns ``{id_columns, items, verdicts, records, rows, ok_count, error_count}``: the
    identifying columns the file has, the item ids in the 办法's order (``records[k].points``
    follows it), the verdict labels by id, and one record a row (see ``_record``). A file
    that cannot be read (encoding, no header, unknown columns) raises ProfileError.
    """
    header, rows = csvio.read_rows(csvio.decode(data))
    drop = _check_header(header, rows)
    keep = [k for k in range(len(header)) if k not in drop]
    names = [header[k] for k in keep]
    ids = [n for n in names if n in ID_COLUMNS]
    records = []
    for row in rows:
        cells = [row[k] if k < len(row) else "" for k in keep]
        passthrough = [cells[names.index(n)] for n in ids]
        extra = [c for k, c in enumerate(row) if k >= len(header) and c.strip()]
        try:
            if extra:
                raise request_error(f"这一行比表头多出{len(extra)}个单元格", f"the row has {len(extra)} more cells than the header")
            records.append(_record(passthrough, score(csvio.profile_of(names, cells)), []))
        except ProfileError as exc:
            records.append(_record(passthrough, None, list(exc.errors)))
    ok = sum(1 for r in records if not r["errors"])
    return {"id_columns": ids, "items": list(item_ids()), "verdicts": VERDICTS, "records": records,
            "rows": len(records), "ok_count": ok, "error_count": len(records) - ok}


def _csv_row(record: dict[str, Any]) -> list[Any]:
    if record["errors"]:
        text = "; ".join(f"{e['field'] or 'row'}: {e['zh']} / {e['en']}" for e in record["errors"])
        return [*record["ids"], "", "", "", "", *("" for _ in item_ids()), text]
    return [*record["ids"], record["total"], str(record["meets_standard"]).lower(), str(record["disqualified"]).lower(),
            VERDICTS[record["verdict"]]["zh"], *record["points"], ""]


def to_csv(scored: dict[str, Any]) -> str:
    """The output CSV (no BOM) of ``score_file``'s answer: write it with ``csvio.encode`` for Excel."""
    return csvio.write(out_header(scored["id_columns"]), [_csv_row(r) for r in scored["records"]])


def score_csv(data: bytes | str) -> tuple[str, dict[str, int]]:
    """Score every row; returns (the output CSV text, {rows, ok_count, error_count}).

    The text has no BOM: write it with ``csvio.encode`` to get the UTF-8-with-BOM file.
    A file that cannot be read (encoding, no header, unknown columns) raises ProfileError.
    """
    scored = score_file(data)
    return to_csv(scored), {k: scored[k] for k in ("rows", "ok_count", "error_count")}


EXAMPLES: tuple[dict[str, Any], ...] = (
    {"name": "张三", "age": 30, "education": "bachelor_degree", "social_insurance_months": 36, "insurance_base": "x1"},
    {"name": "李四", "birth_date": "1988-05-01", "qualification": "intermediate_title", "qualification_salary_ok": "是",
     "social_insurance_months": 60, "spouse_hukou_years": 3, "suburb_years": 6},
)


def template_csv() -> str:
    """The header (``name`` then every profile field, in the model's order) and two example rows (no BOM)."""
    header = ["name", *FIELDS]
    for example in EXAMPLES:  # the examples must use real fields and options
        assert set(example) <= set(header), set(example) - set(header)
        assert all(example[f] in OPTIONS[f] for f in example if f in OPTIONS)
    return csvio.write(header, [[example.get(n, "") for n in header] for example in EXAMPLES])
