/* costops-forecast.h: forecasting models over an evenly spaced series.
 *
 * The series are cost statistics (for example the cost of each hour) and the
 * results are estimates, so this module works in double precision on purpose:
 * nothing here is ever summed into an invoice. Exact money lives in
 * costops-money.h and the budget module converts at its boundary.
 *
 * Nothing here allocates: a fit is a small value type and forecasts are
 * written into caller-provided arrays, so a caller can forecast in a loop
 * without touching the heap.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  COSTOPS_FORECAST_MODEL_AUTO,                  /* chosen from the series (see below) */
  COSTOPS_FORECAST_MODEL_LINEAR_TREND,          /* least-squares line */
  COSTOPS_FORECAST_MODEL_MOVING_AVERAGE,        /* mean of the last @window points */
  COSTOPS_FORECAST_MODEL_EXPONENTIAL_SMOOTHING, /* simple exponential smoothing */
  COSTOPS_FORECAST_MODEL_HOLT,                  /* Holt's linear (double) smoothing */
} CostopsForecastModel;

#define COSTOPS_FORECAST_DEFAULT_ALPHA 0.3
#define COSTOPS_FORECAST_DEFAULT_BETA  0.1
/* The automatic choice takes the linear trend when the means of the two
 * halves differ by more than this fraction of the first half's mean. */
#define COSTOPS_FORECAST_TREND_THRESHOLD 0.05
/* ... and otherwise a moving average when there are at least this many. */
#define COSTOPS_FORECAST_AUTO_MA_MIN_POINTS 10
/* Forecasts longer than this are refused rather than allocated blindly. */
#define COSTOPS_FORECAST_MAX_HORIZON 1000000u

typedef struct {
  CostopsForecastModel model;
  guint  window; /* moving average only: >= 1 (AUTO computes its own) */
  double alpha;  /* smoothing of the level, in (0, 1] */
  double beta;   /* Holt only: smoothing of the trend, in (0, 1] */
} CostopsForecastParams;

/* AUTO, window 0 (computed), default alpha and beta. */
void     costops_forecast_params_init (CostopsForecastParams *params);

/* A fitted model. params.model is never AUTO: it is the model actually used,
 * with its window resolved. */
typedef struct {
  CostopsForecastParams params;
  gsize  n_points;        /* length of the series it was fitted to */
  /* linear trend: value(t) = intercept + slope * t, t = 0 .. n_points - 1 */
  double intercept;
  double slope;
  /* smoothing models: state after the last point; moving average: level is
   * the mean of the last window points and trend is 0 */
  double level;
  double trend;
  /* one-step (in-sample) residuals: their sample standard deviation, and
   * how many there were (0 or 1 residuals give a standard deviation of 0) */
  double residual_stddev;
  gsize  n_residuals;
} CostopsForecastFit;

/* Confidence levels of the prediction intervals, in this order. */
typedef enum {
  COSTOPS_FORECAST_INTERVAL_90,
  COSTOPS_FORECAST_INTERVAL_95,
  COSTOPS_FORECAST_INTERVAL_99,
  COSTOPS_FORECAST_N_INTERVALS,
} CostopsForecastInterval;

typedef struct {
  double value;                              /* point forecast, >= 0 */
  double lower[COSTOPS_FORECAST_N_INTERVALS]; /* value - z * sd, never below 0 */
  double upper[COSTOPS_FORECAST_N_INTERVALS]; /* value + z * sd */
} CostopsForecastPoint;

/* Rejects NULL with a non-zero length, an empty series and NaN or infinite
 * values; @what names the series in the message ("series", "daily spend"). */
gboolean costops_forecast_check_series  (const double  *values,
                                         gsize          n_values,
                                         const char    *what,
                                         GError       **error);

/* The model AUTO resolves to for this series: LINEAR_TREND when the mean of
 * the second half differs from the mean of the first half by more than 5%
 * (the second half takes the middle point of an odd length); otherwise
 * MOVING_AVERAGE with at least 10 points, otherwise EXPONENTIAL_SMOOTHING.
 * Needs at least 2 points. */
gboolean costops_forecast_choose_model  (const double          *values,
                                         gsize                  n_values,
                                         CostopsForecastModel  *model,
                                         GError               **error);

/* Fits @params to the series. AUTO resolves as above, with window
 * max(n / 2, 3) for the moving average. Every model needs at least 2 points
 * and the moving average at least @window. */
gboolean costops_forecast_fit           (const double                 *values,
                                         gsize                         n_values,
                                         const CostopsForecastParams  *params,
                                         CostopsForecastFit           *fit,
                                         GError                      **error);

/* The point forecast @step periods after the last point (step >= 1). The
 * line continues at t = n_points - 1 + step; Holt adds step trends to the
 * level; the others are flat. Costs are never negative, so neither is this. */
double   costops_forecast_fit_value_at  (const CostopsForecastFit     *fit,
                                         guint                         step);

/* The z of a two-sided normal interval: 1.645, 1.96, 2.576. */
double   costops_forecast_interval_z    (CostopsForecastInterval       interval);
/* 90, 95, 99. */
guint    costops_forecast_interval_percent (CostopsForecastInterval    interval);

/* Writes @horizon points (steps 1 .. horizon) into @points, which must hold
 * that many. The interval half-width is z * residual_stddev at every step. */
gboolean costops_forecast_predict       (const CostopsForecastFit     *fit,
                                         guint                         horizon,
                                         CostopsForecastPoint         *points,
                                         GError                      **error);

typedef enum {
  COSTOPS_FORECAST_HORIZON_PERIODS,
  COSTOPS_FORECAST_HORIZON_DAYS,
} CostopsForecastHorizonUnit;

/* Converts a horizon to periods of a series sampled every @period_seconds.
 * Days round up to whole periods, so 1 day of 7-hour periods is 4 periods. */
gboolean costops_forecast_horizon_to_periods (CostopsForecastHorizonUnit  unit,
                                              guint                       count,
                                              guint                       period_seconds,
                                              guint                      *periods,
                                              GError                    **error);

/* "auto", "linear_trend", "moving_average", "exponential_smoothing", "holt". */
const char *costops_forecast_model_to_string (CostopsForecastModel model);
gboolean    costops_forecast_model_from_string (const char            *text,
                                                CostopsForecastModel  *model,
                                                GError               **error);

G_END_DECLS
