/* chart-screenshots.c: renders the chart with six results spanning five
 * decades, in light and dark style, to PNG (and SVG) files in the folder
 * given as the argument, for people to look at:
 *
 *   chart-{light,dark}.png        export at 800 × 450
 *   chart-{light,dark}.svg        the same as SVG
 *   chart-linear-light.png        linear scale
 *   chart-small-dark.png          export at 320 × 240
 *   chart-empty-light.png         no results
 *   chart-failed-light.png        storage failed
 *   chart-window-{light,dark}.png the live widget in a window, with the
 *                                 pointer over the third row
 *
 * Exits 77 (skipped) without a display, 1 when a file cannot be written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <math.h>

#include "cob-chart-private.h"

static const BenchTarget targets[] = {
  { .id = "cost_calculator", .display_name = "Cost calculator" },
  { .id = "aggregator", .display_name = "Aggregator" },
  { .id = "forecasting", .display_name = "Forecasting" },
  { .id = "compression", .display_name = "Compression" },
  { .id = "export", .display_name = "Export" },
  { .id = "storage", .display_name = "Storage" },
};
static const BenchTarget * const target_list[] = {
  &targets[0], &targets[1], &targets[2], &targets[3], &targets[4], &targets[5], NULL,
};

/* Samples around 1e9 / ops ns with the given relative spread. */
static BenchResult *
make_result (const char *id,
             double      ops_per_second,
             double      spread)
{
  g_autoptr(JsonObject) metrics = json_object_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  double median_ns = 1e9 / ops_per_second;
  double samples[30];

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    samples[i] = median_ns * (1.0 + spread * (i / (G_N_ELEMENTS (samples) - 1.0) - 0.5));

  json_object_set_double_member (metrics, "operations_per_second", ops_per_second);
  json_object_set_double_member (metrics, "median_duration_ns", median_ns);
  return bench_result_new_success (id, metrics, now, samples, G_N_ELEMENTS (samples));
}

static GPtrArray *
make_results (void)
{
  GPtrArray *results = g_ptr_array_new_with_free_func ((GDestroyNotify) bench_result_unref);

  g_ptr_array_add (results, make_result ("cost_calculator", 1.25e6, 0.08));
  g_ptr_array_add (results, make_result ("aggregator", 5200, 0.05));
  g_ptr_array_add (results, make_result ("forecasting", 820, 0.3));
  g_ptr_array_add (results, make_result ("compression", 12500, 0.04));
  g_ptr_array_add (results, make_result ("export", 3400, 0.12));
  g_ptr_array_add (results, make_result ("storage", 95.5, 0.2));
  return results;
}

static void
run_main_loop_for (guint milliseconds)
{
  gint64 end = g_get_monotonic_time () + milliseconds * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE));
      g_usleep (5000);
    }
}

static gboolean
export (CobChart   *chart,
        const char *dir,
        const char *name,
        int         width,
        int         height)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  if (!cob_chart_export (chart, path, width, height, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  g_print ("wrote %s\n", path);
  return TRUE;
}

/* The same results with the last one failed. */
static gboolean
export_with_failure (CobChart   *chart,
                     GPtrArray  *results,
                     const char *dir)
{
  g_autoptr(GPtrArray) with_failure = g_ptr_array_new_with_free_func ((GDestroyNotify) bench_result_unref);
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                                                 "Could not write the database: disk full");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  for (guint i = 0; i + 1 < results->len; i++)
    g_ptr_array_add (with_failure, bench_result_ref (g_ptr_array_index (results, i)));
  g_ptr_array_add (with_failure, bench_result_new_failure ("storage", error, now));
  cob_chart_set_results (chart, with_failure);
  return export (chart, dir, "chart-failed-light.png", 640, 360);
}

/* Moves a pretend pointer over the bars layer (the chart's top child) to
 * @y, through its motion controller, so the hover highlight shows. */
static void
hover_at (GtkWidget *chart,
          double     y)
{
  GtkWidget *bars = gtk_widget_get_last_child (chart);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (bars);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_MOTION (controller))
        g_signal_emit_by_name (controller, "motion", 200.0, y);
    }
}

static gboolean
screenshot_window (GtkWidget  *window,
                   const char *dir,
                   const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      g_printerr ("nothing drawn for %s\n", path);
      return FALSE;
    }
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)),
                                         node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_printerr ("could not write %s\n", path);
      return FALSE;
    }
  g_print ("wrote %s\n", path);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) results = NULL;
  const char *dir = argc > 1 ? argv[1] : ".";
  AdwStyleManager *style;
  GtkWidget *window, *chart;
  gboolean ok = TRUE;

  /* Everything here draws with cairo (exports) or is drawn once; GL, which
   * is llvmpipe under Xvfb, adds nothing and its loader upsets valgrind. */
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("SKIP: no display to render the chart on (run under xvfb-run)\n");
      return 77;
    }

  gtk_init ();
  adw_init ();
  style = adw_style_manager_get_default ();
  results = make_results ();

  window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), "Chart");
  gtk_window_set_default_size (GTK_WINDOW (window), 720, 420);
  chart = cob_chart_new ();
  cob_chart_set_targets (COB_CHART (chart), target_list);
  cob_chart_set_results (COB_CHART (chart), results);
  gtk_window_set_child (GTK_WINDOW (window), chart);
  gtk_window_present (GTK_WINDOW (window));

  for (guint dark = 0; dark <= 1; dark++)
    {
      const char *variant = dark ? "dark" : "light";
      g_autofree char *png = g_strdup_printf ("chart-%s.png", variant);
      g_autofree char *svg = g_strdup_printf ("chart-%s.svg", variant);
      g_autofree char *shot = g_strdup_printf ("chart-window-%s.png", variant);

      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                      : ADW_COLOR_SCHEME_FORCE_LIGHT);
      cob_chart_set_scale (COB_CHART (chart), COB_CHART_SCALE_LOGARITHMIC);
      run_main_loop_for (400);

      ok &= export (COB_CHART (chart), dir, png, 800, 450);
      ok &= export (COB_CHART (chart), dir, svg, 800, 450);
      hover_at (chart, gtk_widget_get_height (chart) * 0.4);
      run_main_loop_for (100);
      ok &= screenshot_window (window, dir, shot);

      if (dark)
        {
          ok &= export (COB_CHART (chart), dir, "chart-small-dark.png", 320, 240);
        }
      else
        {
          cob_chart_set_scale (COB_CHART (chart), COB_CHART_SCALE_LINEAR);
          ok &= export (COB_CHART (chart), dir, "chart-linear-light.png", 800, 450);
          cob_chart_set_results (COB_CHART (chart), NULL);
          ok &= export (COB_CHART (chart), dir, "chart-empty-light.png", 400, 200);
          cob_chart_set_scale (COB_CHART (chart), COB_CHART_SCALE_LOGARITHMIC);
          ok &= export_with_failure (COB_CHART (chart), results, dir);
          cob_chart_set_results (COB_CHART (chart), results);
        }
    }

  gtk_window_destroy (GTK_WINDOW (window));
  return ok ? 0 : 1;
}
