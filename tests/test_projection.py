"""The projection: month by month for ten years, each month scored by the engine; hand-checked cases as data."""
from __future__ import annotations

import datetime as dt
import json
import pathlib

import pytest

from calculator.planner import plan
from calculator.projection import HORIZON_MONTHS, add_months, profile_after
from calculator import parse

CASES = sorted((pathlib.Path(__file__).parent / "planner_cases").glob("*.json"))


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_hand_checked_case(path):
    case = json.loads(path.read_text(encoding="utf-8"))
    result = plan(case["profile"])
    by_date = {p["date"]: p for p in result["projection"]}
    assert result["reaches_standard_on"] == case["reaches_standard_on"], case["why"]
    for date, total in case["totals"].items():
        assert by_date[date]["total"] == total, (date, case["why"])
    for date, age in case.get("ages", {}).items():
        assert by_date[date]["age"] == age, (date, case["why"])
    for date, points in case.get("age_points", {}).items():
        assert by_date[date]["items"].get("age", 0) == points, (date, case["why"])


def test_cases_exist():
    assert len(CASES) >= 3


@pytest.mark.parametrize("start, months, expected", [
    ("2026-01-31", 1, "2026-02-28"),
    ("2028-01-31", 1, "2028-02-29"),
    ("2026-11-21", 110, "2036-01-21"),
    ("2026-12-15", 1, "2027-01-15"),
    ("2026-03-31", 120, "2036-03-31"),
])
def test_add_months(start, months, expected):
    assert add_months(dt.date.fromisoformat(start), months).isoformat() == expected


def test_only_started_years_grow():
    p = parse({"as_of": "2026-11-21", "age": 30, "suburb_years": 2})
    later = profile_after(p, 25)
    assert later.suburb_years == 4 and later.public_service_years == 0 and later.spouse_hukou_years == 0
    assert later.social_insurance_months == 25 and later.age == 32


def test_birth_date_counts_real_birthdays():
    result = plan({"as_of": "2026-11-21", "birth_date": "1982-12-01", "education": "master"})
    ages = [p["age"] for p in result["projection"][:2]]
    assert ages == [43, 44]  # the birthday falls in the first month, not 12 months later
    assert result["projection"][1]["items"]["age"] == 29


def test_disqualified_never_reaches():
    result = plan({"as_of": "2026-11-21", "age": 30, "education": "doctorate", "serious_crime": True})
    assert result["reaches_standard_on"] is None
    assert all(p["total"] == 0 for p in result["projection"])
    assert result["actions"] == []
    assert any("第九条" in e["zh"] for e in result["explanations"])


def test_already_there_reaches_today():
    result = plan({"as_of": "2026-11-21", "age": 30, "education": "bachelor_degree"})
    assert result["reaches_standard_on"] == "2026-11-21" and result["meets_standard"]
    assert len(result["projection"]) == HORIZON_MONTHS + 1
