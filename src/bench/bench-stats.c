/* SPDX-License-Identifier: GPL-3.0-or-later */
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

static double
percentile_sorted (const double *sorted,
                   guint         n,
                   double        fraction)
{
  double rank = fraction * (double) (n - 1);
  guint lo = (guint) floor (rank);
  guint hi = MIN (lo + 1, n - 1);

  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - (double) lo);
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
  qsort (sorted, n, sizeof (double), compare_doubles);

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

  stats->p5 = percentile_sorted (sorted, n, 0.05);
  stats->median = percentile_sorted (sorted, n, 0.50);
  stats->p95 = percentile_sorted (sorted, n, 0.95);
  stats->p99 = percentile_sorted (sorted, n, 0.99);
}

double
bench_sample_stats_spread (const BenchSampleStats *stats)
{
  g_return_val_if_fail (stats != NULL, 0.0);

  if (stats->median <= 0.0)
    return 0.0;
  return (stats->p95 - stats->p5) / stats->median;
}
