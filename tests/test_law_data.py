"""The law as data: sources.toml, the edition files' model, and the average-wage table.

Expected figures come from the rulebook's tables (tests/rulebook.py), not from the files
under test.
"""
from __future__ import annotations

import datetime as dt
import pathlib
import re
import tomllib

import pytest

from calculator.edition_model import DataFileError, EditionFile
from calculator.editions import check, editions, read_editions, sources
from calculator.insurance_base import periods, tier_for
from calculator.profile import INSURANCE_BASE_OPTIONS
from rulebook import ARTICLES, WAGES

ROOT = pathlib.Path(__file__).resolve().parent.parent
PARAMETERS = ROOT / "calculator" / "parameters"
EDITION_TEXT = (PARAMETERS / "edition_2018.toml").read_text(encoding="utf-8")


def write_edition(folder: pathlib.Path, text: str) -> pathlib.Path:
    folder.mkdir(exist_ok=True)
    (folder / "edition_2018.toml").write_text(text, encoding="utf-8")
    return folder


# ------------------------------------------------------------------ the edition model

def test_the_shipped_editions_load():
    assert [e.id for e in read_editions(PARAMETERS)] == [e.id for e in editions()] == ["2018"]


def test_a_misspelt_key_fails_at_load(tmp_path):
    text = EDITION_TEXT.replace("points_per_step = 3 ", "points_per_stepp = 3 ", 1)
    assert text != EDITION_TEXT
    with pytest.raises(DataFileError) as info:
        read_editions(write_edition(tmp_path / "typo", text))
    message = str(info.value)
    assert "edition_2018.toml" in message
    assert "social_insurance.points_per_stepp" in message  # the unknown key, with its path
    assert "social_insurance.points_per_step:" in message  # and the key that is now missing


def test_an_unknown_section_fails_at_load(tmp_path):
    with pytest.raises(DataFileError, match=r"bonus_points"):
        read_editions(write_edition(tmp_path / "extra", EDITION_TEXT + "\n[bonus_points]\npoints = 5\n"))


def test_a_wrong_type_fails_at_load(tmp_path):
    text = EDITION_TEXT.replace("points = 120\n", 'points = "120"\n', 1)  # [standard]
    with pytest.raises(DataFileError, match=r"standard\.points"):
        read_editions(write_edition(tmp_path / "type", text))


def test_a_citation_of_an_unknown_article_fails_at_load(tmp_path):
    text = EDITION_TEXT.replace('article = "第十二条" }', 'article = "第九十九条" }', 1)
    with pytest.raises(DataFileError, match=r"standard\.reference.*第九十九条"):
        read_editions(write_edition(tmp_path / "article", text))


def test_a_citation_of_an_unknown_document_fails_at_load():
    data = tomllib.loads(EDITION_TEXT)
    data["age"]["reference"] = {"document": "banfa_2099", "article": "第六条(一)"}
    with pytest.raises(DataFileError, match=r"age\.reference.*banfa_2099"):
        check(data, EditionFile, "edition_test.toml")


def test_insurance_tiers_are_keyed_by_the_profiles_ids():
    for edition in editions():
        assert set(edition["insurance_base"]["tiers"]) == set(INSURANCE_BASE_OPTIONS) - {"none"}


# ------------------------------------------------------------------ sources.toml

def test_every_article_of_the_banfa_is_described():
    doc = sources().documents["banfa_2018"]
    numerals = "一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四 十五 十六 十七 十八 十九 二十 二十一 二十二 二十三".split()
    assert list(doc.articles) == [f"第{n}条" for n in numerals]
    assert all(text.strip() for text in doc.articles.values())
    assert (doc.issued, doc.in_force_from) == (dt.date(2017, 12, 28), dt.date(2018, 1, 1))  # the rulebook's dates
    assert doc.number_confirmed is False and "unconfirmed" in doc.number


def test_items_cite_the_rulebooks_articles():
    edition = editions()[0]
    for item_id, article in ARTICLES.items():
        assert edition.article(item_id) == article


def test_no_url_is_made_up():
    for notice in sources().notices.values():
        assert notice.url == "URL not in sources" or re.match(r"https://", notice.url)


def test_nothing_in_the_package_cites_a_file_outside_the_repository():
    outside = re.compile(r"seeds|/work/|shared/|rules\.md")
    for path in (ROOT / "calculator").rglob("*"):
        if path.suffix in {".py", ".toml"}:
            assert not outside.search(path.read_text(encoding="utf-8")), path


# ------------------------------------------------------------------ the average wage

@pytest.mark.parametrize("start,average,floor,ceiling", WAGES)
def test_wage_periods_hold_the_published_figures(start, average, floor, ceiling):
    period = next(p for p in periods() if p.start == dt.date.fromisoformat(start))
    assert (period.average, period.base_floor, period.base_ceiling) == (average, floor, ceiling)


def test_the_floor_is_the_published_one_not_60_percent():
    period = next(p for p in periods() if p.start == dt.date(2022, 7, 1))
    assert period.base_floor == 6520
    assert period.base_floor != round(period.average * 0.6)  # 6,838: a derived floor would be wrong


@pytest.mark.parametrize("start", ["2022-07-01", "2023-07-01"])
def test_2022_and_2023_are_confirmed_by_two_public_summaries(start):
    period = next(p for p in periods() if p.start == dt.date.fromisoformat(start))
    assert period.confirmed is True
    assert len(period.confirmed_by) == 2 and len(set(period.confirmed_by)) == 2
    assert "HRSS notice" in period.source


def test_the_tier_for_2022_uses_the_published_floor():
    result = tier_for(6000, "2023-01-15")  # below the published floor of 6,520
    assert result["period"]["floor"] == 6520
    assert any("6520" in n["zh"] for n in result["notes"])
    assert not any("未经核实" in n["zh"] for n in result["notes"])  # confirmed now
    notice = result["period"]["notice"]
    assert notice["confirmed"] is True and len(notice["confirmed_by"]) == 2
    assert notice["url"] == "URL not in sources"  # none is given in the project's sources


# ------------------------------------------------------------------ figures a user can check

# The bureau's pages, as the project's rulebook gives them (typed here, not read from the data).
NOTICE_URLS = {
    "2025-09-18": "https://rsj.sh.gov.cn/tgsgg_17341/20250918/t0035_1435637.html",
    "2026-08-18": "https://rsj.sh.gov.cn/tgsgg_17341/20260818/t0035_1443203.html",
    "2026-08-24": "https://rsj.sh.gov.cn/tdjjf_17554/20260824/t0035_1443297.html",
}
ASCII_PUNCTUATION = re.compile(r"[,;:()!?]")
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_the_bureaus_notices_are_recorded_with_their_addresses():
    by_day = {n.issued.isoformat(): n.url for n in sources().notices.values() if n.issued}
    assert NOTICE_URLS.items() <= by_day.items()


def test_every_notice_has_a_chinese_title_in_full_width_punctuation():
    for key, notice in sources().notices.items():
        assert CJK.search(notice.title_zh), key
        assert not ASCII_PUNCTUATION.search(notice.title_zh), (key, notice.title_zh)


def test_the_2026_figures_are_the_ones_of_the_bureaus_answer():
    # The Q&A of 2026-08-24: 上限调整为37731元/月，下限调整为7546元/月; the average is the ceiling ÷ 3.
    period = next(p for p in periods() if p.start == dt.date(2026, 7, 1))
    assert (period.base_ceiling, period.base_floor) == (37731, 7546)
    assert period.average * 3 == 37731 and period.average == 12577
    assert "37731" in period.how["base_ceiling"] and "7546" in period.how["base_floor"]
    table = tomllib.loads((PARAMETERS / "average_wage.toml").read_text(encoding="utf-8"))
    row = next(r for r in table["period"] if r["from"] == dt.date(2026, 7, 1))
    qa = next(k for k, n in sources().notices.items() if n.url == NOTICE_URLS["2026-08-24"])
    assert {"notice": qa} in row["also"]


@pytest.mark.parametrize("start", [w[0] for w in WAGES])
def test_the_recorded_figures_agree_with_each_other(start):
    """The ceiling is 3× the average (every notice, and the rulebook: "the 3× tier is the
    ceiling itself"); where the data says the floor is 60 % of the average, it is, to the yuan."""
    table = tomllib.loads((PARAMETERS / "average_wage.toml").read_text(encoding="utf-8"))
    row = next(r for r in table["period"] if r["from"] == dt.date.fromisoformat(start))
    assert abs(row["base_ceiling"] - 3 * row["average"]) < 3   # average = ceiling ÷ 3, rounded to the yuan
    if "floor_percent" in row:
        assert row["floor_percent"] == 60
        assert abs(row["base_floor"] - row["average"] * 60 / 100) < 1
    else:
        assert row["base_floor"] < row["average"] * 60 / 100   # the published floor of those years was lower
    for figure in ("average", "base_floor", "base_ceiling"):   # how each figure was confirmed, quoting it
        assert str(row[figure]) in row["how"][figure], (start, figure)


def test_a_wage_period_must_be_one_insurance_year(tmp_path):
    from calculator.source_model import validate
    from calculator.wage_model import WageTable

    table = tomllib.loads((PARAMETERS / "average_wage.toml").read_text(encoding="utf-8"))
    table["period"][-1]["to"] = dt.date(2027, 12, 31)
    with pytest.raises(DataFileError, match="1 July"):
        validate(WageTable, table, "average_wage.toml")


# ------------------------------------------------------------------ one way to cite

def test_the_banfas_title_is_written_once():
    hits = [path.name for path in PARAMETERS.glob("*.toml") if "上海市居住证积分管理办法" in path.read_text(encoding="utf-8")]
    assert hits == ["sources.toml"]
    assert editions()[0].name["zh"] == "《上海市居住证积分管理办法》（2017年12月28日印发，2018年1月1日起施行）"


def test_no_reference_repeats_an_address():
    for path in PARAMETERS.glob("*.toml"):
        if path.name != "sources.toml":
            assert "url" not in path.read_text(encoding="utf-8"), path.name


def test_the_settle_note_does_not_restate_the_years():
    text = sources().texts["hufugui_2019_45"]
    assert "7" not in text.note_zh and "7" not in text.note_en


def test_the_timeline_tables_cite_what_sources_toml_lists(tmp_path):
    from calculator.timeline.tables import SHAPES

    for name, shape in SHAPES.items():
        data = tomllib.loads((PARAMETERS / name).read_text(encoding="utf-8"))
        check(data, shape, name)
    data = tomllib.loads((PARAMETERS / "unlocks.toml").read_text(encoding="utf-8"))
    data["unlock"][0]["reference"] = {"text": "faq_validty"}
    with pytest.raises(DataFileError, match=r"unlock\[0\]\.reference.*faq_validty"):
        check(data, SHAPES["unlocks.toml"], "unlocks.toml")


def test_the_cited_texts_are_chinese_in_full_width_punctuation():
    for key, text in sources().texts.items():
        for zh in (text.title_zh, text.note_zh, text.confirm_zh or "看"):
            assert CJK.search(zh) and not ASCII_PUNCTUATION.search(zh), (key, zh)
