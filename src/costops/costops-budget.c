/* costops-budget.c: budget utilization, projection and alerts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "costops-budget.h"

#include <math.h>
#include <string.h>

#include "costops-error.h"

#define BASIS_POINTS 10000u
#define PERMILLE     1000u
/* A projection of more than a century of days is a mistake, not a budget. */
#define MAX_DAYS_IN_PERIOD 36600u
/* Estimates at or beyond this (in currency units) are refused rather than
 * converted: far past any budget, and still exact in CostopsMoney. */
#define MAX_PROJECTION 1e15

void
costops_budget_config_init (CostopsBudgetConfig *config,
                            CostopsMoney         limit,
                            guint                days_in_period)
{
  g_return_if_fail (config != NULL);

  memset (config, 0, sizeof *config);
  config->limit = limit;
  config->days_in_period = days_in_period;
  config->alert_threshold_bp = 10000;
  config->warning_threshold_bp = 8000;
  config->unusual_ratio_permille = 2400;
  costops_forecast_params_init (&config->forecast);
}

const char *
costops_budget_alert_type_to_string (CostopsBudgetAlertType type)
{
  switch (type)
    {
    case COSTOPS_BUDGET_ALERT_THRESHOLD_EXCEEDED:
      return "threshold_exceeded";
    case COSTOPS_BUDGET_ALERT_APPROACHING_LIMIT:
      return "approaching_limit";
    case COSTOPS_BUDGET_ALERT_PROJECTED_TO_EXCEED:
      return "projected_to_exceed";
    case COSTOPS_BUDGET_ALERT_UNUSUAL_SPENDING:
      return "unusual_spending";
    case COSTOPS_BUDGET_N_ALERT_TYPES:
    default:
      return "unknown";
    }
}

const char *
costops_budget_severity_to_string (CostopsBudgetSeverity severity)
{
  switch (severity)
    {
    case COSTOPS_BUDGET_SEVERITY_INFO:
      return "info";
    case COSTOPS_BUDGET_SEVERITY_WARNING:
      return "warning";
    case COSTOPS_BUDGET_SEVERITY_CRITICAL:
      return "critical";
    default:
      return "unknown";
    }
}

gboolean
costops_budget_forecast_has_alert (const CostopsBudgetForecast *forecast,
                                   CostopsBudgetAlertType       type)
{
  g_return_val_if_fail (forecast != NULL, FALSE);

  for (guint i = 0; i < forecast->n_alerts && i < COSTOPS_BUDGET_N_ALERT_TYPES; i++)
    if (forecast->alerts[i].type == type)
      return TRUE;
  return FALSE;
}

static gboolean
check_config (const CostopsBudgetConfig  *config,
              gsize                       n_days,
              GError                    **error)
{
  if (costops_money_compare (config->limit, COSTOPS_MONEY_ZERO) <= 0)
    {
      g_autofree char *text = costops_money_to_string (config->limit);

      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD,
                   "The budget limit is %s; it must be more than 0", text);
      return FALSE;
    }
  if (config->days_in_period == 0 || config->days_in_period > MAX_DAYS_IN_PERIOD)
    {
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD,
                   "The budget period has %u days; it must have between 1 and %u",
                   config->days_in_period, MAX_DAYS_IN_PERIOD);
      return FALSE;
    }
  if (n_days == 0)
    {
      g_set_error_literal (error, COSTOPS_ERROR, COSTOPS_ERROR_INSUFFICIENT_DATA,
                           "The daily spend is empty; a budget forecast needs "
                           "at least one day of the period");
      return FALSE;
    }
  if (n_days > config->days_in_period)
    {
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD,
                   "The daily spend covers %" G_GSIZE_FORMAT " days but the "
                   "budget period has only %u", n_days, config->days_in_period);
      return FALSE;
    }
  if (config->alert_threshold_bp == 0 || config->warning_threshold_bp == 0 ||
      config->warning_threshold_bp > config->alert_threshold_bp)
    {
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD,
                   "The budget thresholds are %u (alert) and %u (warning) "
                   "basis points; both must be positive and the warning at "
                   "most the alert", config->alert_threshold_bp,
                   config->warning_threshold_bp);
      return FALSE;
    }
  if (config->unusual_ratio_permille == 0)
    {
      g_set_error_literal (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD,
                           "The unusual-spending ratio is 0; it must be positive");
      return FALSE;
    }
  return TRUE;
}

/* a × x >= b × y (or >), exactly; FALSE with @error on overflow. */
static gboolean
scaled_compare (CostopsMoney   a,
                guint          x,
                CostopsMoney   b,
                guint          y,
                int           *result,
                GError       **error)
{
  CostopsMoney ax, by;

  if (!costops_money_mul_int (a, x, &ax, error) ||
      !costops_money_mul_int (b, y, &by, error))
    return FALSE;
  *result = costops_money_compare (ax, by);
  return TRUE;
}

/* current + a forecast of the remaining days. The forecast is an estimate
 * in double precision; it is rounded to money once, here. */
static gboolean
project (const CostopsMoney    *daily_spend,
         gsize                  n_days,
         const CostopsBudgetConfig *config,
         CostopsBudgetForecast *forecast,
         GError               **error)
{
  guint remaining = config->days_in_period - (guint) n_days;
  g_autofree double *series = NULL;
  CostopsForecastFit fit;
  CostopsMoney rest;
  double estimate = 0.0;

  if (remaining == 0)
    {
      forecast->projection_model = COSTOPS_FORECAST_MODEL_AUTO;
      forecast->projected_spend = forecast->current_spend;
      return TRUE;
    }

  if (n_days == 1)
    {
      /* One day says nothing about a trend: it repeats, exactly. */
      forecast->projection_model = COSTOPS_FORECAST_MODEL_EXPONENTIAL_SMOOTHING;
      return costops_money_mul_int (daily_spend[0], config->days_in_period,
                                    &forecast->projected_spend, error);
    }

  series = g_new (double, n_days);
  for (gsize i = 0; i < n_days; i++)
    series[i] = costops_money_to_double (daily_spend[i]);

  if (!costops_forecast_fit (series, n_days, &config->forecast, &fit, error))
    {
      g_prefix_error (error, "Projecting the budget period: ");
      return FALSE;
    }
  forecast->projection_model = fit.params.model;

  for (guint step = 1; step <= remaining; step++)
    estimate += costops_forecast_fit_value_at (&fit, step);

  if (!(estimate < MAX_PROJECTION))
    {
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_OVERFLOW,
                   "The projected spend of the remaining %u days (%g) is too "
                   "large", remaining, estimate);
      return FALSE;
    }
  /* estimate < 1e15, so estimate × 1e10 fits a 128-bit integer easily. */
  rest = costops_money_from_units ((__int128) round (estimate * (double) COSTOPS_MONEY_SCALE));
  return costops_money_add (forecast->current_spend, rest,
                            &forecast->projected_spend, error);
}

static void
add_alert (CostopsBudgetForecast  *forecast,
           CostopsBudgetAlertType  type,
           CostopsBudgetSeverity   severity)
{
  forecast->alerts[forecast->n_alerts].type = type;
  forecast->alerts[forecast->n_alerts].severity = severity;
  forecast->n_alerts++;
}

gboolean
costops_budget_forecast (const CostopsMoney         *daily_spend,
                         gsize                       n_days,
                         const CostopsBudgetConfig  *config,
                         CostopsBudgetForecast      *forecast,
                         GError                    **error)
{
  CostopsBudgetForecast result;
  int cmp;

  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (forecast != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_config (config, n_days, error))
    return FALSE;
  if (daily_spend == NULL)
    {
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD,
                   "The daily spend has %" G_GSIZE_FORMAT " days but no amounts",
                   n_days);
      return FALSE;
    }

  memset (&result, 0, sizeof result);
  result.limit = config->limit;
  result.days_elapsed = (guint) n_days;
  result.days_in_period = config->days_in_period;

  for (gsize i = 0; i < n_days; i++)
    {
      if (costops_money_compare (daily_spend[i], COSTOPS_MONEY_ZERO) < 0)
        {
          g_autofree char *text = costops_money_to_string (daily_spend[i]);

          g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD,
                       "The spend of day %" G_GSIZE_FORMAT " is negative (%s)",
                       i + 1, text);
          return FALSE;
        }
      if (!costops_money_add (result.current_spend, daily_spend[i],
                              &result.current_spend, error))
        return FALSE;
    }

  if (!costops_money_div_int (result.current_spend, n_days,
                              &result.daily_average, error) ||
      !project (daily_spend, n_days, config, &result, error))
    return FALSE;

  result.utilization_percent = 100.0 * costops_money_to_double (result.current_spend) /
                               costops_money_to_double (result.limit);

  /* spend / limit >= bp / 10000  <=>  spend × 10000 >= limit × bp, exactly. */
  if (!scaled_compare (result.current_spend, BASIS_POINTS,
                       result.limit, config->alert_threshold_bp, &cmp, error))
    return FALSE;
  if (cmp >= 0)
    {
      add_alert (&result, COSTOPS_BUDGET_ALERT_THRESHOLD_EXCEEDED,
                 COSTOPS_BUDGET_SEVERITY_CRITICAL);
    }
  else
    {
      if (!scaled_compare (result.current_spend, BASIS_POINTS,
                           result.limit, config->warning_threshold_bp, &cmp, error))
        return FALSE;
      if (cmp >= 0)
        add_alert (&result, COSTOPS_BUDGET_ALERT_APPROACHING_LIMIT,
                   COSTOPS_BUDGET_SEVERITY_WARNING);
    }

  if (costops_money_compare (result.projected_spend, result.limit) > 0)
    add_alert (&result, COSTOPS_BUDGET_ALERT_PROJECTED_TO_EXCEED,
               COSTOPS_BUDGET_SEVERITY_WARNING);

  /* projected / current > ratio / 1000  <=>  projected × 1000 > current × ratio. */
  if (!scaled_compare (result.projected_spend, PERMILLE,
                       result.current_spend, config->unusual_ratio_permille,
                       &cmp, error))
    return FALSE;
  if (cmp > 0)
    add_alert (&result, COSTOPS_BUDGET_ALERT_UNUSUAL_SPENDING,
               COSTOPS_BUDGET_SEVERITY_WARNING);

  *forecast = result;
  return TRUE;
}
