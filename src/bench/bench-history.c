/* bench-history.c: run records, stored as zstd-compressed JSON with the
 * engine's compression module (the framework's only engine dependency).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "bench-error.h"
#include "bench-history.h"
#include "bench-private.h"
#include "bench-transaction.h"
#include "costops-compress.h"
#include "costops-safe-read.h"

#define HISTORY_DIR        "history"
#define HISTORY_SUFFIX     ".json.zst"
#define HISTORY_FORMAT     1
/* A run of six targets with thousands of samples is well under 1 MiB; the
 * limits only stop a damaged or hostile file from eating memory (see the
 * header). */
#define HISTORY_MAX_FILE_BYTES (16 * 1024 * 1024)
#define HISTORY_MAX_BYTES      (32 * 1024 * 1024)
#define HISTORY_MAX_VALUES     (2 * 1000 * 1000)

struct _BenchRunRecord {
  gatomicrefcount  ref_count;
  char            *run_id;
  GDateTime       *started;
  JsonObject      *environment;
  GPtrArray       *results;
  char            *path;
  char           **not_run;   /* NULL unless the run was cancelled */
};

G_DEFINE_BOXED_TYPE (BenchRunRecord, bench_run_record,
                     bench_run_record_ref, bench_run_record_unref)

char *
bench_run_id_generate (void)
{
  return g_strdup_printf ("%08x", g_random_int ());
}

BenchRunRecord *
bench_run_record_new (const char *run_id,
                      GDateTime  *started,
                      JsonObject *environment,
                      GPtrArray  *results)
{
  BenchRunRecord *self;

  g_return_val_if_fail (run_id != NULL && *run_id != '\0', NULL);
  g_return_val_if_fail (started != NULL, NULL);
  g_return_val_if_fail (results != NULL, NULL);

  self = g_new0 (BenchRunRecord, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->run_id = g_strdup (run_id);
  self->started = g_date_time_to_utc (started);
  self->environment = environment ? json_object_ref (environment) : NULL;
  self->results = g_ptr_array_new_with_free_func ((GDestroyNotify) bench_result_unref);
  for (guint i = 0; i < results->len; i++)
    g_ptr_array_add (self->results, bench_result_ref (g_ptr_array_index (results, i)));
  return self;
}

BenchRunRecord *
bench_run_record_ref (BenchRunRecord *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
bench_run_record_unref (BenchRunRecord *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->run_id);
  g_date_time_unref (self->started);
  g_clear_pointer (&self->environment, json_object_unref);
  g_ptr_array_unref (self->results);
  g_free (self->path);
  g_strfreev (self->not_run);
  g_free (self);
}

void
bench_run_record_set_cancelled (BenchRunRecord     *self,
                                const char * const *not_run)
{
  g_return_if_fail (self != NULL);

  g_strfreev (self->not_run);
  self->not_run = not_run != NULL ? g_strdupv ((char **) not_run) : g_new0 (char *, 1);
}

gboolean
bench_run_record_is_cancelled (BenchRunRecord *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->not_run != NULL;
}

const char * const *
bench_run_record_get_not_run (BenchRunRecord *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->not_run;
}

const char *
bench_run_record_get_id (BenchRunRecord *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->run_id;
}

GDateTime *
bench_run_record_get_started (BenchRunRecord *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->started;
}

JsonObject *
bench_run_record_get_environment (BenchRunRecord *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->environment;
}

GPtrArray *
bench_run_record_get_results (BenchRunRecord *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->results;
}

const char *
bench_run_record_get_path (BenchRunRecord *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->path;
}

BenchResult *
bench_run_record_lookup (BenchRunRecord *self,
                         const char     *target_id)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (target_id != NULL, NULL);

  for (guint i = 0; i < self->results->len; i++)
    {
      BenchResult *result = g_ptr_array_index (self->results, i);

      if (g_strcmp0 (bench_result_get_target_id (result), target_id) == 0)
        return result;
    }
  return NULL;
}

/* Compact and sortable: 20261129T093012Z. */
static char *
format_file_time (GDateTime *time)
{
  return g_date_time_format (time, "%Y%m%dT%H%M%SZ");
}

static char *
format_rfc3339_ms (GDateTime *time)
{
  g_autofree char *seconds = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", seconds, g_date_time_get_microsecond (time) / 1000);
}

JsonNode *
bench_run_record_to_json (BenchRunRecord *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *started = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  started = format_rfc3339_ms (self->started);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_int_value (builder, HISTORY_FORMAT);
  json_builder_set_member_name (builder, "run_id");
  json_builder_add_string_value (builder, self->run_id);
  json_builder_set_member_name (builder, "started");
  json_builder_add_string_value (builder, started);
  if (self->environment != NULL)
    {
      JsonNode *env = json_node_new (JSON_NODE_OBJECT);

      json_node_set_object (env, self->environment);
      json_builder_set_member_name (builder, "environment");
      json_builder_add_value (builder, env);
    }
  if (self->not_run != NULL)
    {
      json_builder_set_member_name (builder, "cancelled");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_set_member_name (builder, "not_run");
      json_builder_begin_array (builder);
      for (guint i = 0; self->not_run[i] != NULL; i++)
        json_builder_add_string_value (builder, self->not_run[i]);
      json_builder_end_array (builder);
    }
  json_builder_set_member_name (builder, "results");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->results->len; i++)
    {
      BenchResult *result = g_ptr_array_index (self->results, i);
      JsonNode *node = bench_result_to_json (result);
      JsonArray *samples_array = json_array_new ();
      const double *samples;
      guint n_samples = 0;

      samples = bench_result_get_samples (result, &n_samples);
      for (guint s = 0; s < n_samples; s++)
        json_array_add_double_element (samples_array, samples[s]);
      json_object_set_array_member (json_node_get_object (node),
                                    "samples_ns_per_op", samples_array);
      json_builder_add_value (builder, node);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static gpointer
corrupt (GError **error, const char *what)
{
  g_set_error (error, BENCH_ERROR, BENCH_ERROR_INVALID_RESULT,
               "Not a run record: %s", what);
  return NULL;
}

/* @name in @object when it is a node of @type, else NULL: json-glib's
 * typed getters emit a critical on a member of the wrong type. */
static JsonNode *
member_of_type (JsonObject   *object,
                const char   *name,
                JsonNodeType  type)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_TYPE (node) == type ? node : NULL;
}

static BenchResult *
result_from_json (JsonNode  *node,
                  GError   **error)
{
  g_autoptr(BenchResult) plain = NULL;
  g_autoptr(GArray) samples = NULL;
  JsonNode *member;
  JsonArray *array;
  guint n;

  plain = bench_result_from_json (node, error);
  if (plain == NULL)
    return NULL;
  if (!bench_result_is_success (plain))
    return g_steal_pointer (&plain);

  member = member_of_type (json_node_get_object (node), "samples_ns_per_op", JSON_NODE_ARRAY);
  if (member == NULL)
    return corrupt (error, "a result has no samples_ns_per_op array");
  array = json_node_get_array (member);
  n = json_array_get_length (array);
  if (n > BENCH_HISTORY_MAX_SAMPLES)
    {
      g_set_error (error, BENCH_ERROR, BENCH_ERROR_INVALID_RESULT,
                   "Not a run record: the result of “%s” has %u samples, more than the limit of %u",
                   bench_result_get_target_id (plain), n, BENCH_HISTORY_MAX_SAMPLES);
      return NULL;
    }
  samples = g_array_sized_new (FALSE, FALSE, sizeof (double), n);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      double value;

      if (!JSON_NODE_HOLDS_VALUE (element) ||
          (json_node_get_value_type (element) != G_TYPE_DOUBLE &&
           json_node_get_value_type (element) != G_TYPE_INT64))
        {
          return corrupt (error, "a sample is not a number");
        }
      value = json_node_get_double (element);
      if (!isfinite (value))
        return corrupt (error, "a sample is not a finite number");
      g_array_append_val (samples, value);
    }
  return bench_result_new_success (bench_result_get_target_id (plain),
                                   bench_result_get_metrics (plain),
                                   bench_result_get_timestamp (plain),
                                   (const double *) (void *) samples->data,
                                   samples->len);
}

/* "cancelled": true and "not_run": [ids] of a cancelled run. */
static gboolean
read_not_run (JsonObject      *object,
              BenchRunRecord  *record,
              GError         **error)
{
  JsonNode *cancelled = json_object_get_member (object, "cancelled");
  JsonNode *not_run = json_object_get_member (object, "not_run");
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  if (cancelled == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (cancelled) || json_node_get_value_type (cancelled) != G_TYPE_BOOLEAN)
    return corrupt (error, "cancelled is not true or false") != NULL;
  if (!json_node_get_boolean (cancelled))
    return TRUE;
  if (not_run != NULL && !JSON_NODE_HOLDS_NULL (not_run))
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (not_run))
        return corrupt (error, "not_run is not a list") != NULL;
      array = json_node_get_array (not_run);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING ||
              !bench_target_id_is_valid (json_node_get_string (element)))
            return corrupt (error, "not_run holds something that is not a target id") != NULL;
          g_ptr_array_add (ids, (gpointer) json_node_get_string (element));
        }
    }
  g_ptr_array_add (ids, NULL);
  bench_run_record_set_cancelled (record, (const char * const *) ids->pdata);
  return TRUE;
}

BenchRunRecord *
bench_run_record_from_json (JsonNode  *node,
                            GError   **error)
{
  g_autoptr(GDateTime) started = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(BenchRunRecord) record = NULL;
  JsonObject *object;
  JsonObject *environment = NULL;
  JsonNode *member;
  JsonArray *array;
  const char *run_id;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return corrupt (error, "the top level is not an object");
  object = json_node_get_object (node);
  member = member_of_type (object, "format", JSON_NODE_VALUE);
  if (member == NULL || json_node_get_value_type (member) != G_TYPE_INT64 ||
      json_node_get_int (member) != HISTORY_FORMAT)
    return corrupt (error, "unknown format version");
  member = member_of_type (object, "run_id", JSON_NODE_VALUE);
  run_id = member != NULL && json_node_get_value_type (member) == G_TYPE_STRING
           ? json_node_get_string (member) : NULL;
  if (run_id == NULL || *run_id == '\0')
    return corrupt (error, "no run_id");
  member = member_of_type (object, "started", JSON_NODE_VALUE);
  if (member != NULL && json_node_get_value_type (member) == G_TYPE_STRING)
    started = g_date_time_new_from_iso8601 (json_node_get_string (member), NULL);
  if (started == NULL)
    return corrupt (error, "no valid start time");
  {
    g_autoptr(GDateTime) in_utc = g_date_time_to_utc (started);   /* what the record keeps */

    if (in_utc == NULL)
      return corrupt (error, "the start time is out of range in UTC");
  }
  if (json_object_has_member (object, "environment"))
    {
      member = member_of_type (object, "environment", JSON_NODE_OBJECT);
      if (member == NULL)
        return corrupt (error, "environment is not an object");
      environment = json_node_get_object (member);
    }
  member = member_of_type (object, "results", JSON_NODE_ARRAY);
  if (member == NULL)
    return corrupt (error, "no results");
  array = json_node_get_array (member);

  results = g_ptr_array_new_with_free_func ((GDestroyNotify) bench_result_unref);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      BenchResult *result = result_from_json (json_array_get_element (array, i), error);

      if (result == NULL)
        return NULL;
      g_ptr_array_add (results, result);
    }
  record = bench_run_record_new (run_id, started, environment, results);
  if (!read_not_run (object, record, error))
    return NULL;
  return g_steal_pointer (&record);
}

BenchRunRecord *
bench_run_record_load_data (const char  *data,
                            gsize        length,
                            GError     **error)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = costops_json_parse_checked (data, length, HISTORY_MAX_VALUES, error);
  if (root == NULL)
    return NULL;
  return bench_run_record_from_json (root, error);
}

BenchRunRecord *
bench_history_load_bytes (GBytes  *packed,
                          GError **error)
{
  g_autoptr(CostopsCompressor) compressor = NULL;
  g_autoptr(GBytes) plain = NULL;

  g_return_val_if_fail (packed != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  compressor = costops_compressor_new (COSTOPS_COMPRESS_LEVEL_DEFAULT, error);
  if (compressor == NULL)
    return NULL;
  plain = costops_compressor_decompress_untrusted (compressor, packed, HISTORY_MAX_BYTES, error);
  if (plain == NULL)
    return NULL;
  return bench_run_record_load_data (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain), error);
}

gboolean
bench_history_write (const char      *history_dir,
                     BenchRunRecord  *record,
                     char           **path,
                     GError         **error)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(CostopsCompressor) compressor = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) packed = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *name = NULL;
  g_autofree char *file_path = NULL;
  char *text;
  gsize length;

  g_return_val_if_fail (history_dir != NULL, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  if (g_mkdir_with_parents (history_dir, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, BENCH_ERROR, BENCH_ERROR_OUTPUT_NOT_WRITABLE,
                   "Cannot create the history folder %s: %s", history_dir, g_strerror (saved_errno));
      return FALSE;
    }

  root = bench_run_record_to_json (record);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  plain = g_bytes_new_take (text, length);

  compressor = costops_compressor_new (COSTOPS_COMPRESS_LEVEL_DEFAULT, error);
  if (compressor == NULL)
    return FALSE;
  packed = costops_compressor_compress (compressor, plain, error);
  if (packed == NULL)
    return FALSE;

  stamp = format_file_time (record->started);
  name = g_strdup_printf ("%s-%s%s", stamp, record->run_id, HISTORY_SUFFIX);
  file_path = g_build_filename (history_dir, name, NULL);
  if (!bench_write_file_atomic (file_path, g_bytes_get_data (packed, NULL),
                                g_bytes_get_size (packed), error))
    return FALSE;
  if (path != NULL)
    *path = g_steal_pointer (&file_path);
  return TRUE;
}

gboolean
bench_history_append (const char      *output_dir,
                      BenchRunRecord  *record,
                      char           **path,
                      GError         **error)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (output_dir != NULL, FALSE);

  dir = g_build_filename (output_dir, HISTORY_DIR, NULL);
  return bench_history_write (dir, record, path, error);
}

BenchRunRecord *
bench_history_load_file (const char  *path,
                         GError     **error)
{
  g_autoptr(GBytes) packed = NULL;
  g_autoptr(GError) local_error = NULL;
  BenchRunRecord *record = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  packed = costops_safe_read_file (path, HISTORY_MAX_FILE_BYTES, &local_error);
  if (packed != NULL)
    record = bench_history_load_bytes (packed, &local_error);
  if (record == NULL)
    {
      g_autofree char *name = g_path_get_basename (path);

      g_set_error (error, BENCH_ERROR, BENCH_ERROR_INVALID_RESULT,
                   "%s: %s", name, local_error != NULL ? local_error->message : "cannot be read");
      return NULL;
    }
  record->path = g_strdup (path);
  return record;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* History file names in @output_dir, sorted oldest first. */
static GPtrArray *
list_history_files (const char  *output_dir,
                    GError     **error)
{
  g_autofree char *dir_path = g_build_filename (output_dir, HISTORY_DIR, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  dir = g_dir_open (dir_path, 0, &local_error);
  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&names);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, HISTORY_SUFFIX))
      g_ptr_array_add (names, g_build_filename (dir_path, name, NULL));
  g_ptr_array_sort (names, compare_names);
  return g_steal_pointer (&names);
}

/* By start time; the file name only has whole seconds, and two quick runs
 * can start within one. */
static int
compare_started (gconstpointer a,
                 gconstpointer b)
{
  BenchRunRecord *x = *(BenchRunRecord * const *) a;
  BenchRunRecord *y = *(BenchRunRecord * const *) b;
  int order = g_date_time_compare (x->started, y->started);

  return order != 0 ? order : g_strcmp0 (x->path, y->path);
}

GPtrArray *
bench_history_list (const char  *output_dir,
                    GPtrArray   *skipped,
                    GError     **error)
{
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GPtrArray) runs = NULL;

  g_return_val_if_fail (output_dir != NULL, NULL);

  /* A run killed in the middle of its switch-over is completed first. */
  bench_transaction_recover (output_dir);

  paths = list_history_files (output_dir, error);
  if (paths == NULL)
    return NULL;
  runs = g_ptr_array_new_with_free_func ((GDestroyNotify) bench_run_record_unref);
  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      BenchRunRecord *record = bench_history_load_file (g_ptr_array_index (paths, i), &local_error);

      if (record != NULL)
        g_ptr_array_add (runs, record);
      else if (skipped != NULL)
        g_ptr_array_add (skipped, g_strdup (local_error != NULL ? local_error->message
                                                                 : "cannot be read"));
    }
  g_ptr_array_sort (runs, compare_started);
  return g_steal_pointer (&runs);
}

BenchRunRecord *
bench_history_find (GPtrArray   *runs,
                    const char  *spec,
                    GError     **error)
{
  BenchRunRecord *match = NULL;

  g_return_val_if_fail (runs != NULL, NULL);
  g_return_val_if_fail (spec != NULL, NULL);

  if (g_strcmp0 (spec, "latest") == 0)
    {
      if (runs->len == 0)
        {
          g_set_error_literal (error, BENCH_ERROR, BENCH_ERROR_FAILED,
                               "There is no earlier run to compare with: the history is empty");
          return NULL;
        }
      return bench_run_record_ref (g_ptr_array_index (runs, runs->len - 1));
    }

  if (strchr (spec, G_DIR_SEPARATOR) != NULL || g_str_has_suffix (spec, HISTORY_SUFFIX))
    return bench_history_load_file (spec, error);

  for (guint i = 0; i < runs->len; i++)
    {
      BenchRunRecord *record = g_ptr_array_index (runs, i);

      if (g_str_has_prefix (record->run_id, spec))
        {
          if (match != NULL)
            {
              g_set_error (error, BENCH_ERROR, BENCH_ERROR_FAILED,
                           "The run id “%s” is ambiguous: it matches %s and %s",
                           spec, match->run_id, record->run_id);
              return NULL;
            }
          match = record;
        }
    }
  if (match == NULL)
    {
      g_set_error (error, BENCH_ERROR, BENCH_ERROR_FAILED,
                   "No run “%s” in the history (see cost-ops history)", spec);
      return NULL;
    }
  return bench_run_record_ref (match);
}

BenchRunRecord *
bench_history_find_previous (GPtrArray       *runs,
                             BenchRunRecord  *current,
                             GError         **error)
{
  BenchRunRecord *match = NULL;

  g_return_val_if_fail (runs != NULL, NULL);
  g_return_val_if_fail (current != NULL, NULL);

  for (guint i = 0; i < runs->len; i++)
    {
      BenchRunRecord *record = g_ptr_array_index (runs, i);

      if (g_strcmp0 (record->run_id, current->run_id) != 0 &&
          g_date_time_compare (record->started, current->started) < 0)
        match = record;   /* @runs is oldest first: the last one wins */
    }
  if (match == NULL)
    {
      g_set_error (error, BENCH_ERROR, BENCH_ERROR_FAILED,
                   "There is no run before %s to compare with", current->run_id);
      return NULL;
    }
  return bench_run_record_ref (match);
}

gboolean
bench_history_prepare (const char  *output_dir,
                       GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *probe = NULL;
  const char *problem = NULL;
  int fd;

  g_return_val_if_fail (output_dir != NULL, FALSE);

  dir = g_build_filename (output_dir, HISTORY_DIR, NULL);
  if (!g_file_test (dir, G_FILE_TEST_EXISTS))
    return TRUE;   /* made by the first append, in a folder known to be writable */
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    problem = "it is not a folder";
  else
    {
      probe = g_build_filename (dir, ".cost-ops-probe-XXXXXX", NULL);
      fd = g_mkstemp (probe);
      if (fd < 0)
        problem = g_strerror (errno);
      else
        {
          close (fd);
          g_unlink (probe);
        }
    }
  if (problem != NULL)
    {
      g_set_error (error, BENCH_ERROR, BENCH_ERROR_OUTPUT_NOT_WRITABLE,
                   "The history folder %s cannot be written: %s", dir, problem);
      return FALSE;
    }
  return TRUE;
}

gboolean
bench_history_prune (const char  *output_dir,
                     guint        keep,
                     guint       *removed,
                     GError     **error)
{
  g_autoptr(GPtrArray) runs = NULL;
  guint count = 0;

  g_return_val_if_fail (output_dir != NULL, FALSE);

  /* Only files that load are counted and pruned: a corrupt file is reported
   * by `history` and left for a person to look at. */
  runs = bench_history_list (output_dir, NULL, error);
  if (runs == NULL)
    return FALSE;
  for (guint i = 0; i + keep < runs->len; i++)
    {
      BenchRunRecord *record = g_ptr_array_index (runs, i);

      if (g_unlink (record->path) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       "Cannot remove %s: %s", record->path, g_strerror (saved_errno));
          if (removed != NULL)
            *removed = count;
          return FALSE;
        }
      count++;
    }
  if (removed != NULL)
    *removed = count;
  return TRUE;
}
