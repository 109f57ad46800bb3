/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Placeholder until the module this target times lands; replaced by its owner. */
#include "bench-targets.h"

const BenchTarget bench_target_cost_calculator = {
  .id = "cost_calculator",
  .display_name = "cost_calculator",
  .category = "engine",
  .description = "cost_calculator",
};
