"""The PNG icons of web/icons/ (`python build.py icons`), drawn here so they need no image
tool: "120" in white on the site's red, anti-aliased, written with zlib."""

from __future__ import annotations

import struct
import zlib

from sitebuild.paths import WEB


def png(width: int, height: int, rgba: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\0" + rgba[y * width * 4:(y + 1) * width * 4] for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


# "120" as stroked polylines in a 0..1 box per glyph (x right, y down).
GLYPHS = {
    "1": [[(0.22, 0.24), (0.56, 0.0), (0.56, 1.0)]],
    "2": [[(0.0, 0.22), (0.12, 0.06), (0.32, 0.0), (0.6, 0.0), (0.85, 0.08), (0.97, 0.27), (0.93, 0.46),
           (0.0, 1.0), (1.0, 1.0)]],
    "0": [[(0.5, 0.0), (0.8, 0.06), (0.97, 0.28), (1.0, 0.5), (0.97, 0.72), (0.8, 0.94), (0.5, 1.0),
           (0.2, 0.94), (0.03, 0.72), (0.0, 0.5), (0.03, 0.28), (0.2, 0.06), (0.5, 0.0)]],
}


def draw_icon(size: int, inset: float) -> bytes:
    """White "120" on a rounded-stroke, anti-aliased red square; `inset` keeps it in the safe zone."""
    background, ink = (0xC8, 0x10, 0x2E), (0xFF, 0xFF, 0xFF)
    glyph_w, glyph_h, gap = 0.55, 1.0, 0.32  # in glyph-height units
    text_w = 3 * glyph_w + 2 * gap
    scale = size * (1 - 2 * inset) / text_w
    x0, y0 = (size - text_w * scale) / 2, (size - glyph_h * scale) / 2
    segments = []
    for i, ch in enumerate("120"):
        left = x0 + i * (glyph_w + gap) * scale
        for line in GLYPHS[ch]:
            pts = [(left + x * glyph_w * scale, y0 + y * glyph_h * scale) for x, y in line]
            segments += list(zip(pts, pts[1:]))
    half = 0.075 * scale  # half the stroke width

    def coverage(px: float, py: float) -> float:
        best = half + 1
        for (ax, ay), (bx, by) in segments:
            if px < min(ax, bx) - best or px > max(ax, bx) + best or py < min(ay, by) - best or py > max(ay, by) + best:
                continue
            dx, dy = bx - ax, by - ay
            t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
            best = min(best, ((px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2) ** 0.5)
        return max(0.0, min(1.0, half - best + 0.5))

    out = bytearray()
    for y in range(size):
        for x in range(size):
            a = coverage(x + 0.5, y + 0.5)
            out += bytes(round(b + (i - b) * a) for b, i in zip(background, ink)) + b"\xff"
    return png(size, size, bytes(out))


def write_icons() -> None:
    """web/icons/: 192 and 512 px (purpose any) and a 512 px maskable one (text in the safe zone)."""
    (WEB / "icons").mkdir(parents=True, exist_ok=True)
    for name, size, inset in (("icon-192.png", 192, 0.14), ("icon-512.png", 512, 0.14),
                              ("icon-maskable-512.png", 512, 0.24)):
        (WEB / "icons" / name).write_bytes(draw_icon(size, inset))
        print(f"wrote web/icons/{name}")
