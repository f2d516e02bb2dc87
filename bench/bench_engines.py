#!/usr/bin/env python3
"""Cold first total in each browser engine, side by side in one run. Prints figures; asserts nothing.

    .venv/bin/python bench/bench_engines.py [--samples 3] [--engines chromium,webkit,firefox] [--json out.json]

Run `bash tests/run.sh tests/e2e/test_build.py` first: it builds dist/ and installs the
engines (Debian's Chromium, WebKitGTK's WebKitWebDriver + MiniBrowser under Xvfb, Firefox
ESR) and their pinned drivers. The drivers are the end-to-end tests' (tests/e2e/engines/).

Every sample of every engine is a new browser (a new, empty profile) on a new server port,
so a new origin: empty HTTP cache, no compiled-WebAssembly cache, no service worker. The
engines take turns within each round, so a busy machine slows all of them alike.

Measured inside the page, from navigation start (performance.timeOrigin):
  form    the form is drawn (#profile-form [name=age] exists)
  total   `age` set to 30 as soon as the form exists; #total[data-state=ready] shows a
          number. The wait polls in the page every 25 ms, so figures are within 25 ms.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
from conftest import CHROMIUM_ARGS, DIST, Site, chromium_executable  # noqa: E402
from engines import launch, selected  # noqa: E402

TIMEOUT = 300.0  # s


def sample(name: str, pw) -> dict:
    site = Site(DIST)
    browser = None
    try:
        options = {}
        if name == "chromium":
            browser = pw.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
            options["browser"] = browser
        driver = launch(name, site.origin, **options)
        try:
            driver.set_viewport(390, 900)
            driver.open(site.url)
            form = driver.wait_for("() => document.querySelector('#profile-form [name=age]') && performance.now()",
                                   timeout=TIMEOUT)
            driver.fill("#profile-form [name=age]", "30")
            first = driver.wait_for("""() => { const t = document.querySelector('#total');
                return t.dataset.state === 'ready' && /\\d/.test(t.textContent) && performance.now(); }""", timeout=TIMEOUT)
            return {"version": driver.version, "form_ms": round(form), "total_ms": round(first),
                    "total": int(driver.text("#total").replace(",", "").strip())}
        finally:
            driver.close()
    finally:
        if browser:
            browser.close()
        site.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=int, default=3)
    parser.add_argument("--engines", default=None, help="default: $SHPOINTS_ENGINES or all three")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    names = selected(args.engines)
    if not (DIST / "index.html").exists():
        print("dist/ is missing: run `python build.py` first", file=sys.stderr)
        return 2

    from playwright.sync_api import sync_playwright

    runs: dict[str, list[dict]] = {n: [] for n in names}
    started = time.monotonic()
    with sync_playwright() as pw:
        for k in range(args.samples):
            for name in names:
                got = sample(name, pw)
                runs[name].append(got)
                print(f"  round {k + 1}/{args.samples} {name:8s} form {got['form_ms']:6d} ms  "
                      f"first total {got['total_ms']:6d} ms  (total {got['total']})", flush=True)

    print(f"\ncold first total, {args.samples} samples per engine, {platform.node()} "
          f"({datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {time.monotonic() - started:.0f} s)")
    print(f"{'engine':10s} {'version':16s} {'form median':>12s} {'total median':>13s} {'total min':>10s} {'total max':>10s}")
    for name, samples in runs.items():
        totals = [s["total_ms"] for s in samples]
        forms = [s["form_ms"] for s in samples]
        print(f"{name:10s} {samples[0]['version']:16s} {statistics.median(forms):10.0f} ms "
              f"{statistics.median(totals):10.0f} ms {min(totals):7d} ms {max(totals):7d} ms")
    if args.json:
        args.json.write_text(json.dumps(runs, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
