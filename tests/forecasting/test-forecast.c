/* test-forecast.c: the four models, the automatic choice, intervals and
 * horizons, against values worked out by hand (shown in the comments).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "costops-error.h"
#include "costops-forecast.h"

#define EPS 1e-9

static CostopsForecastParams
params_for (CostopsForecastModel model)
{
  CostopsForecastParams params;

  costops_forecast_params_init (&params);
  params.model = model;
  return params;
}

static void
fit_ok (const double                *values,
        gsize                        n,
        const CostopsForecastParams *params,
        CostopsForecastFit          *fit)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (costops_forecast_fit (values, n, params, fit, &error));
  g_assert_no_error (error);
}

/* y = 2 + 3t is fitted exactly: slope 3, intercept 2, no residual spread,
 * and the forecast continues the line: t = 5 gives 17, t = 7 gives 23. */
static void
test_linear_exact (void)
{
  const double y[] = { 2, 5, 8, 11, 14 };
  CostopsForecastParams params = params_for (COSTOPS_FORECAST_MODEL_LINEAR_TREND);
  CostopsForecastFit fit;

  fit_ok (y, G_N_ELEMENTS (y), &params, &fit);
  g_assert_cmpint (fit.params.model, ==, COSTOPS_FORECAST_MODEL_LINEAR_TREND);
  g_assert_cmpfloat_with_epsilon (fit.slope, 3.0, EPS);
  g_assert_cmpfloat_with_epsilon (fit.intercept, 2.0, EPS);
  g_assert_cmpfloat_with_epsilon (fit.residual_stddev, 0.0, EPS);
  g_assert_cmpuint (fit.n_residuals, ==, 5);
  g_assert_cmpfloat_with_epsilon (costops_forecast_fit_value_at (&fit, 1), 17.0, EPS);
  g_assert_cmpfloat_with_epsilon (costops_forecast_fit_value_at (&fit, 3), 23.0, EPS);

  /* Means of the halves: 3.5 and 11, far more than 5% apart. */
  params = params_for (COSTOPS_FORECAST_MODEL_AUTO);
  fit_ok (y, G_N_ELEMENTS (y), &params, &fit);
  g_assert_cmpint (fit.params.model, ==, COSTOPS_FORECAST_MODEL_LINEAR_TREND);
}

/* y = 1, 3, 2, 4 at t = 0..3: t̄ = 1.5, ȳ = 2.5, Sxy = 4, Sxx = 5, so
 * slope 0.8 and intercept 1.3. Fitted 1.3, 2.1, 2.9, 3.7; residuals -0.3,
 * 0.9, -0.9, 0.3 (mean 0, squares 1.8), sd = sqrt(1.8 / 3) = sqrt(0.6).
 * Next point t = 4: 4.5; 95% interval 4.5 ± 1.96 sqrt(0.6). */
static void
test_linear_residuals_and_intervals (void)
{
  const double y[] = { 1, 3, 2, 4 };
  CostopsForecastParams params = params_for (COSTOPS_FORECAST_MODEL_LINEAR_TREND);
  CostopsForecastFit fit;
  CostopsForecastPoint points[2];
  g_autoptr(GError) error = NULL;
  double sd = sqrt (0.6);

  fit_ok (y, G_N_ELEMENTS (y), &params, &fit);
  g_assert_cmpfloat_with_epsilon (fit.slope, 0.8, EPS);
  g_assert_cmpfloat_with_epsilon (fit.intercept, 1.3, EPS);
  g_assert_cmpfloat_with_epsilon (fit.residual_stddev, sd, EPS);

  g_assert_true (costops_forecast_predict (&fit, 2, points, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (points[0].value, 4.5, EPS);
  g_assert_cmpfloat_with_epsilon (points[1].value, 5.3, EPS);
  g_assert_cmpfloat_with_epsilon (points[0].lower[COSTOPS_FORECAST_INTERVAL_90], 4.5 - 1.645 * sd, EPS);
  g_assert_cmpfloat_with_epsilon (points[0].upper[COSTOPS_FORECAST_INTERVAL_90], 4.5 + 1.645 * sd, EPS);
  g_assert_cmpfloat_with_epsilon (points[0].lower[COSTOPS_FORECAST_INTERVAL_95], 4.5 - 1.96 * sd, EPS);
  g_assert_cmpfloat_with_epsilon (points[0].upper[COSTOPS_FORECAST_INTERVAL_95], 4.5 + 1.96 * sd, EPS);
  g_assert_cmpfloat_with_epsilon (points[1].lower[COSTOPS_FORECAST_INTERVAL_99], 5.3 - 2.576 * sd, EPS);
  g_assert_cmpfloat_with_epsilon (points[1].upper[COSTOPS_FORECAST_INTERVAL_99], 5.3 + 2.576 * sd, EPS);
  /* The 95% bound is 4.5 - 1.518... = 2.98..., as worked out by hand. */
  g_assert_cmpfloat_with_epsilon (points[0].lower[COSTOPS_FORECAST_INTERVAL_95], 2.98179, 1e-5);
}

/* Window 2 over 3, 5, 4, 6, 2, 8: each point from t = 2 on is predicted by
 * the mean of the two before it: 4 (pred 4), 6 (4.5), 2 (5), 8 (4), so the
 * residuals are 0, 1.5, -3, 4 with mean 0.625 and squared deviations
 * 0.390625 + 0.765625 + 13.140625 + 11.390625 = 25.6875; sd = sqrt(25.6875 / 3).
 * The forecast is flat at the mean of the last window, (2 + 8) / 2 = 5. */
static void
test_moving_average (void)
{
  const double y[] = { 3, 5, 4, 6, 2, 8 };
  CostopsForecastParams params = params_for (COSTOPS_FORECAST_MODEL_MOVING_AVERAGE);
  CostopsForecastFit fit;

  params.window = 2;
  fit_ok (y, G_N_ELEMENTS (y), &params, &fit);
  g_assert_cmpuint (fit.params.window, ==, 2);
  g_assert_cmpuint (fit.n_residuals, ==, 4);
  g_assert_cmpfloat_with_epsilon (fit.level, 5.0, EPS);
  g_assert_cmpfloat_with_epsilon (fit.residual_stddev, sqrt (25.6875 / 3.0), EPS);
  g_assert_cmpfloat_with_epsilon (costops_forecast_fit_value_at (&fit, 1), 5.0, EPS);
  g_assert_cmpfloat_with_epsilon (costops_forecast_fit_value_at (&fit, 50), 5.0, EPS);

  /* A window as long as the series: one mean, no residuals. */
  params.window = 6;
  fit_ok (y, G_N_ELEMENTS (y), &params, &fit);
  g_assert_cmpfloat_with_epsilon (fit.level, 28.0 / 6.0, EPS);
  g_assert_cmpuint (fit.n_residuals, ==, 0);
  g_assert_cmpfloat (fit.residual_stddev, ==, 0.0);
}

/* alpha 0.5 over 10, 20, 30: level 10, then 15 (residual 10), then 22.5
 * (residual 15). Residuals 10 and 15: sample variance 12.5. */
static void
test_exponential_smoothing (void)
{
  const double y[] = { 10, 20, 30 };
  CostopsForecastParams params = params_for (COSTOPS_FORECAST_MODEL_EXPONENTIAL_SMOOTHING);
  CostopsForecastFit fit;

  params.alpha = 0.5;
  fit_ok (y, G_N_ELEMENTS (y), &params, &fit);
  g_assert_cmpfloat_with_epsilon (fit.level, 22.5, EPS);
  g_assert_cmpuint (fit.n_residuals, ==, 2);
  g_assert_cmpfloat_with_epsilon (fit.residual_stddev, sqrt (12.5), EPS);
  g_assert_cmpfloat_with_epsilon (costops_forecast_fit_value_at (&fit, 7), 22.5, EPS);

  /* alpha 1 follows the last point exactly. */
  params.alpha = 1.0;
  fit_ok (y, G_N_ELEMENTS (y), &params, &fit);
  g_assert_cmpfloat_with_epsilon (fit.level, 30.0, EPS);

  /* alpha 0.2 over 10, 20, 30: 10 → 12 → 15.6. */
  params.alpha = 0.2;
  fit_ok (y, G_N_ELEMENTS (y), &params, &fit);
  g_assert_cmpfloat_with_epsilon (fit.level, 15.6, EPS);
}

/* alpha = beta = 0.5 over 10, 12, 15, 15. Level 10, trend 2.
 * t=1: predicted 12, level 12, trend 2.
 * t=2: predicted 14 (residual 1), level 14.5, trend 0.5·2.5 + 0.5·2 = 2.25.
 * t=3: predicted 16.75 (residual -1.75), level 15.875,
 *      trend 0.5·1.375 + 0.5·2.25 = 1.8125.
 * Forecasts 17.6875 and 19.5; residuals 1 and -1.75: variance 3.78125. */
static void
test_holt (void)
{
  const double y[] = { 10, 12, 15, 15 };
  CostopsForecastParams params = params_for (COSTOPS_FORECAST_MODEL_HOLT);
  CostopsForecastFit fit;

  params.alpha = 0.5;
  params.beta = 0.5;
  fit_ok (y, G_N_ELEMENTS (y), &params, &fit);
  g_assert_cmpfloat_with_epsilon (fit.level, 15.875, EPS);
  g_assert_cmpfloat_with_epsilon (fit.trend, 1.8125, EPS);
  g_assert_cmpuint (fit.n_residuals, ==, 2);
  g_assert_cmpfloat_with_epsilon (fit.residual_stddev, sqrt (3.78125), EPS);
  g_assert_cmpfloat_with_epsilon (costops_forecast_fit_value_at (&fit, 1), 17.6875, EPS);
  g_assert_cmpfloat_with_epsilon (costops_forecast_fit_value_at (&fit, 2), 19.5, EPS);

  /* Two points: a line through them, no residuals. */
  fit_ok (y, 2, &params, &fit);
  g_assert_cmpfloat_with_epsilon (costops_forecast_fit_value_at (&fit, 3), 18.0, EPS);
  g_assert_cmpuint (fit.n_residuals, ==, 0);
}

static CostopsForecastModel
auto_model (const double *values,
            gsize         n)
{
  CostopsForecastModel model = COSTOPS_FORECAST_MODEL_AUTO;
  g_autoptr(GError) error = NULL;

  g_assert_true (costops_forecast_choose_model (values, n, &model, &error));
  g_assert_no_error (error);
  return model;
}

static void
test_auto_choice (void)
{
  /* Halves 100 and 105: exactly 5%, not more, so no trend. */
  const double at_threshold[] = { 100, 100, 105, 105 };
  const double above[] = { 100, 100, 105.01, 105.01 };
  const double falling[] = { 100, 100, 94.99, 94.99 };
  /* The middle point of an odd length belongs to the second half:
   * halves (100) and (100, 120) → 110, a 10% change. */
  const double odd[] = { 100, 100, 120 };
  double flat[12];
  CostopsForecastParams params = params_for (COSTOPS_FORECAST_MODEL_AUTO);
  CostopsForecastFit fit;

  g_assert_cmpint (auto_model (at_threshold, 4), ==, COSTOPS_FORECAST_MODEL_EXPONENTIAL_SMOOTHING);
  g_assert_cmpint (auto_model (above, 4), ==, COSTOPS_FORECAST_MODEL_LINEAR_TREND);
  g_assert_cmpint (auto_model (falling, 4), ==, COSTOPS_FORECAST_MODEL_LINEAR_TREND);
  g_assert_cmpint (auto_model (odd, 3), ==, COSTOPS_FORECAST_MODEL_LINEAR_TREND);

  /* No trend: 10 points or more take the moving average, window n / 2. */
  for (guint i = 0; i < G_N_ELEMENTS (flat); i++)
    flat[i] = i % 2 == 0 ? 10.0 : 11.0;
  g_assert_cmpint (auto_model (flat, 12), ==, COSTOPS_FORECAST_MODEL_MOVING_AVERAGE);
  g_assert_cmpint (auto_model (flat, 10), ==, COSTOPS_FORECAST_MODEL_MOVING_AVERAGE);
  g_assert_cmpint (auto_model (flat, 8), ==, COSTOPS_FORECAST_MODEL_EXPONENTIAL_SMOOTHING);

  fit_ok (flat, 12, &params, &fit);
  g_assert_cmpint (fit.params.model, ==, COSTOPS_FORECAST_MODEL_MOVING_AVERAGE);
  g_assert_cmpuint (fit.params.window, ==, 6);
  g_assert_cmpfloat_with_epsilon (fit.level, 10.5, EPS);

  /* With 10 points the window is 5, not below 3. */
  fit_ok (flat, 10, &params, &fit);
  g_assert_cmpuint (fit.params.window, ==, 5);

  /* A first half of 0 and any change is a trend. */
  {
    const double from_zero[] = { 0, 0, 0.5, 0.5 };

    g_assert_cmpint (auto_model (from_zero, 4), ==, COSTOPS_FORECAST_MODEL_LINEAR_TREND);
  }
}

/* Lower bounds stop at 0; a falling line stops at 0 too. */
static void
test_interval_floor (void)
{
  /* alpha 1 over 10, 0, 10, 0: level 0; residuals -10, 10, -10 have a
   * sample variance of 400/3. */
  const double zigzag[] = { 10, 0, 10, 0 };
  const double falling[] = { 10, 5, 0 };
  CostopsForecastParams params = params_for (COSTOPS_FORECAST_MODEL_EXPONENTIAL_SMOOTHING);
  CostopsForecastFit fit;
  CostopsForecastPoint points[3];
  double sd = sqrt (400.0 / 3.0);

  params.alpha = 1.0;
  fit_ok (zigzag, 4, &params, &fit);
  g_assert_cmpfloat_with_epsilon (fit.residual_stddev, sd, EPS);
  g_assert_true (costops_forecast_predict (&fit, 3, points, NULL));
  for (guint step = 0; step < 3; step++)
    for (guint i = 0; i < COSTOPS_FORECAST_N_INTERVALS; i++)
      {
        g_assert_cmpfloat (points[step].lower[i], ==, 0.0);
        g_assert_cmpfloat_with_epsilon (points[step].upper[i],
                                        costops_forecast_interval_z (i) * sd, EPS);
      }

  params = params_for (COSTOPS_FORECAST_MODEL_LINEAR_TREND);
  fit_ok (falling, 3, &params, &fit);
  g_assert_cmpfloat_with_epsilon (fit.slope, -5.0, EPS);
  /* t = 3 would be -5. */
  g_assert_cmpfloat (costops_forecast_fit_value_at (&fit, 1), ==, 0.0);

  g_assert_cmpuint (costops_forecast_interval_percent (COSTOPS_FORECAST_INTERVAL_90), ==, 90);
  g_assert_cmpuint (costops_forecast_interval_percent (COSTOPS_FORECAST_INTERVAL_99), ==, 99);
}

static void
test_horizon (void)
{
  guint periods = 0;
  g_autoptr(GError) error = NULL;

  /* 7 days of hours. */
  g_assert_true (costops_forecast_horizon_to_periods (COSTOPS_FORECAST_HORIZON_DAYS,
                                                      7, 3600, &periods, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (periods, ==, 168);

  /* 1 day of 7-hour periods is 3.43 periods: 4 cover it. */
  g_assert_true (costops_forecast_horizon_to_periods (COSTOPS_FORECAST_HORIZON_DAYS,
                                                      1, 7 * 3600, &periods, NULL));
  g_assert_cmpuint (periods, ==, 4);

  /* 30 days of days. */
  g_assert_true (costops_forecast_horizon_to_periods (COSTOPS_FORECAST_HORIZON_DAYS,
                                                      30, 86400, &periods, NULL));
  g_assert_cmpuint (periods, ==, 30);

  g_assert_true (costops_forecast_horizon_to_periods (COSTOPS_FORECAST_HORIZON_PERIODS,
                                                      12, 0, &periods, NULL));
  g_assert_cmpuint (periods, ==, 12);

  g_assert_false (costops_forecast_horizon_to_periods (COSTOPS_FORECAST_HORIZON_PERIODS,
                                                       0, 3600, &periods, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD);
  g_clear_error (&error);

  g_assert_false (costops_forecast_horizon_to_periods (COSTOPS_FORECAST_HORIZON_DAYS,
                                                       7, 0, &periods, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD);
  g_assert_nonnull (strstr (error->message, "period"));
  g_clear_error (&error);

  /* 100 000 days of seconds: 8.64e9 periods. */
  g_assert_false (costops_forecast_horizon_to_periods (COSTOPS_FORECAST_HORIZON_DAYS,
                                                       100000, 1, &periods, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_TOO_LARGE);
  g_clear_error (&error);

  g_assert_false (costops_forecast_horizon_to_periods ((CostopsForecastHorizonUnit) 9,
                                                       1, 3600, &periods, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD);
}

static void
test_model_names (void)
{
  CostopsForecastModel model = COSTOPS_FORECAST_MODEL_AUTO;
  g_autoptr(GError) error = NULL;

  for (int m = COSTOPS_FORECAST_MODEL_AUTO; m <= COSTOPS_FORECAST_MODEL_HOLT; m++)
    {
      g_assert_true (costops_forecast_model_from_string (costops_forecast_model_to_string (m),
                                                         &model, NULL));
      g_assert_cmpint (model, ==, m);
    }
  g_assert_cmpstr (costops_forecast_model_to_string (COSTOPS_FORECAST_MODEL_HOLT), ==, "holt");

  g_assert_false (costops_forecast_model_from_string ("arima", &model, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD);
  g_assert_nonnull (strstr (error->message, "arima"));
}

/* Fitting @params to @values fails with @code and a message naming @word. */
static void
assert_fit_fails (const double                *values,
                  gsize                        n,
                  const CostopsForecastParams *params,
                  int                          code,
                  const char                  *word)
{
  CostopsForecastFit fit;
  g_autoptr(GError) error = NULL;

  g_assert_false (costops_forecast_fit (values, n, params, &fit, &error));
  g_assert_error (error, COSTOPS_ERROR, code);
  if (strstr (error->message, word) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, word);
}

static void
test_errors (void)
{
  const double y[] = { 1, 2, 3, 4 };
  const double with_nan[] = { 1, NAN, 3 };
  const double with_inf[] = { 1, 2, INFINITY };
  const double huge[] = { 1e308, 1e308, 1e308, 1e308 };
  CostopsForecastParams params;
  CostopsForecastFit fit;
  CostopsForecastPoint point;
  g_autoptr(GError) error = NULL;

  params = params_for (COSTOPS_FORECAST_MODEL_AUTO);
  assert_fit_fails (y, 0, &params, COSTOPS_ERROR_INSUFFICIENT_DATA, "empty");
  assert_fit_fails (NULL, 3, &params, COSTOPS_ERROR_INVALID_FIELD, "no values");
  assert_fit_fails (with_nan, 3, &params, COSTOPS_ERROR_INVALID_FIELD, "Point 1");
  assert_fit_fails (with_inf, 3, &params, COSTOPS_ERROR_INVALID_FIELD, "Point 2");
  assert_fit_fails (y, 1, &params, COSTOPS_ERROR_INSUFFICIENT_DATA, "at least 2");

  params = params_for (COSTOPS_FORECAST_MODEL_MOVING_AVERAGE);
  params.window = 0;
  assert_fit_fails (y, 4, &params, COSTOPS_ERROR_INVALID_FIELD, "window");
  params.window = 5;
  assert_fit_fails (y, 4, &params, COSTOPS_ERROR_INSUFFICIENT_DATA, "at least 5");

  params = params_for (COSTOPS_FORECAST_MODEL_EXPONENTIAL_SMOOTHING);
  params.alpha = 0.0;
  assert_fit_fails (y, 4, &params, COSTOPS_ERROR_INVALID_FIELD, "alpha");
  params.alpha = 1.5;
  assert_fit_fails (y, 4, &params, COSTOPS_ERROR_INVALID_FIELD, "alpha");
  params.alpha = NAN;
  assert_fit_fails (y, 4, &params, COSTOPS_ERROR_INVALID_FIELD, "alpha");
  params.alpha = -0.1;
  assert_fit_fails (y, 4, &params, COSTOPS_ERROR_INVALID_FIELD, "alpha");

  /* AUTO checks alpha whatever model the data would pick. */
  params = params_for (COSTOPS_FORECAST_MODEL_AUTO);
  params.alpha = 2.0;
  assert_fit_fails (y, 4, &params, COSTOPS_ERROR_INVALID_FIELD, "alpha");

  params = params_for (COSTOPS_FORECAST_MODEL_HOLT);
  params.beta = 0.0;
  assert_fit_fails (y, 4, &params, COSTOPS_ERROR_INVALID_FIELD, "beta");
  params.beta = 0.5;
  assert_fit_fails (y, 1, &params, COSTOPS_ERROR_INSUFFICIENT_DATA, "holt");

  params = params_for ((CostopsForecastModel) 42);
  assert_fit_fails (y, 4, &params, COSTOPS_ERROR_INVALID_FIELD, "Unknown");

  /* Every point finite, yet the sums overflow. */
  params = params_for (COSTOPS_FORECAST_MODEL_LINEAR_TREND);
  assert_fit_fails (huge, 4, &params, COSTOPS_ERROR_OVERFLOW, "too large");

  params = params_for (COSTOPS_FORECAST_MODEL_LINEAR_TREND);
  fit_ok (y, 4, &params, &fit);
  g_assert_false (costops_forecast_predict (&fit, 0, &point, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD);
  g_assert_nonnull (strstr (error->message, "horizon"));
  g_clear_error (&error);
  g_assert_false (costops_forecast_predict (&fit, 1, NULL, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD);
  g_clear_error (&error);

  /* A fit that never went through costops_forecast_fit(). */
  memset (&fit, 0, sizeof fit);
  g_assert_false (costops_forecast_predict (&fit, 1, &point, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD);
  g_clear_error (&error);

  g_assert_false (costops_forecast_choose_model (y, 0, &params.model, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INSUFFICIENT_DATA);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/forecasting/linear/exact", test_linear_exact);
  g_test_add_func ("/forecasting/linear/residuals-intervals", test_linear_residuals_and_intervals);
  g_test_add_func ("/forecasting/moving-average", test_moving_average);
  g_test_add_func ("/forecasting/exponential-smoothing", test_exponential_smoothing);
  g_test_add_func ("/forecasting/holt", test_holt);
  g_test_add_func ("/forecasting/auto-choice", test_auto_choice);
  g_test_add_func ("/forecasting/interval-floor", test_interval_floor);
  g_test_add_func ("/forecasting/horizon", test_horizon);
  g_test_add_func ("/forecasting/model-names", test_model_names);
  g_test_add_func ("/forecasting/errors", test_errors);

  return g_test_run ();
}
