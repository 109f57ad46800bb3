#!/bin/sh
# Instruction counts on a busy machine: two busy loops compete for the CPU
# while (1) the real targets are counted RUNS times and the largest
# difference between two runs is printed per target, and (2) the fixed-work
# test target with 2% more work is compared with its baseline ROUNDS times
# and the number of "regressed" verdicts is printed. Not run by meson test
# (minutes, and it loads the machine on purpose).
#
#   tests/framework/instructions-under-load.sh _build [TARGETS]
#
# RUNS (default 5), ROUNDS (default 20) and BUSY (busy loops, default 2)
# change how much it does. Needs valgrind and python3.
set -eu

build=${1:?usage: $0 BUILD_DIR [TARGETS]}
targets=${2:-aggregator,cost_calculator}
runs=${RUNS:-5}
rounds=${ROUNDS:-20}
busy=${BUSY:-2}
work=$(mktemp -d)
pids=

cleanup () {
  for pid in $pids; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

command -v valgrind >/dev/null || { echo "valgrind is not installed"; exit 77; }

i=0
while [ "$i" -lt "$busy" ]; do
  python3 -c 'while 1: pass' &
  pids="$pids $!"
  i=$((i + 1))
done
echo "load: $busy busy loops on $(nproc) CPUs"

i=1
while [ "$i" -le "$runs" ]; do
  "$build/src/cli/cost-ops" run --instructions --json --no-summary -t "$targets" \
    -o "$work/out$i" > "$work/run$i.json" 2>/dev/null || true
  i=$((i + 1))
done
python3 - "$work" "$runs" <<'PY'
import json, sys
work, runs = sys.argv[1], int(sys.argv[2])
counts = {}
for i in range(1, runs + 1):
    for r in json.load(open(f"{work}/run{i}.json"))["results"]:
        m = r.get("metrics", {})
        counts.setdefault(r["target_id"], []).append(m.get("instructions_per_operation"))
for target, values in counts.items():
    ok = [v for v in values if v]
    spread = (max(ok) / min(ok) - 1) * 100 if len(ok) == len(values) else float("nan")
    print(f"{target}: {len(ok)} of {len(values)} runs counted, "
          f"{min(ok) if ok else 0:.1f} .. {max(ok) if ok else 0:.1f} instructions/op, "
          f"largest difference {spread:.4f}%")
PY

passed=0
i=1
while [ "$i" -le "$rounds" ]; do
  if COST_OPS_WORKER="$build/tests/framework/test-instr-worker" \
     "$build/tests/framework/test-instructions" -p /instructions/detects-two-percent \
     > "$work/round$i.log" 2>&1; then
    passed=$((passed + 1))
  else
    tail -3 "$work/round$i.log"
  fi
  i=$((i + 1))
done
echo "2% more work flagged regressed (and 2% less improved): $passed of $rounds"
[ "$passed" -eq "$rounds" ]
