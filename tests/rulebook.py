"""Facts the tests take from the project's rulebook (sections "The indicators",
"Contract" and "The average wage"), written out here by hand, never imported from
the engine, so that a wrong engine cannot make its own tests agree with it.
Every test file takes these tables from here; none keeps its own copy."""

# The breakdown's items, in the order of the result contract.
ITEM_IDS = [
    "age", "education", "qualification", "social_insurance",
    "startup_talent", "startup_service_talent", "shortage_major", "investment",
    "insurance_base", "public_service", "suburb", "fresh_graduate", "award", "spouse",
    "false_material", "detention", "criminal",
    "family_planning_violation", "serious_crime",
]
# 第九条: the one-vote vetoes.
VETO_IDS = {"family_planning_violation", "serious_crime"}

# Which group each item belongs to (基础 第六条, 加分 第七条, 减分 第八条, 一票否决 第九条).
GROUPS = {
    "age": "base", "education": "base", "qualification": "base", "social_insurance": "base",
    "startup_talent": "bonus", "startup_service_talent": "bonus", "shortage_major": "bonus",
    "investment": "bonus", "insurance_base": "bonus", "public_service": "bonus", "suburb": "bonus",
    "fresh_graduate": "bonus", "award": "bonus", "spouse": "bonus",
    "false_material": "deduction", "detention": "deduction", "criminal": "deduction",
    "family_planning_violation": "veto", "serious_crime": "veto",
}

# The article each item cites.
ARTICLES = {
    "age": "第六条(一)", "education": "第六条(二)", "qualification": "第六条(三)", "social_insurance": "第六条(四)",
    "startup_talent": "第七条(一)", "startup_service_talent": "第七条(二)", "shortage_major": "第七条(三)",
    "investment": "第七条(四)", "insurance_base": "第七条(五)", "public_service": "第七条(六)",
    "suburb": "第七条(七)", "fresh_graduate": "第七条(八)", "award": "第七条(九)", "spouse": "第七条(十)",
    "false_material": "第八条(一)", "detention": "第八条(二)", "criminal": "第八条(三)",
    "family_planning_violation": "第九条", "serious_crime": "第九条",
}

# Point tables (第六条(二)(三), 第七条(五)(九)), in the order of the contract's enums (lowest first).
EDUCATION = {"none": 0, "associate": 50, "bachelor": 60, "bachelor_degree": 90, "master": 100, "doctorate": 110}
QUALIFICATION = {"none": 0, "skill_5": 15, "skill_4": 30, "skill_3": 60, "skill_2": 100,
                 "intermediate_title": 100, "skill_1": 140, "senior_title": 140}
# 第六条(三): these count only with 6 of 12 months paid on at least the average wage.
QUALIFICATION_NEEDS_SALARY = {"skill_2", "intermediate_title", "skill_1", "senior_title"}
INSURANCE_BASE = {"none": 0, "x0.8": 25, "x1": 50, "x2": 100, "x3": 120}
AWARD = {"none": 0, "municipal_special": 30, "municipal_comprehensive": 60, "provincial": 110}

STANDARD = 120  # 第十二条

# "The average wage": the published figures per social-insurance year, CNY per month:
# (from, average, base floor, base ceiling). The floor and ceiling are the notices' own.
WAGES = [
    ("2020-07-01", 9339, 4927, 28017),
    ("2021-07-01", 10338, 5975, 31014),
    ("2022-07-01", 11396, 6520, 34188),
    ("2023-07-01", 12183, 7310, 36549),
    ("2024-07-01", 12307, 7384, 36921),
    ("2025-07-01", 12434, 7460, 37302),
    ("2026-07-01", 12577, 7546, 37731),
]
