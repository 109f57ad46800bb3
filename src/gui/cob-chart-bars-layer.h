/* cob-chart-bars-layer.h: the chart's bars, spread whiskers and value
 * labels; it is the top layer, so it also answers hover and tooltips.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cob-chart-private.h"

G_BEGIN_DECLS

#define COB_TYPE_CHART_BARS_LAYER (cob_chart_bars_layer_get_type ())
G_DECLARE_FINAL_TYPE (CobChartBarsLayer, cob_chart_bars_layer, COB, CHART_BARS_LAYER, GtkWidget)

GtkWidget *cob_chart_bars_layer_new  (void);
/* Draws for @chart at the size in @geometry; @with_hover highlights the row
 * under the pointer (the widget does, exports do not). */
void       cob_chart_bars_layer_draw (CobChartBarsLayer      *self,
                                      CobChart               *chart,
                                      GtkSnapshot            *snapshot,
                                      const CobChartGeometry *geometry,
                                      const CobChartColors   *colors,
                                      gboolean                with_hover);
/* The tooltip markup for item @position, as the hover tooltip shows it. */
char      *cob_chart_bars_layer_dup_tooltip_markup (CobChartSeries *series,
                                                    guint           position);

G_END_DECLS
