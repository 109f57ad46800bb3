/* bench-transaction.c: lock, stage, switch over.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "bench-transaction.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "bench-error.h"
#include "bench-output.h"
#include "bench-private.h"

#define STAGING_PREFIX   ".cost-ops-staging-"
#define COMMIT_NAME      ".cost-ops-commit"
#define OLD_RAW_NAME     ".cost-ops-old-raw"
#define NO_SUMMARY_NAME  "no-summary"

struct _BenchTransaction {
  char     *output_dir;
  int       lock_fd;
  char     *staging_dir;   /* NULL once committed */
};

void
bench_remove_tree (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;
  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          bench_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static void
sync_directory (const char *path)
{
  int fd = open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* Locks the folder itself (flock on its descriptor): nothing is created,
 * and the kernel drops the lock with the process, however it ends. The fd,
 * or -1 with errno (EWOULDBLOCK when another process holds it). */
static int
take_lock (const char *output_dir,
           gboolean    wait)
{
  int fd = open (output_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  int saved_errno;

  if (fd < 0)
    return -1;
  while (flock (fd, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0)
    {
      if (errno == EINTR)
        continue;
      saved_errno = errno;
      close (fd);
      errno = saved_errno;
      return -1;
    }
  return fd;
}

/* Moves what .cost-ops-commit holds into place. Each step can be repeated
 * after a crash in the middle of the sequence. */
static void
roll_forward (const char *output_dir)
{
  g_autofree char *commit = g_build_filename (output_dir, COMMIT_NAME, NULL);
  g_autofree char *old_raw = g_build_filename (output_dir, OLD_RAW_NAME, NULL);
  g_autofree char *raw = g_build_filename (output_dir, "raw", NULL);
  g_autofree char *summary = g_build_filename (output_dir, "summary.md", NULL);

  if (g_file_test (commit, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *new_raw = g_build_filename (commit, "raw", NULL);
      g_autofree char *new_summary = g_build_filename (commit, "summary.md", NULL);
      g_autofree char *no_summary = g_build_filename (commit, NO_SUMMARY_NAME, NULL);
      g_autofree char *new_history = g_build_filename (commit, "history", NULL);
      g_autofree char *history = g_build_filename (output_dir, "history", NULL);
      g_autoptr(GDir) dir = NULL;
      const char *name;

      if (g_file_test (new_raw, G_FILE_TEST_IS_DIR))
        {
          if (g_file_test (raw, G_FILE_TEST_EXISTS))
            {
              bench_remove_tree (old_raw);
              g_rename (raw, old_raw);
            }
          g_rename (new_raw, raw);
        }
      if (g_file_test (new_summary, G_FILE_TEST_EXISTS))
        g_rename (new_summary, summary);
      else if (g_file_test (no_summary, G_FILE_TEST_EXISTS))
        {
          g_unlink (summary);
          g_unlink (no_summary);
        }
      dir = g_dir_open (new_history, 0, NULL);
      if (dir != NULL)
        g_mkdir_with_parents (history, 0755);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *from = g_build_filename (new_history, name, NULL);
          g_autofree char *to = g_build_filename (history, name, NULL);

          g_rename (from, to);
        }
      sync_directory (history);
      sync_directory (output_dir);
      bench_remove_tree (commit);
    }
  bench_remove_tree (old_raw);
}

/* Under the lock: finish a half-done switch and drop staging folders of
 * runs that died. */
static void
recover_locked (const char *output_dir)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  roll_forward (output_dir);
  dir = g_dir_open (output_dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_prefix (name, STAGING_PREFIX))
        {
          g_autofree char *path = g_build_filename (output_dir, name, NULL);

          bench_remove_tree (path);
        }
    }
}

void
bench_transaction_recover (const char *output_dir)
{
  g_autofree char *commit = NULL;
  g_autofree char *old_raw = NULL;
  int fd;

  g_return_if_fail (output_dir != NULL);

  commit = g_build_filename (output_dir, COMMIT_NAME, NULL);
  old_raw = g_build_filename (output_dir, OLD_RAW_NAME, NULL);
  if (!g_file_test (commit, G_FILE_TEST_EXISTS) && !g_file_test (old_raw, G_FILE_TEST_EXISTS))
    return;
  fd = take_lock (output_dir, FALSE);
  if (fd < 0)
    return;   /* a run holds it and will finish the job, or it is read-only */
  roll_forward (output_dir);
  close (fd);
}

static gboolean
set_busy (GError     **error,
          const char  *output_dir)
{
  g_set_error (error, BENCH_ERROR, BENCH_ERROR_OUTPUT_BUSY,
               "Another run is writing to “%s”; wait for it to finish or choose another output folder",
               output_dir);
  return FALSE;
}

static gboolean
lock_failed (GError     **error,
             const char  *output_dir)
{
  int saved_errno = errno;

  if (saved_errno == EWOULDBLOCK)
    return set_busy (error, output_dir);
  g_set_error (error, BENCH_ERROR, BENCH_ERROR_OUTPUT_NOT_WRITABLE,
               "Output directory “%s” cannot be locked: %s", output_dir, g_strerror (saved_errno));
  return FALSE;
}

BenchTransaction *
bench_transaction_begin (const char  *output_dir,
                         GError     **error)
{
  g_autoptr(BenchTransaction) self = NULL;
  g_autofree char *template = NULL;
  g_autofree char *staging_raw = NULL;

  g_return_val_if_fail (output_dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (BenchTransaction, 1);
  self->output_dir = g_strdup (output_dir);
  self->lock_fd = -1;

  /* An existing folder is locked before anything in it is touched. */
  if (g_file_test (output_dir, G_FILE_TEST_IS_DIR))
    {
      self->lock_fd = take_lock (output_dir, FALSE);
      if (self->lock_fd < 0)
        {
          lock_failed (error, output_dir);
          return NULL;
        }
    }
  if (!bench_output_prepare (output_dir, error) || !bench_history_prepare (output_dir, error))
    return NULL;
  if (self->lock_fd < 0)
    {
      self->lock_fd = take_lock (output_dir, FALSE);
      if (self->lock_fd < 0)
        {
          lock_failed (error, output_dir);
          return NULL;
        }
    }
  recover_locked (output_dir);

  template = g_build_filename (output_dir, STAGING_PREFIX "XXXXXX", NULL);
  if (g_mkdtemp_full (template, 0755) == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, BENCH_ERROR, BENCH_ERROR_OUTPUT_NOT_WRITABLE,
                   "Output directory “%s” cannot be used: %s", output_dir, g_strerror (saved_errno));
      return NULL;
    }
  self->staging_dir = g_steal_pointer (&template);
  staging_raw = g_build_filename (self->staging_dir, "raw", NULL);
  if (g_mkdir (staging_raw, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, BENCH_ERROR, BENCH_ERROR_OUTPUT_NOT_WRITABLE,
                   "Output directory “%s” cannot be used: %s", output_dir, g_strerror (saved_errno));
      return NULL;
    }
  return g_steal_pointer (&self);
}

const char *
bench_transaction_get_output_dir (BenchTransaction *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->output_dir;
}

gboolean
bench_transaction_write_result (BenchTransaction  *self,
                                const BenchResult *result,
                                JsonObject        *environment,
                                GError           **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->staging_dir != NULL, FALSE);

  return bench_output_write_result_with_environment (self->staging_dir, result, environment, error);
}

gboolean
bench_transaction_commit (BenchTransaction    *self,
                          BenchRunRecord      *record,
                          gboolean             write_summary,
                          BenchRunComparison  *comparison,
                          char               **summary_path,
                          char               **history_path,
                          GError             **error)
{
  g_autoptr(GError) summary_error = NULL;
  g_autoptr(GError) history_error = NULL;
  g_autofree char *staged_history = NULL;
  g_autofree char *staged_history_dir = NULL;
  g_autofree char *commit = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->staging_dir != NULL, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (summary_path != NULL)
    *summary_path = NULL;
  if (history_path != NULL)
    *history_path = NULL;
  /* A run cancelled before any target finished has nothing to describe:
   * the folder keeps the previous run. */
  if (bench_run_record_get_results (record)->len == 0)
    return TRUE;

  if (write_summary)
    {
      if (!bench_output_write_run_summary (self->staging_dir, record, comparison, &summary_error))
        g_prefix_error (&summary_error, "summary.md could not be written: ");
    }
  else
    {
      g_autofree char *marker = g_build_filename (self->staging_dir, NO_SUMMARY_NAME, NULL);

      if (!bench_write_file_atomic (marker, "", 0, &summary_error))
        g_prefix_error (&summary_error, "The run could not be staged: ");
    }
  /* Both are tried, so that the message names every problem at once. */
  staged_history_dir = g_build_filename (self->staging_dir, "history", NULL);
  if (!bench_history_write (staged_history_dir, record, &staged_history, &history_error))
    g_prefix_error (&history_error, "The run could not be added to the history: ");

  if (summary_error != NULL || history_error != NULL)
    {
      g_set_error (error, BENCH_ERROR, BENCH_ERROR_OUTPUT_NOT_WRITABLE, "%s%s%s; “%s” still holds the previous run",
                   summary_error != NULL ? summary_error->message : "",
                   summary_error != NULL && history_error != NULL ? "; " : "",
                   history_error != NULL ? history_error->message : "",
                   self->output_dir);
      return FALSE;
    }

  sync_directory (self->staging_dir);
  commit = g_build_filename (self->output_dir, COMMIT_NAME, NULL);
  bench_remove_tree (commit);   /* cannot exist under our lock, unless we made it */
  if (g_rename (self->staging_dir, commit) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, BENCH_ERROR, BENCH_ERROR_OUTPUT_NOT_WRITABLE,
                   "The run could not be moved into “%s”: %s; it still holds the previous run",
                   self->output_dir, g_strerror (saved_errno));
      return FALSE;
    }
  g_clear_pointer (&self->staging_dir, g_free);
  sync_directory (self->output_dir);
  roll_forward (self->output_dir);

  if (summary_path != NULL && write_summary)
    *summary_path = g_build_filename (self->output_dir, "summary.md", NULL);
  if (history_path != NULL)
    {
      g_autofree char *name = g_path_get_basename (staged_history);

      *history_path = g_build_filename (self->output_dir, "history", name, NULL);
    }
  return TRUE;
}

void
bench_transaction_free (BenchTransaction *self)
{
  if (self == NULL)
    return;
  if (self->staging_dir != NULL)
    bench_remove_tree (self->staging_dir);
  if (self->lock_fd >= 0)
    close (self->lock_fd);
  g_free (self->staging_dir);
  g_free (self->output_dir);
  g_free (self);
}
