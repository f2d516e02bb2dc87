"""Ship only what the browser runs (fewer bytes before the first total on a slow link), as
pyodide/pyodide-pack does for Pyodide apps.

The build runs the pinned runtime under Node the way web/engine/worker.mjs does and sends it
every request of sitebuild/in_pyodide/corpus.py (every calculator.api op, good input and each
kind of bad input). What that run loads is the shipped set:
  - dist/pyodide/python_stdlib.zip keeps only the standard-library modules loaded
    (as bytecode, from the step before), in the published order;
  - the wheels become TWO archives: dist/wheels/app-<hash>.zip, every site-packages module a
    score loads (bytecode, pydantic-core's extension) plus the calculator's data files, all
    a first total needs; and dist/wheels/app-later-<hash>.zip, the modules only the other
    ops load (the plan, the timeline, batch files, templates), which the worker fetches
    after the first total or before the first such op. A first visit downloads no byte of
    what only a later question runs.
These zips (the standard library, the two app archives) store their entries uncompressed
(ZIP_STORED), so the server's HTTP compression (.br/.gz) works on them over the wire; a
deflated zip cannot be shrunk again.
Their bytecode carries line numbers without columns and no function docstrings
(sitebuild/trim_slim.py): about a quarter less to download, the same program.

The record is checked, not trusted: the same corpus runs again on the trimmed set alone
and must give the same answers, and every import that found nothing must be one that
also found nothing on the full set (an optional `try: import x` included). A module the
trimmed set lacks fails the build here, never a user. tests/test_trim.py does the same
with a larger corpus (the worked examples, the planner cases, the batch files).

Entry point: trim_site(dist, wheels, env) -> the manifest for dist/wheels/manifest.json.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from . import trim_slim
from .in_pyodide import corpus as requests_of

CORPUS = requests_of.CORPUS
WORKBOOK_CORPUS = requests_of.WORKBOOK_CORPUS
# The ops a first total asks (the worker answers them from the first archive alone).
FIRST_OPS = ("score",)
FIRST_CORPUS = [r for r in CORPUS if isinstance(r, dict) and r.get("op") in FIRST_OPS]
# What trim_runner.mjs runs to get the requests as sent (the runtime sets _corpus_json):
# corpus.py's own code, so the bytecode step and this one expand them alike.
EXPAND = (Path(requests_of.__file__).read_text(encoding="utf-8")
          + "\nfrom calculator.api import handle\n"
          "json.dumps(expanded(handle, json.loads(_corpus_json)), ensure_ascii=False)\n")

HERE = Path(__file__).resolve().parent
RUNNER = HERE / "trim_runner.mjs"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
# Files of our own package that are data, not modules: all of them ship (they are small
# and read by path, e.g. the edition files), whatever one run happened to open.
OWN_PACKAGE = "calculator/"
OWN_DATA = (".toml", ".json", ".typed")


class TrimError(Exception):
    pass


def run_corpus(runtime: Path, stdlib: Path, archives: list[Path], env: dict, corpus: list, work: Path,
               workbook: dict | None = None) -> dict:
    """Run `corpus` in the runtime of `runtime` on `stdlib` with `archives` in site-packages;
    then, with `workbook` ({micropip, wheels, stdlib (a zip or None), corpus}), install the
    workbook reader as the browser does on demand and run that corpus too (its answers and
    modules under "workbook")."""
    work.mkdir(parents=True, exist_ok=True)
    (work / "corpus.json").write_text(json.dumps(corpus, ensure_ascii=False), encoding="utf-8")
    (work / "expand.py").write_text(EXPAND, encoding="utf-8")
    job = {
        "runtime": str(runtime), "stdlib": str(stdlib), "env": env,
        "archives": [str(a) for a in archives], "corpus": str(work / "corpus.json"),
        "expand": str(work / "expand.py"), "out": str(work / "out.json"),
    }
    if workbook:
        (work / "workbook.json").write_text(json.dumps(workbook["corpus"], ensure_ascii=False), encoding="utf-8")
        job["workbook"] = {"micropip": str(workbook["micropip"]), "wheels": [str(w) for w in workbook["wheels"]],
                           "stdlib": str(workbook["stdlib"]) if workbook.get("stdlib") else None,
                           "corpus": str(work / "workbook.json")}
    (work / "job.json").write_text(json.dumps(job), encoding="utf-8")
    try:
        subprocess.run(["node", str(RUNNER), str(work / "job.json")], check=True, capture_output=True, timeout=600)
    except FileNotFoundError as e:
        raise TrimError("node not found: install Node.js (the build runs the pinned runtime under it)") from e
    except subprocess.CalledProcessError as e:
        raise TrimError(f"the runtime failed on {stdlib.name}:\n{e.stderr.decode(errors='replace')[-3000:]}") from e
    return json.loads((work / "out.json").read_text(encoding="utf-8"))


def write_stored_zip(dest: Path, files: list[tuple[str, bytes]]) -> None:
    """A zip of `files` with every entry stored (not deflated), fixed dates: reproducible."""
    with zipfile.ZipFile(dest, "w", compression=zipfile.ZIP_STORED) as out:
        for name, data in files:
            entry = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            entry.external_attr = 0o644 << 16
            out.writestr(entry, data)


def trimmed_stdlib(full: Path, used: set[str]) -> list[tuple[str, bytes]]:
    """The entries of `full` that were loaded. (A module the interpreter has frozen in,
    such as os or io, names the zip in its __file__ but is not in it.)"""
    with zipfile.ZipFile(full) as z:
        return [(n, z.read(n)) for n in z.namelist() if n in used]


def app_files(wheels: list[Path], loaded: set[str]) -> list[tuple[str, bytes]]:
    """From the wheels: every module loaded, the calculator's data files, and the compiled
    extensions of any package a module was loaded from. Never the .dist-info folders
    (nothing reads them: PYDANTIC_DISABLE_PLUGINS spares pydantic's scan of them)."""
    packages = {name.split("/", 1)[0] for name in loaded}
    out = {}
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as z:
            for name in z.namelist():
                top = name.split("/", 1)[0]
                keep = (name in loaded
                        or (name.startswith(OWN_PACKAGE) and name.endswith(OWN_DATA))
                        or (top in packages and name.endswith(".so")))
                if keep and not top.endswith(".dist-info"):
                    out[name] = z.read(name)
    return sorted(out.items())


def slim_zips(runtime: Path, stdlib: Path, host: Path, names: list[str]) -> None:
    """Rewrite the zips `names` in `host` with smaller bytecode (sitebuild/trim_slim.py)."""
    (host / "slim.py").write_text(trim_slim.SLIM, encoding="utf-8")
    jobs = [[f"/host/{n}", f"/host/slim-{n}"] for n in names]
    job = {"runtime": str(runtime), "stdlib": str(stdlib), "env": {},
           "slim": {"host": str(host), "jobs": jobs, "code": str(host / "slim.py")}}
    (host / "slim-job.json").write_text(json.dumps(job), encoding="utf-8")
    try:
        subprocess.run(["node", str(RUNNER), str(host / "slim-job.json")], check=True, capture_output=True, timeout=600)
    except subprocess.CalledProcessError as e:
        raise TrimError(f"slimming the bytecode failed:\n{e.stderr.decode(errors='replace')[-3000:]}") from e
    for n in names:
        (host / f"slim-{n}").replace(host / n)


def canonical(answer):
    """An answer with each workbook it carries (``xlsx_base64``) as its parts, less the
    times a workbook records (when it was written, in docProps/core.xml and the zip's
    entries): two runs write the same workbook at different seconds."""
    import base64
    import io

    if isinstance(answer, dict):
        out = {}
        for key, value in answer.items():
            if key == "xlsx_base64" and isinstance(value, str):
                with zipfile.ZipFile(io.BytesIO(base64.b64decode(value))) as z:
                    value = {n: hashlib.sha256(z.read(n)).hexdigest() for n in z.namelist() if n != "docProps/core.xml"}
            out[key] = canonical(value)
        return out
    if isinstance(answer, list):
        return [canonical(v) for v in answer]
    return answer


def compare(full: dict, trimmed: dict) -> None:
    """The trimmed set must answer as the full one and miss no module the full one has."""
    problems = []
    newly_missing = sorted(set(trimmed["missing"]) - set(full["missing"]))
    if newly_missing:
        problems.append(f"modules the trimmed set lacks: {newly_missing}")
    pairs = list(zip(full["requests"], full["answers"], trimmed["answers"]))
    if "workbook" in full:
        pairs += zip(full["workbook"]["requests"], full["workbook"]["answers"], trimmed["workbook"]["answers"])
        late = sorted(set(trimmed["workbook"]["missing"]) - set(full["workbook"]["missing"]))
        if late:
            problems.append(f"modules the workbook reader's set lacks: {late}")
    for request, a, b in pairs:
        if canonical(a) != canonical(b):
            problems.append(f"request {json.dumps(request, ensure_ascii=False)[:200]}:\n"
                            f"  full    {json.dumps(a, ensure_ascii=False)[:300]}\n"
                            f"  trimmed {json.dumps(b, ensure_ascii=False)[:300]}")
    if problems:
        raise TrimError("the trimmed runtime differs from the full one:\n" + "\n".join(problems[:20]))


def inputs_digest(*paths: Path, extra: str = "") -> str:
    h = hashlib.sha256(extra.encode())
    for path in paths:
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()[:24]


def trim_site(dist: Path, wheels: list[str], env: dict, cache: Path, on_demand: list[dict] = ()) -> dict:
    """Replace dist/pyodide/python_stdlib.zip and the wheels in dist/wheels/ by the trimmed
    set; return the wheel manifest ({"wheels": [the app archive], "env": env, "later":
    {file, sha256} (the other ops' modules), "on_demand"}).

    ``on_demand``: the locked wheels the browser installs only when a workbook is opened
    (micropip first, then the reader and its dependency), shipped as published. The
    standard-library modules only they import go to a zip of their own,
    wheels/stdlib-workbook-<hash>.zip, so the first page's python_stdlib.zip does not grow:
    the manifest lists it and the wheels with their sha256, which the worker checks."""
    runtime, wheel_dir = dist / "pyodide", dist / "wheels"
    stdlib = runtime / "python_stdlib.zip"
    wheel_paths = [wheel_dir / name for name in wheels]
    demand = [wheel_dir / w["file"] for w in on_demand]
    corpus_text = json.dumps([CORPUS, WORKBOOK_CORPUS], sort_keys=True) + EXPAND + json.dumps(env)
    key = inputs_digest(stdlib, *wheel_paths, *demand, RUNNER, Path(__file__), HERE / "trim_slim.py", extra=corpus_text)
    cached = cache / key
    workbook = ({"micropip": demand[0], "wheels": demand[1:], "corpus": WORKBOOK_CORPUS} if demand else None)
    names = ["python_stdlib.zip", "app.zip", "app-later.zip"] + (["stdlib-workbook.zip"] if demand else [])
    if not (cached / "done").exists():
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            full = run_corpus(runtime, stdlib, wheel_paths, env, CORPUS, work / "full", workbook)
            scores = run_corpus(runtime, stdlib, wheel_paths, env, FIRST_CORPUS, work / "first")
            first = set(full["stdlib"])
            write_stored_zip(work / "python_stdlib.zip", trimmed_stdlib(stdlib, first))
            app = app_files(wheel_paths, set(scores["site"]))
            in_app = {n for n, _ in app}
            app_later = [(n, d) for n, d in app_files(wheel_paths, set(full["site"])) if n not in in_app]
            write_stored_zip(work / "app.zip", app)
            write_stored_zip(work / "app-later.zip", app_later)
            if workbook:
                later = set(full["workbook"]["stdlib"]) - first
                write_stored_zip(work / "stdlib-workbook.zip", trimmed_stdlib(stdlib, later))
            slim_zips(runtime, stdlib, work, names)
            trimmed = run_corpus(runtime, work / "python_stdlib.zip", [work / "app.zip", work / "app-later.zip"], env,
                                 CORPUS, work / "trimmed", workbook and {**workbook, "stdlib": work / "stdlib-workbook.zip"})
            compare(full, trimmed)
            # a score answers from the first archive alone, as in the browser before the later one arrives
            compare(scores, run_corpus(runtime, work / "python_stdlib.zip", [work / "app.zip"], env, FIRST_CORPUS,
                                       work / "first-trimmed"))
            if cached.exists():
                shutil.rmtree(cached)
            cached.mkdir(parents=True)
            for name in names:
                shutil.copyfile(work / name, cached / name)
            (cached / "record.json").write_text(json.dumps(
                {"stdlib": full["stdlib"], "site": [n for n, _ in app], "site_later": [n for n, _ in app_later],
                 "requests": len(full["requests"]),
                 "workbook_stdlib": sorted(set(full.get("workbook", {}).get("stdlib", [])) - first)},
                indent=1) + "\n")
            (cached / "done").write_text("")
    shutil.copyfile(cached / "python_stdlib.zip", stdlib)
    app_name = f"app-{inputs_digest(cached / 'app.zip')[:12]}.zip"
    shutil.copyfile(cached / "app.zip", wheel_dir / app_name)
    later_name = f"app-later-{inputs_digest(cached / 'app-later.zip')[:12]}.zip"
    shutil.copyfile(cached / "app-later.zip", wheel_dir / later_name)
    for path in wheel_paths:
        path.unlink()
    manifest = {"wheels": [app_name], "env": env,
                "later": {"file": later_name, "sha256": hashlib.sha256((wheel_dir / later_name).read_bytes()).hexdigest()}}
    if demand:
        extra = f"stdlib-workbook-{inputs_digest(cached / 'stdlib-workbook.zip')[:12]}.zip"
        shutil.copyfile(cached / "stdlib-workbook.zip", wheel_dir / extra)
        files = [extra, *(w["file"] for w in on_demand)]
        manifest["on_demand"] = {
            "stdlib": extra, "micropip": on_demand[0]["file"], "wheels": [w["file"] for w in on_demand[1:]],
            "sha256": {name: hashlib.sha256((wheel_dir / name).read_bytes()).hexdigest() for name in files},
        }
    return manifest
