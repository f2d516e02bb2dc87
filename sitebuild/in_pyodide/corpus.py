"""The requests the build sends through calculator.api in the pinned runtime to learn
what the browser imports: every op, each with good input and each kind of bad input a
user can cause, so every path's modules are recorded. One list for both steps that need
it: the bytecode step (record_stdlib.py, run in the runtime) and the trim step
(sitebuild/trim.py, which also runs this file's code in the runtime). A request is a
JSON object, or a string sent as it is (to send malformed JSON).

A batch request written {"op": "batch", "csv": TEXT, "encoding": NAME} is sent as the
file's bytes, {"op": "batch", "csv_base64": base64(TEXT encoded as NAME)}; "{template}"
in TEXT stands for the CSV template the `template` op returns (expanded()). WORKBOOK_CORPUS
is sent once the workbook reader is installed, as the browser installs it on demand.
"""

from __future__ import annotations

import base64
import json

TYPICAL = {"as_of": "2026-11-21", "age": 35, "education": "bachelor_degree", "social_insurance_months": 84,
           "insurance_base": "x1"}
EVERYTHING = {
    "as_of": "2026-11-21", "has_residence_permit": True, "insured_this_month": True, "birth_date": "1988-02-29",
    "education": "master", "qualification": "senior_title", "qualification_salary_ok": True,
    "social_insurance_months": 200, "startup_talent": True, "startup_service_talent": True,
    "shortage_major": True, "invest_tax_wan": 50, "invest_local_hires": 12, "public_service_years": 6,
    "suburb_years": 13, "fresh_graduate": True, "award": "provincial", "spouse_hukou_years": 12,
    "false_material_count": 1, "detention_count": 1, "criminal_count": 1, "family_planning_violation": True,
}

CORPUS: list = [
    # score: good, full, vetoed, refused in each way a form or a link can send
    {"op": "score", "profile": TYPICAL},
    {"op": "score", "profile": EVERYTHING},
    {"op": "score", "profile": {**TYPICAL, "serious_crime": True}},
    {"op": "score", "profile": {}},
    {"op": "score"},
    {"op": "score", "profile": [1, 2]},
    {"op": "score", "profile": {"age": "x"}},
    {"op": "score", "profile": {"age": 15}},
    {"op": "score", "profile": {"age": True}},
    {"op": "score", "profile": {"age": 30.5, "social_insurance_months": -1}},
    {"op": "score", "profile": {"age": 30, "education": "phd", "award": "nobel"}},
    {"op": "score", "profile": {"age": 30, "unknown_field": 1}},
    {"op": "score", "profile": {"as_of": "2026-02-30", "birth_date": "not a date"}},
    {"op": "score", "profile": {"as_of": "1999-01-01", "age": 30}},
    {"op": "score", "profile": {"age": 30, "invest_tax_wan": "1e999", "suburb_years": 1e300}},
    # tier
    {"op": "tier", "monthly_base": 12000},
    {"op": "tier", "monthly_base": "15000", "on": "2024-07-01"},
    {"op": "tier", "monthly_base": 15000, "on": "2017-06-01", "average": 8000},
    {"op": "tier", "monthly_base": 15000, "on": "2010-01-01"},
    {"op": "tier", "monthly_base": 30000, "average": 9000},
    {"op": "tier"},
    {"op": "tier", "monthly_base": "x"},
    {"op": "tier", "monthly_base": -5},
    {"op": "tier", "monthly_base": 12000, "on": "June"},
    {"op": "tier", "monthly_base": 12000, "average": "y"},
    # plan
    {"op": "plan", "profile": TYPICAL},
    {"op": "plan", "profile": {"as_of": "2026-11-21", "birth_date": "1996-03-15", "education": "bachelor",
                               "social_insurance_months": 10}},
    {"op": "plan", "profile": {"as_of": "2026-11-21", "age": 50, "education": "associate"}},
    {"op": "plan", "profile": EVERYTHING},
    {"op": "plan", "profile": {"age": 15}},
    {"op": "plan", "profile": "x"},
    # template and batch: UTF-8, UTF-8 with BOM, GBK, GB18030, text, and every refusal
    {"op": "template"},
    {"op": "batch", "csv": "{template}", "encoding": "utf-8"},
    {"op": "batch", "csv": "{template}", "encoding": "utf-8-sig"},
    {"op": "batch", "csv": "姓名,age,education,shortage_major\n张三,30,bachelor_degree,是\n李四,15,phd,否\n",
     "encoding": "gbk"},
    {"op": "batch", "csv": "name,age\n王五·𠀀,40\n", "encoding": "gb18030"},
    {"op": "batch", "csv_text": "name,as_of,age,education,social_insurance_months\nok,2026-11-21,30,bachelor,24\n"
                                "bad,2026-11-21,,phd,x\n"},
    {"op": "batch", "csv_text": "name,age,age\na,30,31\n"},
    {"op": "batch", "csv_text": "name,age\na,30,extra,cells\n"},
    {"op": "batch", "csv_text": "name,age,nonsense_column\na,30,1\n"},
    {"op": "batch", "csv_text": ""},
    {"op": "batch", "csv_text": "name,age\n\"a,30\n"},
    {"op": "batch", "csv_base64": "%%% not base64"},
    {"op": "batch", "csv_base64": 12},
    {"op": "batch", "csv_base64": "//79/A=="},
    {"op": "batch"},
    # a clerk's own CSV: Chinese headers, short names, units, ambiguous words, a 合计 row, a
    # misspelt column (the suggestion), a field named twice, the result in both languages
    {"op": "batch", "csv": "姓名,年龄,学历,职称,社保月数,社保基数,申请日期,紧缺专业\n张三,38岁,本科学士,,5年,1倍,2026年11月21日,√\n"
                           "李四,１５,本科,中级,60个月,2倍,2026/2/30,maybe\n,,,,,,,\n合计,,,,,,,\n", "encoding": "gbk"},
    {"op": "batch", "csv_text": "姓名,社保月份,手机号\n甲,30,1\n"},
    {"op": "batch", "csv_text": "学历,教育背景\n硕士,博士\n"},
    {"op": "batch", "csv_text": "出生日期,申请日期\n1988/5/1,2026-11-21\n", "lang": "en", "formats": ["csv"]},
    {"op": "batch", "csv_text": "年龄\n30\n", "formats": []},
    {"op": "batch", "csv_text": "年龄\n30\n", "formats": "csv"},
    {"op": "batch", "csv_base64": "UEsDBAAAAAA="},          # a zip: a workbook, whose reader loads on demand
    {"op": "batch", "csv_base64": "0M8R4KGxGuE="},          # an old .xls
    {"op": "export", "format": "csv", "lang": "en", "result": {"id_columns": [], "records": []}},
    {"op": "export", "format": "csv", "result": {"records": 1}},
    {"op": "export", "format": "pdf", "result": {"id_columns": [], "records": []}},
    {"op": "template", "lang": "en"},
    {"op": "template", "lang": "fr"},
    {"op": "template", "format": "xlsx"},                  # the workbook reader, before it is installed
    # timeline (its modules must ship too): every kind of answer, the calendar file, English, and each refusal
    {"op": "timeline", "profile": TYPICAL,
     "timeline": {"on": "2026-11-21", "permit_expiry": "2027-04-10", "points_status": "approved",
                  "points_approved_on": "2026-05-01", "child_stage": "grade_8"}},
    {"op": "timeline", "profile": EVERYTHING, "lang": "en",
     "timeline": {"on": "2026-11-21", "permit_expiry": "2027-04-10", "child_birth_date": "2016-02-29",
                  "settle_permit_years": 7, "settle_insured_years": 7, "settle_tax_in_shanghai": True,
                  "settle_title_matches": True, "settle_no_record": True}},
    {"op": "timeline", "timeline": {"on": "2026-11-21", "child_stage": "grade_1"}},
    {"op": "timeline", "profile": {"age": 15}, "timeline": {"permit_expiry": "2027-02-30"}},
    {"op": "timeline", "timeline": {"child_birth_date": "x", "child_stage": "grade_8", "settle_permit_years": -1}},
    {"op": "timeline", "timeline": "x"},
    {"op": "timeline"},
    # requests that are not requests
    "not json",
    "[1, 2",
    [],
    {"op": "nonsense"},
    {},
]


# Once the workbook reader is installed (on demand, as the browser installs it): the
# workbooks a clerk brings ({"op": "batch", "xlsx": NAME}, NAME one of WORKBOOKS' or the
# template), the result and the template as workbooks.
WORKBOOK_CORPUS: list = [
    {"op": "template", "format": "xlsx"},
    {"op": "template", "format": "xlsx", "lang": "en"},
    {"op": "batch", "xlsx": "template", "formats": ["csv", "xlsx"]},
    {"op": "batch", "xlsx": "template_en", "formats": ["xlsx"], "lang": "en"},
    {"op": "batch", "xlsx": "clerk", "formats": []},
    {"op": "batch", "xlsx": "clerk", "sheet": "名单", "formats": ["xlsx"]},
    {"op": "batch", "xlsx": "clerk", "sheet": "没有这张表"},
    {"op": "batch", "xlsx": "broken"},
    {"op": "export", "format": "xlsx", "lang": "en", "result": {"id_columns": ["姓名"], "records": [
        {"row": 2, "ids": ["=1+1"], "total": 120, "verdict": "meets", "points": [0] * 19, "errors": []},
        {"row": 3, "ids": ["x"], "total": None, "verdict": None, "points": None,
         "errors": [{"zh": "第3行", "en": "Row 3"}]}]}},
]


def workbooks() -> dict:
    """The workbooks WORKBOOK_CORPUS sends, written here with the reader just installed: a
    clerk's sheet (date cells, numbers typed as numbers, TRUE, an empty row, a 合计 row)
    after a cover sheet, and a damaged one."""
    import datetime as dt
    import io

    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "封面"
    book.active.append(["2026年 申报名单"])
    ws = book.create_sheet("名单")
    ws.append(["姓名", "部门", "出生日期", "最高学历", "社保缴纳月数", "缴费基数档次", "申请日期", "应届生"])
    ws.append(["吴一", "研发部", dt.datetime(1990, 3, 8), "硕士", 48, 1, dt.datetime(2026, 11, 21), True])
    ws.append(["郑二", "财务部", dt.datetime(1988, 5, 1, 12, 30), "学士", 12.0, 0.8, dt.datetime(2026, 11, 21), "是"])
    ws.append([])
    ws.append(["合计", None, None, None, 60, None, None, None])
    out = io.BytesIO()
    book.save(out)
    return {"clerk": out.getvalue(), "broken": b"PK\x03\x04" + bytes(60)}


def expand(request, template: str, files: dict | None = None):
    """A request as sent: a batch file written as text and an encoding becomes its bytes; a
    workbook named by "xlsx" becomes its bytes (``files``)."""
    if isinstance(request, dict) and "csv" in request:
        data = request["csv"].replace("{template}", template).encode(request["encoding"])
        rest = {k: v for k, v in request.items() if k not in ("csv", "encoding")}
        return {**rest, "csv_base64": base64.b64encode(data).decode("ascii")}
    if isinstance(request, dict) and "xlsx" in request:
        rest = {k: v for k, v in request.items() if k != "xlsx"}
        return {**rest, "file_base64": base64.b64encode(files[request["xlsx"]]).decode("ascii")}
    return request


def expanded(handle, requests: list) -> list:
    """`requests` as sent through `handle` (calculator.api.handle) in this runtime."""
    # the template only when a request writes it in (a corpus of scores must load no batch module)
    needs_template = any(isinstance(r, dict) and "{template}" in r.get("csv", "") for r in requests)
    template = json.loads(handle('{"op": "template"}'))["result"]["csv_text"] if needs_template else ""
    files = None
    if any(isinstance(r, dict) and "xlsx" in r for r in requests):
        files = workbooks()
        for name, lang in (("template", "zh"), ("template_en", "en")):
            answer = json.loads(handle(json.dumps({"op": "template", "format": "xlsx", "lang": lang})))
            files[name] = base64.b64decode(answer["result"]["xlsx_base64"])
    return [expand(r, template, files) for r in requests]
