"""Pending figures said out loud: each social-insurance year starts on 1 July, but its
average-wage notice comes out in August or later. On a date in a year whose notice is not
in the data (the year after the last row of the rulebook's table: from 2027-07-01 while the
table ends with the year from 2026-07-01), every answer that used the figures says which
year's figures it used, that the new ones are not published yet, and that the tier may change."""
from __future__ import annotations

import csv as csv_module
import datetime as dt
import io

from calculator import api
from calculator.engine import score
from calculator.insurance_base import tier_for
from calculator.planner import plan

# Age 30: 30; bachelor's education and degree: 90; base 1–2× the average: 50.
PROFILE = {"age": 30, "education": "bachelor_degree", "insurance_base": "x1"}
from rulebook import WAGES

# The last year the rulebook gives, and the year after it, whose notice is not out yet.
LAST_FROM, LAST_AVERAGE, _, LAST_CEILING = WAGES[-1]
LAST = dt.date.fromisoformat(LAST_FROM)
NEXT = LAST.replace(year=LAST.year + 1)
KNOWN_DAY, PENDING_DAY = LAST.replace(month=8, day=15).isoformat(), NEXT.replace(month=8, day=15).isoformat()


def _pending(notes):
    return [n for n in notes if n.get("kind") == "pending_figures"]


def _says_it(note):
    assert note["insurance_year_from"] == NEXT.isoformat()
    assert (note["figures_from"], note["figures_to"]) == (LAST_FROM, (NEXT - dt.timedelta(days=1)).isoformat())
    assert (note["average"], note["base_ceiling"]) == (LAST_AVERAGE, LAST_CEILING)   # the rulebook's last figures
    assert "尚未公布" in note["zh"] and f"{LAST.year}年7月1日" in note["zh"] and "档次可能会变" in note["zh"]
    assert "not published yet" in note["en"] and LAST_FROM in note["en"] and "tier may change" in note["en"]
    assert "上年度全口径城镇单位就业人员月平均工资" in note["zh"]
    assert not any(c in note["zh"] for c in ",;:()")   # full-width punctuation


def test_the_score_says_the_figures_are_pending():
    pending = score({**PROFILE, "as_of": PENDING_DAY}).model_dump(mode="json")
    known = score({**PROFILE, "as_of": KNOWN_DAY}).model_dump(mode="json")
    assert pending["total"] == known["total"] == 30 + 90 + 50   # the note changes no score
    [note] = _pending(pending["notes"])
    _says_it(note)
    assert known["notes"] == []


def test_a_score_that_does_not_use_the_figures_has_no_note():
    plain = {k: v for k, v in PROFILE.items() if k != "insurance_base"}
    assert score({**plain, "as_of": PENDING_DAY}).notes == []
    # a title whose salary condition compares the base with the average does use them
    titled = {**plain, "qualification": "intermediate_title"}
    assert len(score({**titled, "as_of": PENDING_DAY}).notes) == 1


def test_the_tier_helper_says_the_figures_are_pending():
    [note] = _pending(tier_for(20000, PENDING_DAY)["notes"])
    _says_it(note)
    assert _pending(tier_for(20000, KNOWN_DAY)["notes"]) == []
    assert _pending(tier_for(20000, PENDING_DAY, average=13000)["notes"]) == []   # the user's own figure


def test_the_plan_says_the_figures_are_pending():
    [note] = _pending(plan({**PROFILE, "as_of": PENDING_DAY})["notes"])
    _says_it(note)
    assert plan({**PROFILE, "as_of": KNOWN_DAY})["notes"] == []


def test_the_batch_rows_say_the_figures_are_pending():
    csv = ("name,as_of,age,education,insurance_base\n"
           f"pending,{PENDING_DAY},30,bachelor_degree,x1\n"
           f"known,{KNOWN_DAY},30,bachelor_degree,x1\n"
           f"no tier,{PENDING_DAY},30,bachelor_degree,none\n"
           f"refused,{PENDING_DAY},300,bachelor_degree,x1\n")
    answer = api.call({"op": "batch", "csv_text": csv})
    assert answer["ok"]
    records = answer["result"]["records"]
    assert [len(r["notes"]) for r in records] == [1, 0, 0, 0]
    _says_it(records[0]["notes"][0])
    [file_note] = answer["result"]["notes"]
    _says_it(file_note)
    # the file to save has a notes column, filled on the pending row only
    rows = list(csv_module.reader(io.StringIO(answer["result"]["csv_text"])))
    assert rows[0][-1] == "说明"
    assert [bool(r[-1]) for r in rows[1:]] == [True, False, False, False]


def test_the_api_score_carries_the_note():
    answer = api.call({"op": "score", "profile": {**PROFILE, "as_of": PENDING_DAY}})
    _says_it(answer["result"]["notes"][0])
