/* costops-forecast-evaluate.c: hold-out accuracy and seasonality.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "costops-forecast-evaluate.h"

#include <math.h>
#include <string.h>

#include "costops-error.h"

#define SECONDS_PER_DAY  86400u
#define SECONDS_PER_WEEK (7u * SECONDS_PER_DAY)

gboolean
costops_forecast_holdout (const double                 *values,
                          gsize                         n_values,
                          const CostopsForecastParams  *params,
                          CostopsForecastAccuracy      *accuracy,
                          GError                      **error)
{
  CostopsForecastFit fit;
  const double *test;
  gsize n_train, n_test, n_mape = 0;
  double actual_mean, sum_abs = 0.0, sum_sq = 0.0, sum_pct = 0.0, ss_tot = 0.0;

  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (accuracy != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!costops_forecast_check_series (values, n_values, "series", error))
    return FALSE;

  n_test = n_values / COSTOPS_FORECAST_HOLDOUT_DIVISOR;
  if (n_test == 0)
    {
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INSUFFICIENT_DATA,
                   "A hold-out test needs at least %d points, the series has %"
                   G_GSIZE_FORMAT, COSTOPS_FORECAST_HOLDOUT_DIVISOR, n_values);
      return FALSE;
    }
  if (n_test > G_MAXUINT)
    {
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_TOO_LARGE,
                   "The series has %" G_GSIZE_FORMAT " points, too many for a "
                   "hold-out test", n_values);
      return FALSE;
    }
  n_train = n_values - n_test;

  if (!costops_forecast_fit (values, n_train, params, &fit, error))
    {
      g_prefix_error (error, "Hold-out training part (%" G_GSIZE_FORMAT
                      " points): ", n_train);
      return FALSE;
    }

  test = values + n_train;
  actual_mean = 0.0;
  for (gsize i = 0; i < n_test; i++)
    actual_mean += test[i];
  actual_mean /= (double) n_test;

  for (gsize i = 0; i < n_test; i++)
    {
      double predicted = costops_forecast_fit_value_at (&fit, (guint) (i + 1));
      double err = test[i] - predicted;
      double dev = test[i] - actual_mean;

      sum_abs += fabs (err);
      sum_sq += err * err;
      ss_tot += dev * dev;
      /* A percentage of zero is undefined: such points are left out. */
      if (test[i] != 0.0)
        {
          sum_pct += fabs (err / test[i]);
          n_mape++;
        }
    }

  memset (accuracy, 0, sizeof *accuracy);
  accuracy->model = fit.params.model;
  accuracy->n_train = n_train;
  accuracy->n_test = n_test;
  accuracy->mae = sum_abs / (double) n_test;
  accuracy->rmse = sqrt (sum_sq / (double) n_test);
  accuracy->n_mape = n_mape;
  accuracy->mape = n_mape > 0 ? 100.0 * sum_pct / (double) n_mape : NAN;
  if (ss_tot > 0.0)
    accuracy->r_squared = 1.0 - sum_sq / ss_tot;
  else
    accuracy->r_squared = sum_sq == 0.0 ? 1.0 : 0.0;
  return TRUE;
}

gboolean
costops_forecast_autocorrelation (const double  *values,
                                  gsize          n_values,
                                  gsize          lag,
                                  double        *autocorrelation,
                                  GError       **error)
{
  double mean = 0.0, denominator = 0.0, numerator = 0.0;

  g_return_val_if_fail (autocorrelation != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!costops_forecast_check_series (values, n_values, "series", error))
    return FALSE;
  if (lag == 0 || lag >= n_values)
    {
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INSUFFICIENT_DATA,
                   "An autocorrelation at lag %" G_GSIZE_FORMAT " needs a lag "
                   "between 1 and the series length minus 1 (the series has %"
                   G_GSIZE_FORMAT " points)", lag, n_values);
      return FALSE;
    }

  for (gsize t = 0; t < n_values; t++)
    mean += values[t];
  mean /= (double) n_values;

  for (gsize t = 0; t < n_values; t++)
    {
      double d = values[t] - mean;

      denominator += d * d;
      if (t + lag < n_values)
        numerator += d * (values[t + lag] - mean);
    }

  /* A flat series does not repeat anything. */
  *autocorrelation = denominator > 0.0 ? numerator / denominator : 0.0;
  if (!isfinite (*autocorrelation))
    {
      g_set_error_literal (error, COSTOPS_ERROR, COSTOPS_ERROR_OVERFLOW,
                           "The autocorrelation overflowed; the series values are too large");
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_lag (const double        *values,
           gsize                n_values,
           guint                period_seconds,
           guint                span_seconds,
           CostopsSeasonalLag  *out,
           GError             **error)
{
  memset (out, 0, sizeof *out);

  /* Only spans made of whole periods, and at least two periods per span. */
  if (span_seconds % period_seconds != 0 || span_seconds / period_seconds < 2)
    return TRUE;

  out->lag = span_seconds / period_seconds;
  /* Two full cycles, or a single overlap says little. */
  if (n_values < 2 * (gsize) out->lag)
    return TRUE;

  if (!costops_forecast_autocorrelation (values, n_values, out->lag,
                                         &out->autocorrelation, error))
    return FALSE;
  out->evaluated = TRUE;
  out->detected = out->autocorrelation > COSTOPS_SEASONALITY_THRESHOLD;
  return TRUE;
}

gboolean
costops_forecast_seasonality (const double        *values,
                              gsize                n_values,
                              guint                period_seconds,
                              CostopsSeasonality  *seasonality,
                              GError             **error)
{
  g_return_val_if_fail (seasonality != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!costops_forecast_check_series (values, n_values, "series", error))
    return FALSE;
  if (period_seconds == 0)
    {
      g_set_error_literal (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD,
                           "The series period is 0 seconds; seasonality needs "
                           "the period of the series");
      return FALSE;
    }

  return check_lag (values, n_values, period_seconds, SECONDS_PER_DAY,
                    &seasonality->daily, error) &&
         check_lag (values, n_values, period_seconds, SECONDS_PER_WEEK,
                    &seasonality->weekly, error);
}
