#!/usr/bin/env python3
"""The bytes a first total of the calculator must download under the project's pins (to know
whether the throttled goal can be met at all), against what the app sends and what the
throttled goal leaves. Prints figures;
asserts nothing.

    .venv/bin/python bench/bench_floor.py [--throttled out.json]

The floor, Brotli as build.py writes it (sitebuild/compress.py):
  - the runtime as published: pyodide.asm.wasm, pyodide.asm.mjs and pyodide.mjs;
  - the standard-library modules the runtime imports while it starts and the worker's set-up
    imports (sysconfig, for the site-packages folder), before any code of ours runs, taken from dist/'s python_stdlib.zip (slim bytecode, a stored zip, as shipped);
  - pydantic-core's extension (the calculator validates every profile with pydantic);
  - the site-packages modules a first score imports, from the app archive.
The modules are listed by the build's runner (sitebuild/runner.mjs: dist/'s runtime under
Node, started and given the archive as web/engine/worker.mjs does) running
bench/in_pyodide/imported_files.py, once without the archive and once with a first score.
The goal "first total <= 0.75 x bare Pyodide's 1+1" under Slow 4G (1.6 Mbit/s) leaves at
most 0.75 x bare's time x 200 kB/s, and that only if downloading were all the time took.
Bare's time: bench_throttled.py's --json (--throttled); without it, bare's download alone
(its bytes at 1.6 Mbit/s), which gives a smaller budget.
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from sitebuild.compress import cached_encode  # noqa: E402
from sitebuild.lock import extract_runtime, load_lock  # noqa: E402
from sitebuild.pyodide_node import run_in_pyodide  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from bench_throttled import SLOW_4G, mb  # noqa: E402

DIST = ROOT / "dist"
PROGRAMS = ROOT / "bench" / "in_pyodide"
RATE = SLOW_4G["downloadThroughput"]   # bytes per second
RUNTIME = ["pyodide.asm.wasm", "pyodide.asm.mjs", "pyodide.mjs"]
FIRST_SCORE = {"op": "score", "profile": {"age": 30}}   # what bench_throttled.py types


def brotli(data: bytes) -> int:
    return len(cached_encode(data, "br"))


def imported_files(runtime: Path, archive: Path, env: dict, request: dict | None = None) -> tuple[list, list]:
    """The modules imported once the runtime has started (and, with `archive` unpacked, has
    answered `request`): their paths inside python_stdlib.zip and inside site-packages."""
    with tempfile.TemporaryDirectory() as tmp:
        host = Path(tmp)
        args, install = ["/host/out.txt"], []
        if request is not None:
            shutil.copyfile(archive, host / archive.name)
            args, install = [*args, json.dumps(request)], [archive.name]
        run_in_pyodide(runtime, host, "imported_files.py", args, install=install, env=env, programs=PROGRAMS)
        zip_dir, site, *files = (host / "out.txt").read_text(encoding="utf-8").splitlines()

    def inside(folder: str) -> list[str]:
        return sorted(f[len(folder) + 1:] for f in files if f.startswith(folder + "/"))

    return inside(zip_dir), inside(site)


def stored_zip(source: zipfile.ZipFile, names: list[str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as out:
        for name in names:
            out.writestr(source.getinfo(name), source.read(name))
    return buffer.getvalue()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--throttled", type=Path, help="bench_throttled.py --json output (bare's time)")
    args = parser.parse_args(argv)
    if not (DIST / "index.html").exists():
        sys.exit("dist/ is not built: run `python build.py` first")
    runtime = DIST / "pyodide"
    stdlib = zipfile.ZipFile(runtime / "python_stdlib.zip")
    (archive,) = (DIST / "wheels").glob("app-*.zip")
    env = json.loads((DIST / "wheels" / "manifest.json").read_text()).get("env", {})
    started, _ = imported_files(runtime, archive, env)
    _, scored = imported_files(runtime, archive, env, FIRST_SCORE)
    started = [name for name in started if name in set(stdlib.namelist())]   # frozen ones are not in it
    with zipfile.ZipFile(archive) as app:
        (so,) = [name for name in scored if name.startswith("pydantic_core/") and name.endswith(".so")]
        extension = app.read(so)
        modules = stored_zip(app, [name for name in scored if name != so])

    rows = [(name, (runtime / name).read_bytes()) for name in RUNTIME]
    rows += [(f"standard library the runtime and the worker's set-up import ({len(started)} modules)", stored_zip(stdlib, started)),
             ("pydantic-core's extension", extension),
             (f"pydantic, the calculator and their dependencies, as a first score imports them "
              f"({len(scored) - 1} modules)", modules)]
    print("Bytes a first total of the calculator downloads under the pins (MB)\n| part | raw | Brotli |\n|---|---|---|")
    floor = 0
    for name, data in rows:
        floor += brotli(data)
        print(f"| {name} | {mb(len(data))} | {mb(brotli(data))} |")
    print(f"| **floor** (the page's own files not counted) | | **{mb(floor)}** |")

    sent = [runtime / name for name in [*RUNTIME, "python_stdlib.zip"]] + [archive, DIST / "wheels" / "manifest.json"]
    app_bytes = sum(brotli(path.read_bytes()) for path in sent)
    print(f"\nthe app sends {mb(app_bytes)} MB of runtime and archives (the page's own files not counted)")

    with tempfile.TemporaryDirectory() as tmp:
        stock = Path(tmp)
        extract_runtime(load_lock(), stock)
        bare_bytes = sum(brotli(path.read_bytes()) for path in stock.iterdir())
    if args.throttled:
        bare_time = json.loads(args.throttled.read_text())["figures"]["bare"] / 1000
        source = f"bare's 1+1 took {bare_time:.1f} s ({args.throttled})"
    else:
        bare_time = bare_bytes / RATE
        source = f"bare's download alone, {bare_time:.1f} s"
    budget = 0.75 * bare_time * RATE
    print(f"bare Pyodide as published sends {mb(bare_bytes)} MB")
    print(f"budget of the goal: 0.75 x {bare_time:.1f} s x 200 kB/s = {mb(budget)} MB "
          f"if downloading were all the time took ({source})")
    print(f"floor - budget: {(floor - budget) / 1e6:+.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
