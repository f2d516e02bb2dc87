"""argv: SRC DST [SRC DST ...] (paths under /host): write each wheel's bytecode-only twin."""

import sys

from pyc import sourceless_wheel

args = sys.argv[1:]
for src, dst in zip(args[::2], args[1::2]):
    sourceless_wheel(src, dst)
