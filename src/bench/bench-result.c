/* bench-result.c: one target's outcome.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "bench-result.h"

#include <math.h>

#include "bench-error.h"
#include "bench-private.h"
#include "bench-stats.h"
#include "bench-target.h"

struct _BenchResult {
  gatomicrefcount ref_count;
  char           *target_id;
  GDateTime      *timestamp;
  JsonObject     *metrics;      /* sealed; NULL for a failure */
  GError         *error;        /* NULL for a success */
  double         *samples;
  guint           n_samples;
};

G_DEFINE_BOXED_TYPE (BenchResult, bench_result, bench_result_ref, bench_result_unref)

/* In UTC and whole milliseconds, the precision the files keep: a result in
 * memory then equals the same result read back, and the app can find the
 * history run its shown results belong to. */
static GDateTime *
timestamp_to_file_precision (GDateTime *timestamp)
{
  g_autoptr(GDateTime) utc = timestamp != NULL ? g_date_time_to_utc (timestamp)
                                               : g_date_time_new_now_utc ();
  GTimeSpan extra = g_date_time_get_microsecond (utc) % 1000;

  return g_date_time_add (utc, -extra);
}

static BenchResult *
result_new (const char *target_id,
            GDateTime  *timestamp)
{
  BenchResult *result = g_new0 (BenchResult, 1);

  g_atomic_ref_count_init (&result->ref_count);
  result->target_id = g_strdup (target_id);
  result->timestamp = timestamp_to_file_precision (timestamp);
  return result;
}

BenchResult *
bench_result_new_success (const char   *target_id,
                          JsonObject   *metrics,
                          GDateTime    *timestamp,
                          const double *samples_ns_per_op,
                          guint         n_samples)
{
  BenchResult *result;

  g_return_val_if_fail (target_id != NULL, NULL);
  g_return_val_if_fail (metrics != NULL, NULL);
  g_return_val_if_fail (n_samples == 0 || samples_ns_per_op != NULL, NULL);

  result = result_new (target_id, timestamp);
  /* Sealed so that threads sharing the result can trust it never changes. */
  json_object_seal (metrics);
  result->metrics = json_object_ref (metrics);
  if (n_samples > 0)
    result->samples = g_memdup2 (samples_ns_per_op, sizeof (double) * n_samples);
  result->n_samples = n_samples;
  return result;
}

BenchResult *
bench_result_new_failure (const char   *target_id,
                          const GError *error,
                          GDateTime    *timestamp)
{
  BenchResult *result;

  g_return_val_if_fail (target_id != NULL, NULL);
  g_return_val_if_fail (error != NULL, NULL);

  result = result_new (target_id, timestamp);
  result->error = g_error_copy (error);
  return result;
}

BenchResult *
bench_result_ref (BenchResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);

  g_atomic_ref_count_inc (&result->ref_count);
  return result;
}

void
bench_result_unref (BenchResult *result)
{
  g_return_if_fail (result != NULL);

  if (!g_atomic_ref_count_dec (&result->ref_count))
    return;

  g_free (result->target_id);
  g_date_time_unref (result->timestamp);
  g_clear_pointer (&result->metrics, json_object_unref);
  g_clear_error (&result->error);
  g_free (result->samples);
  g_free (result);
}

const char *
bench_result_get_target_id (const BenchResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  return result->target_id;
}

GDateTime *
bench_result_get_timestamp (const BenchResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  return result->timestamp;
}

JsonObject *
bench_result_get_metrics (const BenchResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  return result->metrics;
}

const GError *
bench_result_get_error (const BenchResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  return result->error;
}

gboolean
bench_result_is_success (const BenchResult *result)
{
  g_return_val_if_fail (result != NULL, FALSE);
  return result->error == NULL;
}

const double *
bench_result_get_samples (const BenchResult *result,
                          guint             *n_samples)
{
  g_return_val_if_fail (result != NULL, NULL);

  if (n_samples != NULL)
    *n_samples = result->n_samples;
  return result->samples;
}

static gboolean
node_is_number (JsonNode *node)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

double
bench_result_get_metric_double (const BenchResult *result,
                                const char        *name,
                                double             fallback)
{
  JsonNode *node;

  g_return_val_if_fail (result != NULL, fallback);
  g_return_val_if_fail (name != NULL, fallback);

  if (result->metrics == NULL)
    return fallback;
  node = json_object_get_member (result->metrics, name);
  if (!node_is_number (node))
    return fallback;
  return json_node_get_double (node);
}

double
bench_result_get_ops_per_second (const BenchResult *result)
{
  return bench_result_get_metric_double (result, "operations_per_second", 0.0);
}

double
bench_result_get_avg_duration_ns (const BenchResult *result)
{
  return bench_result_get_metric_double (result, "avg_duration_ns", 0.0);
}

double
bench_result_get_median_duration_ns (const BenchResult *result)
{
  return bench_result_get_metric_double (result, "median_duration_ns", 0.0);
}

double
bench_result_get_p95_duration_ns (const BenchResult *result)
{
  return bench_result_get_metric_double (result, "p95_duration_ns", 0.0);
}

double
bench_result_get_p99_duration_ns (const BenchResult *result)
{
  return bench_result_get_metric_double (result, "p99_duration_ns", 0.0);
}

double
bench_result_get_spread (const BenchResult *result)
{
  BenchSampleStats stats;

  g_return_val_if_fail (result != NULL, 0.0);

  if (result->metrics == NULL)
    return 0.0;
  /* A loaded result has no samples, but the runner stored the spread. */
  if (result->n_samples == 0)
    return bench_result_get_metric_double (result, "spread", 0.0);

  bench_sample_stats_compute (result->samples, result->n_samples, &stats);
  return bench_sample_stats_spread (&stats);
}

gboolean
bench_result_is_unstable (const BenchResult *result)
{
  g_return_val_if_fail (result != NULL, FALSE);

  return bench_result_is_success (result) &&
         bench_result_get_spread (result) > BENCH_UNSTABLE_SPREAD;
}

gboolean
bench_result_is_disturbed (const BenchResult *result)
{
  JsonNode *node;

  g_return_val_if_fail (result != NULL, FALSE);

  if (result->metrics == NULL)
    return FALSE;
  node = json_object_get_member (result->metrics, "disturbed");
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

char *
bench_result_dup_disturbed_note (const BenchResult *result)
{
  double disturbed, used;

  g_return_val_if_fail (result != NULL, NULL);

  if (!bench_result_is_disturbed (result))
    return NULL;
  disturbed = bench_result_get_metric_double (result, "disturbed_samples", 0);
  used = bench_result_get_metric_double (result, "samples", 0);
  return g_strdup_printf ("disturbed: %.0f of %.0f samples", disturbed,
                          disturbed + (used >= BENCH_MIN_UNDISTURBED_SAMPLES ? used : 0));
}

char *
bench_result_dup_spread (const BenchResult *result)
{
  double mad;

  g_return_val_if_fail (result != NULL, NULL);

  mad = bench_result_get_metric_double (result, "relative_mad", -1.0);
  if (mad < 0.0)
    return NULL;
  {
    g_autofree char *percent = bench_format_double (mad >= 0.1 ? "%.0f" : "%.1f", 100.0 * mad);

    return g_strdup_printf ("± %s%%", percent);
  }
}

char *
bench_result_dup_notes (const BenchResult *result)
{
  g_autofree char *disturbed = NULL;

  g_return_val_if_fail (result != NULL, NULL);

  if (result->error != NULL)
    {
      g_autofree char *message = g_strdup (result->error->message);

      g_strdelimit (message, "\r\n", ' ');
      return g_strdup_printf ("failed: %s", message);
    }
  disturbed = bench_result_dup_disturbed_note (result);
  if (disturbed != NULL)
    return g_steal_pointer (&disturbed);
  if (bench_result_is_unstable (result))
    {
      g_autofree char *percent = bench_format_double ("%.1f", 100.0 * bench_result_get_spread (result));

      return g_strdup_printf ("unstable: spread %s%% between samples", percent);
    }
  return g_strdup ("-");
}

char *
bench_format_timestamp (GDateTime *time)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *seconds = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  utc = g_date_time_to_utc (time);
  seconds = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%03dZ", seconds, g_date_time_get_microsecond (utc) / 1000);
}

JsonNode *
bench_result_to_json (const BenchResult *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *timestamp = NULL;

  g_return_val_if_fail (result != NULL, NULL);

  timestamp = bench_format_timestamp (result->timestamp);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "target_id");
  json_builder_add_string_value (builder, result->target_id);
  if (result->metrics != NULL)
    {
      JsonNode *metrics = json_node_new (JSON_NODE_OBJECT);

      json_node_set_object (metrics, result->metrics);
      json_builder_set_member_name (builder, "metrics");
      json_builder_add_value (builder, metrics);
    }
  else
    {
      json_builder_set_member_name (builder, "error");
      json_builder_add_string_value (builder, result->error->message);
    }
  json_builder_set_member_name (builder, "timestamp");
  json_builder_add_string_value (builder, timestamp);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* Sets BENCH_ERROR_INVALID_RESULT; returns NULL for the caller to return. */
static gpointer
invalid (GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (2, 3);

static gpointer
invalid (GError     **error,
         const char  *format,
         ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, BENCH_ERROR, BENCH_ERROR_INVALID_RESULT, message);
  return NULL;
}

static const char *
get_string_member (JsonObject  *object,
                   const char  *name,
                   GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    {
      invalid (error, "member “%s” is missing or not a string", name);
      return NULL;
    }
  return json_node_get_string (node);
}

BenchResult *
bench_result_from_json (JsonNode  *node,
                        GError   **error)
{
  /* The seed's three metrics; everything else is optional so that results
   * of older runs still load. */
  static const char * const required[] = {
    "operations_per_second", "avg_duration_ns", "total_iterations",
  };
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) timestamp = NULL;
  JsonObject *object;
  JsonNode *metrics;
  const char *target_id;
  const char *text;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, "a result must be a JSON object");
  object = json_node_get_object (node);

  target_id = get_string_member (object, "target_id", error);
  if (target_id == NULL)
    return NULL;
  if (!bench_target_id_is_valid (target_id))
    return invalid (error, "“%s” is not a valid target id", target_id);

  text = get_string_member (object, "timestamp", error);
  if (text == NULL)
    return NULL;
  timestamp = g_date_time_new_from_iso8601 (text, utc);
  if (timestamp == NULL)
    return invalid (error, "member “timestamp” is not an RFC 3339 time: “%s”", text);
  /* Results are kept in UTC: a time whose UTC is outside years 1..9999
   * cannot be. */
  {
    g_autoptr(GDateTime) in_utc = g_date_time_to_utc (timestamp);

    if (in_utc == NULL)
      return invalid (error, "member “timestamp” is out of range in UTC: “%s”", text);
  }

  metrics = json_object_get_member (object, "metrics");
  if (metrics == NULL && json_object_has_member (object, "error"))
    {
      g_autoptr(GError) failure = NULL;

      text = get_string_member (object, "error", error);
      if (text == NULL)
        return NULL;
      failure = g_error_new_literal (BENCH_ERROR, BENCH_ERROR_TARGET_FAILED, text);
      return bench_result_new_failure (target_id, failure, timestamp);
    }
  if (metrics == NULL || !JSON_NODE_HOLDS_OBJECT (metrics))
    return invalid (error, "member “metrics” is missing or not an object");

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      /* Counted instructions have no wall-clock figure: their required
       * figure is "instructions_per_operation" instead. */
      const char *name = required[i];
      JsonNode *value;

      if (g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (metrics),
                                                                 "measure", NULL), "instructions") == 0)
        name = i == 2 ? "total_iterations" : "instructions_per_operation";
      value = json_object_get_member (json_node_get_object (metrics), name);
      if (!node_is_number (value))
        return invalid (error, "metric “%s” is missing or not a number", name);
      if (!isfinite (json_node_get_double (value)))
        return invalid (error, "metric “%s” is not a finite number", name);
    }

  /* A deep copy (json_node_copy() only shares the object): the caller's
   * tree stays theirs, and ours gets sealed. */
  {
    g_autofree char *text_copy = json_to_string (metrics, FALSE);
    g_autoptr(JsonNode) copy = json_from_string (text_copy, error);

    if (copy == NULL)
      return NULL;
    return bench_result_new_success (target_id, json_node_get_object (copy),
                                     timestamp, NULL, 0);
  }
}

static JsonArray *
double_array (const double *values,
              guint         n)
{
  JsonArray *array = json_array_sized_new (n);

  for (guint i = 0; i < n; i++)
    json_array_add_double_element (array, values[i]);
  return array;
}

BenchResult *
bench_result_combine_repetitions (GPtrArray *repetitions)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(JsonObject) metrics = json_object_new ();
  g_autofree double *ops = NULL;
  g_autofree double *cpu = NULL;
  g_autofree double *iterations = NULL;
  BenchResult *first;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  double total_ns = 0.0, total_iterations = 0.0, total_cpu_ns = 0.0;
  double disturbed = 0.0, planned = 0.0;
  gboolean any_disturbed = FALSE;
  BenchSampleStats stats, across;
  guint n;

  g_return_val_if_fail (repetitions != NULL && repetitions->len > 0, NULL);

  n = repetitions->len;
  first = g_ptr_array_index (repetitions, 0);
  if (n == 1)
    return bench_result_ref (first);
  for (guint i = 0; i < n; i++)
    {
      BenchResult *result = g_ptr_array_index (repetitions, i);

      if (!bench_result_is_success (result))
        return bench_result_ref (result);
    }

  ops = g_new (double, n);
  cpu = g_new (double, n);
  iterations = g_new (double, n);
  for (guint i = 0; i < n; i++)
    {
      BenchResult *result = g_ptr_array_index (repetitions, i);
      guint n_samples = 0;
      const double *values = bench_result_get_samples (result, &n_samples);

      ops[i] = bench_result_get_ops_per_second (result);
      iterations[i] = bench_result_get_metric_double (result, "total_iterations", 0.0);
      cpu[i] = bench_result_get_metric_double (result, "cpu_avg_duration_ns", 0.0);
      if (ops[i] > 0.0)
        total_ns += iterations[i] * 1e9 / ops[i];
      total_iterations += iterations[i];
      total_cpu_ns += iterations[i] * cpu[i];
      disturbed += bench_result_get_metric_double (result, "disturbed_samples", 0.0);
      planned += bench_result_get_metric_double (result, "planned_samples", 0.0);
      any_disturbed |= bench_result_is_disturbed (result);
      g_array_append_vals (samples, values, n_samples);
    }

  /* The first repetition's own figures, then those of all of them. */
  json_object_iter_init (&iter, bench_result_get_metrics (first));
  while (json_object_iter_next (&iter, &name, &value))
    json_object_set_member (metrics, name, json_node_copy (value));

  bench_sample_stats_compute ((const double *) (gconstpointer) samples->data, samples->len, &stats);
  bench_sample_stats_compute (ops, n, &across);
  json_object_set_double_member (metrics, "operations_per_second",
                                 total_ns > 0.0 ? round (total_iterations / (total_ns / 1e9)) : 0.0);
  json_object_set_int_member (metrics, "avg_duration_ns",
                              (gint64) llround (total_ns / MAX (total_iterations, 1.0)));
  json_object_set_int_member (metrics, "total_iterations", (gint64) total_iterations);
  json_object_set_int_member (metrics, "total_duration_ms", (gint64) llround (total_ns / 1e6));
  json_object_set_int_member (metrics, "median_duration_ns", (gint64) llround (stats.median));
  json_object_set_int_member (metrics, "p95_duration_ns", (gint64) llround (stats.p95));
  json_object_set_int_member (metrics, "p99_duration_ns", (gint64) llround (stats.p99));
  json_object_set_int_member (metrics, "min_duration_ns", (gint64) llround (stats.min));
  json_object_set_int_member (metrics, "max_duration_ns", (gint64) llround (stats.max));
  json_object_set_int_member (metrics, "stddev_duration_ns", (gint64) llround (stats.stddev));
  json_object_set_int_member (metrics, "samples", samples->len);
  json_object_set_double_member (metrics, "spread", bench_sample_stats_spread (&stats));
  json_object_set_double_member (metrics, "relative_mad",
                                 round (bench_stats_relative_mad ((const double *) (gconstpointer) samples->data,
                                                                  samples->len) * 1e6) / 1e6);
  json_object_set_double_member (metrics, "cpu_avg_duration_ns",
                                 round (total_cpu_ns / MAX (total_iterations, 1.0) * 1000.0) / 1000.0);
  json_object_set_int_member (metrics, "disturbed_samples", (gint64) disturbed);
  json_object_set_int_member (metrics, "planned_samples", (gint64) planned);
  json_object_set_boolean_member (metrics, "disturbed", any_disturbed);

  json_object_set_int_member (metrics, "repetitions", n);
  json_object_set_array_member (metrics, "repetition_ops_per_second", double_array (ops, n));
  json_object_set_array_member (metrics, "repetition_cpu_avg_duration_ns", double_array (cpu, n));
  json_object_set_array_member (metrics, "repetition_iterations", double_array (iterations, n));
  json_object_set_double_member (metrics, "repetitions_mean_ops_per_second", round (across.mean));
  json_object_set_double_member (metrics, "repetitions_median_ops_per_second", round (across.median));
  json_object_set_double_member (metrics, "repetitions_stddev_ops_per_second", round (across.stddev));
  json_object_set_double_member (metrics, "repetitions_cv",
                                 across.mean > 0.0 ? round (across.stddev / across.mean * 1e6) / 1e6 : 0.0);

  return bench_result_new_success (bench_result_get_target_id (first), metrics,
                                   bench_result_get_timestamp (g_ptr_array_index (repetitions, n - 1)),
                                   (const double *) (gconstpointer) samples->data, samples->len);
}
