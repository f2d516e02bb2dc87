#!/usr/bin/env python3
"""A clerk's spreadsheet of 1,000, 10,000 and 50,000 rows, scored on the command line and in
the browser, as CSV (GBK) and as .xlsx: rows per second and peak memory. Prints figures;
asserts nothing.

    .venv/bin/python bench/bench_batch.py [--rows 1000,10000,50000] [--no-browser]

Command line: `python -m calculator batch FILE -o out.xlsx|out.csv` in a fresh interpreter,
interpreter start included; peak memory is that process's maximum resident set.
Browser: headless Chromium on a copy of dist/ (bench_load.serve_copy), the engine ready,
the workbook reader already installed (one workbook opened first), then the time from
choosing the file to the scored preview on screen; peak memory is the largest resident set
of the browser's renderer processes (the page and its worker) sampled every 50 ms while it
works, less what they held before the file was chosen. The rows are varied like
tests/e2e/test_batch_page.py's, with the clerk's short Chinese headers and values.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

HEADER = ["工号", "姓名", "年龄", "学历", "职称", "社保月数", "社保基数", "远郊年数", "配偶年数", "紧缺专业", "申请日期"]
EDUCATION = ["大专", "本科无学位", "本科学士", "硕士", "博士", "高中"]
QUALIFICATION = ["", "中级工", "高级工", "技师", "中级职称", "高级技师", "高级职称"]
TIER = ["", "0.8倍", "1倍", "2倍", "3倍"]


def rows_of(n: int) -> list[list]:
    return [[f"E{k:05d}", f"员工{k}", 20 + k * 7 % 41, EDUCATION[k % 6], QUALIFICATION[k // 3 % 7], k * 13 % 121,
             TIER[k // 2 % 5], k % 9 if k % 4 == 0 else "", k % 7 if k % 5 == 1 else "", "是" if k % 6 == 2 else "",
             "2026-11-21"] for k in range(n)]


def write_files(n: int, folder: Path) -> dict[str, Path]:
    import datetime as dt

    import openpyxl

    rows = rows_of(n)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    files = {"csv": folder / f"team-{n}.csv", "xlsx": folder / f"team-{n}.xlsx"}
    files["csv"].write_bytes(out.getvalue().encode("gbk"))
    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet("名单")
    ws.append(HEADER)
    on = dt.datetime(2026, 11, 21)
    for r in rows:
        ws.append([*r[:-1], on])   # numbers as numbers, the date as a date cell
    book.save(files["xlsx"])
    return files


CLI = """
import resource, sys, time
from calculator.cli import main
start = time.perf_counter()
code = main(sys.argv[1:])
print(f"{time.perf_counter() - start:.3f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", file=sys.stderr)
"""


def cli(src: Path, out: Path) -> tuple[float, float]:
    """(seconds with the interpreter's start, peak resident MB)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", CLI, "batch", str(src), "-o", str(out)], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    rss_kb = int(proc.stderr.strip().splitlines()[-1].split()[1])
    return wall, rss_kb / 1024


def renderers() -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmd = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if b"--type=renderer" in cmd:
                pids.append(int(entry.name))
    return pids


def rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


class Sampler(threading.Thread):
    def __init__(self, pids: list[int]):
        super().__init__(daemon=True)
        self.pids, self.peak, self.stop = pids, 0.0, threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            self.peak = max(self.peak, max((rss_mb([p]) for p in self.pids), default=0))
            time.sleep(0.05)


def browser_runs(files: dict[int, dict[str, Path]]) -> list[tuple]:
    from bench_load import serve_copy
    from conftest import CHROMIUM_ARGS, chromium_executable
    from playwright.sync_api import sync_playwright

    out = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        site = serve_copy(Path(tmp))
        browser = pw.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
        for n, by_format in files.items():
            for fmt, path in by_format.items():
                page = browser.new_page()
                page.goto(site.url + "batch.html")
                page.wait_for_selector("html[data-engine=ready]", state="attached", timeout=300_000)
                warm = ROOT / "tests" / "files" / "clerk" / "team.xlsx"   # installs the workbook reader
                page.set_input_files("#csv-file", str(warm))
                page.wait_for_selector("#batch-result[data-state=done]", state="attached", timeout=300_000)
                pids = renderers()
                before = max((rss_mb([p]) for p in pids), default=0)
                sampler = Sampler(pids)
                sampler.start()
                page.evaluate("() => { delete document.getElementById('batch-result').dataset.state; }")
                start = time.perf_counter()
                page.set_input_files("#csv-file", str(path))
                page.wait_for_selector("#batch-result[data-state=done]", state="attached", timeout=1_800_000)
                took = time.perf_counter() - start
                sampler.stop.set()
                sampler.join()
                scored = int(page.text_content("#sum-rows"))
                assert scored == n, (scored, n)
                out.append(("browser", fmt, n, took, sampler.peak - before, sampler.peak))
                page.close()
        browser.close()
        site.stop()
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", default="1000,10000,50000")
    ap.add_argument("--no-browser", action="store_true")
    args = ap.parse_args(argv)
    sizes = [int(x) for x in args.rows.split(",")]
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = {n: write_files(n, folder) for n in sizes}
        for n in sizes:
            for fmt, src in files[n].items():
                wall, peak = cli(src, folder / f"out-{n}.{fmt}")
                results.append(("command line", fmt, n, wall, None, peak))
        if not args.no_browser:
            results += browser_runs(files)
    print("| where | file | rows | seconds | rows/s | peak memory (MB) |\n|---|---|---|---|---|---|")
    for where, fmt, n, took, grew, peak in results:
        memory = f"{peak:.0f}" if grew is None else f"{peak:.0f} (+{grew:.0f} while scoring)"
        print(f"| {where} | {'.xlsx' if fmt == 'xlsx' else 'CSV (GBK)'} | {n:,} | {took:.1f} | {n / took:,.0f} | {memory} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
