/* test-budget.c: budget projections and alerts, each at its threshold and
 * one unit (1e-10) below it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "costops-budget.h"
#include "costops-error.h"

static CostopsMoney
money (const char *text)
{
  CostopsMoney value;
  g_autoptr(GError) error = NULL;

  g_assert_true (costops_money_parse (text, &value, &error));
  g_assert_no_error (error);
  return value;
}

static void
assert_money (CostopsMoney  value,
              const char   *expected)
{
  g_autofree char *text = costops_money_to_string (value);

  g_assert_cmpstr (text, ==, expected);
}

/* Runs a forecast of @n days given as text. */
static CostopsBudgetForecast
forecast_ok (const char * const  *days,
             gsize                n,
             const char          *limit,
             guint                days_in_period)
{
  CostopsBudgetConfig config;
  CostopsBudgetForecast forecast;
  CostopsMoney spend[64];
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (n, <=, G_N_ELEMENTS (spend));
  for (gsize i = 0; i < n; i++)
    spend[i] = money (days[i]);
  costops_budget_config_init (&config, money (limit), days_in_period);
  g_assert_true (costops_budget_forecast (spend, n, &config, &forecast, &error));
  g_assert_no_error (error);
  return forecast;
}

/* No days remain, so the projection is the spend itself and only the
 * utilization alerts can fire. */
static void
test_threshold_exceeded (void)
{
  const char * const at[] = { "50", "50" };
  const char * const below[] = { "50", "49.9999999999" };
  CostopsBudgetForecast f;

  f = forecast_ok (at, 2, "100", 2);
  assert_money (f.current_spend, "100.0000000000");
  assert_money (f.projected_spend, "100.0000000000");
  g_assert_cmpfloat_with_epsilon (f.utilization_percent, 100.0, 1e-9);
  g_assert_cmpuint (f.n_alerts, ==, 1);
  g_assert_cmpint (f.alerts[0].type, ==, COSTOPS_BUDGET_ALERT_THRESHOLD_EXCEEDED);
  g_assert_cmpint (f.alerts[0].severity, ==, COSTOPS_BUDGET_SEVERITY_CRITICAL);

  /* A unit below the limit: approaching, not exceeded. */
  f = forecast_ok (below, 2, "100", 2);
  g_assert_false (costops_budget_forecast_has_alert (&f, COSTOPS_BUDGET_ALERT_THRESHOLD_EXCEEDED));
  g_assert_cmpuint (f.n_alerts, ==, 1);
  g_assert_cmpint (f.alerts[0].type, ==, COSTOPS_BUDGET_ALERT_APPROACHING_LIMIT);
}

static void
test_approaching_limit (void)
{
  const char * const at[] = { "40", "40" };
  const char * const below[] = { "40", "39.9999999999" };
  CostopsBudgetForecast f;

  f = forecast_ok (at, 2, "100", 2);
  g_assert_cmpuint (f.n_alerts, ==, 1);
  g_assert_cmpint (f.alerts[0].type, ==, COSTOPS_BUDGET_ALERT_APPROACHING_LIMIT);
  g_assert_cmpint (f.alerts[0].severity, ==, COSTOPS_BUDGET_SEVERITY_WARNING);

  f = forecast_ok (below, 2, "100", 2);
  g_assert_cmpuint (f.n_alerts, ==, 0);
}

/* Thresholds of the caller's choosing, still exact. */
static void
test_custom_thresholds (void)
{
  CostopsBudgetConfig config;
  CostopsBudgetForecast f;
  CostopsMoney spend[] = { money ("45"), money ("45") };
  CostopsMoney less[] = { money ("45"), money ("44.9999999999") };

  costops_budget_config_init (&config, money ("100"), 2);
  config.alert_threshold_bp = 9000;
  config.warning_threshold_bp = 8950;

  g_assert_true (costops_budget_forecast (spend, 2, &config, &f, NULL));
  g_assert_true (costops_budget_forecast_has_alert (&f, COSTOPS_BUDGET_ALERT_THRESHOLD_EXCEEDED));
  g_assert_true (costops_budget_forecast (less, 2, &config, &f, NULL));
  g_assert_false (costops_budget_forecast_has_alert (&f, COSTOPS_BUDGET_ALERT_THRESHOLD_EXCEEDED));
  g_assert_true (costops_budget_forecast_has_alert (&f, COSTOPS_BUDGET_ALERT_APPROACHING_LIMIT));
}

/* Days 1, 2, 3, 4 of ten: a line (halves 1.5 and 3.5) that continues with
 * 5 + 6 + ... + 10 = 45, so the projection is 10 + 45 = 55. */
static void
test_projected_to_exceed (void)
{
  const char * const days[] = { "1", "2", "3", "4" };
  CostopsBudgetForecast f;

  f = forecast_ok (days, 4, "55", 10);
  assert_money (f.current_spend, "10.0000000000");
  assert_money (f.daily_average, "2.5000000000");
  assert_money (f.projected_spend, "55.0000000000");
  g_assert_cmpint (f.projection_model, ==, COSTOPS_FORECAST_MODEL_LINEAR_TREND);
  g_assert_cmpuint (f.days_elapsed, ==, 4);
  g_assert_cmpuint (f.days_in_period, ==, 10);
  g_assert_false (costops_budget_forecast_has_alert (&f, COSTOPS_BUDGET_ALERT_PROJECTED_TO_EXCEED));

  f = forecast_ok (days, 4, "54.9999999999", 10);
  g_assert_true (costops_budget_forecast_has_alert (&f, COSTOPS_BUDGET_ALERT_PROJECTED_TO_EXCEED));
  /* 10 of 55 spent: no utilization alert. */
  g_assert_false (costops_budget_forecast_has_alert (&f, COSTOPS_BUDGET_ALERT_APPROACHING_LIMIT));
  g_assert_false (costops_budget_forecast_has_alert (&f, COSTOPS_BUDGET_ALERT_THRESHOLD_EXCEEDED));
  for (guint i = 0; i < f.n_alerts; i++)
    if (f.alerts[i].type == COSTOPS_BUDGET_ALERT_PROJECTED_TO_EXCEED)
      g_assert_cmpint (f.alerts[i].severity, ==, COSTOPS_BUDGET_SEVERITY_WARNING);
}

/* Ten days of 1 (flat, so a moving average of 1): a 24-day period projects
 * 24 = 2.4 × 10, not above it; a 25-day period projects 25, above it. */
static void
test_unusual_spending (void)
{
  const char * const days[] = { "1", "1", "1", "1", "1", "1", "1", "1", "1", "1" };
  CostopsBudgetForecast f;

  f = forecast_ok (days, 10, "1000", 24);
  assert_money (f.projected_spend, "24.0000000000");
  g_assert_cmpint (f.projection_model, ==, COSTOPS_FORECAST_MODEL_MOVING_AVERAGE);
  g_assert_cmpuint (f.n_alerts, ==, 0);

  f = forecast_ok (days, 10, "1000", 25);
  assert_money (f.projected_spend, "25.0000000000");
  g_assert_cmpuint (f.n_alerts, ==, 1);
  g_assert_cmpint (f.alerts[0].type, ==, COSTOPS_BUDGET_ALERT_UNUSUAL_SPENDING);
}

static void
test_averages_and_short_history (void)
{
  const char * const thirds[] = { "1", "1", "2" };
  const char * const one[] = { "3.25" };
  CostopsBudgetForecast f;

  /* 4 / 3 rounded half-even to ten places. */
  f = forecast_ok (thirds, 3, "100", 3);
  assert_money (f.daily_average, "1.3333333333");
  assert_money (f.projected_spend, "4.0000000000");
  g_assert_cmpint (f.projection_model, ==, COSTOPS_FORECAST_MODEL_AUTO);

  /* One day repeats, exactly: 3.25 × 30. */
  f = forecast_ok (one, 1, "100", 30);
  assert_money (f.projected_spend, "97.5000000000");
  assert_money (f.daily_average, "3.2500000000");
  g_assert_cmpint (f.projection_model, ==, COSTOPS_FORECAST_MODEL_EXPONENTIAL_SMOOTHING);
  g_assert_true (costops_budget_forecast_has_alert (&f, COSTOPS_BUDGET_ALERT_UNUSUAL_SPENDING));
  g_assert_false (costops_budget_forecast_has_alert (&f, COSTOPS_BUDGET_ALERT_PROJECTED_TO_EXCEED));

  g_assert_cmpstr (costops_budget_alert_type_to_string (COSTOPS_BUDGET_ALERT_UNUSUAL_SPENDING),
                   ==, "unusual_spending");
  g_assert_cmpstr (costops_budget_severity_to_string (COSTOPS_BUDGET_SEVERITY_CRITICAL),
                   ==, "critical");
}

static void
assert_budget_fails (const CostopsMoney        *spend,
                     gsize                      n,
                     const CostopsBudgetConfig *config,
                     int                        code,
                     const char                *word)
{
  CostopsBudgetForecast f;
  g_autoptr(GError) error = NULL;

  g_assert_false (costops_budget_forecast (spend, n, config, &f, &error));
  g_assert_error (error, COSTOPS_ERROR, code);
  if (strstr (error->message, word) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, word);
}

static void
test_errors (void)
{
  CostopsMoney spend[] = { money ("1"), money ("2"), money ("-0.5") };
  CostopsMoney huge[] = { money ("1000000000000000"), money ("1000000000000000") };
  CostopsBudgetConfig config;

  costops_budget_config_init (&config, money ("0"), 30);
  assert_budget_fails (spend, 2, &config, COSTOPS_ERROR_INVALID_FIELD, "limit");
  costops_budget_config_init (&config, money ("-5"), 30);
  assert_budget_fails (spend, 2, &config, COSTOPS_ERROR_INVALID_FIELD, "-5.0000000000");

  costops_budget_config_init (&config, money ("100"), 0);
  assert_budget_fails (spend, 2, &config, COSTOPS_ERROR_INVALID_FIELD, "0 days");
  costops_budget_config_init (&config, money ("100"), 1000000);
  assert_budget_fails (spend, 2, &config, COSTOPS_ERROR_INVALID_FIELD, "days");

  costops_budget_config_init (&config, money ("100"), 2);
  assert_budget_fails (spend, 0, &config, COSTOPS_ERROR_INSUFFICIENT_DATA, "empty");
  assert_budget_fails (spend, 3, &config, COSTOPS_ERROR_INVALID_FIELD, "only 2");
  assert_budget_fails (NULL, 2, &config, COSTOPS_ERROR_INVALID_FIELD, "no amounts");

  costops_budget_config_init (&config, money ("100"), 30);
  assert_budget_fails (spend, 3, &config, COSTOPS_ERROR_INVALID_FIELD, "day 3");

  config.warning_threshold_bp = 10001;
  assert_budget_fails (spend, 2, &config, COSTOPS_ERROR_INVALID_FIELD, "threshold");
  config.warning_threshold_bp = 0;
  assert_budget_fails (spend, 2, &config, COSTOPS_ERROR_INVALID_FIELD, "threshold");

  costops_budget_config_init (&config, money ("100"), 30);
  config.unusual_ratio_permille = 0;
  assert_budget_fails (spend, 2, &config, COSTOPS_ERROR_INVALID_FIELD, "unusual");

  /* The projection model's own errors come through, prefixed. */
  costops_budget_config_init (&config, money ("100"), 30);
  config.forecast.model = COSTOPS_FORECAST_MODEL_MOVING_AVERAGE;
  config.forecast.window = 0;
  assert_budget_fails (spend, 2, &config, COSTOPS_ERROR_INVALID_FIELD, "Projecting");

  /* 28 more days of 1e15 is past what a projection may hold. */
  costops_budget_config_init (&config, money ("100"), 30);
  assert_budget_fails (huge, 2, &config, COSTOPS_ERROR_OVERFLOW, "too large");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/forecasting/budget/threshold-exceeded", test_threshold_exceeded);
  g_test_add_func ("/forecasting/budget/approaching-limit", test_approaching_limit);
  g_test_add_func ("/forecasting/budget/custom-thresholds", test_custom_thresholds);
  g_test_add_func ("/forecasting/budget/projected-to-exceed", test_projected_to_exceed);
  g_test_add_func ("/forecasting/budget/unusual-spending", test_unusual_spending);
  g_test_add_func ("/forecasting/budget/averages", test_averages_and_short_history);
  g_test_add_func ("/forecasting/budget/errors", test_errors);

  return g_test_run ();
}
