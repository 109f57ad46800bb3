/* cob-chart.h: the ops/sec chart, one horizontal bar per target.
 *
 * Built like Sysprof's charts: an axis object computes scale and ticks, a
 * series holds the values, layer widgets draw them with GtkSnapshot; this
 * widget composes them. Colors come from the theme (light and dark).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "bench-target.h"

G_BEGIN_DECLS

typedef enum {
  COB_CHART_SCALE_LOGARITHMIC,
  COB_CHART_SCALE_LINEAR,
} CobChartScale;

/* The registered enum type of CobChartScale, for the "scale" property. */
#define COB_TYPE_CHART_SCALE (cob_chart_scale_get_type ())
GType          cob_chart_scale_get_type (void) G_GNUC_CONST;

#define COB_TYPE_CHART (cob_chart_get_type ())
G_DECLARE_FINAL_TYPE (CobChart, cob_chart, COB, CHART, GtkWidget)

GtkWidget     *cob_chart_new         (void);
/* @results: BenchResult* (src/bench/bench-result.h); failures are shown as
 * such, not as zero bars. The chart keeps its own references. */
void           cob_chart_set_results (CobChart      *self,
                                      GPtrArray     *results);
/* Optional: the targets (NULL-terminated, e.g. bench_targets_get_all(),
 * must outlive the chart) whose display names label the bars; without
 * them, or for an id not in the list, a bar is labelled with its id. */
void           cob_chart_set_targets (CobChart                  *self,
                                      const BenchTarget * const *targets);
/* Property "scale" (CobChartScale, default logarithmic). */
void           cob_chart_set_scale   (CobChart      *self,
                                      CobChartScale  scale);
CobChartScale  cob_chart_get_scale   (CobChart      *self);
/* The accessible description: every target and its value, for screen
 * readers and tests. Also set as the widget's accessible description. */
char          *cob_chart_describe    (CobChart      *self);
/* Renders the chart at @width × @height in the widget's current style to
 * a PNG or SVG file (by the extension of @path), written atomically. */
gboolean       cob_chart_export      (CobChart      *self,
                                      const char    *path,
                                      int            width,
                                      int            height,
                                      GError       **error);

G_END_DECLS
