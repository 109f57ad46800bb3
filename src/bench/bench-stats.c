/* bench-stats.c: sample statistics, and the one percentile implementation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "bench-stats.h"

#include <math.h>
#include <string.h>

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

void
bench_stats_sort (double *values,
                  guint   n)
{
  g_return_if_fail (n == 0 || values != NULL);

  qsort (values, n, sizeof (double), compare_doubles);
}

double
bench_stats_percentile_sorted (const double *sorted,
                               guint         n,
                               double        fraction)
{
  double rank;
  guint lo;

  g_return_val_if_fail (n == 0 || sorted != NULL, NAN);

  if (n == 0)
    return NAN;
  rank = CLAMP (fraction, 0.0, 1.0) * (double) (n - 1);
  lo = (guint) floor (rank);
  if (lo + 1 >= n)
    return sorted[n - 1];
  return sorted[lo] + (sorted[lo + 1] - sorted[lo]) * (rank - (double) lo);
}

void
bench_sample_stats_compute (const double     *values,
                            guint             n,
                            BenchSampleStats *stats)
{
  g_autofree double *sorted = NULL;
  double sum = 0.0;
  double squares = 0.0;

  g_return_if_fail (stats != NULL);
  g_return_if_fail (n == 0 || values != NULL);

  memset (stats, 0, sizeof *stats);
  if (n == 0)
    return;

  sorted = g_memdup2 (values, sizeof (double) * n);
  bench_stats_sort (sorted, n);

  for (guint i = 0; i < n; i++)
    sum += sorted[i];

  stats->n = n;
  stats->min = sorted[0];
  stats->max = sorted[n - 1];
  stats->mean = sum / n;

  /* Two passes: the values are close together, so summing squares of the
   * raw values would lose most of the digits that matter. */
  for (guint i = 0; i < n; i++)
    squares += (sorted[i] - stats->mean) * (sorted[i] - stats->mean);
  stats->stddev = n > 1 ? sqrt (squares / (n - 1)) : 0.0;

  stats->p5 = bench_stats_percentile_sorted (sorted, n, 0.05);
  stats->median = bench_stats_percentile_sorted (sorted, n, 0.50);
  stats->p95 = bench_stats_percentile_sorted (sorted, n, 0.95);
  stats->p99 = bench_stats_percentile_sorted (sorted, n, 0.99);
}

double
bench_sample_stats_spread (const BenchSampleStats *stats)
{
  g_return_val_if_fail (stats != NULL, 0.0);

  if (stats->median <= 0.0)
    return 0.0;
  return (stats->p95 - stats->p5) / stats->median;
}

void
bench_stats_outliers (const double  *values,
                      guint          n,
                      BenchOutliers *outliers)
{
  g_autofree double *sorted = NULL;
  double q1, q3, iqr;

  g_return_if_fail (outliers != NULL);
  g_return_if_fail (n == 0 || values != NULL);

  outliers->mild = outliers->severe = 0;
  if (n < 4)
    return;
  sorted = g_memdup2 (values, sizeof (double) * n);
  bench_stats_sort (sorted, n);
  q1 = bench_stats_percentile_sorted (sorted, n, 0.25);
  q3 = bench_stats_percentile_sorted (sorted, n, 0.75);
  iqr = q3 - q1;
  for (guint i = 0; i < n; i++)
    {
      if (sorted[i] < q1 - 3.0 * iqr || sorted[i] > q3 + 3.0 * iqr)
        outliers->severe++;
      else if (sorted[i] < q1 - 1.5 * iqr || sorted[i] > q3 + 1.5 * iqr)
        outliers->mild++;
    }
}

double
bench_stats_relative_mad (const double *values,
                          guint         n)
{
  g_autofree double *sorted = NULL;
  g_autofree double *deviations = NULL;
  double median;

  g_return_val_if_fail (n == 0 || values != NULL, 0.0);

  if (n < 2)
    return 0.0;
  sorted = g_memdup2 (values, sizeof (double) * n);
  bench_stats_sort (sorted, n);
  median = bench_stats_percentile_sorted (sorted, n, 0.5);
  if (median <= 0.0)
    return 0.0;
  deviations = g_new (double, n);
  for (guint i = 0; i < n; i++)
    deviations[i] = fabs (sorted[i] - median);
  bench_stats_sort (deviations, n);
  return bench_stats_percentile_sorted (deviations, n, 0.5) / median;
}
