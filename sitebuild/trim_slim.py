"""Smaller bytecode for the shipped archives (sitebuild/trim.py), same program.

Python 3.11+ stores, for every instruction, its line and its columns (co_linetable); the
columns serve only the ^^^^ markers under a traceback's line, and are about a quarter of
a module's compressed bytecode. SLIM rewrites each .pyc of a zip with a line-only table
(the "no column" entries of CPython's Objects/locations.md) and checks that every code
object still maps each instruction to the same line. Function docstrings are dropped too
(co_consts[0] of a code object flagged CO_HAS_DOCSTRING becomes None, as `python -OO`
leaves it, unless the code also loads that constant as a value); class and module docstrings stay. It runs in the pinned runtime (the
marshal format is the interpreter's), on `_jobs`: [[zip in, zip out], ...] under /host.
"""

SLIM = r"""
import dis, inspect, marshal, types, zipfile

_HAS_DOC = getattr(inspect, "CO_HAS_DOCSTRING", None)

def _uvarint(v):
    out = bytearray()
    while v >= 64:
        out.append(0x40 | (v & 63))
        v >>= 6
    out.append(v)
    return out

def _lines_only(code):
    out, prev = bytearray(), code.co_firstlineno
    for start, end, line in code.co_lines():
        units = (end - start) // 2
        while units > 0:
            n, units = min(units, 8), units - min(units, 8)
            if line is None:
                out.append(0x80 | (15 << 3) | (n - 1))
            else:
                delta = line - prev
                out.append(0x80 | (13 << 3) | (n - 1))
                out += _uvarint(((-delta) << 1) | 1 if delta < 0 else delta << 1)
                prev = line
    return bytes(out)

def _slim(code):
    consts = [_slim(c) if isinstance(c, types.CodeType) else c for c in code.co_consts]
    if (_HAS_DOC and code.co_flags & _HAS_DOC and consts and isinstance(consts[0], str)
            and not any(i.opcode in dis.hasconst and i.arg == 0 for i in dis.get_instructions(code))):
        consts[0] = None   # only when no instruction also loads it as a value
    slim = code.replace(co_linetable=_lines_only(code), co_consts=tuple(consts))
    if list(slim.co_lines()) != list(code.co_lines()):
        raise ValueError(f"line table of {code.co_qualname} ({code.co_filename})")
    return slim

for _src, _dst in _jobs:
    with zipfile.ZipFile(_src) as old, zipfile.ZipFile(_dst, "w", zipfile.ZIP_STORED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename.endswith(".pyc"):
                data = data[:16] + marshal.dumps(_slim(marshal.loads(data[16:])))
            new.writestr(info, data)
"""
