#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Renders the app icon and the symbolic icon at 16, 32, 64 and 128 px with
rsvg-convert and checks that each rendering has the right size and a visible
shape, and that the symbolic icon follows the rules GTK recolors by: filled
shapes in one color, no strokes, no gradients, no bitmaps.

usage: check-icons.py APP_ICON.svg SYMBOLIC_ICON.svg OUTPUT_DIR
"""
import os
import re
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
import zlib

SIZES = (16, 32, 64, 128)
SVG_NS = "{http://www.w3.org/2000/svg}"


def read_png_rgba(path: str):
    """Decodes the 8-bit RGBA, non-interlaced PNGs rsvg-convert writes."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path} is not a PNG")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
    width, height, depth, color, _, _, interlace = header
    if depth != 8 or color != 6 or interlace != 0:
        raise ValueError(f"{path}: unexpected PNG format depth={depth} color={color}")
    raw, stride, rows, prev = zlib.decompress(idat), width * 4, [], bytearray(width * 4)
    for y in range(height):
        ftype = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - 4] if i >= 4 else 0
            b = prev[i]
            c = prev[i - 4] if i >= 4 else 0
            if ftype == 1:
                line[i] = (line[i] + a) & 0xFF
            elif ftype == 2:
                line[i] = (line[i] + b) & 0xFF
            elif ftype == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line))
        prev = line
    return width, height, rows


def coverage(rows) -> float:
    alpha = [row[i] for row in rows for i in range(3, len(row), 4)]
    return sum(alpha) / (255.0 * len(alpha))


def check_symbolic(path: str, problems: list) -> None:
    tree = ET.parse(path).getroot()
    colors = set()
    for element in tree.iter():
        tag = element.tag.replace(SVG_NS, "")
        if tag in ("linearGradient", "radialGradient", "image", "text"):
            problems.append(f"{path}: symbolic icons may not use <{tag}>")
        stroke = element.get("stroke")
        if stroke not in (None, "none") or "stroke:" in (element.get("style") or ""):
            problems.append(f"{path}: <{tag}> has a stroke; GTK only recolors fills")
        fill = element.get("fill")
        if fill not in (None, "none"):
            colors.add(fill.lower())
    if len(colors) != 1:
        problems.append(f"{path}: symbolic icon should use one fill color, uses {sorted(colors)}")
    if tree.get("width") != "16" or tree.get("height") != "16":
        problems.append(f"{path}: symbolic icon should be drawn on a 16x16 canvas")


def main() -> int:
    icon, symbolic, outdir = sys.argv[1:4]
    rsvg = shutil.which("rsvg-convert")
    if rsvg is None:
        print("SKIP: rsvg-convert is not installed (package librsvg2-bin)")
        return 77
    os.makedirs(outdir, exist_ok=True)
    problems = []
    # The full-color icon fills a good part of its canvas; the symbolic one is thinner.
    for path, least in ((icon, 0.45), (symbolic, 0.15)):
        if not re.search(r'viewBox="0 0 (128 128|16 16)"', open(path, encoding="utf-8").read()):
            problems.append(f"{path}: canvas should be 128x128 (app) or 16x16 (symbolic)")
        for size in SIZES:
            png = os.path.join(outdir, f"{os.path.basename(path)[:-4]}-{size}.png")
            result = subprocess.run([rsvg, "-w", str(size), "-h", str(size), path, "-o", png],
                                    capture_output=True, text=True)
            if result.returncode != 0 or result.stderr.strip():
                problems.append(f"rsvg-convert {path} at {size}px: {result.stderr.strip()}")
                continue
            width, height, rows = read_png_rgba(png)
            cover = coverage(rows)
            print(f"{png}: {width}x{height}, {cover:.0%} covered")
            if (width, height) != (size, size):
                problems.append(f"{png} is {width}x{height}, not {size}x{size}")
            if cover < least:
                problems.append(f"{png} is {cover:.0%} covered, expected at least {least:.0%}")
    check_symbolic(symbolic, problems)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
