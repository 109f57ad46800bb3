/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BENCH_ERROR (bench_error_quark ())

typedef enum {
  BENCH_ERROR_EMPTY_SELECTION,
  BENCH_ERROR_UNKNOWN_TARGET,
  BENCH_ERROR_DUPLICATE_TARGET,
  BENCH_ERROR_OUTPUT_NOT_WRITABLE, /* not a directory, cannot create or write */
  BENCH_ERROR_TARGET_FAILED,
  BENCH_ERROR_INVALID_RESULT,      /* a raw JSON file that is not a result */
  BENCH_ERROR_FAILED,
  BENCH_ERROR_OUTPUT_BUSY,         /* another run holds the output folder */
} BenchError;

GQuark bench_error_quark (void);

G_END_DECLS
