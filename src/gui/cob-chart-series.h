/* cob-chart-series.h: the values the chart shows, one item per result.
 *
 * Reads each BenchResult once: its operations per second (the bar), the
 * spread between samples as an operations-per-second range (the whisker)
 * and, for a failure, the error text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "bench-result.h"
#include "bench-target.h"

G_BEGIN_DECLS

/* Where an item's spread comes from, best first. Durations are nanoseconds
 * per operation, so the slow end (p95) gives the low ops/sec bound. */
typedef enum {
  COB_CHART_SPREAD_NONE,         /* nothing to show: no whisker */
  COB_CHART_SPREAD_SAMPLES,      /* p5..p95 of the result's own samples */
  COB_CHART_SPREAD_P5_P95,       /* metrics p5_duration_ns, p95_duration_ns */
  /* A result read back from JSON has no samples, but the runner stores
   * "spread" = (p95 - p5) / median, so p5 = p95 - spread * median. */
  COB_CHART_SPREAD_FROM_SPREAD,
  /* Without any of those: min_duration_ns (the fastest sample) stands in for p5, so
   * the whisker's fast end is a little wider than p5 would be. */
  COB_CHART_SPREAD_MIN_P95,
} CobChartSpreadSource;

typedef struct {
  char                 *target_id;
  char                 *label;           /* display name, or the id */
  gboolean              failed;
  char                 *error_message;   /* failures only */
  double                ops_per_second;  /* the bar; 0 for failures */
  CobChartSpreadSource  spread_source;
  double                spread_low;      /* ops/sec at the slow end */
  double                spread_high;     /* ops/sec at the fast end */
  double                median_duration_ns; /* 0 when unknown */
  guint                 n_samples;       /* 0 when unknown */
  gboolean              unstable;
} CobChartSeriesItem;

#define COB_TYPE_CHART_SERIES (cob_chart_series_get_type ())
G_DECLARE_FINAL_TYPE (CobChartSeries, cob_chart_series, COB, CHART_SERIES, GObject)

CobChartSeries           *cob_chart_series_new         (void);
/* Replaces the items with one per BenchResult* of @results, in order.
 * @targets (NULL-terminated, may be NULL) gives the display names; an id
 * not in it is shown as the id. */
void                      cob_chart_series_set_results (CobChartSeries            *self,
                                                        GPtrArray                 *results,
                                                        const BenchTarget * const *targets);
guint                     cob_chart_series_get_n_items (CobChartSeries            *self);
const CobChartSeriesItem *cob_chart_series_get_item    (CobChartSeries            *self,
                                                        guint                      position);
/* Every value the axis must be able to show (bars and spread bounds of the
 * successful items), for cob_chart_axis_set_values(). */
GArray                   *cob_chart_series_collect_values (CobChartSeries         *self);

/* Exact figures for people, in the user's locale: "125,000" or "12.50". */
char                     *cob_chart_format_value_exact (double value);

G_END_DECLS
