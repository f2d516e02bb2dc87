"""The input contract (rulebook, "Contract"): refused profiles and the JSON Schema.

A refused profile raises ProfileError whose .errors are field-level messages
[{"field", "type", "zh", "en"}], in Chinese and English, naming the field.
"""
from __future__ import annotations

import math
import re

import pytest

from calculator import Profile, ProfileError, score
from rulebook import AWARD, EDUCATION, INSURANCE_BASE, QUALIFICATION, STANDARD

AS_OF = "2026-11-21"

ENUMS = {name: list(table) for name, table in
         {"education": EDUCATION, "qualification": QUALIFICATION, "insurance_base": INSURANCE_BASE, "award": AWARD}.items()}
BOOLS = {
    "qualification_salary_ok": True,
    "startup_talent": False, "startup_service_talent": False, "shortage_major": False,
    "fresh_graduate": False, "family_planning_violation": False, "serious_crime": False,
}
INTS = ["social_insurance_months", "public_service_years", "suburb_years", "spouse_hukou_years",
        "false_material_count", "detention_count", "criminal_count"]
NUMBERS = ["invest_tax_wan", "invest_local_hires"]
ALL_FIELDS = (["as_of", "age", "birth_date"] + list(ENUMS) + list(BOOLS) + INTS + NUMBERS)


def refused(profile) -> list[dict]:
    with pytest.raises(ProfileError) as ei:
        score(profile)
    errors = ei.value.errors
    assert isinstance(errors, list) and errors, "a refused profile must list its errors"
    for e in errors:
        assert set(e) >= {"field", "type", "zh", "en"}, e
        assert isinstance(e["zh"], str) and e["zh"].strip(), e
        assert isinstance(e["en"], str) and e["en"].strip(), e
        assert e["zh"] != e["en"], e
        assert re.search(r"[\u4e00-\u9fff]", e["zh"]), e
    return errors


def fields_of(errors) -> set:
    return {e["field"] for e in errors}


def ok(**kw):
    p = {"as_of": AS_OF, "age": 30}
    p.update(kw)
    return p


# --------------------------------------------------------------------------- refused profiles

def test_unknown_field():
    errs = refused(ok(salary=10000))
    assert "salary" in fields_of(errs)
    e = [e for e in errs if e["field"] == "salary"][0]
    assert e["type"] == "extra_forbidden"
    assert "拼写" in e["zh"] and "spelling" in e["en"], e


def test_misspelt_field_is_not_ignored():
    errs = refused(ok(educaton="master"))
    assert "educaton" in fields_of(errs)


def test_both_age_and_birth_date():
    errs = refused({"as_of": AS_OF, "age": 30, "birth_date": "1996-01-01"})
    assert fields_of(errs) & {"age", "birth_date"}


def test_neither_age_nor_birth_date():
    errs = refused({"as_of": AS_OF, "education": "master"})
    assert fields_of(errs) & {"age", "birth_date"}


def test_empty_profile():
    errs = refused({})
    assert fields_of(errs) & {"age", "birth_date"}


@pytest.mark.parametrize("bad", [15, 0, -1, 101, 150, "abc", 30.5, True, False, [30], {"v": 30}])
def test_bad_age(bad):
    errs = refused(ok(age=bad))
    assert "age" in fields_of(errs)


def test_age_null_without_birth_date():
    errs = refused(ok(age=None))
    assert fields_of(errs) & {"age", "birth_date"}


def test_age_limits_inclusive():
    assert score(ok(age=16)).age == 16
    assert score(ok(age=100)).age == 100


def test_age_error_says_what_is_allowed():
    errs = refused(ok(age=15))
    e = [e for e in errs if e["field"] == "age"][0]
    assert "16" in e["en"] and "16" in e["zh"]


@pytest.mark.parametrize("field", INTS)
@pytest.mark.parametrize("bad", [-1, -12, 1.5, "many", True])
def test_bad_non_negative_integers(field, bad):
    errs = refused(ok(**{field: bad}))
    assert field in fields_of(errs)


# The item each count or duration feeds (rulebook, "The indicators").
ITEM_OF = {"social_insurance_months": "social_insurance", "public_service_years": "public_service",
           "suburb_years": "suburb", "spouse_hukou_years": "spouse", "false_material_count": "false_material",
           "detention_count": "detention", "criminal_count": "criminal"}
AGE_30 = 30   # 第六条(一): 30 points at 43 or younger; ok() is 30 years old and nothing else


def points_of(result, item_id) -> int:
    return next(i.points for i in result.items if i.id == item_id)


@pytest.mark.parametrize("field", INTS)
def test_zero_is_allowed(field):
    result = score(ok(**{field: 0}))
    assert points_of(result, ITEM_OF[field]) == 0
    assert result.total == AGE_30 and not result.meets_standard


@pytest.mark.parametrize("field", list(ENUMS))
@pytest.mark.parametrize("bad", ["phd", "", "MASTER", 3, None, True])
def test_enum_value_not_in_list(field, bad):
    errs = refused(ok(**{field: bad}))
    assert field in fields_of(errs)


@pytest.mark.parametrize("field", list(ENUMS))
def test_enum_error_lists_allowed_values(field):
    errs = refused(ok(**{field: "not-a-level"}))
    e = [e for e in errs if e["field"] == field][0]
    # "what is allowed": at least one of the enum ids appears in the message
    assert any(v in e["en"] for v in ENUMS[field] if v != "none") or any(
        v in e["zh"] for v in ENUMS[field] if v != "none"), e


@pytest.mark.parametrize("field", list(ENUMS))
def test_every_enum_value_accepted(field):
    """Each value scores its row of the rulebook's table (the other of education and
    qualification is at none, so 第十一条's higher-of-the-two is the table itself)."""
    table = {"education": EDUCATION, "qualification": QUALIFICATION, "insurance_base": INSURANCE_BASE, "award": AWARD}[field]
    for v in ENUMS[field]:
        result = score(ok(**{field: v}))
        assert points_of(result, field) == table[v], (field, v)
        assert result.total == AGE_30 + table[v], (field, v)
        assert result.meets_standard == (result.total >= STANDARD), (field, v)


@pytest.mark.parametrize("field", NUMBERS)
@pytest.mark.parametrize("bad", [float("nan"), -0.01, -1, -100, "lots", True, None])
def test_bad_investment_numbers(field, bad):
    errs = refused(ok(**{field: bad}))
    assert field in fields_of(errs)


@pytest.mark.parametrize("field", NUMBERS)
@pytest.mark.parametrize(("value", "points"), [(12.5, 10), (19.99, 10), (9.99, 0), (0, 0), (25.5, 20)])
def test_investment_numbers_accept_fractions(field, value, points):
    """第七条(四): 10 points per full 10万元 of yearly tax or per full 10 Shanghai hires, from
    10 on: a fraction counts as the full tens below it."""
    result = score(ok(**{field: value}))
    assert points_of(result, "investment") == points
    assert result.total == AGE_30 + points


@pytest.mark.parametrize("field", list(BOOLS))
@pytest.mark.parametrize("bad", ["maybe", 2, None, [True]])
def test_bad_booleans(field, bad):
    errs = refused(ok(**{field: bad}))
    assert field in fields_of(errs)


def test_birth_date_after_as_of():
    errs = refused({"as_of": AS_OF, "birth_date": "2026-11-22"})
    assert "birth_date" in fields_of(errs)


def test_birth_date_giving_age_below_16():
    errs = refused({"as_of": AS_OF, "birth_date": "2010-11-22"})   # 15 on as_of
    assert fields_of(errs) & {"birth_date", "age"}


@pytest.mark.parametrize("field", ["birth_date", "as_of"])
@pytest.mark.parametrize("bad", ["2026-02-30", "2026-13-01", "21/11/2026", "yesterday", "", "2026-1-1x", "2026-11-21T00:00:00x"])
def test_bad_date_strings(field, bad):
    p = {"as_of": AS_OF, "birth_date": "1990-05-05"} if field == "birth_date" else {"age": 30, "as_of": AS_OF}
    p[field] = bad
    errs = refused(p)
    assert field in fields_of(errs)


@pytest.mark.parametrize("as_of", ["2017-12-31", "2013-07-01", "2000-01-01"])
def test_as_of_before_first_edition(as_of):
    errs = refused({"age": 30, "as_of": as_of})
    assert "as_of" in fields_of(errs)


def test_several_bad_fields_reported_together():
    errs = refused({"as_of": AS_OF, "age": 15, "education": "phd", "detention_count": -1, "foo": 1})
    assert {"age", "education", "detention_count", "foo"} <= fields_of(errs)


def test_not_a_mapping():
    with pytest.raises((ProfileError, TypeError, ValueError)):
        score([("age", 30)])


# --------------------------------------------------------------------------- JSON Schema

def _resolve(schema: dict, node: dict) -> dict:
    while "$ref" in node:
        name = node["$ref"].split("/")[-1]
        node = {**schema.get("$defs", {}).get(name, {}), **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _variants(schema: dict, node: dict) -> list[dict]:
    """The node and the alternatives of anyOf/oneOf/allOf, all with $ref resolved."""
    node = _resolve(schema, node)
    out = [node]
    for key in ("anyOf", "oneOf", "allOf"):
        for sub in node.get(key, []):
            out.extend(_variants(schema, sub))
    return out


def _enum_values(schema, node) -> set:
    vals = set()
    for v in _variants(schema, node):
        vals.update(v.get("enum", []))
        if "const" in v:
            vals.add(v["const"])
    vals.discard(None)
    return vals


def _types(schema, node) -> set:
    t = set()
    for v in _variants(schema, node):
        x = v.get("type")
        if isinstance(x, list):
            t.update(x)
        elif x:
            t.add(x)
    return t


def _bound(schema, node, key):
    for v in _variants(schema, node):
        if key in v:
            return v[key]
    return None


@pytest.fixture(scope="module")
def schema():
    return Profile.model_json_schema()


def test_schema_lists_every_contract_field(schema):
    props = schema["properties"]
    missing = [f for f in ALL_FIELDS if f not in props]
    assert not missing, missing


def test_schema_forbids_unknown_fields(schema):
    assert schema.get("additionalProperties") is False


@pytest.mark.parametrize("field", list(ENUMS))
def test_schema_enum_ids_and_default(schema, field):
    node = schema["properties"][field]
    assert _enum_values(schema, node) == set(ENUMS[field])
    assert node.get("default") == "none"


@pytest.mark.parametrize("field", list(BOOLS))
def test_schema_booleans(schema, field):
    node = schema["properties"][field]
    assert "boolean" in _types(schema, node)
    assert node.get("default") is BOOLS[field]


@pytest.mark.parametrize("field", INTS)
def test_schema_integers(schema, field):
    node = schema["properties"][field]
    assert "integer" in _types(schema, node)
    assert node.get("default") == 0
    assert _bound(schema, node, "minimum") == 0


@pytest.mark.parametrize("field", NUMBERS)
def test_schema_numbers(schema, field):
    node = schema["properties"][field]
    assert _types(schema, node) & {"number", "integer"}
    assert node.get("default") == 0
    assert _bound(schema, node, "minimum") == 0


def test_schema_age(schema):
    node = schema["properties"]["age"]
    assert "integer" in _types(schema, node)
    assert _bound(schema, node, "minimum") == 16
    assert _bound(schema, node, "maximum") == 100
    assert node.get("default") is None


@pytest.mark.parametrize("field", ["as_of", "birth_date"])
def test_schema_dates(schema, field):
    node = schema["properties"][field]
    formats = {v.get("format") for v in _variants(schema, node)}
    assert "date" in formats


def test_schema_requires_nothing_but_the_age_choice(schema):
    # every field has a default except the age / birth_date pair (exactly one is required)
    required = set(schema.get("required", []))
    assert required <= {"age", "birth_date"}


def test_defaults_applied():
    d = score({"age": 30, "as_of": AS_OF}).model_dump(mode="json")
    assert d["total"] == 30
    assert all(it["points"] == 0 for it in d["items"] if it["id"] != "age")
    assert d["disqualified"] is False


# --------------------------------------------------------------------------- the worker's JSON entry point

def test_api_handle_score_matches_score():
    import json
    from calculator.api import handle
    p = {"as_of": AS_OF, "age": 32, "education": "bachelor_degree", "social_insurance_months": 84}
    resp = json.loads(handle(json.dumps({"op": "score", "profile": p})))
    assert resp["ok"] is True
    assert resp["result"] == score(p).model_dump(mode="json")
    assert resp["result"]["total"] == 141   # 30 + 90 + 21


def test_api_handle_refused_profile_gives_field_errors():
    import json
    from calculator.api import handle
    resp = json.loads(handle(json.dumps({"op": "score", "profile": {"as_of": AS_OF, "age": 15, "foo": 1}})))
    assert resp["ok"] is False
    fields = {e["field"] for e in resp["errors"]}
    assert {"age", "foo"} <= fields
    for e in resp["errors"]:
        assert e["zh"].strip() and e["en"].strip() and e["zh"] != e["en"]


@pytest.mark.parametrize("request_text", ["{not json", "[]", '{"op": "nope"}', '{"profile": {"age": 30}}'])
def test_api_handle_malformed_request_field_null(request_text):
    import json
    from calculator.api import handle
    resp = json.loads(handle(request_text))
    assert resp["ok"] is False
    assert resp["errors"] and all(e["zh"].strip() and e["en"].strip() for e in resp["errors"])
    assert any(e["field"] is None for e in resp["errors"])


def test_full_width_digits_from_chinese_keyboards_are_read():
    """A Chinese IME may type "３０" and "２０２６－０３－０１"; they mean 30 and 2026-03-01."""
    wide = score({"age": "３０", "social_insurance_months": "３６", "invest_tax_wan": "２５", "as_of": "２０２６－０３－０１"})
    plain = score({"age": 30, "social_insurance_months": 36, "invest_tax_wan": 25, "as_of": "2026-03-01"})
    assert wide.model_dump() == plain.model_dump()
