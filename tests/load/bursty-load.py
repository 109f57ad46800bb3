#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A bursty competing load: one busy process, switched on and off every few
hundred milliseconds, as a browser or a neighbour on a shared CI runner does.

usage: bursty-load.py [SECONDS (default: until killed)] [--seed N]
The on and off phases last 150-450 ms each, drawn from a seeded generator so
that a run can be repeated.
"""
import os
import random
import signal
import sys
import time


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--seed")]
    seed = next((int(a.split("=", 1)[1]) for a in sys.argv[1:] if a.startswith("--seed=")), 1)
    duration = float(args[0]) if args else None
    rng = random.Random(seed)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    end = None if duration is None else time.monotonic() + duration
    busy = 0
    while end is None or time.monotonic() < end:
        until = time.monotonic() + rng.uniform(0.15, 0.45)
        while time.monotonic() < until:
            busy += 1
        time.sleep(rng.uniform(0.15, 0.45))
    return 0


if __name__ == "__main__":
    os.nice(0)
    sys.exit(main())
