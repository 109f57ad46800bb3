/* target-forecasting.c: the seed's forecasting workload.
 *
 * One operation: choose a model automatically for 100 hourly cost points,
 * forecast 7 days (168 periods) with 90/95/99% intervals, and score the
 * chosen model on a 20% hold-out. Everything the operation writes lives in
 * the state built by setup(), so the timed loop never allocates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "bench-targets.h"
#include "costops-forecast.h"
#include "costops-forecast-evaluate.h"

#define N_POINTS       100
#define PERIOD_SECONDS 3600u /* hourly */
#define HORIZON_DAYS   7u
/* Fixed, so every run forecasts the same series. */
#define DATA_SEED      20251202u

typedef struct {
  double                   values[N_POINTS];
  guint                    horizon;  /* periods */
  CostopsForecastParams    params;   /* what run_iterations asks for */
  CostopsForecastPoint    *points;   /* horizon of them, reused by every operation */
  CostopsForecastFit       fit;      /* of the last operation */
  CostopsForecastAccuracy  accuracy; /* of the last operation */
} ForecastingState;

static void
forecasting_teardown (gpointer data)
{
  ForecastingState *state = data;

  if (state == NULL)
    return;
  g_free (state->points);
  g_free (state);
}

/* Hourly spend of a growing service: a base, slow growth, a daily cycle and
 * some noise. */
static void
fill_series (double *values)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (DATA_SEED);

  for (guint t = 0; t < N_POINTS; t++)
    {
      double daily = 1.2 * sin (2.0 * G_PI * (double) t / 24.0);
      double noise = g_rand_double_range (rand, -0.3, 0.3);

      values[t] = 4.0 + 0.01 * (double) t + daily + noise;
    }
}

static gpointer
forecasting_setup (const BenchTarget  *target,
                   GError            **error)
{
  ForecastingState *state = g_new0 (ForecastingState, 1);

  fill_series (state->values);
  costops_forecast_params_init (&state->params);

  if (!costops_forecast_horizon_to_periods (COSTOPS_FORECAST_HORIZON_DAYS,
                                            HORIZON_DAYS, PERIOD_SECONDS,
                                            &state->horizon, error))
    {
      forecasting_teardown (state);
      return NULL;
    }
  state->points = g_new (CostopsForecastPoint, state->horizon);
  return state;
}

/* The operation itself; the state's params choose AUTO or a fixed model. */
static gboolean
forecast_once (ForecastingState  *state,
               GError           **error)
{
  if (!costops_forecast_fit (state->values, N_POINTS, &state->params,
                             &state->fit, error) ||
      !costops_forecast_predict (&state->fit, state->horizon, state->points,
                                 error) ||
      /* The fit's params name the model it resolved to, so the hold-out
       * scores that model rather than choosing again. */
      !costops_forecast_holdout (state->values, N_POINTS, &state->fit.params,
                                 &state->accuracy, error))
    return FALSE;
  return TRUE;
}

static gboolean
forecasting_run_iterations (gpointer   data,
                            guint64    iterations,
                            GError   **error)
{
  ForecastingState *state = data;

  for (guint64 i = 0; i < iterations; i++)
    {
      if (!forecast_once (state, error))
        return FALSE;
      bench_keep (state->points[state->horizon - 1].upper[COSTOPS_FORECAST_INTERVAL_99]);
      bench_keep (state->accuracy.rmse);
    }
  return TRUE;
}

/* Each model on the same workload, for the metrics. */
static gboolean
measure_model (BenchContext          *context,
               ForecastingState      *state,
               CostopsForecastModel   model,
               JsonObject            *metrics,
               GError               **error)
{
  CostopsForecastParams saved = state->params;
  g_autofree char *name = NULL;
  double ops = 0.0;
  gboolean ok;

  state->params.model = model;
  if (model == COSTOPS_FORECAST_MODEL_MOVING_AVERAGE)
    state->params.window = MAX (N_POINTS / 2, 3);
  ok = bench_context_measure (context, forecasting_run_iterations, state, &ops, error);
  state->params = saved;
  if (!ok)
    return FALSE;

  name = g_strdup_printf ("%s_ops_per_sec", costops_forecast_model_to_string (model));
  json_object_set_double_member (metrics, name, ops);
  return TRUE;
}

static gboolean
forecasting_add_metrics (gpointer       data,
                         BenchContext  *context,
                         JsonObject    *metrics,
                         GError       **error)
{
  static const CostopsForecastModel models[] = {
    COSTOPS_FORECAST_MODEL_LINEAR_TREND,
    COSTOPS_FORECAST_MODEL_MOVING_AVERAGE,
    COSTOPS_FORECAST_MODEL_EXPONENTIAL_SMOOTHING,
    COSTOPS_FORECAST_MODEL_HOLT,
  };
  ForecastingState *state = data;
  const CostopsForecastPoint *last;

  /* Run once more with AUTO so the figures describe the headline workload. */
  if (!forecast_once (state, error))
    return FALSE;
  last = &state->points[state->horizon - 1];

  json_object_set_int_member (metrics, "points", N_POINTS);
  json_object_set_int_member (metrics, "period_seconds", PERIOD_SECONDS);
  json_object_set_int_member (metrics, "horizon", state->horizon);
  json_object_set_int_member (metrics, "horizon_days", HORIZON_DAYS);
  json_object_set_string_member (metrics, "model",
                                 costops_forecast_model_to_string (state->fit.params.model));
  json_object_set_double_member (metrics, "residual_stddev", state->fit.residual_stddev);
  json_object_set_double_member (metrics, "last_forecast", last->value);
  json_object_set_double_member (metrics, "last_interval_95_lower",
                                 last->lower[COSTOPS_FORECAST_INTERVAL_95]);
  json_object_set_double_member (metrics, "last_interval_95_upper",
                                 last->upper[COSTOPS_FORECAST_INTERVAL_95]);
  json_object_set_int_member (metrics, "holdout_points", state->accuracy.n_test);
  json_object_set_double_member (metrics, "holdout_mae", state->accuracy.mae);
  json_object_set_double_member (metrics, "holdout_rmse", state->accuracy.rmse);
  /* NaN is not JSON; it only happens when every held-out cost is 0. */
  if (state->accuracy.n_mape > 0)
    json_object_set_double_member (metrics, "holdout_mape_percent", state->accuracy.mape);
  json_object_set_double_member (metrics, "holdout_r_squared", state->accuracy.r_squared);

  for (guint i = 0; i < G_N_ELEMENTS (models); i++)
    {
      if (!measure_model (context, state, models[i], metrics, error))
        return FALSE;
      bench_context_report_progress (context, (double) (i + 1) / G_N_ELEMENTS (models));
    }
  return TRUE;
}

const BenchTarget bench_target_forecasting = {
  .id = "forecasting",
  .display_name = N_("Forecasting"),
  .category = "engine",
  .description = N_("Automatic forecast of 100 hourly costs for 7 days, with intervals and hold-out accuracy"),
  .setup = forecasting_setup,
  .run_iterations = forecasting_run_iterations,
  .add_metrics = forecasting_add_metrics,
  .teardown = forecasting_teardown,
};
