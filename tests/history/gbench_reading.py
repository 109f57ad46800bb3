#!/usr/bin/env python3
"""Checks the Google Benchmark export the way Google Benchmark's compare.py
reads it, with the standard library only: every field compare.py and the
JSON reporter's readers expect, with its type; then compare.py's own
arithmetic (rows paired by name and order, OVERALL_GEOMEAN over every
non-aggregate row) on runs built by gbench-dump:

- two runs with the same times but different sample counts read unchanged;
- a run 10% slower reads +10%, target by target and overall;
- repetitions are rows of one name, aggregates are kept out of the geomean;
- a failed target is a row compare.py can read.

When compare.py's package (Debian's libbenchmark-tools, or the folder named
by GBENCH_TOOLS) and scipy can be imported, its own get_difference_report()
is checked against the same figures as well.

usage: gbench_reading.py PATH/TO/gbench-dump
"""
import json
import math
import os
import subprocess
import sys

DUMP = sys.argv[1]
FAILURES = []


def check(condition, message):
    if not condition:
        FAILURES.append(message)
        print("FAIL: " + message)


def export(results):
    out = subprocess.run([DUMP], input=json.dumps({"results": results}),
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def result(target, ns, cpu_ns, iterations, n_samples):
    # Samples spread ±10% around ns: what the export must not weigh.
    samples = [ns * (0.9 + 0.2 * i / max(n_samples - 1, 1)) for i in range(n_samples)]
    spec = {"id": target, "ns": ns, "iterations": iterations, "samples": samples}
    if cpu_ns is not None:
        spec["cpu_ns"] = cpu_ns
    return spec


NUMBER = (int, float)
CONTEXT = {
    "date": str, "host_name": str, "executable": str, "num_cpus": int,
    "mhz_per_cpu": int, "cpu_scaling_enabled": bool, "caches": list,
    "load_avg": list, "library_version": str, "library_build_type": str,
    "json_schema_version": int,
}
ROW = {
    "name": str, "family_index": int, "per_family_instance_index": int,
    "run_name": str, "run_type": str, "repetitions": int, "threads": int,
    "iterations": int, "real_time": NUMBER, "cpu_time": NUMBER, "time_unit": str,
}


def is_type(value, types):
    # JSON true is no number, though Python's bool is an int.
    return isinstance(value, types) and (types is bool or not isinstance(value, bool))


def check_schema(doc, label):
    context = doc.get("context", {})
    for key, types in CONTEXT.items():
        check(key in context and is_type(context[key], types),
              "%s: context.%s missing or not %s" % (label, key, types))
    check(context.get("json_schema_version") == 1, "%s: json_schema_version is not 1" % label)
    check(isinstance(doc.get("benchmarks"), list), "%s: no benchmarks array" % label)
    for row in doc.get("benchmarks", []):
        where = "%s: row %s" % (label, row.get("name"))
        for key, types in ROW.items():
            check(key in row and is_type(row[key], types), "%s: %s missing or not %s" % (where, key, types))
        check(row.get("time_unit") == "ns", where + ": time_unit is not ns")
        if row.get("run_type") == "iteration":
            check(is_type(row.get("repetition_index"), int), where + ": no repetition_index")
            check("aggregate_name" not in row, where + ": aggregate_name on an iteration row")
            check(row.get("name") == row.get("run_name"), where + ": name is not run_name")
        else:
            check(row.get("run_type") == "aggregate", where + ": run_type %r" % row.get("run_type"))
            check("repetition_index" not in row, where + ": repetition_index on an aggregate")
            check(row.get("aggregate_name") in ("mean", "median", "stddev", "cv"),
                  where + ": aggregate_name %r" % row.get("aggregate_name"))
            check(row.get("name") == "%s_%s" % (row.get("run_name"), row.get("aggregate_name")),
                  where + ": an aggregate is named RUN_AGGREGATE")
            check(row.get("aggregate_unit") == ("percentage" if row.get("aggregate_name") == "cv" else "time"),
                  where + ": aggregate_unit %r" % row.get("aggregate_unit"))
            check("items_per_second" not in row, where + ": items_per_second on an aggregate")
        if "error_occurred" in row:
            check(row["error_occurred"] is True and is_type(row.get("error_message"), str),
                  where + ": error_occurred without error_message")
            check("items_per_second" not in row, where + ": items_per_second on a failed row")
        elif row.get("run_type") == "iteration":
            check(row.get("real_time", 0) > 0 and row.get("cpu_time", 0) > 0,
                  where + ": a measured row without times")
            check(math.isclose(row.get("items_per_second", 0), 1e9 / row.get("real_time", 1), rel_tol=1e-12),
                  where + ": items_per_second is not 1e9 / real_time")
    # One iteration row per repetition, repetition indexes 0..N-1 in order.
    iterations = {}
    for row in doc.get("benchmarks", []):
        if row.get("run_type") == "iteration":
            iterations.setdefault(row.get("name"), []).append(row)
    for name, rows in iterations.items():
        check([r.get("repetition_index") for r in rows] == list(range(len(rows))),
              "%s: %s repetition indexes %r" % (label, name, [r.get("repetition_index") for r in rows]))
        check(all(r.get("repetitions") == len(rows) for r in rows),
              "%s: %s has %d rows but says repetitions %r" % (label, name, len(rows), rows[0].get("repetitions")))


# compare.py's arithmetic (tools/gbench/report.py), without scipy.
def calculate_change(old, new):
    if old == 0 and new == 0:
        return 0.0
    if old == 0:
        return float(new - old) / (float(old + new) / 2)
    return float(new - old) / abs(old)


def geomean(doc):
    rows = [b for b in doc["benchmarks"] if b.get("run_type") != "aggregate"]
    if not rows:
        return None
    columns = []
    for field in ("real_time", "cpu_time"):
        values = [b[field] * 1e-9 for b in rows]  # every row is in ns
        # numpy's log(0) is -inf and the geomean 0: compare.py then prints none.
        columns.append(0.0 if min(values) <= 0 else math.exp(sum(map(math.log, values)) / len(values)))
    return columns


def difference_report(doc1, doc2):
    names = []
    for b in doc1["benchmarks"]:
        if b["name"] not in names and any(o["name"] == b["name"] for o in doc2["benchmarks"]):
            names.append(b["name"])
    report = {}
    for name in names:
        lhs = [b for b in doc1["benchmarks"] if b["name"] == name]
        rhs = [b for b in doc2["benchmarks"] if b["name"] == name]
        report[name] = [(calculate_change(a["real_time"], b["real_time"]),
                         calculate_change(a["cpu_time"], b["cpu_time"])) for a, b in zip(lhs, rhs)]
    g1, g2 = geomean(doc1), geomean(doc2)
    if g1 and g2 and all(g1) and all(g2):
        report["OVERALL_GEOMEAN"] = [(calculate_change(g1[0], g2[0]), calculate_change(g1[1], g2[1]))]
    return report


def upstream_report():
    """compare.py's own get_difference_report, when it can be imported."""
    for folder in (os.environ.get("GBENCH_TOOLS"), "/usr/share/benchmark"):
        if folder and os.path.isdir(os.path.join(folder, "gbench")):
            sys.path.insert(0, folder)
            break
    try:
        from gbench import report  # noqa: E402 (needs scipy)
    except ImportError as error:
        print("# compare.py's package not importable here (%s): standard-library reading only" % error)
        return None

    def run(doc1, doc2):
        out = {}
        for entry in report.get_difference_report(doc1, doc2, utest=False):
            out[entry["name"]] = [(m["time"], m["cpu"]) for m in entry["measurements"]]
        return out
    return run


def check_changes(report, expected, label):
    for name, change in expected.items():
        check(name in report, "%s: compare.py reports no %s" % (label, name))
        for time, cpu in report.get(name, []):
            check(abs(time - change[0]) < 1e-9 and abs(cpu - change[1]) < 1e-9,
                  "%s: %s reads %+.4f time, %+.4f CPU; expected %+.4f, %+.4f"
                  % (label, name, time, cpu, change[0], change[1]))


def main():
    upstream = upstream_report()
    readers = [("standard library", difference_report)]
    if upstream is not None:
        readers.append(("compare.py", upstream))

    # The same times, measured with different numbers of samples.
    base = export([result("alpha", 16.4, 15.9, 60000000, 12), result("beta", 2000.0, 1900.0, 5000, 5)])
    same = export([result("alpha", 16.4, 15.9, 61000000, 5), result("beta", 2000.0, 1900.0, 5100, 12)])
    slower = export([result("alpha", 16.4 * 1.1, 15.9 * 1.1, 55000000, 12),
                     result("beta", 2000.0 * 1.1, 1900.0 * 1.1, 4500, 5)])
    for doc, label in ((base, "base"), (same, "same"), (slower, "slower")):
        check_schema(doc, label)
    for reader, compare in readers:
        unchanged = compare(base, same)
        check_changes(unchanged, {"alpha": (0, 0), "beta": (0, 0), "OVERALL_GEOMEAN": (0, 0)},
                      reader + ", unchanged")
        ten = compare(base, slower)
        check_changes(ten, {"alpha": (0.1, 0.1), "beta": (0.1, 0.1), "OVERALL_GEOMEAN": (0.1, 0.1)},
                      reader + ", 10% slower")
        print("# %s: unchanged %+.4f, 10%% slower %+.4f (OVERALL_GEOMEAN time)"
              % (reader, unchanged.get("OVERALL_GEOMEAN", [(math.nan,)])[0][0],
                 ten.get("OVERALL_GEOMEAN", [(math.nan,)])[0][0]))

    # Repetitions: the iteration rows feed the geomean, aggregates do not.
    reps = export([result("alpha", 100.0, 50.0, 1000, 4), result("alpha", 110.0, 60.0, 1000, 4),
                   result("alpha", 90.0, 40.0, 1000, 4), result("beta", 10.0, None, 100, 3)])
    check_schema(reps, "repetitions")
    names = [b["name"] for b in reps["benchmarks"]]
    check(names == ["alpha"] * 3 + ["alpha_mean", "alpha_median", "alpha_stddev", "alpha_cv", "beta"],
          "repetitions: rows %r" % names)
    beta = reps["benchmarks"][-1]
    check(beta["cpu_time"] == beta["real_time"], "repetitions: no CPU time recorded, cpu_time is not real_time")
    reps_slower = json.loads(json.dumps(reps))
    for b in reps_slower["benchmarks"]:
        if b.get("aggregate_name") != "cv":
            b["real_time"] *= 1.1
            b["cpu_time"] *= 1.1
    for reader, compare in readers:
        check_changes(compare(reps, reps_slower), {"alpha": (0.1, 0.1), "alpha_mean": (0.1, 0.1),
                                                   "OVERALL_GEOMEAN": (0.1, 0.1)},
                      reader + ", repetitions")

    # A failed target: a row compare.py reads (no KeyError), 0 s as Google
    # Benchmark writes for its own errors.
    failed = export([result("alpha", 100.0, 50.0, 1000, 4), {"id": "gamma", "error": "crashed"}])
    check_schema(failed, "failed")
    gamma = [b for b in failed["benchmarks"] if b["name"] == "gamma"]
    check(len(gamma) == 1 and gamma[0].get("error_occurred") is True
          and gamma[0].get("error_message") == "crashed" and gamma[0].get("iterations") == 0,
          "failed: gamma row %r" % gamma)
    for reader, compare in readers:
        report = compare(failed, failed)
        check_changes(report, {"alpha": (0, 0), "gamma": (0, 0)}, reader + ", failed target")

    if FAILURES:
        print("%d check(s) failed" % len(FAILURES))
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
