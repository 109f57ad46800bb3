/* cob-chart-bars-layer.c: bars, spread whiskers, value labels, hover and
 * tooltips.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cob-chart-bars-layer.h"

#define BAR_RADIUS 3.0f
/* A value far below the axis maximum on a linear scale still gets a bar
 * that can be seen and hovered. */
#define MIN_BAR_LENGTH 2.0f
#define WHISKER_THICKNESS 1.5f
/* The hover highlight stays clear of the widget's edges. */
#define HOVER_INSET 4.0f
/* Narrower than this a whisker is only a smudge at the bar's end; the
 * tooltip still gives the spread. */
#define MIN_WHISKER_WIDTH 3.0f

struct _CobChartBarsLayer
{
  GtkWidget parent_instance;

  int       hover_row;   /* -1 when the pointer is not over a row */
};

G_DEFINE_FINAL_TYPE (CobChartBarsLayer, cob_chart_bars_layer, GTK_TYPE_WIDGET)

static void
append_rounded (GtkSnapshot           *snapshot,
                const GdkRGBA         *color,
                const graphene_rect_t *rect,
                float                  radius)
{
  GskRoundedRect rounded;

  gsk_rounded_rect_init_from_rect (&rounded, rect,
                                   MIN (radius, MIN (rect->size.width, rect->size.height) / 2));
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, color, rect);
  gtk_snapshot_pop (snapshot);
}

static void
draw_whisker (GtkSnapshot   *snapshot,
              const GdkRGBA *color,
              float          low_x,
              float          high_x,
              float          center_y,
              float          cap_height)
{
  float half = WHISKER_THICKNESS / 2;

  gtk_snapshot_append_color (snapshot, color,
                             &GRAPHENE_RECT_INIT (low_x, center_y - half,
                                                  MAX (high_x - low_x, WHISKER_THICKNESS),
                                                  WHISKER_THICKNESS));
  gtk_snapshot_append_color (snapshot, color,
                             &GRAPHENE_RECT_INIT (low_x - half, center_y - cap_height / 2,
                                                  WHISKER_THICKNESS, cap_height));
  gtk_snapshot_append_color (snapshot, color,
                             &GRAPHENE_RECT_INIT (high_x - half, center_y - cap_height / 2,
                                                  WHISKER_THICKNESS, cap_height));
}

void
cob_chart_bars_layer_draw (CobChartBarsLayer      *self,
                           CobChart               *chart,
                           GtkSnapshot            *snapshot,
                           const CobChartGeometry *geometry,
                           const CobChartColors   *colors,
                           gboolean                with_hover)
{
  CobChartSeries *series;
  CobChartAxis *axis;
  const graphene_rect_t *plot = &geometry->plot;
  guint n_items;

  g_return_if_fail (COB_IS_CHART_BARS_LAYER (self));
  g_return_if_fail (COB_IS_CHART (chart));

  series = cob_chart_get_series (chart);
  axis = cob_chart_get_axis (chart);
  n_items = cob_chart_series_get_n_items (series);

  for (guint i = 0; i < n_items; i++)
    {
      const CobChartSeriesItem *item = cob_chart_series_get_item (series, i);
      gboolean hovered = with_hover && self->hover_row == (int) i;
      float row_y = plot->origin.y + i * geometry->row_height;
      float center_y = row_y + geometry->row_height / 2;
      float label_x;
      g_autoptr(PangoLayout) layout = NULL;
      int w, h;

      if (hovered)
        append_rounded (snapshot, &colors->hover_row,
                        &GRAPHENE_RECT_INIT (HOVER_INSET, row_y,
                                             geometry->width - 2 * HOVER_INSET,
                                             geometry->row_height),
                        6);

      if (item->failed)
        {
          /* No bar: a zero-length bar would read as "very slow". */
          layout = cob_chart_create_layout (GTK_WIDGET (self), _("Failed"), TRUE);
          pango_layout_get_pixel_size (layout, &w, &h);
          cob_chart_append_layout_at (snapshot, layout, &colors->failed,
                            plot->origin.x + geometry->value_gap, center_y - h / 2.0f);
          continue;
        }

      {
        float end = plot->origin.x + cob_chart_axis_map (axis, item->ops_per_second) * plot->size.width;
        g_autofree char *text = cob_chart_format_value_short (item->ops_per_second);

        end = MAX (end, plot->origin.x + MIN_BAR_LENGTH);
        append_rounded (snapshot, hovered ? &colors->bar_hover : &colors->bar,
                        &GRAPHENE_RECT_INIT (plot->origin.x, center_y - geometry->bar_height / 2,
                                             end - plot->origin.x, geometry->bar_height),
                        BAR_RADIUS);
        label_x = end;

        if (item->spread_source != COB_CHART_SPREAD_NONE)
          {
            float low_x = plot->origin.x + cob_chart_axis_map (axis, item->spread_low) * plot->size.width;
            float high_x = plot->origin.x + cob_chart_axis_map (axis, item->spread_high) * plot->size.width;

            if (high_x - low_x >= MIN_WHISKER_WIDTH)
              {
                draw_whisker (snapshot, &colors->whisker, low_x, high_x, center_y,
                              geometry->bar_height * 0.6f);
                label_x = MAX (label_x, high_x + WHISKER_THICKNESS);
              }
          }

        layout = cob_chart_create_layout (GTK_WIDGET (self), text, TRUE);
        pango_layout_get_pixel_size (layout, &w, &h);
        cob_chart_append_layout_at (snapshot, layout, &colors->foreground,
                          label_x + geometry->value_gap, center_y - h / 2.0f);
      }
    }
}

char *
cob_chart_bars_layer_dup_tooltip_markup (CobChartSeries *series,
                                         guint           position)
{
  const CobChartSeriesItem *item;
  g_autofree char *ops = NULL;
  GString *markup;

  g_return_val_if_fail (COB_IS_CHART_SERIES (series), NULL);
  g_return_val_if_fail (position < cob_chart_series_get_n_items (series), NULL);

  item = cob_chart_series_get_item (series, position);
  markup = g_string_new (NULL);
  {
    g_autofree char *escaped = g_markup_escape_text (item->label, -1);

    g_string_append_printf (markup, "<b>%s</b>", escaped);
  }

  if (item->failed)
    {
      g_autofree char *escaped = g_markup_escape_text (item->error_message, -1);

      g_string_append_c (markup, '\n');
      /* Translators: %s is the error message of a failed benchmark. */
      g_string_append_printf (markup, _("Failed: %s"), escaped);
      return g_string_free (markup, FALSE);
    }

  ops = cob_chart_format_value_exact (item->ops_per_second);
  g_string_append_c (markup, '\n');
  g_string_append_printf (markup, _("%s operations per second"), ops);

  if (item->spread_source != COB_CHART_SPREAD_NONE)
    {
      g_autofree char *low = cob_chart_format_value_exact (item->spread_low);
      g_autofree char *high = cob_chart_format_value_exact (item->spread_high);

      g_string_append_c (markup, '\n');
      if (item->spread_source == COB_CHART_SPREAD_MIN_P95)
        /* Translators: the range of ops/sec between the slowest 5% and the fastest sample. */
        g_string_append_printf (markup, _("Spread (p95 to fastest): %s – %s"), low, high);
      else
        /* Translators: the range of ops/sec between the 95th and 5th percentile durations. */
        g_string_append_printf (markup, _("Spread (p95 to p5): %s – %s"), low, high);
    }

  if (item->median_duration_ns > 0)
    {
      g_autofree char *median = cob_chart_format_value_exact (item->median_duration_ns);

      g_string_append_c (markup, '\n');
      g_string_append_printf (markup, _("Median: %s ns per operation"), median);
    }

  if (item->n_samples > 0)
    {
      g_string_append_c (markup, '\n');
      g_string_append_printf (markup,
                              g_dngettext (GETTEXT_PACKAGE, "%u sample", "%u samples",
                                           item->n_samples),
                              item->n_samples);
    }

  if (item->unstable)
    {
      g_string_append_c (markup, '\n');
      g_string_append (markup, _("Unstable: samples differ by more than 10%"));
    }

  return g_string_free (markup, FALSE);
}

static void
set_hover_row (CobChartBarsLayer *self,
               int                row)
{
  if (self->hover_row == row)
    return;
  self->hover_row = row;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static int
row_at (CobChartBarsLayer *self,
        double             y,
        CobChartGeometry  *geometry)
{
  GtkWidget *widget = GTK_WIDGET (self);
  CobChart *chart = COB_CHART (gtk_widget_get_parent (widget));

  cob_chart_compute_geometry (chart, gtk_widget_get_width (widget),
                              gtk_widget_get_height (widget), geometry);
  return cob_chart_geometry_row_at (geometry,
                                    cob_chart_series_get_n_items (cob_chart_get_series (chart)),
                                    y);
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           CobChartBarsLayer        *self)
{
  CobChartGeometry geometry;

  set_hover_row (self, row_at (self, y, &geometry));
}

static void
leave_cb (GtkEventControllerMotion *controller,
          CobChartBarsLayer        *self)
{
  set_hover_row (self, -1);
}

static gboolean
cob_chart_bars_layer_query_tooltip (GtkWidget  *widget,
                                    int         x,
                                    int         y,
                                    gboolean    keyboard_tooltip,
                                    GtkTooltip *tooltip)
{
  CobChartBarsLayer *self = COB_CHART_BARS_LAYER (widget);
  CobChart *chart = COB_CHART (gtk_widget_get_parent (widget));
  CobChartGeometry geometry;
  g_autofree char *markup = NULL;
  int row;

  row = row_at (self, y, &geometry);
  if (row < 0)
    return FALSE;

  markup = cob_chart_bars_layer_dup_tooltip_markup (cob_chart_get_series (chart), row);
  gtk_tooltip_set_markup (tooltip, markup);
  /* Moving to another row asks again, so the text follows the pointer. */
  gtk_tooltip_set_tip_area (tooltip,
                            &(GdkRectangle) {
                              0,
                              (int) floorf (geometry.plot.origin.y + row * geometry.row_height),
                              (int) geometry.width,
                              (int) ceilf (geometry.row_height),
                            });
  return TRUE;
}

static void
cob_chart_bars_layer_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  CobChart *chart = COB_CHART (gtk_widget_get_parent (widget));
  CobChartGeometry geometry;
  CobChartColors colors;

  cob_chart_compute_geometry (chart, gtk_widget_get_width (widget),
                              gtk_widget_get_height (widget), &geometry);
  cob_chart_get_colors (chart, &colors);
  cob_chart_bars_layer_draw (COB_CHART_BARS_LAYER (widget), chart, snapshot,
                             &geometry, &colors, TRUE);
}

static void
cob_chart_bars_layer_class_init (CobChartBarsLayerClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = cob_chart_bars_layer_snapshot;
  widget_class->query_tooltip = cob_chart_bars_layer_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "bars");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
cob_chart_bars_layer_init (CobChartBarsLayer *self)
{
  GtkEventController *motion;

  self->hover_row = -1;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
}

GtkWidget *
cob_chart_bars_layer_new (void)
{
  return g_object_new (COB_TYPE_CHART_BARS_LAYER, NULL);
}
