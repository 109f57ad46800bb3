/* test-evaluate.c: hold-out accuracy and seasonality, worked out by hand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "costops-error.h"
#include "costops-forecast-evaluate.h"

#define EPS 1e-9

static CostopsForecastParams
params_for (CostopsForecastModel model)
{
  CostopsForecastParams params;

  costops_forecast_params_init (&params);
  params.model = model;
  return params;
}

/* Train on t = 0..7 with y = t: the line predicts 8 and 9. Actual 10 and 8:
 * errors 2 and -1. MAE 1.5, RMSE sqrt(2.5), MAPE (2/10 + 1/8) / 2 = 16.25%,
 * R² = 1 - 5 / 2 = -1.5 (actual mean 9, SS_tot 2, SS_res 5). */
static void
test_holdout_by_hand (void)
{
  const double y[] = { 0, 1, 2, 3, 4, 5, 6, 7, 10, 8 };
  CostopsForecastParams params = params_for (COSTOPS_FORECAST_MODEL_LINEAR_TREND);
  CostopsForecastAccuracy acc;
  g_autoptr(GError) error = NULL;

  g_assert_true (costops_forecast_holdout (y, G_N_ELEMENTS (y), &params, &acc, &error));
  g_assert_no_error (error);
  g_assert_cmpint (acc.model, ==, COSTOPS_FORECAST_MODEL_LINEAR_TREND);
  g_assert_cmpuint (acc.n_train, ==, 8);
  g_assert_cmpuint (acc.n_test, ==, 2);
  g_assert_cmpfloat_with_epsilon (acc.mae, 1.5, EPS);
  g_assert_cmpfloat_with_epsilon (acc.rmse, sqrt (2.5), EPS);
  g_assert_cmpfloat_with_epsilon (acc.mape, 16.25, EPS);
  g_assert_cmpuint (acc.n_mape, ==, 2);
  g_assert_cmpfloat_with_epsilon (acc.r_squared, -1.5, EPS);
}

/* The held-out points continue the line: no error at all. */
static void
test_holdout_perfect (void)
{
  double y[25];
  CostopsForecastParams params = params_for (COSTOPS_FORECAST_MODEL_LINEAR_TREND);
  CostopsForecastAccuracy acc;

  for (guint t = 0; t < G_N_ELEMENTS (y); t++)
    y[t] = 5.0 + 0.5 * t;
  g_assert_true (costops_forecast_holdout (y, G_N_ELEMENTS (y), &params, &acc, NULL));
  g_assert_cmpuint (acc.n_train, ==, 20);
  g_assert_cmpuint (acc.n_test, ==, 5);
  g_assert_cmpfloat_with_epsilon (acc.mae, 0.0, EPS);
  g_assert_cmpfloat_with_epsilon (acc.rmse, 0.0, EPS);
  g_assert_cmpfloat_with_epsilon (acc.mape, 0.0, EPS);
  g_assert_cmpfloat_with_epsilon (acc.r_squared, 1.0, EPS);
}

/* Zero actual values are left out of MAPE and only out of MAPE. */
static void
test_holdout_zero_actuals (void)
{
  /* Predictions 8 and 9, actuals 0 and 9: errors -8 and 0. MAE 4,
   * RMSE sqrt(32), MAPE over the 9 alone: 0. Mean 4.5: SS_tot 40.5,
   * SS_res 64, R² = 1 - 64 / 40.5. */
  const double one_zero[] = { 0, 1, 2, 3, 4, 5, 6, 7, 0, 9 };
  /* Moving average of four ones predicts 1; the held-out values are both
   * 0: no MAPE at all, and R² 0 since they are constant but missed. */
  const double all_zero[] = { 1, 1, 1, 1, 1, 1, 1, 1, 0, 0 };
  CostopsForecastParams params = params_for (COSTOPS_FORECAST_MODEL_LINEAR_TREND);
  CostopsForecastAccuracy acc;

  g_assert_true (costops_forecast_holdout (one_zero, 10, &params, &acc, NULL));
  g_assert_cmpfloat_with_epsilon (acc.mae, 4.0, EPS);
  g_assert_cmpfloat_with_epsilon (acc.rmse, sqrt (32.0), EPS);
  g_assert_cmpuint (acc.n_mape, ==, 1);
  g_assert_cmpfloat_with_epsilon (acc.mape, 0.0, EPS);
  g_assert_cmpfloat_with_epsilon (acc.r_squared, 1.0 - 64.0 / 40.5, EPS);

  params = params_for (COSTOPS_FORECAST_MODEL_MOVING_AVERAGE);
  params.window = 4;
  g_assert_true (costops_forecast_holdout (all_zero, 10, &params, &acc, NULL));
  g_assert_cmpfloat_with_epsilon (acc.mae, 1.0, EPS);
  g_assert_cmpuint (acc.n_mape, ==, 0);
  g_assert_true (isnan (acc.mape));
  g_assert_cmpfloat (acc.r_squared, ==, 0.0);
}

/* With AUTO the choice is made on the training part alone. */
static void
test_holdout_auto (void)
{
  /* Twelve flat points, then a jump the training part cannot see. */
  const double y[] = { 10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 30, 30, 30 };
  CostopsForecastParams params = params_for (COSTOPS_FORECAST_MODEL_AUTO);
  CostopsForecastAccuracy acc;

  g_assert_true (costops_forecast_holdout (y, G_N_ELEMENTS (y), &params, &acc, NULL));
  g_assert_cmpint (acc.model, ==, COSTOPS_FORECAST_MODEL_MOVING_AVERAGE);
  g_assert_cmpuint (acc.n_train, ==, 12);
  g_assert_cmpuint (acc.n_test, ==, 3);
  /* Window 6 predicts 10.5; every held-out point is 19.5 away. */
  g_assert_cmpfloat_with_epsilon (acc.mae, 19.5, EPS);
  g_assert_cmpfloat_with_epsilon (acc.mape, 100.0 * 19.5 / 30.0, EPS);
}

static void
test_holdout_errors (void)
{
  const double y[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
  const double with_nan[] = { 1, 2, 3, 4, NAN };
  CostopsForecastParams params = params_for (COSTOPS_FORECAST_MODEL_AUTO);
  CostopsForecastAccuracy acc;
  g_autoptr(GError) error = NULL;

  g_assert_false (costops_forecast_holdout (y, 4, &params, &acc, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INSUFFICIENT_DATA);
  g_assert_nonnull (strstr (error->message, "at least 5"));
  g_clear_error (&error);

  g_assert_false (costops_forecast_holdout (with_nan, 5, &params, &acc, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD);
  g_clear_error (&error);

  g_assert_false (costops_forecast_holdout (NULL, 0, &params, &acc, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INSUFFICIENT_DATA);
  g_clear_error (&error);

  /* A window of 9 fits the whole series but not its 8 training points. */
  params = params_for (COSTOPS_FORECAST_MODEL_MOVING_AVERAGE);
  params.window = 9;
  g_assert_false (costops_forecast_holdout (y, 10, &params, &acc, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INSUFFICIENT_DATA);
  g_assert_nonnull (strstr (error->message, "Hold-out training part (8 points)"));
}

static void
fill_sine (double *y,
           gsize   n,
           double  period)
{
  for (gsize t = 0; t < n; t++)
    y[t] = 10.0 + 5.0 * sin (2.0 * G_PI * (double) t / period);
}

/* A sine with a 24-hour period over 14 days (336 hours): its mean is 10 and
 * Σ (y - ȳ)² = 336 × 25 / 2. Shifted by a whole number of days the product
 * sums to (336 - lag) × 25 / 2, so the autocorrelation is (336 - lag) / 336:
 * 312 / 336 at a day and 168 / 336 = 0.5 at a week. Both are seasonal. */
static void
test_seasonality_daily_sine (void)
{
  double y[336];
  CostopsSeasonality s;
  double r = 0.0;
  g_autoptr(GError) error = NULL;

  fill_sine (y, G_N_ELEMENTS (y), 24.0);
  g_assert_true (costops_forecast_seasonality (y, G_N_ELEMENTS (y), 3600, &s, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (s.daily.lag, ==, 24);
  g_assert_true (s.daily.evaluated);
  g_assert_cmpfloat_with_epsilon (s.daily.autocorrelation, 312.0 / 336.0, EPS);
  g_assert_true (s.daily.detected);

  g_assert_cmpuint (s.weekly.lag, ==, 168);
  g_assert_true (s.weekly.evaluated);
  g_assert_cmpfloat_with_epsilon (s.weekly.autocorrelation, 0.5, EPS);
  g_assert_true (s.weekly.detected);

  /* Half a day apart the sine is upside down. */
  g_assert_true (costops_forecast_autocorrelation (y, G_N_ELEMENTS (y), 12, &r, NULL));
  g_assert_cmpfloat_with_epsilon (r, -324.0 / 336.0, EPS);
}

/* A 48-hour sine is upside down a day later (and 3.5 cycles a week later):
 * -312/336 and -0.5. Nothing is reported. */
static void
test_seasonality_absent (void)
{
  double y[336];
  const double flat[] = { 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
                          3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
                          3, 3, 3, 3, 3, 3 };
  CostopsSeasonality s;

  fill_sine (y, G_N_ELEMENTS (y), 48.0);
  g_assert_true (costops_forecast_seasonality (y, G_N_ELEMENTS (y), 3600, &s, NULL));
  g_assert_true (s.daily.evaluated);
  g_assert_cmpfloat_with_epsilon (s.daily.autocorrelation, -312.0 / 336.0, EPS);
  g_assert_false (s.daily.detected);
  g_assert_true (s.weekly.evaluated);
  g_assert_cmpfloat_with_epsilon (s.weekly.autocorrelation, -0.5, EPS);
  g_assert_false (s.weekly.detected);

  /* Constant: nothing repeats. */
  g_assert_true (costops_forecast_seasonality (flat, G_N_ELEMENTS (flat), 3600, &s, NULL));
  g_assert_true (s.daily.evaluated);
  g_assert_cmpfloat (s.daily.autocorrelation, ==, 0.0);
  g_assert_false (s.daily.detected);
}

static void
test_seasonality_length_and_period (void)
{
  double y[100];
  CostopsSeasonality s;
  g_autoptr(GError) error = NULL;

  fill_sine (y, G_N_ELEMENTS (y), 24.0);

  /* 100 hours: two days are there, two weeks are not. */
  g_assert_true (costops_forecast_seasonality (y, 100, 3600, &s, NULL));
  g_assert_true (s.daily.evaluated);
  g_assert_true (s.daily.detected);
  g_assert_cmpuint (s.weekly.lag, ==, 168);
  g_assert_false (s.weekly.evaluated);
  g_assert_false (s.weekly.detected);

  /* 47 hours: not even two days. */
  g_assert_true (costops_forecast_seasonality (y, 47, 3600, &s, NULL));
  g_assert_false (s.daily.evaluated);
  g_assert_false (s.daily.detected);

  /* Daily data: no daily lag, a weekly lag of 7. */
  g_assert_true (costops_forecast_seasonality (y, 100, 86400, &s, NULL));
  g_assert_cmpuint (s.daily.lag, ==, 0);
  g_assert_false (s.daily.evaluated);
  g_assert_cmpuint (s.weekly.lag, ==, 7);
  g_assert_true (s.weekly.evaluated);

  /* 7-hour periods fit neither a day nor a week. */
  g_assert_true (costops_forecast_seasonality (y, 100, 7 * 3600, &s, NULL));
  g_assert_cmpuint (s.daily.lag, ==, 0);
  g_assert_cmpuint (s.weekly.lag, ==, 24);

  g_assert_false (costops_forecast_seasonality (y, 100, 0, &s, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD);
  g_clear_error (&error);
  g_assert_false (costops_forecast_seasonality (y, 0, 3600, &s, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INSUFFICIENT_DATA);
}

static void
test_autocorrelation_errors (void)
{
  const double y[] = { 1, 2, 3 };
  double r;
  g_autoptr(GError) error = NULL;

  g_assert_false (costops_forecast_autocorrelation (y, 3, 0, &r, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INSUFFICIENT_DATA);
  g_clear_error (&error);
  g_assert_false (costops_forecast_autocorrelation (y, 3, 3, &r, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INSUFFICIENT_DATA);
  g_assert_nonnull (strstr (error->message, "lag 3"));
  g_clear_error (&error);

  /* 1, 2, 3: deviations -1, 0, 1; lag 1 pairs (-1·0) + (0·1) = 0. */
  g_assert_true (costops_forecast_autocorrelation (y, 3, 1, &r, NULL));
  g_assert_cmpfloat_with_epsilon (r, 0.0, EPS);
  /* lag 2: (-1 · 1) / 2 = -0.5. */
  g_assert_true (costops_forecast_autocorrelation (y, 3, 2, &r, NULL));
  g_assert_cmpfloat_with_epsilon (r, -0.5, EPS);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/forecasting/holdout/by-hand", test_holdout_by_hand);
  g_test_add_func ("/forecasting/holdout/perfect", test_holdout_perfect);
  g_test_add_func ("/forecasting/holdout/zero-actuals", test_holdout_zero_actuals);
  g_test_add_func ("/forecasting/holdout/auto", test_holdout_auto);
  g_test_add_func ("/forecasting/holdout/errors", test_holdout_errors);
  g_test_add_func ("/forecasting/seasonality/daily-sine", test_seasonality_daily_sine);
  g_test_add_func ("/forecasting/seasonality/absent", test_seasonality_absent);
  g_test_add_func ("/forecasting/seasonality/length-and-period", test_seasonality_length_and_period);
  g_test_add_func ("/forecasting/autocorrelation/errors", test_autocorrelation_errors);

  return g_test_run ();
}
