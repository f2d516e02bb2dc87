"""The trimmed runtime the site ships (sitebuild/trim.py) runs every op and every error
path exactly as CPython runs the calculator: the worked examples, the planner cases, the
batch files and the build's own corpus, sent through calculator.api in the pinned Pyodide
under Node on dist/'s trimmed python_stdlib.zip and app archive alone. A module missing
from the shipped set fails here (and in the build), never for a user.

The expected answers come from calculator.api.handle in CPython (same pinned versions), so
this checks what was left out, not the rules (tests/test_examples.py checks those).
"""

from __future__ import annotations

import base64
import json
import shutil
import sys
import traceback
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sitebuild import trim  # noqa: E402
from sitebuild.calculator_wheel import build_calculator_wheel  # noqa: E402
from sitebuild.lock import extract_runtime, load_lock  # noqa: E402
from sitebuild.paths import CACHE  # noqa: E402
from sitebuild.venv import venv_python  # noqa: E402

DIST = ROOT / "dist"
CLERK = ROOT / "tests" / "files" / "clerk"
pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")


def corpus() -> list:
    requests = list(trim.CORPUS)
    for path in sorted((ROOT / "tests" / "examples").glob("*.json")):
        profile = json.loads(path.read_text(encoding="utf-8"))["profile"]
        requests += [{"op": "score", "profile": profile}, {"op": "plan", "profile": profile}]
    for path in sorted((ROOT / "tests" / "planner_cases").glob("*.json")):
        requests.append({"op": "plan", "profile": json.loads(path.read_text(encoding="utf-8"))["profile"]})
    for path in [*sorted((ROOT / "tests" / "batch_files").glob("*.csv")), *sorted(CLERK.glob("*.csv"))]:
        requests.append({"op": "batch", "csv_base64": base64.b64encode(path.read_bytes()).decode("ascii")})
    return requests


def workbook_corpus() -> list:
    """Sent once the workbook reader is installed as the browser installs it: the build's
    own workbook requests and the clerk's workbooks, each sheet, the result as a workbook."""
    requests = list(trim.WORKBOOK_CORPUS)
    for path in sorted(CLERK.glob("*.xlsx")):
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        requests += [{"op": "batch", "file_base64": data, "formats": ["xlsx", "csv"]},
                     {"op": "batch", "file_base64": data, "sheet": "名单", "lang": "en", "formats": ["xlsx"]}]
    return requests


def workbook_job(stdlib: Path | None, folder: Path) -> dict:
    lock = load_lock()
    demand = [folder / w["file"] for w in lock["on_demand"]]
    return {"micropip": demand[0], "wheels": demand[1:], "stdlib": stdlib, "corpus": workbook_corpus()}


def cpython_answer(request) -> dict:
    from calculator.api import handle

    try:
        return json.loads(handle(request if isinstance(request, str) else json.dumps(request)))
    except Exception as exc:  # the worker reports the exception's last line
        return {"raised": traceback.format_exception_only(exc)[-1].strip()}


@pytest.fixture(scope="module")
def trimmed_run(tmp_path_factory) -> dict:
    manifest = json.loads((DIST / "wheels" / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["wheels"]) == 1 and manifest["wheels"][0].startswith("app-"), manifest
    return trim.run_corpus(DIST / "pyodide", DIST / "pyodide" / "python_stdlib.zip",
                           [DIST / "wheels" / manifest["wheels"][0], DIST / "wheels" / manifest["later"]["file"]],
                           manifest["env"], corpus(),
                           tmp_path_factory.mktemp("trimmed"),
                           workbook_job(DIST / "wheels" / manifest["on_demand"]["stdlib"], DIST / "wheels"))


@pytest.fixture(scope="module")
def full_run(tmp_path_factory) -> dict:
    """The same corpus on the runtime as published and the locked wheels, unpacked whole."""
    lock = load_lock()
    work = tmp_path_factory.mktemp("full")
    extract_runtime(lock, work)
    wheels = [CACHE / w["file"] for w in lock["wheels"]] + [work / build_calculator_wheel(work, venv_python())]
    manifest = json.loads((DIST / "wheels" / "manifest.json").read_text(encoding="utf-8"))
    return trim.run_corpus(work, work / "python_stdlib.zip", wheels, manifest["env"], corpus(), work / "run",
                           workbook_job(None, CACHE))


def test_the_corpus_sends_every_op():
    from calculator.api import OPS

    assert {r["op"] for r in corpus() if isinstance(r, dict) and "op" in r} >= set(OPS)


def test_trimmed_runtime_answers_as_cpython(trimmed_run):
    assert len(trimmed_run["answers"]) == len(corpus())
    wrong = []
    wb = trimmed_run["workbook"]
    for request, answer in [*zip(trimmed_run["requests"], trimmed_run["answers"]), *zip(wb["requests"], wb["answers"])]:
        expected = cpython_answer(request)
        if answer.get("ok") is False and answer["errors"][0]["type"] == "needs_package":
            continue   # a workbook before its reader is installed (CPython has it from the start)
        if trim.canonical(answer) != trim.canonical(expected):
            wrong.append(f"{json.dumps(request, ensure_ascii=False)[:160]}\n  pyodide {json.dumps(answer)[:300]}"
                         f"\n  cpython {json.dumps(expected)[:300]}")
    assert not wrong, "\n".join(wrong[:10])
    kinds = {a["errors"][0]["type"] for a in trimmed_run["answers"] if a.get("ok") is False}
    assert {"request", "int_parsing", "extra_forbidden", "no_edition", "value_error"} <= kinds, kinds
    # every error a user can cause is an answer with a message, never an exception (an exception
    # in the worker would leave the page without a reason to show)
    raised = [r for r, a in zip(trimmed_run["requests"], trimmed_run["answers"]) if "raised" in a]
    assert not raised, raised[:5]
    # a workbook sent before the reader is installed asks for it; afterwards every one is read
    assert any(a.get("ok") is False and a["errors"][0]["type"] == "needs_package" for a in trimmed_run["answers"])
    assert not [a for a in wb["answers"] if "raised" in a or (a.get("ok") is False and a["errors"][0]["type"] == "needs_package")]
    assert sum(1 for a in wb["answers"] if a.get("ok")) >= len(CLERK_WORKBOOKS)


CLERK_WORKBOOKS = sorted(CLERK.glob("*.xlsx"))


def test_trimmed_runtime_misses_no_module_the_full_one_has(trimmed_run, full_run):
    assert full_run["answers"] == trimmed_run["answers"]
    assert trim.canonical(full_run["workbook"]["answers"]) == trim.canonical(trimmed_run["workbook"]["answers"])
    assert set(trimmed_run["workbook"]["missing"]) <= set(full_run["workbook"]["missing"])
    assert set(trimmed_run["missing"]) <= set(full_run["missing"]), \
        sorted(set(trimmed_run["missing"]) - set(full_run["missing"]))


def test_a_score_needs_only_the_first_archive(tmp_path):
    """What a first total runs is all in the first archive: the scores (each worked example,
    good and refused) answer from it alone as CPython does, and nothing of the plan, the
    timeline or a batch file is in it."""
    import zipfile

    manifest = json.loads((DIST / "wheels" / "manifest.json").read_text(encoding="utf-8"))
    scores = [r for r in corpus() if isinstance(r, dict) and r.get("op") == "score"]
    run = trim.run_corpus(DIST / "pyodide", DIST / "pyodide" / "python_stdlib.zip", [DIST / "wheels" / manifest["wheels"][0]],
                          manifest["env"], scores, tmp_path)
    assert scores and len(run["answers"]) == len(scores)
    wrong = [r for r, a in zip(run["requests"], run["answers"]) if trim.canonical(a) != trim.canonical(cpython_answer(r))]
    assert not wrong, wrong[:3]
    with zipfile.ZipFile(DIST / "wheels" / manifest["wheels"][0]) as first:
        names = set(first.namelist())
    assert not {"calculator/planner.pyc", "calculator/batch.pyc", "calculator/timeline/milestones.pyc"} & names
    with zipfile.ZipFile(DIST / "wheels" / manifest["later"]["file"]) as later:
        assert "calculator/batch.pyc" in later.namelist() and not names & set(later.namelist())


def test_shipped_archives_store_their_entries_for_http_compression():
    import zipfile

    manifest = json.loads((DIST / "wheels" / "manifest.json").read_text(encoding="utf-8"))
    for path in (DIST / "pyodide" / "python_stdlib.zip", DIST / "wheels" / manifest["wheels"][0],
                 DIST / "wheels" / manifest["later"]["file"], DIST / "wheels" / manifest["on_demand"]["stdlib"]):
        with zipfile.ZipFile(path) as z:
            assert {i.compress_type for i in z.infolist()} == {zipfile.ZIP_STORED}, path.name
