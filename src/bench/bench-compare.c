/* bench-compare.c: is a change between two sets of samples real or noise?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bench-compare.h"
#include "bench-error.h"
#include "bench-stats.h"

const char *
bench_verdict_to_string (BenchVerdict verdict)
{
  switch (verdict)
    {
    case BENCH_VERDICT_IMPROVED:
      return "improved";
    case BENCH_VERDICT_REGRESSED:
      return "regressed";
    case BENCH_VERDICT_UNRELIABLE:
      return "unreliable";
    case BENCH_VERDICT_NO_CHANGE:
    default:
      return "no change";
    }
}

/* Medians and percentiles come from bench-stats.c, the framework's one
 * implementation, so a comparison and a result's metrics always agree. */
double
bench_compare_percentile (const double *values,
                          guint         n,
                          double        fraction)
{
  g_autofree double *sorted = NULL;

  g_return_val_if_fail (values != NULL || n == 0, NAN);

  if (n == 0)
    return NAN;
  sorted = g_memdup2 (values, sizeof (double) * n);
  bench_stats_sort (sorted, n);
  return bench_stats_percentile_sorted (sorted, n, fraction);
}

double
bench_compare_median (const double *values,
                      guint         n)
{
  return bench_compare_percentile (values, n, 0.5);
}

guint64
bench_splitmix64_next (guint64 *state)
{
  guint64 z;

  *state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  z = *state;
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

typedef struct {
  double value;
  guint  from_b : 1;
} RankedValue;

static int
compare_ranked (const void *a,
                const void *b)
{
  double x = ((const RankedValue *) a)->value;
  double y = ((const RankedValue *) b)->value;

  return (x > y) - (x < y);
}

double
bench_mann_whitney_u (const double *a,
                      guint         n_a,
                      const double *b,
                      guint         n_b,
                      double       *u_of_b)
{
  g_autofree RankedValue *all = NULL;
  guint n = n_a + n_b;
  double rank_sum_b = 0.0;
  double tie_term = 0.0;
  double u, mean, variance, z;

  g_return_val_if_fail (n_a > 0 && n_b > 0, NAN);

  all = g_new (RankedValue, n);
  for (guint i = 0; i < n_a; i++)
    all[i] = (RankedValue) { a[i], FALSE };
  for (guint i = 0; i < n_b; i++)
    all[n_a + i] = (RankedValue) { b[i], TRUE };
  qsort (all, n, sizeof (RankedValue), compare_ranked);

  /* Average ranks (1-based) over runs of equal values. */
  for (guint i = 0; i < n;)
    {
      guint j = i;
      double average_rank;
      double t;

      while (j + 1 < n && all[j + 1].value == all[i].value)
        j++;
      average_rank = (i + j) / 2.0 + 1.0;
      for (guint k = i; k <= j; k++)
        if (all[k].from_b)
          rank_sum_b += average_rank;
      t = j - i + 1;
      tie_term += t * t * t - t;
      i = j + 1;
    }

  u = rank_sum_b - (double) n_b * (n_b + 1) / 2.0;
  if (u_of_b != NULL)
    *u_of_b = u;

  mean = (double) n_a * n_b / 2.0;
  variance = (double) n_a * n_b / 12.0 *
             ((n + 1.0) - tie_term / ((double) n * (n - 1.0)));
  if (variance <= 0.0)
    return 1.0; /* every value equal: no evidence of any difference */

  z = MAX (fabs (u - mean) - 0.5, 0.0) / sqrt (variance);
  return MIN (1.0, erfc (z / G_SQRT2));
}

static double
resampled_median (const double *values,
                  guint         n,
                  double       *scratch,
                  guint64      *state)
{
  for (guint i = 0; i < n; i++)
    scratch[i] = values[bench_splitmix64_next (state) % n];
  bench_stats_sort (scratch, n);
  return bench_stats_percentile_sorted (scratch, n, 0.5);
}

void
bench_bootstrap_change (const double *baseline,
                        guint         n_baseline,
                        const double *current,
                        guint         n_current,
                        guint         resamples,
                        guint64       seed,
                        double       *ci_low,
                        double       *ci_high)
{
  g_autofree double *scratch = NULL;
  g_autofree double *changes = NULL;
  guint64 state = seed;

  g_return_if_fail (n_baseline > 0 && n_current > 0 && resamples > 0);
  g_return_if_fail (ci_low != NULL && ci_high != NULL);

  scratch = g_new (double, MAX (n_baseline, n_current));
  changes = g_new (double, resamples);
  for (guint r = 0; r < resamples; r++)
    {
      /* Baseline first, then current: the reference implementation in
       * tests/history relies on this order. */
      double base = resampled_median (baseline, n_baseline, scratch, &state);
      double cur = resampled_median (current, n_current, scratch, &state);

      changes[r] = cur / base - 1.0;
    }
  bench_stats_sort (changes, resamples);
  *ci_low = bench_stats_percentile_sorted (changes, resamples, 0.025);
  *ci_high = bench_stats_percentile_sorted (changes, resamples, 0.975);
}

static gboolean
check_samples (const char    *which,
               const double  *values,
               guint          n,
               GError       **error)
{
  if (n < BENCH_COMPARE_MIN_SAMPLES)
    {
      g_set_error (error, BENCH_ERROR, BENCH_ERROR_INVALID_RESULT,
                   "The %s has %u samples; at least %u are needed to compare",
                   which, n, BENCH_COMPARE_MIN_SAMPLES);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    if (!(values[i] > 0.0) || !isfinite (values[i]))
      {
        g_set_error (error, BENCH_ERROR, BENCH_ERROR_INVALID_RESULT,
                     "Sample %u of the %s is not a positive duration", i + 1, which);
        return FALSE;
      }
  return TRUE;
}

gboolean
bench_compare_samples (const double    *baseline,
                       guint            n_baseline,
                       const double    *current,
                       guint            n_current,
                       double           noise_threshold,
                       BenchComparison *out,
                       GError         **error)
{
  gboolean significant;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (noise_threshold >= 0.0, FALSE);

  if (!check_samples ("baseline", baseline, n_baseline, error) ||
      !check_samples ("current run", current, n_current, error))
    return FALSE;

  memset (out, 0, sizeof *out);
  out->baseline_median_ns = bench_compare_median (baseline, n_baseline);
  out->current_median_ns = bench_compare_median (current, n_current);
  out->change = out->current_median_ns / out->baseline_median_ns - 1.0;
  bench_bootstrap_change (baseline, n_baseline, current, n_current,
                          BENCH_COMPARE_RESAMPLES, BENCH_COMPARE_DEFAULT_SEED,
                          &out->ci_low, &out->ci_high);
  out->p_value = bench_mann_whitney_u (baseline, n_baseline, current, n_current,
                                       &out->u_statistic);

  significant = out->p_value < 0.05;
  if (significant && out->ci_low > noise_threshold)
    out->verdict = BENCH_VERDICT_REGRESSED;
  else if (significant && out->ci_high < -noise_threshold)
    out->verdict = BENCH_VERDICT_IMPROVED;
  else
    out->verdict = BENCH_VERDICT_NO_CHANGE;
  return TRUE;
}
