/* bench-sampler.c: calibration, warm-up and sampling.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE   /* RUSAGE_THREAD */
#include "bench-private.h"

#include <math.h>
#include <sys/resource.h>
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

static gint64
thread_cpu_ns (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return 0;
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

static glong
involuntary_switches (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_THREAD, &usage) != 0)
    return 0;
  return usage.ru_nivcsw;
}

/* One batch and what disturbed it. */
typedef struct {
  gint64 wall_ns;
  gint64 cpu_ns;
  glong  switches;    /* involuntary context switches */
} Batch;

static gboolean
run_batch (BenchContext         *context,
           BenchIterationsFunc   func,
           gpointer              state,
           guint64               iterations,
           Batch                *batch,
           GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  glong switches;
  gint64 cpu, start;

  if (g_cancellable_set_error_if_cancelled (context->cancellable, error))
    return FALSE;

  switches = involuntary_switches ();
  cpu = thread_cpu_ns ();
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
  batch->wall_ns = bench_clock_now_ns () - start;
  batch->cpu_ns = thread_cpu_ns () - cpu;
  batch->switches = involuntary_switches () - switches;
  return TRUE;
}

static double
cpu_share (const Batch *batch)
{
  return batch->wall_ns > 0 ? (double) batch->cpu_ns / (double) batch->wall_ns : 1.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
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
  g_autoptr(GArray) shares = g_array_new (FALSE, FALSE, sizeof (double));
  /* Every sample, disturbed or not: the fallback when hardly any was not. */
  g_autoptr(GArray) all_samples = g_array_new (FALSE, FALSE, sizeof (double));
  guint64 all_iterations = 0;
  gint64 all_ns = 0, all_cpu_ns = 0;
  guint64 batch = MAX (min_batch, 1);
  guint confirmations = 0;
  gboolean keeps_cpu;
  gint64 start;
  Batch ran_batch = { 0 };

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
      double share;

      if (!run_batch (context, func, state, batch, &ran_batch, error))
        return FALSE;
      measurement->warmup_iterations += batch;
      share = cpu_share (&ran_batch);
      if (ran_batch.switches == 0)
        g_array_append_val (shares, share);
      if (calibrate (context, &batch, ran_batch.wall_ns, &best_ns_per_iteration))
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

  /* A target that kept its CPU while warming up (not waiting for I/O) is
   * expected to keep it: a sample that got much less was starved. */
  g_array_sort (shares, compare_doubles);
  keeps_cpu = shares->len > 0 &&
              g_array_index (shares, double, shares->len / 2) >= BENCH_MIN_CPU_SHARE + 0.05;

  if (context->stage != BENCH_STAGE_METRICS)
    bench_context_set_stage (context, BENCH_STAGE_MEASURE);
  start = bench_clock_now_ns ();
  for (;;)
    {
      guint64 ran = batch;
      gint64 now;
      double done;
      gboolean disturbed;

      if (!run_batch (context, func, state, ran, &ran_batch, error))
        return FALSE;

      /* Still too short after all: every sample must be a full one, so
       * start measuring again with the bigger batch. The batch only grows,
       * so this happens at most a few times. */
      if (!calibrate (context, &batch, ran_batch.wall_ns, &best_ns_per_iteration))
        {
          measurement->warmup_iterations += measurement->total_iterations + ran;
          measurement->total_iterations = 0;
          measurement->total_ns = 0;
          measurement->total_cpu_ns = 0;
          measurement->disturbed_samples = 0;
          g_array_set_size (measurement->samples_ns_per_op, 0);
          g_array_set_size (all_samples, 0);
          all_iterations = 0;
          all_ns = all_cpu_ns = 0;
          start = bench_clock_now_ns ();
          continue;
        }
      if (measurement->planned_samples == 0)
        {
          /* As many as fit in the measuring time at this batch size. */
          double sample_ns = MAX ((double) batch * best_ns_per_iteration, 1.0);

          measurement->planned_samples = (guint) CLAMP ((double) measure_ns / sample_ns,
                                                        (double) MAX (min_samples, 1), 100000.0);
        }

      disturbed = ran_batch.switches > 0 ||
                  (keeps_cpu && cpu_share (&ran_batch) < BENCH_MIN_CPU_SHARE);
      {
        double ns_per_op = (double) ran_batch.wall_ns / (double) ran;

        g_array_append_val (all_samples, ns_per_op);
        all_iterations += ran;
        all_ns += ran_batch.wall_ns;
        all_cpu_ns += ran_batch.cpu_ns;
      }
      if (disturbed)
        measurement->disturbed_samples++;
      else
        {
          double ns_per_op = (double) ran_batch.wall_ns / (double) ran;

          g_array_append_val (measurement->samples_ns_per_op, ns_per_op);
          measurement->total_iterations += ran;
          measurement->total_ns += ran_batch.wall_ns;
          measurement->total_cpu_ns += ran_batch.cpu_ns;
        }

      now = bench_clock_now_ns ();
      measurement->measure_wall_ns = now - start;
      /* Done with the planned undisturbed samples once the measuring time
       * has passed; on a busy machine sampling goes on, within bounds. */
      if (now - start >= BENCH_MAX_MEASURE_FACTOR * measure_ns &&
          all_samples->len >= MAX (min_samples, 1))
        break;
      if (now - start >= measure_ns &&
          measurement->samples_ns_per_op->len >= MAX (min_samples, 1) &&
          measurement->samples_ns_per_op->len >= measurement->planned_samples)
        break;

      done = MIN ((double) (now - start) / (double) MAX (measure_ns, 1),
                  (double) measurement->samples_ns_per_op->len / (double) MAX (measurement->planned_samples, 1));
      bench_context_report (context, warmup_share + (1.0 - warmup_share) * MIN (done, 1.0), FALSE);
    }

  /* Hardly a sample undisturbed: the figures come from all of them, and
   * the result says so (bench_measurement_is_disturbed()). */
  if (measurement->samples_ns_per_op->len < BENCH_MIN_UNDISTURBED)
    {
      g_array_set_size (measurement->samples_ns_per_op, 0);
      g_array_append_vals (measurement->samples_ns_per_op, all_samples->data, all_samples->len);
      measurement->total_iterations = all_iterations;
      measurement->total_ns = all_ns;
      measurement->total_cpu_ns = all_cpu_ns;
    }
  measurement->batch_iterations = batch;
  return TRUE;
}

gboolean
bench_measurement_is_disturbed (const BenchMeasurement *measurement)
{
  guint undisturbed = measurement->samples_ns_per_op->len;

  if (measurement->disturbed_samples == 0)
    return FALSE;
  if (undisturbed < BENCH_MIN_UNDISTURBED)
    return TRUE;
  /* Fewer than half the planned samples could be had undisturbed. */
  return undisturbed * 2 < measurement->planned_samples;
}
