/* test-instr-worker.c: cost-ops-worker for the instruction-count targets
 * (COST_OPS_WORKER).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "bench-worker.h"
#include "instr-targets.h"

int
main (int   argc,
      char *argv[])
{
  return bench_worker_main (instr_targets_get_all (), argc, argv);
}
