"""The command line: python -m calculator score FILE|- [--format table], python -m calculator schema."""
from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys

import pytest

from calculator import score

ROOT = pathlib.Path(__file__).resolve().parent.parent
AS_OF = "2026-11-21"


def cli(*args, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
               PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "calculator", *args], cwd=ROOT, env=env,
                          input=stdin, capture_output=True, text=True, encoding="utf-8", timeout=60)


def write(tmp_path, obj, name="p.json") -> str:
    f = tmp_path / name
    f.write_text(obj if isinstance(obj, str) else json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    return str(f)


GOOD = {"as_of": AS_OF, "age": 32, "education": "bachelor_degree", "social_insurance_months": 84,
        "insurance_base": "x1", "detention_count": 1}
# 30 + 90 + 21 + 50 - 50 = 141


def no_traceback(proc):
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stdout


def test_score_file_exit_0_and_json(tmp_path):
    proc = cli("score", write(tmp_path, GOOD))
    assert proc.returncode == 0, proc.stderr
    d = json.loads(proc.stdout)
    assert d["total"] == 141
    assert d["meets_standard"] is True
    assert d == score(GOOD).model_dump(mode="json")


def test_score_stdin_dash():
    proc = cli("score", "-", stdin=json.dumps(GOOD))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["total"] == 141


def test_score_stdin_utf8_bom_free_chinese_ok(tmp_path):
    # a file with non-ASCII content elsewhere (pretty-printed, newline-terminated) still parses
    text = json.dumps(GOOD, ensure_ascii=False, indent=2) + "\n"
    proc = cli("score", write(tmp_path, text))
    assert proc.returncode == 0, proc.stderr


def test_refused_profile_exit_2_one_line_per_field(tmp_path):
    bad = {"as_of": AS_OF, "age": 15, "education": "phd", "detention_count": -1, "salary": 9000}
    proc = cli("score", write(tmp_path, bad))
    assert proc.returncode == 2
    no_traceback(proc)
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    fields = ["age", "education", "detention_count", "salary"]
    for f in fields:
        assert any(ln.startswith(f) for ln in lines), (f, proc.stderr)
    assert len(lines) == len(fields), proc.stderr
    assert proc.stdout.strip() == ""


def test_refused_profile_single_field(tmp_path):
    proc = cli("score", write(tmp_path, {"as_of": AS_OF, "age": 101}))
    assert proc.returncode == 2
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("age"), proc.stderr


def test_refused_profile_messages_are_bilingual(tmp_path):
    proc = cli("score", write(tmp_path, {"as_of": AS_OF, "age": 15}))
    assert proc.returncode == 2
    import re
    assert re.search(r"[\u4e00-\u9fff]", proc.stderr), proc.stderr
    assert re.search(r"[A-Za-z]{3,}", proc.stderr.split("age", 1)[1]), proc.stderr


def test_refused_via_stdin():
    proc = cli("score", "-", stdin=json.dumps({"as_of": AS_OF, "age": 30, "award": "nobel"}))
    assert proc.returncode == 2
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("award"), proc.stderr


@pytest.mark.parametrize("text", ["{not json", "", "{\"age\": 30,}", "[1, 2]", "\"age\"", "30"])
def test_malformed_json_exit_2_clear_message(tmp_path, text):
    proc = cli("score", write(tmp_path, text))
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    no_traceback(proc)
    assert proc.stderr.strip(), "a clear message is expected on stderr"
    assert proc.stdout.strip() == ""


def test_malformed_json_on_stdin():
    proc = cli("score", "-", stdin="{oops")
    assert proc.returncode == 2
    no_traceback(proc)
    assert proc.stderr.strip()


def test_missing_file_is_an_error_not_a_traceback(tmp_path):
    proc = cli("score", str(tmp_path / "does-not-exist.json"))
    assert proc.returncode != 0
    no_traceback(proc)
    assert proc.stderr.strip()


def test_table_format(tmp_path):
    proc = cli("score", "--format", "table", write(tmp_path, GOOD))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "141" in out
    d = score(GOOD).model_dump(mode="json")
    for it in d["items"]:
        if it["counted"]:
            assert it["label"]["zh"] in out or it["label"]["en"] in out, it["id"]
    # it is a table, not the JSON
    with pytest.raises(ValueError):
        json.loads(out)
    # both languages
    import re
    assert re.search(r"[\u4e00-\u9fff]", out)
    assert re.search(r"[A-Za-z]{3,}", out)


def test_table_format_option_after_file(tmp_path):
    proc = cli("score", write(tmp_path, GOOD), "--format", "table")
    assert proc.returncode == 0, proc.stderr
    assert "141" in proc.stdout


def test_table_format_refused_still_exit_2(tmp_path):
    proc = cli("score", "--format", "table", write(tmp_path, {"age": 15, "as_of": AS_OF}))
    assert proc.returncode == 2
    no_traceback(proc)


def test_table_format_disqualified(tmp_path):
    proc = cli("score", "--format", "table", write(tmp_path, dict(GOOD, serious_crime=True)))
    assert proc.returncode == 0, proc.stderr
    assert "0" in proc.stdout


def test_schema_command():
    proc = cli("schema")
    assert proc.returncode == 0, proc.stderr
    s = json.loads(proc.stdout)
    assert s.get("type") == "object"
    props = s["properties"]
    for f in ("as_of", "age", "birth_date", "education", "qualification", "qualification_salary_ok",
              "social_insurance_months", "startup_talent", "startup_service_talent", "shortage_major",
              "fresh_graduate", "invest_tax_wan", "invest_local_hires", "insurance_base",
              "public_service_years", "suburb_years", "spouse_hukou_years", "false_material_count",
              "detention_count", "criminal_count", "family_planning_violation", "serious_crime", "award"):
        assert f in props, f
    from calculator import Profile
    assert s == json.loads(json.dumps(Profile.model_json_schema()))


def test_unknown_command_is_an_error():
    proc = cli("frobnicate")
    assert proc.returncode != 0
    no_traceback(proc)
