"""Running Python under the pinned Pyodide in Node: the build's way to make bytecode with
the very interpreter the browser runs, and to record what that interpreter imports.

The programs are real files in sitebuild/in_pyodide/, run by runner.mjs."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from sitebuild.process import run

HERE = Path(__file__).resolve().parent
PROGRAMS = HERE / "in_pyodide"
RUNNER = HERE / "runner.mjs"


def programs_digest() -> bytes:
    """What the runner and the programs are, for cache keys of what they make."""
    h = hashlib.sha256(RUNNER.read_bytes())
    for path in sorted(PROGRAMS.glob("*.py")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.digest()


def run_in_pyodide(runtime: Path, host: Path, program: str, args: list[str] = (),
                   install: list[str] = (), env: dict | None = None, programs: Path = PROGRAMS) -> None:
    """Run `programs`/`program` (the build's: in_pyodide/) in the runtime of `runtime` under
    Node, with `host` mounted at /host, the wheels `install` (file names in `host`) installed,
    and sys.argv[1:] = `args`."""
    shutil.copytree(programs, host / "in_pyodide", ignore=shutil.ignore_patterns("__pycache__"),
                    dirs_exist_ok=True)
    config = host / "runner.json"
    config.write_text(json.dumps({
        "pyodide": (runtime / "pyodide.mjs").as_uri(),
        "indexURL": str(runtime) + os.sep,
        "env": env or {},
        "root": str(host),
        "install": list(install),
        "argv": [f"/host/in_pyodide/{program}", *args],
    }))
    run(["node", RUNNER, config], capture_output=True)
