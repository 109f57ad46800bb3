/* test-runner.c: the runner measures what a target does, survives targets
 * that fail, selects targets by id and stops cleanly when cancelled.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <time.h>

#include "bench-error.h"
#include "bench-output.h"
#include "bench-registry.h"
#include "bench-runner.h"
#include "test-util.h"

/* ---- test targets ------------------------------------------------------ */

static gint64
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Each iteration spins until a fixed time has passed: its true duration is
 * known, so the runner's figures can be checked against it. */
static void
busy_wait (gint64 ns)
{
  gint64 deadline = now_ns () + ns;
  gint64 t;

  do
    t = now_ns ();
  while (t < deadline);
  bench_keep (t);
}

#define BUSY_NS (100 * 1000)
#define VARIANT_NS (50 * 1000)

static gpointer
busy_setup (const BenchTarget *target,
            GError           **error)
{
  return g_new0 (gint64, 1);
}

static gboolean
busy_run (gpointer   state,
          guint64    iterations,
          GError   **error)
{
  for (guint64 i = 0; i < iterations; i++)
    busy_wait (BUSY_NS);
  *(gint64 *) state += (gint64) iterations;
  return TRUE;
}

static gboolean
variant_run (gpointer   state,
             guint64    iterations,
             GError   **error)
{
  for (guint64 i = 0; i < iterations; i++)
    busy_wait (VARIANT_NS);
  return TRUE;
}

static gboolean
busy_add_metrics (gpointer       state,
                  BenchContext  *context,
                  JsonObject    *metrics,
                  GError       **error)
{
  double ops = 0.0;

  if (!bench_context_measure (context, variant_run, state, &ops, error))
    return FALSE;
  json_object_set_double_member (metrics, "variant_ops_per_second", ops);
  json_object_set_int_member (metrics, "iterations_seen", *(gint64 *) state);
  return TRUE;
}

static const BenchTarget busy_target = {
  .id = "busy",
  .display_name = "Busy",
  .category = "test",
  .description = "Spins for a known time",
  .setup = busy_setup,
  .run_iterations = busy_run,
  .add_metrics = busy_add_metrics,
  .teardown = g_free,
};

static gboolean
fast_run (gpointer   state,
          guint64    iterations,
          GError   **error)
{
  guint64 sum = 0;

  for (guint64 i = 0; i < iterations; i++)
    {
      sum += i ^ (sum >> 3);
      bench_keep (sum);
    }
  return TRUE;
}

static const BenchTarget fast_target = {
  .id = "fast",
  .display_name = "Fast",
  .category = "test",
  .description = "A few instructions per iteration",
  .run_iterations = fast_run,
};

static const BenchTarget placeholder_target = {
  .id = "placeholder",
  .display_name = "Placeholder",
  .category = "test",
  .description = "Has nothing to run",
};

/* Counters of the failing targets, reset by each test. */
static struct {
  guint setups;
  guint runs;
  guint teardowns;
  guint runs_after_cancel;
  GCancellable *cancellable;
} counters;

static gpointer
counting_setup (const BenchTarget *target,
                GError           **error)
{
  counters.setups++;
  return &counters;
}

static void
counting_teardown (gpointer state)
{
  g_assert_true (state == &counters);
  counters.teardowns++;
}

static gpointer
failing_setup (const BenchTarget *target,
               GError           **error)
{
  counters.setups++;
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, "fixture data is missing");
  return NULL;
}

static gboolean
fail_on_third_run (gpointer   state,
                   guint64    iterations,
                   GError   **error)
{
  if (++counters.runs == 3)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "operation %u went wrong", counters.runs);
      return FALSE;
    }
  return TRUE;
}

static gboolean
silent_failure_run (gpointer   state,
                    guint64    iterations,
                    GError   **error)
{
  return FALSE;
}

static gboolean
overwriting_add_metrics (gpointer       state,
                         BenchContext  *context,
                         JsonObject    *metrics,
                         GError       **error)
{
  json_object_set_double_member (metrics, "operations_per_second", 1e12);
  return TRUE;
}

static const BenchTarget setup_fails_target = {
  .id = "setup_fails", .display_name = "x", .category = "test", .description = "x",
  .setup = failing_setup, .run_iterations = fast_run, .teardown = counting_teardown,
};
static const BenchTarget run_fails_target = {
  .id = "run_fails", .display_name = "x", .category = "test", .description = "x",
  .setup = counting_setup, .run_iterations = fail_on_third_run, .teardown = counting_teardown,
};
static const BenchTarget silent_target = {
  .id = "silent", .display_name = "x", .category = "test", .description = "x",
  .run_iterations = silent_failure_run,
};
static const BenchTarget overwriting_target = {
  .id = "overwriting", .display_name = "x", .category = "test", .description = "x",
  .run_iterations = fast_run, .add_metrics = overwriting_add_metrics,
};
static const BenchTarget bad_id_target = {
  .id = "../escape", .display_name = "x", .category = "test", .description = "x",
  .run_iterations = fast_run,
};

static gboolean
cancel_on_third_run (gpointer   state,
                     guint64    iterations,
                     GError   **error)
{
  if (g_cancellable_is_cancelled (counters.cancellable))
    counters.runs_after_cancel++;
  if (++counters.runs == 3)
    g_cancellable_cancel (counters.cancellable);
  return TRUE;
}

static const BenchTarget canceller_target = {
  .id = "canceller", .display_name = "x", .category = "test", .description = "x",
  .setup = counting_setup, .run_iterations = cancel_on_third_run, .teardown = counting_teardown,
};

static void
reset_counters (void)
{
  g_clear_object (&counters.cancellable);
  memset (&counters, 0, sizeof counters);
}

/* Short runs keep the suite fast; the busy-wait test uses longer ones. */
static void
short_options (BenchRunOptions *options)
{
  options->min_measure_us = 30 * 1000;
  options->warmup_us = 5 * 1000;
  options->min_samples = 5;
}

static GPtrArray *
target_list (const BenchTarget *first,
             ...)
{
  GPtrArray *targets = g_ptr_array_new ();
  va_list args;

  va_start (args, first);
  for (const BenchTarget *t = first; t != NULL; t = va_arg (args, const BenchTarget *))
    g_ptr_array_add (targets, (gpointer) t);
  va_end (args);
  return targets;
}

static gint64
metric_int (BenchResult *result,
            const char  *name)
{
  JsonNode *node = json_object_get_member (bench_result_get_metrics (result), name);

  g_assert_nonnull (node);
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_INT64);
  return json_node_get_int (node);
}

static double
metric_double (BenchResult *result,
               const char  *name)
{
  JsonNode *node = json_object_get_member (bench_result_get_metrics (result), name);

  g_assert_nonnull (node);
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_DOUBLE);
  return json_node_get_double (node);
}

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
  BenchRunOptions options;
  const double *samples;
  guint n_samples;
  gint64 per_sample, total, n;

  bench_run_options_init_quick (&options);
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
  g_assert_cmpint (metric_int (result, "total_duration_ms"), >=, options.min_measure_us / 1000 * 9 / 10);

  /* The seed's definition: iterations over the time they took. */
  assert_within (metric_double (result, "operations_per_second"),
                 (double) total / ((double) metric_int (result, "total_duration_ms") / 1e3), 0.01,
                 "ops/sec against total time");
  assert_within (metric_double (result, "operations_per_second") * (double) metric_int (result, "avg_duration_ns"),
                 1e9, 0.01, "ops/sec × avg");

  /* The variant measured through the context spins half as long. */
  assert_within (metric_double (result, "variant_ops_per_second"), 1e9 / VARIANT_NS, 0.10, "variant ops/sec");
  /* The target's own figure sits beside the framework's. */
  g_assert_cmpint (metric_int (result, "iterations_seen"), ==,
                   total + metric_int (result, "warmup_iterations"));

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
  BenchRunOptions options;
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

/* ---- failures ---------------------------------------------------------- */

static BenchResult *
run_one (const BenchTarget *target)
{
  g_autoptr(GError) error = NULL;
  BenchRunOptions options;
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
test_placeholder_fails (void)
{
  g_autoptr(BenchResult) result = run_one (&placeholder_target);

  g_assert_error (bench_result_get_error (result), BENCH_ERROR, BENCH_ERROR_TARGET_FAILED);
  g_assert_nonnull (strstr (bench_result_get_error (result)->message, "placeholder"));
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

typedef struct {
  guint             index;
  const BenchTarget *target;
  BenchTargetState  state;
  double            fraction;
  gboolean          has_result;
  gint64            time_ns;
} Event;

static void
record_event (guint              index,
              const BenchTarget *target,
              BenchTargetState   state,
              double             fraction,
              BenchResult       *result,
              gpointer           user_data)
{
  Event event = { index, target, state, fraction, result != NULL, now_ns () };

  g_array_append_val ((GArray *) user_data, event);
}

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
                                               &placeholder_target, &busy_target, NULL);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (Event));
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;
  const char *earlier = "{ \"earlier\": \"run\" }\n";
  BenchRunOptions options;
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

  /* Successes are written; a failure leaves the earlier file as it was. */
  files = test_list_dir (raw);
  g_assert_cmpstrv (files, ((const char * const[]) { "busy.json", "fast.json", "run_fails.json", NULL }));
  kept = test_read_file (old_failure);
  g_assert_cmpstr (kept, ==, earlier);

  summary = test_read_file (summary_path);
  g_assert_nonnull (strstr (summary, "| fast |"));
  g_assert_nonnull (strstr (summary, "| busy |"));
  g_assert_nonnull (strstr (summary, "- `run_fails`: operation 3 went wrong"));
  g_assert_nonnull (strstr (summary, "- `placeholder`: "));

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
test_unsaved_result_is_failure (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *blocker = g_build_filename (dir, "raw", "fast.json", NULL);
  g_autoptr(GPtrArray) targets = target_list (&fast_target, NULL);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  BenchRunOptions options;
  BenchResult *result;

  short_options (&options);
  /* A directory where the result file belongs: the rename must fail. */
  g_assert_cmpint (g_mkdir_with_parents (blocker, 0755), ==, 0);

  results = bench_runner_run (targets, &options, dir, FALSE, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 1);
  result = g_ptr_array_index (results, 0);
  g_assert_false (bench_result_is_success (result));
  g_assert_nonnull (strstr (bench_result_get_error (result)->message, "Result could not be saved"));
  g_assert_true (g_file_test (blocker, G_FILE_TEST_IS_DIR));

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

/* ---- cancellation ------------------------------------------------------ */

static void
test_cancel_keeps_finished (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *raw = g_build_filename (dir, "raw", NULL);
  g_autofree char *summary = g_build_filename (dir, "summary.md", NULL);
  g_autoptr(GPtrArray) targets = target_list (&fast_target, &canceller_target, &busy_target, NULL);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (Event));
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;
  BenchRunOptions options;
  gboolean cancelled = FALSE;
  guint cancelled_events = 0;

  reset_counters ();
  counters.cancellable = g_cancellable_new ();
  short_options (&options);

  results = bench_runner_run (targets, &options, dir, TRUE, record_event, events,
                              counters.cancellable, &cancelled, &error);
  g_assert_no_error (error);
  g_assert_true (cancelled);
  g_assert_cmpuint (results->len, ==, 1);
  g_assert_cmpstr (bench_result_get_target_id (g_ptr_array_index (results, 0)), ==, "fast");

  /* No batch after the one that cancelled; the state was still freed. */
  g_assert_cmpuint (counters.runs, ==, 3);
  g_assert_cmpuint (counters.runs_after_cancel, ==, 0);
  g_assert_cmpuint (counters.teardowns, ==, 1);

  /* The finished result is on disk, nothing else: no partial or temporary
   * file, no summary of a run that did not finish. */
  files = test_list_dir (raw);
  g_assert_cmpstrv (files, ((const char * const[]) { "fast.json", NULL }));
  g_assert_false (g_file_test (summary, G_FILE_TEST_EXISTS));

  for (guint i = 0; i < events->len; i++)
    {
      Event *e = &g_array_index (events, Event, i);

      g_assert_cmpuint (e->index, <, 2);
      if (e->state == BENCH_TARGET_STATE_CANCELLED)
        {
          g_assert_cmpuint (e->index, ==, 1);
          g_assert_false (e->has_result);
          cancelled_events++;
        }
    }
  g_assert_cmpuint (cancelled_events, ==, 1);

  reset_counters ();
  test_rm_rf (dir);
}

static void
test_cancel_single_target (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BenchResult) result = NULL;
  BenchRunOptions options;

  reset_counters ();
  counters.cancellable = g_cancellable_new ();
  short_options (&options);
  result = bench_run_target (&canceller_target, &options, 0, NULL, NULL,
                             counters.cancellable, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (counters.teardowns, ==, 1);
  reset_counters ();
}

/* The way the app uses the runner: in a worker thread, cancelled from the
 * main thread while a target is being measured. */
typedef struct {
  GMutex        lock;
  GCond         cond;
  gboolean      running;
  GCancellable *cancellable;
  GPtrArray    *results;
  gboolean      cancelled;
  gint64        returned_ns;
} ThreadRun;

static void
thread_progress (guint              index,
                 const BenchTarget *target,
                 BenchTargetState   state,
                 double             fraction,
                 BenchResult       *result,
                 gpointer           user_data)
{
  ThreadRun *run = user_data;

  if (state == BENCH_TARGET_STATE_RUNNING && fraction > 0.0)
    {
      g_mutex_lock (&run->lock);
      run->running = TRUE;
      g_cond_signal (&run->cond);
      g_mutex_unlock (&run->lock);
    }
}

static gpointer
thread_main (gpointer data)
{
  ThreadRun *run = data;
  g_autoptr(GPtrArray) targets = target_list (&busy_target, &fast_target, NULL);
  g_autoptr(GError) error = NULL;
  BenchRunOptions options;

  bench_run_options_init_default (&options);
  options.min_measure_us = 60 * G_USEC_PER_SEC;   /* far longer than the test */
  run->results = bench_runner_run (targets, &options, NULL, FALSE, thread_progress, run,
                                   run->cancellable, &run->cancelled, &error);
  g_assert_no_error (error);
  run->returned_ns = now_ns ();
  return NULL;
}

static void
test_cancel_from_other_thread (void)
{
  ThreadRun run = { 0 };
  GThread *thread;
  gint64 cancelled_at;

  g_mutex_init (&run.lock);
  g_cond_init (&run.cond);
  run.cancellable = g_cancellable_new ();

  thread = g_thread_new ("runner", thread_main, &run);
  g_mutex_lock (&run.lock);
  while (!run.running)
    g_cond_wait (&run.cond, &run.lock);
  g_mutex_unlock (&run.lock);

  cancelled_at = now_ns ();
  g_cancellable_cancel (run.cancellable);
  g_thread_join (thread);

  g_test_message ("runner returned %.1f ms after cancel",
                  (double) (run.returned_ns - cancelled_at) / 1e6);
  g_assert_true (run.cancelled);
  g_assert_cmpuint (run.results->len, ==, 0);

  g_ptr_array_unref (run.results);
  g_object_unref (run.cancellable);
  g_mutex_clear (&run.lock);
  g_cond_clear (&run.cond);
}

/* ---- selection --------------------------------------------------------- */

static const BenchTarget * const registry[] = {
  &fast_target, &busy_target, &placeholder_target, NULL,
};

static void
test_select (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) chosen = NULL;

  chosen = bench_registry_select (registry, "placeholder,fast", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chosen->len, ==, 2);
  g_assert_true (g_ptr_array_index (chosen, 0) == &placeholder_target);
  g_assert_true (g_ptr_array_index (chosen, 1) == &fast_target);
  g_clear_pointer (&chosen, g_ptr_array_unref);

  chosen = bench_registry_select (registry, NULL, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chosen->len, ==, 3);
  g_assert_true (g_ptr_array_index (chosen, 0) == &fast_target);
  g_assert_true (g_ptr_array_index (chosen, 2) == &placeholder_target);
  g_clear_pointer (&chosen, g_ptr_array_unref);

  g_assert_true (bench_registry_lookup (registry, "busy") == &busy_target);
  g_assert_null (bench_registry_lookup (registry, "bus"));
}

static void
test_select_errors (void)
{
  struct {
    const char *selection;
    int         code;
    const char *message_part;
  } cases[] = {
    { NULL, BENCH_ERROR_EMPTY_SELECTION, "fast, busy, placeholder" },
    { "", BENCH_ERROR_EMPTY_SELECTION, "fast, busy, placeholder" },
    { "fast,,busy", BENCH_ERROR_EMPTY_SELECTION, "fast,,busy" },
    { "fast,", BENCH_ERROR_EMPTY_SELECTION, "fast," },
    { "nope", BENCH_ERROR_UNKNOWN_TARGET, "Unknown target “nope”; valid targets are: fast, busy, placeholder" },
    { "fast,Fast", BENCH_ERROR_UNKNOWN_TARGET, "“Fast”" },
    { "fas", BENCH_ERROR_UNKNOWN_TARGET, "“fas”" },
    { "busy,fast,busy", BENCH_ERROR_DUPLICATE_TARGET, "“busy”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) chosen = bench_registry_select (registry, cases[i].selection, FALSE, &error);

      g_assert_null (chosen);
      g_assert_error (error, BENCH_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].message_part));
    }
}

static void
test_target_ids (void)
{
  g_assert_true (bench_target_id_is_valid ("cost_calculator"));
  g_assert_true (bench_target_id_is_valid ("a1"));
  g_assert_false (bench_target_id_is_valid (""));
  g_assert_false (bench_target_id_is_valid (NULL));
  g_assert_false (bench_target_id_is_valid ("Cost"));
  g_assert_false (bench_target_id_is_valid ("a-b"));
  g_assert_false (bench_target_id_is_valid ("../x"));
  g_assert_false (bench_target_id_is_valid ("a b"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/runner/measure/busy-wait", test_busy_wait_measured);
  g_test_add_func ("/runner/measure/fast-target", test_fast_target_batches);
  g_test_add_func ("/runner/failure/placeholder", test_placeholder_fails);
  g_test_add_func ("/runner/failure/setup", test_setup_fails);
  g_test_add_func ("/runner/failure/run", test_run_fails);
  g_test_add_func ("/runner/failure/silent", test_silent_failure);
  g_test_add_func ("/runner/failure/metric-overwrite", test_metric_overwrite_fails);
  g_test_add_func ("/runner/failure/bad-id", test_bad_id_fails);
  g_test_add_func ("/runner/run/continues-after-failure", test_run_continues_after_failure);
  g_test_add_func ("/runner/run/unsaved-result", test_unsaved_result_is_failure);
  g_test_add_func ("/runner/run/bad-output", test_bad_output_runs_nothing);
  g_test_add_func ("/runner/cancel/keeps-finished", test_cancel_keeps_finished);
  g_test_add_func ("/runner/cancel/single-target", test_cancel_single_target);
  g_test_add_func ("/runner/cancel/other-thread", test_cancel_from_other_thread);
  g_test_add_func ("/registry/select", test_select);
  g_test_add_func ("/registry/select-errors", test_select_errors);
  g_test_add_func ("/registry/target-ids", test_target_ids);

  return g_test_run ();
}
