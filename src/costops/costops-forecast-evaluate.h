/* costops-forecast-evaluate.h: how good a forecast is, and whether the
 * series repeats itself.
 *
 * Double precision on purpose, like costops-forecast.h: these are
 * statistics about estimates, never amounts of money.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "costops-forecast.h"

G_BEGIN_DECLS

/* The last fifth of the series (rounded down) is held out. */
#define COSTOPS_FORECAST_HOLDOUT_DIVISOR 5

typedef struct {
  CostopsForecastModel model; /* the model fitted to the training part */
  gsize  n_train;
  gsize  n_test;
  double mae;        /* mean absolute error */
  double rmse;       /* root mean squared error */
  double mape;       /* mean absolute percentage error, in percent, over the
                      * n_mape held-out points that are not 0; NaN when n_mape is 0 */
  gsize  n_mape;
  double r_squared;  /* 1 - SS_res / SS_tot over the held-out points; when the
                      * held-out values are all equal: 1 if predicted exactly, else 0 */
} CostopsForecastAccuracy;

/* Fits @params to the first n - n/5 points, forecasts the last n/5 and
 * compares. With AUTO the choice is made on the training part alone; pass a
 * fit's params to score that exact model. Needs at least 5 points, and the
 * training part must be long enough for the model. */
gboolean costops_forecast_holdout        (const double                 *values,
                                          gsize                         n_values,
                                          const CostopsForecastParams  *params,
                                          CostopsForecastAccuracy      *accuracy,
                                          GError                      **error);

/* Autocorrelation above this is reported as seasonality. */
#define COSTOPS_SEASONALITY_THRESHOLD 0.3

typedef struct {
  guint    lag;             /* periods per day (or week); 0 when the series
                             * period does not divide a day (or week) */
  gboolean evaluated;       /* the series is at least two lags long */
  double   autocorrelation; /* when evaluated, else 0 */
  gboolean detected;        /* evaluated and autocorrelation > 0.3 */
} CostopsSeasonalLag;

typedef struct {
  CostopsSeasonalLag daily;  /* lag 24 for hourly data */
  CostopsSeasonalLag weekly; /* lag 168 for hourly data, 7 for daily data */
} CostopsSeasonality;

/* Sample autocorrelation at @lag (1 <= lag < n):
 *   Σ_{t<n-lag} (y_t - ȳ)(y_{t+lag} - ȳ) / Σ_t (y_t - ȳ)².
 * A constant series has none: 0. */
gboolean costops_forecast_autocorrelation (const double  *values,
                                           gsize          n_values,
                                           gsize          lag,
                                           double        *autocorrelation,
                                           GError       **error);

/* Checks the daily and weekly lags of a series sampled every @period_seconds. */
gboolean costops_forecast_seasonality     (const double        *values,
                                           gsize                n_values,
                                           guint                period_seconds,
                                           CostopsSeasonality  *seasonality,
                                           GError             **error);

G_END_DECLS
