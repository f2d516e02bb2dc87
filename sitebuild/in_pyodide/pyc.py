"""Bytecode made by the pinned runtime itself, so its magic number always matches."""

import base64
import hashlib
import importlib._bootstrap_external as ext
import zipfile


def to_pyc(name, data):
    code = compile(data, name, "exec", dont_inherit=True, optimize=0)
    return name + "c", bytes(ext._code_to_timestamp_pyc(code, 0, 0))


def record_hash(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def sourceless_wheel(src, dst):
    """The wheel `src` with .pyc instead of .py (dist-info kept), its RECORD rewritten."""
    out = {}
    with zipfile.ZipFile(src) as whl:
        for info in whl.infolist():
            name, data = info.filename, whl.read(info)
            if name.endswith(".py") and ".dist-info/" not in name:
                name, data = to_pyc(name, data)
            out[name] = data
    record = next(n for n in out if n.endswith(".dist-info/RECORD"))
    rows = [f"{n},{record_hash(d)},{len(d)}" for n, d in out.items() if n != record] + [f"{record},,"]
    out[record] = ("\n".join(rows) + "\n").encode()
    with zipfile.ZipFile(dst, "w") as whl:
        for name, data in out.items():
            entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            entry.external_attr = 0o644 << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            whl.writestr(entry, data)


def stdlib_with_bytecode(src, dst, members):
    """The zip's own order and dates; `members` (x.py names) become x.pyc, the rest is copied."""
    with zipfile.ZipFile(src) as old, zipfile.ZipFile(dst, "w") as new:
        for info in old.infolist():
            name, data = info.filename, old.read(info)
            if name in members:
                name, data = to_pyc(name, data)
            entry = zipfile.ZipInfo(name, date_time=info.date_time)
            entry.external_attr, entry.compress_type = info.external_attr, info.compress_type
            new.writestr(entry, data)
