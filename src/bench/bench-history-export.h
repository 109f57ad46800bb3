/* bench-history-export.h: a run in formats other tools read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bench-history.h"

G_BEGIN_DECLS

/* Google Benchmark's JSON output ({"context": …, "benchmarks": […]}) with
 * the members, types and order of its JSON reporter, so that its compare.py
 * reads a run as it reads Google Benchmark's own:
 *
 * - the results of a target are its repetitions, in run order (a run today
 *   has one per target): one "iteration" row each, with "iterations" (the
 *   measured iterations), "real_time" (ns per operation over the whole
 *   measurement, the headline mean), "cpu_time" and "items_per_second"
 *   (1e9 / real_time); samples are not rows;
 * - "cpu_time" is the metric "cpu_avg_duration_ns" (CPU time of the
 *   measuring thread per operation); results recorded without it repeat
 *   their real_time there, so compare.py's CPU column then says nothing
 *   more than its time column;
 * - with two or more successful repetitions, "aggregate" rows <id>_mean,
 *   _median, _stddev (n - 1) and _cv (stddev / mean as a fraction,
 *   "aggregate_unit": "percentage") over their real and CPU times, with
 *   "iterations" the number of repetitions aggregated and no rate; a single
 *   repetition has no aggregates, as in Google Benchmark;
 * - a failed repetition is an "iteration" row with "error_occurred": true,
 *   "error_message", 0 iterations and times of 0, as Google Benchmark
 *   writes its own errors (compare.py then prints no OVERALL_GEOMEAN, since
 *   a run with a failure has no meaningful one);
 * - "context" has Google Benchmark's members, "library_version" being the
 *   cost-ops version that ran and "json_schema_version" 1, plus "run_id". */
JsonNode *bench_run_record_to_gbench (BenchRunRecord *record);
/* run_id,target_id,sample,ns_per_op — every sample, RFC 4180. */
char     *bench_run_record_to_samples_csv (BenchRunRecord *record);

G_END_DECLS
