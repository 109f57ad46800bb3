/* cob-history-chart.h: ops/sec of each target over the runs of the history.
 *
 * One colored line per target through the median ops/sec of each run, with
 * the p5–p95 spread of its samples as a translucent band, on a logarithmic
 * axis (cob-chart-axis.h) and a legend naming the targets. The points are
 * computed when the runs are set, so tests can check them without drawing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "bench-history.h"
#include "cob-chart-axis.h"

G_BEGIN_DECLS

typedef struct {
  guint  run_index;   /* position in the runs given, oldest first */
  double median;      /* ops/sec at the median ns/op */
  double low;         /* ops/sec at p95 ns/op (the slow end) */
  double high;        /* ops/sec at p5 ns/op (the fast end) */
} CobHistoryPoint;

#define COB_TYPE_HISTORY_CHART (cob_history_chart_get_type ())
G_DECLARE_FINAL_TYPE (CobHistoryChart, cob_history_chart, COB, HISTORY_CHART, GtkWidget)

/* The points of some runs, computed without the widget: safe to make in
 * a worker thread, then hand to cob_history_chart_set_data(). */
typedef struct _CobHistoryChartData CobHistoryChartData;

CobHistoryChartData *cob_history_chart_data_new  (GPtrArray           *runs);
void                 cob_history_chart_data_free (CobHistoryChartData *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CobHistoryChartData, cob_history_chart_data_free)

GtkWidget    *cob_history_chart_new (void);
/* Takes @data. */
void          cob_history_chart_set_data     (CobHistoryChart     *self,
                                              CobHistoryChartData *data);
/* @runs: BenchRunRecord*, oldest first; NULL or empty shows a hint. Failed
 * results and results without samples leave a gap in their line. */
void          cob_history_chart_set_runs     (CobHistoryChart *self,
                                              GPtrArray       *runs);
/* Names shown in the legend instead of target ids. */
void          cob_history_chart_set_title_func (CobHistoryChart *self,
                                                const char *(*func) (gpointer data, const char *id),
                                                gpointer         data);
guint         cob_history_chart_get_n_series (CobHistoryChart *self);
const char   *cob_history_chart_get_series_id (CobHistoryChart *self,
                                               guint            series);
const CobHistoryPoint *
              cob_history_chart_get_points   (CobHistoryChart *self,
                                              guint            series,
                                              guint           *n_points);
CobChartAxis *cob_history_chart_get_axis     (CobHistoryChart *self);
/* Where a point is drawn in a chart of @width × @height: for tests and
 * tooltips. FALSE when the series or point does not exist. */
gboolean      cob_history_chart_point_position (CobHistoryChart *self,
                                                float            width,
                                                float            height,
                                                guint            series,
                                                guint            point,
                                                float           *x,
                                                float           *y);

G_END_DECLS
