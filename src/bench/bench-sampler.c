/* bench-sampler.c: calibration, warm-up and sampling.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE   /* RUSAGE_THREAD */
#include "bench-private.h"

#include <fcntl.h>
#include <math.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "bench-error.h"
#include "bench-speed-probe.h"

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

/* Other work on the machine, beside the measuring thread rather than
 * instead of it, slows it without a context switch: another process on
 * the other hyperthread of the core, or on a core that shares its caches
 * and memory bandwidth. The kernel counts each CPU's busy time in
 * /proc/stat in clock ticks (10 ms), too coarse for one sample, so samples
 * are judged in windows of at least NEIGHBOUR_WINDOW_NS: a window in which
 * the other CPUs together were busy for more than half its length is
 * disturbed, every sample in it. */
#define NEIGHBOUR_WINDOW_NS (25 * 1000 * 1000)
#define NEIGHBOUR_MAX_CPUS 1024

typedef struct {
  gboolean available;
  double   ns_per_tick;
  guint    n_cpus;
  guint64 *busy;          /* per CPU, ticks, at the window's start */
  guint64 *now;
  gint64   start_ns;
} Neighbours;

/* A sample the thread ran through without being descheduled or starved. */
typedef struct {
  double  ns_per_op;
  guint64 iterations;
  gint64  wall_ns;
  gint64  cpu_ns;
} Pending;

/* Samples are judged by window: whether other CPUs were busy beside them,
 * and how fast the reference loop ran at the window's two ends. */
typedef struct {
  guint    first;            /* index of its first sample in the candidates */
  guint    n_samples;
  double   probe_ns;         /* the slower of the loop's times at its ends */
  gboolean busy_neighbours;
} Window;

/* Busy ticks (all but idle and iowait) of every CPU; FALSE when
 * /proc/stat cannot be read (the check is then left out). */
static gboolean
read_cpu_busy (guint64 *busy,
               guint    max,
               guint   *n_cpus)
{
  char buffer[65536];
  gssize length;
  const char *line;
  int fd = open ("/proc/stat", O_RDONLY | O_CLOEXEC);

  *n_cpus = 0;
  if (fd < 0)
    return FALSE;
  length = read (fd, buffer, sizeof buffer - 1);
  close (fd);
  if (length <= 0)
    return FALSE;
  buffer[length] = '\0';
  for (line = buffer; line != NULL && *line != '\0'; line = strchr (line, '\n'), line = line ? line + 1 : NULL)
    {
      guint64 v[8] = { 0 };
      char *end;
      gulong cpu;

      if (strncmp (line, "cpu", 3) != 0 || !g_ascii_isdigit (line[3]))
        continue;
      cpu = strtoul (line + 3, &end, 10);
      if (cpu >= max)
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (v); i++)
        v[i] = g_ascii_strtoull (end, &end, 10);
      /* user nice system idle iowait irq softirq steal */
      busy[cpu] = v[0] + v[1] + v[2] + v[5] + v[6] + v[7];
      *n_cpus = MAX (*n_cpus, (guint) cpu + 1);
    }
  return *n_cpus > 0;
}

static void
neighbours_init (Neighbours *self)
{
  long ticks = sysconf (_SC_CLK_TCK);

  *self = (Neighbours) { 0 };
  self->busy = g_new0 (guint64, NEIGHBOUR_MAX_CPUS);
  self->now = g_new0 (guint64, NEIGHBOUR_MAX_CPUS);
  self->ns_per_tick = 1e9 / (double) (ticks > 0 ? ticks : 100);
  self->available = g_getenv ("COST_OPS_IGNORE_NEIGHBOURS") == NULL &&
                    read_cpu_busy (self->busy, NEIGHBOUR_MAX_CPUS, &self->n_cpus) &&
                    self->n_cpus > 1;
  self->start_ns = bench_clock_now_ns ();
}

static void
neighbours_clear (Neighbours *self)
{
  g_free (self->busy);
  g_free (self->now);
}

/* Starts a new window (after a restart of the measurement). */
static void
neighbours_restart (Neighbours *self)
{
  guint n;

  if (self->available)
    read_cpu_busy (self->busy, NEIGHBOUR_MAX_CPUS, &n);
  self->start_ns = bench_clock_now_ns ();
}

/* Closes the window when it is long enough: TRUE with *@busy_neighbours
 * set. */
static gboolean
neighbours_close_window (Neighbours *self,
                         gboolean    force,
                         gboolean   *busy_neighbours)
{
  gint64 now = bench_clock_now_ns ();
  double other_ns = 0.0;
  int here = sched_getcpu ();
  guint n;

  *busy_neighbours = FALSE;
  if (!force && now - self->start_ns < NEIGHBOUR_WINDOW_NS)
    return FALSE;
  if (self->available && read_cpu_busy (self->now, NEIGHBOUR_MAX_CPUS, &n))
    {
      for (guint cpu = 0; cpu < MIN (n, self->n_cpus); cpu++)
        {
          if ((int) cpu != here && self->now[cpu] >= self->busy[cpu])
            other_ns += (double) (self->now[cpu] - self->busy[cpu]) * self->ns_per_tick;
        }
      *busy_neighbours = other_ns > 0.5 * (double) (now - self->start_ns);
      memcpy (self->busy, self->now, sizeof (guint64) * NEIGHBOUR_MAX_CPUS);
    }
  self->start_ns = now;
  return TRUE;
}

/* Whether a window's samples count: nothing ran beside them and the
 * machine ran at full speed, as far as the reference loop could tell. */
static gboolean
window_is_undisturbed (const Window *window,
                       double        reference_ns)
{
  if (window->busy_neighbours)
    return FALSE;
  return reference_ns <= 0.0 || window->probe_ns <= reference_ns * BENCH_SPEED_SLOWDOWN_LIMIT;
}

static guint
count_undisturbed (GArray *windows,
                   double  reference_ns)
{
  guint n = 0;

  for (guint i = 0; i < windows->len; i++)
    {
      const Window *window = &g_array_index (windows, Window, i);

      if (window_is_undisturbed (window, reference_ns))
        n += window->n_samples;
    }
  return n;
}

static void
take_sample (BenchMeasurement *measurement,
             const Pending    *sample)
{
  g_array_append_val (measurement->samples_ns_per_op, sample->ns_per_op);
  measurement->total_iterations += sample->iterations;
  measurement->total_ns += sample->wall_ns;
  measurement->total_cpu_ns += sample->cpu_ns;
}

/* Keeps the samples of the undisturbed windows, judged against the
 * fastest the reference loop ever ran in the run, so that a window taken
 * before the machine showed its full speed is judged as strictly as the
 * rest. */
static void
take_windows (BenchMeasurement *measurement,
              GArray           *candidates,
              GArray           *windows,
              double            reference_ns)
{
  for (guint i = 0; i < windows->len; i++)
    {
      const Window *window = &g_array_index (windows, Window, i);

      if (!window_is_undisturbed (window, reference_ns))
        {
          if (!window->busy_neighbours)
            measurement->slowed_samples += window->n_samples;
          continue;
        }
      for (guint j = window->first; j < window->first + window->n_samples; j++)
        take_sample (measurement, &g_array_index (candidates, Pending, j));
    }
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
  /* Not descheduled nor starved, whatever ran beside them: the second
   * choice when other work never left the machine alone. */
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Pending));
  g_autoptr(GArray) windows = g_array_new (FALSE, FALSE, sizeof (Window));
  Window window = { 0 };
  Neighbours neighbours;
  guint64 batch = MAX (min_batch, 1);
  guint confirmations = 0;
  guint undisturbed = 0;
  gboolean keeps_cpu;
  gint64 start, last_probe;
  double probe_ns;
  Batch ran_batch = { 0 };

  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (measurement != NULL, FALSE);

  /* Variants measured by add_metrics() stay in the metrics stage. */
  if (context->stage != BENCH_STAGE_METRICS)
    bench_context_set_stage (context, BENCH_STAGE_WARMUP);

  /* Warm-up doubles as calibration: it ends once the warm-up time has
   * passed and two batches in a row were long enough (one batch that was
   * preempted for long could make even a single iteration look enough).
   * The reference loop runs now and then, to learn the machine's speed. */
  start = last_probe = bench_clock_now_ns ();
  bench_speed_probe_ns ();
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
      if (now - last_probe >= NEIGHBOUR_WINDOW_NS)
        {
          bench_speed_probe_ns ();
          last_probe = now;
        }
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
  neighbours_init (&neighbours);
  probe_ns = bench_speed_probe_ns ();
  start = bench_clock_now_ns ();
  for (;;)
    {
      guint64 ran = batch;
      gboolean busy_neighbours;
      gint64 now;
      double done;
      gboolean disturbed;

      if (!run_batch (context, func, state, ran, &ran_batch, error))
        {
          neighbours_clear (&neighbours);
          return FALSE;
        }

      /* Still too short after all: every sample must be a full one, so
       * start measuring again with the bigger batch. The batch only grows,
       * so this happens at most a few times. */
      if (!calibrate (context, &batch, ran_batch.wall_ns, &best_ns_per_iteration))
        {
          measurement->warmup_iterations += all_iterations + ran;
          g_array_set_size (all_samples, 0);
          g_array_set_size (candidates, 0);
          g_array_set_size (windows, 0);
          window = (Window) { 0 };
          undisturbed = 0;
          all_iterations = 0;
          all_ns = all_cpu_ns = 0;
          neighbours_restart (&neighbours);
          probe_ns = bench_speed_probe_ns ();
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
      if (!disturbed)
        {
          Pending sample = { (double) ran_batch.wall_ns / (double) ran, ran,
                             ran_batch.wall_ns, ran_batch.cpu_ns };

          g_array_append_val (candidates, sample);
          window.n_samples++;
        }
      /* The window's samples count once it is known whether other work
       * ran beside them and how fast the machine ran at both its ends. */
      if (neighbours_close_window (&neighbours, FALSE, &busy_neighbours))
        {
          double end_probe_ns = bench_speed_probe_ns ();

          window.probe_ns = MAX (probe_ns, end_probe_ns);
          window.busy_neighbours = busy_neighbours;
          g_array_append_val (windows, window);
          window = (Window) { .first = candidates->len };
          probe_ns = end_probe_ns;
          undisturbed = count_undisturbed (windows, bench_speed_probe_reference ());
        }

      now = bench_clock_now_ns ();
      measurement->measure_wall_ns = now - start;
      /* Done with the planned undisturbed samples once the measuring time
       * has passed; on a busy machine sampling goes on, within bounds. */
      if (now - start >= BENCH_MAX_MEASURE_FACTOR * measure_ns &&
          all_samples->len >= MAX (min_samples, 1))
        break;
      if (now - start >= measure_ns &&
          undisturbed >= MAX (min_samples, 1) &&
          undisturbed >= measurement->planned_samples)
        break;

      /* Both the time and the samples, but never slower than the bound on
       * making up for disturbed samples: the bar keeps moving. */
      done = MIN ((double) (now - start) / (double) MAX (measure_ns, 1),
                  (double) undisturbed / (double) MAX (measurement->planned_samples, 1));
      done = MAX (done, (double) (now - start) / (double) MAX (BENCH_MAX_MEASURE_FACTOR * measure_ns, 1));
      bench_context_report (context, warmup_share + (1.0 - warmup_share) * MIN (done, 1.0), FALSE);
    }

  /* The last, short window: judged as any other. */
  {
    gboolean busy_neighbours;

    neighbours_close_window (&neighbours, TRUE, &busy_neighbours);
    window.probe_ns = MAX (probe_ns, bench_speed_probe_ns ());
    window.busy_neighbours = busy_neighbours;
    g_array_append_val (windows, window);
    neighbours_clear (&neighbours);
  }

  measurement->reference_loop_ns = bench_speed_probe_reference ();
  take_windows (measurement, candidates, windows, measurement->reference_loop_ns);
  measurement->disturbed_samples = all_samples->len - measurement->samples_ns_per_op->len;

  /* Hardly a sample undisturbed: the figures come from the samples taken
   * at full speed whatever ran beside them, or from those the thread ran
   * through uninterrupted, or failing that from all of them, and the
   * result says so (bench_measurement_is_disturbed()). */
  if (measurement->samples_ns_per_op->len < BENCH_MIN_UNDISTURBED)
    {
      measurement->used_all_samples = TRUE;
      g_array_set_size (measurement->samples_ns_per_op, 0);
      measurement->total_iterations = 0;
      measurement->total_ns = measurement->total_cpu_ns = 0;
      for (guint i = 0; i < windows->len; i++)
        {
          Window *each = &g_array_index (windows, Window, i);

          each->busy_neighbours = FALSE;
        }
      if (count_undisturbed (windows, measurement->reference_loop_ns) >= BENCH_MIN_UNDISTURBED)
        {
          guint slowed = measurement->slowed_samples;

          take_windows (measurement, candidates, windows, measurement->reference_loop_ns);
          measurement->slowed_samples = slowed;
        }
      else if (candidates->len >= BENCH_MIN_UNDISTURBED)
        {
          for (guint i = 0; i < candidates->len; i++)
            take_sample (measurement, &g_array_index (candidates, Pending, i));
        }
      else
        {
          g_array_append_vals (measurement->samples_ns_per_op, all_samples->data, all_samples->len);
          measurement->total_iterations = all_iterations;
          measurement->total_ns = all_ns;
          measurement->total_cpu_ns = all_cpu_ns;
        }
    }
  measurement->batch_iterations = batch;
  return TRUE;
}

gboolean
bench_measurement_is_disturbed (const BenchMeasurement *measurement)
{
  guint undisturbed = measurement->samples_ns_per_op->len;

  if (measurement->used_all_samples)
    return TRUE;
  if (measurement->disturbed_samples == 0)
    return FALSE;
  /* Fewer than half the planned samples could be had undisturbed. */
  return undisturbed * 2 < measurement->planned_samples;
}
