/* test-window.c: the main window driving the real runner with test targets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "bench-output.h"
#include "cob-application.h"
#include "cob-result-row.h"
#include "cob-target-row.h"
#include "cob-window.h"
#include "gui-test-targets.h"

typedef struct {
  char *dir;
  CobWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = g_dir_make_tmp ("cob-window-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
  if (!gui_test_have_display ())
    return;
  gui_test_set_gate (FALSE);
  fixture->window = gui_test_window_open (gui_test_targets (), data, fixture->dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gui_test_window_close (&fixture->window);
  gui_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}


static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The sorted list of file names in @dir, joined by spaces. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
run_and_wait (CobWindow *window)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL));
  g_assert_true (cob_window_get_running (window));
  g_assert_true (gui_test_wait_property (window, "running", FALSE, 60000));
}

static const char *select_fast[] = { "fast_a", "fast_b", NULL };

static void
test_run_two_targets (Fixture       *fixture,
                      gconstpointer  data)
{
  GListModel *results;
  g_autofree char *raw_dir = NULL;
  g_autofree char *raw_files = NULL;
  g_autofree char *top_files = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *summary_path = NULL;
  g_autofree char *description = NULL;

  if (fixture->window == NULL)
    return;

  run_and_wait (fixture->window);

  /* Table rows for both targets, in run order, with real figures. */
  results = cob_window_get_result_rows (fixture->window);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(CobResultRow) row = g_list_model_get_item (results, i);

      g_assert_cmpstr (cob_result_row_get_target_id (row), ==, select_fast[i]);
      g_assert_true (cob_result_row_get_success (row));
      g_assert_cmpfloat (cob_result_row_get_ops_per_second (row), >, 1000.0);
      g_assert_cmpfloat (cob_result_row_get_median_ns (row), >, 0.0);
      g_assert_cmpfloat (cob_result_row_get_p99_ns (row), >=, cob_result_row_get_median_ns (row));
    }
  g_assert_cmpint (cob_target_row_get_status (gui_test_target_row (fixture->window, "fast_a")), ==,
                   COB_TARGET_STATUS_DONE);
  g_assert_cmpint (cob_target_row_get_status (gui_test_target_row (fixture->window, "fast_b")), ==,
                   COB_TARGET_STATUS_DONE);
  g_assert_cmpint (cob_target_row_get_status (gui_test_target_row (fixture->window, "slow")), ==,
                   COB_TARGET_STATUS_IDLE);
  g_assert_cmpfloat (cob_target_row_get_ops_per_second (gui_test_target_row (fixture->window, "fast_a")), >, 0);

  /* The runner wrote exactly the CLI's files. */
  raw_dir = g_build_filename (fixture->dir, "raw", NULL);
  raw_files = list_dir (raw_dir);
  g_assert_cmpstr (raw_files, ==, "fast_a.json fast_b.json");
  top_files = list_dir (fixture->dir);
  /* As the CLI: raw files, summary.md, and the run added to history/. */
  g_assert_cmpstr (top_files, ==, "history raw summary.md");
  {
    g_autofree char *history_dir = g_build_filename (fixture->dir, "history", NULL);
    g_autofree char *history_files = list_dir (history_dir);

    g_assert_cmpstr (history_files, !=, "");
    g_assert_null (strchr (history_files, ' '));
  }
  summary_path = g_build_filename (fixture->dir, "summary.md", NULL);
  g_assert_true (g_file_get_contents (summary_path, &summary, NULL, NULL));
  g_assert_nonnull (strstr (summary, "### fast_a"));
  g_assert_nonnull (strstr (summary, "### fast_b"));

  /* The chart was given both results. */
  description = cob_chart_describe (cob_window_get_chart (fixture->window));
  g_assert_nonnull (strstr (description, "Fast A"));
  g_assert_nonnull (strstr (description, "Fast B"));
}

static void
test_exports (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *summary_path = NULL;
  g_autofree char *png_path = NULL;
  g_autofree char *svg_path = NULL;
  g_autoptr(GFile) summary = NULL;
  g_autoptr(GFile) png = NULL;
  g_autoptr(GFile) svg = NULL;
  g_autofree char *text = NULL;
  g_autofree char *bytes = NULL;
  gsize length = 0;

  if (fixture->window == NULL)
    return;

  run_and_wait (fixture->window);

  summary_path = g_build_filename (fixture->dir, "exported.md", NULL);
  summary = g_file_new_for_path (summary_path);
  g_assert_true (cob_window_export_summary_to (fixture->window, summary, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (summary_path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "| Target | Operations/sec | Avg Duration (ns) | Notes |"));
  g_assert_nonnull (strstr (text, "fast_b"));

  png_path = g_build_filename (fixture->dir, "chart.png", NULL);
  png = g_file_new_for_path (png_path);
  g_assert_true (cob_window_export_chart_to (fixture->window, png, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (png_path, &bytes, &length, NULL));
  g_assert_cmpuint (length, >, 8);
  g_assert_cmpmem (bytes, 8, "\x89PNG\r\n\x1a\n", 8);
  g_clear_pointer (&bytes, g_free);

  svg_path = g_build_filename (fixture->dir, "chart.svg", NULL);
  svg = g_file_new_for_path (svg_path);
  g_assert_true (cob_window_export_chart_to (fixture->window, svg, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg_path, &bytes, NULL, NULL));
  g_assert_nonnull (strstr (bytes, "<svg"));
}

/* Waits until the window shows the slow target running; it stays there
 * until the test opens the gate. */
static void
wait_until_slow_target (CobWindow *window)
{
  CobTargetRow *slow = gui_test_target_row (window, "slow");
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (cob_target_row_get_status (slow) != COB_TARGET_STATUS_RUNNING)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_true (cob_window_get_running (window));
}

/* Runs in list order: fast_a, slow, then broken (never reached). */
static const char *select_with_slow[] = { "fast_a", "slow", "broken", NULL };

static void
test_cancel_keeps_finished (Fixture       *fixture,
                            gconstpointer  data)
{
  CobTargetRow *slow;
  g_autofree char *raw_dir = NULL;
  g_autofree char *raw_files = NULL;
  g_autofree char *top_files = NULL;
  GListModel *results;
  g_autoptr(CobResultRow) first = NULL;
  gint64 cancelled_at;
  gint64 stopped_at;

  if (fixture->window == NULL)
    return;

  slow = gui_test_target_row (fixture->window, "slow");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.run", NULL));
  wait_until_slow_target (fixture->window);

  cancelled_at = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.cancel", NULL));
  gui_test_set_gate (TRUE);
  g_assert_true (gui_test_wait_property (fixture->window, "running", FALSE, 10000));
  stopped_at = g_get_monotonic_time ();
  g_test_message ("cancel took %.1f ms", (stopped_at - cancelled_at) / 1000.0);

  /* The finished target stays, the others are marked, nothing half-done. */
  results = cob_window_get_result_rows (fixture->window);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 1);
  first = g_list_model_get_item (results, 0);
  g_assert_cmpstr (cob_result_row_get_target_id (first), ==, "fast_a");
  g_assert_cmpint (cob_target_row_get_status (gui_test_target_row (fixture->window, "fast_a")), ==,
                   COB_TARGET_STATUS_DONE);
  g_assert_cmpint (cob_target_row_get_status (slow), ==, COB_TARGET_STATUS_CANCELLED);
  g_assert_cmpint (cob_target_row_get_status (gui_test_target_row (fixture->window, "broken")), ==,
                   COB_TARGET_STATUS_CANCELLED);
  g_assert_cmpint (cob_target_row_get_status (gui_test_target_row (fixture->window, "fast_b")), ==,
                   COB_TARGET_STATUS_IDLE);

  raw_dir = g_build_filename (fixture->dir, "raw", NULL);
  raw_files = list_dir (raw_dir);
  g_assert_cmpstr (raw_files, ==, "fast_a.json");
  top_files = list_dir (fixture->dir);
  /* The cancelled run is saved: its summary says what did not run. */
  g_assert_cmpstr (top_files, ==, "history raw summary.md");
  {
    g_autofree char *summary_path = g_build_filename (fixture->dir, "summary.md", NULL);
    g_autofree char *summary = NULL;

    g_assert_true (g_file_get_contents (summary_path, &summary, NULL, NULL));
    g_assert_nonnull (strstr (summary, "- Status: cancelled; targets that did not run: slow, broken\n"));
  }
}

static void
on_window_finalized (gpointer  data,
                     GObject  *where_the_object_was)
{
  *(gboolean *) data = TRUE;
}

static void
test_close_during_run (Fixture       *fixture,
                       gconstpointer  data)
{
  gboolean finalized = FALSE;
  g_autofree char *raw_dir = NULL;
  g_autofree char *raw_files = NULL;
  CobWindow *window = fixture->window;

  if (window == NULL)
    return;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL));
  wait_until_slow_target (window);

  /* Closing hides the window at once and destroys it once the worker has
   * stopped. */
  g_object_weak_ref (G_OBJECT (window), on_window_finalized, &finalized);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  gui_test_set_gate (TRUE);
  g_clear_object (&fixture->window);
  g_assert_true (gui_test_wait_for (&finalized, 10000));

  raw_dir = g_build_filename (fixture->dir, "raw", NULL);
  raw_files = list_dir (raw_dir);
  g_assert_cmpstr (raw_files, ==, "fast_a.json");
}

static void
test_destroy_during_run (Fixture       *fixture,
                         gconstpointer  data)
{
  gboolean finalized = FALSE;
  g_autofree char *raw_dir = NULL;
  g_autofree char *raw_files = NULL;
  CobWindow *window = fixture->window;

  if (window == NULL)
    return;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL));
  wait_until_slow_target (window);

  /* Destroyed outright (not closed): the run is cancelled, its late
   * callback touches no widget, the files stay complete. */
  g_object_weak_ref (G_OBJECT (window), on_window_finalized, &finalized);
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&fixture->window);
  gui_test_set_gate (TRUE);
  g_assert_true (gui_test_wait_for (&finalized, 10000));

  /* The run is saved on its worker thread once it has stopped, which may
   * be after the window is gone (the application is held until then). */
  raw_dir = g_build_filename (fixture->dir, "raw", NULL);
  for (guint i = 0; i < 1000; i++)
    {
      g_clear_pointer (&raw_files, g_free);
      raw_files = list_dir (raw_dir);
      if (*raw_files != '\0')
        break;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10 * 1000);
    }
  g_assert_cmpstr (raw_files, ==, "fast_a.json");
}

static const char *select_broken[] = { "broken", "fast_a", NULL };

static void
test_failure_is_shown (Fixture       *fixture,
                       gconstpointer  data)
{
  CobTargetRow *broken;
  GListModel *results;
  g_autoptr(CobResultRow) failed = NULL;
  g_autoptr(CobResultRow) passed = NULL;

  if (fixture->window == NULL)
    return;

  run_and_wait (fixture->window);
  broken = gui_test_target_row (fixture->window, "broken");
  g_assert_cmpint (cob_target_row_get_status (broken), ==, COB_TARGET_STATUS_FAILED);
  g_assert_nonnull (strstr (cob_target_row_get_error (broken), "test data cannot be built"));
  g_assert_cmpint (cob_target_row_get_status (gui_test_target_row (fixture->window, "fast_a")), ==,
                   COB_TARGET_STATUS_DONE);

  results = cob_window_get_result_rows (fixture->window);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 2);
  /* Run order is list order: fast_a, then broken. */
  passed = g_list_model_get_item (results, 0);
  failed = g_list_model_get_item (results, 1);
  g_assert_false (cob_result_row_get_success (failed));
  g_assert_nonnull (strstr (cob_result_row_get_notes (failed), "test data cannot be built"));
  g_assert_true (cob_result_row_get_success (passed));

  /* Sorting by a column reorders the table's rows (a failure has 0 ops/s). */
  {
    GtkColumnView *view = cob_window_get_results_view (fixture->window);
    g_autoptr(GtkColumnViewColumn) ops_column = g_list_model_get_item (gtk_column_view_get_columns (view), 1);
    g_autoptr(CobResultRow) first = NULL;

    g_assert_cmpstr (gtk_column_view_column_get_title (ops_column), ==, "Ops/sec");
    gtk_column_view_sort_by_column (view, ops_column, GTK_SORT_ASCENDING);
    first = g_list_model_get_item (results, 0);
    g_assert_cmpstr (cob_result_row_get_target_id (first), ==, "broken");
    g_clear_object (&first);
    gtk_column_view_sort_by_column (view, ops_column, GTK_SORT_DESCENDING);
    first = g_list_model_get_item (results, 0);
    g_assert_cmpstr (cob_result_row_get_target_id (first), ==, "fast_a");
  }
}

static void
test_unwritable_output (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *file_path = NULL;
  g_autofree char *files = NULL;

  if (fixture->window == NULL)
    return;

  /* A regular file where the folder should be. */
  file_path = g_build_filename (fixture->dir, "not-a-folder", NULL);
  g_assert_true (g_file_set_contents (file_path, "x", 1, NULL));
  cob_window_set_output_override (fixture->window, file_path);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.run", NULL));
  g_assert_false (cob_window_get_running (fixture->window));
  g_assert_cmpint (cob_target_row_get_status (gui_test_target_row (fixture->window, "fast_a")), ==,
                   COB_TARGET_STATUS_IDLE);
  g_assert_cmpuint (g_list_model_get_n_items (cob_window_get_result_rows (fixture->window)), ==, 0);
  files = list_dir (fixture->dir);
  g_assert_cmpstr (files, ==, "not-a-folder");
}

static void
test_selection_persists (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_auto(GStrv) stored = NULL;
  CobWindow *second;

  if (fixture->window == NULL)
    return;

  g_assert_true (cob_target_row_get_selected (gui_test_target_row (fixture->window, "fast_a")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.select-none", NULL));
  g_assert_false (cob_target_row_get_selected (gui_test_target_row (fixture->window, "fast_a")));
  cob_target_row_set_selected (gui_test_target_row (fixture->window, "slow"), TRUE);
  cob_target_row_set_selected (gui_test_target_row (fixture->window, "broken"), TRUE);

  stored = g_settings_get_strv (settings, "selected-targets");
  g_assert_cmpuint (g_strv_length (stored), ==, 2);
  g_assert_cmpstr (stored[0], ==, "slow");
  g_assert_cmpstr (stored[1], ==, "broken");

  /* A new window (a new launch) starts from the stored selection. */
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  second = g_object_ref_sink (cob_window_new (NULL, gui_test_targets ()));
  g_assert_false (cob_target_row_get_selected (gui_test_target_row (second, "fast_a")));
  g_assert_false (cob_target_row_get_selected (gui_test_target_row (second, "fast_b")));
  g_assert_true (cob_target_row_get_selected (gui_test_target_row (second, "slow")));
  g_assert_true (cob_target_row_get_selected (gui_test_target_row (second, "broken")));

  /* Select All reaches every row and the key. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (second), "win.select-all", NULL));
  g_clear_pointer (&stored, g_strfreev);
  stored = g_settings_get_strv (settings, "selected-targets");
  g_assert_cmpuint (g_strv_length (stored), ==, 4);
  gtk_window_destroy (GTK_WINDOW (second));
  g_object_unref (second);
}

static void
test_settings_apply (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  CobWindow *second;
  int width = 0, height = 0;

  if (fixture->window == NULL)
    return;

  /* The scale toggle is the chart-scale key, both ways. */
  g_assert_cmpint (cob_chart_get_scale (cob_window_get_chart (fixture->window)), ==,
                   COB_CHART_SCALE_LOGARITHMIC);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.chart-scale",
                                             "s", "linear"));
  {
    g_autofree char *scale = g_settings_get_string (settings, "chart-scale");

    g_assert_cmpstr (scale, ==, "linear");
  }
  g_assert_cmpint (cob_chart_get_scale (cob_window_get_chart (fixture->window)), ==,
                   COB_CHART_SCALE_LINEAR);
  g_settings_set_string (settings, "chart-scale", "logarithmic");
  g_assert_cmpint (cob_chart_get_scale (cob_window_get_chart (fixture->window)), ==,
                   COB_CHART_SCALE_LOGARITHMIC);

  /* A new window takes its size from the settings, and closing stores it. */
  g_settings_set_int (settings, "window-width", 812);
  g_settings_set_int (settings, "window-height", 604);
  second = g_object_ref_sink (cob_window_new (NULL, gui_test_targets ()));
  gtk_window_get_default_size (GTK_WINDOW (second), &width, &height);
  g_assert_cmpint (width, ==, 812);
  g_assert_cmpint (height, ==, 604);
  gtk_window_present (GTK_WINDOW (second));
  gtk_window_set_default_size (GTK_WINDOW (second), 900, 650);
  gtk_window_close (GTK_WINDOW (second));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 650);
  g_object_unref (second);
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

static void
test_load_results (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *bad = NULL;
  g_autoptr(GFile) folder = NULL;
  const char * const *skipped;
  CobWindow *second;
  GListModel *results;

  if (fixture->window == NULL)
    return;

  run_and_wait (fixture->window);
  bad = g_build_filename (fixture->dir, "raw", "broken_file.json", NULL);
  g_assert_true (g_file_set_contents (bad, "{\"target_id\": ", -1, NULL));

  second = g_object_ref_sink (cob_window_new (NULL, gui_test_targets ()));
  folder = g_file_new_for_path (fixture->dir);
  cob_window_load_results (second, folder);
  g_assert_true (cob_window_get_loading (second));
  g_assert_true (gui_test_wait_property (second, "loading", FALSE, 10000));

  results = cob_window_get_result_rows (second);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 2);
  skipped = cob_window_get_skipped_files (second);
  g_assert_nonnull (skipped);
  g_assert_cmpuint (g_strv_length ((GStrv) skipped), ==, 1);
  g_assert_true (g_str_has_prefix (skipped[0], "broken_file.json"));

  gtk_window_destroy (GTK_WINDOW (second));
  g_object_unref (second);
}

static void
assert_accel (GtkApplication *app,
              const char     *action,
              const char     *accel)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, action);

  g_assert_nonnull (accels);
  g_assert_true (g_strv_contains ((const char * const *) accels, accel));
}

/* The first AdwActionRow below @widget whose title contains @words. */
static GtkWidget *
find_action_row (GtkWidget  *widget,
                 const char *words)
{
  if (ADW_IS_ACTION_ROW (widget) &&
      strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), words) != NULL)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_row (child, words);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* "Count Instructions (Valgrind)": insensitive and saying why without
 * valgrind in PATH; offered with it; a run of the window follows the key. */
static void
test_instructions_row (void)
{
  g_autofree char *path = g_strdup (g_getenv ("PATH"));
  g_autofree char *empty = g_dir_make_tmp ("cob-no-valgrind-XXXXXX", NULL);
  CobWindow *window;
  GtkWidget *row;

  if (!gui_test_have_display ())
    return;
  gui_test_reset_settings (NULL);

  g_setenv ("PATH", empty, TRUE);
  window = g_object_ref_sink (cob_window_new (NULL, gui_test_targets ()));
  g_setenv ("PATH", path, TRUE);
  g_rmdir (empty);
  row = find_action_row (GTK_WIDGET (window), "Instructions");
  g_assert_nonnull (row);
  g_assert_false (gtk_widget_get_sensitive (row));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Flatpak runtime"));
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);

  {
    g_autofree char *valgrind = g_find_program_in_path ("valgrind");

    if (valgrind == NULL)
      {
        g_test_message ("valgrind is not installed: the row's sensitive state is not checked");
        return;
      }
  }
  window = g_object_ref_sink (cob_window_new (NULL, gui_test_targets ()));
  row = find_action_row (GTK_WIDGET (window), "Instructions");
  g_assert_true (gtk_widget_get_sensitive (row));
  g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Flatpak runtime"));
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
}

static void
test_shortcuts (void)
{
  g_autoptr(CobApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  CobWindow *window;

  if (!gui_test_have_display ())
    return;

  app = cob_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  assert_accel (GTK_APPLICATION (app), "win.run", "<Control>r");
  assert_accel (GTK_APPLICATION (app), "win.cancel", "Escape");
  assert_accel (GTK_APPLICATION (app), "win.export-summary", "<Control>e");
  assert_accel (GTK_APPLICATION (app), "win.load-results", "<Control>o");
  assert_accel (GTK_APPLICATION (app), "app.quit", "<Control>q");

  /* The shortcuts window comes from gtk/help-overlay.ui in the resources,
   * with its Ctrl+? accelerator. */
  window = cob_window_new (GTK_APPLICATION (app), gui_test_targets ());
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window))));
  assert_accel (GTK_APPLICATION (app), "win.show-help-overlay", "<Control>question");

  /* About opens a window (AdwAboutWindow, or a dialog from libadwaita 1.5). */
  gtk_window_present (GTK_WINDOW (window));
  {
#if ADW_CHECK_VERSION (1, 5, 0)
    g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
    g_assert_nonnull (adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window)));
#else
    GListModel *toplevels = gtk_window_get_toplevels ();
    guint before = g_list_model_get_n_items (toplevels);

    g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
    g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, before + 1);
    {
      g_autoptr(GtkWindow) about = g_list_model_get_item (toplevels, before);

      g_assert_true (ADW_IS_ABOUT_WINDOW (about));
      g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
      gtk_window_destroy (about);
    }
#endif
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  /* Without a display every test skips with the reason (fixture_set_up). */
  gui_test_init (&argc, &argv, FALSE);

  g_test_add ("/window/run-two-targets", Fixture, select_fast,
              fixture_set_up, test_run_two_targets, fixture_tear_down);
  g_test_add ("/window/exports", Fixture, select_fast,
              fixture_set_up, test_exports, fixture_tear_down);
  g_test_add ("/window/cancel-keeps-finished", Fixture, select_with_slow,
              fixture_set_up, test_cancel_keeps_finished, fixture_tear_down);
  g_test_add ("/window/close-during-run", Fixture, select_with_slow,
              fixture_set_up, test_close_during_run, fixture_tear_down);
  g_test_add ("/window/destroy-during-run", Fixture, select_with_slow,
              fixture_set_up, test_destroy_during_run, fixture_tear_down);
  g_test_add ("/window/failure-is-shown", Fixture, select_broken,
              fixture_set_up, test_failure_is_shown, fixture_tear_down);
  g_test_add ("/window/unwritable-output", Fixture, select_fast,
              fixture_set_up, test_unwritable_output, fixture_tear_down);
  g_test_add ("/window/selection-persists", Fixture, select_fast,
              fixture_set_up, test_selection_persists, fixture_tear_down);
  g_test_add ("/window/settings-apply", Fixture, select_fast,
              fixture_set_up, test_settings_apply, fixture_tear_down);
  g_test_add ("/window/load-results", Fixture, select_fast,
              fixture_set_up, test_load_results, fixture_tear_down);
  g_test_add_func ("/window/shortcuts", test_shortcuts);
  g_test_add_func ("/window/instructions-row", test_instructions_row);
  return g_test_run ();
}
