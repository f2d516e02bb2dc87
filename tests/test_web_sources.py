"""The front end states no rule figure and keeps its strings in one catalogue: the
standard, the projection's horizon, the social-insurance year, the batch file's
identifying columns and verdicts come from dist/formspec.json or the engine's answers
(docs/architecture.md), so a new edition cannot leave the page saying an old figure.

What the page can say is what these tests read: the string and number literals of the
JavaScript modules (template literals' text included, comments not), the text and
attribute values of the HTML pages, and the quoted strings of the stylesheets (`content:`
puts them on screen). Lengths and other CSS values are not read: `width: 120px` is a
length, not the standard.
"""

from __future__ import annotations

import bisect
import functools
import re
from pathlib import Path

import pytest

WEB = Path(__file__).resolve().parents[1] / "web"
SOURCES = sorted(p for p in WEB.rglob("*") if p.suffix in {".mjs", ".js", ".html", ".css"})

# A length, a duration or an angle in a string ('120px' set from a script) is not a figure.
UNIT = r"(?:px|r?em|ms|s|vh|vw|deg)\b"

# Written from the rulebook (第十二条 the standard of 120; the planner's horizon of ten
# years; the social-insurance year from 1 July to 30 June; the batch file's identifying
# columns and verdict labels of calculator/batch.py's docstring), not read from the engine.
FIGURES = {
    "the standard": re.compile(rf"(?<![\d.])120(?![\d.])(?!\s*{UNIT})"),
    "the horizon": re.compile(r"十年|(?<![\d.])10\s*(年|years?)\b|ten years", re.I),
    "the insurance year": re.compile(r"(?<![\d.])[76]\s*月|\bJuly\b|\bJune\b"),
    "the identifying columns": re.compile(r"姓名|工号|编号"),
    # calculator/batch.py's labels, lower case; the page's own verdict ("Meets the standard") is a sentence
    "the batch verdicts": re.compile(r"取消资格|^\s*(meets|below) the standard\s*$"),
}
# Number literals: only the standard is a number the page would compute with.
NUMBERS = {"the standard": {120}}


# ---------------------------------------------------------------- reading what the page can say


class JSSyntaxError(ValueError):
    pass


def line_of(text: str):
    """at -> the line number of offset `at` in `text`."""
    starts = [0] + [k + 1 for k, c in enumerate(text) if c == "\n"]
    return lambda at: bisect.bisect_right(starts, at)


# A `/` after a value (a literal, a name, `)`, `]` or `}`) divides; after anything else (an
# operator, `(`, `,`, or one of these keywords) it starts a regular-expression literal.
_KEYWORDS_BEFORE_EXPRESSION = {"return", "typeof", "case", "do", "else", "in", "of", "new", "delete",
                               "void", "throw", "instanceof", "yield", "await"}
_IDENT = re.compile(r"[A-Za-z_$\u0080-\uffff][\w$\u0080-\uffff]*")
_NUMBER = re.compile(r"0[xX][\da-fA-F_]+n?|0[oO][0-7_]+n?|0[bB][01_]+n?|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?n?")


def js_literals(text: str) -> list[tuple[str, int, str | float]]:
    """The literals of a JavaScript source, in order: ("string", line, text) for string
    literals and each text part of a template literal (between its ${...}), ("number", line,
    value) for number literals. Comments and regular-expression literals are skipped.
    Raises JSSyntaxError on an unterminated string, template, comment or expression."""
    out: list[tuple[str, int, str | float]] = []
    i, n = 0, len(text)
    line = line_of(text)
    prev = ""            # the previous significant token, to tell a regex from a division
    braces: list[str] = []   # "{" for a block or object, "${" for a template's expression

    def string_end(start: int, quote: str) -> int:
        k = start + 1
        while k < n:
            c = text[k]
            if c == "\\":
                k += 2
                continue
            if c == quote:
                return k
            if c == "\n" and quote != "`":
                break
            k += 1
        raise JSSyntaxError(f"unterminated string at line {line(start)}")

    def template_part(start: int) -> int:
        """Read template text from `start` (after ` or }) to its end: the index after the
        closing ` (returns it), or after `${` (pushes the expression)."""
        k, buf = start, []
        while k < n:
            c = text[k]
            if c == "\\":
                buf.append(text[k:k + 2])
                k += 2
                continue
            if c == "`":
                out.append(("string", line(start), "".join(buf)))
                return k + 1
            if c == "$" and text.startswith("${", k):
                out.append(("string", line(start), "".join(buf)))
                braces.append("${")
                return k + 2
            buf.append(c)
            k += 1
        raise JSSyntaxError(f"unterminated template literal at line {line(start)}")

    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif text.startswith("//", i):
            i = text.find("\n", i)
            i = n if i < 0 else i
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            if end < 0:
                raise JSSyntaxError(f"unterminated comment at line {line(i)}")
            i = end + 2
        elif c in "'\"":
            end = string_end(i, c)
            out.append(("string", line(i), text[i + 1:end]))
            i, prev = end + 1, "literal"
        elif c == "`":
            i, prev = template_part(i + 1), "literal"
        elif c == "}" and braces and braces[-1] == "${":
            braces.pop()
            i, prev = template_part(i + 1), "literal"
        elif c == "/" and not (prev == "literal" or prev in {")", "]", "}"} or (_IDENT.fullmatch(prev or "-")
                                                                       and prev not in _KEYWORDS_BEFORE_EXPRESSION)):
            k, in_class = i + 1, False
            while k < n and text[k] != "\n":
                if text[k] == "\\":
                    k += 2
                    continue
                if text[k] == "[":
                    in_class = True
                elif text[k] == "]":
                    in_class = False
                elif text[k] == "/" and not in_class:
                    break
                k += 1
            else:
                raise JSSyntaxError(f"unterminated regular expression at line {line(i)}")
            m = _IDENT.match(text, k + 1)
            i, prev = (m.end() if m else k + 1), "literal"
        elif (m := _NUMBER.match(text, i)) and (c.isdigit() or (c == "." and i + 1 < n and text[i + 1].isdigit())):
            raw = m.group(0).replace("_", "").rstrip("n")
            try:
                value: float = int(raw, 0) if raw[:2].lower() in ("0x", "0o", "0b") else float(raw)
            except ValueError:
                raise JSSyntaxError(f"bad number {m.group(0)!r} at line {line(i)}") from None
            out.append(("number", line(i), value))
            i, prev = m.end(), "literal"
        elif m := _IDENT.match(text, i):
            i, prev = m.end(), m.group(0)
        else:
            if c == "{":
                braces.append("{")
            elif c == "}":
                if not braces:
                    raise JSSyntaxError(f"unbalanced }} at line {line(i)}")
                braces.pop()
            i, prev = i + 1, c
    if braces:
        raise JSSyntaxError(f"{len(braces)} unclosed {{ or ${{ at the end")
    return out


def html_texts(text: str) -> list[tuple[str, int, str | float]]:
    """What an HTML page says: its text and attribute values, without comments, <style>
    blocks and style attributes; an inline <script>'s literals as JavaScript's."""
    line = line_of(text)
    out: list[tuple[str, int, str | float]] = []
    blank = lambda m: " " * len(m.group(0))  # noqa: E731  (keeps the offsets, for line numbers)
    text = re.sub(r"<!--.*?-->", blank, text, flags=re.S)
    text = re.sub(r"<style\b.*?</style\s*>", blank, text, flags=re.S | re.I)
    for m in re.finditer(r"(<script\b[^>]*>)(.*?)</script\s*>", text, flags=re.S | re.I):
        first = line(m.start(2)) - 1
        out += [(kind, first + at, value) for kind, at, value in js_literals(m.group(2))]
    text = re.sub(r"(<script\b[^>]*>).*?(</script\s*>)", lambda m: m.group(1) + " " * (m.end() - m.start() - len(m.group(1)) - len(m.group(2))) + m.group(2), text, flags=re.S | re.I)
    for tag in re.finditer(r"<[A-Za-z][^>]*>", text):
        for a in re.finditer(r"""([\w:-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", tag.group(0)):
            if a.group(1).lower() != "style":
                out.append(("string", line(tag.start()), a.group(2).strip("'\"")))
    for t in re.finditer(r">([^<]+)<", text):
        if t.group(1).strip():
            out.append(("string", line(t.start(1)), t.group(1)))
    return out


def css_strings(text: str) -> list[tuple[str, int, str | float]]:
    """The quoted strings of a stylesheet (what `content:` can show), without comments."""
    text = re.sub(r"/\*.*?\*/", lambda m: re.sub(r"[^\n]", " ", m.group(0)), text, flags=re.S)
    return [("string", text.count("\n", 0, m.start()) + 1, m.group(2))
            for m in re.finditer(r"""(["'])((?:\\.|(?!\1)[^\\\n])*)\1""", text)]


@functools.lru_cache(maxsize=None)
def said_by(path: Path) -> list[tuple[str, int, str | float]]:
    """What the file at `path` can put on screen (kind, line, value), by its type."""
    text = path.read_text(encoding="utf-8")
    read = {".html": html_texts, ".css": css_strings}.get(path.suffix, js_literals)
    return read(text)


def figures_in(paths, what: str) -> list[str]:
    """Where the files in `paths` state the rule figure `what`: "file:line: literal"."""
    found = []
    for p in paths:
        for kind, at, value in said_by(p):
            if kind == "number" and value in NUMBERS.get(what, ()):
                found.append(f"{p.name}:{at}: the number {value:g}")
            elif kind == "string" and any(FIGURES[what].search(part) for part in str(value).splitlines() or [""]):
                found.append(f"{p.name}:{at}: {str(value)[:80]!r}")
    return found


def code_of(path: Path) -> str:
    """The file's text without comments (/* */, // to the end of a line, <!-- -->)."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    # a // comment starts a line or follows whitespace (not "https://" inside a string)
    return re.sub(r"(^|\s)//[^\n]*", r"\1", text)


# ---------------------------------------------------------------- the front end


def test_the_sources_are_found_and_read():
    names = {p.relative_to(WEB).as_posix() for p in SOURCES}
    assert {"index.html", "batch.html", "shared/i18n.mjs", "calculator/result.mjs", "plan/chart.mjs",
            "styles/styles.css"} <= names
    for p in SOURCES:   # every file reads to its end (an unterminated literal would raise)
        said_by(p)
    i18n = [v for kind, _, v in said_by(WEB / "shared" / "i18n.mjs") if kind == "string"]
    assert "Loading…" in i18n and "正在加载…" in i18n


@pytest.mark.parametrize("what", sorted(FIGURES))
def test_no_rule_figure_is_written_in_web(what):
    found = figures_in(SOURCES, what)
    assert not found, f"{what} is written in web/ (take it from formspec.json or the result): {found}"


# ---------------------------------------------------------------- the check itself


PLANTED_JS = """// 标准分 120: a comment says anything
const a = 'https://x/';  /* 10 years */
const n = 120;
const s = '还差' + (120 - total) + '分';
const t = `到 ${year} 年 7 月 1 日`;
const u = `${n} / ${`满 120 分`}`;
const w = '120px', d = "120ms", k = 1200, r = /120/.test(x) ? a / 120 : 0;
const m = { en: 'the year starts in July' };
const ok = ['meets the standard'];
"""


def test_the_check_finds_planted_figures_in_a_module(tmp_path):
    sample = tmp_path / "planted.mjs"
    sample.write_text(PLANTED_JS, encoding="utf-8")
    assert figures_in([sample], "the standard") == [
        "planted.mjs:3: the number 120", "planted.mjs:4: the number 120",
        "planted.mjs:6: '满 120 分'", "planted.mjs:7: the number 120",
    ]
    assert figures_in([sample], "the insurance year") == ["planted.mjs:5: ' 年 7 月 1 日'", "planted.mjs:8: 'the year starts in July'"]
    assert figures_in([sample], "the batch verdicts") == ["planted.mjs:9: 'meets the standard'"]
    assert figures_in([sample], "the horizon") == []   # only in a comment


def test_the_check_finds_planted_figures_in_a_page_but_not_in_styles(tmp_path):
    page = tmp_path / "planted.html"
    page.write_text('<!doctype html><!-- 120 -->\n<style>.a { width: 120px }</style>\n'
                    '<div style="max-width: 120px" title="满 120 分">\n<p>标准分 120 分，每年 7 月起算</p>\n'
                    '<script>const x = "June";</script></div>\n', encoding="utf-8")
    sheet = tmp_path / "planted.css"
    sheet.write_text(".chart { width: 120px; } /* July */\n.gauge::after { content: '满 120 分'; }\n", encoding="utf-8")
    assert figures_in([page, sheet], "the standard") == [
        "planted.html:3: '满 120 分'", "planted.html:4: '标准分 120 分，每年 7 月起算'", "planted.css:2: '满 120 分'"]
    assert figures_in([page, sheet], "the insurance year") == ["planted.html:5: 'June'", "planted.html:4: '标准分 120 分，每年 7 月起算'"]


def test_the_reader_refuses_what_it_cannot_read():
    for broken in ("const s = 'open;\n", "const t = `open ${x}", "/* open", "f({);"):
        with pytest.raises(JSSyntaxError):
            js_literals(broken)


# ---------------------------------------------------------------- one catalogue


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
