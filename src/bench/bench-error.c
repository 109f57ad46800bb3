/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "bench-error.h"

G_DEFINE_QUARK (bench-error-quark, bench_error)
