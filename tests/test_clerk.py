"""The HR clerk's own spreadsheets (tests/files/clerk/, written by make_files.py there):
every header a clerk writes, every value, units, full-width digits, date cells and typed
dates, ambiguous words, empty and 合计 rows, .xlsx in and out, the template with its
drop-downs. Through the command line (calculator.cli.main) and the API (calculator.api).

Each expected total is worked by hand from the rulebook (/work/shared/policy/rules.md)
in the comment beside it, never taken from the engine. Rule figures used:
age ≤43: 30, then 2 fewer a year (45: 27, 46: 25, 56: 5); education associate 50,
bachelor 60, bachelor_degree 90, master 100, doctorate 110; qualification skill_4 30,
skill_2 100, senior_title 140 (only the higher of education and qualification counts);
social insurance 3 per full 12 months; insurance base x0.8 25, x1 50, x2 100, x3 120;
shortage major 30; fresh graduate 10; spouse 4 a year, at most 40.
"""
from __future__ import annotations

import base64
import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest

from calculator.api import call, handle
from calculator.batch import score_file
from calculator.cli import main
from calculator.columns import ID_COLUMNS, known_names, short_name
from calculator.fields import column_names, kind
from calculator.profile import CHOICES, FIELDS, Profile
from calculator.template import option_words, template_xlsx
from calculator.values import NO, YES

CLERK = Path(__file__).resolve().parent / "files" / "clerk"

# (file, row as Excel numbers it) -> the total, by hand; or the column of the row's error
EXPECTED = {
    "team_gbk.csv": {
        2: 191,   # 王小明: 32岁 -> 30; 本科学士 90; 84个月 = 7 full years × 3 = 21; 1倍 50; 紧缺 否 0
        3: 312,   # 陈静: 45 -> 27; 高级职称 140 beats 硕士 100; 5年 = 60个月 -> 15; 2倍 100; 紧缺 是 30
        4: 119,   # 刘洋: 28 -> 30; 大专 50 beats 中级工 30; 36 -> 9; 社保基数 empty 0; √ 30
        5: 185,   # 孙丽: 40 -> 30; 二级 (技师) 100 beats 专科 50; 120 -> 30; 0.8倍 25; × 0
        6: "学历",  # 赵敏: 本科 alone is ambiguous
        # row 7 is empty: skipped
        8: "职称",  # 周杰: 中级 alone is ambiguous
        9: "姓名",  # 合计
    },
    "team_bom.csv": {
        2: 161,   # 钱一: born 1988-05-01, 38 on 2026-11-21 -> 30; 本科无学位 60; ３６ -> 9; 1倍 50; spouse 3 × 4 = 12
        3: 245,   # 孙二: born 1970-01-15, 56 on 2026-11-21 -> 5; 高级职称 140 beats 博士 110; 240 -> 60; spouse 12 years -> 40 (cap)
        4: "出生日期",  # 1988/2/30 is no date
    },
    "team.xlsx": {
        2: 192,   # 吴一: 35 -> 30; 硕士 100; 48 -> 12; tier typed 1 -> 1倍 50; 应届生 FALSE 0
        3: 253,   # 郑二: 26.0 -> 30; 学士 90; 12.0 -> 3; tier typed 3 -> 120; 应届生 是 10
        # row 4 is empty: skipped
        5: 180,   # 冯三: 46岁 -> 25; 研究生 100 = 技师 100 -> 100; 10年 = 120个月 -> 30; tier typed 0.8 -> 25
        6: "最高学历",  # 陈四: 本科
        7: "姓名",  # 合计
    },
}


def by_row(scored: dict) -> dict[int, object]:
    return {r["row"]: r["total"] if not r["errors"] else r["errors"][0]["column"] for r in scored["records"]}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_clerk_files_through_the_api(name):
    data = (CLERK / name).read_bytes()
    answer = json.loads(handle(json.dumps({"op": "batch", "formats": []}), data))
    assert answer["ok"], answer
    assert by_row(answer["result"]) == EXPECTED[name]
    assert answer["result"]["format"] == ("xlsx" if name.endswith(".xlsx") else "csv")
    as_base64 = call({"op": "batch", "file_base64": base64.b64encode(data).decode(), "formats": []})["result"]
    assert by_row(as_base64) == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_clerk_files_through_the_command_line(name, suffix, tmp_path):
    out, err = io.StringIO(), io.StringIO()
    target = tmp_path / f"out{suffix}"
    assert main(["batch", str(CLERK / name), "-o", str(target)], out, err) == 0, err.getvalue()
    rows = read_back(target)
    got = {int(r["行号"]): int(r["总分"]) if r["总分"] not in ("", None) else r["错误"] for r in rows}
    for row, want in EXPECTED[name].items():
        if isinstance(want, int):
            assert got[row] == want, (row, got[row])
        else:  # the cell's message in both languages, naming the row and the column
            assert got[row].startswith(f"第{row}行「{want}」列：") and f" / Row {row}, column “{want}”: " in got[row]
    errors = err.getvalue().splitlines()
    assert len(errors) == 1 + sum(1 for w in EXPECTED[name].values() if isinstance(w, str))


def read_back(path: Path) -> list[dict]:
    if path.suffix == ".xlsx":
        ws = openpyxl.load_workbook(path).worksheets[0]
        values = [["" if v is None else v for v in row] for row in ws.iter_rows(values_only=True)]
        return [dict(zip(values[0], row)) for row in values[1:]]
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def test_messages_say_what_was_found_and_the_fix():
    scored = score_file((CLERK / "team_gbk.csv").read_bytes())
    errors = {r["row"]: r["errors"] for r in scored["records"] if r["errors"]}
    assert [e["zh"] for e in errors[6]] == ["第6行「学历」列：“本科”不清楚指哪一项：写 本科学士 或 本科无学位"]
    assert errors[6][0]["en"].startswith("Row 6, column “学历”: “本科” is ambiguous: write 本科学士")
    assert errors[8][0]["zh"] == "第8行「职称」列：“中级”不清楚指哪一项：写 中级职称 或 中级工"
    assert errors[9][0]["zh"] == "第9行「姓名」列：“合计”是合计行，不是一名员工：请删去这一行"
    assert errors[9][0]["en"] == "Row 9, column “姓名”: “合计” is a total row, not a person: delete the row"
    assert (scored["rows"], scored["ok_count"], scored["error_count"], scored["skipped_rows"]) == (7, 4, 3, 1)
    bom = score_file((CLERK / "team_bom.csv").read_bytes())
    (bad,) = [r for r in bom["records"] if r["errors"]]
    assert bad["errors"][0]["zh"].startswith("第4行「出生日期」列：填了“1988/2/30”，1988年2月没有30日")
    assert bad["errors"][0]["found"] == "1988/2/30"


def test_a_refused_cell_is_quoted_as_written():
    scored = score_file("姓名,年龄\n甲,１５\n")
    (error,) = scored["records"][0]["errors"]
    assert error["zh"] == "第2行「年龄」列：填了“１５”，须为16到100之间的整数" and error["found"] == "１５"


def test_the_sheet_a_user_picks():
    data = (CLERK / "two_sheets.xlsx").read_bytes()
    first = call({"op": "batch", "file_base64": base64.b64encode(data).decode()})
    assert not first["ok"]
    assert first["errors"][-1]["type"] == "other_sheets" and "名单" in first["errors"][-1]["zh"]
    picked = call({"op": "batch", "file_base64": base64.b64encode(data).decode(), "sheet": "名单", "formats": []})["result"]
    assert picked["sheets"] == ["封面", "名单"] and picked["sheet"] == "名单"
    # B001: born 1990-03-08, 36 -> 30; 本科学士 90; 60 -> 15; 2倍 100 = 235
    # B002: born 1995-07-01, 31 -> 30; 硕士 100; 24 -> 6; tier typed 2 -> 100 = 236
    assert by_row(picked) == {2: 235, 3: 236}
    out, err = io.StringIO(), io.StringIO()
    assert main(["batch", str(CLERK / "two_sheets.xlsx"), "--sheet", "名单"], out, err) == 0
    assert "2 rows (sheet 名单), 2 scored" in err.getvalue()
    assert not call({"op": "batch", "file_base64": base64.b64encode(data).decode(), "sheet": "无此表"})["ok"]


# ---------------------------------------------------------------- every header


def header_cases() -> list[tuple[str, str]]:
    return [(field, name) for field in FIELDS for name in column_names(Profile, field)]


SAMPLE = {"integer": "3", "number": "12", "boolean": "是", "date": "2026-11-21"}


def sample(field: str) -> str:
    if field in CHOICES:
        return "x1" if field == "insurance_base" else list(CHOICES[field].options)[1]
    if field == "age":
        return "30"
    if field == "insured_months_last_12":
        return "6"
    return SAMPLE[kind(Profile, field)]


@pytest.mark.parametrize(("field", "name"), header_cases())
def test_every_column_name(field, name):
    """The id, both labels and every declared short name; spaced out, full-width and in
    another case too."""
    age = [] if field in ("age", "birth_date") else [("年龄", "30")]
    cell = "1990-01-01" if field == "birth_date" else sample(field)
    for header in {name, " ".join(name), name.upper(), name.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)})}:
        text = csv_of([("姓名", "甲"), (header, cell), *age])
        result = call({"op": "batch", "csv_text": text, "formats": []})
        assert result["ok"], (header, result)
        assert result["result"]["ok_count"] == 1, (header, result["result"]["records"])
    out, err = io.StringIO(), io.StringIO()
    assert main(["batch", "-"], out, err, FakeStdin(csv_of([(name, cell), *age]))) == 0
    assert "1 rows, 1 scored" in err.getvalue()


def csv_of(columns: list[tuple[str, str]]) -> str:
    """A header and one row, quoted as Excel quotes them (a label may hold a comma)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow([h for h, _ in columns])
    writer.writerow([v for _, v in columns])
    return out.getvalue()


class FakeStdin(io.StringIO):
    """Standard input as text (the command line reads bytes when it can, text otherwise)."""


def test_the_headers_the_clerk_writes():
    want = {"年龄": "age", "出生日期": "birth_date", "学历": "education", "最高学历": "education", "教育背景": "education",
            "职称": "qualification", "技能等级": "qualification", "职称或技能等级": "qualification",
            "社保月数": "social_insurance_months", "社保缴纳月数": "social_insurance_months",
            "在沪社保月数": "social_insurance_months", "社保基数": "insurance_base", "社保基数档次": "insurance_base",
            "缴费基数档次": "insurance_base", "申请日期": "as_of"}
    names = known_names()
    from calculator.values import squeeze

    assert {n: names[squeeze(n)] for n in want} == want
    assert all(names[squeeze(n)] == "" for n in ("姓名", "工号", "编号", "部门", "ID", "Name"))


def test_two_columns_for_one_field_name_both():
    answer = call({"op": "batch", "csv_text": "姓名,学历,教育背景(最高学历学位)\n甲,硕士,博士\n"})
    assert not answer["ok"]
    (e,) = answer["errors"]
    assert "「学历」（B列）" in e["zh"] and "「教育背景(最高学历学位)」（C列）" in e["zh"] and "只留一列" in e["zh"]
    assert "“学历” (column B)" in e["en"] and "keep one" in e["en"]


def test_unknown_columns_are_short_and_bilingual():
    answer = call({"op": "batch", "csv_text": "姓名,社保月份,手机号,,age\n甲,30,139,x,30\n"})
    assert not answer["ok"]
    (e,) = answer["errors"]
    assert "「社保月份」（是不是「社保月数」？）" in e["zh"] and "「手机号」" in e["zh"] and "D列（有数据但没有列名）" in e["zh"]
    assert "“社保月份” (did you mean “社保月数”?)" in e["en"] and "column D (data but no name)" in e["en"]
    assert "模板" in e["zh"] and "template" in e["en"] and len(e["zh"]) < 200


# ---------------------------------------------------------------- every value


def choice_words() -> list[tuple[str, str, str]]:
    out = []
    for field, c in CHOICES.items():
        for value, option in c.options.items():
            for word in {value, option.label["zh"], option.label["en"], *option.aliases}:
                out.append((field, value, word))
    return out


@pytest.mark.parametrize("field", sorted(CHOICES))
def test_every_option_word_on_the_command_line_and_the_api(field, tmp_path):
    words = [(v, w) for f, v, w in choice_words() if f == field]
    header = f"姓名,年龄,{short_name(field)['zh']}"
    text = header + "\n" + "".join(f"{k},30,\"{w}\"\n" for k, (_, w) in enumerate(words))
    src = tmp_path / "words.csv"
    src.write_bytes(text.encode("utf-8"))
    out, err = io.StringIO(), io.StringIO()
    assert main(["batch", str(src), "-o", str(tmp_path / "out.csv")], out, err) == 0
    assert f"{len(words)} rows, {len(words)} scored, 0 with errors" in err.getvalue(), err.getvalue()
    for k, (value, word) in enumerate(words):
        profile = {"age": 30, field: word}
        by_word = call({"op": "score", "profile": profile})
        by_id = call({"op": "score", "profile": {"age": 30, field: value}})
        assert by_word["ok"] and by_word["result"]["total"] == by_id["result"]["total"], (word, value)


AMBIGUOUS = [("education", "本科", "写 本科学士 或 本科无学位"), ("qualification", "中级", "写 中级职称 或 中级工"),
             ("qualification", "高级", "写 高级职称、高级工 或 高级技师")]


@pytest.mark.parametrize(("field", "word", "fix"), AMBIGUOUS)
def test_ambiguous_words_are_asked_never_guessed(field, word, fix, tmp_path):
    column = short_name(field)["zh"]
    src = tmp_path / "a.csv"
    src.write_bytes(f"姓名,年龄,{column}\n甲,30,{word}\n乙,30, {word} \n".encode("gbk"))
    out, err = io.StringIO(), io.StringIO()
    assert main(["batch", str(src), "-o", "-"], out, err) == 0
    assert f"第2行「{column}」列：“{word}”不清楚指哪一项：{fix}" in err.getvalue()
    assert f"第3行「{column}」列：“{word}”不清楚指哪一项" in err.getvalue()
    answer = call({"op": "score", "profile": {"age": 30, field: word}})
    assert not answer["ok"] and answer["errors"][0]["type"] == "choice_ambiguous"
    assert fix in answer["errors"][0]["zh"]


@pytest.mark.parametrize("word", sorted(YES | NO))
def test_yes_and_no_words(word):
    text = f"姓名,年龄,紧缺专业\n甲,30,{word}\n"
    record = call({"op": "batch", "csv_text": text, "formats": []})["result"]["records"][0]
    assert not record["errors"], record
    # shortage major: 30 points when yes (rulebook), 0 when no
    shortage_major = 6   # its place in the 办法's order of items
    assert record["points"][shortage_major] == (30 if word in YES else 0)


@pytest.mark.parametrize(("column", "cell", "points_index", "want"), [
    ("年龄", "38岁", 0, 30), ("年龄", "３８", 0, 30), ("年龄", "55周岁", 0, 7),
    ("社保月数", "60个月", 3, 15), ("社保月数", "5年", 3, 15), ("社保月数", "６０", 3, 15),
    ("配偶年数", "5年", 13, 20),
])
def test_numbers_with_units(column, cell, points_index, want):
    age = "" if column == "年龄" else ",年龄"
    text = f"姓名,{column}{age}\n甲,{cell}{',30' if age else ''}\n"
    record = call({"op": "batch", "csv_text": text, "formats": []})["result"]["records"][0]
    assert not record["errors"], record
    assert record["points"][points_index] == want


@pytest.mark.parametrize("cell", ["1988-05-01", "1988/5/1", "1988.5.1", "1988年5月1日", "１９８８年５月１日", "19880501"])
def test_typed_dates(cell):
    # born 1988-05-01: 38 on 2026-11-21, so 30 age points
    record = call({"op": "batch", "csv_text": f"出生日期,申请日期\n{cell},2026-11-21\n", "formats": []})["result"]["records"][0]
    assert not record["errors"] and record["points"][0] == 30


def test_workbook_cells_become_the_text_a_clerk_sees(tmp_path):
    import datetime as dt

    from calculator.sheets import cell_text

    assert [cell_text(v) for v in (1.0, 38, 0.8, 0.1 + 0.2, True, None, dt.datetime(1988, 5, 1), dt.date(2026, 1, 2))] == \
        ["1", "38", "0.8", "0.3", "TRUE", "", "1988-05-01", "2026-01-02"]
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["出生日期", "申请日期", "社保基数"])
    ws.append([dt.datetime(1988, 5, 1, 13, 30), dt.datetime(2026, 11, 21), 2])
    src = tmp_path / "t.xlsx"
    book.save(src)
    record = score_file(src.read_bytes())["records"][0]
    assert record["errors"][0]["column"] == "出生日期" and "1988-05-01 13:30:00" in record["errors"][0]["zh"]


def test_not_a_workbook_nor_a_csv():
    old_xls = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100
    answer = call({"op": "batch", "file_base64": base64.b64encode(old_xls).decode()})
    assert not answer["ok"] and ".xlsx" in answer["errors"][0]["zh"] and ".xlsx" in answer["errors"][0]["en"]
    broken = b"PK\x03\x04" + b"\0" * 50
    answer = call({"op": "batch", "file_base64": base64.b64encode(broken).decode()})
    assert not answer["ok"] and "Excel" in answer["errors"][0]["zh"]


# ---------------------------------------------------------------- out: .xlsx, CSV, both languages


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_export_in_the_pages_language(lang):
    data = (CLERK / "team.xlsx").read_bytes()
    scored = call({"op": "batch", "file_base64": base64.b64encode(data).decode(), "formats": []})["result"]
    for fmt in ("csv", "xlsx"):
        answer = call({"op": "export", "result": scored, "format": fmt, "lang": lang})
        assert answer["ok"], answer
        raw = base64.b64decode(answer["result"][f"{fmt}_base64"])
        if fmt == "csv":
            assert raw.startswith(b"\xef\xbb\xbf")
            rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
        else:
            ws = openpyxl.load_workbook(io.BytesIO(raw)).worksheets[0]
            rows = [["" if v is None else str(v) for v in r] for r in ws.iter_rows(values_only=True)]
        head = rows[0]
        assert head[:3] == (["行号", "姓名", "部门"] if lang == "zh" else ["Row", "姓名", "部门"])
        assert head[3:5] == (["总分", "结论"] if lang == "zh" else ["Total", "Verdict"])
        assert head[-1] == ("错误" if lang == "zh" else "Errors")
        by = {r[0]: r for r in rows[1:]}
        assert by["2"][3] == "192" and by["2"][4] == ("达标" if lang == "zh" else "meets the standard")
        assert by["6"][-1].startswith("第6行" if lang == "zh" else "Row 6")
        assert ("Row 6" in by["6"][-1]) == (lang == "en")


def test_formula_like_cells_stay_text_in_the_workbook():
    scored = score_file("姓名,年龄\n=1+1,30\n")
    raw = base64.b64decode(call({"op": "export", "result": scored, "format": "xlsx", "lang": "zh"})["result"]["xlsx_base64"])
    ws = openpyxl.load_workbook(io.BytesIO(raw)).worksheets[0]
    assert ws["B2"].value == "=1+1" and ws["B2"].data_type == "s"


def test_export_refuses_what_is_not_a_result():
    assert not call({"op": "export", "result": {"records": 1}, "format": "csv"})["ok"]
    assert not call({"op": "export", "result": score_file("年龄\n30\n"), "format": "pdf"})["ok"]
    assert not call({"op": "export", "result": score_file("年龄\n30\n"), "format": "csv", "lang": "fr"})["ok"]


# ---------------------------------------------------------------- the template


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_template_workbook_has_its_drop_downs_and_limits(lang, tmp_path):
    book = openpyxl.load_workbook(io.BytesIO(template_xlsx(lang)))
    ws, guide = book.worksheets[0], book.worksheets[1]
    header = [c.value for c in ws[1]]
    assert header == [*(["姓名", "工号"] if lang == "zh" else ["name", "id"]), *(short_name(f)[lang] for f in FIELDS)]
    lists = book.worksheets[2]
    assert lists.sheet_state == "hidden"
    rules = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            rules[header[rng.min_col - 1]] = dv
    for field in FIELDS:
        column = short_name(field)[lang]
        k = kind(Profile, field)
        if field in CHOICES or k == "boolean":
            dv = rules[column]
            assert dv.type == "list", column
            sheet_name, cells = dv.formula1.split("!")
            source = book[sheet_name.strip("'")]
            first, last = cells.replace("$", "").split(":")
            offered = [c.value for row in source[first:last] for c in row]
            assert offered == (option_words(field, lang) if field in CHOICES else (["是", "否"] if lang == "zh" else ["yes", "no"]))
        elif k in ("integer", "number"):
            dv = rules[column]
            assert dv.type == ("whole" if k == "integer" else "decimal")
            from calculator.fields import limits

            low, high = limits(Profile, field)
            assert float(dv.formula1) == (low or 0)
            if high is not None:
                assert float(dv.formula2) == high
    # the guide: one row a column, with its label, help and allowed values
    rows = list(guide.iter_rows(values_only=True))
    assert len(rows) == 2 + len(FIELDS)
    education = next(r for r in rows if r[0] == short_name("education")[lang])
    assert ("本科学士" in education[3]) if lang == "zh" else ("bachelor_degree" in education[3])
    # filled as it comes, the template scores without errors
    src = tmp_path / "t.xlsx"
    src.write_bytes(template_xlsx(lang))
    scored = score_file(src.read_bytes())
    assert (scored["rows"], scored["error_count"]) == (2, 0)


def test_template_on_the_command_line(tmp_path):
    out, err = io.StringIO(), io.StringIO()
    assert main(["template", "--format", "xlsx", "--lang", "en", "-o", str(tmp_path / "t.xlsx")], out, err) == 0
    assert openpyxl.load_workbook(tmp_path / "t.xlsx").worksheets[0]["C1"].value == "age"
    assert main(["template", "-o", str(tmp_path / "t.csv")], out, err) == 0
    assert (tmp_path / "t.csv").read_bytes().startswith("\ufeff姓名,工号,年龄".encode())
    out = io.StringIO()
    assert main(["template"], out, err) == 0 and out.getvalue().startswith("姓名,工号,年龄")


def test_id_columns_are_the_documented_ones():
    assert set(ID_COLUMNS) == {"姓名", "工号", "编号", "部门", "id", "name"}
