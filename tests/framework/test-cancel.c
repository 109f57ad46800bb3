/* test-cancel.c: a cancelled run stops between samples, keeps the results
 * that were finished and leaves no partial file behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "test-targets.h"
#include "test-util.h"

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
  BenchRunOptions options = { 0 };
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
   * file; summary.md says the run was cancelled and what did not run. */
  files = test_list_dir (raw);
  g_assert_cmpstrv (files, ((const char * const[]) { "fast.json", NULL }));
  {
    g_autofree char *text = test_read_file (summary);

    g_assert_nonnull (strstr (text, "- Status: cancelled; targets that did not run: canceller, busy\n"));
  }

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
  BenchRunOptions options = { 0 };

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
  BenchRunOptions options = { 0 };

  bench_run_options_init_default (&options);

  options.isolation = BENCH_ISOLATION_IN_PROCESS;   /* this program's own targets */
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
int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cancel/keeps-finished", test_cancel_keeps_finished);
  g_test_add_func ("/cancel/single-target", test_cancel_single_target);
  g_test_add_func ("/cancel/other-thread", test_cancel_from_other_thread);

  return g_test_run ();
}
