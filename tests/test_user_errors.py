"""Every error a user can cause gets a clear message in Chinese and English, at its field:
on the command line (exit 2, one line per field, no traceback) and through the API
(``{"ok": false, "errors": [...]}``, never an internal error)."""
from __future__ import annotations

import io
import json
import os
import pathlib
import re
import subprocess
import sys

import pytest

from calculator.api import handle
from calculator.cli import main
from rulebook import INSURANCE_BASE, WAGES

ROOT = pathlib.Path(__file__).resolve().parent.parent
HAN = re.compile(r"[\u4e00-\u9fff]")

# (what the user did, the tier request's fields or a profile, the field the message must name)
TIER_CASES = [
    ("a date before the first edition", {"monthly_base": "15000", "on": "2017-06-01", "average": "8000"}, "on"),
    ("a date that does not exist", {"monthly_base": "15000", "on": "2026-02-30"}, "on"),
    ("a date in another format", {"monthly_base": "15000", "on": "01/06/2024"}, "on"),
    ("a negative base", {"monthly_base": "-100", "on": "2024-01-01"}, "monthly_base"),
    ("a base that is not a number", {"monthly_base": "abc", "on": "2024-01-01"}, "monthly_base"),
    ("a zero average", {"monthly_base": "15000", "on": "2024-01-01", "average": "0"}, "average"),
    ("a date the wage table does not cover", {"monthly_base": "15000", "on": "2019-06-01"}, "average"),
]
PROFILE_CASES = [
    ("score", "a date before the first edition", {"as_of": "2017-06-01", "age": 30}, "as_of"),
    ("score", "a date that does not exist", {"as_of": "2026-13-01", "age": 30}, "as_of"),
    ("score", "an edition asked for by name (not a field)", {"as_of": "2026-01-01", "age": 30, "edition": "2013"}, "edition"),
    ("score", "a birth date after the application date", {"as_of": "2026-01-01", "birth_date": "2026-05-01"}, "birth_date"),
    ("plan", "a date whose ten-year plan runs past the calendar", {"as_of": "9995-01-01", "age": 30}, "as_of"),
    ("plan", "a date before the first edition", {"as_of": "2010-01-01", "age": 30}, "as_of"),
]


def assert_bilingual(error: dict, field: str) -> None:
    assert error["field"] == field, error
    assert HAN.search(error["zh"]) and error["en"].strip() and error["zh"] != error["en"], error


def cli(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def tier_argv(req: dict) -> list[str]:
    argv = ["tier", "--", req["monthly_base"]] if req["monthly_base"].startswith("-") else ["tier", req["monthly_base"]]
    for key in ("on", "average"):
        if key in req:
            argv[1:1] = [f"--{key}", req[key]]
    return argv


@pytest.mark.parametrize("what,req,field", TIER_CASES, ids=[c[0] for c in TIER_CASES])
def test_tier_api(what, req, field):
    answer = json.loads(handle(json.dumps({"op": "tier", **req})))
    assert answer["ok"] is False
    assert_bilingual(answer["errors"][0], field)


@pytest.mark.parametrize("what,req,field", TIER_CASES, ids=[c[0] for c in TIER_CASES])
def test_tier_cli(what, req, field):
    code, out, err = cli(tier_argv(req))
    assert code == 2 and out == ""
    line = err.strip()
    assert line.startswith(f"{field}: ") and " / " in line and HAN.search(line), line


@pytest.mark.parametrize("op,what,profile,field", PROFILE_CASES, ids=[f"{c[0]}: {c[1]}" for c in PROFILE_CASES])
def test_profile_api(op, what, profile, field):
    answer = json.loads(handle(json.dumps({"op": op, "profile": profile})))
    assert answer["ok"] is False
    assert_bilingual(answer["errors"][0], field)


@pytest.mark.parametrize("op,what,profile,field", PROFILE_CASES, ids=[f"{c[0]}: {c[1]}" for c in PROFILE_CASES])
def test_profile_cli(op, what, profile, field, tmp_path):
    f = tmp_path / "p.json"
    f.write_text(json.dumps(profile), encoding="utf-8")
    code, out, err = cli([op, str(f)])
    assert code == 2 and out == ""
    assert err.startswith(f"{field}: ") and HAN.search(err), err


def test_the_reported_command_gives_a_message_not_a_traceback():
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    proc = subprocess.run([sys.executable, "-m", "calculator", "tier", "15000", "--on", "2017-06-01", "--average", "8000"],
                          cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "2017-06-01" in proc.stderr and "2018-01-01" in proc.stderr  # the date asked and the first edition's
    assert HAN.search(proc.stderr) and "no edition of the rules" in proc.stderr


def test_a_valid_tier_still_answers():
    # 2023-07 → 2024-06: average 12,183 (rulebook). 15,000 / 12,183 = 1.23×: the 1–2× tier.
    start, average, floor, ceiling = next(w for w in WAGES if w[0] == "2023-07-01")
    answer = json.loads(handle(json.dumps({"op": "tier", "monthly_base": 15000, "on": "2024-01-01"})))
    assert answer["ok"] is True
    result = answer["result"]
    assert (result["tier"], result["points"], result["average"]) == ("x1", INSURANCE_BASE["x1"], average)
    assert result["multiple"] == round(15000 / average, 4)
    assert result["article"] == "第七条(五)"
    # at the ceiling the 3× tier; just under it, the 2× tier
    top = json.loads(handle(json.dumps({"op": "tier", "monthly_base": ceiling, "on": "2024-01-01"})))["result"]
    below = json.loads(handle(json.dumps({"op": "tier", "monthly_base": ceiling - 1, "on": "2024-01-01"})))["result"]
    assert (top["tier"], below["tier"]) == ("x3", "x2")


@pytest.mark.parametrize("argv", [["tier"], ["tier", "100", "--bogus"], ["frobnicate"]], ids=["missing", "unknown option", "unknown command"])
def test_command_line_refusals_are_bilingual(argv, capsys):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "命令行参数有误" in err and "invalid arguments" in err
