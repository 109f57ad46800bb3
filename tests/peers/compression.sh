#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Compares the `compression` target with the reference zstd tool on the same
# payload, in the same run: `zstd -b3` on the 10,000 cost records as JSON,
# then `cost-ops run --targets compression`. Each side is measured
# PEER_ROUNDS times (default 3), alternating, and its best figure is kept.
#
# usage: tests/peers/compression.sh [BUILD_DIR]      (default: _build)
#
# Exit status: 0 when the comparison ran (whether or not the goal was met),
# 1 when something failed (missing tool, failed run, unreadable output).
set -eu

build=${1:-_build}
rounds=${PEER_ROUNDS:-3}
helper=$build/tests/compression/compression-payload
costops=$build/src/cli/cost-ops

die () { echo "compression.sh: $*" >&2; exit 1; }

[ -x "$helper" ] || die "$helper not found: build first (ninja -C $build)"
[ -x "$costops" ] || die "$costops not found: build first (ninja -C $build)"
command -v zstd >/dev/null 2>&1 || die "the zstd command is not installed"
command -v python3 >/dev/null 2>&1 || die "python3 is needed to read the results"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

"$helper" "$tmp/payload.json" || die "could not write the payload"

i=1
while [ "$i" -le "$rounds" ]; do
  # zstd -b prints progress with carriage returns; the last line holds the
  # final "<size> -> <size> (xR), <c> MB/s, <d> MB/s".
  zstd -b3 "$tmp/payload.json" >"$tmp/zstd-$i.txt" 2>&1 || die "zstd -b3 failed: $(tail -c 300 "$tmp/zstd-$i.txt")"
  "$costops" run --targets compression --no-summary --output "$tmp/out-$i" >"$tmp/ours-$i.txt" 2>&1 \
    || die "cost-ops run failed: $(cat "$tmp/ours-$i.txt")"
  i=$((i + 1))
done

python3 - "$tmp" "$rounds" <<'PY'
import json, re, sys
from pathlib import Path

tmp, rounds = Path(sys.argv[1]), int(sys.argv[2])
pattern = re.compile(r"(\d+)\s*->\s*(\d+)\s*\(x?([\d.]+)\),\s*([\d.]+)\s*MB/s,\s*([\d.]+)\s*MB/s")
zstd_c = zstd_d = 0.0
zstd_ratio = None
ours_c = ours_d = 0.0
ours = None
for i in range(1, rounds + 1):
    text = (tmp / f"zstd-{i}.txt").read_text(errors="replace").replace("\r", "\n")
    found = pattern.findall(text)
    if not found:
        sys.exit(f"compression.sh: cannot read the zstd -b3 output: {text[-300:]!r}")
    size, packed, ratio, c, d = found[-1]
    zstd_c, zstd_d = max(zstd_c, float(c)), max(zstd_d, float(d))
    zstd_ratio = int(size) / int(packed)
    m = json.loads((tmp / f"out-{i}" / "raw" / "compression.json").read_text())["metrics"]
    ours = m
    ours_c = max(ours_c, m["throughput_mb_per_sec"])
    ours_d = max(ours_d, m["decompression_throughput_mb_per_sec"])

size = ours["uncompressed_size_bytes"]
print(f"Compression peer: 10,000 cost records as JSON ({size} bytes), level 3, "
      f"best of {rounds} run(s) each")
print(f"{'':28}{'compress MB/s':>15}{'decompress MB/s':>17}{'ratio':>9}")
print(f"{'zstd -b3 (reference CLI)':28}{zstd_c:15.1f}{zstd_d:17.1f}{zstd_ratio:9.3f}")
print(f"{'cost-ops compression':28}{ours_c:15.1f}{ours_d:17.1f}{ours['compression_ratio']:9.3f}")
print(f"{'ours / zstd':28}{ours_c / zstd_c:15.2f}{ours_d / zstd_d:17.2f}")
print("(MB = 10^6 bytes, as zstd reports; our frames also carry a checksum, zstd -b's do not)")
verdict = "PASS" if ours_c >= 0.9 * zstd_c else "BELOW GOAL"
print(f"Goal: compression throughput >= 0.9 x zstd -b3: {verdict} ({ours_c / zstd_c:.2f} x)")
PY
