"""Worked examples (tests/examples/*.json) run through the Python API and the CLI.

Each example is a readable persona with its arithmetic spelled out article by
article (field "why"); the expectations come from the rulebook's tables
(tests/rulebook.py) and a hand calculation, not from the engine.
"""
from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys

import pytest

from calculator import score
from rulebook import ITEM_IDS, STANDARD

ROOT = pathlib.Path(__file__).resolve().parent.parent
EXAMPLES_DIR = pathlib.Path(__file__).resolve().parent / "examples"
EXAMPLES = sorted(EXAMPLES_DIR.glob("*.json"))



def load(path: pathlib.Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def check_result(d: dict, ex: dict, where: str) -> None:
    title = f"{ex['title']} [{where}]"
    items = {it["id"]: it for it in d["items"]}
    assert [it["id"] for it in d["items"]] == ITEM_IDS, title
    assert d["total"] == ex["expected_total"], f"{title}: total {d['total']} != {ex['expected_total']}"
    assert d["meets_standard"] is ex["meets_standard"], title
    assert d["standard"] == STANDARD, title
    for item_id, pts in ex["expected_items"].items():
        assert items[item_id]["points"] == pts, (
            f"{title}: item {item_id} points {items[item_id]['points']} != {pts}")
    for item_id, counted in ex.get("expected_counted", {}).items():
        assert items[item_id]["counted"] is counted, (
            f"{title}: item {item_id} counted {items[item_id]['counted']} != {counted}")
    disqualified = bool(ex["profile"].get("family_planning_violation") or ex["profile"].get("serious_crime"))
    assert d["disqualified"] is disqualified, title
    if not disqualified:
        counted_sum = sum(it["points"] for it in d["items"] if it["counted"])
        assert d["total"] == max(0, counted_sum), title


def test_there_are_enough_examples():
    assert len(EXAMPLES) >= 12  # more are welcome


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_is_well_formed(path):
    ex = load(path)
    assert {"title", "why", "profile", "expected_total", "expected_items", "meets_standard"} <= set(ex)
    assert "as_of" in ex["profile"], "examples must not depend on today's date"
    # the explanation is bilingual and cites articles
    assert "第" in ex["why"] and "Art." in ex["why"]
    assert ex["meets_standard"] is (ex["expected_total"] >= STANDARD)
    assert set(ex["expected_items"]) <= set(ITEM_IDS)
    assert set(ex.get("expected_counted", {})) <= set(ITEM_IDS)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_api(path):
    ex = load(path)
    d = score(ex["profile"]).model_dump(mode="json")
    check_result(d, ex, "api")


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_cli(path, tmp_path):
    ex = load(path)
    f = tmp_path / "profile.json"
    f.write_text(json.dumps(ex["profile"], ensure_ascii=False), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
               PYTHONIOENCODING="utf-8")
    proc = subprocess.run([sys.executable, "-m", "calculator", "score", str(f)],
                          cwd=ROOT, env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=60)
    assert proc.returncode == 0, proc.stderr
    check_result(json.loads(proc.stdout), ex, "cli")
