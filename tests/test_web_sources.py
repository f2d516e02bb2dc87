"""The front end states no rule figure and keeps its strings in one catalogue: the
standard, the projection's horizon, the social-insurance year, the batch file's
identifying columns and verdicts come from dist/formspec.json or the engine's answers
(docs/architecture.md), so a new edition cannot leave the page saying an old figure.

These tests read the sources under web/ as text, with comments removed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

WEB = Path(__file__).resolve().parents[1] / "web"
SOURCES = sorted(p for p in WEB.rglob("*") if p.suffix in {".mjs", ".js", ".html", ".css"})

# Written from the rulebook (第十二条 the standard of 120; the planner's horizon of ten
# years; the social-insurance year from 1 July to 30 June; the batch file's identifying
# columns and verdict labels of calculator/batch.py's docstring), not read from the engine.
FIGURES = {
    "the standard": re.compile(r"(?<![\d.])120(?![\d])"),
    "the horizon": re.compile(r"十年|(?<![\d.])10\s*(年|years?)\b|ten years", re.I),
    "the insurance year": re.compile(r"(?<![\d.])[76]\s*月|\bJuly\b|\bJune\b"),
    "the identifying columns": re.compile(r"姓名|工号|编号"),
    "the batch verdicts": re.compile(r"取消资格|meets the standard'\s*,\s*below"),
}


def code_of(path: Path) -> str:
    """The file's text without comments (/* */, // to the end of a line, <!-- -->)."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    # a // comment starts a line or follows whitespace (not "https://" inside a string)
    return re.sub(r"(^|\s)//[^\n]*", r"\1", text)


def test_the_sources_are_found():
    names = {p.relative_to(WEB).as_posix() for p in SOURCES}
    assert {"index.html", "batch.html", "shared/i18n.mjs", "calculator/result.mjs", "plan/chart.mjs"} <= names


@pytest.mark.parametrize("what", sorted(FIGURES))
def test_no_rule_figure_is_written_in_web(what):
    found = [f"{p.relative_to(WEB)}: {m.group(0)!r}" for p in SOURCES for m in FIGURES[what].finditer(code_of(p))]
    assert not found, f"{what} is written in web/ (take it from formspec.json or the result): {found}"


def test_the_checker_sees_a_figure_and_skips_comments(tmp_path):
    sample = tmp_path / "x.mjs"
    sample.write_text("// 标准分 120\nconst a = 'https://x/';  /* 10 years */\nconst n = 120;\n", encoding="utf-8")
    code = code_of(sample)
    assert [m.group(0) for m in FIGURES["the standard"].finditer(code)] == ["120"]
    assert not FIGURES["the horizon"].search(code) and "https://x/" in code


def test_one_catalogue_of_strings():
    """Strings in both languages live only in web/shared/i18n.mjs; pages use data-i18n keys."""
    private = [p.relative_to(WEB).as_posix() for p in SOURCES
               if p.name != "i18n.mjs" and re.search(r"\bzh:\s*['\"`]", code_of(p))]
    assert not private, f"private {{zh, en}} tables outside web/shared/i18n.mjs: {private}"
    attributes = [p.name for p in SOURCES if p.suffix == ".html" and re.search(r"\bdata-(zh|en)=", code_of(p))]
    assert not attributes, f"data-zh/data-en in pages (use data-i18n keys): {attributes}"
    catalogue = code_of(WEB / "shared" / "i18n.mjs")
    keys = set(re.findall(r"^  (\w+): \{ zh:", catalogue, flags=re.M))
    used = {k for p in SOURCES if p.suffix == ".html" for k in re.findall(r'data-i18n(?:-aria-label)?="(\w+)"', code_of(p))}
    assert used and used <= keys, f"data-i18n keys missing from the catalogue: {sorted(used - keys)}"
