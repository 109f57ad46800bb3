/* bench-history-export.h: a run in formats other tools read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bench-history.h"

G_BEGIN_DECLS

/* Google Benchmark's JSON output ({"context": …, "benchmarks": […]}): one
 * "iteration" entry per sample (as a repetition) and mean, median and stddev
 * aggregates per target, times in ns, so Google Benchmark's compare.py reads
 * it, including its U test over repetitions. */
JsonNode *bench_run_record_to_gbench (BenchRunRecord *record);
/* run_id,target_id,sample,ns_per_op — every sample, RFC 4180. */
char     *bench_run_record_to_samples_csv (BenchRunRecord *record);

G_END_DECLS
