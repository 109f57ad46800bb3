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

/* Percentiles use linear interpolation between closest ranks ("type 7"),
 * through bench_stats_percentile_sorted(). @values is not modified. All
 * fields are 0 when @n is 0. */
void   bench_sample_stats_compute (const double     *values,
                                   guint             n,
                                   BenchSampleStats *stats);

/* (p95 - p5) / median, the relative spread between samples; 0 when the
 * median is 0. */
double bench_sample_stats_spread  (const BenchSampleStats *stats);

/* Outliers by Tukey's fences, as criterion classifies them: mild beyond
 * 1.5 interquartile ranges from the quartiles, severe beyond 3. */
typedef struct {
  guint mild;
  guint severe;
} BenchOutliers;

void   bench_stats_outliers          (const double  *values,
                                      guint          n,
                                      BenchOutliers *outliers);

/* The median absolute deviation from the median, over the median: the
 * spread shown beside a headline ("± 0.8%"); 0 for n < 2 or a median of 0. */
double bench_stats_relative_mad      (const double  *values,
                                      guint          n);

/* Sorts @values ascending, in place. */
void   bench_stats_sort              (double       *values,
                                      guint         n);

/* The type 7 percentile (linear interpolation between closest ranks) at
 * @fraction (clamped to 0..1) of @sorted, which is in ascending order; NAN
 * when @n is 0. The median is the percentile at 0.5. Every median and
 * percentile of the framework (sample statistics, comparisons, bootstrap)
 * comes from this one function. */
double bench_stats_percentile_sorted (const double *sorted,
                                      guint         n,
                                      double        fraction);

G_END_DECLS
