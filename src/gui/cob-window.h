/* cob-window.h: the main window: targets, output folder, run, results.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bench-target.h"
#include "cob-chart.h"
#include "cob-history-view.h"

G_BEGIN_DECLS

#define COB_TYPE_WINDOW (cob_window_get_type ())
G_DECLARE_FINAL_TYPE (CobWindow, cob_window, COB, WINDOW, AdwApplicationWindow)

/* @targets: NULL-terminated, static; NULL means bench_targets_get_all().
 * Tests pass targets of their own. @application may be NULL. */
CobWindow  *cob_window_new                  (GtkApplication            *application,
                                             const BenchTarget * const *targets);

/* The folder a run writes to: the launch override, else the GSettings key,
 * else "CostOps Bench" in the documents folder. */
char       *cob_window_get_output_directory (CobWindow  *self);
/* For this window only, not remembered (cost-ops-bench --output-dir). */
void        cob_window_set_output_override  (CobWindow  *self,
                                             const char *directory);

gboolean    cob_window_get_running          (CobWindow  *self);
/* CobTargetRow items in registry order. */
GListModel *cob_window_get_target_rows      (CobWindow  *self);
/* CobResultRow items in the table's current order. */
GListModel *cob_window_get_result_rows      (CobWindow  *self);
CobChart   *cob_window_get_chart            (CobWindow  *self);
/* The results table (its columns sort the rows of get_result_rows()). */
GtkColumnView *cob_window_get_results_view  (CobWindow  *self);
/* Largest gap of the main loop during the last run, measured only when
 * COB_MEASURE_STALLS is set in the environment (else 0). */
gint64      cob_window_get_max_stall_us     (CobWindow  *self);

/* What Export Summary… and Export Chart… do after the dialog. */
gboolean    cob_window_export_summary_to    (CobWindow  *self,
                                             GFile      *file,
                                             GError    **error);
gboolean    cob_window_export_chart_to      (CobWindow  *self,
                                             GFile      *file,
                                             GError    **error);
/* What Load Results… does after the dialog; reads on a worker thread and
 * notifies "loading" when done. */
void        cob_window_load_results         (CobWindow  *self,
                                             GFile      *folder);
gboolean    cob_window_get_loading          (CobWindow  *self);
/* The History page (its runs, baseline and comparison). */
CobHistoryView *cob_window_get_history_view (CobWindow *self);
/* The noisy-machine warning shown for the run shown, or NULL. */
const char *cob_window_get_warning_text     (CobWindow  *self);
/* Names of the files the last load skipped ("name: reason"), or NULL. */
const char * const *cob_window_get_skipped_files (CobWindow *self);

G_END_DECLS
