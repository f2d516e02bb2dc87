"""Precompressed siblings of the large files of dist/: x.br (Brotli) and x.gz (gzip), so a
server sends compressed bytes without compressing on every request (serve.py, and nginx's
gzip_static/brotli_static or Caddy's `precompressed`: docs/deploy.md).

Both are deterministic (the same input gives the same bytes: Brotli at a fixed quality
from the pinned `brotli` package, gzip with mtime 0 and no file name), and cached in
.cache/compressed/ by the content's sha256, so a rebuild only compresses what changed
(Brotli's best quality takes tens of seconds on the runtime's 9.6 MB of WebAssembly).
A sibling is written only when it is smaller than the file. The siblings are neither
listed in build.json (the build id) nor precached by the service worker: the browser
stores what it decoded.

Run as `python -m sitebuild.compress DIST` with the project's .venv (which has `brotli`).
"""

from __future__ import annotations

import gzip
import hashlib
import sys
from pathlib import Path

from sitebuild.paths import CACHE_ROOT

COMPRESSED_CACHE = CACHE_ROOT / "compressed"
# Content-Encoding token -> file suffix, in the server's order of preference.
SIBLINGS = {"br": ".br", "gzip": ".gz"}
COMPRESSIBLE = {".wasm", ".js", ".mjs", ".json", ".zip", ".whl", ".css", ".html", ".webmanifest", ".svg"}
THRESHOLD = 1024  # bytes: below this, the headers cost more than compression saves
BROTLI_QUALITY = 11
GZIP_LEVEL = 9
CACHE_VERSION = "1"  # bump when the settings above change


def is_sibling(path: str) -> bool:
    return path.endswith(tuple(SIBLINGS.values()))


def wants_siblings(path: Path) -> bool:
    return path.suffix in COMPRESSIBLE and path.stat().st_size > THRESHOLD


def encode(data: bytes, coding: str) -> bytes:
    if coding == "br":
        import brotli  # the `build` extra (pyproject.toml), in .venv

        return brotli.compress(data, quality=BROTLI_QUALITY)
    return gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)


def cached_encode(data: bytes, coding: str) -> bytes:
    key = hashlib.sha256(CACHE_VERSION.encode() + hashlib.sha256(data).digest()).hexdigest()[:32]
    path = COMPRESSED_CACHE / f"{key}{SIBLINGS[coding]}"
    if not path.exists():
        COMPRESSED_CACHE.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(encode(data, coding))
        tmp.replace(path)
    return path.read_bytes()


def write_siblings(dist: Path) -> list[Path]:
    """Write the .br/.gz siblings of every large compressible file in `dist`; return them."""
    written = []
    for path in sorted(p for p in dist.rglob("*") if p.is_file() and not is_sibling(p.name)):
        if not wants_siblings(path):
            continue
        data = path.read_bytes()
        for coding, suffix in SIBLINGS.items():
            packed = cached_encode(data, coding)
            if len(packed) < len(data):
                sibling = path.with_name(path.name + suffix)
                sibling.write_bytes(packed)
                written.append(sibling)
    return written


if __name__ == "__main__":
    siblings = write_siblings(Path(sys.argv[1]))
    print(f"wrote {len(siblings)} precompressed siblings (.br, .gz)")
