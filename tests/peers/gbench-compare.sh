#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Reads our Google Benchmark export with Google Benchmark's own compare.py,
# next to `cost-ops compare` on the same runs:
#
# 1. two runs of `cost-ops run --quick --targets cost_calculator,aggregator`
#    in a temporary folder, each exported with `cost-ops export
#    --format=gbench RUN`, then `compare.py benchmarks FIRST SECOND`: the
#    OVERALL_GEOMEAN should be within the noise `cost-ops compare` sees;
# 2. a 10% slowdown: a copy of the first export with every time ×1.10
#    (rates ÷1.10), made by a few lines of Python below. This checks how
#    compare.py reads our format, not that a slower build measures slower:
#    OVERALL_GEOMEAN should read +0.1000.
#
# compare.py comes from Debian's libbenchmark-tools
# (/usr/share/benchmark/compare.py; COMPARE_PY names another) and needs
# scipy (python3-scipy); PYTHON names the interpreter that has it.
#
# usage: tests/peers/gbench-compare.sh [BUILD_DIR]      (default: _build)
#
# Exit status: 0 when the comparison ran (whatever it read), 1 when
# something failed (missing tool, failed run, unreadable output).
set -eu

build=${1:-_build}
costops=$build/src/cli/cost-ops
compare_py=${COMPARE_PY:-/usr/share/benchmark/compare.py}
targets=cost_calculator,aggregator

die () { echo "gbench-compare.sh: $*" >&2; exit 1; }

[ -x "$costops" ] || die "$costops not found: build first (ninja -C $build)"
[ -f "$compare_py" ] || die "$compare_py not found: apt-get install libbenchmark-tools python3-scipy, or set COMPARE_PY"
python=
for candidate in ${PYTHON:-} python3 /usr/bin/python3; do
  if "$candidate" -c 'import scipy' >/dev/null 2>&1; then
    python=$candidate
    break
  fi
done
[ -n "$python" ] || die "no python3 with scipy found (apt-get install python3-scipy, or set PYTHON)"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

for i in 1 2; do
  "$costops" run --quick --targets "$targets" --no-summary --output "$tmp/out" >"$tmp/run-$i.txt" 2>&1 \
    || die "cost-ops run failed: $(cat "$tmp/run-$i.txt")"
done
# History files are <start>-<run id>.json.zst and sort by time.
set -- $(ls "$tmp/out/history" | sed -n 's/^.*-\([0-9a-f]*\)\.json\.zst$/\1/p')
[ $# -eq 2 ] || die "expected 2 runs in the history, found $#"
first=$1
second=$2
"$costops" export --format=gbench --output "$tmp/out" "$first" >"$tmp/first.json" || die "export of $first failed"
"$costops" export --format=gbench --output "$tmp/out" "$second" >"$tmp/second.json" || die "export of $second failed"

"$python" - "$tmp/first.json" "$tmp/slower.json" <<'PY'
# The 10% slowdown: every time of the first export ×1.10 (a cv is a ratio
# and stays), every rate ÷1.10.
import json, sys
doc = json.load(open(sys.argv[1]))
for row in doc["benchmarks"]:
    if row.get("aggregate_name") != "cv":
        row["real_time"] *= 1.10
        row["cpu_time"] *= 1.10
    if "items_per_second" in row:
        row["items_per_second"] /= 1.10
json.dump(doc, open(sys.argv[2], "w"), indent=2)
PY

echo "== cost-ops compare --baseline $first (run $second against run $first)"
"$costops" compare --output "$tmp/out" --baseline "$first" --current "$second" 2>&1 || true
echo
echo "== compare.py benchmarks first.json second.json (the same two runs)"
"$python" "$compare_py" --no-color benchmarks "$tmp/first.json" "$tmp/second.json" >"$tmp/identical.txt" 2>&1 \
  || die "compare.py failed: $(cat "$tmp/identical.txt")"
cat "$tmp/identical.txt"
echo
echo "== compare.py benchmarks first.json slower.json (first run, times ×1.10)"
"$python" "$compare_py" --no-color benchmarks "$tmp/first.json" "$tmp/slower.json" >"$tmp/slower.txt" 2>&1 \
  || die "compare.py failed: $(cat "$tmp/slower.txt")"
cat "$tmp/slower.txt"
echo

identical=$(awk '$1 == "OVERALL_GEOMEAN" { print $2 " time, " $3 " CPU" }' "$tmp/identical.txt")
slower=$(awk '$1 == "OVERALL_GEOMEAN" { print $2 " time, " $3 " CPU" }' "$tmp/slower.txt")
[ -n "$identical" ] && [ -n "$slower" ] || die "compare.py printed no OVERALL_GEOMEAN"
echo "OVERALL_GEOMEAN, two runs ($first, $second): $identical"
echo "OVERALL_GEOMEAN, first run vs its times ×1.10: $slower (expected +0.1000)"
