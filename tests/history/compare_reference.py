#!/usr/bin/env python3
"""Checks bench-compare.c against an independent implementation written with
the standard library only: medians, type-7 percentiles, the fixed-seed
bootstrap interval, Mann-Whitney U and its p-value, and the verdict.

usage: compare_reference.py PATH/TO/compare-dump
"""
import json
import math
import statistics
import subprocess
import sys

MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)


def percentile(values, fraction):
    s = sorted(values)
    h = (len(s) - 1) * fraction
    lo = math.floor(h)
    if lo + 1 >= len(s):
        return s[-1]
    return s[lo] + (h - lo) * (s[lo + 1] - s[lo])


def bootstrap(base, cur, resamples, seed):
    rng = SplitMix64(seed)
    changes = []
    for _ in range(resamples):
        b = statistics.median([base[rng.next() % len(base)] for _ in base])
        c = statistics.median([cur[rng.next() % len(cur)] for _ in cur])
        changes.append(c / b - 1.0)
    return percentile(changes, 0.025), percentile(changes, 0.975)


def mann_whitney(a, b):
    # U of b counted pair by pair (ties count one half): no ranks involved,
    # so this is a different route to the same statistic.
    u = sum((1.0 if y > x else 0.5 if y == x else 0.0) for x in a for y in b)
    n = len(a) + len(b)
    counts = {}
    for v in a + b:
        counts[v] = counts.get(v, 0) + 1
    ties = sum(t ** 3 - t for t in counts.values())
    mean = len(a) * len(b) / 2
    var = len(a) * len(b) / 12 * ((n + 1) - ties / (n * (n - 1)))
    if var <= 0:
        return u, 1.0
    z = max(abs(u - mean) - 0.5, 0.0) / math.sqrt(var)
    return u, min(1.0, 2 * (1 - statistics.NormalDist().cdf(z)))


def close(a, b, rel=1e-9, abs_=1e-12):
    return math.isclose(a, b, rel_tol=rel, abs_tol=abs_)


def main():
    out = subprocess.run([sys.argv[1]], check=True, capture_output=True, text=True).stdout
    failures = 0
    cases = 0
    for line in out.splitlines():
        case = json.loads(line)
        cases += 1
        base, cur = case["baseline"], case["current"]
        expected = {
            "median_baseline": statistics.median(base),
            "median_current": statistics.median(cur),
            "p90": percentile(base, 0.9),
        }
        expected["change"] = expected["median_current"] / expected["median_baseline"] - 1
        expected["ci_low"], expected["ci_high"] = bootstrap(base, cur, case["resamples"], case["seed"])
        expected["u"], expected["p"] = mann_whitney(base, cur)
        noise = case["noise"]
        if expected["p"] < 0.05 and expected["ci_low"] > noise:
            verdict = "regressed"
        elif expected["p"] < 0.05 and expected["ci_high"] < -noise:
            verdict = "improved"
        else:
            verdict = "no change"
        for key, value in expected.items():
            # The p-value goes through erfc in C and NormalDist.cdf here.
            tolerance = 1e-7 if key == "p" else 1e-9
            if not close(case[key], value, rel=tolerance):
                print(f"case {cases}: {key} = {case[key]!r}, reference {value!r}")
                failures += 1
        if case["verdict"] != verdict:
            print(f"case {cases}: verdict {case['verdict']!r}, reference {verdict!r}")
            failures += 1
        print(f"case {cases}: n={len(base)}/{len(cur)} change={case['change']:+.4f} "
              f"ci=[{case['ci_low']:+.4f}, {case['ci_high']:+.4f}] p={case['p']:.3g} {case['verdict']}")
    if cases < 5:
        print(f"only {cases} cases were produced")
        failures += 1
    print(f"{failures} differences from the reference")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
