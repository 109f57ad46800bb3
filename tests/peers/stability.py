#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""How steady the headline is, and how often the CI gate fires on unchanged
code, with a bursty competing load (tests/load/bursty-load.py) running.

Runs `cost-ops run --compare-to latest --fail-on-regression` RUNS times on
the same build into one folder and prints, per target, the headline ops/sec
of every run and max/min, and how many of the RUNS-1 comparisons exited 3
(false alarms: the code did not change). A benchmark, not a test.

usage: tests/peers/stability.py BUILD_DIR [--runs 8] [--quick] [--no-load]
       [--targets cost_calculator,aggregator,forecasting]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build")
    parser.add_argument("--runs", type=int, default=8)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--no-load", action="store_true")
    parser.add_argument("--targets", default="cost_calculator,aggregator,forecasting")
    args = parser.parse_args()
    cost_ops = os.path.join(args.build, "src", "cli", "cost-ops")
    targets = args.targets.split(",")
    work = tempfile.mkdtemp(prefix="stability-")
    load = None
    if not args.no_load:
        load = subprocess.Popen([sys.executable, os.path.join(here, "..", "load", "bursty-load.py")])
    rates = {t: [] for t in targets}
    spreads = {t: [] for t in targets}
    disturbed = {t: 0 for t in targets}
    alarms = []
    unreliable = 0
    try:
        for run in range(args.runs):
            command = [cost_ops, "run", "--targets", args.targets, "--output", work,
                       "--compare-to", "latest", "--fail-on-regression"]
            if args.quick:
                command.insert(2, "--quick")
            result = subprocess.run(command, capture_output=True, text=True, check=False)
            if result.returncode not in (0, 3):
                print(result.stdout, result.stderr)
                sys.exit(f"run {run + 1}: exit {result.returncode}")
            if run > 0 and result.returncode == 3:
                alarms.append(result.stderr.strip().splitlines()[-1])
            unreliable += result.stdout.count(" unreliable")
            for target in targets:
                with open(os.path.join(work, "raw", target + ".json"), encoding="utf-8") as f:
                    metrics = json.load(f)["metrics"]
                rates[target].append(metrics["operations_per_second"])
                spreads[target].append(metrics.get("relative_mad", 0.0))
                disturbed[target] += bool(metrics.get("disturbed"))
            print(f"run {run + 1}: exit {result.returncode}: " +
                  ", ".join(f"{t} {rates[t][-1]:,.0f}" for t in targets), flush=True)
    finally:
        if load is not None:
            load.terminate()
            load.wait()
        shutil.rmtree(work)
    print(f"\n{args.runs} runs{' --quick' if args.quick else ''}, "
          f"{'no load' if args.no_load else 'bursty load'}:")
    for target in targets:
        r = rates[target]
        print(f"  {target:16} ops/sec max/min {max(r) / min(r):.3f} "
              f"(min {min(r):,.0f}, max {max(r):,.0f}), runs flagged disturbed {disturbed[target]}")
    print(f"  --fail-on-regression false alarms: {len(alarms)} of {args.runs - 1} comparisons; "
          f"verdicts 'unreliable': {unreliable}")
    for alarm in alarms:
        print(f"    {alarm}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
