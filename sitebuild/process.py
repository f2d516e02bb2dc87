"""Running the tools the build needs, and the one way it reports a failure."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path


class BuildError(Exception):
    """A failure the user can act on; build.py prints it without a traceback."""


def run(cmd: list, **kw) -> subprocess.CompletedProcess:
    try:
        return subprocess.run([str(c) for c in cmd], check=True, **kw)
    except FileNotFoundError as e:
        raise BuildError(f"{cmd[0]} not found: install it (needed for: {' '.join(map(str, cmd))})") from e
    except subprocess.CalledProcessError as e:
        detail = (e.stderr or b"").decode(errors="replace") if isinstance(e.stderr, bytes) else (e.stderr or "")
        raise BuildError(f"command failed ({e.returncode}): {' '.join(map(str, cmd))}\n{detail[-3000:]}") from e


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
