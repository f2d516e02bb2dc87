"""argv: STDLIB_ZIP OUT_ZIP. Run what the browser runs, then write OUT_ZIP: the standard
library with bytecode for exactly the modules that were imported.

What the browser runs: the worker's start (worker.mjs; the runner installs the wheels the
way it does), then every request of corpus.py (every op of calculator.api, with good and
bad input: the same list the trim step runs). `pyc` is imported first, as the build's own
use of zipfile and hashlib is part of what is recorded.
"""

import json
import sys

from pyc import stdlib_with_bytecode

from calculator.api import OPS, handle
from corpus import CORPUS, expanded

assert {r["op"] for r in CORPUS if isinstance(r, dict) and "op" in r} >= set(OPS), "exercise every op of calculator.api"
for request in expanded(handle, CORPUS):
    handle(request if isinstance(request, str) else json.dumps(request))
zip_dir = next(p for p in sys.path if p.endswith(".zip")) + "/"
used = sorted({m.__file__[len(zip_dir):] for m in list(sys.modules.values())
               if str(getattr(m, "__file__", "")).startswith(zip_dir) and m.__file__.endswith(".py")})
stdlib_with_bytecode(sys.argv[1], sys.argv[2], set(used))
