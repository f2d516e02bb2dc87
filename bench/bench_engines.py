#!/usr/bin/env python3
"""Cold and repeat first totals in each browser engine, with the worker's boot stages, side
by side in one run. Prints figures; asserts nothing.

    .venv/bin/python bench/bench_engines.py [--samples 5] [--engines chromium,webkit,firefox] [--json out.json]

Run `bash tests/run.sh tests/e2e/test_build.py` first: it builds dist/ and installs the
engines (Debian's Chromium, WebKitGTK's WebKitWebDriver + MiniBrowser under Xvfb, Firefox
ESR) and their pinned drivers. The drivers are the end-to-end tests' (tests/e2e/engines/).

Every sample of every engine is a new browser (a new, empty profile) on a new server port,
so a new origin: empty HTTP cache, no compiled-WebAssembly cache, no service worker. The
engines take turns within each round, so a busy machine slows all of them alike.

Each sample is two visits in that browser:
  cold    the first visit;
  repeat  once the service worker has stored the build (html[data-precache=done]), the same
          URL opened again: the page and every file come from the service worker's cache.
          Where the engine offers no service worker in the test's context (html[data-sw=none]),
          the repeat is the HTTP cache's, and the table says so.

Measured inside the page, from navigation start (performance.timeOrigin):
  form    the form is drawn (#profile-form [name=age] exists)
  total   `age` set to 30 as soon as the form exists; #total[data-state=ready] shows a
          number. The wait polls in the page every 25 ms, so figures are within 25 ms.
  stages  the worker's boot, from the page's performance marks `shpoints:boot:<stage>`
          (engine-client.mjs places the worker's own marks on the page's timeline).
"""

from __future__ import annotations

import argparse
import json
import os
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

# worker.mjs's marks in boot order; each stage is the time since the previous mark
STAGES = [
    ("created", "worker created (since navigation start)"),
    ("start", "runtime asked for (the page's go)"),
    ("loader", "pyodide.mjs imported"),
    ("wasm", "pyodide.asm.mjs fetched and run, .wasm asked for"),
    ("compiled", ".wasm fetched, compiled, instantiated"),
    ("runtime", "interpreter started (stdlib zip mounted)"),
    ("downloaded", "app archive in"),
    ("unpacked", "archive unpacked"),
    ("extension", "pydantic-core's extension compiled and imported"),
    ("imported", "calculator.api imported: ready"),
    ("total", "first total shown"),
]

MARKS_JS = """() => Object.fromEntries(performance.getEntriesByType('mark')
    .filter((m) => m.name.startsWith('shpoints:boot:'))
    .map((m) => [m.name.slice('shpoints:boot:'.length), Math.round(m.startTime)]))"""


def visit(driver, url: str) -> dict:
    """Open `url`, set age as soon as the form exists, wait for the first total."""
    driver.open(url)
    form = driver.wait_for("() => document.querySelector('#profile-form [name=age]') && performance.now()",
                           timeout=TIMEOUT)
    driver.fill("#profile-form [name=age]", "30")
    first = driver.wait_for("""() => { const t = document.querySelector('#total');
        return t.dataset.state === 'ready' && /\\d/.test(t.textContent) && performance.now(); }""", timeout=TIMEOUT)
    marks = driver.wait_for(f"() => {{ const m = ({MARKS_JS})(); return 'imported' in m && m; }}", timeout=10)
    streaming = "wasm-streaming" in marks
    marks["total"] = round(first)
    return {"form_ms": round(form), "total_ms": round(first), "marks": marks,
            "total": int(driver.text("#total").replace(",", "").strip()), "streaming": streaming,
            "sw": driver.run("() => !!(navigator.serviceWorker && navigator.serviceWorker.controller)")}


def sample(name: str, pw, dist: Path = DIST) -> dict:
    site = Site(dist)
    browser = None
    try:
        options = {}
        if name == "chromium":
            browser = pw.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
            options["browser"] = browser
        driver = launch(name, site.origin, **options)
        try:
            driver.set_viewport(390, 900)
            cold = visit(driver, site.url)
            state = driver.wait_for("""() => { const d = document.documentElement.dataset;
                return d.sw === 'none' || d.sw === 'error' ? 'no-sw:' + d.sw : d.precache === 'done' && 'stored'; }""",
                                    timeout=TIMEOUT)
            repeat = visit(driver, site.url)
            return {"version": driver.version, "cold": cold, "repeat": repeat, "stored": state}
        finally:
            driver.close()
    finally:
        if browser:
            browser.close()
        site.stop()


def med(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def stage_table(samples: list[dict], mode: str) -> list[tuple[str, float | None, float | None]]:
    """(label, median mark, median span since the previous mark) per stage."""
    rows, previous = [], None
    for key, label in STAGES:
        at = [s[mode]["marks"].get(key) for s in samples]
        spans = ([a - s[mode]["marks"][previous] for a, s in zip(at, samples)
                  if a is not None and previous in s[mode]["marks"]] if previous else at)
        rows.append((label, med(at), med(spans)))
        previous = key
    return rows


def goals(runs: dict[str, list[dict]]) -> None:
    """The goals in these figures, and where a missed one's time goes (stage by stage)."""
    def spans(name, mode):
        return {label: span for (label, _, span) in stage_table(runs[name], mode)}

    def total(name, mode):
        return med([s[mode]["total_ms"] for s in runs[name]])

    print("\ngoals (medians of this run):")
    for webkit in [n for n in runs if n.startswith("webkit")]:
        chromium = webkit.replace("webkit", "chromium", 1)
        if chromium not in runs:
            continue
        ratio = total(webkit, "cold") / total(chromium, "cold")
        print(f"  {webkit} cold / {chromium} cold = {ratio:.2f} (goal <= 1.5: {'met' if ratio <= 1.5 else 'not met'}); "
              "WebKit's extra time by stage, ms: " + ", ".join(
                  f"{label} {w - c:+,.0f}" for (label, w), c in zip(spans(webkit, "cold").items(), spans(chromium, "cold").values())
                  if w is not None and c is not None and abs(w - c) >= 100))
    for name in runs:
        ratio = total(name, "repeat") / total(name, "cold")
        print(f"  {name} repeat / cold = {ratio:.2f} (goal <= 0.6: {'met' if ratio <= 0.6 else 'not met'}); "
              "the repeat's stages against the cold's, ms: " + ", ".join(
                  f"{label} {c:,.0f} -> {r:,.0f}" for (label, r), c in zip(spans(name, "repeat").items(), spans(name, "cold").values())
                  if r is not None and c is not None and max(r, c) >= 150))


def fmt(x) -> str:
    return "—" if x is None else f"{x:,.0f}"


def report(runs: dict[str, list[dict]], samples: int, seconds: float, builds: dict[str, str]) -> None:
    load = os.getloadavg()
    print(f"\n{samples} samples per engine, {platform.node()} ({os.cpu_count()} cores), "
          f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {seconds:.0f} s, load average now {load[0]:.1f}")
    print("build " + ", ".join(f"{b} ({d})" if len(builds) > 1 else b for d, b in builds.items()) + "\n")
    print("| engine | version | cold first total | repeat first total | repeat / cold | repeat served by |")
    print("|---|---|---|---|---|---|")
    for name, got in runs.items():
        cold = [s["cold"]["total_ms"] for s in got]
        rep = [s["repeat"]["total_ms"] for s in got]
        by = "service worker" if all(s["repeat"]["sw"] for s in got) else (
            "HTTP cache (" + ", ".join(sorted({s["stored"] for s in got})) + ")")
        print(f"| {name} | {got[0]['version']} | {fmt(med(cold))} ms ({', '.join(map(str, cold))}) | "
              f"{fmt(med(rep))} ms ({', '.join(map(str, rep))}) | {med(rep) / med(cold):.2f} | {by} |")
    names = list(runs)
    for mode in ("cold", "repeat"):
        print(f"\n{mode}: the boot's stages, ms (median mark from navigation start / median span since the previous mark)\n")
        print("| stage | " + " | ".join(names) + " |")
        print("|---|" + "---|" * len(names))
        tables = {n: stage_table(runs[n], mode) for n in names}
        for k, (_, label) in enumerate(STAGES):
            cells = [f"{fmt(tables[n][k][1])} / {fmt(tables[n][k][2])}" for n in names]
            print(f"| {label} | " + " | ".join(cells) + " |")
    goals(runs)
    print("\nthe runtime's .wasm compiled by WebAssembly.instantiateStreaming (else instantiate on the bytes): "
          + ", ".join(f"{n} {sum(bool(s['cold'].get('streaming')) for s in runs[n])}/{len(runs[n])}" for n in names))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=int, default=5)
    parser.add_argument("--engines", default=None, help="default: $SHPOINTS_ENGINES or all three")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--dist", type=Path, action="append", default=None,
                        help="a built site (default dist/); given twice or more, an A/B: the builds take turns too")
    args = parser.parse_args()
    names = selected(args.engines)
    dists = args.dist or [DIST]
    for dist in dists:
        if not (dist / "index.html").exists():
            print(f"{dist} is missing: run `python build.py` first", file=sys.stderr)
            return 2
    builds = {str(d): json.loads((d / "build.json").read_text())["build_id"] for d in dists}
    label = (lambda name, dist: name if len(dists) == 1 else f"{name} {dist.name}")
    names_runs = [(name, dist) for name in names for dist in dists]

    from playwright.sync_api import sync_playwright

    runs: dict[str, list[dict]] = {label(n, d): [] for n, d in names_runs}
    started = time.monotonic()
    print(f"load average at the start {os.getloadavg()[0]:.1f}", flush=True)
    with sync_playwright() as pw:
        for k in range(args.samples):
            for name, dist in names_runs:
                got = sample(name, pw, dist)
                runs[label(name, dist)].append(got)
                print(f"  round {k + 1}/{args.samples} {label(name, dist):8s} cold: form {got['cold']['form_ms']:5d}, "
                      f"total {got['cold']['total_ms']:5d} ms; repeat ({'sw' if got['repeat']['sw'] else got['stored']}): "
                      f"form {got['repeat']['form_ms']:5d}, total {got['repeat']['total_ms']:5d} ms "
                      f"(total {got['cold']['total']}, load {os.getloadavg()[0]:.1f})", flush=True)
                if args.json:   # as it goes: a long run interrupted keeps its samples
                    args.json.write_text(json.dumps(runs, indent=1) + "\n")
    report(runs, args.samples, time.monotonic() - started, builds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
