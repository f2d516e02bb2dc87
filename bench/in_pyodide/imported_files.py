"""argv: OUT [REQUEST]. Run by sitebuild/runner.mjs, which starts the runtime and unpacks
the archives as web/engine/worker.mjs does; with REQUEST, calculator.api answers it first
(it must answer ok). Writes OUT: the standard-library zip's folder, the site-packages
folder, then the file of every module imported so far, a line each. Imports nothing the
runtime has not imported already, so that it records only what the browser imports
(bench/bench_floor.py)."""

import os
import sys

if len(sys.argv) > 2:
    import json

    from calculator.api import handle

    answer = json.loads(handle(sys.argv[2]))
    assert answer["ok"], answer
zip_dir = next(p for p in sys.path if p.endswith(".zip"))
site = "/" + os.path.normpath(sys.modules["sysconfig"].get_path("purelib")).lstrip("/")   # "//lib/...": the runner asked it too
files = sorted({os.path.normpath(m.__file__) for m in list(sys.modules.values()) if getattr(m, "__file__", None)})
with open(sys.argv[1], "w", encoding="utf-8") as out:
    out.write("\n".join([zip_dir, site, *files]))
