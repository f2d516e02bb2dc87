#!/usr/bin/env python3
"""Build the static site into dist/ (stdlib only, Python >= 3.11).

    python build.py                 fetch + verify pinned artifacts, build dist/
    python build.py serve [--port N]  build, then serve dist/ on 127.0.0.1
    python build.py lock            refetch every artifact, rewrite pyodide.lock.json hashes
    python build.py icons           redraw web/icons/*.png
    python build.py constraints     print the shipped wheels as pip constraints (name==version)

Third-party files come only from pyodide.lock.json (fetched with `npm pack` /
`pip download` into .cache/artifacts/, sha256-checked), so a rebuild needs no
network. dist/formspec.json is exported with the project's virtualenv (.venv/,
created and `pip install -e .`-ed here when needed) so the pinned pydantic is used.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import http.server
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tarfile
import tempfile
import tomllib
import zipfile
import zlib
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DIST = ROOT / "dist"
WEB = ROOT / "web"
CACHE = ROOT / ".cache" / "artifacts"
LOCK = ROOT / "pyodide.lock.json"
VENV = ROOT / ".venv"

CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; "
    "connect-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors *; "
    "base-uri 'self'; form-action 'self'"
)
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".wasm": "application/wasm",
    ".zip": "application/zip",
    ".whl": "application/zip",
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".ico": "image/x-icon",
    ".txt": "text/plain; charset=utf-8",
}
# Files in dist/ that are not site assets: not hashed into the build id, not precached.
NOT_ASSETS = {"build.json", "sw.js", "_headers"}
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


class BuildError(Exception):
    pass


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def run(cmd: list, **kw) -> subprocess.CompletedProcess:
    try:
        return subprocess.run([str(c) for c in cmd], check=True, **kw)
    except FileNotFoundError as e:
        raise BuildError(f"{cmd[0]} not found: install it (needed for: {' '.join(map(str, cmd))})") from e
    except subprocess.CalledProcessError as e:
        detail = (e.stderr or b"").decode(errors="replace") if isinstance(e.stderr, bytes) else (e.stderr or "")
        raise BuildError(f"command failed ({e.returncode}): {' '.join(map(str, cmd))}\n{detail[-3000:]}") from e


# ---------------------------------------------------------------- project facts


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def pinned_dependencies() -> dict[str, str]:
    """{name: version} of the `name==version` runtime dependencies in pyproject.toml."""
    pins = {}
    for dep in pyproject()["dependencies"]:
        name, sep, version = dep.partition("==")
        if not sep:
            raise BuildError(f"pyproject.toml: dependency {dep!r} is not pinned with ==")
        pins[name.strip().lower()] = version.strip()
    return pins


def load_lock() -> dict:
    lock = json.loads(LOCK.read_text(encoding="utf-8"))
    shipped = {w["name"]: w["version"] for w in lock["wheels"]}
    for name, version in pinned_dependencies().items():
        if shipped.get(name) != version:
            raise BuildError(
                f"pyproject.toml pins {name}=={version} but pyodide.lock.json ships "
                f"{name} {shipped.get(name)}: the browser must run the same version"
            )
    return lock


def artifacts(lock: dict) -> list[dict]:
    return [lock["pyodide"], *lock["wheels"]]


# ---------------------------------------------------------------- virtualenv


def constraints() -> str:
    """The shipped wheels as pip constraints, so CPython runs the same versions as the browser."""
    return "".join(f"{w['name']}=={w['version']}\n" for w in json.loads(LOCK.read_text(encoding="utf-8"))["wheels"])


def venv_python() -> Path:
    """The project's .venv python with the pinned runtime dependencies installed."""
    py = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    if not py.exists():
        print(f"creating {VENV.relative_to(ROOT)}/")
        run([sys.executable, "-m", "venv", VENV])
    probe = (
        "import importlib.metadata as m, sys\n"
        f"pins = {pinned_dependencies()!r}\n"
        "m.version('shpoints-calculator')\n"
        "sys.exit(any(m.version(n) != v for n, v in pins.items()))\n"
    )
    if subprocess.run([py, "-c", probe], capture_output=True).returncode != 0:
        print("installing the project into .venv (pip install -e .)")
        pins = CACHE.parent / "constraints.txt"
        pins.parent.mkdir(parents=True, exist_ok=True)
        pins.write_text(constraints())
        run([py, "-m", "pip", "install", "--quiet", "-c", pins, "-e", ROOT])
    return py


# ---------------------------------------------------------------- artifacts


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


def ensure_artifacts(lock: dict, python: Path | None = None) -> None:
    """Every locked artifact present in .cache/artifacts/ with its pinned sha256."""
    CACHE.mkdir(parents=True, exist_ok=True)
    for artifact in artifacts(lock):
        path = CACHE / artifact["file"]
        if not path.exists():
            print(f"fetching {artifact['file']}")
            with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
                got = fetch(artifact, Path(tmp), python or venv_python())
                check_hash(artifact, got)
                got.replace(path)
        check_hash(artifact, path)


def check_hash(artifact: dict, path: Path) -> None:
    actual = sha256_file(path)
    if actual != artifact["sha256"]:
        raise BuildError(
            f"sha256 mismatch for {artifact['file']}:\n  pinned {artifact['sha256']}\n  got    {actual}\n"
            f"  ({path}). Not shipping it. If the pin changed on purpose, run `python build.py lock`; "
            "otherwise delete the file to refetch it."
        )


def relock() -> None:
    """Refetch every artifact and rewrite the hashes in pyodide.lock.json."""
    lock = json.loads(LOCK.read_text(encoding="utf-8"))
    python = venv_python()
    CACHE.mkdir(parents=True, exist_ok=True)
    for artifact in artifacts(lock):
        with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
            got = fetch(artifact, Path(tmp), python)
            artifact["sha256"] = sha256_file(got)
            got.replace(CACHE / artifact["file"])
        print(f"{artifact['sha256']}  {artifact['file']}")
    LOCK.write_text(json.dumps(lock, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    load_lock()  # re-check the pins against pyproject.toml


# ---------------------------------------------------------------- the calculator wheel


def record_hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def build_calculator_wheel(dest: Path) -> str:
    """Deterministic pure-Python wheel of calculator/; returns its file name."""
    project = pyproject()
    dist_name = re.sub(r"[-_.]+", "_", project["name"]).lower()
    version = project["version"]
    package = ROOT / "calculator"
    sources = sorted(
        [p for p in package.rglob("*.py") if "__pycache__" not in p.parts]
        + list((package / "parameters").glob("*.toml"))
        + [p for p in [package / "py.typed"] if p.exists()]
    )
    if not (package / "__init__.py").exists():
        raise BuildError("calculator/__init__.py is missing: the calculator package is not there yet")
    files = {p.relative_to(ROOT).as_posix(): p.read_bytes() for p in sources}
    info = f"{dist_name}-{version}.dist-info"
    metadata = [
        "Metadata-Version: 2.1",
        f"Name: {project['name']}",
        f"Version: {version}",
        f"Summary: {project['description']}",
        f"Requires-Python: {project['requires-python']}",
        *(f"Requires-Dist: {dep}" for dep in project["dependencies"]),
    ]
    files[f"{info}/METADATA"] = ("\n".join(metadata) + "\n").encode()
    files[f"{info}/WHEEL"] = (
        "Wheel-Version: 1.0\nGenerator: shpoints build.py\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    ).encode()
    record = "".join(f"{name},{record_hash(data)},{len(data)}\n" for name, data in files.items())
    files[f"{info}/RECORD"] = (record + f"{info}/RECORD,,\n").encode()

    name = f"{dist_name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(dest / name, "w") as whl:
        for arcname, data in files.items():
            entry = zipfile.ZipInfo(arcname, date_time=ZIP_TIME)
            entry.external_attr = 0o644 << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            whl.writestr(entry, data, compresslevel=9)
    return name


# ---------------------------------------------------------------- bytecode for the browser

# Pyodide compiles every .py it imports, and in WebAssembly that is most of the load time:
# the stock runtime spends about a second compiling the standard-library modules it imports
# while it starts. So what the browser imports ships as bytecode, compiled by the pinned
# runtime itself (run under Node), so the magic number always matches:
#  - the wheels carry .pyc instead of .py (as Pyodide's own package builds do, "py-compile");
#  - python_stdlib.zip carries .pyc instead of .py for the modules the runtime and the
#    calculator import (recorded by running them, below); the rest of the standard
#    library stays source, so the download grows only by what is used.
# Bytecode is the same program as the source, so a module missing from the recorded set
# is still correct, only compiled on import. Results are cached by input hash in .cache/pyc/.
PYC_CACHE = ROOT / ".cache" / "pyc"
PYC_VERSION = "2"  # bump to invalidate the cache when the compile step changes
# Set in the browser too (written to wheels/manifest.json, read by worker.mjs): the site has
# no pydantic plugins, so pydantic need not scan the installed distributions for them.
PYODIDE_ENV = {"PYDANTIC_DISABLE_PLUGINS": "__all__"}

PY_COMPILE = r"""
import base64, hashlib, importlib._bootstrap_external as ext, zipfile

def to_pyc(name, data):
    code = compile(data, name, "exec", dont_inherit=True, optimize=0)
    return name + "c", bytes(ext._code_to_timestamp_pyc(code, 0, 0))

def record_hash(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()

def sourceless_wheel(src, dst):
    out = {}
    with zipfile.ZipFile(src) as whl:
        for info in whl.infolist():
            name, data = info.filename, whl.read(info)
            if name.endswith(".py") and ".dist-info/" not in name:
                name, data = to_pyc(name, data)
            out[name] = data
    record = next(n for n in out if n.endswith(".dist-info/RECORD"))
    rows = [f"{n},{record_hash(d)},{len(d)}" for n, d in out.items() if n != record] + [f"{record},,"]
    out[record] = ("\n".join(rows) + "\n").encode()
    with zipfile.ZipFile(dst, "w") as whl:
        for name, data in out.items():
            entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            entry.external_attr = 0o644 << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            whl.writestr(entry, data)

def stdlib_with_bytecode(src, dst, members):
    # the zip's own order and dates; `members` (x.py names) become x.pyc, the rest is copied
    with zipfile.ZipFile(src) as old, zipfile.ZipFile(dst, "w") as new:
        for info in old.infolist():
            name, data = info.filename, old.read(info)
            if name in members:
                name, data = to_pyc(name, data)
            entry = zipfile.ZipInfo(name, date_time=info.date_time)
            entry.external_attr, entry.compress_type = info.external_attr, info.compress_type
            new.writestr(entry, data)
"""

# What the browser runs, to record which standard-library modules it imports: the worker's
# start (worker.mjs), then every request the page can send (calculator.api's ops).
PY_EXERCISE = r"""
import base64, json, sys
from calculator.api import OPS, handle
profile = {"age": 35, "education": "bachelor", "social_insurance_months": 36}
requests = [
    {"op": "score", "profile": profile}, {"op": "score", "profile": {"age": "x"}},
    {"op": "tier", "monthly_base": 12000}, {"op": "plan", "profile": profile}, {"op": "template"},
]
answers = [json.loads(handle(json.dumps(r))) for r in requests]
template = answers[-1]["result"]["csv_text"]
handle(json.dumps({"op": "batch", "csv_text": template}))
handle(json.dumps({"op": "batch", "csv_base64": base64.b64encode(template.encode("gb18030")).decode()}))
assert {r["op"] for r in requests} | {"batch"} == set(OPS), "exercise every op of calculator.api"
zip_dir = next(p for p in sys.path if p.endswith(".zip")) + "/"
used = sorted({m.__file__[len(zip_dir):] for m in list(sys.modules.values())
               if str(getattr(m, "__file__", "")).startswith(zip_dir) and m.__file__.endswith(".py")})
stdlib_with_bytecode("/host/stdlib.zip", "/host/out.zip", set(used))
"""

NODE_RUNNER = """
import { loadPyodide } from %(pyodide)s;
const py = await loadPyodide({ indexURL: %(index)s, env: %(env)s });
py.FS.mkdirTree("/host");
py.FS.mount(py.FS.filesystems.NODEFS, { root: %(root)s }, "/host");
const site = py.runPython("import sysconfig; sysconfig.get_path('purelib')");
for (const name of %(install)s) {  // installed the way worker.mjs installs them
  py.unpackArchive(py.FS.readFile("/host/" + name), "wheel", { extractDir: site });
}
py.runPython(%(code)s);
"""


def run_in_pyodide(runtime: Path, host: Path, code: str, install: list[str] = ()) -> None:
    """Run `code` in the pinned runtime under Node, with `host` mounted at /host and the
    wheels `install` (file names in `host`) installed."""
    script = host / "run.mjs"
    script.write_text(NODE_RUNNER % {
        "pyodide": json.dumps((runtime / "pyodide.mjs").as_uri()),
        "index": json.dumps(str(runtime) + os.sep),
        "env": json.dumps(PYODIDE_ENV),
        "root": json.dumps(str(host)),
        "install": json.dumps(list(install)),
        "code": json.dumps(code),
    })
    run(["node", script], capture_output=True)


def cached_pyc(*inputs: bytes) -> Path:
    digest = hashlib.sha256(PYC_VERSION.encode() + b"".join(hashlib.sha256(i).digest() for i in inputs))
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
            jobs = [[f"/host/{name}", f"/host/out-{name}"] for name in todo]
            run_in_pyodide(runtime, Path(tmp), PY_COMPILE + f"\nfor src, dst in {jobs!r}:\n    sourceless_wheel(src, dst)\n")
            for name in todo:
                (Path(tmp) / f"out-{name}").replace(cached[name])
    for name in names:
        shutil.copyfile(cached[name], wheels / name)


def precompile_stdlib(runtime: Path, wheels: Path, names: list[str]) -> None:
    """Rewrite runtime/python_stdlib.zip with bytecode for the modules the browser imports."""
    stdlib = runtime / "python_stdlib.zip"
    cached = cached_pyc(stdlib.read_bytes(), PY_EXERCISE.encode(), json.dumps(PYODIDE_ENV).encode(),
                        *((wheels / name).read_bytes() for name in names)).with_suffix(".zip")
    if not cached.exists():
        PYC_CACHE.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=PYC_CACHE) as tmp:
            for name in names:
                shutil.copyfile(wheels / name, Path(tmp) / name)
            shutil.copyfile(stdlib, Path(tmp) / "stdlib.zip")
            run_in_pyodide(runtime, Path(tmp), PY_COMPILE + PY_EXERCISE, install=names)
            (Path(tmp) / "out.zip").replace(cached)
    shutil.copyfile(cached, stdlib)


# ---------------------------------------------------------------- dist/


def export_formspec(python: Path, dest: Path) -> None:
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
    out = run([python, "-c", code], cwd=ROOT, capture_output=True, env={**os.environ, "PYTHONUTF8": "1"})
    dest.write_bytes(out.stdout)


def render_headers() -> str:
    """dist/_headers for Netlify / Cloudflare Pages."""
    lines = ["/*", f"  Content-Security-Policy: {CSP}", "  X-Content-Type-Options: nosniff", "/sw.js",
             "  Cache-Control: no-cache"]
    for ext in (".wasm", ".mjs", ".webmanifest"):
        lines += [f"/*{ext}", f"  Content-Type: {CONTENT_TYPES[ext]}"]
    return "\n".join(lines) + "\n"


def render_service_worker(template: str, build_id: str, precache: list[str]) -> str:
    for name, value in (("BUILD_ID", build_id), ("PRECACHE", precache)):
        template, n = re.subn(rf"^const {name} = .*;$", f"const {name} = {json.dumps(value)};",
                              template, count=1, flags=re.M)
        if n != 1:
            raise BuildError(f"web/sw.js: no `const {name} = ...;` line to fill in")
    return template


def dist_files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def extract_runtime(lock: dict, dest: Path) -> None:
    """The pinned Pyodide runtime files, as published (from the cached, checked npm package)."""
    runtime = lock["pyodide"]
    with tarfile.open(CACHE / runtime["file"]) as tgz:
        for name in runtime["runtime_files"]:
            (dest / name).write_bytes(tgz.extractfile(f"package/{name}").read())


def build() -> None:
    lock = load_lock()
    python = venv_python()
    ensure_artifacts(lock, python)

    if DIST.exists():
        shutil.rmtree(DIST)
    (DIST / "pyodide").mkdir(parents=True)
    (DIST / "wheels").mkdir()

    extract_runtime(lock, DIST / "pyodide")
    for wheel in lock["wheels"]:
        shutil.copyfile(CACHE / wheel["file"], DIST / "wheels" / wheel["file"])
    wheel_order = [w["file"] for w in lock["wheels"]] + [build_calculator_wheel(DIST / "wheels")]
    precompile_wheels(wheel_order, DIST / "wheels", DIST / "pyodide")
    precompile_stdlib(DIST / "pyodide", DIST / "wheels", wheel_order)
    # ---- trim (issue 10, sitebuild/trim.py): ship only what the browser runs: a trimmed
    # python_stdlib.zip and one app archive in place of the wheels, both checked by a rerun.
    from sitebuild.trim import trim_site
    manifest = trim_site(DIST, wheel_order, PYODIDE_ENV, ROOT / ".cache" / "trim")
    # ---- end trim
    (DIST / "wheels" / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    export_formspec(python, DIST / "formspec.json")

    for src in sorted(WEB.rglob("*")):
        rel = src.relative_to(WEB)
        if src.is_dir() or rel.as_posix() == "sw.js" or any(part.startswith(".") for part in rel.parts):
            continue
        dest = DIST / rel
        if dest.exists():
            raise BuildError(f"web/{rel.as_posix()} would overwrite a generated file in dist/")
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)
    (DIST / "_headers").write_text(render_headers())

    assets = [p for p in dist_files(DIST) if p not in NOT_ASSETS]
    entries = [{"path": p, "size": (DIST / p).stat().st_size, "sha256": sha256_file(DIST / p)} for p in assets]
    build_id = hashlib.sha256("".join(f"{e['path']}\0{e['sha256']}\n" for e in entries).encode()).hexdigest()[:16]
    (DIST / "build.json").write_text(json.dumps({"build_id": build_id, "files": entries}, indent=1) + "\n")
    template = (WEB / "sw.js").read_text(encoding="utf-8")
    (DIST / "sw.js").write_text(render_service_worker(template, build_id, ["./", *assets, "build.json"]))
    total = sum(e["size"] for e in entries)
    print(f"built dist/ ({len(entries)} files, {total / 1e6:.1f} MB), build id {build_id}")


# ---------------------------------------------------------------- server


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with the production headers: types, CSP, nosniff, no cookies."""

    extensions_map = {"": "application/octet-stream", **CONTENT_TYPES}
    quiet = False

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        if self.path.split("?", 1)[0].endswith("/sw.js"):
            self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def list_directory(self, path):
        self.send_error(404)

    def log_message(self, format, *args) -> None:
        if not self.quiet:
            super().log_message(format, *args)


def make_server(directory: str | os.PathLike, port: int = 8000, *, quiet: bool = False) -> http.server.ThreadingHTTPServer:
    """A server for `directory` on 127.0.0.1:`port` (0 = any free port); call serve_forever()."""
    handler = partial(type("Handler", (SiteHandler,), {"quiet": quiet}), directory=os.fspath(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    return server


# ---------------------------------------------------------------- icons


def png(width: int, height: int, rgba: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\0" + rgba[y * width * 4:(y + 1) * width * 4] for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


# "120" as stroked polylines in a 0..1 box per glyph (x right, y down).
GLYPHS = {
    "1": [[(0.22, 0.24), (0.56, 0.0), (0.56, 1.0)]],
    "2": [[(0.0, 0.22), (0.12, 0.06), (0.32, 0.0), (0.6, 0.0), (0.85, 0.08), (0.97, 0.27), (0.93, 0.46),
           (0.0, 1.0), (1.0, 1.0)]],
    "0": [[(0.5, 0.0), (0.8, 0.06), (0.97, 0.28), (1.0, 0.5), (0.97, 0.72), (0.8, 0.94), (0.5, 1.0),
           (0.2, 0.94), (0.03, 0.72), (0.0, 0.5), (0.03, 0.28), (0.2, 0.06), (0.5, 0.0)]],
}


def draw_icon(size: int, inset: float) -> bytes:
    """White "120" on a rounded-stroke, anti-aliased red square; `inset` keeps it in the safe zone."""
    background, ink = (0xC8, 0x10, 0x2E), (0xFF, 0xFF, 0xFF)
    glyph_w, glyph_h, gap = 0.55, 1.0, 0.32  # in glyph-height units
    text_w = 3 * glyph_w + 2 * gap
    scale = size * (1 - 2 * inset) / text_w
    x0, y0 = (size - text_w * scale) / 2, (size - glyph_h * scale) / 2
    segments = []
    for i, ch in enumerate("120"):
        left = x0 + i * (glyph_w + gap) * scale
        for line in GLYPHS[ch]:
            pts = [(left + x * glyph_w * scale, y0 + y * glyph_h * scale) for x, y in line]
            segments += list(zip(pts, pts[1:]))
    half = 0.075 * scale  # half the stroke width

    def coverage(px: float, py: float) -> float:
        best = half + 1
        for (ax, ay), (bx, by) in segments:
            if px < min(ax, bx) - best or px > max(ax, bx) + best or py < min(ay, by) - best or py > max(ay, by) + best:
                continue
            dx, dy = bx - ax, by - ay
            t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
            best = min(best, ((px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2) ** 0.5)
        return max(0.0, min(1.0, half - best + 0.5))

    out = bytearray()
    for y in range(size):
        for x in range(size):
            a = coverage(x + 0.5, y + 0.5)
            out += bytes(round(b + (i - b) * a) for b, i in zip(background, ink)) + b"\xff"
    return png(size, size, bytes(out))


def write_icons() -> None:
    """web/icons/: 192 and 512 px (purpose any) and a 512 px maskable one (text in the safe zone)."""
    (WEB / "icons").mkdir(parents=True, exist_ok=True)
    for name, size, inset in (("icon-192.png", 192, 0.14), ("icon-512.png", 512, 0.14),
                              ("icon-maskable-512.png", 512, 0.24)):
        (WEB / "icons" / name).write_bytes(draw_icon(size, inset))
        print(f"wrote web/icons/{name}")


# ---------------------------------------------------------------- command line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("build", help="build dist/ (the default)")
    serve = commands.add_parser("serve", help="build, then serve dist/ on 127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    commands.add_parser("lock", help="refetch the artifacts and rewrite the hashes in pyodide.lock.json")
    commands.add_parser("icons", help="redraw web/icons/*.png")
    commands.add_parser("constraints", help="print the shipped wheels as pip constraints")
    args = parser.parse_args(argv)
    try:
        if args.command == "lock":
            relock()
        elif args.command == "icons":
            write_icons()
        elif args.command == "constraints":
            sys.stdout.write(constraints())
        else:
            build()
    except BuildError as e:
        print(f"build.py: error: {e}", file=sys.stderr)
        return 1
    if args.command == "serve":
        server = make_server(DIST, args.port)
        print(f"serving dist/ on http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C stops)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
