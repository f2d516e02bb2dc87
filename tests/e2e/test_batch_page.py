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

pytestmark = [pytest.mark.browser, pytest.mark.chromium_only(reason="the 1000-row scale check, axe-core and Playwright's download events; the batch scenario of every engine is in test_engines.py")]

BATCH_TIMEOUT = 180_000
FILES = Path(__file__).resolve().parents[1] / "batch_files"


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
    assert header[:2] == ["id", "姓名"] and "total" in header and header[-1] == "errors"
    assert len(rows) == N_ROWS
    assert [r["id"] for r in rows] == [p["id"] for p in people]
    assert [r["姓名"] for r in rows] == [p["姓名"] for p in people]
    assert not any(r["errors"] for r in rows)

    sample = sorted({0, N_ROWS - 1, *random.Random(7).sample(range(N_ROWS), 25)})
    for k in sample:
        expected = score(profile_of(people[k]))
        got = rows[k]
        assert int(got["total"]) == expected.total, (k, people[k], got["total"], expected.total)
        assert got["meets_standard"] == str(expected.meets_standard).lower(), k
        assert got["disqualified"] == str(expected.disqualified).lower(), k
        for item in expected.items:
            assert int(got[f"points_{item.id}"]) == (item.points if item.counted else 0), (k, item.id)
    # The sample is not all alike: it covers both sides of the standard.
    verdicts = {rows[k]["meets_standard"] for k in sample}
    assert verdicts == {"true", "false"}, verdicts
    if encoding == "utf8_bom":
        screenshot(page, "batch-1280")


def test_bad_rows_get_errors_and_the_others_scores(page, site):
    open_batch(page, site)
    assert upload(page, FILES / "bad_rows.csv") == "done"
    assert summary(page) == (7, 2, 5)
    assert page.locator("#sum-errors-box.has-errors").count() == 1
    # The rows with errors are listed on the page with the reason.
    err_rows = page.locator("#error-rows tbody tr")
    assert err_rows.count() == 5
    assert "bad-age" in err_rows.nth(0).text_content() and "age" in err_rows.nth(0).locator("td.err").text_content()

    _, rows, _, _ = download_rows(page)
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
    assert header[0] == "name" and "age" in header and "education" in header
    assert len(rows) >= 1
    saved = tmp_path / "template.csv"
    saved.write_bytes(data)
    assert upload(page, saved) == "done"
    assert summary(page) == (len(rows), len(rows), 0)
    _, scored, _, _ = download_rows(page)
    assert [r["name"] for r in scored] == [r["name"] for r in rows]
    assert all(r["errors"] == "" and r["total"] != "" for r in scored)


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
