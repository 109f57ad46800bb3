/* bench-compare.h: is a change between two runs of a target real or noise?
 *
 * Works on the per-sample nanoseconds per operation that every BenchResult
 * keeps. The change of the median is given with a 95% bootstrap confidence
 * interval (resampling both sides, fixed seed, so the same inputs always give
 * the same interval) and a two-sided Mann-Whitney U test p-value. A change
 * counts only when p < 0.05 AND the whole interval lies beyond the noise
 * threshold.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  BENCH_VERDICT_NO_CHANGE,
  BENCH_VERDICT_IMPROVED,   /* faster: fewer ns per operation */
  BENCH_VERDICT_REGRESSED,  /* slower */
  /* Either side disturbed, the machines differ, or a regression that a
   * second measurement did not reproduce: no verdict can be trusted. */
  BENCH_VERDICT_UNRELIABLE,
} BenchVerdict;

#define BENCH_COMPARE_DEFAULT_NOISE   0.02
#define BENCH_COMPARE_DEFAULT_SEED    0x5eed5eedULL
#define BENCH_COMPARE_RESAMPLES       2000
#define BENCH_COMPARE_MIN_SAMPLES     3

typedef struct {
  double       baseline_median_ns;
  double       current_median_ns;
  double       change;        /* current / baseline − 1 of the medians */
  double       ci_low;        /* 95% bootstrap interval of change */
  double       ci_high;
  double       u_statistic;   /* U of the current samples */
  double       p_value;       /* two-sided, normal approximation with tie
                               * and continuity correction */
  BenchVerdict verdict;
} BenchComparison;

const char *bench_verdict_to_string (BenchVerdict verdict);

/* Median and percentile (0..1, linear interpolation between closest ranks,
 * the "type 7" definition) of @n values; @values is not modified. */
double   bench_compare_median   (const double *values,
                                 guint         n);
double   bench_compare_percentile(const double *values,
                                 guint         n,
                                 double        fraction);

/* Deterministic generator used by the bootstrap: splitmix64. Exposed so the
 * reference implementation in tests can reproduce the exact resamples. */
guint64  bench_splitmix64_next  (guint64      *state);

/* Two-sided Mann-Whitney U test of @a against @b. Returns the p-value and
 * stores U of @b (the number of pairs where b > a, ties counting ½). */
double   bench_mann_whitney_u   (const double *a,
                                 guint         n_a,
                                 const double *b,
                                 guint         n_b,
                                 double       *u_of_b);

/* Bootstrap 95% interval of median(current)/median(baseline) − 1. */
void     bench_bootstrap_change (const double *baseline,
                                 guint         n_baseline,
                                 const double *current,
                                 guint         n_current,
                                 guint         resamples,
                                 guint64       seed,
                                 double       *ci_low,
                                 double       *ci_high);

/* Fills @out. Fails when either side has fewer than
 * BENCH_COMPARE_MIN_SAMPLES samples or a sample is not a positive number. */
gboolean bench_compare_samples  (const double    *baseline,
                                 guint            n_baseline,
                                 const double    *current,
                                 guint            n_current,
                                 double           noise_threshold,
                                 BenchComparison *out,
                                 GError         **error);

G_END_DECLS
