"""Facts the tests take from the rulebook (/work/shared/policy/rules.md), not from the
engine, so that a wrong engine cannot make its own tests agree with it."""

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
