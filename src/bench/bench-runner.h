/* bench-runner.h: runs selected targets one after another.
 *
 * Designed for a GTask caller: no global state, no printing, cancellable,
 * progress through a callback that is invoked on the runner's thread (the
 * caller hands it to its main loop itself).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bench-history.h"
#include "bench-result.h"
#include "bench-run-comparison.h"
#include "bench-target.h"

G_BEGIN_DECLS

typedef struct {
  gint64 min_measure_us;   /* measuring time per target; 500 ms, quick 100 ms */
  gint64 warmup_us;        /* warm-up time per target; 100 ms, quick 20 ms */
  guint  min_samples;      /* at least this many samples; 10 */
} BenchRunOptions;

void bench_run_options_init_default (BenchRunOptions *options);
void bench_run_options_init_quick   (BenchRunOptions *options);

typedef enum {
  BENCH_TARGET_STATE_PENDING,
  BENCH_TARGET_STATE_RUNNING,
  BENCH_TARGET_STATE_DONE,
  BENCH_TARGET_STATE_FAILED,
  BENCH_TARGET_STATE_CANCELLED,
} BenchTargetState;

/* Called on the runner's thread. @index is the target's position in the
 * selection; @fraction (0..1) is that target's progress; @result is set for
 * DONE and FAILED (borrowed: take a ref to keep it). Called with RUNNING at
 * most every ~20 ms, so a UI may coalesce freely.
 *
 * Per target the sequence is: RUNNING (fraction 0) when it starts, RUNNING
 * with a growing fraction, then exactly one of DONE, FAILED or CANCELLED.
 * bench_runner_run() sends DONE only after the result's file is written.
 * PENDING is never sent: every target is pending until its first RUNNING. */
typedef void (*BenchProgressFunc) (guint              index,
                                   const BenchTarget *target,
                                   BenchTargetState   state,
                                   double             fraction,
                                   BenchResult       *result,
                                   gpointer           user_data);

/* Runs one target: setup, warm-up, calibrated samples, metrics, teardown.
 * @options may be NULL for the defaults. Cancellation is checked before
 * every sample; a sample lasts a little over 1 ms (at least 1,000 clock
 * resolutions) unless one iteration of the target takes longer.
 * Returns a result in every case but cancellation: a target that fails gives
 * a failure result (not NULL). Returns NULL with G_IO_ERROR_CANCELLED when
 * @cancellable was triggered; nothing of that target is kept. */
BenchResult *bench_run_target (const BenchTarget     *target,
                               const BenchRunOptions *options,
                               guint                  index,
                               BenchProgressFunc      progress,
                               gpointer               progress_data,
                               GCancellable          *cancellable,
                               GError               **error);

/* Runs @targets (const BenchTarget*) in order. When @output_dir is set, each
 * result is written to <output_dir>/raw/<id>.json as soon as it exists, and
 * after the last target (unless @write_summary is FALSE) summary.md. The
 * output directory is checked for writability before the first target runs;
 * on failure nothing runs and nothing is written. Each raw file also holds
 * the run's environment (bench-environment.h) under "environment". Unless
 * cancelled, the run is then saved with bench_runner_save_run(): summary.md
 * when @write_summary, and in any case a record appended to
 * <output_dir>/history/.
 *
 * Returns the results in order (BenchResult*, owned by the array). On
 * cancellation returns the results finished so far (their files written) and
 * sets @cancelled; no partial file is left behind and summary.md is not
 * rewritten. Returns NULL only for an error before any target ran (bad
 * output directory).
 *
 * A failed target's raw file is left as it was (the last good measurement);
 * a result that cannot be saved becomes a failure. One exception to the
 * usual GError rule: when every target ran but summary.md could not be
 * written, the results are still returned AND @error is set; callers that
 * pass @write_summary should check @error even on a non-NULL return. The
 * same holds when the run could not be added to the history. */
GPtrArray   *bench_runner_run (GPtrArray             *targets,
                               const BenchRunOptions *options,
                               const char            *output_dir,
                               gboolean               write_summary,
                               BenchProgressFunc      progress,
                               gpointer               progress_data,
                               GCancellable          *cancellable,
                               gboolean              *cancelled,
                               GError               **error);

/* The run of bench_runner_run() as a record, without saving it: a new run
 * id, the start time, the environment collected before the first target
 * (also written into every raw file under "environment") and the results.
 * Checks the output directory and its history folder (bench_output_prepare(),
 * bench_history_prepare()) before anything runs. On cancellation returns the
 * record of the targets that finished and sets @cancelled. Returns NULL only
 * for an error before any target ran. Saving is the caller's:
 * bench_runner_save_run(). */
BenchRunRecord *bench_runner_run_record (GPtrArray             *targets,
                                         const BenchRunOptions *options,
                                         const char            *output_dir,
                                         BenchProgressFunc      progress,
                                         gpointer               progress_data,
                                         GCancellable          *cancellable,
                                         gboolean              *cancelled,
                                         GError               **error);

/* What every finished run leaves besides its raw files, for the CLI and the
 * app alike: summary.md when @write_summary (with @comparison's table when
 * not NULL), and the record appended to <output_dir>/history/. Both are
 * attempted even when the first fails; the error says which failed (the
 * summary's when both did). The path of each file written goes to
 * @summary_path and @history_path (NULL for one not written). */
gboolean        bench_runner_save_run   (const char            *output_dir,
                                         BenchRunRecord        *record,
                                         gboolean               write_summary,
                                         BenchRunComparison    *comparison,
                                         char                 **summary_path,
                                         char                 **history_path,
                                         GError               **error);

G_END_DECLS
