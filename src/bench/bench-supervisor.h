/* bench-supervisor.h: runs a target in a worker process and watches it.
 *
 * One worker per target (bench-worker.h): a target that crashes, exits,
 * runs past its time limit or out of memory becomes that target's failure,
 * with the reason in words, and the run goes on with the next target.
 * Cancelling stops the worker at once (SIGTERM, then SIGKILL after a short
 * grace). A worker dies with the thread that started it (PR_SET_PDEATHSIG)
 * and gets a private TMPDIR that is removed whatever way it ended.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bench-runner.h"

G_BEGIN_DECLS

/* bench_run_target() in a worker process; same contract (a failure result
 * for every end but cancellation; NULL with G_IO_ERROR_CANCELLED then), and
 * the same progress, except that DONE/FAILED is left to the caller. */
BenchResult *bench_supervisor_run_target (const BenchTarget     *target,
                                          const BenchRunOptions *options,
                                          guint                  index,
                                          BenchProgressFunc      progress,
                                          gpointer               progress_data,
                                          GCancellable          *cancellable,
                                          GError               **error);

/* The worker executable: $COST_OPS_WORKER when set; the build tree's worker
 * for a program run from the build tree; ../libexec/cost-ops-worker beside
 * the running program (a relocated install); otherwise the one installed in
 * the configured libexecdir. */
char        *bench_supervisor_find_worker (GError **error);

/* Removes the temporary folders of workers whose supervisor was killed
 * (SIGKILL, power cut): each folder's name holds its supervisor's pid. The
 * runner calls it before a run. */
void         bench_supervisor_sweep (void);

/* "segmentation fault (SIGSEGV)" for SIGSEGV, and so on. */
char        *bench_describe_signal (int signal_number);

G_END_DECLS
