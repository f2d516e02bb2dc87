"""Bytecode for the browser.

Pyodide compiles every .py it imports, and in WebAssembly that is most of the load time:
the stock runtime spends about a second compiling the standard-library modules it imports
while it starts. So what the browser imports ships as bytecode, compiled by the pinned
runtime itself (run under Node, pyodide_node.py), so the magic number always matches:
 - the wheels carry .pyc instead of .py (as Pyodide's own package builds do, "py-compile");
 - python_stdlib.zip carries .pyc instead of .py for the modules the runtime and the
   calculator import (recorded by running them: in_pyodide/record_stdlib.py); the rest of
   the standard library stays source, so the download grows only by what is used.
Bytecode is the same program as the source, so a module missing from the recorded set
is still correct, only compiled on import. Results are cached by input hash in .cache/pyc/.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from pathlib import Path

from sitebuild.paths import CACHE_ROOT
from sitebuild.pyodide_node import programs_digest, run_in_pyodide

PYC_CACHE = CACHE_ROOT / "pyc"
PYC_VERSION = "3"  # bump to invalidate the cache when the compile step changes
# Set in the browser too (written to wheels/manifest.json, read by worker.mjs): the site has
# no pydantic plugins, so pydantic need not scan the installed distributions for them.
PYODIDE_ENV = {"PYDANTIC_DISABLE_PLUGINS": "__all__"}


def cached_pyc(*inputs: bytes) -> Path:
    digest = hashlib.sha256(PYC_VERSION.encode() + programs_digest()
                            + b"".join(hashlib.sha256(i).digest() for i in inputs))
    return PYC_CACHE / digest.hexdigest()[:24]


def precompile_wheels(names: list[str], wheels: Path, runtime: Path) -> None:
    """Replace each wheel in `wheels` by its bytecode-only twin."""
    PYC_CACHE.mkdir(parents=True, exist_ok=True)
    cached = {name: cached_pyc((wheels / name).read_bytes()).with_suffix(".whl") for name in names}
    todo = [name for name in names if not cached[name].exists()]
    if todo:
        with tempfile.TemporaryDirectory(dir=PYC_CACHE) as tmp:
            for name in todo:
                shutil.copyfile(wheels / name, Path(tmp) / name)
            args = [path for name in todo for path in (f"/host/{name}", f"/host/out-{name}")]
            run_in_pyodide(runtime, Path(tmp), "compile_wheels.py", args, env=PYODIDE_ENV)
            for name in todo:
                (Path(tmp) / f"out-{name}").replace(cached[name])
    for name in names:
        shutil.copyfile(cached[name], wheels / name)


def precompile_stdlib(runtime: Path, wheels: Path, names: list[str]) -> None:
    """Rewrite runtime/python_stdlib.zip with bytecode for the modules the browser imports."""
    stdlib = runtime / "python_stdlib.zip"
    cached = cached_pyc(stdlib.read_bytes(), json.dumps(PYODIDE_ENV).encode(),
                        *((wheels / name).read_bytes() for name in names)).with_suffix(".zip")
    if not cached.exists():
        PYC_CACHE.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=PYC_CACHE) as tmp:
            for name in names:
                shutil.copyfile(wheels / name, Path(tmp) / name)
            shutil.copyfile(stdlib, Path(tmp) / "stdlib.zip")
            run_in_pyodide(runtime, Path(tmp), "record_stdlib.py", ["/host/stdlib.zip", "/host/out.zip"],
                           install=names, env=PYODIDE_ENV)
            (Path(tmp) / "out.zip").replace(cached)
    shutil.copyfile(cached, stdlib)
