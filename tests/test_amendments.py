"""An amendment of the 办法 states only what changes, from its date, and is laid over the
edition it amends. Here a made-up amendment (not a real one) raises the points per full
year of social insurance (第六条(四)) from 3 to 4 from 2027-09-01; the expected totals are
worked out by hand from the rulebook's tables, not read from the data."""
from __future__ import annotations

import datetime as dt
import pathlib
import shutil

import pytest

from calculator.edition_model import DataFileError
from calculator.editions import edition_on, read_editions
from calculator.engine import score

PARAMETERS = pathlib.Path(__file__).resolve().parent.parent / "calculator" / "parameters"

AMENDMENT = """\
[edition]
id = "test-2027-09"
in_force_from = 2027-09-01
amends = "2018"
reference = { document = "banfa_2018", article = "第二十三条" }
name_zh = "《上海市居住证积分管理办法》(2027年9月1日起调整积分标准,示例)"
name_en = "The points measures as adjusted from 2027-09-01 (an example)"

[social_insurance]
points_per_step = 4
"""

# Age 30: 30 (≤43, 第六条(一)); bachelor's education and degree: 90 (第六条(二)); 60 months of
# social insurance = 5 full years (第六条(四)): 5 × 3 = 15 under the 2018 edition.
PROFILE = {"age": 30, "education": "bachelor_degree", "social_insurance_months": 60}
BEFORE = 30 + 90 + 5 * 3   # 135
AFTER = 30 + 90 + 5 * 4    # 140 with 4 points a full year


@pytest.fixture
def folder(tmp_path: pathlib.Path) -> pathlib.Path:
    # The 2018 edition and the sources it cites, copied as shipped (and nothing else, so a
    # real amendment shipped later does not change the hand-worked totals).
    law = tmp_path / "parameters"
    law.mkdir()
    for name in ("sources.toml", "edition_2018.toml"):
        shutil.copyfile(PARAMETERS / name, law / name)
    (law / "edition_test_amendment.toml").write_text(AMENDMENT, encoding="utf-8")
    return law


def test_the_amendment_is_laid_over_the_edition_it_amends(folder):
    first = edition_on(dt.date(2027, 8, 31), read_editions(folder))
    amended = edition_on(dt.date(2027, 9, 1), read_editions(folder))
    assert (first.id, first.in_force_to) == ("2018", dt.date(2027, 8, 31))
    assert (amended.id, amended.in_force_from, amended.in_force_to) == ("test-2027-09", dt.date(2027, 9, 1), None)
    assert amended.social_insurance.points_per_step == 4
    assert amended.social_insurance.months_per_step == 12            # kept from 2018
    assert amended.article("social_insurance") == "第六条(四)"        # kept from 2018
    assert amended.params["social_insurance"]["points_per_step"] == 4  # the mapping texts quote


def test_the_scores_on_both_sides_of_the_date(folder):
    law = read_editions(folder)
    before = score({**PROFILE, "as_of": "2027-08-31"}, law)
    after = score({**PROFILE, "as_of": "2027-09-01"}, law)
    assert (before.edition, before.total) == ("2018", BEFORE)
    assert (after.edition, after.total) == ("test-2027-09", AFTER)
    assert after.item("social_insurance").points == 20
    assert "4" in after.item("social_insurance").reason["zh"]
    assert score({**PROFILE, "as_of": "2027-09-01"}).edition != "test-2027-09"   # the shipped law is untouched


def test_an_amendment_without_a_name_is_named_after_the_edition_it_amends(folder):
    text = "\n".join(line for line in AMENDMENT.splitlines() if not line.startswith("name_"))
    (folder / "edition_test_amendment.toml").write_text(text, encoding="utf-8")
    amended = edition_on(dt.date(2027, 9, 1), read_editions(folder))
    assert amended.name["zh"].startswith("《上海市居住证积分管理办法》") and "2027年9月1日" in amended.name["zh"]


def test_a_misspelt_key_in_an_amendment_fails_at_load(folder):
    (folder / "edition_test_amendment.toml").write_text(AMENDMENT.replace("points_per_step = 4", "points_per_stp = 4"), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"edition_test_amendment\.toml[\s\S]*social_insurance\.points_per_stp"):
        read_editions(folder)


def test_an_amendment_of_an_unknown_edition_fails_at_load(folder):
    (folder / "edition_test_amendment.toml").write_text(AMENDMENT.replace('amends = "2018"', 'amends = "2019"'), encoding="utf-8")
    with pytest.raises(DataFileError, match="2019"):
        read_editions(folder)


def test_an_amendment_must_start_after_the_edition_it_amends(folder):
    (folder / "edition_test_amendment.toml").write_text(AMENDMENT.replace("2027-09-01", "2017-09-01"), encoding="utf-8")
    with pytest.raises(DataFileError, match="starts after"):
        read_editions(folder)
