#!/usr/bin/env python3
"""A first visit on a phone's link (how soon the form and the first total come over a slow
mobile network): Chromium's DevTools network emulation, the
"Slow 4G" profile Lighthouse uses (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up),
cache empty. Prints figures; asserts nothing.

    .venv/bin/python bench/bench_throttled.py [--samples 3] [--json out.json]

One run holds every page, samples alternating (drift on the machine hits all alike), each
in a new Chromium with a new, empty user-data-dir, served by build.py's server from a copy
of dist/ (bench_load.serve_copy: also bare Pyodide as published, at stock/bare.html):
  form      navigation -> the form's age field exists (the form is usable before the engine);
  no-worker the same page with `Worker` removed before its scripts run: how soon the form
            shows when nothing else competes for the link (goal: app form <= this + 1.5 s);
  app       navigation -> first total (the bench types age 30 as soon as the form exists);
  bare      navigation -> `1+1` in bare Pyodide as published;
  bytes     what the server sent for requests made before the first total / `1+1`
            (the server's own log), by file: raw, gzip and Brotli as the build writes them;
            sent as `build.py serve` sends them (its .br siblings; --raw: uncompressed).
  repeat    unthrottled: a cold first total, then, in the same profile once the service
            worker has stored the build (html[data-precache=done]), a reload's first total.
Goals: <= 5.0 MB before the first total; app <= 0.75 x bare; repeat <= 0.6 x cold.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_load import OBSERVER, TIMEOUT, serve_copy  # noqa: E402
from conftest import CHROMIUM_ARGS, chromium_executable  # noqa: E402  (on sys.path via bench_load)

ROOT = Path(__file__).resolve().parents[1]
SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}
NO_WORKER = "delete window.Worker; window.Worker = undefined;"


def serve_compressed(site) -> None:
    """The served copy gets the build's .br/.gz siblings (sitebuild/compress.py) for what
    serve_copy added too (bare Pyodide as published), so both pages are sent by the same
    server (sitebuild/serve.py) with the same compression."""
    from sitebuild.compress import write_siblings

    write_siblings(Path(site.directory))


def log_requests(site):
    """Record (wall time, path) of every request the server answers with a body."""
    site.log, lock = [], threading.Lock()
    handler = site.server.RequestHandlerClass.func

    def log_request(self, code="-", size="-"):
        if int(getattr(code, "value", code)) == 200:
            with lock:
                site.log.append((time.time(), urlsplit(self.path).path))

    handler.log_request = log_request


class Sizes:
    """Bytes of a served file: raw, gzip and Brotli as the build writes them (sitebuild/compress.py)."""

    def __init__(self, root: Path):
        self.root, self.cache = root, {}

    def of(self, path: str) -> tuple[int, int, int]:
        from sitebuild.compress import cached_encode

        if path not in self.cache:
            file = self.root / (path.lstrip("/") or "index.html")
            if file.is_dir():
                file = file / "index.html"
            data = file.read_bytes()
            self.cache[path] = (len(data), len(cached_encode(data, "gzip")), len(cached_encode(data, "br")))
        return self.cache[path]


def visit(pw, site, url: str, done: str, *, throttle: bool, init: str = "", repeat: bool = False) -> dict:
    """One cold visit (new profile): times from navigation start; bytes by file until `done`."""
    tmp = tempfile.mkdtemp(prefix="profile-")
    ctx = pw.chromium.launch_persistent_context(tmp, executable_path=chromium_executable(), args=CHROMIUM_ARGS,
                                                headless=True, viewport={"width": 390, "height": 844})
    try:
        ctx.add_init_script(OBSERVER + init)
        page = ctx.pages[0] if ctx.pages else ctx.new_page()
        if throttle:
            cdp = ctx.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", SLOW_4G)
        start = len(site.log)
        page.goto(url, wait_until="commit")
        page.wait_for_selector(done, state="attached", timeout=TIMEOUT * 3)
        marks = page.evaluate("window.__bench")
        origin = page.evaluate("performance.timeOrigin") / 1000
        key = "total" if "total" in done else ("runtime" if "runtime" in done else "form")
        while marks.get(key) is None:   # the observer's own record of the moment
            page.wait_for_function("k => window.__bench[k] != null", arg=key, timeout=10_000)
            marks = page.evaluate("window.__bench")
        until = origin + marks[key] / 1000
        files = [path for when, path in site.log[start:] if when <= until]
        out = {"form": marks.get("form"), "total": marks.get("total"), "runtime": marks.get("runtime"), "files": files}
        if repeat:
            page.wait_for_selector("html[data-precache=done]", state="attached", timeout=TIMEOUT)
            page.reload(wait_until="commit")
            page.wait_for_selector("#total[data-state=ready]", state="attached", timeout=TIMEOUT)
            page.wait_for_function("() => window.__bench.total != null", timeout=10_000)
            out["repeat"] = page.evaluate("window.__bench.total")
            out["repeat_worker"] = page.evaluate("window.__bench.worker")
            out["repeat_requests"] = len(site.log) - start - len(out["files"])
        return out
    finally:
        ctx.close()


# worker.mjs's marks (ms since the worker started), in boot order: each row is the time since the previous
REPEAT_STAGES = [("start", "page loaded, runtime asked for"), ("loader", "pyodide.mjs imported"),
                 ("runtime", "loadPyodide: runtime compiled and the interpreter started"),
                 ("downloaded", "app archive read"), ("unpacked", "archive unpacked"),
                 ("extension", "pydantic-core's extension compiled and imported"),
                 ("imported", "calculator.api imported (pydantic models built)")]


def print_repeat_stages(rows) -> None:
    """Where a warm repeat visit's time goes, by worker stage (medians)."""
    marks = [r.get("repeat_worker") or {} for r in rows]
    print("\nRepeat visit, service worker warm: the worker's stages (ms, median of the samples)\n"
          "| stage | ms |\n|---|---|")
    before = "worker created"
    previous = [0] * len(marks)
    for key, label in REPEAT_STAGES:
        spans = [m[key] - p for m, p in zip(marks, previous) if key in m]
        previous = [m.get(key, p) for m, p in zip(marks, previous)]
        print(f"| {label} (since {before}) | {med(spans):.0f} |")
        before = key


def med(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else float("nan")


def join(rows, key) -> str:
    return ", ".join(f"{r[key]:.0f}" for r in rows)


def mb(n) -> str:
    return "—" if n is None else f"{n / 1e6:.2f}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=int, default=3)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--raw", action="store_true", help="serve uncompressed (the .br/.gz siblings removed)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        site = serve_copy(Path(tmp))
        log_requests(site)
        compressed = False
        if args.raw:
            for sibling in [*Path(site.directory).rglob("*.br"), *Path(site.directory).rglob("*.gz")]:
                sibling.unlink()
        else:
            serve_compressed(site)
            compressed = True
        sizes = Sizes(Path(site.directory))
        runs = {"app": [], "no_worker": [], "bare": [], "repeat": []}
        load = os.getloadavg()[0]
        for i in range(args.samples):
            runs["app"].append(visit(pw, site, site.url, "#total[data-state=ready]", throttle=True))
            runs["no_worker"].append(visit(pw, site, site.url, "html[data-engine=failed]", throttle=True,
                                           init=NO_WORKER))
            runs["bare"].append(visit(pw, site, site.url + "stock/bare.html", "html[data-runtime=ready]",
                                      throttle=True))
            runs["repeat"].append(visit(pw, site, site.url, "#total[data-state=ready]", throttle=False, repeat=True))
            a, n, b, r = (runs[k][-1] for k in ("app", "no_worker", "bare", "repeat"))
            print(f"sample {i + 1}: form {a['form']:.0f} (no worker {n['form']:.0f}) ms, total {a['total']:.0f} ms, "
                  f"bare 1+1 {b['runtime']:.0f} ms; unthrottled cold {r['total']:.0f}, repeat {r['repeat']:.0f} ms",
                  flush=True)
        load_end = os.getloadavg()[0]
        for path in {p for r in runs["app"] + runs["bare"] for p in r["files"]}:
            sizes.of(path)   # while the served copy exists

    def byte_table(files):
        rows = {}
        for path in files:
            raw, gz, br = sizes.of(path)
            row = rows.setdefault(path, [0, 0, 0 if br is not None else None, 0])
            row[0] += raw; row[1] += gz; row[3] += 1
            if br is not None:
                row[2] += br
        return rows

    app_bytes, bare_bytes = byte_table(runs["app"][0]["files"]), byte_table(runs["bare"][0]["files"])

    def total(rows, col):
        vals = [r[col] for r in rows.values()]
        return None if any(v is None for v in vals) else sum(vals)

    figures = {
        "form": med([r["form"] for r in runs["app"]]), "form_no_worker": med([r["form"] for r in runs["no_worker"]]),
        "total": med([r["total"] for r in runs["app"]]), "bare": med([r["runtime"] for r in runs["bare"]]),
        "cold": med([r["total"] for r in runs["repeat"]]), "repeat": med([r["repeat"] for r in runs["repeat"]]),
    }
    print(f"\nSlow 4G (150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up), {args.samples} samples, "
          f"load average {load:.1f} at the start, {load_end:.1f} at the end; medians in ms")
    print(f"| figure | median | samples | goal |\n|---|---|---|---|")
    print(f"| form usable (app) | {figures['form']:.0f} | {join(runs['app'], 'form')} | "
          f"≤ no-worker + 1500 ({figures['form'] - figures['form_no_worker']:+.0f}) |")
    print(f"| form usable, no worker | {figures['form_no_worker']:.0f} | "
          f"{join(runs['no_worker'], 'form')} | |")
    print(f"| app first total | {figures['total']:.0f} | {join(runs['app'], 'total')} | |")
    print(f"| bare Pyodide as published, 1+1 | {figures['bare']:.0f} | "
          f"{join(runs['bare'], 'runtime')} | |")
    print(f"| ratio app/bare | {figures['total'] / figures['bare']:.2f} | | ≤ 0.75 |")
    print(f"| unthrottled cold first total | {figures['cold']:.0f} | "
          f"{join(runs['repeat'], 'total')} | |")
    print(f"| repeat visit, service worker warm | {figures['repeat']:.0f} | "
          f"{join(runs['repeat'], 'repeat')} | ratio {figures['repeat'] / figures['cold']:.2f} ≤ 0.6 |")
    print_repeat_stages(runs["repeat"])
    for name, rows in (("app, before the first total", app_bytes), ("bare Pyodide as published, before 1+1", bare_bytes)):
        print(f"\nBytes, {name} (MB; sent: {'brotli' if compressed else 'raw'})\n| file | raw | gzip | brotli |\n|---|---|---|---|")
        for path, (raw, gz, br, n) in sorted(rows.items(), key=lambda kv: -kv[1][0]):
            print(f"| {path}{f' (x{n})' if n > 1 else ''} | {mb(raw)} | {mb(gz)} | {mb(br)} |")
        print(f"| **total** | **{mb(total(rows, 0))}** | **{mb(total(rows, 1))}** | **{mb(total(rows, 2))}** |")
    if args.json:
        args.json.write_text(json.dumps({"figures": figures, "runs": runs}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
