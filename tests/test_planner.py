"""The planner: actions are exactly what the engine rewards, ranked as documented; properties over many profiles."""
from __future__ import annotations

import datetime as dt
import json

from hypothesis import HealthCheck, given, settings, strategies as st

from calculator import score
from calculator.api import handle
from calculator.cli import main
from calculator.planner import plan
from rulebook import AWARD, EDUCATION, INSURANCE_BASE, QUALIFICATION

AS_OF = "2026-11-21"

EDU = list(EDUCATION)
QUAL = list(QUALIFICATION)


@st.composite
def profiles(draw):
    p = {"as_of": AS_OF}
    if draw(st.booleans()):
        p["age"] = draw(st.integers(16, 70))
    else:
        p["birth_date"] = (dt.date(2026, 11, 21) - dt.timedelta(days=draw(st.integers(16 * 366, 70 * 365)))).isoformat()
    p["education"] = draw(st.sampled_from(EDU))
    p["qualification"] = draw(st.sampled_from(QUAL))
    p["qualification_salary_ok"] = draw(st.booleans())
    p["social_insurance_months"] = draw(st.integers(0, 200))
    p["insurance_base"] = draw(st.sampled_from(list(INSURANCE_BASE)))
    p["award"] = draw(st.sampled_from(list(AWARD)))
    for f in ("public_service_years", "suburb_years", "spouse_hukou_years"):
        p[f] = draw(st.sampled_from([0, 0, 1, 3, 4, 5, 6, 9, 10, 12]))
    p["invest_tax_wan"] = draw(st.sampled_from([0, 5, 10, 25, 119, 130]))
    p["invest_local_hires"] = draw(st.sampled_from([0, 9, 10, 35]))
    for f in ("shortage_major", "startup_talent", "startup_service_talent", "fresh_graduate"):
        p[f] = draw(st.booleans()) and draw(st.booleans())
    for f in ("detention_count", "false_material_count", "criminal_count"):
        p[f] = draw(st.sampled_from([0, 0, 0, 1]))
    p["serious_crime"] = draw(st.integers(0, 9)) == 0
    return p


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(profiles())
def test_action_points_are_engine_deltas(p):
    result = plan(p)
    now = score(p).total
    assert result["total"] == now
    for a in result["actions"]:
        after = score({**p, a["field"]: a["to"], **a["also"]}).total
        assert a["points"] == after - now > 0, a
        assert a["closes_gap"] == (not result["meets_standard"] and after >= result["standard"])
        assert a["article"].startswith("第") and a["label"]["zh"] and a["label"]["en"]
        assert a["months"] is None or a["months"] > 0


@SETTINGS
@given(profiles())
def test_projection_properties(p):
    result = plan(p)
    proj = result["projection"]
    assert len(proj) == 121
    assert proj[0]["total"] == result["total"] and proj[0]["date"] == AS_OF
    assert all(x["total"] >= 0 for x in proj)
    ages = [x["items"].get("age", 0) for x in proj]
    assert all(b <= a for a, b in zip(ages, ages[1:])), ages
    dates = [dt.date.fromisoformat(x["date"]) for x in proj]
    assert all(a < b for a, b in zip(dates, dates[1:]))
    first = next((x["date"] for x in proj if x["total"] >= result["standard"]), None)
    assert result["reaches_standard_on"] == (None if result["disqualified"] else first)
    # each month is the engine's score of that month (spot-check one)
    assert proj[0]["items"] == {i.id: i.points for i in score(p).items if i.counted and i.points}


def test_ranking_worked_by_hand():
    # age 30 (30) + bachelor (60) + 5 months of insurance (0) = 90: the gap is 30.
    # Points of each change from the rulebook's tables; the order is the planner's documented one:
    # changes that close the gap first (no wait before a wait; the smallest sufficient first; ties
    # in the fixed order education, title, insurance base, award, talents/shortage major,
    # investment), then the rest (no wait first, more points first).
    result = plan({"as_of": AS_OF, "age": 30, "education": "bachelor", "social_insurance_months": 5})
    got = [(a["id"], a["points"], a["months"], a["closes_gap"]) for a in result["actions"]]
    bachelor = EDUCATION["bachelor"]
    assert got == [
        ("education:bachelor_degree", EDUCATION["bachelor_degree"] - bachelor, None, True),   # 30
        ("award:municipal_special", AWARD["municipal_special"], None, True),                    # 30
        ("shortage_major:true", 30, None, True),                                                # 第七条(三)
        ("invest_tax_wan:30", 30, None, True),                                                # 10 per full 10万
        ("invest_local_hires:30", 30, None, True),                                              # 10 per full 10 hires
        ("education:master", EDUCATION["master"] - bachelor, None, True),                       # 40
        ("qualification:skill_2", QUALIFICATION["skill_2"] - bachelor, None, True),             # 40 (choose one)
        ("qualification:intermediate_title", QUALIFICATION["intermediate_title"] - bachelor, None, True),
        ("education:doctorate", EDUCATION["doctorate"] - bachelor, None, True),                 # 50
        ("insurance_base:x1", INSURANCE_BASE["x1"], None, True),                                # 50
        ("award:municipal_comprehensive", AWARD["municipal_comprehensive"], None, True),        # 60
        ("qualification:skill_1", QUALIFICATION["skill_1"] - bachelor, None, True),             # 80
        ("qualification:senior_title", QUALIFICATION["senior_title"] - bachelor, None, True),
        ("insurance_base:x2", INSURANCE_BASE["x2"], None, True),                                # 100
        ("award:provincial", AWARD["provincial"], None, True),                                  # 110
        ("insurance_base:x3", INSURANCE_BASE["x3"], None, True),                                # 120
        ("startup_talent:true", 120, None, True),
        ("startup_service_talent:true", 120, None, True),
        ("social_insurance_months:120", 30, 115, True),   # 10 full years = 30 points, 115 more months
        ("insurance_base:x0.8", INSURANCE_BASE["x0.8"], None, False),                           # 25
        ("invest_tax_wan:10", 10, None, False),
        ("invest_local_hires:10", 10, None, False),
        ("social_insurance_months:12", 3, 7, False),      # the next full year: 3 points in 7 months
    ]


def test_no_suggestions_the_rules_do_not_reward():
    fields = {a["field"] for a in plan({"as_of": AS_OF, "age": 30, "education": "bachelor"})["actions"]}
    assert "fresh_graduate" not in fields and "age" not in fields
    assert "public_service_years" not in fields and "spouse_hukou_years" not in fields  # not started: unknown


def test_choose_one_is_respected():
    # master (100) already beats any title below 100; skill_2 would give 0 more
    result = plan({"as_of": AS_OF, "age": 30, "education": "master"})
    by_id = {a["id"]: a for a in result["actions"]}
    assert "qualification:skill_2" not in by_id
    assert by_id["qualification:senior_title"]["points"] == QUALIFICATION["senior_title"] - EDUCATION["master"]  # 140 - 100


def test_salary_condition_action():
    p = {"as_of": AS_OF, "age": 30, "qualification": "intermediate_title", "qualification_salary_ok": False}
    by_id = {a["id"]: a for a in plan(p)["actions"]}
    assert by_id["qualification_salary_ok:true"]["points"] == QUALIFICATION["intermediate_title"]  # 0 -> 100
    assert by_id["qualification:senior_title"]["also"] == {"qualification_salary_ok": True}


def test_threshold_and_caps():
    p = {"as_of": AS_OF, "age": 30, "suburb_years": 3, "public_service_years": 4, "spouse_hukou_years": 9}
    by_id = {a["id"]: a for a in plan(p)["actions"]}
    # rulebook: suburb 2 a year from 5 full years (5 years = 10), at most 20; public service 4 a year
    # from 5 full years (5 years = 20); spouse 4 a year, at most 40 (9 years = 36, 10 years = 40)
    assert by_id["suburb_years:5"]["points"] == 10
    assert by_id["suburb_years:5"]["months"] == 24
    assert by_id["suburb_years:10"]["points"] == 20
    assert by_id["public_service_years:5"]["points"] == 20
    assert by_id["spouse_hukou_years:10"]["points"] == 4 and "spouse_hukou_years:11" not in by_id


def test_deductions_are_explained_not_planned():
    result = plan({"as_of": AS_OF, "age": 30, "education": "bachelor", "detention_count": 1})
    assert not any(a["field"].endswith("_count") for a in result["actions"])
    assert any("第八条" in e["zh"] for e in result["explanations"])


def test_social_insurance_action_that_closes_the_gap():
    result = plan({"as_of": AS_OF, "age": 30, "education": "bachelor", "social_insurance_months": 5})
    si = [a for a in result["actions"] if a["field"] == "social_insurance_months"]
    # 30 + 60 = 90: the 30 missing points are 10 full years, 115 months from 5; it closes the gap, so it ranks first
    assert [(a["months"], a["points"], a["closes_gap"]) for a in si] == [(115, 30, True), (7, 3, False)]


def test_api_and_cli(tmp_path, capsys):
    p = {"as_of": AS_OF, "age": 44, "education": "bachelor_degree"}
    answer = json.loads(handle(json.dumps({"op": "plan", "profile": p})))
    assert answer["ok"] and answer["result"] == plan(p)
    refused = json.loads(handle(json.dumps({"op": "plan", "profile": {"age": 15}})))
    assert not refused["ok"] and refused["errors"][0]["field"] == "age"
    f = tmp_path / "p.json"
    f.write_text(json.dumps(p), encoding="utf-8")
    assert main(["plan", str(f)]) == 0
    assert json.loads(capsys.readouterr().out)["reaches_standard_on"] == "2027-11-21"
    assert main(["plan", str(f), "--format", "table"]) == 0
    out = capsys.readouterr().out
    assert "2027-11-21" in out and "第六条(四)" in out
    f.write_text(json.dumps({"age": 15}), encoding="utf-8")
    assert main(["plan", str(f)]) == 2
    assert "age" in capsys.readouterr().err
