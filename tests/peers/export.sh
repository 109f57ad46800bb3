#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Compares the `export` target with Python writing the same report rows:
# csv.writer into a StringIO, and json.dumps of {"data", "metadata",
# "count"} with the amounts as exact decimal text (Decimal -> str), both
# compact like ours. Python works from rows already in memory (loaded from
# our JSON Lines export of the same 10,000 records), so both sides time only
# the writing. Each side is measured PEER_ROUNDS times (default 2), its best
# figure kept.
#
# usage: tests/peers/export.sh [BUILD_DIR]      (default: _build)
#
# Exit status: 0 when the comparison ran (whether or not the goals were
# met), 1 when something failed.
set -eu

build=${1:-_build}
rounds=${PEER_ROUNDS:-2}
helper=$build/tests/export/export-helper
costops=$build/src/cli/cost-ops

die () { echo "export.sh: $*" >&2; exit 1; }

[ -x "$helper" ] || die "$helper not found: build first (ninja -C $build)"
[ -x "$costops" ] || die "$costops not found: build first (ninja -C $build)"
command -v python3 >/dev/null 2>&1 || die "python3 is not installed"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

"$helper" workload "$tmp/rows.jsonl" || die "could not write the report rows"

i=1
while [ "$i" -le "$rounds" ]; do
  "$costops" run --targets export --no-summary --output "$tmp/out-$i" >"$tmp/ours-$i.txt" 2>&1 \
    || die "cost-ops run failed: $(cat "$tmp/ours-$i.txt")"
  i=$((i + 1))
done

python3 - "$tmp" "$rounds" <<'PY'
import csv, io, json, sys, time
from decimal import Decimal
from pathlib import Path

tmp, rounds = Path(sys.argv[1]), int(sys.argv[2])
MONEY = ("input_cost", "output_cost", "total_cost")
COLUMNS = ["date", "provider", "model", "organization_id", "project_id", "requests",
           "input_cost", "output_cost", "total_cost", "currency"]

rows = []
with (tmp / "rows.jsonl").open(encoding="utf-8") as f:
    for line in f:
        r = json.loads(line)
        for k in MONEY:
            r[k] = Decimal(r[k])
        rows.append(r)
tuples = [tuple(r[c] for c in COLUMNS) for r in rows]


def write_csv():
    out = io.StringIO(newline="")
    w = csv.writer(out)
    w.writerow(COLUMNS)
    w.writerows(tuples)
    return out.getvalue()


def write_json():
    data = [{**r, "input_cost": str(r["input_cost"]), "output_cost": str(r["output_cost"]),
             "total_cost": str(r["total_cost"])} for r in rows]
    meta = {"generated_at": "2025-01-01T00:00:00.000Z", "source_records": 10000}
    return json.dumps({"data": data, "metadata": meta, "count": len(rows)},
                      separators=(",", ":"))


def best_time(fn):
    best, size = float("inf"), 0
    for _ in range(max(3, rounds * 3)):
        t0 = time.perf_counter()
        size = len(fn().encode("utf-8"))
        best = min(best, time.perf_counter() - t0)
    return best, size


py_csv_t, py_csv_size = best_time(write_csv)
py_json_t, py_json_size = best_time(write_json)

ours = {}
for i in range(1, rounds + 1):
    m = json.loads((tmp / f"out-{i}" / "raw" / "export.json").read_text())["metrics"]
    for k in ("csv_rows_per_sec", "json_rows_per_sec", "csv_mb_per_sec", "json_mb_per_sec"):
        ours[k] = max(ours.get(k, 0.0), m[k])
    ours["rows"], ours["csv_size"], ours["json_size"] = m["rows"], m["csv_size_bytes"], m["json_size_bytes"]

if ours["rows"] != len(rows):
    sys.exit(f"export.sh: the target wrote {ours['rows']} rows, Python has {len(rows)}")
if ours["csv_size"] != py_csv_size:
    sys.exit(f"export.sh: CSV sizes differ (ours {ours['csv_size']}, Python {py_csv_size}): "
             "not the same document")

n = len(rows)
table = [
    ("CSV", ours["csv_rows_per_sec"], n / py_csv_t, ours["csv_mb_per_sec"],
     py_csv_size / py_csv_t / 1e6, 10.0),
    ("JSON", ours["json_rows_per_sec"], n / py_json_t, ours["json_mb_per_sec"],
     py_json_size / py_json_t / 1e6, 3.0),
]
print(f"Export peer: report of 10,000 cost records ({n} rows), in memory, best of runs")
print(f"{'format':8}{'ours rows/s':>14}{'Python rows/s':>15}{'ours MB/s':>11}{'Py MB/s':>9}"
      f"{'ratio':>8}  goal")
for name, o_rows, p_rows, o_mb, p_mb, goal in table:
    ratio = o_rows / p_rows
    verdict = "PASS" if ratio >= goal else "BELOW GOAL"
    print(f"{name:8}{o_rows:14,.0f}{p_rows:15,.0f}{o_mb:11.1f}{p_mb:9.1f}{ratio:7.1f}x"
          f"  >= {goal:g}x {verdict}")
print(f"(JSON sizes: ours {ours['json_size']} bytes with metadata totals, Python {py_json_size}; "
      f"CSV identical, {py_csv_size} bytes)")
PY
