"""Texts that quote an amount take it from the edition's parameters (text.with_figures),
so what the form, the help texts and the messages say cannot disagree with the rules."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from calculator.editions import editions
from calculator.formspec import form_spec
from calculator.fields import meta
from calculator.profile import INSURANCE_BASE_OPTIONS, Profile
from calculator.text import t, with_figures

PACKAGE = Path(__file__).resolve().parents[1] / "calculator"
PARAMS = {"spouse": {"points_per_year": 4, "max_points": 40}, "tiers": {"x0.8": {"multiple_from": 0.8, "multiple_below": 1.0}},
          "false_material": {"points_each": -150}, "article": "第七条"}


def test_placeholders_are_filled_from_the_parameters():
    text = t("每满1年积{spouse.points_per_year}分,最高{spouse.max_points}分", "{spouse.points_per_year} a year, at most {spouse.max_points}")
    assert with_figures(text, PARAMS) == t("每满1年积4分,最高40分", "4 a year, at most 40")


def test_figures_read_naturally():
    # a key may hold a dot itself: the tier "x0.8"
    text = t("{tiers.x0.8.multiple_from}倍至{tiers.x0.8.multiple_below}倍;扣{-false_material.points_each}分", "x")
    assert with_figures(text, PARAMS)["zh"] == "0.8倍至1倍;扣150分"


def test_an_amount_in_wan_is_written_in_yuan():
    assert with_figures(t("", "from {spouse.points_per_year:cny} CNY"), PARAMS)["en"] == "from 40,000 CNY"


def test_a_text_without_placeholders_is_unchanged():
    assert with_figures(t("无 {", "none }"), PARAMS) == t("无 {", "none }")


def test_unknown_figures_and_non_numbers_are_refused():
    with pytest.raises(KeyError):
        with_figures(t("{spouse.points_per_month}", ""), PARAMS)
    with pytest.raises(TypeError):
        with_figures(t("{article}", ""), PARAMS)


def test_help_texts_and_labels_quote_the_newest_edition():
    newest = editions()[-1]
    spouse, tier = newest["spouse"], newest["insurance_base"]["tiers"]["x3"]
    assert meta(Profile, "spouse_hukou_years")["x-help"] == t(
        f"结婚每满1年积{spouse['points_per_year']}分，最高{spouse['max_points']}分",
        f"{spouse['points_per_year']} points per full year of marriage, at most {spouse['max_points']}",
    )
    assert meta(Profile, "criminal_count")["x-help"]["zh"] == f"每条扣{-newest['criminal']['points_each']}分"
    assert INSURANCE_BASE_OPTIONS["x3"]["zh"] == (
        f"社平工资{tier['multiple_from']:g}倍，即缴费上限（近{tier['within_years']}年累计{tier['months']}个月）")
    # and these are the 2018 figures of the 办法
    assert meta(Profile, "public_service_years")["x-help"]["zh"] == "每满1年积4分，满5年后才计入总分"
    assert INSURANCE_BASE_OPTIONS["x0.8"]["zh"] == "社平工资0.8倍至1倍以下（近4年累计36个月）"
    assert meta(Profile, "invest_tax_wan")["x-help"]["en"] == (
        "Yearly average over the last 3 years; from 100,000 CNY, 10 points per 100,000")


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def test_the_form_spec_has_no_unfilled_placeholder():
    left = [s for s in _strings(form_spec()) if re.search(r"\{-?[a-z_]+\.[a-z0-9_.]+(?::[a-z]+)?\}", s)]
    assert not left, left


# An amount written into a text: a number (other than 0 and 1, which are not amounts but
# "no points" and "per full year") followed by a unit of the 办法.
AMOUNT = {
    "zh": re.compile(r"(?<![\d.{])(\d+(?:\.\d+)?)\s*(?:分|倍|个月|年|万元|人)"),
    "en": re.compile(r"(?<![\d.,{])(\d+(?:\.\d+)?)\s*(?:×|(?:points?|months?|years?|people)\b)"),
}


def _text_literals():
    """(file:line, language, literal part) of every t(...) / tf(...) call in the package."""
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in {"t", "tf"}:
                for language, arg in zip(("zh", "en"), node.args):
                    parts = arg.values if isinstance(arg, ast.JoinedStr) else [arg]
                    for part in parts:
                        if isinstance(part, ast.Constant) and isinstance(part.value, str):
                            yield f"{path.relative_to(PACKAGE.parent)}:{node.lineno}", language, part.value


def test_no_amount_is_written_into_a_text():
    found = []
    for where, language, text in _text_literals():
        for match in AMOUNT[language].finditer(re.sub(r"\{[^{}]*\}", " ", text)):
            if match.group(1) not in {"0", "1"}:
                found.append(f"{where}: {match.group(0)!r} in {text!r}")
    assert not found, "write these as {indicator.key} figures (text.with_figures) or f-string values:\n" + "\n".join(found)


def test_the_amount_check_would_catch_one():
    text = "每满1年积4分,最高40分"
    assert [m.group(1) for m in AMOUNT["zh"].finditer(text) if m.group(1) not in {"0", "1"}] == ["4", "40"]
    assert [m.group(1) for m in AMOUNT["en"].finditer("at least 6 months, 0.8× the wage")] == ["6", "0.8"]
