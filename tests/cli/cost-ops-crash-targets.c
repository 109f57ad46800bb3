/* cost-ops-crash-targets.c: the cost-ops command with the crash targets of
 * tests/framework/crash-targets.c instead of the product's (run with
 * COST_OPS_WORKER pointing at tests/framework/test-worker).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "cli.h"
#include "crash-targets.h"

int
main (int   argc,
      char *argv[])
{
  return cli_main_with_targets (crash_targets_get_all (), argc, argv);
}
