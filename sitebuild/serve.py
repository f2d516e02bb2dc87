"""The development server (`python build.py serve`), which the tests and benchmarks import
too, so they see the site as it is served: the production headers (types, CSP, nosniff,
no cookies) and the precompressed .br/.gz siblings (compress.py) where the browser accepts
them, the way docs/deploy.md sets up nginx and Caddy."""

from __future__ import annotations

import email.utils
import http.server
import os
from functools import partial

from sitebuild.compress import SIBLINGS
from sitebuild.headers import CONTENT_TYPES, CSP


def accepted_codings(header: str | None) -> dict[str, float]:
    """Accept-Encoding as {coding: q}; a coding with q=0 is refused."""
    out = {}
    for part in (header or "").split(","):
        coding, *params = [p.strip() for p in part.split(";")]
        if not coding:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        out[coding.lower()] = q
    return out


def choose_coding(header: str | None, available: list[str]) -> str | None:
    """The first of `available` (in SIBLINGS' order of preference: br, then gzip) that
    Accept-Encoding allows, or None for the file as it is."""
    accepted = accepted_codings(header)
    for coding in available:
        if accepted.get(coding, accepted.get("*", 0.0)) > 0:
            return coding
    return None


def is_fresh(sibling: str, original: str) -> bool:
    """A sibling written before its file was last changed is stale (someone edited the file
    after the build: a test's "next release", a hand fix on a server); the file is sent
    as it is then, never the old bytes."""
    try:
        return os.stat(sibling).st_mtime_ns >= os.stat(original).st_mtime_ns
    except OSError:
        return False


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with the production headers, precompressed where the client accepts it."""

    extensions_map = {"": "application/octet-stream", **CONTENT_TYPES}
    quiet = False
    vary = False

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        if self.vary:
            self.send_header("Vary", "Accept-Encoding")
        if self.path.split("?", 1)[0].endswith("/sw.js"):
            self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def send_head(self):
        self.vary = False
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path):
            return super().send_head()  # redirects a folder without its "/", or 404
        available = [c for c, suffix in SIBLINGS.items() if is_fresh(path + suffix, path)]
        self.vary = bool(available)
        # A Range request gets the file as it is (ranges of an encoded body would be
        # ranges of a different representation).
        coding = None if self.headers.get("Range") else choose_coding(self.headers.get("Accept-Encoding"), available)
        if coding is None:
            return super().send_head()
        try:
            f = open(path + SIBLINGS[coding], "rb")
        except OSError:
            return super().send_head()
        stat = os.fstat(f.fileno())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", coding)
        self.send_header("Content-Length", str(stat.st_size))
        self.send_header("Last-Modified", email.utils.formatdate(stat.st_mtime, usegmt=True))
        self.end_headers()
        return f

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
