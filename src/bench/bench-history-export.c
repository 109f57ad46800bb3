/* bench-history-export.c: a recorded run as Google Benchmark JSON and as
 * CSV of every sample.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include <math.h>

#include "bench-environment.h"
#include "bench-history-export.h"
#include "bench-stats.h"

/* What Google Benchmark writes as "json_schema_version" (since 1.8). */
#define GBENCH_JSON_SCHEMA_VERSION 1

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_double (JsonBuilder *builder,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, value);
}

/* The members and their order are those of Google Benchmark's JSON
 * reporter. */
static void
add_gbench_context (JsonBuilder    *builder,
                    BenchRunRecord *record)
{
  g_autoptr(BenchEnvironment) env =
    bench_environment_from_json (bench_run_record_get_environment (record));
  g_autofree char *date = g_date_time_format_iso8601 (bench_run_record_get_started (record));

  json_builder_set_member_name (builder, "context");
  json_builder_begin_object (builder);
  add_string (builder, "date", date);
  add_string (builder, "host_name", env->hostname);
  add_string (builder, "executable", "cost-ops");
  add_int (builder, "num_cpus", env->n_cpus);
  add_int (builder, "mhz_per_cpu", env->cpu_mhz);
  /* Google Benchmark reports false when it cannot tell, and so do we. */
  json_builder_set_member_name (builder, "cpu_scaling_enabled");
  json_builder_add_boolean_value (builder, g_strcmp0 (env->cpu_scaling, "on") == 0);
  json_builder_set_member_name (builder, "caches");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  /* Empty when the run did not know its load, as Google Benchmark does. */
  json_builder_set_member_name (builder, "load_avg");
  json_builder_begin_array (builder);
  if (env->load_average[0] >= 0.0)
    for (guint i = 0; i < 3; i++)
      json_builder_add_double_value (builder, env->load_average[i]);
  json_builder_end_array (builder);
  /* The version and build that ran, which need not be the ones exporting. */
  add_string (builder, "library_version", env->version);
  add_string (builder, "library_build_type",
              g_strcmp0 (env->build_type, "debug") == 0 ? "debug" : "release");
  add_int (builder, "json_schema_version", GBENCH_JSON_SCHEMA_VERSION);
  /* Google Benchmark's custom context entries are strings too. */
  add_string (builder, "run_id", bench_run_record_get_id (record));
  json_builder_end_object (builder);
}

/* One entry of "benchmarks". */
typedef struct {
  const char *name;            /* the target id */
  guint       family;
  guint       repetitions;
  guint       repetition_index;  /* iteration rows only */
  const char *aggregate;       /* NULL for an iteration row */
  const char *aggregate_unit;  /* "time" or "percentage" */
  const char *error;           /* a failed repetition's message, or NULL */
  gint64      iterations;
  double      real_time;       /* ns per operation (a fraction for "cv") */
  double      cpu_time;
} GbenchRow;

static void
add_gbench_row (JsonBuilder     *builder,
                const GbenchRow *row)
{
  gboolean aggregate = row->aggregate != NULL;

  json_builder_begin_object (builder);
  if (aggregate)
    {
      g_autofree char *full = g_strdup_printf ("%s_%s", row->name, row->aggregate);

      add_string (builder, "name", full);
    }
  else
    add_string (builder, "name", row->name);
  add_int (builder, "family_index", row->family);
  add_int (builder, "per_family_instance_index", 0);
  add_string (builder, "run_name", row->name);
  add_string (builder, "run_type", aggregate ? "aggregate" : "iteration");
  add_int (builder, "repetitions", row->repetitions);
  if (!aggregate)
    add_int (builder, "repetition_index", row->repetition_index);
  add_int (builder, "threads", 1);
  if (aggregate)
    {
      add_string (builder, "aggregate_name", row->aggregate);
      add_string (builder, "aggregate_unit", row->aggregate_unit);
    }
  if (row->error != NULL)
    {
      json_builder_set_member_name (builder, "error_occurred");
      json_builder_add_boolean_value (builder, TRUE);
      add_string (builder, "error_message", row->error);
    }
  add_int (builder, "iterations", row->iterations);
  add_double (builder, "real_time", row->real_time);
  add_double (builder, "cpu_time", row->cpu_time);
  add_string (builder, "time_unit", "ns");
  /* A rate belongs to a measurement; the rate of a mean or of a spread
   * would be read as one it is not. */
  if (!aggregate && row->error == NULL && row->real_time > 0.0)
    add_double (builder, "items_per_second", 1e9 / row->real_time);
  json_builder_end_object (builder);
}

/* Nanoseconds per operation over the whole measurement: the total time
 * over the total iterations. "avg_duration_ns" is that figure rounded to
 * whole nanoseconds (±3% for a 16 ns operation); "operations_per_second",
 * its inverse, keeps it to within 0.05%. */
static double
result_real_time (BenchResult *result)
{
  double ops = bench_result_get_ops_per_second (result);

  return ops > 0.0 ? 1e9 / ops : bench_result_get_avg_duration_ns (result);
}

static double
result_cpu_time (BenchResult *result,
                 double       real_time)
{
  double cpu = bench_result_get_metric_double (result, "cpu_avg_duration_ns", -1.0);

  return isfinite (cpu) && cpu > 0.0 ? cpu : real_time;
}

/* The rows of one target: an iteration row per repetition (@results, in
 * run order), then, with two or more successful repetitions, their mean,
 * median, stddev and cv, as Google Benchmark computes them. */
static void
add_gbench_family (JsonBuilder *builder,
                   guint        family,
                   GPtrArray   *results)
{
  g_autofree double *real = g_new (double, results->len);
  g_autofree double *cpu = g_new (double, results->len);
  guint n_ok = 0;
  GbenchRow row = { 0 };
  BenchSampleStats real_stats, cpu_stats;
  struct {
    const char *name;
    double      real;
    double      cpu;
  } aggregates[4];

  row.name = bench_result_get_target_id (g_ptr_array_index (results, 0));
  row.family = family;
  row.repetitions = results->len;
  for (guint i = 0; i < results->len; i++)
    {
      BenchResult *result = g_ptr_array_index (results, i);

      row.repetition_index = i;
      if (bench_result_is_success (result))
        {
          JsonObject *metrics = bench_result_get_metrics (result);

          row.error = NULL;
          row.iterations = json_object_get_int_member_with_default (metrics, "total_iterations", 0);
          row.real_time = real[n_ok] = result_real_time (result);
          row.cpu_time = cpu[n_ok] = result_cpu_time (result, row.real_time);
          n_ok++;
        }
      else
        {
          row.error = bench_result_get_error (result)->message;
          row.iterations = 0;
          row.real_time = row.cpu_time = 0.0;
        }
      add_gbench_row (builder, &row);
    }

  /* Google Benchmark reports no aggregates for a single repetition. */
  if (n_ok < 2)
    return;
  bench_sample_stats_compute (real, n_ok, &real_stats);
  bench_sample_stats_compute (cpu, n_ok, &cpu_stats);
  aggregates[0].name = "mean";
  aggregates[0].real = real_stats.mean;
  aggregates[0].cpu = cpu_stats.mean;
  aggregates[1].name = "median";
  aggregates[1].real = real_stats.median;
  aggregates[1].cpu = cpu_stats.median;
  aggregates[2].name = "stddev";
  aggregates[2].real = real_stats.stddev;
  aggregates[2].cpu = cpu_stats.stddev;
  /* A fraction, which Google Benchmark's tools show as a percentage. */
  aggregates[3].name = "cv";
  aggregates[3].real = real_stats.mean != 0.0 ? real_stats.stddev / real_stats.mean : 0.0;
  aggregates[3].cpu = cpu_stats.mean != 0.0 ? cpu_stats.stddev / cpu_stats.mean : 0.0;

  row.error = NULL;
  /* An aggregate is computed over the successful repetitions. */
  row.iterations = n_ok;
  for (guint a = 0; a < G_N_ELEMENTS (aggregates); a++)
    {
      row.aggregate = aggregates[a].name;
      row.aggregate_unit = a == 3 ? "percentage" : "time";
      row.real_time = aggregates[a].real;
      row.cpu_time = aggregates[a].cpu;
      add_gbench_row (builder, &row);
    }
}

static double
array_double (JsonArray *array,
              guint      i)
{
  JsonNode *node = json_array_get_element (array, i);

  return JSON_NODE_HOLDS_VALUE (node) && (json_node_get_value_type (node) == G_TYPE_DOUBLE ||
                                          json_node_get_value_type (node) == G_TYPE_INT64)
         ? json_node_get_double (node) : 0.0;
}

/* A result with "repetition_ops_per_second" (bench_result_combine_repetitions())
 * becomes one result per repetition in @runs, owned by @expanded. FALSE
 * for any other result. */
static gboolean
expand_repetitions (BenchResult *result,
                    GPtrArray   *runs,
                    GPtrArray   *expanded)
{
  JsonObject *metrics = bench_result_get_metrics (result);
  JsonNode *ops_node, *cpu_node, *iterations_node;
  JsonArray *ops, *cpu, *iterations;
  guint n;

  if (metrics == NULL ||
      (ops_node = json_object_get_member (metrics, "repetition_ops_per_second")) == NULL ||
      (cpu_node = json_object_get_member (metrics, "repetition_cpu_avg_duration_ns")) == NULL ||
      (iterations_node = json_object_get_member (metrics, "repetition_iterations")) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (ops_node) || !JSON_NODE_HOLDS_ARRAY (cpu_node) ||
      !JSON_NODE_HOLDS_ARRAY (iterations_node))
    return FALSE;
  ops = json_node_get_array (ops_node);
  cpu = json_node_get_array (cpu_node);
  iterations = json_node_get_array (iterations_node);
  n = json_array_get_length (ops);
  if (n < 2 || json_array_get_length (cpu) != n || json_array_get_length (iterations) != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonObject) one = json_object_new ();
      BenchResult *repetition;

      json_object_set_double_member (one, "operations_per_second", array_double (ops, i));
      json_object_set_double_member (one, "cpu_avg_duration_ns", array_double (cpu, i));
      json_object_set_int_member (one, "total_iterations", (gint64) array_double (iterations, i));
      repetition = bench_result_new_success (bench_result_get_target_id (result), one,
                                             bench_result_get_timestamp (result), NULL, 0);
      g_ptr_array_add (expanded, repetition);
      g_ptr_array_add (runs, repetition);
    }
  return TRUE;
}

JsonNode *
bench_run_record_to_gbench (BenchRunRecord *record)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  /* Target id -> its results in run order; the ids in order of first run. */
  g_autoptr(GHashTable) repetitions =
    g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GPtrArray) expanded = g_ptr_array_new_with_free_func ((GDestroyNotify) bench_result_unref);
  GPtrArray *results;

  g_return_val_if_fail (record != NULL, NULL);

  results = bench_run_record_get_results (record);
  for (guint i = 0; i < results->len; i++)
    {
      BenchResult *result = g_ptr_array_index (results, i);
      const char *id = bench_result_get_target_id (result);
      GPtrArray *runs = g_hash_table_lookup (repetitions, id);

      if (runs == NULL)
        {
          runs = g_ptr_array_new ();
          g_hash_table_insert (repetitions, (gpointer) id, runs);
          g_ptr_array_add (order, (gpointer) id);
        }
      /* A result of `run --repetitions N` holds its repetitions. */
      if (!expand_repetitions (result, runs, expanded))
        g_ptr_array_add (runs, result);
    }

  json_builder_begin_object (builder);
  add_gbench_context (builder, record);
  json_builder_set_member_name (builder, "benchmarks");
  json_builder_begin_array (builder);
  for (guint f = 0; f < order->len; f++)
    add_gbench_family (builder, f, g_hash_table_lookup (repetitions, order->pdata[f]));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

char *
bench_run_record_to_samples_csv (BenchRunRecord *record)
{
  GString *csv = g_string_new ("run_id,target_id,sample,ns_per_op\r\n");
  GPtrArray *results;

  g_return_val_if_fail (record != NULL, NULL);

  results = bench_run_record_get_results (record);
  for (guint i = 0; i < results->len; i++)
    {
      BenchResult *result = g_ptr_array_index (results, i);
      const double *samples;
      guint n = 0;

      samples = bench_result_get_samples (result, &n);
      /* Ids are [a-z0-9_]+ and run ids hex, so no field needs quoting. */
      for (guint s = 0; s < n; s++)
        {
          char number[G_ASCII_DTOSTR_BUF_SIZE];

          g_ascii_dtostr (number, sizeof number, samples[s]);
          g_string_append_printf (csv, "%s,%s,%u,%s\r\n",
                                  bench_run_record_get_id (record),
                                  bench_result_get_target_id (result), s + 1, number);
        }
    }
  return g_string_free (csv, FALSE);
}
