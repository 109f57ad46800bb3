/* bench-stats.h: summary statistics over the per-sample nanoseconds per
 * operation of one measurement.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  guint  n;
  double min;
  double max;
  double mean;
  double stddev;   /* sample standard deviation (n - 1); 0 for n < 2 */
  double p5;
  double median;
  double p95;
  double p99;
} BenchSampleStats;

/* Percentiles use linear interpolation between closest ranks ("type 7").
 * @values is not modified. All fields are 0 when @n is 0. */
void   bench_sample_stats_compute (const double     *values,
                                   guint             n,
                                   BenchSampleStats *stats);

/* (p95 - p5) / median, the relative spread between samples; 0 when the
 * median is 0. */
double bench_sample_stats_spread  (const BenchSampleStats *stats);

G_END_DECLS
