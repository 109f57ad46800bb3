/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Placeholder until the module this target times lands; replaced by its owner. */
#include "bench-targets.h"

const BenchTarget bench_target_aggregator = {
  .id = "aggregator",
  .display_name = "aggregator",
  .category = "engine",
  .description = "aggregator",
};
