/* cob-history-view.h: the History page: the runs kept in
 * <output>/history/, their ops/sec over time, and the baseline that the
 * results table compares the shown results with.
 *
 * The view works out which history run the shown results are (by their
 * timestamps; results that match none are compared as they are) and keeps
 * the comparison with the chosen baseline in its "comparison" property.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "bench-run-comparison.h"
#include "cob-history-chart.h"

G_BEGIN_DECLS

#define COB_TYPE_HISTORY_VIEW (cob_history_view_get_type ())
G_DECLARE_FINAL_TYPE (CobHistoryView, cob_history_view, COB, HISTORY_VIEW, GtkWidget)

/* The baseline choices besides a run id. */
#define COB_BASELINE_PREVIOUS "previous"
#define COB_BASELINE_NONE     "none"

GtkWidget          *cob_history_view_new             (void);
/* Reads @output_dir/history/ again in a worker thread; "loading" is TRUE
 * until the page shows it. A newer reload replaces an unfinished one. */
void                cob_history_view_reload          (CobHistoryView *self,
                                                      const char     *output_dir);
gboolean            cob_history_view_get_loading     (CobHistoryView *self);
/* BenchResult* shown in the results table; NULL for none. */
void                cob_history_view_set_current_results (CobHistoryView *self,
                                                          GPtrArray      *results);
/* BenchRunRecord*, oldest first. */
GPtrArray          *cob_history_view_get_runs        (CobHistoryView *self);
/* CobHistoryRunItem, newest first: the run list's rows. */
GListModel         *cob_history_view_get_run_items   (CobHistoryView *self);
/* "name: reason" of each history file that could not be read, or empty. */
const char * const *cob_history_view_get_skipped_files (CobHistoryView *self);
/* COB_BASELINE_PREVIOUS (the default), COB_BASELINE_NONE or a run id. */
const char         *cob_history_view_get_baseline    (CobHistoryView *self);
void                cob_history_view_set_baseline    (CobHistoryView *self,
                                                      const char     *baseline);
/* The shown results against the chosen baseline; NULL when there is none. */
BenchRunComparison *cob_history_view_get_comparison  (CobHistoryView *self);
/* The run the shown results were recognised as, or NULL. */
BenchRunRecord     *cob_history_view_get_current_run (CobHistoryView *self);
CobHistoryChart    *cob_history_view_get_chart       (CobHistoryView *self);
/* "Cost calculator, Storage": the targets of @run by the names the title
 * function gives (the run list's tooltip). */
char               *cob_history_view_dup_run_targets (CobHistoryView *self,
                                                      BenchRunRecord *run);
/* Legend and run list names for target ids (the window's display names). */
void                cob_history_view_set_title_func  (CobHistoryView *self,
                                                      const char *(*func) (gpointer data, const char *id),
                                                      gpointer        data);

G_END_DECLS
