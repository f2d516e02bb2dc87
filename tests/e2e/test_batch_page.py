"""The HR batch page (web/batch.html, web/batch/batch.mjs) in Chromium: a CSV scored in the browser.

Fixtures from tests/e2e/conftest.py: `site`, `page` (fails on console errors and requests
to other origins, so every test here also checks that nothing leaves the origin),
`screenshot(page, name)`, `axe_check(page)`.

Readiness: <html data-engine="ready"> once the worker is up; #batch-result[data-state] is
"busy" while the newest file is read and scored, then "done" or "error". The page's CSP
has no 'unsafe-eval', so waits use selectors (never wait_for_function).

Expected scores come from `calculator.score` in Python on the same rows; every generated
row carries `as_of`, so the browser and Python score on the same date.
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

import pytest

from calculator import score
from helpers import AS_OF, N_ROWS, csv_text, make_people, no_sideways_scroll, profile_of, wait_engine
from calculator.batch import items

pytestmark = [pytest.mark.browser, pytest.mark.chromium_only(reason="the 1000-row scale check, axe-core and Playwright's download events; the batch scenario of every engine is in test_engines.py")]

BATCH_TIMEOUT = 180_000
FILES = Path(__file__).resolve().parents[1] / "batch_files"
CLERK = Path(__file__).resolve().parents[1] / "files" / "clerk"


@pytest.fixture(scope="module")
def people() -> list[dict]:
    return make_people()


@pytest.fixture(scope="module")
def team_files(people, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("batch")
    text = csv_text(people)
    files = {"utf8_bom": folder / "team-1000-utf8.csv", "gbk": folder / "team-1000-gbk.csv"}
    files["utf8_bom"].write_bytes(text.encode("utf-8-sig"))
    files["gbk"].write_bytes(text.encode("gbk"))
    assert files["gbk"].read_bytes() != files["utf8_bom"].read_bytes()[3:], "the GBK file must differ from UTF-8"
    return files


def open_batch(page, site, width=1280, height=900):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(site.url + "batch.html")
    page.wait_for_selector("#csv-file", state="attached")
    wait_engine(page)


def upload(page, path: Path) -> str:
    """Choose `path` in the file input and wait until the page has finished with it."""
    page.evaluate("() => { delete document.getElementById('batch-result').dataset.state; }")
    page.set_input_files("#csv-file", str(path))
    page.wait_for_selector("#batch-result[data-state=done], #batch-result[data-state=error]",
                           state="attached", timeout=BATCH_TIMEOUT)
    return page.get_attribute("#batch-result", "data-state")


def summary(page) -> tuple[int, int, int]:
    return tuple(int(page.text_content(f"#{i}")) for i in ("sum-rows", "sum-ok", "sum-errors"))


def download_rows(page, button="#download") -> tuple[list[str], list[dict], bytes, str]:
    with page.expect_download() as info:
        page.click(button)
    download = info.value
    data = Path(download.path()).read_bytes()
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    return reader.fieldnames, list(reader), data, download.suggested_filename


# ---------------------------------------------------------------- tests


@pytest.mark.parametrize("encoding", ["utf8_bom", "gbk"])
def test_thousand_rows_scored_in_the_browser(page, site, people, team_files, encoding, screenshot):
    open_batch(page, site)
    assert upload(page, team_files[encoding]) == "done"
    assert summary(page) == (N_ROWS, N_ROWS, 0)
    status = page.text_content("#batch-status")
    assert team_files[encoding].name in status and "1000 行" in status
    # The preview shows the names as written (the encoding was read right).
    first = page.locator("#preview tbody tr").first
    assert people[0]["姓名"] in first.text_content()
    assert page.locator("#error-rows").count() == 0

    header, rows, data, name = download_rows(page)
    assert data.startswith(b"\xef\xbb\xbf"), "results are UTF-8 with BOM (for Excel)"
    assert name.endswith(".csv") and name.startswith(team_files[encoding].stem)
    assert header[:3] == ["行号", "id", "姓名"] and "总分" in header and header[-1] == "错误"
    assert len(rows) == N_ROWS
    assert [r["id"] for r in rows] == [p["id"] for p in people]
    assert [r["姓名"] for r in rows] == [p["姓名"] for p in people]
    assert [r["行号"] for r in rows] == [str(k + 2) for k in range(N_ROWS)]
    assert not any(r["错误"] for r in rows)

    labels = dict(items())
    sample = sorted({0, N_ROWS - 1, *random.Random(7).sample(range(N_ROWS), 25)})
    for k in sample:
        expected = score(profile_of(people[k]))
        got = rows[k]
        assert int(got["总分"]) == expected.total, (k, people[k], got["总分"], expected.total)
        verdict = "取消资格" if expected.disqualified else "达标" if expected.meets_standard else "未达标"
        assert got["结论"] == verdict, k
        for item in expected.items:
            assert int(got[f"{labels[item.id]['zh']}得分"]) == (item.points if item.counted else 0), (k, item.id)
    # The sample is not all alike: it covers both sides of the standard.
    verdicts = {rows[k]["结论"] for k in sample}
    assert verdicts == {"达标", "未达标"}, verdicts
    if encoding == "utf8_bom":
        screenshot(page, "batch-1280")


def test_bad_rows_get_errors_and_the_others_scores(page, site):
    open_batch(page, site)
    assert upload(page, FILES / "bad_rows.csv") == "done"
    assert summary(page) == (7, 2, 5)
    assert page.locator("#sum-errors-box.has-errors").count() == 1
    # Each bad cell is listed once under the preview, with its row, column and reason.
    listed = page.locator("#error-rows li")
    assert listed.count() == 6   # bad-enum-and-bool has two bad cells
    assert listed.nth(0).text_content() == "第3行「age」列：填了“15”，须为16到100之间的整数"
    assert page.locator("#preview td.err").count() == 0
    assert page.text_content("#preview").count("第3行") == 0   # not a second time in the table

    _, rows, _, _ = download_rows(page)
    for r in rows:
        r["errors"], r["total"] = r["错误"], r["总分"]
    by_name = {r["name"]: r for r in rows}
    assert list(by_name) == ["ok-1", "bad-age", "bad-enum-and-bool", "no-age", "both-ages", "bad-months", "ok-3"]
    expected = {
        "ok-1": score({"as_of": AS_OF, "age": 30, "education": "bachelor_degree", "social_insurance_months": 24,
                       "shortage_major": True}),
        "ok-3": score({"as_of": AS_OF, "age": 50, "education": "associate", "social_insurance_months": 240,
                       "shortage_major": False}),
    }
    for name, result in expected.items():
        assert by_name[name]["errors"] == "", name
        assert int(by_name[name]["total"]) == result.total, name
    for name in ("bad-age", "bad-enum-and-bool", "no-age", "both-ages", "bad-months"):
        assert by_name[name]["errors"], name
        assert by_name[name]["total"] == "", name
    assert "age" in by_name["bad-age"]["errors"]
    bad_enum = by_name["bad-enum-and-bool"]["errors"]
    assert "education" in bad_enum and "shortage_major" in bad_enum
    assert "social_insurance_months" in by_name["bad-months"]["errors"]


def test_unknown_column_is_a_clear_message(page, site, team_files):
    open_batch(page, site)
    assert upload(page, FILES / "unknown_column.csv") == "error"
    assert page.locator("#batch-result").is_hidden()
    message = page.text_content("#batch-status")
    assert page.get_attribute("#batch-status", "data-kind") == "error"
    assert "无法读取这个文件" in message and "不认识的列" in message
    assert "educaton" in message and "salary" in message
    # English too.
    page.click("#lang-switch")
    message = page.text_content("#batch-status")
    assert "cannot be read" in message and "unknown columns" in message and "educaton" in message
    page.click("#lang-switch")
    # No crash: the next file is scored as usual.
    assert upload(page, FILES / "team_gbk.csv") == "done"
    assert summary(page) == (3, 3, 0)
    assert "王小明" in page.text_content("#preview")


def test_template_downloads_and_scores_without_errors(page, site, tmp_path):
    open_batch(page, site)
    header, rows, data, name = download_rows(page, "#template")
    assert data.startswith(b"\xef\xbb\xbf")
    assert name.endswith(".csv")
    assert header[:3] == ["姓名", "工号", "年龄"] and "学历" in header and "社保月数" in header
    assert len(rows) >= 1
    saved = tmp_path / "template.csv"
    saved.write_bytes(data)
    assert upload(page, saved) == "done"
    assert summary(page) == (len(rows), len(rows), 0)
    _, scored, _, _ = download_rows(page)
    assert [r["姓名"] for r in scored] == [r["姓名"] for r in rows]
    assert all(r["错误"] == "" and r["总分"] != "" for r in scored)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_excel_template_has_drop_downs_and_scores_without_errors(page, site, lang, tmp_path):
    import openpyxl

    open_batch(page, site)
    if lang == "en":
        page.click("#lang-switch")
    with page.expect_download() as info:
        page.click("#template-xlsx")
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert saved.suffix == ".xlsx"
    book = openpyxl.load_workbook(saved)
    ws = book.worksheets[0]
    assert ws["C1"].value == ("年龄" if lang == "zh" else "age")
    assert any(dv.type == "list" for dv in ws.data_validations.dataValidation)
    assert len(book.worksheets) == 3 and book.worksheets[2].sheet_state == "hidden"
    assert upload(page, saved) == "done"
    assert summary(page) == (2, 2, 0)


def test_a_workbook_with_a_cover_sheet_offers_the_other_sheet(page, site):
    open_batch(page, site)
    assert upload(page, CLERK / "two_sheets.xlsx") == "error"
    assert "名单" in page.text_content("#batch-status")
    assert page.locator("#sheet-box").is_visible()
    page.evaluate("() => { delete document.getElementById('batch-result').dataset.state; }")
    page.select_option("#sheet-pick", "名单")
    page.wait_for_selector("#batch-result[data-state=done]", state="attached", timeout=BATCH_TIMEOUT)
    assert summary(page) == (2, 2, 0)
    # by hand (tests/test_clerk.py): B001 235, B002 236
    assert [c.text_content() for c in page.locator("#preview tbody tr td:nth-child(3)").all()] == ["235", "236"]
    assert "名单" in page.text_content("#sum-note")


def test_ten_thousand_rows_with_a_progress_bar_and_a_free_page(page, site, tmp_path):
    """The rows are scored in the worker, which reports its progress; the page answers
    clicks meanwhile (the language switch re-words the progress at once)."""
    people = make_people(10_000)
    src = tmp_path / "team-10000.csv"
    src.write_bytes(csv_text(people).encode("gbk"))
    open_batch(page, site)
    page.evaluate("() => { delete document.getElementById('batch-result').dataset.state; }")
    page.set_input_files("#csv-file", str(src))
    page.wait_for_selector("#batch-progress:not([hidden])", timeout=BATCH_TIMEOUT)
    page.wait_for_selector("#batch-status:has-text('已算')", timeout=BATCH_TIMEOUT)
    page.click("#lang-switch")   # the main thread is free while the worker scores
    page.wait_for_selector("#batch-status:has-text('rows')", timeout=BATCH_TIMEOUT)
    page.wait_for_selector("#batch-result[data-state=done]", state="attached", timeout=BATCH_TIMEOUT)
    assert summary(page) == (10_000, 10_000, 0)
    assert page.locator("#batch-progress").is_hidden()


def test_page_says_nothing_is_uploaded(page, site):
    open_batch(page, site)
    privacy = page.text_content(".privacy")
    assert "不会上传" in privacy
    page.click("#lang-switch")
    assert "Nothing is uploaded" in page.text_content(".privacy")
    # No form posts anything anywhere, and the only network the page used is its own origin
    # (the `page` fixture fails the test on any request to another origin).
    assert page.locator("form[action]").count() == 0


def test_batch_accessibility_axe(page, site, axe_check):
    open_batch(page, site, width=375)
    axe_check(page)
    assert upload(page, FILES / "bad_rows.csv") == "done"
    axe_check(page)
    page.click("#lang-switch")
    page.set_viewport_size({"width": 1280, "height": 900})
    axe_check(page)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_sideways_scroll_at_375(page, site, team_files, lang, screenshot):
    open_batch(page, site, width=375)
    if lang == "en":
        page.click("#lang-switch")
    no_sideways_scroll(page)
    assert upload(page, team_files["utf8_bom"]) == "done"
    no_sideways_scroll(page)
    # A wide preview scrolls inside its own box, never the page.
    box = page.locator("#preview-box .table-scroll").first
    overflow = box.evaluate("el => getComputedStyle(el).overflowX")
    assert overflow in ("auto", "scroll")
    assert box.bounding_box()["x"] >= 0
    assert box.bounding_box()["x"] + box.bounding_box()["width"] <= 375
    assert upload(page, FILES / "bad_rows.csv") == "done"
    no_sideways_scroll(page)
    if lang == "zh":
        assert upload(page, team_files["utf8_bom"]) == "done"
        screenshot(page, "batch-375")
    else:
        screenshot(page, "batch-375-en-errors")
