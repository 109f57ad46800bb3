/* bench-targets.h: the product's benchmark targets, one file each in this
 * folder. SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bench-target.h"

G_BEGIN_DECLS

extern const BenchTarget bench_target_cost_calculator;
extern const BenchTarget bench_target_aggregator;
extern const BenchTarget bench_target_forecasting;
extern const BenchTarget bench_target_compression;
extern const BenchTarget bench_target_export;
extern const BenchTarget bench_target_storage;

/* NULL-terminated, in the seed's order. */
const BenchTarget * const *bench_targets_get_all (void);

G_END_DECLS
