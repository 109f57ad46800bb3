/* bench-runner.h: runs selected targets one after another.
 *
 * Designed for a GTask caller: no global state, no printing, cancellable,
 * progress through a callback that is invoked on the runner's thread (the
 * caller hands it to its main loop itself).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bench-result.h"
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
 * most every ~20 ms, so a UI may coalesce freely. */
typedef void (*BenchProgressFunc) (guint              index,
                                   const BenchTarget *target,
                                   BenchTargetState   state,
                                   double             fraction,
                                   BenchResult       *result,
                                   gpointer           user_data);

/* Runs one target: setup, warm-up, calibrated samples, metrics, teardown.
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
 * on failure nothing runs and nothing is written.
 *
 * Returns the results in order (BenchResult*, owned by the array). On
 * cancellation returns the results finished so far (their files written) and
 * sets @cancelled; no partial file is left behind. Returns NULL only for an
 * error before any target ran (bad output directory). */
GPtrArray   *bench_runner_run (GPtrArray             *targets,
                               const BenchRunOptions *options,
                               const char            *output_dir,
                               gboolean               write_summary,
                               BenchProgressFunc      progress,
                               gpointer               progress_data,
                               GCancellable          *cancellable,
                               gboolean              *cancelled,
                               GError               **error);

G_END_DECLS
