"""The HTTP headers the site needs, and THE one Content-Security-Policy.

The CSP is written here only. The build puts it into dist/_headers (Netlify, Cloudflare
Pages), into the <meta> of every HTML page (a fallback for hosts that cannot set headers,
e.g. GitHub Pages: the web/*.html heads carry only a placeholder), and serve.py sends it.
"""

from __future__ import annotations

import html

from sitebuild.process import BuildError

CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; "
    "connect-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors *; "
    "base-uri 'self'; form-action 'self'"
)
# A <meta> CSP cannot carry frame-ancestors (browsers ignore it there, with a console warning).
META_ONLY_IN_HEADER = ("frame-ancestors",)
# The line of a web/*.html head that the build replaces with the <meta> CSP.
CSP_PLACEHOLDER = "<!-- Content-Security-Policy: written by the build (sitebuild/headers.py) -->"

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


def meta_csp() -> str:
    """The CSP as a <meta> can carry it: the header's policy less what a <meta> ignores."""
    kept = [d.strip() for d in CSP.split(";") if d.split() and d.split()[0] not in META_ONLY_IN_HEADER]
    return "; ".join(kept)


def inject_csp(page: str, name: str) -> str:
    """`page` (web/`name`) with its CSP placeholder replaced by the <meta> CSP."""
    if page.count(CSP_PLACEHOLDER) != 1:
        raise BuildError(f"web/{name}: expected the line {CSP_PLACEHOLDER} once in <head> "
                         "(the build writes the CSP there; do not write it by hand)")
    content = html.escape(meta_csp(), quote=False).replace('"', "&quot;")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content}">'
    return page.replace(CSP_PLACEHOLDER, meta)


def render_headers() -> str:
    """dist/_headers for Netlify / Cloudflare Pages."""
    lines = ["/*", f"  Content-Security-Policy: {CSP}", "  X-Content-Type-Options: nosniff", "/sw.js",
             "  Cache-Control: no-cache"]
    for ext in (".wasm", ".mjs", ".webmanifest"):
        lines += [f"/*{ext}", f"  Content-Type: {CONTENT_TYPES[ext]}"]
    return "\n".join(lines) + "\n"
