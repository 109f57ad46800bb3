/* test-worker.c: cost-ops-worker for the crash targets (COST_OPS_WORKER).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "bench-worker.h"
#include "crash-targets.h"

int
main (int   argc,
      char *argv[])
{
  return bench_worker_main (crash_targets_get_all (), argc, argv);
}
