/* test-history-view.c: the History page, the baseline picker and the
 * results table's comparison columns, from crafted history files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "bench-history.h"
#include "costops-compress.h"
#include "cob-comparison-columns.h"
#include "cob-history-run-item.h"
#include "cob-window-private.h"
#include "gui-test-targets.h"

#define N_SAMPLES 20

static const char *output_folder;

typedef struct {
  char *dir;
  CobWindow *window;
  BenchRunRecord *fast;     /* oldest: 50 ns/op */
  BenchRunRecord *slow;     /* 200 ns/op */
  BenchRunRecord *previous; /* 100 ns/op */
  BenchRunRecord *current;  /* 100 ns/op, the newest */
} Fixture;

static BenchResult *
make_result (const char *id,
             double      base_ns,
             GDateTime  *when)
{
  g_autoptr(JsonObject) metrics = json_object_new ();
  double samples[N_SAMPLES];

  /* A little spread, the same in every run, so that equal bases give
   * equal samples and a verdict of no change. */
  for (guint i = 0; i < N_SAMPLES; i++)
    samples[i] = base_ns * (1.0 + 0.02 * (i % 5));
  json_object_set_double_member (metrics, "operations_per_second", 1e9 / base_ns);
  json_object_set_int_member (metrics, "avg_duration_ns", (gint64) base_ns);
  json_object_set_int_member (metrics, "total_iterations", 1000 * N_SAMPLES);
  return bench_result_new_success (id, metrics, when, samples, N_SAMPLES);
}

static BenchRunRecord *
append_run (const char *dir,
            const char *run_id,
            int         hour,
            double      base_ns)
{
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 3, 1, hour, 0, 0);
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) bench_result_unref);
  g_autoptr(JsonObject) environment = json_object_new ();
  g_autoptr(GError) error = NULL;
  BenchRunRecord *record;

  json_object_set_string_member (environment, "hostname", "bench-host");
  json_object_set_string_member (environment, "build_type", "debug");
  g_ptr_array_add (results, make_result ("fast_a", base_ns, when));
  g_ptr_array_add (results, make_result ("fast_b", base_ns * 3, when));
  record = bench_run_record_new (run_id, when, environment, results);
  g_assert_true (bench_history_append (dir, record, NULL, &error));
  g_assert_no_error (error);
  return record;
}

static void reload_and_wait (CobWindow  *window,
                             const char *dir);

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = g_dir_make_tmp ("cob-history-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
  if (!gui_test_have_display ())
    return;
  fixture->fast = append_run (fixture->dir, "0000fa57", 8, 50);
  fixture->slow = append_run (fixture->dir, "000051a0", 9, 200);
  fixture->previous = append_run (fixture->dir, "0000be4e", 10, 100);
  fixture->current = append_run (fixture->dir, "0000c0de", 11, 100);
  gui_test_reset_settings ((const char *[]) { NULL });
  fixture->window = cob_window_new (NULL, gui_test_targets ());
  g_object_ref_sink (fixture->window);
  cob_window_set_output_override (fixture->window, fixture->dir);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1080, 720);
  gtk_window_present (GTK_WINDOW (fixture->window));
  reload_and_wait (fixture->window, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      g_clear_object (&fixture->window);
    }
  g_clear_pointer (&fixture->fast, bench_run_record_unref);
  g_clear_pointer (&fixture->slow, bench_run_record_unref);
  g_clear_pointer (&fixture->previous, bench_run_record_unref);
  g_clear_pointer (&fixture->current, bench_run_record_unref);
  gui_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
settle (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_timeout, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* The history is read in a worker thread: wait until the page shows it. */
static void
reload_and_wait (CobWindow  *window,
                 const char *dir)
{
  CobHistoryView *view = cob_window_get_history_view (window);
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  if (dir != NULL)
    cob_window_history_reload (window, dir);
  while (cob_history_view_get_loading (view) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (cob_history_view_get_loading (view));
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The texts of the results table's verdict cells, in table order, each
 * prefixed with its color class: "verdict-improved:Improved". */
static void
collect_verdicts (GtkWidget *root,
                  GString   *out)
{
  static const char *classes[] = { "verdict-same", "verdict-improved", "verdict-regressed" };

  if (GTK_IS_LABEL (root))
    for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
      if (gtk_widget_has_css_class (root, classes[i]))
        g_string_append_printf (out, "%s:%s;", classes[i], gtk_label_get_text (GTK_LABEL (root)));
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_verdicts (child, out);
}

static char *
table_verdicts (CobWindow *window)
{
  GString *out = g_string_new (NULL);

  /* Comparisons are computed in a worker thread. */
  reload_and_wait (window, NULL);
  settle (100);
  collect_verdicts (GTK_WIDGET (cob_window_get_results_view (window)), out);
  return g_string_free (out, FALSE);
}

/* How many comparison columns the results table shows. */
static guint
visible_comparison_columns (CobWindow *window)
{
  GListModel *columns = gtk_column_view_get_columns (cob_window_get_results_view (window));
  guint visible = 0;

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (cob_comparison_columns_is_comparison (column) && gtk_column_view_column_get_visible (column))
        visible++;
    }
  return visible;
}

/* "baseline-id/shown-id" as the run list tags them ("-" for none). */
static char *
tagged_runs (CobWindow *window)
{
  GListModel *items = cob_history_view_get_run_items (cob_window_get_history_view (window));
  const char *baseline = "-";
  const char *shown = "-";
  char *tags;

  /* The rows are filled when the History page shows. */
  adw_view_stack_set_visible_child_name (window->view_stack, "history");
  settle (100);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(CobHistoryRunItem) item = g_list_model_get_item (items, i);
      const char *id = bench_run_record_get_id (cob_history_run_item_get_run (item));

      if (cob_history_run_item_get_is_baseline (item))
        baseline = id;
      if (cob_history_run_item_get_is_shown (item))
        shown = id;
    }
  tags = g_strdup_printf ("%s/%s", baseline, shown);
  adw_view_stack_set_visible_child_name (window->view_stack, "results");
  settle (100);
  return tags;
}

static void
show_current (Fixture *fixture)
{
  cob_window_show_results (fixture->window, bench_run_record_get_results (fixture->current),
                           "test");
  reload_and_wait (fixture->window, NULL);
}

static void
test_lists_runs (Fixture       *fixture,
                 gconstpointer  data)
{
  CobHistoryView *view;
  GPtrArray *runs;
  GListModel *items;
  guint n_rows = 0;
  GtkDropDown *dropdown;

  if (fixture->window == NULL)
    return;
  view = cob_window_get_history_view (fixture->window);
  runs = cob_history_view_get_runs (view);
  g_assert_cmpuint (runs->len, ==, 4);
  g_assert_cmpstr (bench_run_record_get_id (g_ptr_array_index (runs, 0)), ==, "0000fa57");
  g_assert_cmpstr (bench_run_record_get_id (g_ptr_array_index (runs, 3)), ==, "0000c0de");
  g_assert_cmpstr (cob_history_view_get_skipped_files (view)[0], ==, NULL);

  /* The rows are filled when the History page shows. */
  adw_view_stack_set_visible_child_name (fixture->window->view_stack, "history");
  settle (100);
  items = cob_history_view_get_run_items (view);
  n_rows = g_list_model_get_n_items (items);
  g_assert_cmpuint (n_rows, ==, 4);
  /* Newest first, titled by start time, the run id in the subtitle. */
  {
    g_autoptr(CobHistoryRunItem) newest = g_list_model_get_item (items, 0);

    g_assert_true (g_str_has_prefix (cob_history_run_item_get_subtitle (newest), "Run 0000c0de"));
    g_autofree char *targets = cob_history_view_dup_run_targets (view, cob_history_run_item_get_run (newest));

    g_assert_cmpstr (targets, ==, "Fast A, Fast B");
  }
  /* "Previous run", "None" and the four runs. */
  dropdown = GTK_DROP_DOWN (find_widget (GTK_WIDGET (view), GTK_TYPE_DROP_DOWN));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)), ==, 6);
  g_assert_cmpstr (cob_history_view_get_baseline (view), ==, COB_BASELINE_PREVIOUS);

  /* A new run in the folder shows after a reload. */
  g_clear_pointer (&fixture->fast, bench_run_record_unref);
  fixture->fast = append_run (fixture->dir, "0000ab12", 12, 60);
  reload_and_wait (fixture->window, fixture->dir);
  g_assert_cmpuint (cob_history_view_get_runs (view)->len, ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)), ==, 7);
}

static void
test_baseline_drives_verdicts (Fixture       *fixture,
                               gconstpointer  data)
{
  CobHistoryView *view;
  GtkDropDown *dropdown;
  g_autofree char *previous = NULL;
  g_autofree char *slow = NULL;
  g_autofree char *fast = NULL;
  g_autofree char *none = NULL;
  BenchRunComparison *comparison;

  if (fixture->window == NULL)
    return;
  view = cob_window_get_history_view (fixture->window);
  show_current (fixture);
  /* The shown results are recognised as the newest run... */
  g_assert_nonnull (cob_history_view_get_current_run (view));
  g_assert_cmpstr (bench_run_record_get_id (cob_history_view_get_current_run (view)), ==, "0000c0de");
  /* ...so "Previous run" is the one before it: same speed, no change. */
  comparison = cob_history_view_get_comparison (view);
  g_assert_nonnull (comparison);
  g_assert_cmpstr (bench_run_record_get_id (bench_run_comparison_get_baseline (comparison)), ==, "0000be4e");
  previous = table_verdicts (fixture->window);
  g_assert_cmpstr (previous, ==, "verdict-same:No change;verdict-same:No change;");
  g_assert_cmpuint (visible_comparison_columns (fixture->window), ==, 3);
  {
    g_autofree char *tags = tagged_runs (fixture->window);

    g_assert_cmpstr (tags, ==, "0000be4e/0000c0de");
  }

  /* The picker: entries after "Previous run" and "None" are the runs,
   * newest first; the slow run is the third newest. */
  dropdown = GTK_DROP_DOWN (find_widget (GTK_WIDGET (view), GTK_TYPE_DROP_DOWN));
  gtk_drop_down_set_selected (dropdown, 2 + 2);
  g_assert_cmpstr (cob_history_view_get_baseline (view), ==, "000051a0");
  slow = table_verdicts (fixture->window);
  g_assert_cmpstr (slow, ==, "verdict-improved:Improved;verdict-improved:Improved;");
  {
    g_autofree char *tags = tagged_runs (fixture->window);

    g_assert_cmpstr (tags, ==, "000051a0/0000c0de");
  }

  gtk_drop_down_set_selected (dropdown, 2 + 3);
  fast = table_verdicts (fixture->window);
  g_assert_cmpstr (fast, ==, "verdict-regressed:Regressed;verdict-regressed:Regressed;");

  gtk_drop_down_set_selected (dropdown, 1);
  g_assert_cmpstr (cob_history_view_get_baseline (view), ==, COB_BASELINE_NONE);
  g_assert_null (cob_history_view_get_comparison (view));
  none = table_verdicts (fixture->window);
  g_assert_cmpstr (none, ==, "");
  /* Nothing to compare with: no columns of dashes. */
  g_assert_cmpuint (visible_comparison_columns (fixture->window), ==, 0);

  /* The choice is kept across a reload (e.g. after the next run). */
  cob_history_view_set_baseline (view, "000051a0");
  reload_and_wait (fixture->window, NULL);
  g_assert_cmpuint (visible_comparison_columns (fixture->window), ==, 3);
  reload_and_wait (fixture->window, fixture->dir);
  g_assert_cmpstr (cob_history_view_get_baseline (view), ==, "000051a0");
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 2 + 2);

  /* The debug build recorded in the run is warned about. */
  g_assert_nonnull (cob_window_get_warning_text (fixture->window));
}

static gboolean
strv_has_substring (const char * const *strv,
                           const char         *part)
{
  for (guint i = 0; strv[i] != NULL; i++)
    if (strstr (strv[i], part) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_corrupt_files_named (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *bad = NULL;
  g_autofree char *truncated = NULL;
  g_autofree char *good_path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *blank = NULL;
  g_autoptr(CostopsCompressor) compressor = NULL;
  g_autoptr(GBytes) newline = NULL;
  g_autoptr(GBytes) packed = NULL;
  gsize length = 0;
  const char * const *skipped;
  CobHistoryView *view;

  if (fixture->window == NULL)
    return;
  bad = g_build_filename (fixture->dir, "history", "20260301T120000Z-0badf11e.json.zst", NULL);
  g_assert_true (g_file_set_contents (bad, "not zstd at all", -1, NULL));
  /* Half of a good file. */
  view = cob_window_get_history_view (fixture->window);
  good_path = g_strdup (bench_run_record_get_path (g_ptr_array_index (cob_history_view_get_runs (view), 3)));
  g_assert_nonnull (good_path);
  g_assert_true (g_file_get_contents (good_path, &contents, &length, NULL));
  truncated = g_build_filename (fixture->dir, "history", "20260301T130000Z-07a11c07.json.zst", NULL);
  g_assert_true (g_file_set_contents (truncated, contents, length / 2, NULL));

  /* printf '\n' | zstd -c: a blank payload, which crashed the app. */
  blank = g_build_filename (fixture->dir, "history", "20260301T140000Z-b1a4c0de.json.zst", NULL);
  compressor = costops_compressor_new (3, NULL);
  newline = g_bytes_new_static ("\n", 1);
  packed = costops_compressor_compress (compressor, newline, NULL);
  g_assert_true (g_file_set_contents (blank, g_bytes_get_data (packed, NULL), g_bytes_get_size (packed), NULL));

  reload_and_wait (fixture->window, fixture->dir);
  g_assert_cmpuint (cob_history_view_get_runs (view)->len, ==, 4);
  skipped = cob_history_view_get_skipped_files (view);
  g_assert_cmpuint (g_strv_length ((char **) skipped), ==, 3);
  g_assert_true (strv_has_substring (skipped, "0badf11e"));
  g_assert_true (strv_has_substring (skipped, "07a11c07"));
  g_assert_true (strv_has_substring (skipped, "b1a4c0de.json.zst: only whitespace"));
}

static void
test_chart_points (Fixture       *fixture,
                   gconstpointer  data)
{
  CobHistoryChart *chart;
  const CobHistoryPoint *points;
  guint n = 0;
  double lower = 0, upper = 0;
  float x_fast = 0, y_fast = 0, x_slow = 0, y_slow = 0;

  if (fixture->window == NULL)
    return;
  chart = cob_history_view_get_chart (cob_window_get_history_view (fixture->window));
  g_assert_cmpuint (cob_history_chart_get_n_series (chart), ==, 2);
  g_assert_cmpstr (cob_history_chart_get_series_id (chart, 0), ==, "fast_a");
  points = cob_history_chart_get_points (chart, 0, &n);
  g_assert_cmpuint (n, ==, 4);
  /* Samples base × {1, 1.02, 1.04, 1.06, 1.08}: median base × 1.04. */
  g_assert_cmpfloat_with_epsilon (points[0].median, 1e9 / (50 * 1.04), 1e-3);
  g_assert_cmpfloat_with_epsilon (points[1].median, 1e9 / (200 * 1.04), 1e-3);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (points[i].run_index, ==, i);
      g_assert_cmpfloat (points[i].low, <, points[i].median);
      g_assert_cmpfloat (points[i].high, >, points[i].median);
    }
  /* The log axis covers every band with round bounds. */
  cob_chart_axis_get_range (cob_history_chart_get_axis (chart), &lower, &upper);
  g_assert_cmpfloat (lower, <=, 1e9 / (3 * 200 * 1.08));
  g_assert_cmpfloat (upper, >=, 1e9 / 50);
  g_assert_cmpint (cob_chart_axis_get_scale (cob_history_chart_get_axis (chart)), ==, COB_CHART_SCALE_LOGARITHMIC);

  /* Faster is higher; later is further right. */
  g_assert_true (cob_history_chart_point_position (chart, 600, 300, 0, 0, &x_fast, &y_fast));
  g_assert_true (cob_history_chart_point_position (chart, 600, 300, 0, 1, &x_slow, &y_slow));
  g_assert_cmpfloat (y_fast, <, y_slow);
  g_assert_cmpfloat (x_fast, <, x_slow);
  g_assert_cmpfloat (x_slow, <, 600);
  g_assert_cmpfloat (y_slow, <, 300);
  g_assert_false (cob_history_chart_point_position (chart, 600, 300, 0, 4, NULL, NULL));
}

/* ---- Screenshots ------------------------------------------------------ */

static void
on_after_paint (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

static void
save_window (CobWindow  *window,
             const char *name)
{
  GtkWidget *widget = GTK_WIDGET (window);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file_name = g_strconcat ("screenshot-history-", name, ".png", NULL);
  g_autofree char *path = g_build_filename (output_folder, file_name, NULL);
  int width = 0, height = 0;

  for (guint attempt = 0; node == NULL && attempt < 50; attempt++)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
      gboolean painted = FALSE;
      gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      gtk_widget_queue_draw (widget);
      while (!painted)
        g_main_context_iteration (NULL, TRUE);
      g_signal_handler_disconnect (clock, id);
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
}

static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  data)
{
  static const struct { AdwColorScheme scheme; const char *name; } styles[] = {
    { ADW_COLOR_SCHEME_FORCE_LIGHT, "light" },
    { ADW_COLOR_SCHEME_FORCE_DARK, "dark" },
  };

  if (fixture->window == NULL)
    return;
  show_current (fixture);
  cob_history_view_set_baseline (cob_window_get_history_view (fixture->window), "000051a0");
  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    {
      g_autofree char *results = g_strconcat (styles[i].name, "-results", NULL);

      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), styles[i].scheme);
      adw_view_stack_set_visible_child_name (fixture->window->view_stack, "history");
      settle (400);
      save_window (fixture->window, styles[i].name);
      adw_view_stack_set_visible_child_name (fixture->window->view_stack, "results");
      settle (400);
      save_window (fixture->window, results);
    }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv, TRUE);

  output_folder = argc > 1 ? argv[1] : g_get_tmp_dir ();
  g_test_add ("/history/lists-runs", Fixture, NULL, fixture_set_up, test_lists_runs, fixture_tear_down);
  g_test_add ("/history/baseline-drives-verdicts", Fixture, NULL, fixture_set_up,
              test_baseline_drives_verdicts, fixture_tear_down);
  g_test_add ("/history/corrupt-files-named", Fixture, NULL, fixture_set_up,
              test_corrupt_files_named, fixture_tear_down);
  g_test_add ("/history/chart-points", Fixture, NULL, fixture_set_up, test_chart_points, fixture_tear_down);
  g_test_add ("/history/screenshots", Fixture, NULL, fixture_set_up, test_screenshots, fixture_tear_down);
  return g_test_run ();
}
