#!/usr/bin/env python3
"""Crops the uniform rows below a page's content off a PNG screenshot, in place.

Usage: scripts/crop-png.py FILE.png
Reads 8-bit RGB/RGBA non-interlaced PNGs (what Chromium writes) with the standard library
only, finds the last row that differs from the bottom row, keeps a 24-pixel margin below it.
"""
import struct
import sys
import zlib

path = sys.argv[1]
data = open(path, "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, chunks = 8, []
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    chunks.append((kind, data[pos + 8:pos + 8 + length]))
    pos += 12 + length
ihdr = dict(chunks)[b"IHDR"]
width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", ihdr)
assert depth == 8 and color in (2, 6) and interlace == 0, "unsupported PNG form"
bpp = 3 if color == 2 else 4
raw = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
stride = width * bpp
rows, prev, i = [], bytearray(stride), 0
for _ in range(height):
    filt, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
    i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b = prev[x]
        c = prev[x - bpp] if x >= bpp else 0
        if filt == 1:
            line[x] = (line[x] + a) & 255
        elif filt == 2:
            line[x] = (line[x] + b) & 255
        elif filt == 3:
            line[x] = (line[x] + (a + b) // 2) & 255
        elif filt == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(bytes(line))
    prev = line
last = height - 1
while last > 0 and rows[last] == rows[height - 1]:
    last -= 1
keep = min(height, last + 25)
out = b"".join(b"\x00" + r for r in rows[:keep])
ihdr = struct.pack(">IIBBBBB", width, keep, 8, color, 0, 0, 0)


def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


with open(path, "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(out, 9))
            + chunk(b"IEND", b""))
print(f"render: {path} {width}x{keep}")
