/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Placeholder until the module this target times lands; replaced by its owner. */
#include "bench-targets.h"

const BenchTarget bench_target_storage = {
  .id = "storage",
  .display_name = "storage",
  .category = "engine",
  .description = "storage",
};
