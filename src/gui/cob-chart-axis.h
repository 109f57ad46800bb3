/* cob-chart-axis.h: the value axis of the chart.
 *
 * Holds the scale (logarithmic or linear), computes a range with round
 * bounds from the values it is given, maps values to a 0..1 position and
 * lists the ticks with their labels. No drawing here: the layers use it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "cob-chart.h"

G_BEGIN_DECLS

typedef struct {
  double    value;
  gboolean  major;   /* decades (log) or every step (linear) */
  char     *label;   /* NULL for minor ticks */
} CobChartTick;

#define COB_TYPE_CHART_AXIS (cob_chart_axis_get_type ())
G_DECLARE_FINAL_TYPE (CobChartAxis, cob_chart_axis, COB, CHART_AXIS, GObject)

CobChartAxis  *cob_chart_axis_new        (CobChartScale  scale);
void           cob_chart_axis_set_scale  (CobChartAxis  *self,
                                          CobChartScale  scale);
CobChartScale  cob_chart_axis_get_scale  (CobChartAxis  *self);
/* Computes the range from @values (the bars and their spread). Values that
 * are not finite are ignored, and so are values <= 0 on a logarithmic
 * scale, which cannot show them. With nothing usable the range is 1..10
 * (log) or 0..1 (linear). */
void           cob_chart_axis_set_values (CobChartAxis  *self,
                                          const double  *values,
                                          guint          n_values);
void           cob_chart_axis_get_range  (CobChartAxis  *self,
                                          double        *lower,
                                          double        *upper);
/* The position of @value between the bounds, 0 at the lower bound and 1 at
 * the upper one, clamped to 0..1 (a value <= 0 on a log scale is 0). */
double         cob_chart_axis_map        (CobChartAxis  *self,
                                          double         value);
/* The ticks in increasing order, within the range. Owned by the axis, valid
 * until the scale or the values change. */
const CobChartTick *cob_chart_axis_get_ticks (CobChartAxis *self,
                                              guint        *n_ticks);

/* A short label for people: "0", "2.5", "10", "1k", "125k", "10M", "1.5G".
 * Three significant digits at most, trailing zeros dropped. */
char          *cob_chart_format_value_short (double value);

G_END_DECLS
