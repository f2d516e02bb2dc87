"""argv: STDLIB_ZIP OUT_ZIP. Run what the browser runs, then write OUT_ZIP: the standard
library with bytecode for exactly the modules that were imported.

What the browser runs: the worker's start (worker.mjs; the runner installs the wheels the
way it does), then every request the page can send (calculator.api's ops). `pyc` is
imported first, as the build's own use of zipfile and hashlib is part of what is recorded.
"""

import base64
import json
import sys

from pyc import stdlib_with_bytecode

from calculator.api import OPS, handle

profile = {"age": 35, "education": "bachelor", "social_insurance_months": 36}
requests = [
    {"op": "score", "profile": profile}, {"op": "score", "profile": {"age": "x"}},
    {"op": "tier", "monthly_base": 12000}, {"op": "plan", "profile": profile},
    {"op": "timeline", "profile": profile, "timeline": {"permit_expiry": "2030-04-10", "child_stage": "grade_8"}},
    {"op": "template"},
]
answers = [json.loads(handle(json.dumps(r))) for r in requests]
template = answers[-1]["result"]["csv_text"]
handle(json.dumps({"op": "batch", "csv_text": template}))
handle(json.dumps({"op": "batch", "csv_base64": base64.b64encode(template.encode("gb18030")).decode()}))
assert {r["op"] for r in requests} | {"batch"} == set(OPS), "exercise every op of calculator.api"
zip_dir = next(p for p in sys.path if p.endswith(".zip")) + "/"
used = sorted({m.__file__[len(zip_dir):] for m in list(sys.modules.values())
               if str(getattr(m, "__file__", "")).startswith(zip_dir) and m.__file__.endswith(".py")})
stdlib_with_bytecode(sys.argv[1], sys.argv[2], set(used))
