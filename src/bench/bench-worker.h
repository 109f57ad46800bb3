/* bench-worker.h: the worker process's side of running one target.
 *
 * The supervisor (bench-supervisor.h) starts the worker executable once per
 * target. The worker runs the target in its own process and reports over a
 * pipe, one line per message:
 *
 *   stage <setup|warmup|measure|metrics|teardown>
 *   progress <fraction 0..1, C locale>
 *   result <one-line JSON: a run record holding the one result>
 *   error <message>            (the worker could not run the target)
 *
 * It writes no file of the run: the supervisor writes every file, so that
 * locking and atomic writes live in one place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bench-target.h"

G_BEGIN_DECLS

/* The worker executable's main(): runs the target of @registry named on the
 * command line (see bench-supervisor.c for the arguments). Returns 0 when a
 * result (success or failure) was sent, 2 for bad arguments. */
int bench_worker_main (const BenchTarget * const *registry,
                       int                        argc,
                       char                     **argv);

G_END_DECLS
