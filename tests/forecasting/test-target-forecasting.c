/* test-target-forecasting.c: the forecasting benchmark target runs, fails
 * nowhere, and reports figures that agree with each other. No speed is
 * asserted here: speed is measured by `cost-ops run`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>

#include "bench-runner.h"
#include "bench-targets.h"
#include "costops-forecast.h"

static void
test_lifecycle (void)
{
  const BenchTarget *target = &bench_target_forecasting;
  g_autoptr(GError) error = NULL;
  gpointer state;

  g_assert_true (bench_target_id_is_valid (target->id));
  g_assert_cmpstr (target->id, ==, "forecasting");
  g_assert_nonnull (target->setup);
  g_assert_nonnull (target->run_iterations);
  g_assert_nonnull (target->teardown);

  state = target->setup (target, &error);
  g_assert_no_error (error);
  g_assert_nonnull (state);
  g_assert_true (target->run_iterations (state, 1, &error));
  g_assert_true (target->run_iterations (state, 500, &error));
  g_assert_no_error (error);
  target->teardown (state);

  /* Teardown of nothing is harmless. */
  target->teardown (NULL);
}

static double
member_double (JsonObject *metrics,
               const char *name)
{
  double value;

  if (!json_object_has_member (metrics, name))
    g_error ("metric %s is missing", name);
  value = json_object_get_double_member (metrics, name);
  if (!isfinite (value))
    g_error ("metric %s is not finite", name);
  return value;
}

static void
test_metrics (void)
{
  const char * const variants[] = {
    "linear_trend_ops_per_sec", "moving_average_ops_per_sec",
    "exponential_smoothing_ops_per_sec", "holt_ops_per_sec",
  };
  BenchRunOptions options;
  g_autoptr(BenchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CostopsForecastModel model;
  JsonObject *metrics;
  double value, lower, upper, mae, rmse;

  bench_run_options_init_quick (&options);
  result = bench_run_target (&bench_target_forecasting, &options, 0,
                             NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  if (!bench_result_is_success (result))
    g_error ("the target failed: %s", bench_result_get_error (result)->message);

  metrics = bench_result_get_metrics (result);
  g_assert_cmpint (json_object_get_int_member (metrics, "points"), ==, 100);
  g_assert_cmpint (json_object_get_int_member (metrics, "horizon"), ==, 168);
  g_assert_cmpint (json_object_get_int_member (metrics, "horizon_days"), ==, 7);
  g_assert_cmpint (json_object_get_int_member (metrics, "holdout_points"), ==, 20);

  /* The model is a real one, never "auto". */
  g_assert_true (costops_forecast_model_from_string (json_object_get_string_member (metrics, "model"),
                                                     &model, NULL));
  g_assert_cmpint (model, !=, COSTOPS_FORECAST_MODEL_AUTO);

  /* The last point lies in its own interval, whose floor is 0. */
  value = member_double (metrics, "last_forecast");
  lower = member_double (metrics, "last_interval_95_lower");
  upper = member_double (metrics, "last_interval_95_upper");
  g_assert_cmpfloat (lower, >=, 0.0);
  g_assert_cmpfloat (lower, <=, value);
  g_assert_cmpfloat (value, <=, upper);
  g_assert_cmpfloat (member_double (metrics, "residual_stddev"), >, 0.0);

  /* RMSE is never below MAE. */
  mae = member_double (metrics, "holdout_mae");
  rmse = member_double (metrics, "holdout_rmse");
  g_assert_cmpfloat (mae, >, 0.0);
  g_assert_cmpfloat (rmse, >=, mae);
  g_assert_cmpfloat (member_double (metrics, "holdout_mape_percent"), >, 0.0);
  g_assert_cmpfloat (member_double (metrics, "holdout_r_squared"), <=, 1.0);

  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    g_assert_cmpfloat (member_double (metrics, variants[i]), >, 0.0);
  g_assert_cmpfloat (bench_result_get_ops_per_second (result), >, 0.0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/forecasting/target/lifecycle", test_lifecycle);
  g_test_add_func ("/forecasting/target/metrics", test_metrics);

  return g_test_run ();
}
