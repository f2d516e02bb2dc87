"""dist/, assembled as a sequence of steps (STEPS below): each step is one function of the
Build it fills in, so adding a step is one line.

    runtime        the pinned Pyodide runtime files
    wheels         the locked wheels and the calculator's own wheel, in load order; the
                   on-demand ones (the workbook reader, micropip) as published
    bytecode       .pyc for what the browser imports (bytecode.py)
    wheel_manifest wheels/manifest.json, which the worker reads
    formspec       formspec.json, exported from the Python models
    web            web/ copied as a tree, the CSP written into the HTML heads
    prerender      the profile's form drawn into index.html by web/calculator/form.mjs
                   itself, run under Node (prerender.mjs): the form is there at first paint
    headers_file   _headers for static hosts
    build_info     build.json: every asset with its sha256, and the build id
    service_worker sw.js with the build id and the precache list
    compress       the .br/.gz siblings (compress.py), last: they are not assets
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from sitebuild.calculator_wheel import build_calculator_wheel
from sitebuild.bytecode import PYODIDE_ENV, precompile_stdlib, precompile_wheels
from sitebuild.compress import is_sibling
from sitebuild.headers import inject_csp, render_headers
from sitebuild.lock import ensure_artifacts, extract_runtime, load_lock
from sitebuild.paths import CACHE, CACHE_ROOT, DIST, ROOT, WEB
from sitebuild.process import BuildError, run, sha256_file
from sitebuild.trim import trim_site
from sitebuild.venv import venv_python

# Files in dist/ that are not site assets: not hashed into the build id, not precached
# (nor are the precompressed siblings: the browser stores what it decoded).
NOT_ASSETS = {"build.json", "sw.js", "_headers"}
SERVICE_WORKER = "sw.js"  # web/sw.js is a template, filled in by the service_worker step


@dataclass
class Build:
    dist: Path
    lock: dict
    python: Path  # the project's .venv python
    wheels: list[str] = field(default_factory=list)  # wheels/ file names, in load order
    build_id: str = ""
    assets: list[str] = field(default_factory=list)

    @property
    def runtime(self) -> Path:
        return self.dist / "pyodide"


def dist_files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def is_asset(path: str) -> bool:
    return path not in NOT_ASSETS and not is_sibling(path)


# ---------------------------------------------------------------- the steps


def runtime(b: Build) -> None:
    b.runtime.mkdir(parents=True)
    extract_runtime(b.lock, b.runtime)


def wheels(b: Build) -> None:
    (b.dist / "wheels").mkdir()
    for wheel in [*b.lock["wheels"], *b.lock.get("on_demand", [])]:   # the on-demand ones ship as published
        shutil.copyfile(CACHE / wheel["file"], b.dist / "wheels" / wheel["file"])
    b.wheels = [w["file"] for w in b.lock["wheels"]] + [build_calculator_wheel(b.dist / "wheels", b.python)]


def bytecode(b: Build) -> None:
    precompile_wheels(b.wheels, b.dist / "wheels", b.runtime)
    precompile_stdlib(b.runtime, b.dist / "wheels", b.wheels)


def wheel_manifest(b: Build) -> None:
    """Ship only what the browser runs (sitebuild/trim.py): a trimmed python_stdlib.zip and
    two app archives in place of the wheels (what a score imports, and what only the other ops
    import); the manifest the worker reads names both."""
    manifest = trim_site(b.dist, b.wheels, PYODIDE_ENV, CACHE_ROOT / "trim", b.lock.get("on_demand", []))
    # The runtime's lock file lists Pyodide's own packages, of which the site loads none: the
    # worker hands the runtime its header instead (one request and 22 KB less on a first visit).
    published = json.loads((b.runtime / "pyodide-lock.json").read_text(encoding="utf-8"))
    manifest["lock"] = {"info": published["info"], "packages": {}}
    (b.dist / "wheels" / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")


def formspec(b: Build) -> None:
    if not (ROOT / "calculator" / "formspec.py").exists():
        raise BuildError(
            "calculator/formspec.py is missing: dist/formspec.json is exported from "
            "calculator.formspec.form_spec(), which the calculator package does not provide yet"
        )
    code = (
        "import json, sys\n"
        "from calculator.formspec import form_spec\n"
        "json.dump(form_spec(), sys.stdout, ensure_ascii=False, separators=(',', ':'))\n"
    )
    out = run([b.python, "-c", code], cwd=ROOT, capture_output=True, env={**os.environ, "PYTHONUTF8": "1"})
    (b.dist / "formspec.json").write_bytes(out.stdout)


def web(b: Build) -> None:
    """web/ as a tree (its folders kept), less hidden files and the service worker template."""
    for src in sorted(WEB.rglob("*")):
        rel = src.relative_to(WEB)
        if src.is_dir() or rel.as_posix() == SERVICE_WORKER or any(part.startswith(".") for part in rel.parts):
            continue
        dest = b.dist / rel
        if dest.exists():
            raise BuildError(f"web/{rel.as_posix()} would overwrite a generated file in dist/")
        dest.parent.mkdir(parents=True, exist_ok=True)
        if src.suffix == ".html":
            dest.write_text(inject_csp(src.read_text(encoding="utf-8"), rel.as_posix()), encoding="utf-8")
        else:
            shutil.copyfile(src, dest)


def prerender(b: Build) -> None:
    """The form in dist/index.html at first paint, drawn by the page's own renderer (the
    copies in dist/, so what is drawn is what the page adopts) from dist/formspec.json."""
    out = run(["node", Path(__file__).resolve().parent / "prerender.mjs", b.dist], capture_output=True)
    print(out.stdout.decode().strip())


def headers_file(b: Build) -> None:
    (b.dist / "_headers").write_text(render_headers())


def build_info(b: Build) -> None:
    b.assets = [p for p in dist_files(b.dist) if is_asset(p)]
    entries = [{"path": p, "size": (b.dist / p).stat().st_size, "sha256": sha256_file(b.dist / p)} for p in b.assets]
    b.build_id = hashlib.sha256("".join(f"{e['path']}\0{e['sha256']}\n" for e in entries).encode()).hexdigest()[:16]
    (b.dist / "build.json").write_text(json.dumps({"build_id": b.build_id, "files": entries}, indent=1) + "\n")
    total = sum(e["size"] for e in entries)
    print(f"built dist/ ({len(entries)} files, {total / 1e6:.1f} MB), build id {b.build_id}")


def render_service_worker(template: str, build_id: str, precache: list[str]) -> str:
    for name, value in (("BUILD_ID", build_id), ("PRECACHE", precache)):
        template, n = re.subn(rf"^const {name} = .*;$", f"const {name} = {json.dumps(value)};",
                              template, count=1, flags=re.M)
        if n != 1:
            raise BuildError(f"web/{SERVICE_WORKER}: no `const {name} = ...;` line to fill in")
    return template


def service_worker(b: Build) -> None:
    template = (WEB / SERVICE_WORKER).read_text(encoding="utf-8")
    (b.dist / SERVICE_WORKER).write_text(render_service_worker(template, b.build_id, ["./", *b.assets, "build.json"]))


def compress(b: Build) -> None:
    # in the .venv python, which has the pinned `brotli` (build.py may run under any python3)
    run([b.python, "-m", "sitebuild.compress", b.dist], cwd=ROOT)


STEPS = [runtime, wheels, bytecode, wheel_manifest, formspec, web, prerender, headers_file, build_info,
         service_worker, compress]


def build(dist: Path = DIST) -> Build:
    lock = load_lock()
    python = venv_python()
    ensure_artifacts(lock, python)
    if dist.exists():
        shutil.rmtree(dist)
    dist.mkdir(parents=True)
    b = Build(dist=dist, lock=lock, python=python)
    for step in STEPS:
        step(b)
    return b
