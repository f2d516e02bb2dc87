"""THE owner of the project's virtualenv (.venv/): the build asks it for a Python with the
pinned packages, and tests/run.sh asks it too (`python3 build.py venv --extra test`), so
the virtualenv is created and installed in one place only.

It holds the project installed editable (`pip install -e .`), constrained to the wheel
versions the browser gets (pyodide.lock.json), with the `build` extra (what build.py needs
beside the standard library) and any extra asked for. A stamp records what was installed
from which pyproject.toml and lock, so an unchanged virtualenv is not reinstalled.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

from sitebuild.lock import constraints
from sitebuild.paths import LOCK, ROOT, VENV
from sitebuild.process import run

ALWAYS = ("build",)
STAMP = VENV / ".shpoints-installed"


def _inputs() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + LOCK.read_bytes()).hexdigest()


def _stamp() -> dict:
    try:
        return json.loads(STAMP.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def venv_python(extras: tuple[str, ...] | list[str] = ()) -> Path:
    """The .venv python with the project, the `build` extra and `extras` installed."""
    py = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    if not py.exists():
        print(f"creating {VENV.relative_to(ROOT)}/")
        run([sys.executable, "-m", "venv", VENV])
    stamp, inputs = _stamp(), _inputs()
    installed = set(stamp.get("extras", [])) if stamp.get("inputs") == inputs else set()
    wanted = sorted(set(ALWAYS) | set(extras) | installed)
    if stamp.get("inputs") != inputs or not set(wanted) <= set(stamp.get("extras", [])):
        print(f"installing the project into .venv (pip install -e .[{','.join(wanted)}])")
        pins = VENV / "constraints.txt"
        pins.write_text(constraints())
        run([py, "-m", "pip", "install", "--quiet", "-c", pins, "-e", f"{ROOT}[{','.join(wanted)}]"])
        STAMP.write_text(json.dumps({"inputs": inputs, "extras": wanted}) + "\n", encoding="utf-8")
    return py
