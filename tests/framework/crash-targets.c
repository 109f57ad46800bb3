/* crash-targets.c: targets that crash in every way a worker must survive.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "crash-targets.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

static gboolean
steady_run (gpointer   state,
            guint64    iterations,
            GError   **error)
{
  guint64 sum = 0;

  for (guint64 i = 0; i < iterations; i++)
    {
      sum += i * 2654435761u;
      bench_keep (sum);
    }
  return TRUE;
}

static gboolean
segv_run (gpointer   state,
          guint64    iterations,
          GError   **error)
{
  volatile int *nowhere = NULL;

  *nowhere = (int) iterations;   /* a real invalid write, not raise () */
  return TRUE;
}

static gpointer
abort_setup (const BenchTarget  *target,
             GError            **error)
{
  fprintf (stderr, "crash_abort: assertion failed: state != NULL\n");
  fflush (stderr);
  abort ();
}

static gboolean
hang_run (gpointer   state,
          guint64    iterations,
          GError   **error)
{
  volatile guint64 spins = 0;

  for (;;)
    spins++;
  return TRUE;
}

static gboolean
alloc_run (gpointer   state,
           guint64    iterations,
           GError   **error)
{
  GSList *blocks = NULL;

  /* Touched, so that the memory is really used; never freed. */
  for (;;)
    {
      char *block = g_malloc (16 * 1024 * 1024);

      memset (block, 1, 16 * 1024 * 1024);
      blocks = g_slist_prepend (blocks, block);
      bench_keep_pointer (blocks);
    }
  return TRUE;
}

/* Writes a file in TMPDIR past a 64 KiB file-size limit: SIGXFSZ. The file
 * stays behind for the supervisor to remove. */
static gpointer
file_too_big_setup (const BenchTarget  *target,
                    GError            **error)
{
  struct rlimit limit = { 64 * 1024, 64 * 1024 };
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "file-too-big.db", NULL);
  FILE *file;
  char chunk[4096];

  memset (chunk, 'x', sizeof chunk);
  setrlimit (RLIMIT_FSIZE, &limit);
  file = fopen (path, "w");
  if (file == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "cannot create %s", path);
      return NULL;
    }
  for (guint i = 0; i < 1024; i++)
    {
      fwrite (chunk, 1, sizeof chunk, file);
      fflush (file);
    }
  fclose (file);
  return NULL;
}

static gboolean
exits_run (gpointer   state,
           guint64    iterations,
           GError   **error)
{
  exit (7);
}

#define CRASH_TARGET(name_, setup_, run_) \
  static const BenchTarget name_##_target = { \
    .id = #name_, .display_name = #name_, .category = "test", \
    .description = "A target for the worker tests", \
    .setup = setup_, .run_iterations = run_, \
  }

CRASH_TARGET (steady, NULL, steady_run);
CRASH_TARGET (crash_segv, NULL, segv_run);
CRASH_TARGET (crash_abort, abort_setup, steady_run);
CRASH_TARGET (hang, NULL, hang_run);
CRASH_TARGET (alloc_forever, NULL, alloc_run);
CRASH_TARGET (file_too_big, file_too_big_setup, steady_run);
CRASH_TARGET (exits_early, NULL, exits_run);

static const BenchTarget * const all[] = {
  &steady_target,
  &crash_segv_target,
  &crash_abort_target,
  &hang_target,
  &alloc_forever_target,
  &file_too_big_target,
  &exits_early_target,
  NULL,
};

const BenchTarget * const *
crash_targets_get_all (void)
{
  return all;
}
