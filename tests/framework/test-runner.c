/* test-runner.c: the runner measures what a target does and survives
 * targets that fail.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <string.h>
#include <time.h>

#include "bench-error.h"
#include "bench-output.h"
#include "bench-private.h"
#include "bench-speed-probe.h"
#include "test-targets.h"
#include "test-util.h"

/* ---- measurement ------------------------------------------------------- */

static void
assert_within (double      measured,
               double      expected,
               double      tolerance,
               const char *what)
{
  g_test_message ("%s: measured %.1f, expected %.1f", what, measured, expected);
  g_assert_cmpfloat (measured, >=, expected * (1.0 - tolerance));
  g_assert_cmpfloat (measured, <=, expected * (1.0 + tolerance));
}

static gint64
thread_cpu_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static gboolean
within (double measured,
        double expected,
        double tolerance)
{
  return measured >= expected * (1.0 - tolerance) && measured <= expected * (1.0 + tolerance);
}

#define MAX_ATTEMPTS 5

static void
test_busy_wait_measured (void)
{
  g_autoptr(BenchResult) result = NULL;
  BenchRunOptions options = { 0 };
  const double *samples;
  guint n_samples;
  gint64 per_sample, total, n;

  bench_run_options_init_quick (&options);

  options.isolation = BENCH_ISOLATION_IN_PROCESS;   /* this program's own targets */
  options.min_measure_us = 200 * 1000;

  /* The runner measures wall-clock time, as it must. When other processes
   * take the CPU away for most of the run, every sample is stretched and no
   * measurement can be right; that case is recognised by the thread's CPU
   * time falling well behind the wall-clock time, and only then is the
   * measurement taken again. With the CPU available, a wrong figure fails at
   * once. */
  for (guint attempt = 1; ; attempt++)
    {
      g_autoptr(GError) error = NULL;
      gint64 wall = now_ns ();
      gint64 cpu = thread_cpu_ns ();
      double cpu_share;

      g_clear_pointer (&result, bench_result_unref);
      result = bench_run_target (&busy_target, &options, 0, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (result);
      g_assert_true (bench_result_is_success (result));
      cpu_share = (double) (thread_cpu_ns () - cpu) / (double) (now_ns () - wall);

      if (within ((double) metric_int (result, "median_duration_ns"), BUSY_NS, 0.10) &&
          within (metric_double (result, "variant_ops_per_second"), 1e9 / VARIANT_NS, 0.10))
        break;
      if (cpu_share >= 0.90)
        break;   /* the CPU was ours: the assertions below must hold */
      if (attempt == MAX_ATTEMPTS)
        {
          g_autofree char *why = g_strdup_printf ("the machine is too busy to measure: this thread got "
                                                  "%.0f%% of the CPU in %u attempts", 100.0 * cpu_share,
                                                  attempt);

          g_test_skip (why);
          return;
        }
      g_test_message ("attempt %u: the thread got only %.0f%% of the CPU; measuring again",
                      attempt, 100.0 * cpu_share);
    }
  g_assert_cmpstr (bench_result_get_target_id (result), ==, "busy");

  /* Every iteration lasts at least BUSY_NS, and preemption on a loaded
   * machine only lengthens some samples: the median and the minimum are the
   * figures that must match. */
  assert_within ((double) metric_int (result, "median_duration_ns"), BUSY_NS, 0.10, "median");
  assert_within ((double) metric_int (result, "min_duration_ns"), BUSY_NS, 0.10, "min");
  g_assert_cmpint (metric_int (result, "p95_duration_ns"), >=, metric_int (result, "median_duration_ns"));
  g_assert_cmpint (metric_int (result, "p99_duration_ns"), >=, metric_int (result, "p95_duration_ns"));
  g_assert_cmpint (metric_int (result, "max_duration_ns"), >=, metric_int (result, "p99_duration_ns"));
  g_assert_cmpint (metric_int (result, "avg_duration_ns"), >=, BUSY_NS);

  /* A sample lasts at least 1 ms: with 100 µs per iteration that is at
   * least ten iterations per sample. */
  per_sample = metric_int (result, "iterations_per_sample");
  n = metric_int (result, "samples");
  total = metric_int (result, "total_iterations");
  g_assert_cmpint (per_sample, >=, 10);
  g_assert_cmpint (n, >=, options.min_samples);
  g_assert_cmpint (total, ==, per_sample * n);
  g_assert_cmpint (metric_int (result, "warmup_iterations"), >, 0);
  g_assert_cmpint (metric_int (result, "measure_duration_ms"), >=, options.min_measure_us / 1000 * 9 / 10);
  /* Disturbed samples are left out of the figures, but counted. */
  g_assert_cmpint (metric_int (result, "measure_duration_ms"), >=, metric_int (result, "total_duration_ms"));
  g_assert_cmpint (metric_int (result, "planned_samples"), >=, options.min_samples);

  /* The seed's definition: iterations over the time they took. */
  /* total_duration_ms is rounded to the millisecond. */
  assert_within (metric_double (result, "operations_per_second"),
                 (double) total / ((double) metric_int (result, "total_duration_ms") / 1e3),
                 0.01 + 0.5 / (double) MAX (metric_int (result, "total_duration_ms"), 1),
                 "ops/sec against total time");
  assert_within (metric_double (result, "operations_per_second") * (double) metric_int (result, "avg_duration_ns"),
                 1e9, 0.01, "ops/sec × avg");

  /* The variant measured through the context spins half as long. */
  assert_within (metric_double (result, "variant_ops_per_second"), 1e9 / VARIANT_NS, 0.10, "variant ops/sec");
  /* The target's own figure sits beside the framework's; disturbed samples
   * ran too, and were left out of the figures. */
  if (json_object_get_boolean_member (bench_result_get_metrics (result), "disturbed"))
    g_test_message ("too busy a machine: the figures came from every sample");
  else
    g_assert_cmpint (metric_int (result, "iterations_seen"), ==,
                     total + metric_int (result, "warmup_iterations") +
                     metric_int (result, "disturbed_samples") * per_sample);

  /* Every sample is a full one: at least 1 ms long. */
  samples = bench_result_get_samples (result, &n_samples);
  g_assert_cmpuint (n_samples, ==, n);
  for (guint i = 0; i < n_samples; i++)
    {
      g_assert_cmpfloat (samples[i], >=, BUSY_NS);
      g_assert_cmpfloat (samples[i] * (double) per_sample, >=, 1e6);
    }
  g_assert_cmpfloat (bench_result_get_spread (result), >=, 0.0);
  g_assert_cmpfloat (bench_result_get_spread (result), ==, metric_double (result, "spread"));
}

static void
test_fast_target_batches (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BenchResult) result = NULL;
  BenchRunOptions options = { 0 };
  const double *samples;
  guint n_samples;
  gint64 per_sample;

  short_options (&options);
  result = bench_run_target (&fast_target, &options, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (bench_result_is_success (result));

  /* A sample of a nanosecond-scale operation lasts ≥ 1 ms only with a big
   * batch: the calibration must have grown it. */
  per_sample = metric_int (result, "iterations_per_sample");
  g_assert_cmpint (per_sample, >=, 1000);
  samples = bench_result_get_samples (result, &n_samples);
  for (guint i = 0; i < n_samples; i++)
    g_assert_cmpfloat (samples[i] * (double) per_sample, >=, 1e6);
  g_assert_cmpfloat ((double) per_sample * (double) metric_int (result, "min_duration_ns"), <=, 25e6);
  g_assert_cmpfloat (metric_double (result, "operations_per_second"), >, 1e6);
}

/* A target whose single operation already outlasts the minimal sample:
 * calibration alone would take one operation per sample. */
static guint64 largest_variant_batch;

static gboolean
slow_iterations (gpointer state, guint64 iterations, GError **error)
{
  for (guint64 i = 0; i < iterations; i++)
    {
      gint64 until = g_get_monotonic_time () + 1500;

      while (g_get_monotonic_time () < until)
        ;
    }
  return TRUE;
}

static gboolean
slow_variant (gpointer state, guint64 iterations, GError **error)
{
  largest_variant_batch = MAX (largest_variant_batch, iterations);
  return slow_iterations (state, iterations, error);
}

static gboolean
slow_add_metrics (gpointer state, BenchContext *context, JsonObject *metrics, GError **error)
{
  double ops = 0.0;

  if (!bench_context_measure (context, slow_variant, state, &ops, error))
    return FALSE;
  json_object_set_double_member (metrics, "variant_ops_per_second", ops);
  return TRUE;
}

static void
test_min_iterations_per_sample (void)
{
  static const BenchTarget bursty_target = {
    .id = "bursty",
    .display_name = "Bursty",
    .category = "test",
    .description = "1.5 ms operations that ask for five per sample",
    .run_iterations = slow_iterations,
    .add_metrics = slow_add_metrics,
    .min_iterations_per_sample = 5,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(BenchResult) result = NULL;
  BenchRunOptions options = { 0 };

  short_options (&options);
  largest_variant_batch = 0;
  result = bench_run_target (&bursty_target, &options, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (bench_result_is_success (result));
  g_assert_cmpint (metric_int (result, "iterations_per_sample"), >=, 5);
  g_assert_cmpint (metric_int (result, "total_iterations") % metric_int (result, "iterations_per_sample"), ==, 0);
  /* Variants measure other operations and choose their own batch size. */
  g_assert_cmpuint (largest_variant_batch, >=, 1);
  g_assert_cmpuint (largest_variant_batch, <, 5);
  g_assert_cmpfloat (metric_double (result, "variant_ops_per_second"), >, 0.0);
}

/* ---- failures ---------------------------------------------------------- */

static BenchResult *
run_one (const BenchTarget *target)
{
  g_autoptr(GError) error = NULL;
  BenchRunOptions options = { 0 };
  BenchResult *result;

  short_options (&options);
  result = bench_run_target (target, &options, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_false (bench_result_is_success (result));
  g_assert_null (bench_result_get_metrics (result));
  g_assert_nonnull (bench_result_get_error (result));
  g_assert_cmpfloat (bench_result_get_ops_per_second (result), ==, 0.0);
  return result;
}

static void
test_unimplemented_fails (void)
{
  g_autoptr(BenchResult) result = run_one (&unimplemented_target);

  g_assert_error (bench_result_get_error (result), BENCH_ERROR, BENCH_ERROR_TARGET_FAILED);
  g_assert_nonnull (strstr (bench_result_get_error (result)->message, "unimplemented"));
}

static void
test_setup_fails (void)
{
  g_autoptr(BenchResult) result = NULL;

  reset_counters ();
  result = run_one (&setup_fails_target);
  g_assert_error (bench_result_get_error (result), G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (bench_result_get_error (result)->message, "Setup failed"));
  g_assert_nonnull (strstr (bench_result_get_error (result)->message, "fixture data is missing"));
  g_assert_cmpuint (counters.setups, ==, 1);
  /* There is no state to tear down when setup failed. */
  g_assert_cmpuint (counters.teardowns, ==, 0);
}

static void
test_run_fails (void)
{
  g_autoptr(BenchResult) result = NULL;

  reset_counters ();
  result = run_one (&run_fails_target);
  g_assert_error (bench_result_get_error (result), G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpstr (bench_result_get_error (result)->message, ==, "operation 3 went wrong");
  g_assert_cmpuint (counters.runs, ==, 3);
  g_assert_cmpuint (counters.teardowns, ==, 1);
}

static void
test_silent_failure (void)
{
  g_autoptr(BenchResult) result = run_one (&silent_target);

  g_assert_error (bench_result_get_error (result), BENCH_ERROR, BENCH_ERROR_TARGET_FAILED);
  g_assert_nonnull (strstr (bench_result_get_error (result)->message, "silent"));
}

static void
test_metric_overwrite_fails (void)
{
  g_autoptr(BenchResult) result = run_one (&overwriting_target);

  g_assert_nonnull (strstr (bench_result_get_error (result)->message, "operations_per_second"));
}

static void
test_bad_id_fails (void)
{
  g_autoptr(BenchResult) result = run_one (&bad_id_target);

  g_assert_nonnull (strstr (bench_result_get_error (result)->message, "not a valid target id"));
}

/* ---- the run as a whole ------------------------------------------------ */

static void
test_run_continues_after_failure (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *old_failure = g_build_filename (dir, "raw", "run_fails.json", NULL);
  g_autofree char *raw = g_build_filename (dir, "raw", NULL);
  g_autofree char *summary_path = g_build_filename (dir, "summary.md", NULL);
  g_autofree char *summary = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GPtrArray) targets = target_list (&fast_target, &run_fails_target,
                                               &unimplemented_target, &busy_target, NULL);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (Event));
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;
  const char *earlier = "{ \"earlier\": \"run\" }\n";
  BenchRunOptions options = { 0 };
  gboolean cancelled = TRUE;

  reset_counters ();
  short_options (&options);
  g_assert_cmpint (g_mkdir (raw, 0755), ==, 0);
  test_write_file (old_failure, earlier);

  results = bench_runner_run (targets, &options, dir, TRUE, record_event, events,
                              NULL, &cancelled, &error);
  g_assert_no_error (error);
  g_assert_nonnull (results);
  g_assert_false (cancelled);
  g_assert_cmpuint (results->len, ==, 4);
  g_assert_true (bench_result_is_success (g_ptr_array_index (results, 0)));
  g_assert_false (bench_result_is_success (g_ptr_array_index (results, 1)));
  g_assert_false (bench_result_is_success (g_ptr_array_index (results, 2)));
  g_assert_true (bench_result_is_success (g_ptr_array_index (results, 3)));

  /* raw/ holds this run only: a failure is written with its reason and
   * replaces the earlier file (which lives on in the history). */
  files = test_list_dir (raw);
  g_assert_cmpstrv (files, ((const char * const[]) { "busy.json", "fast.json", "run_fails.json",
                                                      "unimplemented.json", NULL }));
  kept = test_read_file (old_failure);
  g_assert_cmpstr (kept, !=, earlier);
  g_assert_nonnull (strstr (kept, "\"error\" : \"operation 3 went wrong"));

  summary = test_read_file (summary_path);
  g_assert_nonnull (strstr (summary, "| fast |"));
  g_assert_nonnull (strstr (summary, "| busy |"));
  g_assert_nonnull (strstr (summary, "- `run_fails`: operation 3 went wrong"));
  g_assert_nonnull (strstr (summary, "- `unimplemented`: "));

  /* Each target: RUNNING from 0, fractions that only grow, then one final
   * state carrying the result, after which nothing more about it. */
  for (guint t = 0; t < targets->len; t++)
    {
      double last = -1.0;
      guint finals = 0;
      guint seen = 0;
      gint64 last_running = 0;

      for (guint i = 0; i < events->len; i++)
        {
          Event *e = &g_array_index (events, Event, i);

          if (e->index != t)
            continue;
          g_assert_true (e->target == g_ptr_array_index (targets, t));
          g_assert_cmpuint (finals, ==, 0);
          if (seen++ == 0)
            {
              g_assert_cmpint (e->state, ==, BENCH_TARGET_STATE_RUNNING);
              g_assert_cmpfloat (e->fraction, ==, 0.0);
            }
          g_assert_cmpfloat (e->fraction, >=, last);
          g_assert_cmpfloat (e->fraction, <=, 1.0);
          last = e->fraction;
          if (e->state == BENCH_TARGET_STATE_RUNNING)
            {
              /* Throttled to about one report per 20 ms. */
              if (last_running != 0)
                g_assert_cmpint (e->time_ns - last_running, >=, 15 * 1000 * 1000);
              last_running = e->time_ns;
              g_assert_false (e->has_result);
            }
          else
            {
              finals++;
              g_assert_true (e->has_result);
              g_assert_cmpint (e->state, ==, (t == 1 || t == 2) ? BENCH_TARGET_STATE_FAILED
                                                                : BENCH_TARGET_STATE_DONE);
              g_assert_cmpfloat (e->fraction, ==, 1.0);
            }
        }
      g_assert_cmpuint (finals, ==, 1);
    }

  test_rm_rf (dir);
}

static void
test_bad_output_runs_nothing (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *file = g_build_filename (dir, "file", NULL);
  g_autofree char *below = g_build_filename (file, "out", NULL);
  g_autoptr(GPtrArray) targets = target_list (&run_fails_target, NULL);
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (Event));
  const char *outputs[] = { file, below };

  test_write_file (file, "not a directory");
  for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) results = NULL;

      reset_counters ();
      results = bench_runner_run (targets, NULL, outputs[i], TRUE, record_event, events,
                                  NULL, NULL, &error);
      g_assert_null (results);
      g_assert_error (error, BENCH_ERROR, BENCH_ERROR_OUTPUT_NOT_WRITABLE);
      g_assert_cmpuint (counters.setups, ==, 0);
      g_assert_cmpuint (events->len, ==, 0);
    }

  test_rm_rf (dir);
}
/* Busy for BUSY_NS per operation; after warming up, every third batch
 * also waits 3 ms off the CPU, as when other work takes it. */
static guint starved_batches;

static gboolean
starved_run (gpointer   state,
             guint64    iterations,
             GError   **error)
{
  if (++starved_batches > 60 && starved_batches % 3 == 0)
    g_usleep (3000);
  for (guint64 i = 0; i < iterations; i++)
    busy_wait (BUSY_NS);
  return TRUE;
}

/* Samples that lost their CPU are left out of the figures and counted:
 * the headline is the undisturbed time per operation. */
static void
test_disturbed_samples_left_out (void)
{
  static const BenchTarget starved_target = {
    .id = "starved", .display_name = "starved", .category = "test", .description = "test",
    .run_iterations = starved_run,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(BenchResult) result = NULL;
  BenchRunOptions options = { 0 };
  gint64 disturbed, used;

  bench_run_options_init_quick (&options);
  options.isolation = BENCH_ISOLATION_IN_PROCESS;
  options.warmup_us = 100 * 1000;
  options.min_measure_us = 200 * 1000;
  starved_batches = 0;
  result = bench_run_target (&starved_target, &options, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  disturbed = metric_int (result, "disturbed_samples");
  used = metric_int (result, "samples");
  g_test_message ("disturbed %" G_GINT64_FORMAT ", used %" G_GINT64_FORMAT ", avg %" G_GINT64_FORMAT " ns",
                  disturbed, used, metric_int (result, "avg_duration_ns"));
  /* A third of the samples waited, and sampling went on past the
   * measuring time to make up for them. */
  g_assert_cmpint (disturbed, >=, used / 4);
  g_assert_cmpint (metric_int (result, "measure_duration_ms"), >, options.min_measure_us / 1000);
  /* A 3 ms wait in a ~1 ms sample would add far more than 10%. */
  assert_within ((double) metric_int (result, "avg_duration_ns"), BUSY_NS, 0.10, "undisturbed mean");
  assert_within (metric_double (result, "cpu_avg_duration_ns"), BUSY_NS, 0.10, "CPU time per operation");
}

static gint spinning;

static gboolean
beside_run (gpointer   state,
            guint64    iterations,
            GError   **error)
{
  for (guint64 i = 0; i < iterations; i++)
    busy_wait (BUSY_NS / 10);
  return TRUE;
}

static gpointer
spin_thread (gpointer data)
{
  volatile guint64 spins = 0;

  while (g_atomic_int_get (&spinning))
    spins++;
  return NULL;
}

/* Other work running beside the target, on another CPU, makes its samples
 * disturbed even though the target's thread keeps its CPU. */
static void
test_busy_neighbour (void)
{
  static const BenchTarget busy_beside = {
    .id = "busy_beside", .display_name = "busy_beside", .category = "test", .description = "test",
    .run_iterations = beside_run,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(BenchResult) result = NULL;
  g_autofree char *notes = NULL;
  BenchRunOptions options = { 0 };
  GThread *thread;

  if (g_get_num_processors () < 2)
    {
      g_test_skip ("one CPU: nothing can run beside the target");
      return;
    }
  g_unsetenv ("COST_OPS_IGNORE_NEIGHBOURS");
  bench_run_options_init_quick (&options);
  options.isolation = BENCH_ISOLATION_IN_PROCESS;
  g_atomic_int_set (&spinning, 1);
  thread = g_thread_new ("spin", spin_thread, NULL);
  result = bench_run_target (&busy_beside, &options, 0, NULL, NULL, NULL, &error);
  g_atomic_int_set (&spinning, 0);
  g_thread_join (thread);
  g_setenv ("COST_OPS_IGNORE_NEIGHBOURS", "1", TRUE);
  g_assert_no_error (error);
  g_test_message ("disturbed %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " samples",
                  metric_int (result, "disturbed_samples"),
                  metric_int (result, "disturbed_samples") + metric_int (result, "samples"));
  g_assert_true (json_object_get_boolean_member (bench_result_get_metrics (result), "disturbed"));
  g_assert_true (bench_result_is_disturbed (result));
  notes = bench_result_dup_notes (result);
  g_assert_true (g_str_has_prefix (notes, "disturbed: "));
}

/* The machine slows down for 60 ms out of every 120 (as when another
 * tenant's work shares the core), the target and the reference loop
 * alike, without a context switch or anything busy on this machine. */
static gboolean
machine_slowed (void)
{
  return (bench_clock_now_ns () / (60 * 1000 * 1000)) % 2 == 1;
}

static double
slowed_probe (double elapsed_ns)
{
  return machine_slowed () ? elapsed_ns * 0.5 : 0.0;
}

static gboolean
slowed_run (gpointer   state,
            guint64    iterations,
            GError   **error)
{
  for (guint64 i = 0; i < iterations; i++)
    busy_wait (machine_slowed () ? BUSY_NS * 3 / 2 : BUSY_NS);
  return TRUE;
}

/* Samples taken while the reference loop ran slower than its best are
 * left out: the headline is the machine's full speed, and the result
 * counts what it left out. */
static void
test_slowed_machine (void)
{
  static const BenchTarget slowed_target = {
    .id = "slowed", .display_name = "slowed", .category = "test", .description = "test",
    .run_iterations = slowed_run,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(BenchResult) result = NULL;
  BenchRunOptions options = { 0 };
  gint64 slowed, used;

  bench_run_options_init_quick (&options);
  options.isolation = BENCH_ISOLATION_IN_PROCESS;
  options.min_measure_us = 300 * 1000;
  bench_speed_probe_reset ();
  bench_speed_probe_set_test_func (slowed_probe);
  result = bench_run_target (&slowed_target, &options, 0, NULL, NULL, NULL, &error);
  bench_speed_probe_set_test_func (NULL);
  g_assert_no_error (error);
  slowed = metric_int (result, "slowed_samples");
  used = metric_int (result, "samples");
  g_test_message ("slowed %" G_GINT64_FORMAT ", used %" G_GINT64_FORMAT ", avg %" G_GINT64_FORMAT " ns",
                  slowed, used, metric_int (result, "avg_duration_ns"));
  /* Half the time was slowed; those samples were made up for. */
  g_assert_cmpint (slowed, >=, used / 4);
  g_assert_cmpint (metric_int (result, "disturbed_samples"), >=, slowed);
  g_assert_cmpint (metric_int (result, "reference_loop_ns"), >, 0);
  /* Half the samples at 1.5 times would put the mean 25% over. */
  assert_within ((double) metric_int (result, "avg_duration_ns"), BUSY_NS, 0.10, "full-speed mean");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/runner/measure/busy-wait", test_busy_wait_measured);
  g_test_add_func ("/runner/measure/disturbed-left-out", test_disturbed_samples_left_out);
  g_test_add_func ("/runner/measure/busy-neighbour", test_busy_neighbour);
  g_test_add_func ("/runner/measure/slowed-machine", test_slowed_machine);
  g_test_add_func ("/runner/measure/fast-target", test_fast_target_batches);
  g_test_add_func ("/runner/measure/min-iterations-per-sample", test_min_iterations_per_sample);
  g_test_add_func ("/runner/failure/unimplemented", test_unimplemented_fails);
  g_test_add_func ("/runner/failure/setup", test_setup_fails);
  g_test_add_func ("/runner/failure/run", test_run_fails);
  g_test_add_func ("/runner/failure/silent", test_silent_failure);
  g_test_add_func ("/runner/failure/metric-overwrite", test_metric_overwrite_fails);
  g_test_add_func ("/runner/failure/bad-id", test_bad_id_fails);
  g_test_add_func ("/runner/run/continues-after-failure", test_run_continues_after_failure);
  g_test_add_func ("/runner/run/bad-output", test_bad_output_runs_nothing);

  return g_test_run ();
}
