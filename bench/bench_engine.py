#!/usr/bin/env python3
"""The engine in CPython, without a browser: how long a score, a plan and a batch of rows
take. Prints figures; asserts nothing (the speed goals used to be timed tests).

    .venv/bin/python bench/bench_engine.py [--repeat 20] [--rows 1000]

Goals (not asserted): a plan under 0.5 s after the first (warm); 1000 CSV rows through
the command line, interpreter start included, under 20 s (typically under 2 s).
"""

from __future__ import annotations

import argparse
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from calculator import score  # noqa: E402
from calculator.planner import plan  # noqa: E402

PROFILE = {"as_of": "2026-11-21", "age": 40, "education": "bachelor", "qualification": "skill_3",
           "social_insurance_months": 30, "suburb_years": 3, "spouse_hukou_years": 2, "invest_tax_wan": 15}


def timed(fn, repeat: int) -> list[float]:
    fn()  # warm: imports, parameter files, caches
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def batch_cli(rows: int) -> float:
    lines = ["工号,age,education,social_insurance_months,insurance_base,spouse_hukou_years"]
    edus = ["associate", "bachelor", "bachelor_degree", "master", ""]
    lines += [f"E{k:04d},{20 + k % 40},{edus[k % 5]},{k % 150},x1,{k % 12}" for k in range(rows)]
    with tempfile.TemporaryDirectory() as tmp:
        src, out = pathlib.Path(tmp) / "team.csv", pathlib.Path(tmp) / "out.csv"
        src.write_bytes("\r\n".join(lines).encode("gbk"))
        env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "calculator", "batch", str(src), "-o", str(out)],
                       cwd=ROOT, env=env, check=True, capture_output=True)
        return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--rows", type=int, default=1000)
    args = ap.parse_args()
    for name, fn in (("score", lambda: score(PROFILE)), ("plan", lambda: plan(PROFILE))):
        ms = timed(fn, args.repeat)
        print(f"{name:6} median {statistics.median(ms):8.2f} ms   max {max(ms):8.2f} ms   ({args.repeat} warm runs)")
    print(f"batch  {args.rows} rows through the command line: {batch_cli(args.rows):.2f} s (interpreter start included)")


if __name__ == "__main__":
    main()
