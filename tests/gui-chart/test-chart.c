/* test-chart.c: the chart widget built from given BenchResults: scale,
 * labels, spread, description, scale property, tooltip text, exports.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "cob-chart-bars-layer.h"
#include "cob-chart-private.h"

static const BenchTarget target_cost = { .id = "cost_calculator", .display_name = "Cost calculator" };
static const BenchTarget target_storage = { .id = "storage", .display_name = "Storage" };
static const BenchTarget * const test_targets[] = { &target_cost, &target_storage, NULL };

static BenchResult *
make_success (const char   *id,
              double        ops_per_second,
              const double *samples,
              guint         n_samples)
{
  g_autoptr(JsonObject) metrics = json_object_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  json_object_set_double_member (metrics, "operations_per_second", ops_per_second);
  json_object_set_double_member (metrics, "median_duration_ns", 1e9 / ops_per_second);
  return bench_result_new_success (id, metrics, now, samples, n_samples);
}

static BenchResult *
make_failure (const char *id,
              const char *message)
{
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, message);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return bench_result_new_failure (id, error, now);
}

/* Four results spanning five decades, one with samples, one failed. */
static GPtrArray *
make_results (void)
{
  GPtrArray *results = g_ptr_array_new_with_free_func ((GDestroyNotify) bench_result_unref);
  double samples[21];

  /* 700, 710, … 900 ns: type-7 p5 is the 2nd value (710), p95 the 20th
   * (890), so the spread is 1e9/890 … 1e9/710 ops/sec. */
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    samples[G_N_ELEMENTS (samples) - 1 - i] = 700 + 10 * i;

  g_ptr_array_add (results, make_success ("cost_calculator", 1250000, samples, G_N_ELEMENTS (samples)));
  g_ptr_array_add (results, make_success ("aggregator", 5000, NULL, 0));
  g_ptr_array_add (results, make_failure ("export", "disk full"));
  g_ptr_array_add (results, make_success ("storage", 95.5, NULL, 0));
  return results;
}

static char *
tick_labels (CobChartAxis *axis)
{
  const CobChartTick *ticks;
  GString *joined = g_string_new (NULL);
  guint n_ticks;

  ticks = cob_chart_axis_get_ticks (axis, &n_ticks);
  for (guint i = 0; i < n_ticks; i++)
    if (ticks[i].label != NULL)
      g_string_append_printf (joined, "%s%s", joined->len > 0 ? " " : "", ticks[i].label);
  return g_string_free (joined, FALSE);
}

static void
test_empty (void)
{
  CobChart *chart = COB_CHART (g_object_ref_sink (cob_chart_new ()));
  g_autofree char *description = cob_chart_describe (chart);
  int minimum, natural;

  g_assert_cmpstr (description, ==, "No results yet");
  gtk_widget_measure (GTK_WIDGET (chart), GTK_ORIENTATION_VERTICAL, -1,
                      &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, >, 0);
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (chart)), ==,
                   GTK_ACCESSIBLE_ROLE_IMG);
  g_object_unref (chart);
}

static void
test_scale_and_labels (void)
{
  CobChart *chart = COB_CHART (g_object_ref_sink (cob_chart_new ()));
  g_autoptr(GPtrArray) results = make_results ();
  g_autofree char *log_labels = NULL, *linear_labels = NULL;
  CobChartSeries *series;
  const CobChartSeriesItem *item;
  double lower, upper;

  cob_chart_set_results (chart, results);
  series = cob_chart_get_series (chart);
  g_assert_cmpuint (cob_chart_series_get_n_items (series), ==, 4);

  /* 95.5 … 1e9/710 ≈ 1.41M: the failed result adds nothing. */
  cob_chart_axis_get_range (cob_chart_get_axis (chart), &lower, &upper);
  g_assert_cmpfloat (lower, ==, 10);
  g_assert_cmpfloat (upper, ==, 1e7);
  log_labels = tick_labels (cob_chart_get_axis (chart));
  g_assert_cmpstr (log_labels, ==, "10 100 1k 10k 100k 1M 10M");

  item = cob_chart_series_get_item (series, 0);
  g_assert_cmpint (item->spread_source, ==, COB_CHART_SPREAD_SAMPLES);
  g_assert_cmpfloat_with_epsilon (item->spread_low, 1e9 / 890, 1e-6);
  g_assert_cmpfloat_with_epsilon (item->spread_high, 1e9 / 710, 1e-6);
  g_assert_cmpuint (item->n_samples, ==, 21);
  /* (890 - 710) / 800 = 22.5 %: above the 10 % threshold. */
  g_assert_true (item->unstable);

  item = cob_chart_series_get_item (series, 1);
  g_assert_cmpint (item->spread_source, ==, COB_CHART_SPREAD_NONE);
  g_assert_false (item->failed);

  item = cob_chart_series_get_item (series, 2);
  g_assert_true (item->failed);
  g_assert_cmpstr (item->error_message, ==, "disk full");
  g_assert_cmpfloat (item->ops_per_second, ==, 0);

  /* Linear: 1.408M / 5 → step 200k, up to 1.6M. */
  cob_chart_set_scale (chart, COB_CHART_SCALE_LINEAR);
  cob_chart_axis_get_range (cob_chart_get_axis (chart), &lower, &upper);
  g_assert_cmpfloat (lower, ==, 0);
  g_assert_cmpfloat_with_epsilon (upper, 1.6e6, 1e-3);
  linear_labels = tick_labels (cob_chart_get_axis (chart));
  g_assert_cmpstr (linear_labels, ==, "0 200k 400k 600k 800k 1M 1.2M 1.4M 1.6M");

  g_object_unref (chart);
}

static void
test_description (void)
{
  CobChart *chart = COB_CHART (g_object_ref_sink (cob_chart_new ()));
  g_autoptr(GPtrArray) results = make_results ();
  g_autofree char *by_id = NULL, *by_name = NULL, *linear = NULL;

  cob_chart_set_results (chart, results);
  by_id = cob_chart_describe (chart);
  /* LC_ALL=C.UTF-8: no thousands separators. */
  g_assert_cmpstr (by_id, ==,
                   "Operations per second, logarithmic scale.\n"
                   "cost_calculator: 1250000 operations per second, spread 1123596 to 1408451, unstable\n"
                   "aggregator: 5000 operations per second\n"
                   "export: failed: disk full\n"
                   "storage: 95.50 operations per second");

  /* Display names replace the ids they are known for. */
  cob_chart_set_targets (chart, test_targets);
  by_name = cob_chart_describe (chart);
  g_assert_nonnull (strstr (by_name, "\nCost calculator: 1250000 operations per second"));
  g_assert_nonnull (strstr (by_name, "\nStorage: 95.50 operations per second"));
  g_assert_nonnull (strstr (by_name, "\naggregator: 5000"));

  cob_chart_set_scale (chart, COB_CHART_SCALE_LINEAR);
  linear = cob_chart_describe (chart);
  g_assert_true (g_str_has_prefix (linear, "Operations per second, linear scale.\n"));

  /* The chart keeps its own references: the caller's array may go. */
  g_clear_pointer (&results, g_ptr_array_unref);
  cob_chart_set_targets (chart, NULL);
  g_clear_pointer (&by_id, g_free);
  by_id = cob_chart_describe (chart);
  g_assert_nonnull (strstr (by_id, "\ncost_calculator: 1250000"));

  cob_chart_set_results (chart, NULL);
  g_clear_pointer (&by_id, g_free);
  by_id = cob_chart_describe (chart);
  g_assert_cmpstr (by_id, ==, "No results yet");

  g_object_unref (chart);
}

/* Results read back from JSON have no samples; the spread comes from
 * their metrics. */
static void
test_spread_from_metrics (void)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) bench_result_unref);
  g_autoptr(CobChartSeries) series = cob_chart_series_new ();
  g_autoptr(JsonObject) with_spread = json_object_new ();
  g_autoptr(JsonObject) with_min = json_object_new ();
  g_autoptr(JsonObject) with_p5 = json_object_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const CobChartSeriesItem *item;

  json_object_set_double_member (with_spread, "operations_per_second", 1.25e6);
  json_object_set_int_member (with_spread, "median_duration_ns", 800);
  json_object_set_int_member (with_spread, "p95_duration_ns", 1000);
  json_object_set_double_member (with_spread, "spread", 0.5);
  json_object_set_int_member (with_spread, "min_duration_ns", 100);
  json_object_set_int_member (with_spread, "samples", 30);

  json_object_set_double_member (with_min, "operations_per_second", 1.25e6);
  json_object_set_int_member (with_min, "p95_duration_ns", 1000);
  json_object_set_int_member (with_min, "min_duration_ns", 500);

  json_object_set_double_member (with_p5, "operations_per_second", 1.25e6);
  json_object_set_int_member (with_p5, "p95_duration_ns", 1000);
  json_object_set_int_member (with_p5, "p5_duration_ns", 400);

  g_ptr_array_add (results, bench_result_new_success ("a", with_spread, now, NULL, 0));
  g_ptr_array_add (results, bench_result_new_success ("b", with_min, now, NULL, 0));
  g_ptr_array_add (results, bench_result_new_success ("c", with_p5, now, NULL, 0));
  cob_chart_series_set_results (series, results, NULL);

  /* p5 = p95 - spread × median = 1000 - 400 = 600 ns. */
  item = cob_chart_series_get_item (series, 0);
  g_assert_cmpint (item->spread_source, ==, COB_CHART_SPREAD_FROM_SPREAD);
  g_assert_cmpfloat_with_epsilon (item->spread_low, 1e6, 1e-6);
  g_assert_cmpfloat_with_epsilon (item->spread_high, 1e9 / 600, 1e-6);
  g_assert_cmpuint (item->n_samples, ==, 30);
  g_assert_true (item->unstable);

  item = cob_chart_series_get_item (series, 1);
  g_assert_cmpint (item->spread_source, ==, COB_CHART_SPREAD_MIN_P95);
  g_assert_cmpfloat_with_epsilon (item->spread_high, 2e6, 1e-6);
  g_assert_false (item->unstable);

  item = cob_chart_series_get_item (series, 2);
  g_assert_cmpint (item->spread_source, ==, COB_CHART_SPREAD_P5_P95);
  g_assert_cmpfloat_with_epsilon (item->spread_high, 2.5e6, 1e-6);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_scale_notify (void)
{
  CobChart *chart = COB_CHART (g_object_ref_sink (cob_chart_new ()));
  CobChartScale scale = COB_CHART_SCALE_LINEAR;
  guint notified = 0;

  g_assert_cmpint (cob_chart_get_scale (chart), ==, COB_CHART_SCALE_LOGARITHMIC);
  g_signal_connect (chart, "notify::scale", G_CALLBACK (count_notify), &notified);

  cob_chart_set_scale (chart, COB_CHART_SCALE_LINEAR);
  g_assert_cmpuint (notified, ==, 1);
  cob_chart_set_scale (chart, COB_CHART_SCALE_LINEAR);
  g_assert_cmpuint (notified, ==, 1);

  g_object_set (chart, "scale", COB_CHART_SCALE_LOGARITHMIC, NULL);
  g_assert_cmpuint (notified, ==, 2);
  g_object_get (chart, "scale", &scale, NULL);
  g_assert_cmpint (scale, ==, COB_CHART_SCALE_LOGARITHMIC);

  g_assert_true (G_TYPE_IS_ENUM (COB_TYPE_CHART_SCALE));
  g_assert_cmpstr (g_enum_get_value (g_type_class_peek (COB_TYPE_CHART_SCALE),
                                     COB_CHART_SCALE_LINEAR)->value_nick, ==, "linear");
  g_object_unref (chart);
}

static void
test_tooltip_and_rows (void)
{
  CobChart *chart = COB_CHART (g_object_ref_sink (cob_chart_new ()));
  g_autoptr(GPtrArray) results = make_results ();
  g_autofree char *first = NULL, *failed = NULL;
  CobChartGeometry geometry;

  cob_chart_set_targets (chart, test_targets);
  cob_chart_set_results (chart, results);

  first = cob_chart_bars_layer_dup_tooltip_markup (cob_chart_get_series (chart), 0);
  g_assert_cmpstr (first, ==,
                   "<b>Cost calculator</b>\n"
                   "1250000 operations per second\n"
                   "Spread (p95 to p5): 1123596 – 1408451\n"
                   "Median: 800 ns per operation\n"
                   "21 samples\n"
                   "Unstable: samples differ by more than 10%");
  failed = cob_chart_bars_layer_dup_tooltip_markup (cob_chart_get_series (chart), 2);
  g_assert_cmpstr (failed, ==, "<b>export</b>\nFailed: disk full");

  /* Rows split the plot evenly; outside it there is no row. */
  cob_chart_compute_geometry (chart, 600, 400, &geometry);
  g_assert_cmpfloat (geometry.plot.origin.x, >, 0);
  g_assert_cmpfloat (geometry.plot.origin.x + geometry.plot.size.width, <, 600);
  g_assert_cmpfloat (geometry.plot.origin.y + geometry.plot.size.height, <, 400);
  g_assert_cmpfloat_with_epsilon (geometry.row_height * 4, geometry.plot.size.height, 1e-3);
  g_assert_cmpint (cob_chart_geometry_row_at (&geometry, 4, geometry.plot.origin.y + 1), ==, 0);
  g_assert_cmpint (cob_chart_geometry_row_at (&geometry, 4,
                                              geometry.plot.origin.y + 2.5f * geometry.row_height), ==, 2);
  g_assert_cmpint (cob_chart_geometry_row_at (&geometry, 4, geometry.plot.origin.y - 1), ==, -1);
  g_assert_cmpint (cob_chart_geometry_row_at (&geometry, 4,
                                              geometry.plot.origin.y + geometry.plot.size.height + 1), ==, -1);

  /* Narrow: names give way to the plot instead of pushing it out. */
  cob_chart_compute_geometry (chart, 240, 200, &geometry);
  g_assert_cmpfloat (geometry.name_width, <=, 240 * 0.35f);
  g_assert_cmpfloat (geometry.plot.size.width, >=, 40);

  g_object_unref (chart);
}

static char *
temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("test-chart-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* How many pixels are close to @color. */
static guint
count_pixels_like (GdkTexture    *texture,
                   const GdkRGBA *color)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  gsize stride = (gsize) width * 4;
  g_autofree guchar *data = g_malloc (stride * height);
  guint count = 0;

  /* GDK_MEMORY_DEFAULT: premultiplied B, G, R, A on little endian; the
   * exports are opaque, so premultiplication changes nothing. */
  gdk_texture_download (texture, data, stride);
  for (gsize i = 0; i < stride * height; i += 4)
    {
      guint32 pixel = *(guint32 *) (gpointer) (data + i);
      double r = ((pixel >> 16) & 0xff) / 255.0;
      double g = ((pixel >> 8) & 0xff) / 255.0;
      double b = (pixel & 0xff) / 255.0;

      if (fabs (r - color->red) < 0.02 && fabs (g - color->green) < 0.02 &&
          fabs (b - color->blue) < 0.02)
        count++;
    }
  return count;
}

static void
test_export_png (void)
{
  CobChart *chart = COB_CHART (g_object_ref_sink (cob_chart_new ()));
  g_autoptr(GPtrArray) results = make_results ();
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "chart.PNG", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) empty_texture = NULL;
  g_autoptr(GError) error = NULL;
  CobChartColors colors;
  gsize length;
  guint bar_pixels, empty_bar_pixels;

  cob_chart_set_results (chart, results);
  g_assert_true (cob_chart_export (chart, path, 640, 360, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_cmpuint (length, >, 8);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);

  texture = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 640);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 360);

  /* Three bars in the theme's bar color: thousands of pixels of it. */
  cob_chart_get_colors (chart, &colors);
  bar_pixels = count_pixels_like (texture, &colors.bar);
  g_assert_cmpuint (bar_pixels, >, 2000);

  /* Without results there are no bars at all. */
  cob_chart_set_results (chart, NULL);
  g_assert_true (cob_chart_export (chart, path, 640, 360, &error));
  empty_texture = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  empty_bar_pixels = count_pixels_like (empty_texture, &colors.bar);
  g_assert_cmpuint (empty_bar_pixels, ==, 0);

  /* Any size works, even one too small to read. */
  cob_chart_set_results (chart, results);
  g_assert_true (cob_chart_export (chart, path, 16, 12, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  g_object_unref (chart);
}

static void
test_export_svg (void)
{
  CobChart *chart = COB_CHART (g_object_ref_sink (cob_chart_new ()));
  g_autoptr(GPtrArray) results = make_results ();
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "chart.svg", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  cob_chart_set_results (chart, results);
  g_assert_true (cob_chart_export (chart, path, 800, 450, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_true (g_str_has_prefix (contents, "<?xml"));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "width=\"800"));
  g_assert_nonnull (strstr (contents, "</svg>"));

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  g_object_unref (chart);
}

static void
test_export_errors (void)
{
  CobChart *chart = COB_CHART (g_object_ref_sink (cob_chart_new ()));
  g_autofree char *dir = temp_dir ();
  g_autofree char *jpeg = g_build_filename (dir, "chart.jpg", NULL);
  g_autofree char *bare = g_build_filename (dir, "chart", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "chart.png", NULL);
  g_autofree char *existing = g_build_filename (dir, "keep.png", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (cob_chart_export (chart, jpeg, 100, 100, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "chart.jpg"));
  g_assert_false (g_file_test (jpeg, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_false (cob_chart_export (chart, bare, 100, 100, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_false (cob_chart_export (chart, missing, 100, 100, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);

  /* A bad size leaves an earlier export intact. */
  g_assert_true (g_file_set_contents (existing, "earlier", -1, &error));
  g_assert_false (cob_chart_export (chart, existing, 0, 100, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (existing, &contents, NULL, &error));
  g_assert_cmpstr (contents, ==, "earlier");

  g_assert_cmpint (g_remove (existing), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  g_object_unref (chart);
}

/* Shown in a window, the widget lays out and draws without warnings (the
 * tests run with fatal criticals) at a small and a large size. */
static void
test_in_window (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *chart = cob_chart_new ();
  g_autoptr(GPtrArray) results = make_results ();
  int minimum, natural;

  cob_chart_set_results (COB_CHART (chart), results);
  gtk_widget_measure (chart, GTK_ORIENTATION_VERTICAL, -1, &minimum, &natural, NULL, NULL);
  /* Four rows and the axis need room, but not a whole screen. */
  g_assert_cmpint (minimum, >=, 4 * 16);
  g_assert_cmpint (minimum, <=, natural);
  g_assert_cmpint (natural, <, 600);

  gtk_window_set_child (GTK_WINDOW (window), chart);
  gtk_window_set_default_size (GTK_WINDOW (window), 300, 200);
  gtk_window_present (GTK_WINDOW (window));
  for (guint i = 0; i < 50 && gtk_widget_get_width (chart) == 0; i++)
    {
      g_usleep (10000);
      while (g_main_context_iteration (NULL, FALSE));
    }
  g_assert_cmpint (gtk_widget_get_width (chart), >, 0);

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  cob_chart_set_scale (COB_CHART (chart), COB_CHART_SCALE_LINEAR);
  for (guint i = 0; i < 10; i++)
    {
      g_usleep (10000);
      while (g_main_context_iteration (NULL, FALSE));
    }

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE));
}

/* WCAG 2 relative luminance. */
static double
luminance (const GdkRGBA *color)
{
  double c[3] = { color->red, color->green, color->blue };

  for (guint i = 0; i < 3; i++)
    c[i] = c[i] <= 0.03928 ? c[i] / 12.92 : pow ((c[i] + 0.055) / 1.055, 2.4);
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

static double
contrast (const GdkRGBA *a,
          const GdkRGBA *b)
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

static void
settle (void)
{
  for (guint i = 0; i < 10; i++)
    {
      g_usleep (5000);
      while (g_main_context_iteration (NULL, FALSE));
    }
}

/* The colors follow the theme: dark text on a light background, then the
 * other way round once the dark variant is asked for. */
static void
test_theme_colors (void)
{
  GtkSettings *settings = gtk_settings_get_default ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *chart = cob_chart_new ();
  CobChartColors light, dark;

  gtk_window_set_child (GTK_WINDOW (window), chart);
  gtk_window_present (GTK_WINDOW (window));

  g_object_set (settings, "gtk-application-prefer-dark-theme", FALSE, NULL);
  settle ();
  cob_chart_get_colors (COB_CHART (chart), &light);
  g_object_set (settings, "gtk-application-prefer-dark-theme", TRUE, NULL);
  settle ();
  cob_chart_get_colors (COB_CHART (chart), &dark);
  g_object_set (settings, "gtk-application-prefer-dark-theme", FALSE, NULL);

  g_assert_cmpfloat (luminance (&light.foreground), <, luminance (&light.background));
  g_assert_cmpfloat (luminance (&dark.foreground), >, luminance (&dark.background));
  /* Text is readable and bars stand out (WCAG: 4.5:1 and 3:1) in both,
   * though GTK's own dark selection color is too dark for a bar. */
  g_assert_cmpfloat (contrast (&light.foreground, &light.background), >=, 4.5);
  g_assert_cmpfloat (contrast (&dark.foreground, &dark.background), >=, 4.5);
  g_assert_cmpfloat (contrast (&light.bar, &light.background), >=, 3.0);
  g_assert_cmpfloat (contrast (&dark.bar, &dark.background), >=, 3.0);

  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

static void
skip_without_display (void)
{
  g_test_skip ("no display: the chart widget tests need X11 or Wayland (run under xvfb-run)");
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_init (&argc, &argv, NULL);
      g_test_add_func ("/chart/widget", skip_without_display);
      return g_test_run ();
    }

  /* Everything here draws with cairo (exports) or is drawn once; GL, which
   * is llvmpipe under Xvfb, adds nothing and its loader upsets valgrind. */
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);

  gtk_test_init (&argc, &argv, NULL);
  /* The expected strings use C's number format. */
  setlocale (LC_NUMERIC, "C.UTF-8");

  g_test_add_func ("/chart/empty", test_empty);
  g_test_add_func ("/chart/scale-and-labels", test_scale_and_labels);
  g_test_add_func ("/chart/description", test_description);
  g_test_add_func ("/chart/spread-from-metrics", test_spread_from_metrics);
  g_test_add_func ("/chart/scale-notify", test_scale_notify);
  g_test_add_func ("/chart/tooltip-and-rows", test_tooltip_and_rows);
  g_test_add_func ("/chart/export/png", test_export_png);
  g_test_add_func ("/chart/export/svg", test_export_svg);
  g_test_add_func ("/chart/export/errors", test_export_errors);
  g_test_add_func ("/chart/in-window", test_in_window);
  g_test_add_func ("/chart/theme-colors", test_theme_colors);

  return g_test_run ();
}
