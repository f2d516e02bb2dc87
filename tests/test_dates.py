"""Dates as people write them: one parser for the API, the timeline, the tier helper and the
command line. Expected dates are written out by hand."""

from __future__ import annotations

import datetime as dt
import os
import pathlib
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic_core import PydanticCustomError

from calculator.api import call
from calculator.dates import parse_date

ROOT = pathlib.Path(__file__).resolve().parents[1]
APRIL_10 = dt.date(2027, 4, 10)

SPELLINGS = ["2027-04-10", "2027-4-10", "2027/4/10", "2027/04/10", "2027.4.10", "2027年4月10日", "2027年4月10号",
             "2027年04月10日", " 2027 / 4 / 10 ", "２０２７－０４－１０", "２０２７年４月１０日", "２０２７／４／１０", "20270410"]


@pytest.mark.parametrize("text", SPELLINGS)
def test_every_spelling_reads_as_the_same_day(text):
    assert parse_date(text) == APRIL_10


@pytest.mark.parametrize("text, kind", [
    ("2027/13/1", "date_impossible"), ("2027/2/30", "date_impossible"), ("2027-02-29", "date_impossible"),
    ("2027年0月1日", "date_impossible"), ("10/4/2027", "date_format"), ("4月10日", "date_format"), ("tomorrow", "date_format"),
    ("2027-04", "date_format"), ("", "date_format"), ("2027/4/10 8:00", "date_format"),
])
def test_impossible_or_unclear_dates_are_refused_never_guessed(text, kind):
    with pytest.raises(PydanticCustomError) as caught:
        parse_date(text)
    assert caught.value.type == kind


def test_a_spreadsheet_date_cell_is_a_date_but_a_time_of_day_is_not():
    assert parse_date(dt.datetime(2027, 4, 10)) == APRIL_10
    with pytest.raises(PydanticCustomError):
        parse_date(dt.datetime(2027, 4, 10, 9, 30))


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2199, 12, 31)))
def test_any_day_in_any_spelling_round_trips(day):
    for text in (day.isoformat(), f"{day.year}/{day.month}/{day.day}", f"{day.year}.{day.month}.{day.day}",
                 f"{day.year}年{day.month}月{day.day}日"):
        assert parse_date(text) == day


@pytest.mark.parametrize("text", ["2027/4/10", "2027年4月10日", "2027.4.10"])
def test_the_api_takes_each_spelling_for_the_birth_date_and_the_application_date(text):
    answer = call({"op": "score", "profile": {"as_of": text, "birth_date": "1990年4月11日"}})
    assert answer["ok"], answer
    assert answer["result"]["as_of"] == "2027-04-10" and answer["result"]["age"] == 36   # a day short of 37


def test_an_impossible_date_is_an_error_at_its_field_in_both_languages():
    answer = call({"op": "score", "profile": {"age": 30, "as_of": "2027/2/30"}})
    assert not answer["ok"]
    (error,) = answer["errors"]
    assert error["field"] == "as_of" and error["type"] == "date_impossible" and error["found"] == "2027/2/30"
    assert "2027年2月没有30日" in error["zh"] and "has no day 30" in error["en"]


def test_the_tier_helper_reads_the_same_spellings():
    slash = call({"op": "tier", "monthly_base": 12000, "on": "2026/9/1"})
    iso = call({"op": "tier", "monthly_base": 12000, "on": "2026-09-01"})
    assert slash["ok"] and slash == iso
    bad = call({"op": "tier", "monthly_base": 12000, "on": "2026/9/31"})
    assert not bad["ok"] and bad["errors"][0]["field"] == "on" and "9月没有31日" in bad["errors"][0]["zh"]


@pytest.mark.parametrize("text", ["2027/4/10", "2027年4月10日", "2027.4.10", "2027-4-10"])
def test_the_timeline_command_takes_each_spelling(text):
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    proc = subprocess.run([sys.executable, "-m", "calculator", "timeline", "--on", "2026-11-30", "--permit-expiry", text,
                           "--points-status", "approved"], cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8",
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert '"valid_to": "2027-04-10"' in proc.stdout
