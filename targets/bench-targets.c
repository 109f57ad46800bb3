/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "bench-targets.h"

/* The seed's order: cheap engine work first, I/O-bound targets last. */
static const BenchTarget * const all_targets[] = {
  &bench_target_cost_calculator,
  &bench_target_aggregator,
  &bench_target_forecasting,
  &bench_target_compression,
  &bench_target_export,
  &bench_target_storage,
  NULL,
};

const BenchTarget * const *
bench_targets_get_all (void)
{
  return all_targets;
}
