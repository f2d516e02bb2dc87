#!/usr/bin/env python3
"""Lighthouse on the page as a phone opens it: the pinned Lighthouse (npm lighthouse@12.2.3,
installed by this script into bench/.lighthouse/, never globally) in its default mobile
profile (simulated Slow 4G and a 4x slower CPU, a Moto G Power sized screen), driving
Debian's Chromium headless, against dist/ served by build.py's own server. Prints the four
category scores and CLS, TBT and LCP of every run and their medians; asserts nothing.

    .venv/bin/python bench/bench_lighthouse.py [--runs 5] [--url URL] [--json out.json]

Goals: CLS <= 0.1, Performance >= 90, Accessibility, Best Practices and SEO 100.
Needs Node 20 and npm (the first run installs Lighthouse), and /usr/bin/chromium
(or $CHROME_PATH).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from sitebuild.paths import DIST  # noqa: E402
from sitebuild.serve import make_server  # noqa: E402

VERSION = "12.2.3"
CACHE = Path(__file__).resolve().parent / ".lighthouse"
CLI = CACHE / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {"CLS": "cumulative-layout-shift", "TBT ms": "total-blocking-time", "LCP ms": "largest-contentful-paint"}
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run"


def ensure_lighthouse() -> None:
    """The pinned Lighthouse in bench/.lighthouse/ (installed once, by npm)."""
    installed = CACHE / "node_modules" / "lighthouse" / "package.json"
    if installed.exists() and json.loads(installed.read_text())["version"] == VERSION:
        return
    CACHE.mkdir(exist_ok=True)
    subprocess.run(["npm", "install", "--prefix", str(CACHE), "--no-audit", "--no-fund", "--loglevel=error",
                    f"lighthouse@{VERSION}"], check=True)


def run_once(url: str, chrome: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        profile = Path(tmp) / "profile"
        cmd = ["node", str(CLI), url, "--output=json", f"--output-path={out}", "--quiet",
               f"--only-categories={','.join(CATEGORIES)}",
               f"--chrome-flags={CHROME_FLAGS} --user-data-dir={profile}"]
        subprocess.run(cmd, check=True, env={**os.environ, "CHROME_PATH": chrome})
        report = json.loads(out.read_text(encoding="utf-8"))
    row = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    for name, audit in METRICS.items():
        row[name] = report["audits"][audit]["numericValue"]
    row["failed audits"] = sorted(
        a["id"] for c in CATEGORIES if c != "performance" for ref in report["categories"][c]["auditRefs"]
        if (a := report["audits"][ref["id"]])["score"] is not None and a["score"] < 1 and ref["weight"] > 0)
    row["form factor"] = report["configSettings"]["formFactor"]
    return row


def fmt(row: dict) -> str:
    return (" ".join(f"{c} {row[c]:>3}" for c in CATEGORIES)
            + f" | CLS {row['CLS']:.3f}  TBT {row['TBT ms']:.0f} ms  LCP {row['LCP ms']:.0f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--url", help="a running site (default: dist/ served by build.py's server)")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    chrome = os.environ.get("CHROME_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    ensure_lighthouse()

    server = None
    url = args.url
    if not url:
        if not (DIST / "index.html").exists():
            sys.exit("dist/ is not built: run `python build.py` first")
        server = make_server(DIST, 0, quiet=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        rows = []
        for k in range(args.runs):
            rows.append(run_once(url, chrome))
            print(f"run {k + 1}: {fmt(rows[-1])}", flush=True)
    finally:
        if server:
            server.shutdown()
    median = {key: statistics.median(r[key] for r in rows) for key in (*CATEGORIES, *METRICS)}
    print(f"median ({len(rows)} runs, Lighthouse {VERSION}, {rows[0]['form factor']}): {fmt(median)}")
    failed = sorted({a for r in rows for a in r["failed audits"]})
    print("audits below 1 outside performance:", ", ".join(failed) or "none")
    if args.json:
        args.json.write_text(json.dumps({"url": url, "lighthouse": VERSION, "runs": rows, "median": median}, indent=1))


if __name__ == "__main__":
    main()
