/* test-anomaly.c: the three detectors on hand-worked series, injected
 * spikes, a clean series and bad input.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "costops-anomaly.h"
#include "costops-error.h"

#define EPS 1e-9

static GArray *
detect_ok (const double         *values,
           gsize                 n,
           CostopsAnomalyMethod  method,
           double                threshold)
{
  g_autoptr(GError) error = NULL;
  GArray *found = costops_anomaly_detect (values, n, method, threshold, &error);

  g_assert_no_error (error);
  g_assert_nonnull (found);
  return found;
}

static const CostopsAnomaly *
nth (GArray *found,
     guint   i)
{
  return &g_array_index (found, CostopsAnomaly, i);
}

/* Fifteen zeros and a 16: mean 1, variance (15 + 225) / 16 = 15, so the 16
 * scores 15 / sqrt(15) = sqrt(15) = 3.873 and the zeros 1 / sqrt(15). */
static void
test_z_score_by_hand (void)
{
  double y[16] = { 0 };
  g_autoptr(GArray) found = NULL;

  y[9] = 16.0;
  found = detect_ok (y, 16, COSTOPS_ANOMALY_Z_SCORE, 3.0);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpuint (nth (found, 0)->index, ==, 9);
  g_assert_cmpfloat (nth (found, 0)->value, ==, 16.0);
  g_assert_cmpfloat_with_epsilon (nth (found, 0)->score, sqrt (15.0), EPS);
  /* 3.873 / 3 = 1.29: medium. */
  g_assert_cmpint (nth (found, 0)->severity, ==, COSTOPS_ANOMALY_SEVERITY_MEDIUM);
  g_clear_pointer (&found, g_array_unref);

  /* Nine zeros and a 10: mean 1, standard deviation 3, score exactly 3,
   * which is not above a threshold of 3. */
  {
    const double edge[] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 10 };

    found = detect_ok (edge, 10, COSTOPS_ANOMALY_Z_SCORE, 3.0);
    g_assert_cmpuint (found->len, ==, 0);
    g_clear_pointer (&found, g_array_unref);

    found = detect_ok (edge, 10, COSTOPS_ANOMALY_Z_SCORE, 2.99);
    g_assert_cmpuint (found->len, ==, 1);
    g_assert_cmpfloat_with_epsilon (nth (found, 0)->score, 3.0, EPS);
    g_assert_cmpint (nth (found, 0)->severity, ==, COSTOPS_ANOMALY_SEVERITY_LOW);
    g_clear_pointer (&found, g_array_unref);

    /* The same score against a threshold of 1.5 is twice it: critical. */
    found = detect_ok (edge, 10, COSTOPS_ANOMALY_Z_SCORE, 1.5);
    g_assert_cmpuint (found->len, ==, 1);
    g_assert_cmpint (nth (found, 0)->severity, ==, COSTOPS_ANOMALY_SEVERITY_CRITICAL);
  }
}

/* 1..9 and 100: quartiles at positions 2.25 and 6.75 are 3.25 and 7.75, IQR
 * 4.5, upper fence 7.75 + 1.5 × 4.5 = 14.5. 100 scores (100 - 7.75) / 4.5. */
static void
test_iqr_by_hand (void)
{
  double y[10] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 100 };
  const double low[] = { -5, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
  g_autoptr(GArray) found = NULL;

  found = detect_ok (y, 10, COSTOPS_ANOMALY_IQR, 1.5);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpuint (nth (found, 0)->index, ==, 9);
  g_assert_cmpfloat_with_epsilon (nth (found, 0)->score, 92.25 / 4.5, EPS);
  g_assert_cmpint (nth (found, 0)->severity, ==, COSTOPS_ANOMALY_SEVERITY_CRITICAL);
  g_clear_pointer (&found, g_array_unref);

  /* On the fence is inside; just past it is out (the quartiles do not move). */
  y[9] = 14.5;
  found = detect_ok (y, 10, COSTOPS_ANOMALY_IQR, 1.5);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_array_unref);

  y[9] = 14.51;
  found = detect_ok (y, 10, COSTOPS_ANOMALY_IQR, 1.5);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpfloat_with_epsilon (nth (found, 0)->score, 6.76 / 4.5, EPS);
  g_assert_cmpint (nth (found, 0)->severity, ==, COSTOPS_ANOMALY_SEVERITY_LOW);
  g_clear_pointer (&found, g_array_unref);

  /* Below: quartiles 2.25 and 6.75, lower fence -4.5; -5 is 7.25 / 4.5
   * IQRs below Q1. */
  found = detect_ok (low, 10, COSTOPS_ANOMALY_IQR, 1.5);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpuint (nth (found, 0)->index, ==, 0);
  g_assert_cmpfloat_with_epsilon (nth (found, 0)->score, 7.25 / 4.5, EPS);
  g_clear_pointer (&found, g_array_unref);

  /* A wider fence (k = 3) lets -5 in. */
  found = detect_ok (low, 10, COSTOPS_ANOMALY_IQR, 3.0);
  g_assert_cmpuint (found->len, ==, 0);
}

/* 10..14 and 50: median 12.5, absolute deviations 2.5 1.5 0.5 0.5 1.5 37.5,
 * MAD 1.5. The 50 scores 0.6745 × 37.5 / 1.5 = 16.8625, the 10 only 1.124. */
static void
test_modified_z_by_hand (void)
{
  const double y[] = { 10, 11, 12, 13, 14, 50 };
  g_autoptr(GArray) found = NULL;

  found = detect_ok (y, 6, COSTOPS_ANOMALY_MODIFIED_Z_SCORE, 3.5);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpuint (nth (found, 0)->index, ==, 5);
  g_assert_cmpfloat_with_epsilon (nth (found, 0)->score, 16.8625, EPS);
  g_assert_cmpint (nth (found, 0)->severity, ==, COSTOPS_ANOMALY_SEVERITY_CRITICAL);
  g_clear_pointer (&found, g_array_unref);

  /* A threshold of 1.1 also takes the 10 (1.124) but not the 14, which is
   * only 1.5 from the median (0.6745). */
  found = detect_ok (y, 6, COSTOPS_ANOMALY_MODIFIED_Z_SCORE, 1.1);
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_cmpuint (nth (found, 0)->index, ==, 0);
  g_assert_cmpfloat_with_epsilon (nth (found, 0)->score, 0.6745 * 2.5 / 1.5, EPS);
  g_assert_cmpint (nth (found, 0)->severity, ==, COSTOPS_ANOMALY_SEVERITY_LOW);
  g_assert_cmpuint (nth (found, 1)->index, ==, 5);
}

/* Zero spread: every other point equal. The odd one out is infinitely far
 * in IQRs and MADs, and a constant series has nothing at all. */
static void
test_zero_spread (void)
{
  const double one_off[] = { 5, 5, 5, 5, 9 };
  const double constant[] = { 5, 5, 5, 5, 5 };
  const CostopsAnomalyMethod methods[] = {
    COSTOPS_ANOMALY_Z_SCORE, COSTOPS_ANOMALY_IQR, COSTOPS_ANOMALY_MODIFIED_Z_SCORE,
  };
  g_autoptr(GArray) found = NULL;

  found = detect_ok (one_off, 5, COSTOPS_ANOMALY_IQR, 1.5);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_true (isinf (nth (found, 0)->score));
  g_assert_cmpint (nth (found, 0)->severity, ==, COSTOPS_ANOMALY_SEVERITY_CRITICAL);
  g_clear_pointer (&found, g_array_unref);

  found = detect_ok (one_off, 5, COSTOPS_ANOMALY_MODIFIED_Z_SCORE, 3.5);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpuint (nth (found, 0)->index, ==, 4);
  g_clear_pointer (&found, g_array_unref);

  /* Mean 5.8, standard deviation 1.6: the 9 scores 2, under 3. */
  found = detect_ok (one_off, 5, COSTOPS_ANOMALY_Z_SCORE, 3.0);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_array_unref);

  for (guint m = 0; m < G_N_ELEMENTS (methods); m++)
    {
      found = detect_ok (constant, 5, methods[m],
                         costops_anomaly_default_threshold (methods[m]));
      g_assert_cmpuint (found->len, ==, 0);
      g_clear_pointer (&found, g_array_unref);
    }
}

/* A daily cycle of ten days of hourly costs. */
static void
fill_clean (double *y,
            gsize   n)
{
  for (gsize t = 0; t < n; t++)
    y[t] = 10.0 + 2.0 * sin (2.0 * G_PI * (double) t / 24.0);
}

static void
test_clean_series (void)
{
  double y[240];
  const CostopsAnomalyMethod methods[] = {
    COSTOPS_ANOMALY_Z_SCORE, COSTOPS_ANOMALY_IQR, COSTOPS_ANOMALY_MODIFIED_Z_SCORE,
  };

  fill_clean (y, G_N_ELEMENTS (y));
  for (guint m = 0; m < G_N_ELEMENTS (methods); m++)
    {
      g_autoptr(GArray) found =
        detect_ok (y, G_N_ELEMENTS (y), methods[m],
                   costops_anomaly_default_threshold (methods[m]));

      if (found->len != 0)
        g_error ("%s flagged %u points of a clean series",
                 costops_anomaly_method_to_string (methods[m]), found->len);
    }
}

/* Two spikes (to 40 and 25) and a drop (to 0) injected into the clean
 * series; each detector with its default threshold finds those three and
 * nothing else. */
static void
test_injected_spikes (void)
{
  double y[240];
  const CostopsAnomalyMethod methods[] = {
    COSTOPS_ANOMALY_Z_SCORE, COSTOPS_ANOMALY_IQR, COSTOPS_ANOMALY_MODIFIED_Z_SCORE,
  };
  const gsize spikes[] = { 30, 131, 200 };

  fill_clean (y, G_N_ELEMENTS (y));
  y[30] = 40.0;
  y[131] = 25.0;
  y[200] = 0.0;

  for (guint m = 0; m < G_N_ELEMENTS (methods); m++)
    {
      g_autoptr(GArray) found =
        detect_ok (y, G_N_ELEMENTS (y), methods[m],
                   costops_anomaly_default_threshold (methods[m]));

      g_test_message ("%s: %u found", costops_anomaly_method_to_string (methods[m]),
                      found->len);
      g_assert_cmpuint (found->len, ==, G_N_ELEMENTS (spikes));
      for (guint i = 0; i < G_N_ELEMENTS (spikes); i++)
        {
          g_assert_cmpuint (nth (found, i)->index, ==, spikes[i]);
          g_assert_cmpfloat (nth (found, i)->value, ==, y[spikes[i]]);
          g_assert_cmpfloat (nth (found, i)->score, >,
                             costops_anomaly_default_threshold (methods[m]));
        }
      /* The largest spike is the most severe. */
      g_assert_cmpfloat (nth (found, 0)->score, >, nth (found, 1)->score);
      g_assert_cmpint (nth (found, 0)->severity, ==, COSTOPS_ANOMALY_SEVERITY_CRITICAL);
    }
}

static void
test_severity_bands (void)
{
  g_assert_cmpint (costops_anomaly_severity_for (3.0, 3.0), ==, COSTOPS_ANOMALY_SEVERITY_LOW);
  g_assert_cmpint (costops_anomaly_severity_for (3.59, 3.0), ==, COSTOPS_ANOMALY_SEVERITY_LOW);
  g_assert_cmpint (costops_anomaly_severity_for (3.61, 3.0), ==, COSTOPS_ANOMALY_SEVERITY_MEDIUM);
  g_assert_cmpint (costops_anomaly_severity_for (4.49, 3.0), ==, COSTOPS_ANOMALY_SEVERITY_MEDIUM);
  g_assert_cmpint (costops_anomaly_severity_for (4.5, 3.0), ==, COSTOPS_ANOMALY_SEVERITY_HIGH);
  g_assert_cmpint (costops_anomaly_severity_for (5.99, 3.0), ==, COSTOPS_ANOMALY_SEVERITY_HIGH);
  g_assert_cmpint (costops_anomaly_severity_for (6.0, 3.0), ==, COSTOPS_ANOMALY_SEVERITY_CRITICAL);
  g_assert_cmpint (costops_anomaly_severity_for (INFINITY, 3.0), ==, COSTOPS_ANOMALY_SEVERITY_CRITICAL);

  g_assert_cmpstr (costops_anomaly_severity_to_string (COSTOPS_ANOMALY_SEVERITY_HIGH), ==, "high");
  g_assert_cmpstr (costops_anomaly_method_to_string (COSTOPS_ANOMALY_IQR), ==, "iqr");
  g_assert_cmpfloat (costops_anomaly_default_threshold (COSTOPS_ANOMALY_Z_SCORE), ==, 3.0);
  g_assert_cmpfloat (costops_anomaly_default_threshold (COSTOPS_ANOMALY_IQR), ==, 1.5);
  g_assert_cmpfloat (costops_anomaly_default_threshold (COSTOPS_ANOMALY_MODIFIED_Z_SCORE), ==, 3.5);
}

static void
assert_detect_fails (const double          *values,
                     gsize                  n,
                     CostopsAnomalyMethod   method,
                     double                 threshold,
                     int                    code,
                     const char            *word)
{
  g_autoptr(GError) error = NULL;
  GArray *found = costops_anomaly_detect (values, n, method, threshold, &error);

  g_assert_null (found);
  g_assert_error (error, COSTOPS_ERROR, code);
  if (strstr (error->message, word) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, word);
}

static void
test_errors (void)
{
  const double y[] = { 1, 2, 3, 4 };
  const double with_nan[] = { 1, 2, NAN, 4 };
  const double huge[] = { -1e308, 1e308, -1e308, 1e308 };

  assert_detect_fails (y, 0, COSTOPS_ANOMALY_Z_SCORE, 3, COSTOPS_ERROR_INSUFFICIENT_DATA, "empty");
  assert_detect_fails (y, 2, COSTOPS_ANOMALY_IQR, 1.5, COSTOPS_ERROR_INSUFFICIENT_DATA, "at least 3");
  assert_detect_fails (with_nan, 4, COSTOPS_ANOMALY_MODIFIED_Z_SCORE, 3.5,
                       COSTOPS_ERROR_INVALID_FIELD, "Point 2");
  assert_detect_fails (y, 4, COSTOPS_ANOMALY_Z_SCORE, 0, COSTOPS_ERROR_INVALID_FIELD, "threshold");
  assert_detect_fails (y, 4, COSTOPS_ANOMALY_Z_SCORE, -1, COSTOPS_ERROR_INVALID_FIELD, "threshold");
  assert_detect_fails (y, 4, COSTOPS_ANOMALY_IQR, NAN, COSTOPS_ERROR_INVALID_FIELD, "threshold");
  assert_detect_fails (y, 4, COSTOPS_ANOMALY_IQR, INFINITY, COSTOPS_ERROR_INVALID_FIELD, "threshold");
  assert_detect_fails (y, 4, (CostopsAnomalyMethod) 17, 3, COSTOPS_ERROR_INVALID_FIELD, "method");
  assert_detect_fails (huge, 4, COSTOPS_ANOMALY_Z_SCORE, 3, COSTOPS_ERROR_OVERFLOW, "too large");
  assert_detect_fails (huge, 4, COSTOPS_ANOMALY_IQR, 1.5, COSTOPS_ERROR_OVERFLOW, "too large");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/forecasting/anomaly/z-score", test_z_score_by_hand);
  g_test_add_func ("/forecasting/anomaly/iqr", test_iqr_by_hand);
  g_test_add_func ("/forecasting/anomaly/modified-z-score", test_modified_z_by_hand);
  g_test_add_func ("/forecasting/anomaly/zero-spread", test_zero_spread);
  g_test_add_func ("/forecasting/anomaly/clean-series", test_clean_series);
  g_test_add_func ("/forecasting/anomaly/injected-spikes", test_injected_spikes);
  g_test_add_func ("/forecasting/anomaly/severity-bands", test_severity_bands);
  g_test_add_func ("/forecasting/anomaly/errors", test_errors);

  return g_test_run ();
}
