/* costops-budget.h: where a budget period is heading.
 *
 * Spend is exact money (CostopsMoney) and every threshold is compared
 * exactly, so an alert fires at its threshold and not a unit below. Only the
 * projection of the days still to come is an estimate: it comes from the
 * forecasting models (double precision) and is rounded to money once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "costops-forecast.h"
#include "costops-money.h"

G_BEGIN_DECLS

typedef enum {
  COSTOPS_BUDGET_ALERT_THRESHOLD_EXCEEDED,  /* spend >= alert threshold of the limit */
  COSTOPS_BUDGET_ALERT_APPROACHING_LIMIT,   /* spend >= warning threshold (and below the alert one) */
  COSTOPS_BUDGET_ALERT_PROJECTED_TO_EXCEED, /* projected spend > limit */
  COSTOPS_BUDGET_ALERT_UNUSUAL_SPENDING,    /* projected spend > unusual ratio × spend so far */
  COSTOPS_BUDGET_N_ALERT_TYPES,
} CostopsBudgetAlertType;

typedef enum {
  COSTOPS_BUDGET_SEVERITY_INFO,
  COSTOPS_BUDGET_SEVERITY_WARNING,
  COSTOPS_BUDGET_SEVERITY_CRITICAL,
} CostopsBudgetSeverity;

typedef struct {
  CostopsBudgetAlertType type;
  CostopsBudgetSeverity  severity;
} CostopsBudgetAlert;

typedef struct {
  CostopsMoney limit;              /* > 0 */
  guint        days_in_period;     /* >= 1 */
  /* Thresholds in basis points of the limit (10000 = 100%). */
  guint        alert_threshold_bp;     /* default 10000 */
  guint        warning_threshold_bp;   /* default 8000; at most the alert threshold */
  /* In thousandths: 2400 means projected spend above 2.4 × spend so far. */
  guint        unusual_ratio_permille; /* default 2400 */
  /* How the remaining days are projected; AUTO by default. */
  CostopsForecastParams forecast;
} CostopsBudgetConfig;

void costops_budget_config_init (CostopsBudgetConfig *config,
                                 CostopsMoney         limit,
                                 guint                days_in_period);

typedef struct {
  CostopsMoney current_spend;   /* sum of the daily spend so far */
  CostopsMoney limit;
  CostopsMoney daily_average;   /* current_spend / days_elapsed, half-even */
  CostopsMoney projected_spend; /* current_spend + forecast of the remaining days */
  double       utilization_percent; /* current_spend / limit × 100, for display */
  guint        days_elapsed;
  guint        days_in_period;
  /* The model that projected the remaining days. With one day of history
   * the projection is that day repeated (EXPONENTIAL_SMOOTHING of one
   * point); with no days remaining nothing is projected (AUTO). */
  CostopsForecastModel projection_model;
  guint              n_alerts;
  CostopsBudgetAlert alerts[COSTOPS_BUDGET_N_ALERT_TYPES]; /* in type order */
} CostopsBudgetForecast;

/* @daily_spend holds one amount per elapsed day of the period (at least one,
 * at most days_in_period, none negative). */
gboolean    costops_budget_forecast              (const CostopsMoney         *daily_spend,
                                                  gsize                       n_days,
                                                  const CostopsBudgetConfig  *config,
                                                  CostopsBudgetForecast      *forecast,
                                                  GError                    **error);

/* TRUE when @forecast holds an alert of @type. */
gboolean    costops_budget_forecast_has_alert    (const CostopsBudgetForecast *forecast,
                                                  CostopsBudgetAlertType       type);

/* "threshold_exceeded", "approaching_limit", "projected_to_exceed", "unusual_spending" */
const char *costops_budget_alert_type_to_string  (CostopsBudgetAlertType type);
/* "info", "warning", "critical" */
const char *costops_budget_severity_to_string    (CostopsBudgetSeverity  severity);

G_END_DECLS
