/* costops-forecast.c: the four forecasting models, the automatic choice,
 * prediction intervals and horizons.
 *
 * Statistics in double precision on purpose: see costops-forecast.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "costops-forecast.h"

#include <math.h>
#include <string.h>

#include "costops-error.h"

#define SECONDS_PER_DAY 86400u

static const char * const model_names[] = {
  [COSTOPS_FORECAST_MODEL_AUTO] = "auto",
  [COSTOPS_FORECAST_MODEL_LINEAR_TREND] = "linear_trend",
  [COSTOPS_FORECAST_MODEL_MOVING_AVERAGE] = "moving_average",
  [COSTOPS_FORECAST_MODEL_EXPONENTIAL_SMOOTHING] = "exponential_smoothing",
  [COSTOPS_FORECAST_MODEL_HOLT] = "holt",
};

static const double interval_z[COSTOPS_FORECAST_N_INTERVALS] = { 1.645, 1.96, 2.576 };
static const guint interval_percent[COSTOPS_FORECAST_N_INTERVALS] = { 90, 95, 99 };

void
costops_forecast_params_init (CostopsForecastParams *params)
{
  g_return_if_fail (params != NULL);

  params->model = COSTOPS_FORECAST_MODEL_AUTO;
  params->window = 0;
  params->alpha = COSTOPS_FORECAST_DEFAULT_ALPHA;
  params->beta = COSTOPS_FORECAST_DEFAULT_BETA;
}

const char *
costops_forecast_model_to_string (CostopsForecastModel model)
{
  if ((guint) model < G_N_ELEMENTS (model_names))
    return model_names[model];
  return "unknown";
}

gboolean
costops_forecast_model_from_string (const char            *text,
                                    CostopsForecastModel  *model,
                                    GError               **error)
{
  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (model_names); i++)
    {
      if (strcmp (text, model_names[i]) == 0)
        {
          *model = (CostopsForecastModel) i;
          return TRUE;
        }
    }

  g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD,
               "Unknown forecast model “%s” (expected auto, linear_trend, "
               "moving_average, exponential_smoothing or holt)",
               text != NULL ? text : "(null)");
  return FALSE;
}

gboolean
costops_forecast_check_series (const double  *values,
                               gsize          n_values,
                               const char    *what,
                               GError       **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (what == NULL)
    what = "series";

  if (n_values == 0)
    {
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INSUFFICIENT_DATA,
                   "The %s is empty", what);
      return FALSE;
    }
  if (values == NULL)
    {
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD,
                   "The %s has %" G_GSIZE_FORMAT " points but no values",
                   what, n_values);
      return FALSE;
    }
  for (gsize i = 0; i < n_values; i++)
    {
      if (!isfinite (values[i]))
        {
          g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD,
                       "Point %" G_GSIZE_FORMAT " of the %s is not a finite "
                       "number (%g)", i, what, values[i]);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_min_points (gsize                  n_values,
                  gsize                  needed,
                  CostopsForecastModel   model,
                  GError               **error)
{
  if (n_values >= needed)
    return TRUE;

  g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INSUFFICIENT_DATA,
               "The %s model needs at least %" G_GSIZE_FORMAT " points, the "
               "series has %" G_GSIZE_FORMAT,
               costops_forecast_model_to_string (model), needed, n_values);
  return FALSE;
}

static gboolean
check_smoothing (const char  *name,
                 double       value,
                 GError     **error)
{
  /* Written so that NaN fails too. */
  if (value > 0.0 && value <= 1.0)
    return TRUE;

  g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD,
               "The smoothing factor %s is %g; it must be in (0, 1]",
               name, value);
  return FALSE;
}

static gboolean
check_params (const CostopsForecastParams  *params,
              GError                      **error)
{
  switch (params->model)
    {
    case COSTOPS_FORECAST_MODEL_LINEAR_TREND:
      return TRUE;
    case COSTOPS_FORECAST_MODEL_MOVING_AVERAGE:
      if (params->window == 0)
        {
          g_set_error_literal (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD,
                               "The moving-average window is 0; it must be at least 1");
          return FALSE;
        }
      return TRUE;
    case COSTOPS_FORECAST_MODEL_AUTO:
    case COSTOPS_FORECAST_MODEL_EXPONENTIAL_SMOOTHING:
      /* AUTO may resolve to smoothing, so alpha is checked whatever the data. */
      return check_smoothing ("alpha", params->alpha, error);
    case COSTOPS_FORECAST_MODEL_HOLT:
      return check_smoothing ("alpha", params->alpha, error) &&
             check_smoothing ("beta", params->beta, error);
    default:
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD,
                   "Unknown forecast model %d", (int) params->model);
      return FALSE;
    }
}

static double
mean_of (const double *values,
         gsize         n_values)
{
  double sum = 0.0;

  for (gsize i = 0; i < n_values; i++)
    sum += values[i];
  return sum / (double) n_values;
}

gboolean
costops_forecast_choose_model (const double          *values,
                               gsize                  n_values,
                               CostopsForecastModel  *model,
                               GError               **error)
{
  gsize half;
  double first, second;

  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!costops_forecast_check_series (values, n_values, "series", error) ||
      !check_min_points (n_values, 2, COSTOPS_FORECAST_MODEL_AUTO, error))
    return FALSE;

  half = n_values / 2;
  first = mean_of (values, half);
  second = mean_of (values + half, n_values - half);

  if (fabs (second - first) > COSTOPS_FORECAST_TREND_THRESHOLD * fabs (first))
    *model = COSTOPS_FORECAST_MODEL_LINEAR_TREND;
  else if (n_values >= COSTOPS_FORECAST_AUTO_MA_MIN_POINTS)
    *model = COSTOPS_FORECAST_MODEL_MOVING_AVERAGE;
  else
    *model = COSTOPS_FORECAST_MODEL_EXPONENTIAL_SMOOTHING;
  return TRUE;
}

/* Sample standard deviation of one-step residuals, accumulated in one pass.
 * Sums are taken relative to the first residual so that a large common
 * offset (a biased model) does not cancel away the spread. */
typedef struct {
  gsize  n;
  double shift;
  double sum;
  double sum_sq;
} ResidualStats;

static inline void
residual_add (ResidualStats *stats,
              double         residual)
{
  double d;

  if (stats->n == 0)
    stats->shift = residual;
  d = residual - stats->shift;
  stats->n++;
  stats->sum += d;
  stats->sum_sq += d * d;
}

static void
residual_finish (const ResidualStats *stats,
                 CostopsForecastFit  *fit)
{
  double var = 0.0;

  fit->n_residuals = stats->n;
  if (stats->n >= 2)
    {
      var = (stats->sum_sq - stats->sum * stats->sum / (double) stats->n) /
            (double) (stats->n - 1);
      if (var < 0.0)  /* rounding of a zero spread */
        var = 0.0;
    }
  fit->residual_stddev = sqrt (var);
}

static void
fit_linear (const double       *values,
            gsize               n_values,
            CostopsForecastFit *fit)
{
  double n = (double) n_values;
  double t_mean = (n - 1.0) / 2.0;
  double y_mean = mean_of (values, n_values);
  double sxy = 0.0, sxx;
  ResidualStats stats = { 0 };

  for (gsize t = 0; t < n_values; t++)
    sxy += ((double) t - t_mean) * (values[t] - y_mean);
  /* Σ (t - t̄)² over t = 0 .. n-1, in closed form. */
  sxx = n * (n * n - 1.0) / 12.0;

  fit->slope = sxy / sxx;
  fit->intercept = y_mean - fit->slope * t_mean;
  fit->level = fit->intercept + fit->slope * (n - 1.0);
  fit->trend = fit->slope;

  for (gsize t = 0; t < n_values; t++)
    residual_add (&stats, values[t] - (fit->intercept + fit->slope * (double) t));
  residual_finish (&stats, fit);
}

static void
fit_moving_average (const double       *values,
                    gsize               n_values,
                    guint               window,
                    CostopsForecastFit *fit)
{
  double sum = 0.0;
  ResidualStats stats = { 0 };

  for (gsize t = 0; t < window; t++)
    sum += values[t];

  /* Each point after the first window is predicted by the window before it. */
  for (gsize t = window; t < n_values; t++)
    {
      residual_add (&stats, values[t] - sum / (double) window);
      sum += values[t] - values[t - window];
    }

  /* Recomputed rather than taken from the running sum, so the forecast has
   * no accumulated rounding. */
  fit->level = mean_of (values + (n_values - window), window);
  fit->trend = 0.0;
  residual_finish (&stats, fit);
}

static void
fit_exponential (const double       *values,
                 gsize               n_values,
                 double              alpha,
                 CostopsForecastFit *fit)
{
  double level = values[0];
  ResidualStats stats = { 0 };

  for (gsize t = 1; t < n_values; t++)
    {
      residual_add (&stats, values[t] - level);
      level = alpha * values[t] + (1.0 - alpha) * level;
    }

  fit->level = level;
  fit->trend = 0.0;
  residual_finish (&stats, fit);
}

static void
fit_holt (const double       *values,
          gsize               n_values,
          double              alpha,
          double              beta,
          CostopsForecastFit *fit)
{
  /* Level starts at the first point and trend at the first difference, so
   * the prediction of point 1 is exact by construction and is not counted
   * as a residual. */
  double level = values[0];
  double trend = values[1] - values[0];
  ResidualStats stats = { 0 };

  for (gsize t = 1; t < n_values; t++)
    {
      double predicted = level + trend;
      double new_level;

      if (t >= 2)
        residual_add (&stats, values[t] - predicted);
      new_level = alpha * values[t] + (1.0 - alpha) * predicted;
      trend = beta * (new_level - level) + (1.0 - beta) * trend;
      level = new_level;
    }

  fit->level = level;
  fit->trend = trend;
  residual_finish (&stats, fit);
}

gboolean
costops_forecast_fit (const double                 *values,
                      gsize                         n_values,
                      const CostopsForecastParams  *params,
                      CostopsForecastFit           *fit,
                      GError                      **error)
{
  CostopsForecastParams used;

  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (fit != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_params (params, error) ||
      !costops_forecast_check_series (values, n_values, "series", error))
    return FALSE;

  used = *params;
  if (used.model == COSTOPS_FORECAST_MODEL_AUTO)
    {
      if (!costops_forecast_choose_model (values, n_values, &used.model, error))
        return FALSE;
      if (used.model == COSTOPS_FORECAST_MODEL_MOVING_AVERAGE)
        used.window = (guint) MIN (MAX (n_values / 2, 3), G_MAXUINT);
    }

  if (!check_min_points (n_values, 2, used.model, error))
    return FALSE;
  if (used.model == COSTOPS_FORECAST_MODEL_MOVING_AVERAGE &&
      !check_min_points (n_values, used.window, used.model, error))
    return FALSE;

  memset (fit, 0, sizeof *fit);
  fit->params = used;
  fit->n_points = n_values;

  switch (used.model)
    {
    case COSTOPS_FORECAST_MODEL_LINEAR_TREND:
      fit_linear (values, n_values, fit);
      break;
    case COSTOPS_FORECAST_MODEL_MOVING_AVERAGE:
      fit_moving_average (values, n_values, used.window, fit);
      break;
    case COSTOPS_FORECAST_MODEL_EXPONENTIAL_SMOOTHING:
      fit_exponential (values, n_values, used.alpha, fit);
      break;
    case COSTOPS_FORECAST_MODEL_HOLT:
      fit_holt (values, n_values, used.alpha, used.beta, fit);
      break;
    case COSTOPS_FORECAST_MODEL_AUTO:
    default:
      g_assert_not_reached ();
    }

  /* Huge inputs can overflow to infinity even though each point is finite. */
  if (!isfinite (fit->level) || !isfinite (fit->trend) ||
      !isfinite (fit->intercept) || !isfinite (fit->slope) ||
      !isfinite (fit->residual_stddev))
    {
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_OVERFLOW,
                   "The %s model overflowed on this series; its values are "
                   "too large", costops_forecast_model_to_string (used.model));
      return FALSE;
    }
  return TRUE;
}

double
costops_forecast_fit_value_at (const CostopsForecastFit *fit,
                               guint                     step)
{
  double value;

  g_return_val_if_fail (fit != NULL, 0.0);

  switch (fit->params.model)
    {
    case COSTOPS_FORECAST_MODEL_LINEAR_TREND:
      value = fit->intercept +
              fit->slope * ((double) fit->n_points - 1.0 + (double) step);
      break;
    case COSTOPS_FORECAST_MODEL_HOLT:
      value = fit->level + (double) step * fit->trend;
      break;
    case COSTOPS_FORECAST_MODEL_MOVING_AVERAGE:
    case COSTOPS_FORECAST_MODEL_EXPONENTIAL_SMOOTHING:
    case COSTOPS_FORECAST_MODEL_AUTO:
    default:
      value = fit->level;
      break;
    }

  /* A cost below zero means nothing; a falling trend bottoms out at 0. */
  return value > 0.0 ? value : 0.0;
}

double
costops_forecast_interval_z (CostopsForecastInterval interval)
{
  g_return_val_if_fail ((guint) interval < COSTOPS_FORECAST_N_INTERVALS, 0.0);
  return interval_z[interval];
}

guint
costops_forecast_interval_percent (CostopsForecastInterval interval)
{
  g_return_val_if_fail ((guint) interval < COSTOPS_FORECAST_N_INTERVALS, 0);
  return interval_percent[interval];
}

gboolean
costops_forecast_predict (const CostopsForecastFit  *fit,
                          guint                      horizon,
                          CostopsForecastPoint      *points,
                          GError                   **error)
{
  double half_width[COSTOPS_FORECAST_N_INTERVALS];

  g_return_val_if_fail (fit != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (horizon == 0 || horizon > COSTOPS_FORECAST_MAX_HORIZON)
    {
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD,
                   "The forecast horizon is %u periods; it must be between 1 and %u",
                   horizon, COSTOPS_FORECAST_MAX_HORIZON);
      return FALSE;
    }
  if (points == NULL)
    {
      g_set_error_literal (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD,
                           "No array was given for the forecast points");
      return FALSE;
    }
  if (fit->params.model == COSTOPS_FORECAST_MODEL_AUTO ||
      (guint) fit->params.model > COSTOPS_FORECAST_MODEL_HOLT ||
      fit->n_points == 0)
    {
      g_set_error_literal (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD,
                           "The forecast fit was not produced by costops_forecast_fit()");
      return FALSE;
    }

  for (guint i = 0; i < COSTOPS_FORECAST_N_INTERVALS; i++)
    half_width[i] = interval_z[i] * fit->residual_stddev;

  for (guint step = 1; step <= horizon; step++)
    {
      CostopsForecastPoint *p = &points[step - 1];
      double value = costops_forecast_fit_value_at (fit, step);

      p->value = value;
      for (guint i = 0; i < COSTOPS_FORECAST_N_INTERVALS; i++)
        {
          double lower = value - half_width[i];

          p->lower[i] = lower > 0.0 ? lower : 0.0;
          p->upper[i] = value + half_width[i];
        }
    }
  return TRUE;
}

gboolean
costops_forecast_horizon_to_periods (CostopsForecastHorizonUnit  unit,
                                     guint                       count,
                                     guint                       period_seconds,
                                     guint                      *periods,
                                     GError                    **error)
{
  guint64 result;

  g_return_val_if_fail (periods != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (count == 0)
    {
      g_set_error_literal (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD,
                           "The forecast horizon is 0; it must be at least 1");
      return FALSE;
    }

  switch (unit)
    {
    case COSTOPS_FORECAST_HORIZON_PERIODS:
      result = count;
      break;
    case COSTOPS_FORECAST_HORIZON_DAYS:
      if (period_seconds == 0)
        {
          g_set_error_literal (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD,
                               "The series period is 0 seconds; a horizon in "
                               "days needs the period of the series");
          return FALSE;
        }
      /* Round up: a forecast "for 1 day" must cover the whole day. */
      result = ((guint64) count * SECONDS_PER_DAY + period_seconds - 1) / period_seconds;
      break;
    default:
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD,
                   "Unknown forecast horizon unit %d", (int) unit);
      return FALSE;
    }

  if (result > COSTOPS_FORECAST_MAX_HORIZON)
    {
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_TOO_LARGE,
                   "The forecast horizon is %" G_GUINT64_FORMAT " periods; at "
                   "most %u are allowed", result, COSTOPS_FORECAST_MAX_HORIZON);
      return FALSE;
    }
  *periods = (guint) result;
  return TRUE;
}
