/* cob-run-task.h: one run of the selected targets on a worker thread.
 *
 * The framework's runner (bench_runner_run) does the work and writes the
 * files; this object only moves its progress to the main thread. The
 * runner's callback stores the newest state of each target under a mutex
 * and schedules at most ONE low-priority idle; that idle copies the states
 * out and emits "target-changed" and property notifications. However fast
 * the runner reports, the main loop handles one update per idle.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bench-runner.h"

G_BEGIN_DECLS

#define COB_TYPE_RUN_TASK (cob_run_task_get_type ())
G_DECLARE_FINAL_TYPE (CobRunTask, cob_run_task, COB, RUN_TASK, GObject)

/* @targets: const BenchTarget* in run order (the array is referenced). */
CobRunTask *cob_run_task_new          (GPtrArray             *targets,
                                       const BenchRunOptions *options,
                                       const char            *output_dir);

/* Starts the worker thread. Progress signals and @callback arrive on the
 * thread-default main context of the caller. */
void        cob_run_task_start        (CobRunTask           *self,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
/* The results in run order (BenchResult*), possibly fewer than the targets
 * when @cancelled. NULL with @error when nothing could run. Delivers every
 * pending progress update before returning. */
GPtrArray  *cob_run_task_finish       (CobRunTask           *self,
                                       GAsyncResult         *result,
                                       gboolean             *cancelled,
                                       GError              **error);

/* Properties, updated from the main thread only. */
gboolean    cob_run_task_get_running  (CobRunTask *self);
/* 0..1 over all targets. */
double      cob_run_task_get_fraction (CobRunTask *self);
/* Index of the target running now, or the number of targets when done. */
guint       cob_run_task_get_current  (CobRunTask *self);
guint       cob_run_task_get_n_targets (CobRunTask *self);
/* Set by cob_run_task_finish() when the results were written but
 * summary.md could not be. */
const GError *cob_run_task_get_summary_error (CobRunTask *self);
/* How many idle updates reached the main thread (for tests). */
guint       cob_run_task_get_n_updates (CobRunTask *self);

G_END_DECLS
