/* test-crash.c: the window runs targets that crash in worker processes
 * (tests/framework/test-worker via COST_OPS_WORKER): the app stays open and
 * shows each failure's reason; Cancel stops a target that loops for ever
 * and gives control back at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "cob-result-row.h"
#include "cob-target-row.h"
#include "bench-transaction.h"
#include "cob-window-private.h"
#include "crash-targets.h"
#include "gui-test-targets.h"

typedef struct {
  char *dir;
  CobWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = g_dir_make_tmp ("cob-crash-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
  if (!gui_test_have_display ())
    return;
  fixture->window = gui_test_window_open (crash_targets_get_all (), data, fixture->dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gui_test_window_close (&fixture->window);
  gui_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}


static const char *select_crashes[] = { "crash_segv", "steady", "crash_abort", "exits_early", NULL };

static void
test_crashes_are_rows (Fixture       *fixture,
                       gconstpointer  data)
{
  GListModel *results;
  guint failed = 0;

  if (fixture->window == NULL)
    return;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.run", NULL));
  g_assert_true (gui_test_wait_property (fixture->window, "running", FALSE, 60000));

  /* Still here, with a row per target and the reasons in words. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
  results = cob_window_get_result_rows (fixture->window);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(CobResultRow) row = g_list_model_get_item (results, i);

      g_test_message ("%s: %s", cob_result_row_get_target_id (row), cob_result_row_get_notes_detail (row));
      if (!cob_result_row_get_success (row))
        failed++;
    }
  g_assert_cmpuint (failed, ==, 3);
  g_assert_cmpint (cob_target_row_get_status (gui_test_target_row (fixture->window, "steady")), ==,
                   COB_TARGET_STATUS_DONE);
  g_assert_cmpint (cob_target_row_get_status (gui_test_target_row (fixture->window, "crash_segv")), ==,
                   COB_TARGET_STATUS_FAILED);
  g_assert_true (g_str_has_prefix (cob_target_row_get_error (gui_test_target_row (fixture->window, "crash_segv")),
                                   "crashed: segmentation fault (SIGSEGV)"));
  g_assert_true (g_str_has_prefix (cob_target_row_get_error (gui_test_target_row (fixture->window, "crash_abort")),
                                   "crashed: aborted (SIGABRT) while setting up"));
  g_assert_true (g_str_has_prefix (cob_target_row_get_error (gui_test_target_row (fixture->window, "exits_early")),
                                   "exited unexpectedly with status 7"));
}

static const char *select_hang[] = { "steady", "hang", NULL };

static gboolean
row_running (CobTargetRow *row)
{
  return cob_target_row_get_status (row) == COB_TARGET_STATUS_RUNNING;
}

static void
test_cancel_stops_hang (Fixture       *fixture,
                        gconstpointer  data)
{
  CobTargetRow *hang;
  gint64 start, latency_us;

  if (fixture->window == NULL)
    return;

  hang = gui_test_target_row (fixture->window, "hang");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.run", NULL));
  for (guint i = 0; i < 3000 && !row_running (hang); i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_true (row_running (hang));
  /* Let it spin a while, then cancel. */
  for (guint i = 0; i < 300; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  start = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.cancel", NULL));
  g_assert_true (gui_test_wait_property (fixture->window, "running", FALSE, 10000));
  latency_us = g_get_monotonic_time () - start;
  g_test_message ("Cancel to control back: %.1f ms", latency_us / 1000.0);
  g_assert_cmpint (latency_us, <, 200 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (cob_target_row_get_status (gui_test_target_row (fixture->window, "steady")), ==,
                   COB_TARGET_STATUS_DONE);
  g_assert_cmpint (cob_target_row_get_status (hang), ==, COB_TARGET_STATUS_CANCELLED);
}

static const char *select_steady[] = { "steady", NULL };

/* A second run into a folder that a run holds: the window says so and
 * touches nothing. */
static void
test_busy_folder (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(BenchTransaction) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *raw = NULL;
  g_autoptr(GDir) listing = NULL;

  if (fixture->window == NULL)
    return;

  other = bench_transaction_begin (fixture->dir, &error);
  g_assert_no_error (error);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.run", NULL));
  g_assert_true (gui_test_wait_property (fixture->window, "running", FALSE, 10000));
  g_test_message ("toast: %s", cob_window_get_last_toast (fixture->window));
  g_assert_nonnull (strstr (cob_window_get_last_toast (fixture->window), "Another run is writing to"));
  g_assert_cmpuint (g_list_model_get_n_items (cob_window_get_result_rows (fixture->window)), ==, 0);
  g_clear_pointer (&other, bench_transaction_free);

  raw = g_build_filename (fixture->dir, "raw", NULL);
  listing = g_dir_open (raw, 0, NULL);
  g_assert_nonnull (listing);
  g_assert_null (g_dir_read_name (listing));
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv, TRUE);

  g_test_add ("/crash/crashes-are-rows", Fixture, select_crashes,
              fixture_set_up, test_crashes_are_rows, fixture_tear_down);
  g_test_add ("/crash/cancel-stops-hang", Fixture, select_hang,
              fixture_set_up, test_cancel_stops_hang, fixture_tear_down);

  g_test_add ("/crash/busy-folder", Fixture, select_steady,
              fixture_set_up, test_busy_folder, fixture_tear_down);

  return g_test_run ();
}
