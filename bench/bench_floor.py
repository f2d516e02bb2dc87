#!/usr/bin/env python3
"""The bytes a first total of the calculator must download under the project's pins (issue
10), against what the app sends and what the throttled goal leaves. Prints figures;
asserts nothing.

    .venv/bin/python bench/bench_floor.py [--throttled out.json]

The floor, Brotli as build.py writes it (sitebuild/compress.py):
  - the runtime as published: pyodide.asm.wasm, pyodide.asm.mjs and pyodide.mjs;
  - the standard-library modules the runtime imports while it starts, before any code of
    ours runs (listed by starting dist/'s runtime under Node, taken from dist/'s
    python_stdlib.zip: slim bytecode, a stored zip, as shipped);
  - pydantic-core's extension (the calculator validates every profile with pydantic).
The goal "first total <= 0.75 x bare Pyodide's 1+1" under Slow 4G (1.6 Mbit/s) leaves at
most 0.75 x bare's time x 200 kB/s, and that only if downloading were all the time took.
Bare's time: bench_throttled.py's --json (--throttled); without it, bare's download alone
(its bytes at 1.6 Mbit/s), which gives a smaller budget.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from sitebuild.compress import cached_encode  # noqa: E402
from sitebuild.lock import extract_runtime, load_lock  # noqa: E402
from sitebuild.process import run  # noqa: E402

DIST = ROOT / "dist"
RATE = 1.6e6 / 8   # bytes per second: Slow 4G's download
RUNTIME = ["pyodide.asm.wasm", "pyodide.asm.mjs", "pyodide.mjs"]
IN_ZIP = "/lib/python314.zip/"

# Started as worker.mjs starts it, the runtime names the files of the modules it imported:
# once started, then after the app archive is unpacked and a first score is computed.
FILES = 'json.dumps(sorted({m.__file__ for m in list(sys.modules.values()) if getattr(m, "__file__", None)}))'
START = """
import { readFileSync } from 'node:fs';
import { loadPyodide } from %(loader)s;
const py = await loadPyodide({ indexURL: %(index)s, env: %(env)s });
console.log(py.runPython(`import json, sys
%(files)s`));
const site = py.runPython("import sysconfig; sysconfig.get_path('purelib')");
py.unpackArchive(new Uint8Array(readFileSync(%(archive)s)), 'wheel', { extractDir: site });   // as worker.mjs does
console.log(site);
console.log(py.runPython(`import importlib; importlib.invalidate_caches()
import calculator.api
assert json.loads(calculator.api.handle(json.dumps({"op": "score", "profile": {"age": 30}})))["ok"]
%(files)s`));
"""


def brotli(data: bytes) -> int:
    return len(cached_encode(data, "br"))


def imported_files(runtime: Path, archive: Path, env: dict) -> tuple[list[str], list[str]]:
    """Paths inside python_stdlib.zip of the modules the runtime imports while it starts, and
    inside the app archive of those a first score imports."""
    script = START % {"loader": json.dumps((runtime / "pyodide.mjs").as_uri()),
                      "index": json.dumps(str(runtime) + "/"), "env": json.dumps(env),
                      "archive": json.dumps(str(archive)), "files": FILES}
    lines = run(["node", "--input-type=module", "-e", script], capture_output=True).stdout.decode().splitlines()
    started, site, scored = json.loads(lines[-3]), "/" + lines[-2].strip("/") + "/", json.loads(lines[-1])
    return (sorted(f[len(IN_ZIP):] for f in started if f.startswith(IN_ZIP)),
            sorted(f[len(site):] for f in scored if f.startswith(site)))


def stored_zip(source: zipfile.ZipFile, names: list[str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as out:
        for name in names:
            out.writestr(source.getinfo(name), source.read(name))
    return buffer.getvalue()


def mb(n: float) -> str:
    return f"{n / 1e6:.2f}"


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
    started, scored = imported_files(runtime, archive, env)
    started = [name for name in started if name in set(stdlib.namelist())]   # frozen ones are not in it
    with zipfile.ZipFile(archive) as app:
        (so,) = [name for name in scored if name.startswith("pydantic_core/") and name.endswith(".so")]
        extension = app.read(so)
        modules = stored_zip(app, [name for name in scored if name != so])

    rows = [(name, (runtime / name).read_bytes()) for name in RUNTIME]
    rows += [(f"standard library the runtime imports at start ({len(started)} modules)", stored_zip(stdlib, started)),
             ("pydantic-core's extension", extension),
             (f"pydantic, the calculator and their dependencies, as a first score imports them "
              f"({len(scored) - 1} modules)", modules)]
    print("Bytes any first total downloads under the pins (MB)\n| part | raw | Brotli |\n|---|---|---|")
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
