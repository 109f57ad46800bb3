/* crash-targets.h: targets that fail the way code under test fails: a
 * segmentation fault, an abort, an endless loop, unbounded allocation, a
 * file-size limit, an early exit. For the worker tests of the framework,
 * the CLI and the app, run through tests/framework/test-worker.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bench-target.h"

G_BEGIN_DECLS

/* steady (works), crash_segv, crash_abort, hang, alloc_forever,
 * file_too_big, exits_early; NULL-terminated. */
const BenchTarget * const *crash_targets_get_all (void);

G_END_DECLS
