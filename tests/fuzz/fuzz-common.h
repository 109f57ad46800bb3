/* fuzz-common.h: what every harness in tests/fuzz/ shares.
 *
 * Each harness defines LLVMFuzzerTestOneInput(), the entry point libFuzzer
 * calls with each input; fuzz-replay.c calls the same function with every
 * file of the seed corpus and of the regressions in the normal test run.
 *
 * A harness fails (aborts) on anything a loader must never do: crash, emit
 * a critical (made fatal here, as G_DEBUG=fatal-criticals does in the
 * tests), return a result and set an error, or return nothing and set no
 * error. The sanitizers of a fuzzing build add memory errors, undefined
 * behaviour and leaks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A critical (or g_error()) is printed, then abort()s: GLib would trap
 * (SIGTRAP), which libFuzzer does not catch, so the input would not be
 * saved. */
static inline GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   log_level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  GLogWriterOutput output = g_log_writer_default (log_level, fields, n_fields, user_data);

  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL))
    abort ();
  return output;
}

static inline void
fuzz_init (void)
{
  static gboolean done;

  if (!done)
    {
      g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
      g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
      done = TRUE;
    }
}

/* The input in a buffer of exactly its size (never NULL), so that the
 * address sanitizer catches a read one byte past the end. */
static inline char *
fuzz_copy (const uint8_t *data,
           size_t         size)
{
  char *copy = g_malloc (size > 0 ? size : 1);

  if (size > 0)
    memcpy (copy, data, size);
  return copy;
}

/* Exactly one of a result and an error. */
#define fuzz_check_outcome(result, error) \
  G_STMT_START { \
    if (((result) != NULL) == ((error) != NULL)) \
      g_error ("a loader returned %s and %s", (result) != NULL ? "a result" : "nothing", \
               (error) != NULL ? "set an error" : "set no error"); \
  } G_STMT_END
