/* test-targets.c: see test-targets.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "test-targets.h"

#include <string.h>
#include <time.h>

gint64
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Each iteration spins until a fixed time has passed: its true duration is
 * known, so the runner's figures can be checked against it. */
void
busy_wait (gint64 ns)
{
  gint64 deadline = now_ns () + ns;
  gint64 t;

  do
    t = now_ns ();
  while (t < deadline);
  bench_keep (t);
}

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

const BenchTarget busy_target = {
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

const BenchTarget fast_target = {
  .id = "fast",
  .display_name = "Fast",
  .category = "test",
  .description = "A few instructions per iteration",
  .run_iterations = fast_run,
};

const BenchTarget unimplemented_target = {
  .id = "unimplemented",
  .display_name = "Unimplemented",
  .category = "test",
  .description = "Has nothing to run",
};

/* Counters of the failing targets, reset by each test. */
TestCounters counters;

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

const BenchTarget setup_fails_target = {
  .id = "setup_fails", .display_name = "x", .category = "test", .description = "x",
  .setup = failing_setup, .run_iterations = fast_run, .teardown = counting_teardown,
};
const BenchTarget run_fails_target = {
  .id = "run_fails", .display_name = "x", .category = "test", .description = "x",
  .setup = counting_setup, .run_iterations = fail_on_third_run, .teardown = counting_teardown,
};
const BenchTarget silent_target = {
  .id = "silent", .display_name = "x", .category = "test", .description = "x",
  .run_iterations = silent_failure_run,
};
const BenchTarget overwriting_target = {
  .id = "overwriting", .display_name = "x", .category = "test", .description = "x",
  .run_iterations = fast_run, .add_metrics = overwriting_add_metrics,
};
const BenchTarget bad_id_target = {
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

const BenchTarget canceller_target = {
  .id = "canceller", .display_name = "x", .category = "test", .description = "x",
  .setup = counting_setup, .run_iterations = cancel_on_third_run, .teardown = counting_teardown,
};

void
reset_counters (void)
{
  g_clear_object (&counters.cancellable);
  memset (&counters, 0, sizeof counters);
}

/* Short runs keep the suite fast; the busy-wait test uses longer ones. */
void
short_options (BenchRunOptions *options)
{
  options->min_measure_us = 30 * 1000;
  options->warmup_us = 5 * 1000;
  options->min_samples = 5;
}

GPtrArray *
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

gint64
metric_int (BenchResult *result,
            const char  *name)
{
  JsonNode *node = json_object_get_member (bench_result_get_metrics (result), name);

  g_assert_nonnull (node);
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_INT64);
  return json_node_get_int (node);
}

double
metric_double (BenchResult *result,
               const char  *name)
{
  JsonNode *node = json_object_get_member (bench_result_get_metrics (result), name);

  g_assert_nonnull (node);
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_DOUBLE);
  return json_node_get_double (node);
}

void
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
