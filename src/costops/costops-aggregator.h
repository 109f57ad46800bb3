/* costops-aggregator.h: totals, breakdowns and time windows over cost records.
 *
 * A CostopsAggregator is reusable scratch space: run it over a set of
 * records and read the results until the next run. It is not thread-safe:
 * use one per thread. Reusing one aggregator
 * allocates nothing per run once its tables have grown to the number of
 * distinct keys, which is what makes 1,000 records take microseconds.
 *
 * Groups are found by the key's address first (the engine interns
 * dimension strings, costops-records.h) and by its content when the
 * address is new, so records that carry equal strings in different buffers
 * still share a group; they only miss the fast path.
 *
 * Records are included when start <= timestamp < end. All sums are exact;
 * the average is rounded half-even to ten places. All included records must
 * share one currency (else COSTOPS_ERROR_CURRENCY_MISMATCH).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "costops-records.h"

G_BEGIN_DECLS

typedef enum {
  COSTOPS_DIMENSION_PROVIDER,
  COSTOPS_DIMENSION_MODEL,
  COSTOPS_DIMENSION_ORGANIZATION,
  COSTOPS_DIMENSION_PROJECT,
} CostopsDimension;

#define COSTOPS_N_DIMENSIONS 4

typedef struct {
  /* Borrowed from the records of the last run (or a static provider name):
   * valid while those records' strings are, which for the interned
   * dimension strings of costops-records.h is forever. NULL only for
   * PROJECT, meaning "records without a project". */
  const char  *key;
  CostopsMoney total_cost;
  guint64      request_count;
} CostopsAggregateGroup;

typedef struct {
  gint64       start_us;   /* a multiple of the window length since the epoch */
  gint64       end_us;     /* start_us + window length (excluded) */
  CostopsMoney total_cost;
  guint64      request_count;
} CostopsAggregateWindow;

typedef struct _CostopsAggregator CostopsAggregator;

CostopsAggregator *costops_aggregator_new  (void);
void               costops_aggregator_free (CostopsAggregator *self);

/* Aggregates the records with start_us <= timestamp < end_us. With
 * @window_hours > 0 it also groups them into windows of that many hours,
 * aligned to the Unix epoch (00:00 UTC for 24). Errors: INVALID_FIELD for
 * start after end or an absurd window length, CURRENCY_MISMATCH, OVERFLOW.
 * On error the previous results are cleared. */
gboolean  costops_aggregator_run (CostopsAggregator               *self,
                                  const CostopsCostRecord * const *records,
                                  gsize                            n_records,
                                  gint64                           start_us,
                                  gint64                           end_us,
                                  guint                            window_hours,
                                  GError                         **error);

CostopsMoney    costops_aggregator_get_total_cost    (const CostopsAggregator *self);
guint64         costops_aggregator_get_request_count (const CostopsAggregator *self);
/* Total / count, half-even; zero when no record was included. */
CostopsMoney    costops_aggregator_get_average_cost  (const CostopsAggregator *self);
/* The shared currency; USD when no record was included. */
CostopsCurrency costops_aggregator_get_currency      (const CostopsAggregator *self);

/* Groups with at least one record, by total cost descending, then key. */
const CostopsAggregateGroup  *costops_aggregator_get_groups  (const CostopsAggregator *self,
                                                              CostopsDimension         dimension,
                                                              gsize                   *n_groups);
/* Windows with at least one record, oldest first; none without windows. */
const CostopsAggregateWindow *costops_aggregator_get_windows (const CostopsAggregator *self,
                                                              gsize                   *n_windows);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CostopsAggregator, costops_aggregator_free)

G_END_DECLS
