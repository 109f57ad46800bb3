#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The output folder of `cost-ops run` always describes exactly one run.

- SIGINT, SIGTERM, SIGHUP and SIGKILL at random moments: afterwards the folder holds
  the previous run whole or the new one whole (for SIGINT/SIGTERM, its
  finished part, described as cancelled), never a mixture. SIGINT exits 130,
  SIGTERM 143, SIGHUP 129.
- A second run into a folder that a run is writing exits 2 at once and
  touches nothing; the first run's files are intact.
- Runs whose every target fails at set-up (TMPDIR that does not exist),
  pinned to one core, never hang.

Usage: check-run-folder.py COST_OPS [ROUNDS] [HANG_ROUNDS]; SEED in the
environment repeats a sequence of random moments.
"""
import glob
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

COST_OPS = sys.argv[1]
ROUNDS = int(sys.argv[2]) if len(sys.argv) > 2 else 20
HANG_ROUNDS = int(sys.argv[3]) if len(sys.argv) > 3 else 20
TARGETS = "cost_calculator,aggregator,forecasting"
failures = []


def fail(message):
    print("FAIL: " + message)
    failures.append(message)


def history_runs(out):
    """(run id, [target ids]) of every recorded run, oldest first."""
    text = subprocess.run([COST_OPS, "history", "--output", out], capture_output=True,
                          text=True, check=False).stdout
    runs = []
    for line in text.splitlines():
        match = re.search(r"\brun ([0-9a-f]{8})\b", line)
        if match:
            runs.append((match.group(1), []))
        elif runs and line.startswith("    "):
            runs[-1][1].append(line.split()[0])
    return runs


def describe(out):
    """What the folder says, as a reader sees it (which completes a switch
    that a killed run left half done); None when it is empty."""
    runs = history_runs(out)   # a reader: completes a half-done switch-over
    raw = sorted(glob.glob(os.path.join(out, "raw", "*.json")))
    summary_path = os.path.join(out, "summary.md")
    if not raw and not os.path.exists(summary_path) and not runs:
        return None
    ids = set()
    targets = []
    for path in raw:
        with open(path, encoding="utf-8") as f:
            result = json.load(f)
        ids.add(result["environment"]["run_id"])
        targets.append(result["target_id"])
    if len(ids) != 1:
        raise AssertionError(f"raw/ mixes runs {sorted(ids)}")
    run_id = ids.pop()
    with open(summary_path, encoding="utf-8") as f:
        summary = f.read()
    match = re.search(r"^- Run: ([0-9a-f]{8}),", summary, re.M)
    if not match or match.group(1) != run_id:
        raise AssertionError(f"summary.md describes run {match and match.group(1)}, raw/ run {run_id}")
    table = re.findall(r"^\| (\w+) \|", summary, re.M)
    table = [t for t in table if t not in ("Target",)]
    if sorted(table) != sorted(targets):
        raise AssertionError(f"summary.md lists {table}, raw/ holds {targets}")
    if not runs or runs[-1][0] != run_id:
        raise AssertionError(f"the newest history record is {runs and runs[-1][0]}, raw/ is run {run_id}")
    if sorted(runs[-1][1]) != sorted(targets):
        raise AssertionError(f"the newest history record has {runs[-1][1]}, raw/ {targets}")
    cancelled = "- Status: cancelled" in summary
    return run_id, tuple(sorted(targets)), cancelled, len(runs)


def check_signals(seed):
    rng = random.Random(seed)
    work = tempfile.mkdtemp(prefix="check-run-folder-")
    out = os.path.join(work, "out")
    env = dict(os.environ, TMPDIR=work)
    kinds = [signal.SIGINT, signal.SIGTERM, signal.SIGKILL, signal.SIGHUP]
    previous = None
    outcomes = {}
    for round_ in range(ROUNDS):
        sig = kinds[round_ % len(kinds)]
        delay = rng.uniform(0.0, 0.85)
        process = subprocess.Popen([COST_OPS, "run", "--quick", "--targets", TARGETS, "--output", out],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        time.sleep(delay)
        process.send_signal(sig)
        status = process.wait(timeout=60)
        expected = {signal.SIGINT: (130, 0), signal.SIGTERM: (143, 0), signal.SIGHUP: (129, 0),
                    signal.SIGKILL: (-9, 0)}[sig]
        early = status == -sig   # before cost-ops set up its handlers: must have touched nothing
        try:
            now = describe(out)
        except (AssertionError, OSError, KeyError, ValueError) as error:
            fail(f"round {round_}: {sig.name} after {delay:.2f} s: {error}")
            previous = None
            continue
        if status not in expected and not (early and now == previous):
            fail(f"round {round_}: {sig.name} after {delay:.2f} s: exit status {status}, expected {expected}")
        if now == previous:
            outcome = "previous run whole"
        elif now is not None and not now[2] and now[1] == tuple(sorted(TARGETS.split(","))):
            outcome = "new run whole"
        elif now is not None and now[2] and sig != signal.SIGKILL:
            outcome = "new run, cancelled part"
        else:
            fail(f"round {round_}: {sig.name} after {delay:.2f} s: the folder shows {now}, before {previous}")
            outcome = "wrong"
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
        print(f"round {round_:2}: {sig.name:7} after {delay:.2f} s: exit {status:4}: {outcome}")
        previous = now
    leftovers = glob.glob(os.path.join(work, "cost-ops-worker-*"))
    # A killed run's worker folder is removed by the next run.
    subprocess.run([COST_OPS, "run", "--quick", "--targets", "cost_calculator", "--output", out],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    leftovers = glob.glob(os.path.join(work, "cost-ops-worker-*"))
    if leftovers:
        fail(f"worker folders left behind: {leftovers}")
    print(f"signals: {outcomes}")
    shutil.rmtree(work)


def check_concurrent():
    work = tempfile.mkdtemp(prefix="check-run-folder-")
    out = os.path.join(work, "out")
    first = subprocess.Popen([COST_OPS, "run", "--targets", TARGETS, "--output", out],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 10
    while not glob.glob(os.path.join(out, ".cost-ops-staging-*")) and time.monotonic() < deadline:
        time.sleep(0.01)
    started = time.monotonic()
    second = subprocess.run([COST_OPS, "run", "--targets", "cost_calculator", "--output", out],
                            capture_output=True, text=True, check=False)
    took = time.monotonic() - started
    if second.returncode != 2:
        fail(f"a second run into a busy folder exited {second.returncode}, not 2")
    if "Another run is writing to" not in second.stderr:
        fail(f"the second run said: {second.stderr!r}")
    if took > 1.0:
        fail(f"the second run took {took:.2f} s to refuse")
    first_out, _ = first.communicate(timeout=120)
    if first.returncode != 0:
        fail(f"the first run exited {first.returncode}")
    described = describe(out)
    if described is None or described[1] != tuple(sorted(TARGETS.split(","))) or described[2]:
        fail(f"the first run's files are not intact: {described}")
    print(f"concurrent: the second run exited {second.returncode} in {took * 1000:.0f} ms: "
          f"{second.stderr.strip()}")
    shutil.rmtree(work)


def check_no_hang():
    work = tempfile.mkdtemp(prefix="check-run-folder-")
    env = dict(os.environ, TMPDIR=os.path.join(work, "nonexistent"))
    pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    hung = 0
    for round_ in range(HANG_ROUNDS):
        out = os.path.join(work, f"out{round_}")
        try:
            result = subprocess.run(pin + [COST_OPS, "run", "--quick", "--targets", "storage", "--output", out],
                                    capture_output=True, text=True, env=env, timeout=20, check=False)
        except subprocess.TimeoutExpired:
            hung += 1
            fail(f"round {round_}: cost-ops run hung")
            continue
        if result.returncode != 1 or "✗ storage - " not in result.stdout:
            fail(f"round {round_}: exit {result.returncode}: {result.stdout!r} {result.stderr!r}")
    print(f"no hang: {HANG_ROUNDS} runs with every target failing at set-up{' pinned to one core' if pin else ''}, "
          f"{hung} hung")
    shutil.rmtree(work)


def main():
    seed = int(os.environ.get("SEED", random.randrange(1 << 30)))
    print(f"SEED={seed}")
    check_no_hang()
    check_concurrent()
    check_signals(seed)
    if failures:
        print(f"{len(failures)} failures")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
