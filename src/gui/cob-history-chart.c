/* cob-history-chart.c: ops/sec over runs, one line and band per target.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "bench-compare.h"
#include "cob-history-chart.h"

#define PAD 8.0f
#define TICK_GAP 6.0f
#define LEGEND_SWATCH 10.0f
#define LEGEND_GAP 16.0f
#define POINT_RADIUS 3.0

typedef struct {
  char   *target_id;
  GArray *points;   /* CobHistoryPoint */
} Series;

struct _CobHistoryChart
{
  GtkWidget     parent_instance;

  CobChartAxis *axis;
  GPtrArray    *series;     /* Series* in first-seen order */
  guint         n_runs;
  const char *(*title_func) (gpointer data, const char *id);
  gpointer      title_data;
};

G_DEFINE_FINAL_TYPE (CobHistoryChart, cob_history_chart, GTK_TYPE_WIDGET)

typedef struct {
  graphene_rect_t plot;
  float           legend_height;
  float           line_height;
} Geometry;

static void
series_free (gpointer data)
{
  Series *series = data;

  g_free (series->target_id);
  g_array_unref (series->points);
  g_free (series);
}

static const char *
series_title (CobHistoryChart *self,
              Series          *series)
{
  const char *title = self->title_func != NULL ? self->title_func (self->title_data, series->target_id) : NULL;

  return title != NULL ? title : series->target_id;
}

/* ---- Colors ----------------------------------------------------------- */

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
/* GtkStyleContext is deprecated from GTK 4.10 but is all 4.8 offers. */
static void
get_foreground (GtkWidget *widget,
                GdkRGBA   *color)
{
#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (widget, color);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
#endif
}
G_GNUC_END_IGNORE_DEPRECATIONS

static gboolean
is_dark (const GdkRGBA *foreground)
{
  return 0.2126f * foreground->red + 0.7152f * foreground->green + 0.0722f * foreground->blue > 0.5f;
}

/* The GNOME palette: the 3 shades for light backgrounds, the 1–2 shades for
 * dark ones, so that every line keeps its contrast. */
static void
series_color (guint    index,
              gboolean dark,
              GdkRGBA *color)
{
  static const char *light[] = { "#1c71d8", "#26a269", "#e66100", "#9141ac", "#a51d2d", "#986a44", "#c64600", "#1a5fb4" };
  static const char *darkc[] = { "#62a0ea", "#57e389", "#ffa348", "#dc8add", "#f66151", "#cdab8f", "#f9f06b", "#99c1f1" };

  gdk_rgba_parse (color, (dark ? darkc : light)[index % G_N_ELEMENTS (light)]);
}

static void
set_source (cairo_t       *cr,
            const GdkRGBA *color,
            double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/* ---- Model ------------------------------------------------------------ */

static gboolean
point_for (BenchResult     *result,
           CobHistoryPoint *point)
{
  guint n = 0;
  const double *samples;

  if (result == NULL || !bench_result_is_success (result))
    return FALSE;
  samples = bench_result_get_samples (result, &n);
  if (samples != NULL && n > 0)
    {
      double median = bench_compare_median (samples, n);
      double p5 = bench_compare_percentile (samples, n, 0.05);
      double p95 = bench_compare_percentile (samples, n, 0.95);

      if (!(median > 0 && p5 > 0 && p95 > 0))
        return FALSE;
      /* ns/op → ops/sec: the slow end of the samples is the low end. */
      point->median = 1e9 / median;
      point->low = 1e9 / p95;
      point->high = 1e9 / p5;
      return TRUE;
    }
  point->median = bench_result_get_ops_per_second (result);
  point->low = point->high = point->median;
  return point->median > 0 && isfinite (point->median);
}

/* What the chart draws for some runs, computed away from the widget: the
 * app makes it in the thread that reads the history (sorting every run's
 * samples takes tens of milliseconds for a few hundred runs). */
struct _CobHistoryChartData
{
  GPtrArray *series;   /* Series* in first-seen order */
  GArray    *values;   /* every low and high, for the axis */
  guint      n_runs;
};

static Series *
find_data_series (GPtrArray  *series,
                  const char *target_id)
{
  for (guint i = 0; i < series->len; i++)
    {
      Series *candidate = g_ptr_array_index (series, i);

      if (g_strcmp0 (candidate->target_id, target_id) == 0)
        return candidate;
    }
  return NULL;
}

CobHistoryChartData *
cob_history_chart_data_new (GPtrArray *runs)
{
  CobHistoryChartData *data = g_new0 (CobHistoryChartData, 1);

  data->series = g_ptr_array_new_with_free_func (series_free);
  data->values = g_array_new (FALSE, FALSE, sizeof (double));
  data->n_runs = runs != NULL ? runs->len : 0;
  for (guint r = 0; r < data->n_runs; r++)
    {
      GPtrArray *results = bench_run_record_get_results (g_ptr_array_index (runs, r));

      for (guint i = 0; i < results->len; i++)
        {
          BenchResult *result = g_ptr_array_index (results, i);
          const char *id = bench_result_get_target_id (result);
          CobHistoryPoint point = { .run_index = r };
          Series *series = find_data_series (data->series, id);

          if (series == NULL)
            {
              series = g_new0 (Series, 1);
              series->target_id = g_strdup (id);
              series->points = g_array_new (FALSE, FALSE, sizeof (CobHistoryPoint));
              g_ptr_array_add (data->series, series);
            }
          if (!point_for (result, &point))
            continue;
          g_array_append_val (series->points, point);
          g_array_append_val (data->values, point.low);
          g_array_append_val (data->values, point.high);
        }
    }
  return data;
}

void
cob_history_chart_data_free (CobHistoryChartData *data)
{
  if (data == NULL)
    return;
  g_ptr_array_unref (data->series);
  g_array_unref (data->values);
  g_free (data);
}

void
cob_history_chart_set_data (CobHistoryChart     *self,
                            CobHistoryChartData *data)
{
  g_return_if_fail (COB_IS_HISTORY_CHART (self));
  g_return_if_fail (data != NULL);

  g_ptr_array_unref (self->series);
  self->series = g_steal_pointer (&data->series);
  self->n_runs = data->n_runs;
  cob_chart_axis_set_values (self->axis, (const double *) data->values->data, data->values->len);
  data->series = g_ptr_array_new ();
  cob_history_chart_data_free (data);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cob_history_chart_set_runs (CobHistoryChart *self,
                            GPtrArray       *runs)
{
  g_return_if_fail (COB_IS_HISTORY_CHART (self));

  cob_history_chart_set_data (self, cob_history_chart_data_new (runs));
}

void
cob_history_chart_set_title_func (CobHistoryChart *self,
                                  const char *(*func) (gpointer data, const char *id),
                                  gpointer         data)
{
  g_return_if_fail (COB_IS_HISTORY_CHART (self));
  self->title_func = func;
  self->title_data = data;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
cob_history_chart_get_n_series (CobHistoryChart *self)
{
  g_return_val_if_fail (COB_IS_HISTORY_CHART (self), 0);
  return self->series->len;
}

const char *
cob_history_chart_get_series_id (CobHistoryChart *self,
                                 guint            series)
{
  g_return_val_if_fail (COB_IS_HISTORY_CHART (self), NULL);
  g_return_val_if_fail (series < self->series->len, NULL);
  return ((Series *) g_ptr_array_index (self->series, series))->target_id;
}

const CobHistoryPoint *
cob_history_chart_get_points (CobHistoryChart *self,
                              guint            series,
                              guint           *n_points)
{
  Series *s;

  g_return_val_if_fail (COB_IS_HISTORY_CHART (self), NULL);
  g_return_val_if_fail (series < self->series->len, NULL);
  s = g_ptr_array_index (self->series, series);
  if (n_points != NULL)
    *n_points = s->points->len;
  return (const CobHistoryPoint *) s->points->data;
}

CobChartAxis *
cob_history_chart_get_axis (CobHistoryChart *self)
{
  g_return_val_if_fail (COB_IS_HISTORY_CHART (self), NULL);
  return self->axis;
}

/* ---- Geometry --------------------------------------------------------- */

static PangoLayout *
small_layout (GtkWidget  *widget,
              const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (0.85));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static void
text_size (GtkWidget  *widget,
           const char *text,
           int        *width,
           int        *height)
{
  g_autoptr(PangoLayout) layout = small_layout (widget, text);

  pango_layout_get_pixel_size (layout, width, height);
}

static float
legend_item_width (CobHistoryChart *self,
                   Series          *series)
{
  int w = 0, h = 0;

  text_size (GTK_WIDGET (self), series_title (self, series), &w, &h);
  return LEGEND_SWATCH + 6 + w;
}

static void
compute_geometry (CobHistoryChart *self,
                  float            width,
                  float            height,
                  Geometry        *geometry)
{
  guint n_ticks = 0;
  const CobChartTick *ticks = cob_chart_axis_get_ticks (self->axis, &n_ticks);
  int label_w = 0, line_h = 0, w = 0;
  float x = 0;
  guint lines = self->series->len > 0 ? 1 : 0;

  text_size (GTK_WIDGET (self), "0", &w, &line_h);
  for (guint i = 0; i < n_ticks; i++)
    if (ticks[i].label != NULL)
      {
        int tw = 0, th = 0;

        text_size (GTK_WIDGET (self), ticks[i].label, &tw, &th);
        label_w = MAX (label_w, tw);
      }
  for (guint i = 0; i < self->series->len; i++)
    {
      float item = legend_item_width (self, g_ptr_array_index (self->series, i));

      if (x > 0 && x + item > width - 2 * PAD)
        {
          lines++;
          x = 0;
        }
      x += item + LEGEND_GAP;
    }
  geometry->line_height = line_h + 4;
  geometry->legend_height = lines * geometry->line_height + (lines > 0 ? PAD : 0);
  geometry->plot.origin.x = PAD + label_w + TICK_GAP;
  geometry->plot.origin.y = PAD + geometry->legend_height + line_h / 2.0f;
  geometry->plot.size.width = MAX (1.0f, width - geometry->plot.origin.x - 2 * PAD);
  geometry->plot.size.height = MAX (1.0f, height - geometry->plot.origin.y - PAD - 2 * (line_h + 4));
}

static float
x_for_run (const Geometry *geometry,
           guint           n_runs,
           guint           run_index)
{
  /* Half a slot of room at each end, so a lone run sits in the middle. */
  float slot = geometry->plot.size.width / MAX (1u, n_runs);

  return geometry->plot.origin.x + slot * (run_index + 0.5f);
}

static float
y_for_value (CobHistoryChart *self,
             const Geometry  *geometry,
             double           value)
{
  return geometry->plot.origin.y + geometry->plot.size.height * (1.0f - (float) cob_chart_axis_map (self->axis, value));
}

gboolean
cob_history_chart_point_position (CobHistoryChart *self,
                                  float            width,
                                  float            height,
                                  guint            series,
                                  guint            point,
                                  float           *x,
                                  float           *y)
{
  Geometry geometry;
  Series *s;
  const CobHistoryPoint *p;

  g_return_val_if_fail (COB_IS_HISTORY_CHART (self), FALSE);
  if (series >= self->series->len)
    return FALSE;
  s = g_ptr_array_index (self->series, series);
  if (point >= s->points->len)
    return FALSE;
  p = &g_array_index (s->points, CobHistoryPoint, point);
  compute_geometry (self, width, height, &geometry);
  if (x != NULL)
    *x = x_for_run (&geometry, self->n_runs, p->run_index);
  if (y != NULL)
    *y = y_for_value (self, &geometry, p->median);
  return TRUE;
}

/* ---- Drawing ---------------------------------------------------------- */

static void
show_text (cairo_t       *cr,
           GtkWidget     *widget,
           const char    *text,
           const GdkRGBA *color,
           double         x,
           double         y,
           double         x_align)
{
  g_autoptr(PangoLayout) layout = small_layout (widget, text);
  int w = 0, h = 0;

  pango_layout_get_pixel_size (layout, &w, &h);
  set_source (cr, color, 1.0);
  cairo_move_to (cr, round (x - w * x_align), round (y));
  pango_cairo_show_layout (cr, layout);
}

static void
draw_band_and_line (CobHistoryChart *self,
                    cairo_t         *cr,
                    const Geometry  *geometry,
                    Series          *series,
                    const GdkRGBA   *color)
{
  GArray *points = series->points;

  if (points->len == 0)
    return;

  /* The band: along the fast end, back along the slow end. */
  cairo_new_path (cr);
  for (guint i = 0; i < points->len; i++)
    {
      const CobHistoryPoint *p = &g_array_index (points, CobHistoryPoint, i);

      cairo_line_to (cr, x_for_run (geometry, self->n_runs, p->run_index), y_for_value (self, geometry, p->high));
    }
  for (guint i = points->len; i-- > 0;)
    {
      const CobHistoryPoint *p = &g_array_index (points, CobHistoryPoint, i);

      cairo_line_to (cr, x_for_run (geometry, self->n_runs, p->run_index), y_for_value (self, geometry, p->low));
    }
  cairo_close_path (cr);
  set_source (cr, color, 0.18);
  if (points->len > 1)
    cairo_fill (cr);
  else
    {
      /* One run: its spread as a short vertical bar. */
      cairo_set_line_width (cr, 6);
      cairo_stroke (cr);
    }

  cairo_new_path (cr);
  for (guint i = 0; i < points->len; i++)
    {
      const CobHistoryPoint *p = &g_array_index (points, CobHistoryPoint, i);

      cairo_line_to (cr, x_for_run (geometry, self->n_runs, p->run_index), y_for_value (self, geometry, p->median));
    }
  set_source (cr, color, 1.0);
  cairo_set_line_width (cr, 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
  for (guint i = 0; i < points->len; i++)
    {
      const CobHistoryPoint *p = &g_array_index (points, CobHistoryPoint, i);

      cairo_arc (cr, x_for_run (geometry, self->n_runs, p->run_index), y_for_value (self, geometry, p->median),
                 POINT_RADIUS, 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

static void
cob_history_chart_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  CobHistoryChart *self = COB_HISTORY_CHART (widget);
  float width = gtk_widget_get_width (widget);
  float height = gtk_widget_get_height (widget);
  GdkRGBA fg, dim, grid;
  gboolean dark;
  Geometry geometry;
  guint n_ticks = 0;
  const CobChartTick *ticks;
  cairo_t *cr;
  float legend_x = PAD, legend_y = PAD;

  if (width <= 0 || height <= 0)
    return;
  get_foreground (widget, &fg);
  dark = is_dark (&fg);
  dim = fg;
  dim.alpha *= 0.65f;
  grid = fg;
  grid.alpha *= dark ? 0.20f : 0.14f;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (self->n_runs == 0)
    {
      show_text (cr, widget, _("No runs in the history yet"), &dim, width / 2, height / 2 - 8, 0.5);
      cairo_destroy (cr);
      return;
    }

  compute_geometry (self, width, height, &geometry);
  ticks = cob_chart_axis_get_ticks (self->axis, &n_ticks);

  /* Grid and value labels. */
  for (guint i = 0; i < n_ticks; i++)
    {
      float y = y_for_value (self, &geometry, ticks[i].value);

      if (!ticks[i].major)
        continue;
      set_source (cr, &grid, 1.0);
      cairo_rectangle (cr, geometry.plot.origin.x, floor (y), geometry.plot.size.width, 1);
      cairo_fill (cr);
      if (ticks[i].label != NULL)
        show_text (cr, widget, ticks[i].label, &dim, geometry.plot.origin.x - TICK_GAP,
                   y - geometry.line_height / 2 + 2, 1.0);
    }

  /* Run numbers along the bottom, every step-th counted back from the
   * newest run, which always has its number; the step is what the widest
   * number (the last) needs, so none collide, and one text is measured
   * instead of one per run. */
  {
    g_autofree char *widest = g_strdup_printf ("%u", self->n_runs);
    float slot = geometry.plot.size.width / self->n_runs;
    int w = 0, h = 0;
    guint step;

    text_size (widget, widest, &w, &h);
    step = MAX (1u, (guint) ceilf ((w + 6) / MAX (slot, 1.0f)));
    for (guint r = (self->n_runs - 1) % step; r < self->n_runs; r += step)
      {
        g_autofree char *label = g_strdup_printf ("%u", r + 1);

        show_text (cr, widget, label, &dim, x_for_run (&geometry, self->n_runs, r),
                   geometry.plot.origin.y + geometry.plot.size.height + 4, 0.5);
      }
  }
  show_text (cr, widget, _("Runs, oldest to newest (median ops/sec, band: p5–p95)"), &dim,
             geometry.plot.origin.x + geometry.plot.size.width / 2,
             geometry.plot.origin.y + geometry.plot.size.height + 4 + geometry.line_height, 0.5);

  /* Lines, then the legend (one swatch and name per target). */
  for (guint i = 0; i < self->series->len; i++)
    {
      Series *series = g_ptr_array_index (self->series, i);
      GdkRGBA color;
      float item = legend_item_width (self, series);

      series_color (i, dark, &color);
      draw_band_and_line (self, cr, &geometry, series, &color);

      if (legend_x > PAD && legend_x + item > width - PAD)
        {
          legend_x = PAD;
          legend_y += geometry.line_height;
        }
      set_source (cr, &color, 1.0);
      cairo_rectangle (cr, legend_x, legend_y + (geometry.line_height - LEGEND_SWATCH) / 2 - 1,
                       LEGEND_SWATCH, LEGEND_SWATCH);
      cairo_fill (cr);
      show_text (cr, widget, series_title (self, series), &fg, legend_x + LEGEND_SWATCH + 6, legend_y, 0);
      legend_x += item + LEGEND_GAP;
    }
  cairo_destroy (cr);
}

static void
cob_history_chart_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 200 : 160;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 400 : 240;
}

static void
cob_history_chart_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (cob_history_chart_parent_class)->css_changed (widget, change);
  gtk_widget_queue_draw (widget);
}

static void
cob_history_chart_finalize (GObject *object)
{
  CobHistoryChart *self = COB_HISTORY_CHART (object);

  g_clear_object (&self->axis);
  g_clear_pointer (&self->series, g_ptr_array_unref);
  G_OBJECT_CLASS (cob_history_chart_parent_class)->finalize (object);
}

static void
cob_history_chart_class_init (CobHistoryChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cob_history_chart_finalize;
  widget_class->snapshot = cob_history_chart_snapshot;
  widget_class->measure = cob_history_chart_measure;
  widget_class->css_changed = cob_history_chart_css_changed;
  gtk_widget_class_set_css_name (widget_class, "historychart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
cob_history_chart_init (CobHistoryChart *self)
{
  self->axis = cob_chart_axis_new (COB_CHART_SCALE_LOGARITHMIC);
  self->series = g_ptr_array_new_with_free_func (series_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Operations per second over runs"), -1);
}

GtkWidget *
cob_history_chart_new (void)
{
  return g_object_new (COB_TYPE_HISTORY_CHART, NULL);
}
