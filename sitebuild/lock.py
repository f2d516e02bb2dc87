"""pyodide.lock.json: the pinned third-party artifacts (the Pyodide runtime, the wheels).

They come only from the lock, fetched with their ordinary clients (`npm pack`,
`pip download`) into .cache/artifacts/ and sha256-checked there, so a rebuild needs no
network and nothing unchecked is shipped.
"""

from __future__ import annotations

import json
import tarfile
import tempfile
from pathlib import Path

from sitebuild.paths import CACHE, LOCK
from sitebuild.process import BuildError, run, sha256_file
from sitebuild.project import pinned_dependencies


def read_lock() -> dict:
    return json.loads(LOCK.read_text(encoding="utf-8"))


def load_lock() -> dict:
    """The lock, checked against pyproject.toml's pins: the browser must run the same versions."""
    lock = read_lock()
    shipped = {w["name"]: w["version"] for w in shipped_wheels(lock)}
    for name, version in pinned_dependencies().items():
        if shipped.get(name) != version:
            raise BuildError(
                f"pyproject.toml pins {name}=={version} but pyodide.lock.json ships "
                f"{name} {shipped.get(name)}: the browser must run the same version"
            )
    return lock


def shipped_wheels(lock: dict) -> list[dict]:
    """Every wheel the browser may run: the ones every page loads, then the ones installed
    only when asked for (`on_demand`: the workbook reader and the installer that installs it)."""
    return [*lock["wheels"], *lock.get("on_demand", [])]


def artifacts(lock: dict) -> list[dict]:
    return [lock["pyodide"], *shipped_wheels(lock)]


def constraints() -> str:
    """The shipped wheels as pip constraints, so CPython runs the same versions as the browser."""
    return "".join(f"{w['name']}=={w['version']}\n" for w in shipped_wheels(read_lock()))


def fetch(artifact: dict, into: Path, python: Path) -> Path:
    """Fetch one artifact into `into` with its ordinary client; return the file."""
    if "npm_pack" in artifact:
        run(["npm", "pack", artifact["npm_pack"], "--pack-destination", into, "--silent"],
            cwd=into, capture_output=True)
    else:
        run([python, "-m", "pip", "download", "--quiet", "--dest", into, *artifact["pip_download"]],
            capture_output=True)
    path = into / artifact["file"]
    if not path.exists():
        got = ", ".join(p.name for p in into.iterdir()) or "nothing"
        raise BuildError(f"fetching {artifact['name']} gave {got}, expected {artifact['file']}")
    return path


def check_hash(artifact: dict, path: Path) -> None:
    actual = sha256_file(path)
    if actual != artifact["sha256"]:
        raise BuildError(
            f"sha256 mismatch for {artifact['file']}:\n  pinned {artifact['sha256']}\n  got    {actual}\n"
            f"  ({path}). Not shipping it. If the pin changed on purpose, run `python build.py lock`; "
            "otherwise delete the file to refetch it."
        )


def ensure_artifacts(lock: dict, python: Path) -> None:
    """Every locked artifact present in .cache/artifacts/ with its pinned sha256
    (`python` is the interpreter whose pip downloads the wheels)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    for artifact in artifacts(lock):
        path = CACHE / artifact["file"]
        if not path.exists():
            print(f"fetching {artifact['file']}")
            with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
                got = fetch(artifact, Path(tmp), python)
                check_hash(artifact, got)
                got.replace(path)
        check_hash(artifact, path)


def relock(python: Path) -> None:
    """Refetch every artifact and rewrite the hashes in pyodide.lock.json."""
    lock = read_lock()
    CACHE.mkdir(parents=True, exist_ok=True)
    for artifact in artifacts(lock):
        with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
            got = fetch(artifact, Path(tmp), python)
            artifact["sha256"] = sha256_file(got)
            got.replace(CACHE / artifact["file"])
        print(f"{artifact['sha256']}  {artifact['file']}")
    LOCK.write_text(json.dumps(lock, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    load_lock()  # re-check the pins against pyproject.toml


def extract_runtime(lock: dict, dest: Path) -> None:
    """The pinned Pyodide runtime files, as published (from the cached, checked npm package)."""
    runtime = lock["pyodide"]
    with tarfile.open(CACHE / runtime["file"]) as tgz:
        for name in runtime["runtime_files"]:
            (dest / name).write_bytes(tgz.extractfile(f"package/{name}").read())
