#!/usr/bin/env python3
"""Load time and input latency, cold, in headless Chromium. Prints figures; asserts nothing.

    .venv/bin/python bench/bench_load.py [--samples 5] [--edits 200] [--json out.json]

Run `bash tests/run.sh tests/e2e/test_build.py` (or `python build.py`) first: it builds
dist/ and sets up .venv and Chromium. The bench serves a temporary copy of dist/ plus the
bare-Pyodide page of tests/e2e/bare/ (as bare.html; never shipped) with sitebuild's server (build.py serve),
so both pages run under the production headers (CSP, types).

Every sample is a new browser with a new, empty user-data-dir: empty HTTP cache, no
compiled-WebAssembly cache, no service worker. Times are from navigation start
(performance.timeOrigin), read with performance.now() inside the page by a
MutationObserver the bench installs before the page's own scripts run.

  (a) bare      bare Pyodide as published (npm pyodide@314.0.7, from build.py's checked
                cache): navigation -> `1+1` evaluated (html[data-runtime=ready]).
                Also the same page on dist/'s runtime files, whose python_stdlib.zip
                carries bytecode (build.py), and then, outside the measured time, the
                stages the app adds: installing the wheels of wheels/manifest.json,
                `import calculator.api`, a first score.
  (b) app       the calculator: navigation -> first computed total. `[name=age]` gets "30"
                as soon as the form exists (it is usable before the engine); the time is
                when #total[data-state=ready] shows a number. The worker's progress
                messages give the stages (runtime / packages / engine / ready).
  (c) latency   after the engine is ready: 200 edits of social_insurance_months (a new value
                each time, so the total changes), input event dispatched -> #total shows
                the new total with data-state=ready. Two ways: "settled" waits for the
                page to be idle (the plan under the result done) before the next edit, as
                a person typing would; "back-to-back" edits again as soon as the total
                shows, so a plan request still running in the worker is waited for.

Goals (not asserted): app/bare median ratio <= 1.15; latency p95 < 16 ms. The ratio
against the bare page on dist/'s own runtime files is printed too: it is what the
calculator adds to the runtime it ships.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
from conftest import CHROMIUM_ARGS, DIST, Site, chromium_executable  # noqa: E402

from sitebuild.lock import extract_runtime, load_lock  # noqa: E402  (on sys.path through conftest)

BARE = ROOT / "tests" / "e2e" / "bare"
TIMEOUT = 300_000  # ms

# Installed before the page's scripts (CDP addScriptToEvaluateOnNewDocument: not subject to
# the page's CSP). Records when things happen, in page time (ms since navigation start).
OBSERVER = r"""
(() => {
  const t = window.__bench = { stages: {} };
  const at = () => performance.now();
  // the worker's progress messages (stage timings), without touching the app
  const NativeWorker = window.Worker;
  if (NativeWorker) {
    window.Worker = class extends NativeWorker {
      constructor(...args) {
        super(...args);
        t.stages.worker_created = at();
        this.addEventListener('message', (e) => {
          const m = e.data || {};
          if (m.type === 'progress' && !(m.stage in t.stages)) t.stages[m.stage] = at();
          if (m.type === 'ready' || m.type === 'failed') t.stages[m.type] = at();
          if (m.type === 'ready' && m.timings) t.worker = m.timings;   // worker.mjs's own stage marks
        });
      }
    };
  }
  document.addEventListener('DOMContentLoaded', () => { t.dcl = at(); });
  const check = () => {
    const root = document.documentElement;
    if (!root) return;
    if (t.runtime == null && root.dataset.runtime === 'ready') t.runtime = at();
    if (t.engine == null && root.dataset.engine === 'ready') t.engine = at();
    if (t.engine == null && root.dataset.engine === 'failed') t.failed = at();
    if (t.form == null) {
      const age = document.querySelector('[name=age]');
      if (age) {
        t.form = at();
        age.value = '30';
        age.dispatchEvent(new Event('input', { bubbles: true }));
      }
    }
    const total = document.getElementById('total');
    if (t.total == null && total && total.dataset.state === 'ready' && /\d/.test(total.textContent)) {
      t.total = at();
      t.total_text = total.textContent.trim();
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})();
"""

# In the bare page, after the measured `1+1`: what the app adds on top of the runtime.
BARE_STAGES = r"""
async () => {
  const run = (code) => { const t = performance.now(); const out = window.runPython(code); return [performance.now() - t, out]; };
  const t0 = performance.now();
  await window.loadWheels();
  const wheelsMs = performance.now() - t0;
  const [pydanticMs] = run('import pydantic');
  const [importMs] = run('import calculator.api');
  const [firstMs, out] = run(`from calculator.api import handle
handle('{"op": "score", "profile": {"age": 30}}')`);
  const [warmMs] = run(`handle('{"op": "score", "profile": {"age": 30, "social_insurance_months": 24}}')`);
  const [planMs] = run(`handle('{"op": "plan", "profile": {"age": 30, "social_insurance_months": 24}}')`);
  return { wheels: wheelsMs, pydantic: pydanticMs, import: importMs, first_score: firstMs,
           warm_score: warmMs, plan: planMs, ok: JSON.parse(out).ok };
}
"""

EDITS = r"""
async ({ n, settle }) => {
  const input = document.querySelector('[name=social_insurance_months]');
  const total = document.getElementById('total');
  const plan = document.getElementById('plan');
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const planSettled = () => !plan || ['ready', 'off', 'error'].includes(plan.dataset.state);
  const waitFor = (el, ok, ms) => new Promise((resolve, reject) => {
    if (ok()) { resolve(performance.now()); return; }
    const timer = setTimeout(() => { mo.disconnect(); reject(new Error('timed out')); }, ms);
    const mo = new MutationObserver(() => {
      if (ok()) { clearTimeout(timer); mo.disconnect(); resolve(performance.now()); }
    });
    mo.observe(el, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  const out = [];
  for (let i = 0; i < n; i++) {
    if (settle) { await waitFor(document.body, planSettled, 30000); await frame(); }
    const before = total.textContent;
    const shown = waitFor(total, () => total.dataset.state === 'ready' && total.textContent !== before, 30000);
    input.value = String(12 * (1 + (i % 40)));   // 3 points per full year: the total changes every time
    const start = performance.now();
    input.dispatchEvent(new Event('input', { bubbles: true }));
    out.push((await shown) - start);
  }
  return out;
}
"""


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def p95(xs):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(0.95 * len(xs)) - 1))] if xs else float("nan")


def serve_copy(tmp: Path) -> Site:
    if not (DIST / "index.html").exists():
        sys.exit("dist/ is not built: run `bash tests/run.sh tests/e2e/test_build.py` or `python build.py` first")
    root = tmp / "site"
    shutil.copytree(DIST, root)
    shutil.copyfile(BARE / "index.html", root / "bare.html")
    shutil.copyfile(BARE / "bare.mjs", root / "bare.mjs")
    # stock/bare.html: the same page on the runtime exactly as published (npm pyodide@314.0.7),
    # without the bytecode build.py adds to its python_stdlib.zip.
    (root / "stock" / "pyodide").mkdir(parents=True)
    extract_runtime(load_lock(), root / "stock" / "pyodide")
    shutil.copyfile(BARE / "index.html", root / "stock" / "bare.html")
    shutil.copyfile(BARE / "bare.mjs", root / "stock" / "bare.mjs")
    site = Site(root)
    # The bench closes browsers while the service worker may still be downloading:
    # keep those broken connections out of the output (any other error is still printed).
    default = site.server.handle_error

    def handle_error(request, client_address):
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            default(request, client_address)

    site.server.handle_error = handle_error
    return site


class Cold:
    """A new Chromium with a new, empty user-data-dir (so: empty caches), closed on exit."""

    def __init__(self, pw, tmp: Path):
        self.pw, self.tmp = pw, tmp

    def __enter__(self):
        self.dir = tempfile.mkdtemp(prefix="profile-", dir=self.tmp)
        self.context = self.pw.chromium.launch_persistent_context(
            self.dir, executable_path=chromium_executable(), args=CHROMIUM_ARGS, headless=True,
            viewport={"width": 1280, "height": 900},
        )
        self.context.add_init_script(OBSERVER)
        self.page = self.context.pages[0] if self.context.pages else self.context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        return self.page

    def __exit__(self, *exc):
        self.context.close()
        shutil.rmtree(self.dir, ignore_errors=True)
        if self.errors and not exc[0]:
            print("  page errors: " + "; ".join(self.errors[:3]), file=sys.stderr)


def sample_bare(pw, tmp, site, path="bare.html", with_stages=True) -> dict:
    with Cold(pw, tmp) as page:
        page.goto(site.url + path, wait_until="commit")
        page.wait_for_selector("html[data-runtime=ready]", state="attached", timeout=TIMEOUT)
        marks = page.evaluate("window.__bench")
        assert page.evaluate("window.bare.two") == 2
        stages = page.evaluate(BARE_STAGES) if with_stages else {}
    return {"ready": marks["runtime"], "dcl": marks.get("dcl"), **{f"then_{k}": v for k, v in stages.items()}}


def sample_app(pw, tmp, site) -> dict:
    with Cold(pw, tmp) as page:
        page.goto(site.url, wait_until="commit")
        page.wait_for_selector("#total[data-state=ready]", state="attached", timeout=TIMEOUT)
        deadline = time.monotonic() + 10
        marks = page.evaluate("window.__bench")
        while marks.get("total") is None and time.monotonic() < deadline:
            time.sleep(0.05)
            marks = page.evaluate("window.__bench")
        resources = page.evaluate(
            "() => performance.getEntriesByType('resource').filter(e => /formspec\\.json$/.test(e.name))"
            ".map(e => e.responseEnd)"
        )
    out = {"total": marks["total"], "total_text": marks.get("total_text"), "dcl": marks.get("dcl"),
           "form": marks.get("form"), "engine": marks.get("engine"), "formspec_loaded": resources[0] if resources else None}
    out.update({f"stage_{k}": v for k, v in marks["stages"].items()})
    return out


def latency(pw, tmp, site, edits: int) -> dict:
    with Cold(pw, tmp) as page:
        page.goto(site.url)
        page.wait_for_selector("html[data-engine=ready]", state="attached", timeout=TIMEOUT)
        page.wait_for_selector("#total[data-state=ready]", state="attached", timeout=TIMEOUT)
        try:  # let the service worker finish precaching: it would compete with the edits
            page.wait_for_selector("html[data-sw=active]", state="attached", timeout=60_000)
        except Exception:
            pass
        settled = page.evaluate(EDITS, {"n": edits, "settle": True})
        back_to_back = page.evaluate(EDITS, {"n": edits, "settle": False})
    return {"settled": settled, "back_to_back": back_to_back}


def fmt(ms) -> str:
    return "   -   " if ms is None else f"{ms:7.0f}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=int, default=5, help="cold loads of each page (default 5)")
    parser.add_argument("--edits", type=int, default=200, help="edits for the latency figure (default 200)")
    parser.add_argument("--json", type=Path, help="also write every measurement to this file")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    machine = f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"
    print(f"bench_load: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {machine}, "
          f"load average {os.getloadavg()[0]:.1f} (other work on the machine skews the figures)")
    print(f"dist/ build {json.loads((DIST / 'build.json').read_text())['build_id']}, "
          f"{args.samples} cold samples each, {args.edits} edits\n")

    with tempfile.TemporaryDirectory(prefix="shpoints-bench-") as tmpname, sync_playwright() as pw:
        tmp = Path(tmpname)
        site = serve_copy(tmp)
        probe = pw.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
        print(f"Chromium {probe.version}")
        probe.close()
        stock, bare, app = [], [], []
        try:
            for i in range(args.samples):  # interleaved, so drift on the machine hits all alike
                stock.append(sample_bare(pw, tmp, site, path="stock/bare.html", with_stages=False))
                bare.append(sample_bare(pw, tmp, site))
                app.append(sample_app(pw, tmp, site))
                print(f"  sample {i + 1}: bare {stock[-1]['ready']:6.0f} ms   bare, app's runtime files "
                      f"{bare[-1]['ready']:6.0f} ms   app {app[-1]['total']:6.0f} ms   (total shown: {app[-1]['total_text']})")
            lat = latency(pw, tmp, site, args.edits)
        finally:
            site.stop()

    def med(rows, key):
        xs = [r[key] for r in rows if r.get(key) is not None]
        return median(xs) if xs else None

    s, b, a = med(stock, "ready"), med(bare, "ready"), med(app, "total")
    print("\n(a)/(b) cold load, median of", args.samples, "(ms from navigation start)")
    print(f"  bare Pyodide as published, 1+1   {fmt(s)}")
    print(f"  app, first computed total        {fmt(a)}")
    print(f"  ratio app/bare                   {a / s:7.2f}   (goal <= 1.15)")
    print(f"\n  bare Pyodide on the app's runtime files (its python_stdlib.zip carries bytecode)")
    print(f"  1+1 evaluated                    {fmt(b)}")
    print(f"  ratio app/that                   {a / b:7.2f}   (what the calculator adds to the runtime it ships)")
    print("\n  app timeline (medians):")
    for label, key in (("DOMContentLoaded", "dcl"), ("formspec.json loaded", "formspec_loaded"),
                       ("form usable ([name=age] exists)", "form"), ("worker created", "stage_worker_created"),
                       ("worker: boot starts (runtime)", "stage_runtime"), ("worker: runtime up (packages)", "stage_packages"),
                       ("worker: wheels installed (engine)", "stage_engine"), ("worker: calculator imported (ready)", "stage_ready"),
                       ("html[data-engine=ready]", "engine"), ("first total shown", "total")):
        print(f"    {label:38s}{fmt(med(app, key))}")
    print("\n  bare page on the app's runtime files, then the app's extra stages (medians, ms):")
    for label, key in (("DOMContentLoaded", "dcl"), ("1+1 evaluated", "ready"), ("+ install the wheels", "then_wheels"),
                       ("+ import pydantic", "then_pydantic"), ("+ import calculator.api (rest)", "then_import"),
                       ("+ first score", "then_first_score"), ("  (a warm score)", "then_warm_score"),
                       ("  (a plan, op 'plan')", "then_plan")):
        print(f"    {label:38s}{fmt(med(bare, key)) if 'warm' not in key and 'plan' not in key else f'{med(bare, key):7.1f}'}")

    print(f"\n(c) input -> updated total, {args.edits} edits after the engine is ready (ms)")
    for kind in ("settled", "back_to_back"):
        xs = lat[kind]
        print(f"  {kind.replace('_', '-'):13s} median {median(xs):6.1f}   p95 {p95(xs):6.1f}   max {max(xs):6.1f}   (goal p95 < 16)")

    print(f"\nload average at the end: {os.getloadavg()[0]:.1f}")
    if args.json:
        args.json.write_text(json.dumps({"machine": machine, "load_average": os.getloadavg(), "stock": stock, "bare": bare,
                                         "app": app, "latency": lat}, indent=1))
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
