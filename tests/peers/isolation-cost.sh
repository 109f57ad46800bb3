#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# What running each target in a worker process costs: the whole suite's wall
# time and each target's median ns/op, with workers and in process
# (COST_OPS_IN_PROCESS=1), runs alternating so that both see the same load.
# A benchmark, not a test: run it on a quiet machine.
#
# usage: tests/peers/isolation-cost.sh BUILD_DIR [ROUNDS (default 3)] [extra cost-ops run options]
set -euo pipefail
build=$1 rounds=${2:-3}
shift $(( $# >= 2 ? 2 : 1 ))
cost_ops=$build/src/cli/cost-ops
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for round in $(seq 1 "$rounds"); do
  for mode in worker in-process; do
    out=$work/$mode-$round
    start=$(date +%s.%N)
    if [ "$mode" = in-process ]; then
      COST_OPS_IN_PROCESS=1 "$cost_ops" run --output "$out" "$@" >/dev/null
    else
      "$cost_ops" run --output "$out" "$@" >/dev/null
    fi
    end=$(date +%s.%N)
    echo "$mode $round $(echo "$end - $start" | bc)" >>"$work/times"
  done
done

python3 - "$work" "$rounds" <<'PY'
import glob, json, os, statistics, sys
work, rounds = sys.argv[1], int(sys.argv[2])
times = {"worker": [], "in-process": []}
for line in open(os.path.join(work, "times")):
    mode, _, seconds = line.split()
    times[mode].append(float(seconds))
medians = {}
for mode in times:
    for path in glob.glob(os.path.join(work, f"{mode}-*", "raw", "*.json")):
        result = json.load(open(path))
        if "metrics" in result:
            medians.setdefault(result["target_id"], {}).setdefault(mode, []).append(
                result["metrics"]["median_duration_ns"])
print(f"suite wall time, median of {rounds}: workers {statistics.median(times['worker']):.2f} s, "
      f"in process {statistics.median(times['in-process']):.2f} s")
print(f"{'target':16} {'workers ns/op':>14} {'in process ns/op':>17} {'ratio':>7}")
for target in sorted(medians):
    w = statistics.median(medians[target].get("worker", [0]))
    p = statistics.median(medians[target].get("in-process", [0]))
    print(f"{target:16} {w:14,.0f} {p:17,.0f} {w / p if p else 0:7.3f}")
PY
