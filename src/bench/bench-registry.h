/* bench-registry.h: selecting targets by id from a list of targets. The
 * product's list is bench_targets_get_all() in targets/bench-targets.h; tests
 * pass lists of their own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bench-target.h"

G_BEGIN_DECLS

/* @targets is NULL-terminated. */
const BenchTarget *bench_registry_lookup (const BenchTarget * const *targets,
                                          const char                *id);

/* Parses "a,b" into targets in the order given. A NULL or empty selection is
 * BENCH_ERROR_EMPTY_SELECTION unless @empty_means_all. Unknown ids give
 * BENCH_ERROR_UNKNOWN_TARGET whose message lists the valid ids; a duplicate
 * id or an empty item ("a,,b") is an error too. Returns a GPtrArray of
 * const BenchTarget* (not owned). */
GPtrArray *bench_registry_select (const BenchTarget * const *targets,
                                  const char                *selection,
                                  gboolean                   empty_means_all,
                                  GError                   **error);

/* The targets of @selected (const BenchTarget*) whose id matches the
 * regular expression @pattern (unanchored, as Google Benchmark's
 * --benchmark_filter), in order. BENCH_ERROR_EMPTY_SELECTION naming the
 * pattern when none does; G_REGEX_ERROR for a bad pattern. */
GPtrArray *bench_registry_filter (GPtrArray   *selected,
                                  const char  *pattern,
                                  GError     **error);

G_END_DECLS
