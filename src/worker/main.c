/* main.c: the worker process of cost-ops and cost-ops-bench.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "bench-targets.h"
#include "bench-worker.h"

int
main (int   argc,
      char *argv[])
{
  /* Targets format numbers for files: keep the C locale. */
  setlocale (LC_ALL, "C");
  return bench_worker_main (bench_targets_get_all (), argc, argv);
}
