/* bench-output.c: the raw result files and the output directory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "bench-output.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "bench-error.h"
#include "bench-private.h"
#include "bench-transaction.h"
#include "costops-safe-read.h"

char *
bench_json_to_pretty (JsonNode *node,
                      gsize    *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  char *with_newline;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  with_newline = g_strconcat (text, "\n", NULL);
  if (length != NULL)
    *length = strlen (with_newline);
  return with_newline;
}

char *
bench_format_double (const char *format,
                     double      value)
{
  char buffer[64];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, format, value));
}

gboolean
bench_write_file_atomic (const char  *path,
                         const char  *contents,
                         gsize        length,
                         GError     **error)
{
  /* CONSISTENT: the rename happens only after the data is on disk, so a
   * crash leaves either the old file or the new one, never a mix. */
  return g_file_set_contents_full (path, contents, length,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}

static gboolean
set_not_writable (GError     **error,
                  const char  *path,
                  const char  *reason)
{
  g_set_error (error, BENCH_ERROR, BENCH_ERROR_OUTPUT_NOT_WRITABLE,
               "Output directory “%s” cannot be used: %s", path, reason);
  return FALSE;
}

/* Creates @path and any missing parents, recording each directory it made
 * (deepest last) so that a failed preparation can remove them again. */
static gboolean
make_directories (const char  *path,
                  GPtrArray   *created,
                  GError     **error)
{
  g_autofree char *parent = NULL;
  GStatBuf st;

  if (g_stat (path, &st) == 0)
    {
      if (!S_ISDIR (st.st_mode))
        return set_not_writable (error, path, "it exists and is not a directory");
      return TRUE;
    }
  if (errno != ENOENT)
    return set_not_writable (error, path, g_strerror (errno));

  parent = g_path_get_dirname (path);
  if (g_strcmp0 (parent, path) != 0 && !make_directories (parent, created, error))
    return FALSE;

  if (g_mkdir (path, 0755) != 0)
    {
      int saved_errno = errno;

      return set_not_writable (error, path, g_strerror (saved_errno));
    }
  g_ptr_array_add (created, g_strdup (path));
  return TRUE;
}

static gboolean
probe_writable (const char  *dir,
                GError     **error)
{
  g_autofree char *probe = g_build_filename (dir, ".cost-ops-probe-XXXXXX", NULL);
  int fd;

  fd = g_mkstemp_full (probe, O_RDWR, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      return set_not_writable (error, dir, g_strerror (saved_errno));
    }
  close (fd);
  g_unlink (probe);
  return TRUE;
}

gboolean
bench_output_prepare (const char  *dir,
                      GError     **error)
{
  g_autoptr(GPtrArray) created = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *raw = NULL;
  gboolean ok;

  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (*dir == '\0')
    return set_not_writable (error, dir, "the path is empty");

  raw = g_build_filename (dir, "raw", NULL);
  ok = make_directories (dir, created, error) &&
       make_directories (raw, created, error) &&
       probe_writable (dir, error) &&
       probe_writable (raw, error);

  if (!ok)
    {
      /* Leave the file system as we found it. */
      for (guint i = created->len; i > 0; i--)
        g_rmdir (g_ptr_array_index (created, i - 1));
    }
  return ok;
}

char *
bench_output_result_path (const char *dir,
                          const char *target_id)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (bench_target_id_is_valid (target_id), NULL);

  name = g_strconcat (target_id, ".json", NULL);
  return g_build_filename (dir, "raw", name, NULL);
}

gboolean
bench_output_write_result (const char         *dir,
                           const BenchResult  *result,
                           GError            **error)
{
  return bench_output_write_result_with_environment (dir, result, NULL, error);
}

gboolean
bench_output_write_result_with_environment (const char         *dir,
                                            const BenchResult  *result,
                                            JsonObject         *environment,
                                            GError            **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  gsize length;

  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!bench_target_id_is_valid (bench_result_get_target_id (result)))
    {
      g_set_error (error, BENCH_ERROR, BENCH_ERROR_INVALID_RESULT,
                   "“%s” is not a valid target id", bench_result_get_target_id (result));
      return FALSE;
    }

  node = bench_result_to_json (result);
  /* After the seed's members, which stay exactly as they were. */
  if (environment != NULL)
    json_object_set_object_member (json_node_get_object (node), "environment",
                                   json_object_ref (environment));
  text = bench_json_to_pretty (node, &length);
  path = bench_output_result_path (dir, bench_result_get_target_id (result));
  return bench_write_file_atomic (path, text, length, error);
}

static int
compare_results_by_id (gconstpointer a,
                       gconstpointer b)
{
  const BenchResult *x = *(BenchResult * const *) a;
  const BenchResult *y = *(BenchResult * const *) b;

  return strcmp (bench_result_get_target_id (x), bench_result_get_target_id (y));
}

#define RESULT_MAX_VALUES 100000

BenchResult *
bench_output_load_result_data (const char  *data,
                               gsize        length,
                               const char  *name,
                               GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(BenchResult) result = NULL;
  g_autofree char *expected = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = costops_json_parse_checked (data, length, RESULT_MAX_VALUES, error);
  if (root == NULL)
    return NULL;
  result = bench_result_from_json (root, error);
  if (result == NULL)
    return NULL;

  /* A result lives at raw/<target_id>.json; anything else was put there by
   * hand and would shadow the real file of that target. */
  expected = g_strconcat (bench_result_get_target_id (result), ".json", NULL);
  if (strcmp (expected, name) != 0)
    {
      g_set_error (error, BENCH_ERROR, BENCH_ERROR_INVALID_RESULT,
                   "holds the result of “%s”, expected in %s",
                   bench_result_get_target_id (result), expected);
      return NULL;
    }
  return g_steal_pointer (&result);
}

static BenchResult *
load_result_file (const char  *path,
                  const char  *name,
                  GError     **error)
{
  g_autoptr(GBytes) contents = costops_safe_read_file (path, BENCH_OUTPUT_MAX_RESULT_BYTES, error);

  if (contents == NULL)
    return NULL;
  return bench_output_load_result_data (g_bytes_get_data (contents, NULL),
                                        g_bytes_get_size (contents), name, error);
}

GPtrArray *
bench_output_load (const char  *dir,
                   GPtrArray   *skipped,
                   GError     **error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) bench_result_unref);
  g_autofree char *raw = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *name;

  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* A run killed in the middle of its switch-over is completed first. */
  bench_transaction_recover (dir);

  raw = g_build_filename (dir, "raw", NULL);
  listing = g_dir_open (raw, 0, error);
  if (listing == NULL)
    return NULL;

  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(GError) local_error = NULL;
      BenchResult *result;

      if (name[0] == '.' || !g_str_has_suffix (name, ".json"))
        continue;

      path = g_build_filename (raw, name, NULL);
      result = load_result_file (path, name, &local_error);
      if (result == NULL)
        {
          if (skipped != NULL)
            g_ptr_array_add (skipped, g_strdup_printf ("%s: %s", name, local_error != NULL ? local_error->message
                                                                                      : "cannot be read"));
          continue;
        }
      g_ptr_array_add (results, result);
    }

  g_ptr_array_sort (results, compare_results_by_id);
  return g_steal_pointer (&results);
}
