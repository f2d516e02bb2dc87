"""Batch scoring of CSV files for HR: encodings, bad rows, unknown columns, template round-trip, CLI exit codes.
(The clerk's own files, headers, values and workbooks: tests/test_clerk.py.)"""
from __future__ import annotations

import base64
import csv
import io
import json
import os
import pathlib
import subprocess
import sys

import pytest

from calculator import score
from calculator.api import handle
from calculator.batch import item_ids, items, score_csv
from calculator.template import template_csv
from calculator.cli import main
from calculator.csvio import decode, encode
from calculator.errors import ProfileError

ROOT = pathlib.Path(__file__).resolve().parent.parent
FILES = ROOT / "tests" / "batch_files"


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def points(item: str, lang: str = "zh") -> str:
    """The output's column of an item's points."""
    label = dict(items())[item][lang]
    return f"{label}得分" if lang == "zh" else f"{label} points"


@pytest.mark.parametrize("name", ["team_utf8.csv", "team_utf8_bom.csv", "team_gbk.csv"])
def test_encodings_give_the_same_result(name):
    data = (FILES / name).read_bytes()
    text, summary = score_csv(data)
    assert summary == {"rows": 3, "ok_count": 3, "error_count": 0}
    rows = rows_of(text)
    assert list(rows[0])[:3] == ["行号", "姓名", "工号"]  # the row number, passthrough, header without BOM
    assert [(r["行号"], r["姓名"], r["总分"], r["结论"]) for r in rows] == [
        ("2", "王小明", "141", "达标"), ("3", "陈静", "169", "达标"), ("4", "刘洋", "89", "未达标")]
    assert rows[2][points("qualification")] == "0"  # 否 = salary condition not met
    assert text == score_csv((FILES / "team_utf8.csv").read_bytes())[0]


def test_fixtures_really_are_what_they_say():
    assert (FILES / "team_utf8_bom.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    gbk = (FILES / "team_gbk.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        gbk.decode("utf-8")
    assert decode(gbk).startswith("姓名")


def test_row_matches_engine():
    text, _ = score_csv((FILES / "team_utf8.csv").read_bytes())
    row = rows_of(text)[0]
    result = score({"as_of": "2026-11-21", "age": 32, "education": "bachelor_degree", "social_insurance_months": 84,
                    "insurance_base": "x1", "detention_count": 1})
    assert int(row["总分"]) == result.total
    assert {i.id: int(row[points(i.id)]) for i in result.items} == {i.id: i.points if i.counted else 0 for i in result.items}
    assert row["结论"] == "达标" and row["错误"] == ""


def test_bad_rows_get_errors_and_others_are_scored():
    text, summary = score_csv((FILES / "bad_rows.csv").read_bytes())
    assert summary == {"rows": 7, "ok_count": 2, "error_count": 5}
    rows = {r["name"]: r for r in rows_of(text)}
    assert rows["ok-1"]["总分"] == "156" and rows["ok-1"][points("shortage_major")] == "30"  # 是 = true
    assert rows["ok-3"]["总分"] == "127" and rows["ok-3"]["错误"] == ""
    assert rows["bad-age"]["总分"] == "" and rows["bad-age"]["错误"].startswith("第3行「age」列：填了“15”")
    both = rows["bad-enum-and-bool"]["错误"]
    assert "第4行「education」列" in both and "第4行「shortage_major」列" in both and " / Row 4, column" in both
    assert "「birth_date」列" in rows["both-ages"]["错误"]
    assert "「social_insurance_months」列：填了“abc”" in rows["bad-months"]["错误"]


def test_rows_as_data_from_the_bytes_beside_the_request():
    """The page transfers the file's bytes (handle's `data`) and gets the rows as data."""
    data = (FILES / "bad_rows.csv").read_bytes()
    answer = json.loads(handle(json.dumps({"op": "batch"}), data))
    assert answer["ok"], answer
    result = answer["result"]
    assert (result["rows"], result["ok_count"], result["error_count"]) == (7, 2, 5)
    assert result["id_columns"] == ["name"] and result["items"] == list(item_ids())
    assert result["verdicts"]["below"] == {"zh": "未达标", "en": "below the standard"}
    records = {r["ids"][0]: r for r in result["records"]}
    assert list(records)[:3] == ["ok-1", "bad-age", "bad-enum-and-bool"]  # the file's order
    ok = records["ok-1"]
    assert (ok["total"], ok["verdict"], ok["errors"]) == (156, "meets", [])
    assert ok["points"][result["items"].index("shortage_major")] == 30
    bad = records["bad-enum-and-bool"]
    assert bad["total"] is None and bad["verdict"] is None and bad["points"] is None
    assert {e["field"] for e in bad["errors"]} == {"education", "shortage_major"}
    assert all(e["zh"] and e["en"] for e in bad["errors"])
    assert {(e["row"], e["column"], e["found"]) for e in bad["errors"]} == {(4, "education", "phd"), (4, "shortage_major", "maybe")}
    # the file to save is the CSV the command line writes, with the messages in the page's language
    assert result["csv_text"].splitlines()[0] == score_csv(data)[0].splitlines()[0]
    assert "Row 4" not in result["csv_text"] and "第4行" in result["csv_text"]


def test_unknown_columns_refuse_the_file():
    with pytest.raises(ProfileError) as exc:
        score_csv((FILES / "unknown_column.csv").read_bytes())
    message = exc.value.errors[0]
    assert "educaton" in message["en"] and "salary" in message["en"] and "educaton" in message["zh"]
    assert "did you mean “education”" in message["en"] and "是不是「education」" in message["zh"]


def test_odd_files():
    with pytest.raises(ProfileError):
        score_csv(b"")
    with pytest.raises(ProfileError):
        score_csv("age,age\n30,31\n")
    with pytest.raises(ProfileError):
        score_csv(b"\xff\xfe\x00a")  # UTF-16 is neither UTF-8 nor GB18030-clean text
    text, summary = score_csv("age,education,,\n30,bachelor_degree,,\n,,,\n31,master,,,extra\n")
    assert summary == {"rows": 2, "ok_count": 1, "error_count": 1}  # blank row skipped, trailing empty column ignored
    assert rows_of(text)[1]["行号"] == "4"   # the blank row 3 still counts
    assert rows_of(text)[1]["错误"].startswith("第4行：E列有内容")


def test_booleans():
    for yes in ("true", "1", "yes", "Y", "是", "√"):
        assert rows_of(score_csv(f"age,shortage_major\n30,{yes}\n")[0])[0][points("shortage_major")] == "30"
    for no in ("false", "0", "no", "N", "否", "×"):
        assert rows_of(score_csv(f"age,shortage_major\n30,{no}\n")[0])[0][points("shortage_major")] == "0"


def test_template_round_trip():
    template = template_csv()
    header = next(csv.reader(io.StringIO(template)))
    assert header[:4] == ["姓名", "工号", "年龄", "出生日期"] and "社保月数" in header  # Chinese by default
    from calculator.profile import FIELDS
    assert next(csv.reader(io.StringIO(template_csv("en")))) == ["name", "id", *FIELDS]
    assert score_csv(template_csv("en"))[1]["error_count"] == 0
    text, summary = score_csv(template)
    assert summary == {"rows": 2, "ok_count": 2, "error_count": 0}, text
    assert all(r["错误"] == "" for r in rows_of(text))


def test_output_header_has_every_item():
    text, _ = score_csv("age\n30\n")
    assert list(rows_of(text)[0]) == ["行号", "总分", "结论", *(points(i) for i in item_ids()), "错误"]
    text, _ = score_csv("age\n30\n", "en")
    assert list(rows_of(text)[0]) == ["Row", "Total", "Verdict", *(points(i, "en") for i in item_ids()), "Errors"]


def test_veto_verdict():
    row = rows_of(score_csv("age,education,serious_crime\n30,doctorate,是\n")[0])[0]
    assert (row["总分"], row["结论"], row[points("education")]) == ("0", "取消资格", "0")


def test_api():
    data = (FILES / "team_gbk.csv").read_bytes()
    by_bytes = json.loads(handle(json.dumps({"op": "batch", "csv_base64": base64.b64encode(data).decode()})))
    by_text = json.loads(handle(json.dumps({"op": "batch", "csv_text": data.decode("gb18030")})))
    assert by_bytes["ok"] and by_bytes["result"] == by_text["result"]
    result = by_bytes["result"]
    assert (result["rows"], result["ok_count"], result["error_count"]) == (3, 3, 0)
    assert base64.b64decode(result["csv_base64"]) == encode(result["csv_text"])
    assert base64.b64decode(result["csv_base64"]).startswith(b"\xef\xbb\xbf")
    bad = json.loads(handle(json.dumps({"op": "batch", "csv_text": (FILES / "unknown_column.csv").read_text("utf-8")})))
    assert not bad["ok"] and bad["errors"][0]["field"] is None
    assert not json.loads(handle(json.dumps({"op": "batch"})))["ok"]
    assert not json.loads(handle(json.dumps({"op": "batch", "csv_base64": "***"})))["ok"]
    template = json.loads(handle(json.dumps({"op": "template"})))["result"]
    assert template["csv_text"] == template_csv()
    assert json.loads(handle(json.dumps({"op": "template", "lang": "en"})))["result"]["csv_text"] == template_csv("en")


def cli(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "calculator", *args], cwd=ROOT, env=env, capture_output=True, timeout=120)


def test_cli_exit_codes(tmp_path):
    out = tmp_path / "out.csv"
    proc = cli("batch", str(FILES / "bad_rows.csv"), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.decode().splitlines()[0] == "7 rows, 2 scored, 5 with errors"
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM for Excel
    assert cli("batch", str(FILES / "unknown_column.csv"), "-o", str(out)).returncode == 2
    assert cli("batch", str(tmp_path / "missing.csv")).returncode == 2
    (tmp_path / "u16.csv").write_bytes("age\n30\n".encode("utf-16"))
    proc = cli("batch", str(tmp_path / "u16.csv"))
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr
    proc = cli("batch", str(FILES / "team_gbk.csv"), "-o", "-")
    assert proc.returncode == 0 and "王小明" in proc.stdout.decode("utf-8")


def test_cli_thousand_rows(tmp_path):
    lines = ["工号,age,education,social_insurance_months,insurance_base,spouse_hukou_years"]
    edus = ["associate", "bachelor", "bachelor_degree", "master", ""]
    lines += [f"E{k:04d},{20 + k % 40},{edus[k % 5]},{k % 150},x1,{k % 12}" for k in range(1000)]
    src = tmp_path / "team.csv"
    src.write_bytes("\r\n".join(lines).encode("gbk"))
    out = tmp_path / "out.csv"
    proc = cli("batch", str(src), "-o", str(out))
    assert proc.returncode == 0 and proc.stderr.decode().strip() == "1000 rows, 1000 scored, 0 with errors"
    rows = rows_of(out.read_bytes().decode("utf-8-sig"))
    assert len(rows) == 1000 and rows[999]["工号"] == "E0999"
