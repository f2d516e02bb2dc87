"""Writes the clerk-style files beside this script, as an HR clerk's own spreadsheets look:
short and full Chinese headers, values with units, full-width digits, date cells, a tier
typed as a number, an empty row, a 合计 row, ambiguous values. The files are committed;
run this again only to change them (tests/test_clerk.py has each row's total worked by
hand from the rulebook).

    .venv/bin/python tests/files/clerk/make_files.py
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
ON = dt.datetime(2026, 11, 21)   # a date cell: openpyxl writes a datetime at midnight

# GBK, as Excel on Chinese Windows saves "CSV (逗号分隔)": short headers, short values, units.
GBK_ROWS = [
    "姓名,工号,年龄,学历,职称,社保月数,社保基数,申请日期,紧缺专业",
    "王小明,A001,32岁,本科学士,,84个月,1倍,2026-11-21,否",
    "陈静,A002,45,硕士,高级职称,5年,2倍,2026/11/21,是",
    "刘洋,A003,28,大专,中级工,36,,2026.11.21,√",
    "孙丽,A004,40,专科,二级,120,0.8倍,2026年11月21日,×",
    "赵敏,A005,50,本科,,24,1倍,2026-11-21,",
    ",,,,,,,,",
    "周杰,A006,33,高中,中级,24,1倍,2026-11-21,N",
    "合计,,,,,,,,",
]

# UTF-8 with BOM ("CSV UTF-8"): the fields' full labels as headers (full-width brackets in
# one), full option labels, full-width digits, dates typed in Chinese.
BOM_ROWS = [
    "姓名,出生日期,教育背景（最高学历学位）,专业技术职称或技能等级,在本市缴纳职工社保的月数,职工社保缴费基数档次,申请日期,与本市户籍配偶结婚的年数",
    "钱一,1988/5/1,大学本科学历(无学士学位),无,３６,社平工资1倍至2倍以下(近4年累计36个月),2026年11月21日,3",
    "孙二,1970年1月15日,博士研究生学历学位,高级专业技术职务任职资格(高级职称),240,无,2026-11-21,１２年",
    "李三,1988/2/30,大学本科学历和学士学位,,12,,2026-11-21,",
]


def workbook() -> None:
    """Date cells, numbers typed as numbers (a tier as 1, 3 and 0.8), an empty row, a 合计 row."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "2026年申报"
    ws.append(["姓名", "部门", "年龄", "最高学历", "职称/技能等级", "社保缴纳月数", "缴费基数档次", "申请日期", "应届生"])
    ws.append(["吴一", "研发部", 35, "硕士", "无", 48, 1, ON, False])
    ws.append(["郑二", "财务部", 26.0, "学士", None, 12.0, 3, ON, "是"])
    ws.append([])                                       # row 4: empty, skipped
    ws.append(["冯三", "人事部", "46岁", "研究生", "技师", "10年", 0.8, ON, None])
    ws.append(["陈四", "人事部", 30, "本科", None, 24, 1, ON, None])
    ws.append(["合计", None, None, None, None, 180, None, None, None])
    for row in ws.iter_rows(min_row=2, min_col=8, max_col=8):
        for cell in row:
            cell.number_format = "yyyy/m/d"
    book.save(HERE / "team.xlsx")

    # Two sheets: a cover first, the list second (the page offers the choice of sheet).
    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "封面"
    cover.append(["上海市居住证积分 2026年 申报名单"])
    ws = book.create_sheet("名单")
    ws.append(["工号", "出生日期", "学历", "社保月数", "社保基数", "申请日期"])
    ws.append(["B001", dt.datetime(1990, 3, 8), "本科学士", 60, "2倍", ON])
    ws.append(["B002", dt.datetime(1995, 7, 1), "硕士", 24, 2, ON])
    for row in ws.iter_rows(min_row=2, min_col=2, max_col=2):
        for cell in row:
            cell.number_format = "yyyy-mm-dd"
    book.save(HERE / "two_sheets.xlsx")


def main() -> None:
    (HERE / "team_gbk.csv").write_bytes(("\r\n".join(GBK_ROWS) + "\r\n").encode("gbk"))
    (HERE / "team_bom.csv").write_bytes(("\r\n".join(BOM_ROWS) + "\r\n").encode("utf-8-sig"))
    workbook()


if __name__ == "__main__":
    main()
