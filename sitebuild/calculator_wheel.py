"""The calculator's own wheel, built by the standard tool (`pip wheel`, setuptools from
pyproject.toml), deterministic: the same sources give the same bytes (SOURCE_DATE_EPOCH
fixes the dates in the zip; the sources are built from a fresh copy with fixed file modes,
so no stale build/ folder or umask leaks into it)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from sitebuild.paths import ROOT
from sitebuild.process import BuildError, run

SOURCE_DATE_EPOCH = "315532800"  # 1980-01-01, the earliest date a zip can hold
SOURCES = ("pyproject.toml", "calculator")
# pyproject.toml's `readme` becomes the wheel's long description. The browser has no use for
# it, and with the real README every documentation edit would change the wheel and so the
# build id (every visitor's service worker would fetch the whole site again): the wheel gets
# a one-line README instead.
README_STUB = "Shanghai residence-permit points calculator (see the repository's README).\n"


def build_calculator_wheel(dest: Path, python: Path) -> str:
    """Build the wheel of calculator/ into `dest` with `python` (the project's .venv, which
    has setuptools); return its file name."""
    if not (ROOT / "calculator" / "__init__.py").exists():
        raise BuildError("calculator/__init__.py is missing: the calculator package is not there yet")
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "src", Path(tmp) / "out"
        for name in SOURCES:
            if (ROOT / name).is_dir():
                shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            else:
                src.mkdir(exist_ok=True)
                shutil.copyfile(ROOT / name, src / name)
        (src / "README.md").write_text(README_STUB, encoding="utf-8")
        for path in [src, *src.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "PYTHONHASHSEED": "0"}
        run([python, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
             "--wheel-dir", out, src], capture_output=True, env=env)
        (wheel,) = out.glob("*.whl")
        dest.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(wheel, dest / wheel.name)
        return wheel.name
