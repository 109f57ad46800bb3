/* cob-chart-axis-layer.c: grid, ticks, labels, title and target names.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cob-chart-axis-layer.h"

/* Least room between two tick labels; a label that would come closer to
 * the previous one is left out rather than drawn over it. */
#define TICK_LABEL_SPACING 8.0f
/* Minor grid lines (2..9 in each decade) only where a decade is at least
 * this wide; narrower, they turn into a grey wash. The ticks stay. */
#define MIN_DECADE_WIDTH_FOR_MINOR_GRID 80.0f

struct _CobChartAxisLayer
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (CobChartAxisLayer, cob_chart_axis_layer, GTK_TYPE_WIDGET)

/* Lines on whole pixels stay crisp at a scale of 1. */
static void
append_vline (GtkSnapshot   *snapshot,
              const GdkRGBA *color,
              float          x,
              float          y,
              float          height)
{
  gtk_snapshot_append_color (snapshot, color,
                             &GRAPHENE_RECT_INIT (floorf (x), y, 1, height));
}

static void
center_in_width (PangoLayout *layout,
                 float        width)
{
  pango_layout_set_width (layout, (int) (MAX (1.0f, width) * PANGO_SCALE));
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
}

static void
draw_empty_state (CobChartAxisLayer      *self,
                  GtkSnapshot            *snapshot,
                  const CobChartGeometry *geometry,
                  const CobChartColors   *colors)
{
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) hint = NULL;
  PangoAttrList *attrs;
  int title_height, hint_height, w;
  float top;

  title = cob_chart_create_layout (GTK_WIDGET (self), _("No results yet"), FALSE);
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_scale_new (1.4));
  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (title, attrs);
  pango_attr_list_unref (attrs);

  hint = cob_chart_create_layout (GTK_WIDGET (self),
                                  _("Run benchmarks or load earlier results to compare operations per second."),
                                  TRUE);

  center_in_width (title, geometry->width - 24);
  center_in_width (hint, geometry->width - 24);
  pango_layout_get_pixel_size (title, &w, &title_height);
  pango_layout_get_pixel_size (hint, &w, &hint_height);

  top = (geometry->height - title_height - 6 - hint_height) / 2.0f;
  cob_chart_append_layout_at (snapshot, title, &colors->dim, 12, top);
  cob_chart_append_layout_at (snapshot, hint, &colors->dim, 12, top + title_height + 6);
}

static void
draw_value_axis (CobChartAxisLayer      *self,
                 CobChart               *chart,
                 GtkSnapshot            *snapshot,
                 const CobChartGeometry *geometry,
                 const CobChartColors   *colors)
{
  CobChartAxis *axis = cob_chart_get_axis (chart);
  const graphene_rect_t *plot = &geometry->plot;
  float bottom = plot->origin.y + plot->size.height;
  float last_label_end = -G_MAXFLOAT;
  g_autoptr(PangoLayout) title = NULL;
  const CobChartTick *ticks;
  gboolean minor_grid = TRUE;
  guint n_ticks;
  int w, h;

  ticks = cob_chart_axis_get_ticks (axis, &n_ticks);
  if (cob_chart_axis_get_scale (axis) == COB_CHART_SCALE_LOGARITHMIC)
    {
      double lower, upper;

      cob_chart_axis_get_range (axis, &lower, &upper);
      minor_grid = plot->size.width / log10 (upper / lower) >= MIN_DECADE_WIDTH_FOR_MINOR_GRID;
    }

  for (guint i = 0; i < n_ticks; i++)
    {
      const CobChartTick *tick = &ticks[i];
      float x = plot->origin.x + cob_chart_axis_map (axis, tick->value) * plot->size.width;

      /* Keep the last line inside the plot's right edge. */
      x = MIN (x, plot->origin.x + plot->size.width - 1);

      if (tick->major || minor_grid)
        append_vline (snapshot, tick->major ? &colors->grid_major : &colors->grid_minor,
                      x, plot->origin.y, plot->size.height);
      append_vline (snapshot, &colors->axis_line, x, bottom,
                    tick->major ? geometry->tick_length : geometry->tick_length / 2);

      if (tick->label != NULL)
        {
          g_autoptr(PangoLayout) layout = NULL;
          float left;

          layout = cob_chart_create_layout (GTK_WIDGET (self), tick->label, TRUE);
          pango_layout_get_pixel_size (layout, &w, &h);
          left = CLAMP (x - w / 2.0f, 0, geometry->width - w);
          if (left < last_label_end + TICK_LABEL_SPACING)
            continue;
          cob_chart_append_layout_at (snapshot, layout, &colors->dim, left, geometry->tick_label_y);
          last_label_end = left + w;
        }
    }

  gtk_snapshot_append_color (snapshot, &colors->axis_line,
                             &GRAPHENE_RECT_INIT (plot->origin.x, floorf (bottom),
                                                  plot->size.width, 1));

  title = cob_chart_create_layout (GTK_WIDGET (self),
                                   cob_chart_axis_get_scale (axis) == COB_CHART_SCALE_LINEAR
                                   ? _("Operations per second")
                                   : _("Operations per second (log scale)"),
                                   TRUE);
  pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (title, (int) (geometry->width * PANGO_SCALE));
  pango_layout_get_pixel_size (title, &w, &h);
  /* Centred under the plot when it fits there, else under the whole width. */
  cob_chart_append_layout_at (snapshot, title, &colors->dim,
                    CLAMP (plot->origin.x + (plot->size.width - w) / 2.0f,
                           0, geometry->width - w),
                    geometry->title_y);
}

static void
draw_names (CobChartAxisLayer      *self,
            CobChart               *chart,
            GtkSnapshot            *snapshot,
            const CobChartGeometry *geometry,
            const CobChartColors   *colors)
{
  CobChartSeries *series = cob_chart_get_series (chart);
  guint n_items = cob_chart_series_get_n_items (series);
  float right = geometry->plot.origin.x - geometry->name_gap;

  for (guint i = 0; i < n_items; i++)
    {
      const CobChartSeriesItem *item = cob_chart_series_get_item (series, i);
      g_autoptr(PangoLayout) layout = NULL;
      float center_y = geometry->plot.origin.y + (i + 0.5f) * geometry->row_height;
      int w, h;

      layout = cob_chart_create_layout (GTK_WIDGET (self), item->label, FALSE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_width (layout, (int) (geometry->name_width * PANGO_SCALE));
      pango_layout_get_pixel_size (layout, &w, &h);
      cob_chart_append_layout_at (snapshot, layout, &colors->foreground,
                        right - w, center_y - h / 2.0f);
    }
}

void
cob_chart_axis_layer_draw (CobChartAxisLayer      *self,
                           CobChart               *chart,
                           GtkSnapshot            *snapshot,
                           const CobChartGeometry *geometry,
                           const CobChartColors   *colors)
{
  g_return_if_fail (COB_IS_CHART_AXIS_LAYER (self));
  g_return_if_fail (COB_IS_CHART (chart));

  if (cob_chart_series_get_n_items (cob_chart_get_series (chart)) == 0)
    {
      draw_empty_state (self, snapshot, geometry, colors);
      return;
    }

  draw_value_axis (self, chart, snapshot, geometry, colors);
  draw_names (self, chart, snapshot, geometry, colors);
}

static void
cob_chart_axis_layer_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  CobChart *chart = COB_CHART (gtk_widget_get_parent (widget));
  CobChartGeometry geometry;
  CobChartColors colors;

  cob_chart_compute_geometry (chart, gtk_widget_get_width (widget),
                              gtk_widget_get_height (widget), &geometry);
  cob_chart_get_colors (chart, &colors);
  cob_chart_axis_layer_draw (COB_CHART_AXIS_LAYER (widget), chart, snapshot,
                             &geometry, &colors);
}

static void
cob_chart_axis_layer_class_init (CobChartAxisLayerClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = cob_chart_axis_layer_snapshot;

  gtk_widget_class_set_css_name (widget_class, "axis");
  /* The chart as a whole is the accessible image. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
cob_chart_axis_layer_init (CobChartAxisLayer *self)
{
  /* Pointer events go to the bars layer above. */
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

GtkWidget *
cob_chart_axis_layer_new (void)
{
  return g_object_new (COB_TYPE_CHART_AXIS_LAYER, NULL);
}
