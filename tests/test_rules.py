"""Unit tests for every indicator of the 办法, with the edges.

Expectations are taken from the rulebook (tests/rulebook.py holds its tables) and the
办法's text (第六条–第十二条), independently of the engine's code.
"""
from __future__ import annotations

import re

import pytest

from calculator import score
from rulebook import ARTICLES, AWARD, EDUCATION, GROUPS, INSURANCE_BASE, ITEM_IDS, QUALIFICATION, QUALIFICATION_NEEDS_SALARY, VETO_IDS

AS_OF = "2026-11-21"


def run(**fields) -> dict:
    profile = {"as_of": AS_OF}
    if "birth_date" not in fields:
        profile["age"] = 30
    profile.update(fields)
    return score(profile).model_dump(mode="json")


def items(d: dict) -> dict:
    return {it["id"]: it for it in d["items"]}


def pts(d: dict, item_id: str) -> int:
    return items(d)[item_id]["points"]


def counted(d: dict, item_id: str) -> bool:
    return items(d)[item_id]["counted"]


def norm_article(s: str) -> str:
    return s.replace("（", "(").replace("）", ")").replace(" ", "")


# --------------------------------------------------------------------------- shape

def test_result_shape_and_item_order():
    d = run(education="bachelor_degree")
    for key in ("total", "standard", "meets_standard", "disqualified", "edition", "items",
                "notices", "eligibility", "gap", "subtotals", "age", "as_of"):
        assert key in d, key
    assert [it["id"] for it in d["items"]] == ITEM_IDS
    assert d["standard"] == 120
    assert d["as_of"] == AS_OF
    assert d["age"] == 30
    assert isinstance(d["edition"], str) and d["edition"]
    assert d["edition"] == "2018"
    for it in d["items"]:
        assert isinstance(it["points"], int) and not isinstance(it["points"], bool)
        assert isinstance(it["counted"], bool)
        assert it["group"] == GROUPS[it["id"]], it["id"]


@pytest.mark.parametrize("item_id", ITEM_IDS)
def test_explanations_bilingual_with_article(item_id):
    # a profile that makes every item non-trivial (no veto, so nothing disqualifies)
    d = run(education="master", qualification="skill_4", social_insurance_months=30,
            startup_talent=True, startup_service_talent=True, shortage_major=True,
            invest_tax_wan=15, invest_local_hires=12, insurance_base="x1",
            public_service_years=6, suburb_years=6, fresh_graduate=True,
            award="provincial", spouse_hukou_years=2, false_material_count=1,
            detention_count=1, criminal_count=1)
    it = items(d)[item_id]
    for part in ("reason", "label"):
        assert isinstance(it[part]["zh"], str) and it[part]["zh"].strip(), (item_id, part)
        assert isinstance(it[part]["en"], str) and it[part]["en"].strip(), (item_id, part)
        assert it[part]["zh"] != it[part]["en"], (item_id, part)
    # Chinese text really is Chinese
    assert re.search(r"[\u4e00-\u9fff]", it["reason"]["zh"]), item_id
    assert norm_article(it["article"]).startswith(ARTICLES[item_id]), (item_id, it["article"])
    assert isinstance(it["conditions"], list)
    for c in it["conditions"]:
        assert c["zh"].strip() and c["en"].strip()


def test_veto_items_have_article_9_when_triggered():
    d = run(family_planning_violation=True, serious_crime=True)
    for vid in VETO_IDS:
        assert norm_article(items(d)[vid]["article"]).startswith("第九条")
        assert items(d)[vid]["reason"]["zh"].strip() and items(d)[vid]["reason"]["en"].strip()


# --------------------------------------------------------------------------- 第六条(一) age

@pytest.mark.parametrize("age,expected", [
    (16, 30), (25, 30), (43, 30), (44, 29), (45, 27), (46, 25), (50, 17), (54, 9),
    (55, 7), (56, 5), (57, 5), (59, 5), (60, 5), (61, 0), (75, 0), (100, 0),
])
def test_age_points(age, expected):
    d = run(age=age)
    assert pts(d, "age") == expected
    assert d["age"] == age
    assert counted(d, "age") is (expected > 0)


def test_age_over_60_shows_notice():
    d = run(age=61)
    assert d["notices"], "age over 60 must come with a notice (the table stops at 60)"
    texts = " ".join(n["zh"] + " " + n["en"] for n in d["notices"])
    assert "60" in texts
    for n in d["notices"]:
        assert n["zh"].strip() and n["en"].strip()


@pytest.mark.parametrize("birth,as_of,age", [
    ("2000-02-29", "2026-02-28", 25),
    ("2000-02-29", "2026-03-01", 26),
    ("2000-02-29", "2028-02-28", 27),
    ("2000-02-29", "2028-02-29", 28),
    ("1990-06-15", "2026-06-14", 35),
    ("1990-06-15", "2026-06-15", 36),
    ("1982-11-22", "2026-11-21", 43),  # one day before the 44th birthday
    ("1982-11-21", "2026-11-21", 44),  # on the birthday
    ("2010-11-21", "2026-11-21", 16),  # the youngest allowed
])
def test_age_from_birth_date(birth, as_of, age):
    d = score({"birth_date": birth, "as_of": as_of}).model_dump(mode="json")
    assert d["age"] == age
    assert d["as_of"] == as_of
    expected = 30 if age <= 43 else (0 if age > 60 else min(30, 5 + 2 * (56 - age)) if age < 56 else 5)
    assert pts(d, "age") == expected


def test_birth_date_and_age_give_same_points():
    a = score({"birth_date": "1980-02-29", "as_of": "2025-02-28"}).model_dump(mode="json")
    b = score({"age": 44, "as_of": "2025-02-28"}).model_dump(mode="json")
    assert a["total"] == b["total"] == 29
    c = score({"birth_date": "1980-02-29", "as_of": "2025-03-01"}).model_dump(mode="json")
    assert c["age"] == 45 and c["total"] == 27


def test_as_of_defaults_to_today():
    import datetime as dt
    d = score({"age": 30}).model_dump(mode="json")
    today_utc = dt.datetime.now(dt.timezone.utc).date()
    today_sh = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=8)).date()
    assert d["as_of"] in {dt.date.today().isoformat(), today_utc.isoformat(), today_sh.isoformat()}


def test_first_day_of_the_2018_edition_is_accepted():
    d = score({"age": 30, "as_of": "2018-01-01"}).model_dump(mode="json")
    assert d["edition"] == "2018"
    assert d["total"] == 30


# --------------------------------------------------------------------------- 第六条(二)(三) education / qualification

@pytest.mark.parametrize("edu,expected", EDUCATION.items())
def test_education_points(edu, expected):
    d = run(education=edu)
    assert pts(d, "education") == expected
    assert counted(d, "education") is (expected > 0)
    assert d["total"] == 30 + expected


def test_education_defaults_to_none():
    d = run()
    assert pts(d, "education") == 0 and pts(d, "qualification") == 0
    assert d["total"] == 30


@pytest.mark.parametrize("qual,expected", QUALIFICATION.items())
def test_qualification_points_salary_ok(qual, expected):
    d = run(qualification=qual)  # qualification_salary_ok defaults to true
    assert pts(d, "qualification") == expected
    assert counted(d, "qualification") is (expected > 0)
    assert d["total"] == 30 + expected
    d2 = run(qualification=qual, qualification_salary_ok=True)
    assert pts(d2, "qualification") == expected


@pytest.mark.parametrize("qual", sorted(QUALIFICATION_NEEDS_SALARY))
def test_high_qualification_needs_average_wage_base(qual):
    d = run(qualification=qual, qualification_salary_ok=False)
    assert pts(d, "qualification") == 0
    assert counted(d, "qualification") is False
    assert d["total"] == 30
    reason = items(d)["qualification"]["reason"]
    assert ("平均工资" in reason["zh"]) or ("社平" in reason["zh"]), reason["zh"]
    assert re.search(r"average\s+(wage|salary)", reason["en"], re.I), reason["en"]


@pytest.mark.parametrize("qual,expected", [(q, v) for q, v in QUALIFICATION.items() if v and q not in QUALIFICATION_NEEDS_SALARY])
def test_low_qualification_ignores_salary_condition(qual, expected):
    d = run(qualification=qual, qualification_salary_ok=False)
    assert pts(d, "qualification") == expected
    assert counted(d, "qualification") is True
    assert d["total"] == 30 + expected


def test_qualification_shows_conditions():
    # the title must be earned while working in Shanghai and match the job: shown as a condition
    d = run(qualification="intermediate_title")
    assert items(d)["qualification"]["conditions"], "qualification must list its conditions"


@pytest.mark.parametrize("edu,qual,winner,total", [
    ("bachelor_degree", "intermediate_title", "qualification", 130),   # 90 vs 100
    ("doctorate", "intermediate_title", "education", 140),             # 110 vs 100
    ("master", "senior_title", "qualification", 170),                  # 100 vs 140
    ("associate", "skill_3", "qualification", 90),                     # 50 vs 60
    ("bachelor", "skill_3", None, 90),                                 # 60 vs 60: either
    ("bachelor_degree", "skill_4", "education", 120),                  # 90 vs 30
    ("none", "skill_5", "qualification", 45),
    ("associate", "none", "education", 80),
])
def test_education_or_qualification_choose_one(edu, qual, winner, total):
    d = run(education=edu, qualification=qual)
    assert d["total"] == total
    c_edu, c_qual = counted(d, "education"), counted(d, "qualification")
    assert not (c_edu and c_qual), "only one of education / qualification counts (第十一条)"
    assert c_edu or c_qual
    if winner == "education":
        assert c_edu and not c_qual
    elif winner == "qualification":
        assert c_qual and not c_edu
    # both keep showing their own points
    assert pts(d, "education") == EDUCATION[edu]
    assert pts(d, "qualification") == QUALIFICATION[qual]


def test_tie_between_education_and_qualification_counts_once():
    d = run(education="master", qualification="skill_2")  # 100 vs 100
    assert d["total"] == 130
    assert [counted(d, "education"), counted(d, "qualification")].count(True) == 1


def test_salary_condition_makes_education_win():
    d = run(education="bachelor_degree", qualification="senior_title", qualification_salary_ok=False)
    assert d["total"] == 120
    assert counted(d, "education") is True
    assert counted(d, "qualification") is False


# --------------------------------------------------------------------------- 第六条(四) social insurance

@pytest.mark.parametrize("months,expected", [
    (0, 0), (6, 0), (11, 0), (12, 3), (23, 3), (24, 6), (35, 6), (36, 9), (84, 21),
    (120, 30), (240, 60), (600, 150),
])
def test_social_insurance_full_years(months, expected):
    d = run(social_insurance_months=months)
    assert pts(d, "social_insurance") == expected
    assert counted(d, "social_insurance") is (expected > 0)
    assert d["total"] == 30 + expected


# --------------------------------------------------------------------------- 第七条 bonus

@pytest.mark.parametrize("field", ["startup_talent", "startup_service_talent"])
def test_startup_120(field):
    d = run(**{field: True})
    assert pts(d, field) == 120 and counted(d, field)
    assert d["total"] == 150
    d = run(**{field: False})
    assert pts(d, field) == 0 and not counted(d, field)


def test_both_startup_items_add_up():
    d = run(startup_talent=True, startup_service_talent=True)
    assert d["total"] == 30 + 240


def test_shortage_major_30():
    assert pts(run(shortage_major=True), "shortage_major") == 30
    assert run(shortage_major=True)["total"] == 60
    assert pts(run(), "shortage_major") == 0


def test_fresh_graduate_10():
    d = run(fresh_graduate=True)
    assert pts(d, "fresh_graduate") == 10 and counted(d, "fresh_graduate")
    assert d["total"] == 40
    assert pts(run(), "fresh_graduate") == 0


@pytest.mark.parametrize("tax,expected", [
    (0, 0), (5, 0), (9.99, 0), (10, 10), (10.5, 10), (19.9, 10), (20, 20), (35, 30),
    (99.99, 90), (110, 110), (119.99, 110), (120, 120), (130, 120), (200, 120), (10000, 120),
])
def test_investment_tax(tax, expected):
    d = run(invest_tax_wan=tax)
    assert pts(d, "investment") == expected
    assert counted(d, "investment") is (expected > 0)
    assert d["total"] == 30 + expected


@pytest.mark.parametrize("hires,expected", [
    (0, 0), (9, 0), (9.9, 0), (10, 10), (19, 10), (25, 20), (30, 30), (119, 110),
    (120, 120), (121, 120), (500, 120),
])
def test_investment_hires(hires, expected):
    d = run(invest_local_hires=hires)
    assert pts(d, "investment") == expected
    assert d["total"] == 30 + expected


@pytest.mark.parametrize("tax,hires,expected", [
    (35, 25, 30),    # tax wins
    (25, 35, 30),    # hires win
    (15, 15, 10),    # equal: counted once, not 20
    (9, 9, 0),
    (200, 300, 120),
    (50, 0, 50),
    (0, 60, 60),
    (120, 110, 120),
])
def test_investment_higher_path_only(tax, hires, expected):
    d = run(invest_tax_wan=tax, invest_local_hires=hires)
    assert pts(d, "investment") == expected
    assert d["total"] == 30 + expected


@pytest.mark.parametrize("tier,expected", INSURANCE_BASE.items())
def test_insurance_base(tier, expected):
    d = run(insurance_base=tier)
    assert pts(d, "insurance_base") == expected
    assert counted(d, "insurance_base") is (expected > 0)
    assert d["total"] == 30 + expected


@pytest.mark.parametrize("years,expected", [
    (0, 0), (1, 0), (4, 0), (5, 20), (6, 24), (10, 40), (20, 80), (30, 120),
])
def test_public_service(years, expected):
    d = run(public_service_years=years)
    assert pts(d, "public_service") == expected
    assert counted(d, "public_service") is (expected > 0)
    assert d["total"] == 30 + expected


@pytest.mark.parametrize("years,expected", [
    (0, 0), (1, 0), (4, 0), (5, 10), (6, 12), (9, 18), (10, 20), (11, 20), (12, 20), (30, 20),
])
def test_suburb(years, expected):
    d = run(suburb_years=years)
    assert pts(d, "suburb") == expected
    assert counted(d, "suburb") is (expected > 0)
    assert d["total"] == 30 + expected


@pytest.mark.parametrize("award,expected", AWARD.items())
def test_award(award, expected):
    d = run(award=award)
    assert pts(d, "award") == expected
    assert counted(d, "award") is (expected > 0)
    assert d["total"] == 30 + expected


def test_award_defaults_to_none():
    assert pts(run(), "award") == 0


@pytest.mark.parametrize("years,expected", [
    (0, 0), (1, 4), (2, 8), (9, 36), (10, 40), (11, 40), (25, 40),
])
def test_spouse(years, expected):
    d = run(spouse_hukou_years=years)
    assert pts(d, "spouse") == expected
    assert counted(d, "spouse") is (expected > 0)
    assert d["total"] == 30 + expected


# --------------------------------------------------------------------------- 第八条 deductions

@pytest.mark.parametrize("field,item_id,per", [
    ("false_material_count", "false_material", -150),
    ("detention_count", "detention", -50),
    ("criminal_count", "criminal", -150),
])
@pytest.mark.parametrize("n", [0, 1, 2, 3])
def test_deductions_per_count(field, item_id, per, n):
    base = dict(education="doctorate", qualification="none", social_insurance_months=240,
                startup_talent=True, startup_service_talent=True, insurance_base="x3")
    # 30 + 110 + 60 + 120 + 120 + 120 = 560
    d = run(**base, **{field: n})
    assert pts(d, item_id) == per * n
    assert counted(d, item_id) is (n > 0)
    assert d["total"] == max(0, 560 + per * n)


def test_deductions_are_cumulative():
    base = dict(education="doctorate", social_insurance_months=240, startup_talent=True,
                startup_service_talent=True, insurance_base="x3")   # 560
    d = run(**base, false_material_count=1, detention_count=2, criminal_count=1)
    assert pts(d, "false_material") == -150
    assert pts(d, "detention") == -100
    assert pts(d, "criminal") == -150
    assert d["total"] == 560 - 400


@pytest.mark.parametrize("extra,total", [
    (dict(detention_count=1), 0),                 # 30 - 50 < 0
    (dict(education="associate", detention_count=1), 30),   # 80 - 50
    (dict(education="associate", detention_count=2), 0),    # 80 - 100
    (dict(education="doctorate", criminal_count=1), 0),     # 140 - 150
    (dict(education="doctorate", false_material_count=5), 0),
])
def test_total_never_below_zero(extra, total):
    d = run(**extra)
    assert d["total"] == total
    assert d["meets_standard"] is False
    assert d["gap"] == 120 - total


# --------------------------------------------------------------------------- 第九条 veto

@pytest.mark.parametrize("veto", [
    {"family_planning_violation": True},
    {"serious_crime": True},
    {"family_planning_violation": True, "serious_crime": True},
])
def test_veto_disqualifies(veto):
    d = run(education="doctorate", social_insurance_months=240, insurance_base="x3",
            startup_talent=True, **veto)
    assert d["disqualified"] is True
    assert d["total"] == 0
    assert d["meets_standard"] is False
    assert d["gap"] == 120
    for it in d["items"]:
        if it["id"] not in VETO_IDS:
            assert it["counted"] is False, it["id"]


def test_no_veto_not_disqualified():
    d = run(family_planning_violation=False, serious_crime=False, education="doctorate")
    assert d["disqualified"] is False
    assert d["total"] == 140


# --------------------------------------------------------------------------- 第十条–第十二条 totals, standard

@pytest.mark.parametrize("extra,total,meets", [
    # 30 + 60 + 3*9 (108 months) = 117; + 3 more (12 months) = 120
    (dict(education="bachelor", social_insurance_months=96), 114, False),
    (dict(education="bachelor", social_insurance_months=108), 117, False),
    (dict(education="bachelor", social_insurance_months=120), 120, True),
    (dict(age=45, education="bachelor_degree"), 117, False),      # 27 + 90
    (dict(age=44, education="bachelor_degree"), 119, False),      # 29 + 90
    (dict(age=43, education="bachelor_degree"), 120, True),       # 30 + 90
    (dict(age=44, education="bachelor_degree", social_insurance_months=12), 122, True),
])
def test_standard_120(extra, total, meets):
    d = run(**extra)
    assert d["total"] == total
    assert d["meets_standard"] is meets
    assert d["standard"] == 120
    assert d["gap"] == max(0, 120 - total)


def test_total_is_sum_of_counted_points():
    d = run(education="master", qualification="skill_1", social_insurance_months=50,
            shortage_major=True, invest_tax_wan=33, invest_local_hires=41, insurance_base="x2",
            public_service_years=7, suburb_years=8, fresh_graduate=True, award="municipal_special",
            spouse_hukou_years=3, detention_count=1)
    # 30 + max(100,140) + 12 + 30 + max(30,40) + 100 + 28 + 16 + 10 + 30 + 12 - 50 = 398
    assert d["total"] == 398
    assert d["total"] == sum(it["points"] for it in d["items"] if it["counted"])
    assert pts(d, "investment") == 40


def test_zero_point_items_not_counted():
    d = run(education="bachelor")
    for it in d["items"]:
        if it["id"] in VETO_IDS:
            continue
        if it["points"] == 0:
            assert it["counted"] is False, it["id"]


def test_subtotals_match_counted_items():
    d = run(education="master", social_insurance_months=36, shortage_major=True,
            award="municipal_special", detention_count=1)
    base = sum(it["points"] for it in d["items"] if it["counted"] and it["group"] == "base")
    bonus = sum(it["points"] for it in d["items"] if it["counted"] and it["group"] == "bonus")
    ded = sum(it["points"] for it in d["items"] if it["counted"] and it["group"] == "deduction")
    assert (base, bonus, ded) == (139, 60, -50)
    assert d["subtotals"]["base"] == base
    assert d["subtotals"]["bonus"] == bonus
    assert abs(d["subtotals"]["deduction"]) == 50   # sign convention not fixed by the contract
    assert d["total"] == 149


def test_eligibility_unknown_without_inputs_and_does_not_change_total():
    d = run(education="bachelor_degree")
    assert d["eligibility"]["status"] == "unknown"
    assert d["total"] == 120
    d2 = run(education="bachelor_degree", serious_crime=True)
    assert d2["eligibility"]["status"] in {"eligible", "not_eligible", "unknown"}


def test_profile_object_accepted():
    from calculator import Profile
    p = Profile(age=30, education="master", as_of=AS_OF)
    assert score(p).total == 130
