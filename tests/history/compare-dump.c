/* compare-dump: prints, one JSON object per line, synthetic sample sets and
 * what bench-compare.c computes for them, for compare_reference.py to check
 * against an independent implementation.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <stdio.h>

#include "bench-compare.h"

/* Deterministic noisy durations around @centre with relative @spread; a few
 * exact repeats so the rank ties path is exercised too. */
static void
fill (double *values, guint n, double centre, double spread, guint64 *state)
{
  for (guint i = 0; i < n; i++)
    {
      double u = (bench_splitmix64_next (state) >> 11) * (1.0 / 9007199254740992.0);

      values[i] = (i % 7 == 3 && i > 0) ? values[i - 1]
                                         : centre * (1.0 + spread * (u - 0.5));
    }
}

static void
print_array (const double *values, guint n)
{
  putchar ('[');
  for (guint i = 0; i < n; i++)
    printf ("%s%.17g", i ? "," : "", values[i]);
  putchar (']');
}

int
main (void)
{
  static const struct { guint nb, nc; double shift, spread; } cases[] = {
    { 10, 10, 0.00, 0.05 },
    { 10, 12, 0.10, 0.05 },
    { 25, 30, -0.08, 0.10 },
    { 50, 50, 0.01, 0.20 },
    { 7, 9, 0.30, 0.02 },
    { 100, 80, 0.00, 0.01 },
    { 3, 3, 0.50, 0.01 },
  };
  guint64 state = 42;

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      double base[128], cur[128];
      BenchComparison cmp;
      g_autoptr(GError) error = NULL;

      fill (base, cases[c].nb, 1000.0, cases[c].spread, &state);
      fill (cur, cases[c].nc, 1000.0 * (1.0 + cases[c].shift), cases[c].spread, &state);
      if (!bench_compare_samples (base, cases[c].nb, cur, cases[c].nc,
                                  BENCH_COMPARE_DEFAULT_NOISE, &cmp, &error))
        {
          fprintf (stderr, "case %u: %s\n", c, error->message);
          return 1;
        }
      printf ("{\"baseline\":");
      print_array (base, cases[c].nb);
      printf (",\"current\":");
      print_array (cur, cases[c].nc);
      printf (",\"seed\":%" G_GUINT64_FORMAT ",\"resamples\":%u,\"noise\":%.17g",
              (guint64) BENCH_COMPARE_DEFAULT_SEED, BENCH_COMPARE_RESAMPLES,
              BENCH_COMPARE_DEFAULT_NOISE);
      printf (",\"median_baseline\":%.17g,\"median_current\":%.17g,\"change\":%.17g"
              ",\"ci_low\":%.17g,\"ci_high\":%.17g,\"u\":%.17g,\"p\":%.17g,\"verdict\":\"%s\""
              ",\"p90\":%.17g}\n",
              cmp.baseline_median_ns, cmp.current_median_ns, cmp.change,
              cmp.ci_low, cmp.ci_high, cmp.u_statistic, cmp.p_value,
              bench_verdict_to_string (cmp.verdict),
              bench_compare_percentile (base, cases[c].nb, 0.9));
    }
  return 0;
}
