/* bench-result.h: one target's outcome, the seed's BenchmarkResult
 * {target_id, metrics, timestamp}, plus what the framework needs beside it.
 * Reference counted, immutable once the runner hands it out; safe to pass
 * between threads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define BENCH_TYPE_RESULT (bench_result_get_type ())

typedef struct _BenchResult BenchResult;

GType        bench_result_get_type (void) G_GNUC_CONST;

/* A successful result; takes a reference on @metrics. @samples_ns_per_op is
 * copied (nanoseconds per operation of each sample, in the order taken). */
BenchResult *bench_result_new_success (const char   *target_id,
                                       JsonObject   *metrics,
                                       GDateTime    *timestamp,
                                       const double *samples_ns_per_op,
                                       guint         n_samples);
BenchResult *bench_result_new_failure (const char   *target_id,
                                       const GError *error,
                                       GDateTime    *timestamp);
BenchResult *bench_result_ref         (BenchResult  *result);
void         bench_result_unref       (BenchResult  *result);

const char  *bench_result_get_target_id (const BenchResult *result);
GDateTime   *bench_result_get_timestamp (const BenchResult *result);
/* NULL for a failure. */
JsonObject  *bench_result_get_metrics   (const BenchResult *result);
/* NULL for a success. */
const GError *bench_result_get_error    (const BenchResult *result);
gboolean     bench_result_is_success    (const BenchResult *result);
const double *bench_result_get_samples  (const BenchResult *result,
                                         guint             *n_samples);

/* Convenience accessors for metrics every result has; 0 for failures. */
double       bench_result_get_ops_per_second (const BenchResult *result);
/* Relative spread between samples ((p95 - p5) / median); above 0.10 the
 * result is flagged unstable in summaries. */
double       bench_result_get_spread         (const BenchResult *result);
gboolean     bench_result_is_unstable        (const BenchResult *result);

/* Metrics every successful result carries (bench-runner.c); a loaded result
 * from an older run may lack all but the seed's first three. Each returns
 * @fallback when the metric is missing or the result is a failure. */
double       bench_result_get_metric_double  (const BenchResult *result,
                                              const char        *name,
                                              double             fallback);
double       bench_result_get_avg_duration_ns    (const BenchResult *result);
double       bench_result_get_median_duration_ns (const BenchResult *result);
double       bench_result_get_p95_duration_ns    (const BenchResult *result);
double       bench_result_get_p99_duration_ns    (const BenchResult *result);

/* Above this spread a result is unstable. */
#define BENCH_UNSTABLE_SPREAD 0.10

/* TRUE when too few undisturbed samples could be had (metric "disturbed",
 * bench-sampler.c): the figures are not to be trusted. */
gboolean     bench_result_is_disturbed       (const BenchResult *result);
/* "disturbed: 41 of 60 samples" for such a result, else NULL. */
char        *bench_result_dup_disturbed_note (const BenchResult *result);
/* The spread shown beside the headline in every front end: "± 0.8%", the
 * samples' median absolute deviation over their median (metric
 * "relative_mad"); NULL for a result that has none. */
char        *bench_result_dup_spread         (const BenchResult *result);
/* With fewer undisturbed samples, all samples were used. */
#define BENCH_MIN_UNDISTURBED_SAMPLES 3

/* One result of @repetitions (BenchResult*, same target, two or more):
 * the first failure if one failed; otherwise the headline over every
 * undisturbed sample of all of them (their samples concatenated, times and
 * iterations summed), with "repetitions": N, the per-repetition
 * "repetition_ops_per_second", "repetition_cpu_avg_duration_ns" and
 * "repetition_iterations" arrays, and the mean, median, stddev and cv of
 * the per-repetition ops/sec ("repetitions_mean_ops_per_second", …). */
BenchResult *bench_result_combine_repetitions (GPtrArray *repetitions);

/* The Notes column of summary.md, in English: "-", "disturbed: 41 of 60
 * samples", "unstable: spread 14.2% between samples", or "failed:
 * <message>" (newlines flattened). */
char        *bench_result_dup_notes          (const BenchResult *result);

/* RFC 3339 in UTC with milliseconds and 'Z': "2025-12-02T12:34:56.789Z". */
char        *bench_format_timestamp          (GDateTime         *time);

/* The seed's serialisation: {"target_id", "metrics", "timestamp"} with the
 * timestamp as RFC 3339 UTC with milliseconds and 'Z'. A failure has no
 * "metrics" but "error": "<message>". */
JsonNode    *bench_result_to_json   (const BenchResult *result);
/* Reads what bench_result_to_json() (or an older cost-ops run) wrote:
 * BENCH_ERROR_INVALID_RESULT naming the member that is missing or wrong. */
BenchResult *bench_result_from_json (JsonNode          *node,
                                     GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchResult, bench_result_unref)

G_END_DECLS
