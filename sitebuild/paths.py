"""Where things are: the repository, its inputs and what the build writes."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
WEB = ROOT / "web"
LOCK = ROOT / "pyodide.lock.json"
VENV = ROOT / ".venv"
CACHE_ROOT = ROOT / ".cache"
CACHE = CACHE_ROOT / "artifacts"  # the pinned third-party downloads, checked by sha256
