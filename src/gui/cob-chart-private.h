/* cob-chart-private.h: what the chart shares with its layers.
 *
 * The chart owns the axis, the series, the colors and the geometry; the
 * layers only draw. Geometry is computed for any size, so that the widget
 * and an export at another size use the same drawing code.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cob-chart.h"
#include "cob-chart-axis.h"
#include "cob-chart-series.h"

G_BEGIN_DECLS

typedef struct {
  float            width;
  float            height;
  graphene_rect_t  plot;         /* where the bars go; axis along its bottom */
  float            row_height;   /* plot.size.height / number of items */
  float            bar_height;
  float            name_width;   /* target names, right-aligned before plot */
  float            name_gap;
  float            value_gap;    /* between a bar's end and its value label */
  float            tick_length;
  float            tick_label_y; /* top of the tick labels */
  float            title_y;      /* top of the axis title */
} CobChartGeometry;

typedef struct {
  GdkRGBA foreground;
  GdkRGBA dim;           /* secondary text */
  GdkRGBA grid_major;
  GdkRGBA grid_minor;
  GdkRGBA axis_line;
  GdkRGBA bar;
  GdkRGBA bar_hover;
  GdkRGBA whisker;
  GdkRGBA failed;
  GdkRGBA hover_row;
  GdkRGBA background;    /* only painted by exports */
} CobChartColors;

/* Relative font sizes of the smaller texts. */
#define COB_CHART_SMALL_TEXT_SCALE 0.85

CobChartAxis   *cob_chart_get_axis      (CobChart         *self);
CobChartSeries *cob_chart_get_series    (CobChart         *self);
void            cob_chart_get_colors    (CobChart         *self,
                                         CobChartColors   *colors);
void            cob_chart_compute_geometry (CobChart      *self,
                                            float          width,
                                            float          height,
                                            CobChartGeometry *geometry);
/* Draws @layout with its top left corner at (@x, @y), on whole pixels so
 * text stays sharp. */
void            cob_chart_append_layout_at (GtkSnapshot   *snapshot,
                                            PangoLayout   *layout,
                                            const GdkRGBA *color,
                                            float          x,
                                            float          y);
/* The index of the item whose row contains @y, or -1. */
int             cob_chart_geometry_row_at (const CobChartGeometry *geometry,
                                           guint                   n_items,
                                           float                   y);

/* The whole chart at @width × @height on the theme's window background,
 * drawn by the same code as the widget; for exports. */
GskRenderNode  *cob_chart_render_node   (CobChart         *self,
                                         int               width,
                                         int               height);

/* A PangoLayout of @widget for @text, in the small, tabular-figures style
 * of axis and value labels when @small. */
PangoLayout    *cob_chart_create_layout (GtkWidget        *widget,
                                         const char       *text,
                                         gboolean          small);

G_END_DECLS
