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
#include "bench-transaction.h"

G_BEGIN_DECLS

/* Where a target runs. A worker process (bench-supervisor.h) keeps a target
 * that crashes, hangs or eats memory from taking the run down with it; in
 * process is for targets defined by a test program and for debugging a
 * target under gdb. */
typedef enum {
  BENCH_ISOLATION_IN_PROCESS = 0,
  BENCH_ISOLATION_WORKER = 1,
} BenchIsolation;

/* What a run measures: time (samples of the wall clock), or instructions
 * counted by Valgrind's Callgrind in a worker (bench-callgrind.h), which the
 * load of the machine does not change. */
typedef enum {
  BENCH_MEASURE_TIME = 0,
  BENCH_MEASURE_INSTRUCTIONS = 1,
} BenchMeasure;

typedef struct {
  gint64 min_measure_us;   /* measuring time per target; 500 ms, quick 100 ms */
  gint64 warmup_us;        /* warm-up time per target; 100 ms, quick 20 ms */
  guint  min_samples;      /* at least this many samples; 10, quick 3 */
  BenchIsolation isolation;  /* the init functions choose WORKER */
  /* A worker that takes longer is stopped and the target fails; 0 means
   * bench_run_options_get_timeout_us()'s default. */
  gint64 target_timeout_us;
  /* A worker's address-space limit in MiB; 0 for none. */
  guint  memory_limit_mb;
  /* Independent repetitions of each target, each with its own worker,
   * set-up and calibration (bench_result_combine_repetitions()); 0 or 1:
   * one. */
  guint  repetitions;
  /* Instructions need BENCH_ISOLATION_WORKER; the init functions choose
   * BENCH_MEASURE_TIME. */
  BenchMeasure measure;
} BenchRunOptions;

/* Both choose BENCH_ISOLATION_WORKER, unless the environment variable
 * COST_OPS_IN_PROCESS is set to 1 (to debug a target under gdb), and a
 * memory limit of BENCH_DEFAULT_MEMORY_LIMIT_MB. */
void bench_run_options_init_default (BenchRunOptions *options);
void bench_run_options_init_quick   (BenchRunOptions *options);

#define BENCH_DEFAULT_MEMORY_LIMIT_MB 4096

/* @options->target_timeout_us, or when 0 the default: 30 s plus 60 times
 * the warm-up and measuring time (66 s by default, 37 s quick). */
gint64 bench_run_options_get_timeout_us (const BenchRunOptions *options);

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

/* Runs @targets (const BenchTarget*) in order and returns the run as a
 * record: a new run id, the start time, the environment collected before
 * the first target and the results, in order. With @transaction (may be
 * NULL) each result, a failure too, is staged as raw/<id>.json with the
 * environment under "environment" as soon as it exists; saving the run is
 * the caller's: bench_transaction_commit().
 *
 * On cancellation returns the record of the targets that finished, marked
 * cancelled with the targets that did not run (bench_run_record_get_not_run())
 * and sets @cancelled. A result that cannot be staged becomes a failure.
 * Never NULL: errors of targets are their results. */
BenchRunRecord *bench_runner_run_record (GPtrArray             *targets,
                                         const BenchRunOptions *options,
                                         BenchTransaction      *transaction,
                                         BenchProgressFunc      progress,
                                         gpointer               progress_data,
                                         GCancellable          *cancellable,
                                         gboolean              *cancelled,
                                         GError               **error);

/* Measures each target that @comparison calls regressed once more, in the
 * same way, and keeps the verdict only when the second measurement is
 * slower than the baseline too (bench_run_comparison_confirm()). @targets
 * is the registry to find them in. Returns how many were checked; stops
 * early, leaving the rest as they are, when @cancellable is triggered. */
guint bench_runner_confirm_regressions (BenchRunComparison        *comparison,
                                        const BenchTarget * const *targets,
                                        const BenchRunOptions     *options,
                                        BenchProgressFunc          progress,
                                        gpointer                   progress_data,
                                        GCancellable              *cancellable);

/* bench_runner_run_record() with a transaction on @output_dir (may be NULL:
 * nothing is written), committed with summary.md when @write_summary.
 * Returns NULL only when the output folder cannot be used or is busy. The
 * exception to the GError rule, kept for its callers: when the run could
 * not be committed, the results are returned AND @error is set. */
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
