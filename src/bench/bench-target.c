/* bench-target.c: target ids and the context a target runs in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "bench-private.h"
#include "bench-stats.h"

gboolean
bench_target_id_is_valid (const char *id)
{
  if (id == NULL || *id == '\0')
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    {
      if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_'))
        return FALSE;
    }
  return TRUE;
}

void
bench_context_init (BenchContext          *context,
                    const BenchTarget     *target,
                    const BenchRunOptions *options,
                    guint                  index,
                    BenchProgressFunc      progress,
                    gpointer               progress_data,
                    GCancellable          *cancellable)
{
  *context = (BenchContext) {
    .target = target,
    .options = options,
    .index = index,
    .progress = progress,
    .progress_data = progress_data,
    .cancellable = cancellable,
    .min_sample_ns = bench_clock_min_sample_ns (),
    .last_report_ns = 0,
    .phase_start = 0.0,
    .phase_end = 1.0,
    .last_fraction = 0.0,
  };
}

static const char * const stage_names[BENCH_N_STAGES] = {
  [BENCH_STAGE_SETUP] = "setup",
  [BENCH_STAGE_WARMUP] = "warmup",
  [BENCH_STAGE_MEASURE] = "measure",
  [BENCH_STAGE_METRICS] = "metrics",
  [BENCH_STAGE_TEARDOWN] = "teardown",
};

const char *
bench_stage_to_string (BenchStage stage)
{
  g_return_val_if_fail (stage < BENCH_N_STAGES, NULL);
  return stage_names[stage];
}

gboolean
bench_stage_from_string (const char *text,
                         BenchStage *stage)
{
  for (guint i = 0; i < BENCH_N_STAGES; i++)
    {
      if (g_strcmp0 (text, stage_names[i]) == 0)
        {
          *stage = (BenchStage) i;
          return TRUE;
        }
    }
  return FALSE;
}

void
bench_context_set_stage (BenchContext *context,
                         BenchStage    stage)
{
  context->stage = stage;
  if (context->stage_func != NULL)
    context->stage_func (stage, context->stage_data);
}

gboolean
bench_context_setup_target (BenchContext  *context,
                            gpointer      *state,
                            GError       **error)
{
  const BenchTarget *target = context->target;
  g_autoptr(GError) local_error = NULL;

  *state = NULL;
  bench_context_set_stage (context, BENCH_STAGE_SETUP);
  if (target->setup == NULL)
    return TRUE;
  *state = target->setup (target, &local_error);
  if (local_error != NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "Setup failed: ");
      return FALSE;
    }
  return TRUE;
}

void
bench_context_teardown_target (BenchContext *context,
                               gpointer      state)
{
  bench_context_set_stage (context, BENCH_STAGE_TEARDOWN);
  if (context->target->teardown != NULL)
    context->target->teardown (state);
}

void
bench_context_set_phase (BenchContext *context,
                         double        start,
                         double        end)
{
  context->phase_start = start;
  context->phase_end = end;
}

void
bench_context_report (BenchContext *context,
                      double        fraction,
                      gboolean      force)
{
  gint64 now;

  if (context->progress == NULL)
    return;

  now = bench_clock_now_ns ();
  if (!force && now - context->last_report_ns < BENCH_PROGRESS_INTERVAL_NS)
    return;
  context->last_report_ns = now;

  fraction = context->phase_start
             + (context->phase_end - context->phase_start) * CLAMP (fraction, 0.0, 1.0);
  context->last_fraction = MAX (context->last_fraction, fraction);
  context->progress (context->index, context->target, BENCH_TARGET_STATE_RUNNING,
                     context->last_fraction, NULL, context->progress_data);
}

GCancellable *
bench_context_get_cancellable (BenchContext *context)
{
  g_return_val_if_fail (context != NULL, NULL);

  return context->cancellable;
}

void
bench_context_report_progress (BenchContext *context,
                               double        fraction)
{
  g_return_if_fail (context != NULL);

  bench_context_report (context, fraction, FALSE);
}

gboolean
bench_context_measure (BenchContext         *context,
                       BenchIterationsFunc   func,
                       gpointer              state,
                       double               *ops_per_second,
                       GError              **error)
{
  g_auto(BenchMeasurement) measurement = { 0 };
  BenchSampleStats stats;
  double saved_start, saved_end;
  gboolean ok;

  g_return_val_if_fail (context != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (ops_per_second != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Each variant fills half of what is left of the phase, so progress keeps
   * moving forward however many variants add_metrics() measures. */
  saved_start = context->phase_start;
  saved_end = context->phase_end;
  context->phase_start = MAX (context->last_fraction, saved_start);
  context->phase_end = context->phase_start + (saved_end - context->phase_start) / 2.0;

  bench_measurement_init (&measurement);
  ok = bench_sampler_run (context, func, state,
                          context->options->warmup_us * 1000 / 5,
                          context->options->min_measure_us * 1000 / 5,
                          MAX (context->options->min_samples / 2, 3),
                          1, /* variants pick their own operation size */
                          &measurement, error);
  context->phase_start = saved_start;
  context->phase_end = saved_end;
  if (!ok)
    return FALSE;

  bench_sample_stats_compute ((const double *) (gconstpointer) measurement.samples_ns_per_op->data,
                              measurement.samples_ns_per_op->len, &stats);
  *ops_per_second = stats.median > 0.0 ? 1e9 / stats.median : 0.0;
  return TRUE;
}
