/* instr-targets.h: targets whose work is a fixed number of steps, for the
 * instruction-count tests (run through tests/framework/test-instr-worker).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bench-target.h"

G_BEGIN_DECLS

/* Steps per operation of fixed_work. With INSTR_TARGETS_EXTRA_PERCENT=P in
 * the environment, fixed_work takes P percent more steps (the same target
 * id, so that a run compares with a baseline run without it). */
#define INSTR_TARGETS_STEPS 20000
#define INSTR_TARGETS_EXTRA_ENV "INSTR_TARGETS_EXTRA_PERCENT"

/* fixed_work, failing_work (fails in its fourth call of run_iterations,
 * the counted one), crashing_work (a segmentation fault there);
 * NULL-terminated. */
const BenchTarget * const *instr_targets_get_all (void);

G_END_DECLS
