"""The Chinese view is Chinese: every zh string the page shows — its own catalogue
(web/shared/i18n.mjs) and everything exported with the form spec (labels, help, options,
section names, the timeline's fields) — uses full-width punctuation between Chinese text
and has no English words, except names that are written that way in Chinese too (ids a
spreadsheet uses, units such as YYYY-MM-DD, product names)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from calculator.formspec import form_spec

I18N = Path(__file__).resolve().parents[1] / "web" / "shared" / "i18n.mjs"

CJK = r"\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’《》…—"
# an ASCII , ; : ( ) with Chinese right before or right after it (spaces between allowed)
ASCII_PUNCT = re.compile(rf"(?<=[{CJK}])\s*[,;:()]|[,;:()]\s*(?=[{CJK}])")
WORD = re.compile(r"[A-Za-z][\w'’]*[A-Za-z0-9]")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
# written in Latin letters in Chinese text as well
ALLOWED = {
    "YYYY", "MM", "DD", "Cookie", "CSV", "UTF", "BOM", "GBK", "Excel", "HR", "KB", "MB", "ics", "PDF",
    "Chromium", "Chrome", "Edge", "WebKit", "WebKitGTK", "Safari", "iPhone", "Firefox", "ESR", "JavaScript",
    "Python", "Pyodide", "WebAssembly", "Web", "Worker", "true", "false",
    "csv", "xlsx", "errors",   # files' extensions; the results file's column of errors
}
# the language switch speaks the other language on purpose (its element has lang="en")
OTHER_LANGUAGE = {"lang_switch", "lang_switch_label"}


def catalogue() -> dict[str, str]:
    text = I18N.read_text(encoding="utf-8")
    found = re.findall(r"^  (\w+): \{ zh: '((?:[^'\\]|\\.)*)'", text, flags=re.M)
    return {key: zh.replace("\\'", "'") for key, zh in found}


def spec_strings(node, path="spec"):
    if isinstance(node, dict):
        if isinstance(node.get("zh"), str):
            yield path, node["zh"]
        for key, value in node.items():
            if key != "zh":
                yield from spec_strings(value, f"{path}.{key}")
    elif isinstance(node, list):
        for k, value in enumerate(node):
            yield from spec_strings(value, f"{path}[{k}]")


def spec_ids(spec) -> set[str]:
    ids = set()
    for part in (spec, spec["timeline"]):
        for f in part["fields"]:
            ids.add(f["name"])
            ids.update(o["value"] for o in f.get("options", []))
    return ids


def problems(where: str, zh: str, allowed: set[str]) -> list[str]:
    text = PLACEHOLDER.sub("", zh)
    out = [f"{where}: ASCII {m.group(0).strip()!r} in Chinese text: {zh!r}" for m in ASCII_PUNCT.finditer(text)]
    words = [w for w in WORD.findall(text) if w not in allowed]
    if words:
        out.append(f"{where}: English {words} in {zh!r}")
    return out


def test_the_catalogue_is_read():
    strings = catalogue()
    assert len(strings) > 100 and strings["title"] == "上海居住证积分计算器"


def test_the_pages_own_chinese_strings():
    allowed = ALLOWED | spec_ids(form_spec())
    found = [p for key, zh in catalogue().items() if key not in OTHER_LANGUAGE for p in problems(key, zh, allowed)]
    assert not found, "\n".join(found)


def test_the_exported_chinese_strings():
    spec = form_spec()
    allowed = ALLOWED | spec_ids(spec)
    found = [p for where, zh in spec_strings(spec) for p in problems(where, zh, allowed)]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("zh, bad", [("年龄(周岁)", True), ("缴费基数;可用", True), ("年龄，周岁", False),
                                     ("如 2027-04-10", False), ("每{x.y:cny}元", False), ("用 Excel 打开", False),
                                     ("Switch to English", True), ("标准分 {standard} 分", False)])
def test_the_checker(zh, bad):
    assert bool(problems("x", zh, ALLOWED)) is bad


# The engine's own Chinese: every reason, note and assumption of a score and a plan, for
# profiles that reach every rule's wording (the highest age, a title beside a degree, a
# title without its salary condition, both investment paths, years not yet counting, a cap,
# deductions, a veto). The 办法's citations (第七条(五)) are data, quoted as the 办法's
# tables print them; everything around them is checked.
ARTICLE = re.compile(r"第[一二三四五六七八九十]+条(\([一二三四五六七八九十]+\))*")
ENGINE_PROFILES = [
    {"age": 61, "education": "none", "social_insurance_months": 0},
    {"age": 30, "education": "bachelor_degree", "qualification": "intermediate_title", "qualification_salary_ok": False,
     "social_insurance_months": 50, "insurance_base": "x0.8", "spouse_hukou_years": 12, "award": "provincial",
     "invest_tax_wan": 25, "invest_local_hires": 30, "public_service_years": 3, "suburb_years": 7},
    {"age": 45, "education": "master", "qualification": "senior_title", "qualification_salary_ok": True,
     "social_insurance_months": 130, "insurance_base": "x3", "startup_talent": True, "shortage_major": True,
     "fresh_graduate": True, "false_material_count": 1, "detention_count": 2, "criminal_count": 1},
    {"age": 35, "education": "associate", "social_insurance_months": 24, "serious_crime": True},
]


def engine_strings(node, path="answer"):
    yield from spec_strings(node, path)
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, str) and re.search(r"[\u4e00-\u9fff]", value) and key != "en":
                yield f"{path}.{key}", value


@pytest.mark.parametrize("profile", ENGINE_PROFILES, ids=lambda p: f"age{p['age']}")
def test_the_engines_chinese_answers(profile):
    import json

    from calculator.api import handle

    found = []
    for op in ("score", "plan"):
        answer = json.loads(handle(json.dumps({"op": op, "profile": {**profile, "as_of": "2026-11-21"}})))
        assert answer["ok"], answer
        strings = list(engine_strings(answer))
        assert strings, f"{op}: no Chinese found"
        found += [p for where, zh in strings for p in problems(f"{op} {where}", ARTICLE.sub("", zh), ALLOWED)]
    assert not found, "\n".join(found)
