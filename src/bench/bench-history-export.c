/* bench-history-export.c: a recorded run as Google Benchmark JSON and as
 * CSV of every sample.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "bench-environment.h"
#include "bench-history-export.h"
#include "bench-stats.h"

static void
add_gbench_context (JsonBuilder    *builder,
                    BenchRunRecord *record)
{
  g_autoptr(BenchEnvironment) env =
    bench_environment_from_json (bench_run_record_get_environment (record));
  g_autofree char *date = g_date_time_format_iso8601 (bench_run_record_get_started (record));

  json_builder_set_member_name (builder, "context");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "date");
  json_builder_add_string_value (builder, date);
  json_builder_set_member_name (builder, "host_name");
  json_builder_add_string_value (builder, env->hostname);
  json_builder_set_member_name (builder, "executable");
  json_builder_add_string_value (builder, "cost-ops");
  json_builder_set_member_name (builder, "num_cpus");
  json_builder_add_int_value (builder, env->n_cpus);
  json_builder_set_member_name (builder, "mhz_per_cpu");
  json_builder_add_int_value (builder, env->cpu_mhz);
  /* Google Benchmark reports false when it cannot tell, and so do we. */
  json_builder_set_member_name (builder, "cpu_scaling_enabled");
  json_builder_add_boolean_value (builder, g_strcmp0 (env->cpu_scaling, "on") == 0);
  if (env->load_average[0] >= 0.0)
    {
      json_builder_set_member_name (builder, "load_avg");
      json_builder_begin_array (builder);
      for (guint i = 0; i < 3; i++)
        json_builder_add_double_value (builder, env->load_average[i]);
      json_builder_end_array (builder);
    }
  /* The build that ran, which need not be the one exporting. */
  json_builder_set_member_name (builder, "library_build_type");
  json_builder_add_string_value (builder, g_strcmp0 (env->build_type, "debug") == 0 ? "debug" : "release");
  json_builder_set_member_name (builder, "run_id");
  json_builder_add_string_value (builder, bench_run_record_get_id (record));
  json_builder_set_member_name (builder, "caches");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
add_gbench_entry (JsonBuilder *builder,
                  const char  *name,
                  guint        family,
                  guint        repetitions,
                  int          repetition_index,  /* -1 for aggregates */
                  const char  *aggregate,         /* NULL for iterations */
                  gint64       iterations,
                  double       ns_per_op)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  if (aggregate != NULL)
    {
      g_autofree char *full = g_strdup_printf ("%s_%s", name, aggregate);
      json_builder_add_string_value (builder, full);
    }
  else
    json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "family_index");
  json_builder_add_int_value (builder, family);
  json_builder_set_member_name (builder, "per_family_instance_index");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "run_name");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "run_type");
  json_builder_add_string_value (builder, aggregate ? "aggregate" : "iteration");
  json_builder_set_member_name (builder, "repetitions");
  json_builder_add_int_value (builder, repetitions);
  if (aggregate == NULL)
    {
      json_builder_set_member_name (builder, "repetition_index");
      json_builder_add_int_value (builder, repetition_index);
    }
  else
    {
      json_builder_set_member_name (builder, "aggregate_name");
      json_builder_add_string_value (builder, aggregate);
      json_builder_set_member_name (builder, "aggregate_unit");
      json_builder_add_string_value (builder, "time");
    }
  json_builder_set_member_name (builder, "threads");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "iterations");
  json_builder_add_int_value (builder, iterations);
  /* Targets run on one thread and do no waiting, so wall and CPU time per
   * operation are the same measurement. */
  json_builder_set_member_name (builder, "real_time");
  json_builder_add_double_value (builder, ns_per_op);
  json_builder_set_member_name (builder, "cpu_time");
  json_builder_add_double_value (builder, ns_per_op);
  json_builder_set_member_name (builder, "time_unit");
  json_builder_add_string_value (builder, "ns");
  if (ns_per_op > 0)
    {
      json_builder_set_member_name (builder, "items_per_second");
      json_builder_add_double_value (builder, 1e9 / ns_per_op);
    }
  json_builder_end_object (builder);
}

JsonNode *
bench_run_record_to_gbench (BenchRunRecord *record)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GPtrArray *results;
  guint family = 0;

  g_return_val_if_fail (record != NULL, NULL);

  results = bench_run_record_get_results (record);
  json_builder_begin_object (builder);
  add_gbench_context (builder, record);
  json_builder_set_member_name (builder, "benchmarks");
  json_builder_begin_array (builder);
  for (guint i = 0; i < results->len; i++)
    {
      BenchResult *result = g_ptr_array_index (results, i);
      const char *name = bench_result_get_target_id (result);
      JsonObject *metrics;
      const double *samples;
      guint n = 0;
      gint64 iterations_per_sample;
      BenchSampleStats stats;

      /* Google Benchmark has no notion of a failed benchmark in its JSON. */
      if (!bench_result_is_success (result))
        continue;
      samples = bench_result_get_samples (result, &n);
      if (n == 0)
        continue;
      metrics = bench_result_get_metrics (result);
      iterations_per_sample =
        MAX (1, json_object_get_int_member_with_default (metrics, "total_iterations", n) / n);
      for (guint s = 0; s < n; s++)
        add_gbench_entry (builder, name, family, n, s, NULL, iterations_per_sample, samples[s]);
      bench_sample_stats_compute (samples, n, &stats);
      add_gbench_entry (builder, name, family, n, -1, "mean", n, stats.mean);
      add_gbench_entry (builder, name, family, n, -1, "median", n, stats.median);
      add_gbench_entry (builder, name, family, n, -1, "stddev", n, stats.stddev);
      family++;
    }
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
