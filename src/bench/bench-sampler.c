/* bench-sampler.c: calibration, warm-up and sampling.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "bench-private.h"

#include <math.h>
#include <time.h>

#include "bench-error.h"

/* No batch grows beyond this, whatever a broken target reports. */
#define MAX_BATCH_ITERATIONS ((guint64) 1 << 40)

gint64
bench_clock_now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

gint64
bench_clock_min_sample_ns (void)
{
  struct timespec res = { 0, 0 };
  gint64 res_ns = 1;

  if (clock_getres (CLOCK_MONOTONIC, &res) == 0)
    res_ns = MAX ((gint64) res.tv_sec * G_GINT64_CONSTANT (1000000000) + res.tv_nsec, 1);
  return MAX (1000 * res_ns, BENCH_MIN_SAMPLE_NS);
}

void
bench_measurement_init (BenchMeasurement *measurement)
{
  *measurement = (BenchMeasurement) { 0 };
  measurement->samples_ns_per_op = g_array_new (FALSE, FALSE, sizeof (double));
}

void
bench_measurement_clear (BenchMeasurement *measurement)
{
  g_clear_pointer (&measurement->samples_ns_per_op, g_array_unref);
}

static gboolean
run_batch (BenchContext         *context,
           BenchIterationsFunc   func,
           gpointer              state,
           guint64               iterations,
           gint64               *elapsed_ns,
           GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 start;

  if (g_cancellable_set_error_if_cancelled (context->cancellable, error))
    return FALSE;

  start = bench_clock_now_ns ();
  if (!func (state, iterations, &local_error))
    {
      if (local_error == NULL)
        g_set_error (error, BENCH_ERROR, BENCH_ERROR_TARGET_FAILED,
                     "Target “%s” failed without saying why",
                     context->target->id);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  *elapsed_ns = bench_clock_now_ns () - start;
  return TRUE;
}

/* Calibration works from the fastest time per iteration seen so far: a
 * batch can only take longer than its true time (preemption, interrupts),
 * never shorter, so the minimum is the estimate that noise cannot inflate,
 * and the batch size it gives only ever grows. Returns TRUE when @batch is
 * long enough; otherwise stores a bigger one, grown at most a hundredfold
 * per step so that one misleading measurement cannot produce a batch that
 * runs for seconds. */
static gboolean
calibrate (const BenchContext *context,
           guint64            *batch,
           gint64              elapsed_ns,
           double             *best_ns_per_iteration)
{
  double wanted;

  if (elapsed_ns > 0)
    *best_ns_per_iteration = MIN (*best_ns_per_iteration, (double) elapsed_ns / (double) *batch);

  if (*best_ns_per_iteration == G_MAXDOUBLE)
    wanted = (double) *batch * 100.0;   /* too fast for the clock to see */
  else if ((double) *batch * *best_ns_per_iteration >= (double) context->min_sample_ns)
    return TRUE;
  else
    wanted = ceil (1.25 * (double) context->min_sample_ns / *best_ns_per_iteration);

  wanted = MIN (wanted, (double) *batch * 100.0);
  *batch = (guint64) CLAMP (wanted, (double) *batch + 1, (double) MAX_BATCH_ITERATIONS);
  return FALSE;
}

gboolean
bench_sampler_run (BenchContext        *context,
                   BenchIterationsFunc  func,
                   gpointer             state,
                   gint64               warmup_ns,
                   gint64               measure_ns,
                   guint                min_samples,
                   guint64              min_batch,
                   BenchMeasurement    *measurement,
                   GError             **error)
{
  double warmup_share = (double) warmup_ns / (double) MAX (warmup_ns + measure_ns, 1);
  double best_ns_per_iteration = G_MAXDOUBLE;
  guint64 batch = MAX (min_batch, 1);
  guint confirmations = 0;
  gint64 start;
  gint64 elapsed = 0;

  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (measurement != NULL, FALSE);

  /* Variants measured by add_metrics() stay in the metrics stage. */
  if (context->stage != BENCH_STAGE_METRICS)
    bench_context_set_stage (context, BENCH_STAGE_WARMUP);

  /* Warm-up doubles as calibration: it ends once the warm-up time has
   * passed and two batches in a row were long enough (one batch that was
   * preempted for long could make even a single iteration look enough). */
  start = bench_clock_now_ns ();
  for (;;)
    {
      gint64 now;

      if (!run_batch (context, func, state, batch, &elapsed, error))
        return FALSE;
      measurement->warmup_iterations += batch;
      if (calibrate (context, &batch, elapsed, &best_ns_per_iteration))
        confirmations++;
      else
        confirmations = 0;

      now = bench_clock_now_ns ();
      if (confirmations >= 2 && now - start >= warmup_ns)
        break;
      bench_context_report (context,
                            warmup_share * MIN ((double) (now - start) / (double) MAX (warmup_ns, 1), 1.0),
                            FALSE);
    }

  if (context->stage != BENCH_STAGE_METRICS)
    bench_context_set_stage (context, BENCH_STAGE_MEASURE);
  start = bench_clock_now_ns ();
  for (;;)
    {
      guint64 ran = batch;
      double ns_per_op;
      gint64 now;
      double done;

      if (!run_batch (context, func, state, ran, &elapsed, error))
        return FALSE;

      /* Still too short after all: every sample must be a full one, so
       * start measuring again with the bigger batch. The batch only grows,
       * so this happens at most a few times. */
      if (!calibrate (context, &batch, elapsed, &best_ns_per_iteration))
        {
          measurement->warmup_iterations += measurement->total_iterations + ran;
          measurement->total_iterations = 0;
          measurement->total_ns = 0;
          g_array_set_size (measurement->samples_ns_per_op, 0);
          start = bench_clock_now_ns ();
          continue;
        }

      ns_per_op = (double) elapsed / (double) ran;
      g_array_append_val (measurement->samples_ns_per_op, ns_per_op);
      measurement->total_iterations += ran;
      measurement->total_ns += elapsed;

      now = bench_clock_now_ns ();
      if (now - start >= measure_ns && measurement->samples_ns_per_op->len >= min_samples)
        break;

      /* Done when both the time and the sample count are reached. */
      done = MIN ((double) (now - start) / (double) MAX (measure_ns, 1),
                  (double) measurement->samples_ns_per_op->len / (double) MAX (min_samples, 1));
      bench_context_report (context, warmup_share + (1.0 - warmup_share) * MIN (done, 1.0), FALSE);
    }

  measurement->batch_iterations = batch;
  return TRUE;
}
