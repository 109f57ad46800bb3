/* test-run-task.c: the run task moves progress to the main loop through one
 * pending idle, however often the runner reports.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cob-run-task.h"
#include "gui-test-targets.h"

typedef struct {
  guint n_signals;
  int last_state[2];
  guint n_results;
  GPtrArray *results;
  gboolean cancelled;
  gboolean finished;
} RunState;

static void
on_target_changed (CobRunTask  *task,
                   guint        index,
                   int          state,
                   double       fraction,
                   BenchResult *result,
                   RunState    *run)
{
  g_assert_cmpuint (index, <, 2);
  run->n_signals++;
  run->last_state[index] = state;
  if (result != NULL)
    run->n_results++;
}

static void
on_finished (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  RunState *run = user_data;
  g_autoptr(GError) error = NULL;

  run->results = cob_run_task_finish (COB_RUN_TASK (source), result, &run->cancelled, &error);
  g_assert_no_error (error);
  run->finished = TRUE;
}

static GPtrArray *
two_fast_targets (void)
{
  const BenchTarget * const *all = gui_test_targets ();
  GPtrArray *targets = g_ptr_array_new ();

  /* fast_a and fast_b */
  g_ptr_array_add (targets, (gpointer) all[0]);
  g_ptr_array_add (targets, (gpointer) all[1]);
  return targets;
}

static void
test_updates_coalesce (void)
{
  g_autoptr(GPtrArray) targets = two_fast_targets ();
  g_autoptr(CobRunTask) task = NULL;
  BenchRunOptions options = { 0 };
  RunState run = { 0 };

  bench_run_options_init_quick (&options);

  options.isolation = BENCH_ISOLATION_IN_PROCESS;   /* this program's own targets */
  task = cob_run_task_new (targets, &options, NULL);
  g_signal_connect (task, "target-changed", G_CALLBACK (on_target_changed), &run);
  cob_run_task_start (task, NULL, on_finished, &run);
  g_assert_true (cob_run_task_get_running (task));

  /* The main loop is busy elsewhere while the whole run happens: the
   * runner reports RUNNING many times (every ~20 ms for ~0.3 s) and then
   * DONE twice, and all of it must wait in the one pending update. */
  {
    guint before = gui_test_count_teardowns ();
    gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

    while (gui_test_count_teardowns () < before + 2 && g_get_monotonic_time () < deadline)
      g_usleep (10000);
    g_assert_cmpuint (gui_test_count_teardowns (), ==, before + 2);
    /* The runner's last report follows the teardown closely. */
    g_usleep (G_USEC_PER_SEC / 5);
  }
  g_assert_cmpuint (run.n_signals, ==, 0);

  while (!run.finished)
    g_main_context_iteration (NULL, TRUE);
  /* Drain whatever idle is still queued: it must bring nothing new. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_false (run.cancelled);
  g_assert_nonnull (run.results);
  g_assert_cmpuint (run.results->len, ==, 2);
  g_assert_cmpuint (cob_run_task_get_n_updates (task), ==, 1);
  g_assert_cmpuint (run.n_signals, ==, 2);
  g_assert_cmpint (run.last_state[0], ==, BENCH_TARGET_STATE_DONE);
  g_assert_cmpint (run.last_state[1], ==, BENCH_TARGET_STATE_DONE);
  g_assert_cmpuint (run.n_results, ==, 2);
  g_assert_cmpfloat (cob_run_task_get_fraction (task), ==, 1.0);
  g_assert_false (cob_run_task_get_running (task));
  g_ptr_array_unref (run.results);
}

static void
test_updates_arrive_during_run (void)
{
  g_autoptr(GPtrArray) targets = two_fast_targets ();
  g_autoptr(CobRunTask) task = NULL;
  BenchRunOptions options = { 0 };
  RunState run = { 0 };
  gboolean saw_partial = FALSE;

  bench_run_options_init_quick (&options);

  options.isolation = BENCH_ISOLATION_IN_PROCESS;   /* this program's own targets */
  task = cob_run_task_new (targets, &options, NULL);
  g_signal_connect (task, "target-changed", G_CALLBACK (on_target_changed), &run);
  cob_run_task_start (task, NULL, on_finished, &run);

  /* With the loop free, progress shows while the run goes on. */
  while (!run.finished)
    {
      g_main_context_iteration (NULL, TRUE);
      if (!run.finished && cob_run_task_get_fraction (task) > 0 && cob_run_task_get_fraction (task) < 1)
        saw_partial = TRUE;
    }
  g_assert_true (saw_partial);
  g_assert_cmpuint (cob_run_task_get_n_updates (task), >, 1);
  g_assert_cmpint (run.last_state[1], ==, BENCH_TARGET_STATE_DONE);
  g_ptr_array_unref (run.results);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/run-task/updates-coalesce", test_updates_coalesce);
  g_test_add_func ("/run-task/updates-arrive-during-run", test_updates_arrive_during_run);
  return g_test_run ();
}
