"""Precompressed siblings (sitebuild/compress.py) and how the server (sitebuild/serve.py,
the one `python build.py serve` and the browser tests use) picks them.

Expected encodings follow RFC 9110 §12.5.3 (Accept-Encoding): a coding with q=0 is refused,
`*` stands for any coding not named, identity is always acceptable; and the server's stated
preference (br over gzip)."""

from __future__ import annotations

import gzip
import http.client
import json
import os
import re
import threading
from pathlib import Path

import brotli
import pytest

from sitebuild.compress import SIBLINGS, THRESHOLD, write_siblings
from sitebuild.serve import make_server

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
DECODE = {"br": brotli.decompress, "gzip": gzip.decompress}
# Text that compresses well, a size above the threshold.
_FOLDERS: dict[int, Path] = {}
BODY = ("const 积分 = 120; // the standard\n" * 400).encode()


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("site")
    (root / "app.mjs").write_bytes(BODY)
    (root / "small.css").write_bytes(b"p{}")  # below the threshold: no siblings
    (root / "icon.png").write_bytes(b"\x89PNG" + bytes(4000))  # not a compressible type
    (root / "sub").mkdir()
    (root / "sub" / "data.json").write_bytes(json.dumps({"k": list(range(2000))}).encode())
    (root / "index.html").write_bytes(b"<!doctype html><title>t</title>" + b"<p>120</p>" * 300)
    write_siblings(root)
    return root


@pytest.fixture(scope="module")
def server(folder):
    srv = make_server(folder, 0, quiet=True)
    _FOLDERS[srv.server_address[1]] = folder
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield srv.server_address[1]
    srv.shutdown()
    srv.server_close()


def get(port: int, path: str, headers: dict, method: str = "GET"):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request(method, path, headers=headers)
    res = conn.getresponse()
    body = res.read()
    conn.close()
    return res, body


def test_siblings_decompress_to_the_original(folder):
    for name in ("app.mjs", "sub/data.json", "index.html"):
        original = (folder / name).read_bytes()
        for coding, suffix in SIBLINGS.items():
            packed = (folder / (name + suffix)).read_bytes()
            assert len(packed) < len(original)
            assert DECODE[coding](packed) == original, (name, coding)
    assert not list(folder.glob("small.css.*")), "below the threshold"
    assert not list(folder.glob("icon.png.*")), "PNG is compressed already"


def test_siblings_are_deterministic(folder, tmp_path):
    (tmp_path / "app.mjs").write_bytes(BODY)
    write_siblings(tmp_path)
    for suffix in SIBLINGS.values():
        assert (tmp_path / f"app.mjs{suffix}").read_bytes() == (folder / f"app.mjs{suffix}").read_bytes()
    assert gzip.decompress((tmp_path / "app.mjs.gz").read_bytes()) == BODY
    assert (tmp_path / "app.mjs.gz").read_bytes()[4:8] == b"\0\0\0\0", "gzip header mtime is 0"


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("gzip, deflate, br, zstd", "br"),
        ("br", "br"),
        ("gzip, deflate", "gzip"),
        ("br;q=0, gzip", "gzip"),
        ("gzip;q=0.5, br;q=0", "gzip"),
        ("*", "br"),
        ("br;q=0, *", "gzip"),
        ("br;q=0, gzip;q=0", None),
        ("identity", None),
        ("deflate", None),
        ("", None),
        (None, None),
    ],
)
def test_server_picks_the_encoding(server, accept, expected):
    headers = {} if accept is None else {"Accept-Encoding": accept}
    for path, content_type in (("/app.mjs", "text/javascript"), ("/sub/data.json", "application/json"),
                               ("/", "text/html; charset=utf-8")):
        res, body = get(server, path, headers)
        original = (BODY if path == "/app.mjs" else None)
        assert res.status == 200
        assert res.getheader("Content-Type") == content_type, path
        assert res.getheader("Content-Encoding") == expected, path
        assert res.getheader("Vary") == "Accept-Encoding", path
        assert int(res.getheader("Content-Length")) == len(body), path
        decoded = DECODE[expected](body) if expected else body
        if original is not None:
            assert decoded == original
        assert res.getheader("Content-Security-Policy"), "the production headers stay"


def folder_of(port: int) -> Path:
    return _FOLDERS[port]


def test_head_matches_get(server):
    res, body = get(server, "/app.mjs", {"Accept-Encoding": "br"}, "HEAD")
    assert body == b""
    assert res.getheader("Content-Encoding") == "br"
    _, got = get(server, "/app.mjs", {"Accept-Encoding": "br"})
    assert int(res.getheader("Content-Length")) == len(got) == len((folder_of(server) / "app.mjs.br").read_bytes())


def test_range_requests_get_the_file_as_it_is(server):
    res, body = get(server, "/app.mjs", {"Accept-Encoding": "br, gzip", "Range": "bytes=0-9"})
    assert res.getheader("Content-Encoding") is None
    assert body in (BODY, BODY[:10]), "the identity bytes (whole, or the range)"


def test_a_file_changed_after_its_siblings_is_sent_as_it_is(tmp_path):
    (tmp_path / "sw.js").write_bytes(BODY)
    write_siblings(tmp_path)
    changed = BODY.replace(b"120", b"121")
    (tmp_path / "sw.js").write_bytes(changed)
    stamp = (tmp_path / "sw.js.br").stat().st_mtime_ns
    os.utime(tmp_path / "sw.js", ns=(stamp + 10**9, stamp + 10**9))  # edited a second later
    srv = make_server(tmp_path, 0, quiet=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        res, body = get(srv.server_address[1], "/sw.js", {"Accept-Encoding": "br, gzip"})
    finally:
        srv.shutdown()
        srv.server_close()
    assert res.getheader("Content-Encoding") is None
    assert body == changed


def test_files_without_siblings_are_sent_plain(server):
    for path in ("/small.css", "/icon.png"):
        res, body = get(server, path, {"Accept-Encoding": "br, gzip"})
        assert res.status == 200
        assert res.getheader("Content-Encoding") is None
        assert res.getheader("Vary") is None
        assert int(res.getheader("Content-Length")) == len(body)


# ------------------------------------------------------------------ the built dist/

needs_dist = pytest.mark.skipif(not (DIST / "build.json").exists(), reason="dist/ is not built (python build.py)")


@needs_dist
def test_dist_large_files_have_siblings_that_decompress():
    checked = 0
    for path in sorted(DIST.rglob("*")):
        if not path.is_file() or path.name.endswith((".br", ".gz")):
            continue
        siblings = {c: path.with_name(path.name + s) for c, s in SIBLINGS.items()}
        large = path.suffix in {".wasm", ".js", ".mjs", ".json", ".zip", ".whl", ".css", ".html"} \
            and path.stat().st_size > THRESHOLD
        if not large:
            assert not any(s.exists() for s in siblings.values()), path
            continue
        original = path.read_bytes()
        present = {c: s for c, s in siblings.items() if s.exists()}
        assert "gzip" in present, f"{path.relative_to(DIST)} has no .gz"
        for coding, sibling in present.items():
            assert DECODE[coding](sibling.read_bytes()) == original, sibling
        checked += 1
    assert (DIST / "pyodide" / "pyodide.asm.wasm.br").exists()
    assert checked >= 10


@needs_dist
def test_siblings_are_neither_hashed_nor_precached():
    built = json.loads((DIST / "build.json").read_text(encoding="utf-8"))
    assert not [f["path"] for f in built["files"] if f["path"].endswith((".br", ".gz"))]
    sw = (DIST / "sw.js").read_text(encoding="utf-8")
    precache = json.loads(re.search(r"^const PRECACHE = (.*);$", sw, re.M).group(1))
    assert not [p for p in precache if p.endswith((".br", ".gz"))]
