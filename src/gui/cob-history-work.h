/* cob-history-work.h: what the History page computes in worker threads:
 * the history read for the page, and the comparison with a baseline.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bench-history.h"
#include "bench-run-comparison.h"
#include "cob-history-chart.h"

G_BEGIN_DECLS

/* Called on the main loop with the task's data, only when the owner still
 * exists and the work was not cancelled. */
typedef void (*CobHistoryWorkDone) (gpointer owner,
                                    gpointer task_data);

/* Runs @func on @task_data in a worker thread, then @done on the main
 * loop. @owner is held weakly. */
void cob_history_work_run         (gpointer            owner,
                                   GCancellable       *cancellable,
                                   GTaskThreadFunc     func,
                                   gpointer            task_data,
                                   GDestroyNotify      task_data_free,
                                   CobHistoryWorkDone  done);
/* Cancels what *@slot guards and clears it. */
void cob_history_work_cancel      (GCancellable      **slot);
/* Drops @garbage (its last references) in a worker thread. */
void cob_history_work_free_later  (GPtrArray          *garbage);

/* A history folder read for the page. */
typedef struct {
  char                *output_dir;
  GPtrArray           *runs;      /* BenchRunRecord, oldest first */
  GPtrArray           *skipped;   /* "name: reason" */
  CobHistoryChartData *chart;
  GPtrArray           *items;     /* CobHistoryRunItem, newest first */
  GPtrArray           *choices;   /* baseline entries, newest first */
} CobHistoryLoad;

CobHistoryLoad *cob_history_load_new       (const char   *output_dir);
void            cob_history_load_free      (gpointer      load);
/* A GTaskThreadFunc: fills every field of the CobHistoryLoad it is given. */
void            cob_history_load_in_thread (GTask        *task,
                                            gpointer      source_object,
                                            gpointer      task_data,
                                            GCancellable *cancellable);

/* The shown results against a baseline. */
typedef struct {
  BenchRunRecord     *baseline;
  BenchRunRecord     *current;
  BenchRunComparison *comparison;  /* set by the thread */
} CobHistoryCompare;

CobHistoryCompare *cob_history_compare_new       (BenchRunRecord *baseline,
                                                  BenchRunRecord *current);
void               cob_history_compare_free      (gpointer        compare);
void               cob_history_compare_in_thread (GTask          *task,
                                                  gpointer        source_object,
                                                  gpointer        task_data,
                                                  GCancellable   *cancellable);

G_END_DECLS
