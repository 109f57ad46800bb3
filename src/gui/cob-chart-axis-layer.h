/* cob-chart-axis-layer.h: the chart's grid, ticks, tick labels, axis title
 * and target names (the category axis), and the empty state.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cob-chart-private.h"

G_BEGIN_DECLS

#define COB_TYPE_CHART_AXIS_LAYER (cob_chart_axis_layer_get_type ())
G_DECLARE_FINAL_TYPE (CobChartAxisLayer, cob_chart_axis_layer, COB, CHART_AXIS_LAYER, GtkWidget)

GtkWidget *cob_chart_axis_layer_new  (void);
/* Draws for @chart at the size in @geometry; used by the layer's own
 * snapshot and by exports. */
void       cob_chart_axis_layer_draw (CobChartAxisLayer      *self,
                                      CobChart               *chart,
                                      GtkSnapshot            *snapshot,
                                      const CobChartGeometry *geometry,
                                      const CobChartColors   *colors);

G_END_DECLS
