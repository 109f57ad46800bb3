/* The Google Benchmark export: the rows and context Google Benchmark's JSON
 * reporter writes, for runs with one or several repetitions per target and
 * for failed targets.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "bench-error.h"
#include "bench-history.h"
#include "bench-history-export.h"

/* A result that ran @iterations operations at @ns_per_op on average, with
 * @n samples around it; @cpu_ns is its CPU time per operation, or negative
 * for a result recorded without one. */
static BenchResult *
make_result (const char *id,
             double      ns_per_op,
             double      cpu_ns,
             gint64      iterations,
             guint       n)
{
  g_autoptr(JsonObject) metrics = json_object_new ();
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 29, 10, 0, 0.25);
  g_autofree double *samples = g_new (double, n);

  for (guint i = 0; i < n; i++)
    samples[i] = ns_per_op * (0.9 + 0.2 * i / MAX (n - 1, 1));
  json_object_set_double_member (metrics, "operations_per_second", 1e9 / ns_per_op);
  json_object_set_int_member (metrics, "avg_duration_ns", (gint64) (ns_per_op + 0.5));
  json_object_set_int_member (metrics, "total_iterations", iterations);
  json_object_set_int_member (metrics, "stddev_duration_ns", 3);
  if (cpu_ns >= 0.0)
    json_object_set_double_member (metrics, "cpu_avg_duration_ns", cpu_ns);
  return bench_result_new_success (id, metrics, now, samples, n);
}

static BenchResult *
make_failure (const char *id,
              const char *message)
{
  g_autoptr(GError) error = g_error_new_literal (BENCH_ERROR, BENCH_ERROR_TARGET_FAILED, message);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 29, 10, 0, 0.25);

  return bench_result_new_failure (id, error, now);
}

/* Takes the results. */
static JsonNode *
export_results (BenchResult *first,
                ...)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) bench_result_unref);
  g_autoptr(GDateTime) started = g_date_time_new_utc (2026, 11, 29, 10, 1, 1.5);
  g_autoptr(JsonObject) env = json_object_new ();
  g_autoptr(JsonArray) load = json_array_new ();
  g_autoptr(BenchRunRecord) record = NULL;
  va_list args;

  va_start (args, first);
  for (BenchResult *r = first; r != NULL; r = va_arg (args, BenchResult *))
    g_ptr_array_add (results, r);
  va_end (args);

  json_object_set_string_member (env, "hostname", "testhost");
  json_object_set_int_member (env, "logical_cores", 2);
  json_object_set_int_member (env, "cpu_mhz", 2400);
  json_object_set_string_member (env, "cpu_scaling", "on");
  json_object_set_string_member (env, "build_type", "debugoptimized");
  json_object_set_string_member (env, "app_version", "9.8.7");
  json_array_add_double_element (load, 0.5);
  json_array_add_double_element (load, 0.25);
  json_array_add_double_element (load, 0.125);
  json_object_set_array_member (env, "load_average", g_steal_pointer (&load));
  record = bench_run_record_new ("abcdef01", started, env, results);
  return bench_run_record_to_gbench (record);
}

static JsonArray *
get_rows (JsonNode *root)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_object_get_array_member (json_node_get_object (root), "benchmarks");
}

static JsonObject *
get_row (JsonNode *root,
         guint     index)
{
  return json_array_get_object_element (get_rows (root), index);
}

static void
assert_row_type (JsonObject *row,
                 const char *name,
                 const char *run_name,
                 const char *run_type,
                 gint64      family,
                 gint64      repetitions)
{
  g_assert_cmpstr (json_object_get_string_member (row, "name"), ==, name);
  g_assert_cmpint (json_object_get_int_member (row, "family_index"), ==, family);
  g_assert_cmpint (json_object_get_int_member (row, "per_family_instance_index"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (row, "run_name"), ==, run_name);
  g_assert_cmpstr (json_object_get_string_member (row, "run_type"), ==, run_type);
  g_assert_cmpint (json_object_get_int_member (row, "repetitions"), ==, repetitions);
  g_assert_cmpint (json_object_get_int_member (row, "threads"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (row, "time_unit"), ==, "ns");
}

/* Real and CPU time, iterations and rate of an iteration row. */
static void
assert_measured (JsonObject *row,
                 gint64      repetition_index,
                 gint64      iterations,
                 double      real_time,
                 double      cpu_time)
{
  g_assert_cmpint (json_object_get_int_member (row, "repetition_index"), ==, repetition_index);
  g_assert_cmpint (json_object_get_int_member (row, "iterations"), ==, iterations);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (row, "real_time"), real_time, real_time * 1e-12);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (row, "cpu_time"), cpu_time, cpu_time * 1e-12);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (row, "items_per_second"),
                                  1e9 / real_time, 1e9 / real_time * 1e-12);
  g_assert_false (json_object_has_member (row, "error_occurred"));
  g_assert_false (json_object_has_member (row, "aggregate_name"));
}

static void
test_context (void)
{
  g_autoptr(JsonNode) root = export_results (make_result ("alpha", 100.0, 90.0, 1000, 4), NULL);
  JsonObject *context = json_object_get_object_member (json_node_get_object (root), "context");
  JsonArray *load = json_object_get_array_member (context, "load_avg");

  g_assert_cmpstr (json_object_get_string_member (context, "host_name"), ==, "testhost");
  g_assert_cmpstr (json_object_get_string_member (context, "executable"), ==, "cost-ops");
  g_assert_cmpint (json_object_get_int_member (context, "num_cpus"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (context, "mhz_per_cpu"), ==, 2400);
  g_assert_true (json_object_get_boolean_member (context, "cpu_scaling_enabled"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (context, "caches")), ==, 0);
  g_assert_cmpuint (json_array_get_length (load), ==, 3);
  g_assert_cmpfloat (json_array_get_double_element (load, 2), ==, 0.125);
  g_assert_true (json_object_has_member (context, "library_version"));
  g_assert_cmpstr (json_object_get_string_member (context, "library_version"), ==, "9.8.7");
  g_assert_cmpstr (json_object_get_string_member (context, "library_build_type"), ==, "release");
  g_assert_true (json_object_has_member (context, "json_schema_version"));
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (context, "json_schema_version")), ==, G_TYPE_INT64);
  g_assert_cmpint (json_object_get_int_member (context, "json_schema_version"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (context, "run_id"), ==, "abcdef01");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (context, "date"), "2026-11-29T10:01:01"));
}

/* One repetition per target, as every run makes today: one row each,
 * whatever the number of samples, and no aggregates (Google Benchmark
 * writes none for a single repetition). */
static void
test_one_repetition (void)
{
  g_autoptr(JsonNode) root =
    export_results (make_result ("alpha", 16.4, 15.5, 60000000, 12),
                    make_result ("beta", 2000.0, -1.0, 5000, 5),
                    NULL);

  g_assert_cmpuint (json_array_get_length (get_rows (root)), ==, 2);
  assert_row_type (get_row (root, 0), "alpha", "alpha", "iteration", 0, 1);
  /* The mean over the whole measurement, to more digits than the whole
   * nanoseconds of avg_duration_ns (16 here). */
  assert_measured (get_row (root, 0), 0, 60000000, 16.4, 15.5);
  assert_row_type (get_row (root, 1), "beta", "beta", "iteration", 1, 1);
  /* No CPU time recorded: the wall time stands in for it. */
  assert_measured (get_row (root, 1), 0, 5000, 2000.0, 2000.0);
}

/* A failed target is a row that says so, not a missing one. */
static void
test_failed_target (void)
{
  g_autoptr(JsonNode) root =
    export_results (make_result ("alpha", 100.0, 90.0, 1000, 4),
                    make_failure ("gamma", "crashed: segmentation fault (SIGSEGV) while measuring"),
                    NULL);
  JsonObject *row;

  g_assert_cmpuint (json_array_get_length (get_rows (root)), ==, 2);
  row = get_row (root, 1);
  assert_row_type (row, "gamma", "gamma", "iteration", 1, 1);
  g_assert_cmpint (json_object_get_int_member (row, "repetition_index"), ==, 0);
  g_assert_true (json_object_get_boolean_member (row, "error_occurred"));
  g_assert_cmpstr (json_object_get_string_member (row, "error_message"), ==,
                   "crashed: segmentation fault (SIGSEGV) while measuring");
  g_assert_cmpint (json_object_get_int_member (row, "iterations"), ==, 0);
  /* compare.py reads real_time and cpu_time of every row. */
  g_assert_cmpfloat (json_object_get_double_member (row, "real_time"), ==, 0.0);
  g_assert_cmpfloat (json_object_get_double_member (row, "cpu_time"), ==, 0.0);
  g_assert_false (json_object_has_member (row, "items_per_second"));
}

static void
assert_aggregate (JsonObject *row,
                  const char *name,
                  const char *aggregate,
                  const char *unit,
                  gint64      iterations,
                  double      real_time,
                  double      cpu_time)
{
  g_assert_cmpstr (json_object_get_string_member (row, "name"), ==, name);
  g_assert_cmpstr (json_object_get_string_member (row, "run_type"), ==, "aggregate");
  g_assert_cmpstr (json_object_get_string_member (row, "aggregate_name"), ==, aggregate);
  g_assert_cmpstr (json_object_get_string_member (row, "aggregate_unit"), ==, unit);
  g_assert_false (json_object_has_member (row, "repetition_index"));
  g_assert_cmpint (json_object_get_int_member (row, "iterations"), ==, iterations);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (row, "real_time"), real_time, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (row, "cpu_time"), cpu_time, 1e-9);
  g_assert_false (json_object_has_member (row, "items_per_second"));
}

/* Several results of one target in a record are its repetitions, in run
 * order, even between other targets; a failed one is reported and left out
 * of the aggregates. */
static void
test_repetitions (void)
{
  g_autoptr(JsonNode) root =
    export_results (make_result ("alpha", 100.0, 50.0, 1000, 4),
                    make_result ("beta", 10.0, 10.0, 7000, 4),
                    make_result ("alpha", 110.0, 70.0, 900, 4),
                    make_failure ("alpha", "timed out"),
                    make_result ("alpha", 90.0, 30.0, 1100, 4),
                    NULL);
  JsonObject *row;
  /* stddev of 100, 110, 90 (n - 1): 10; of 50, 70, 30: 20. */

  /* alpha: 4 repetitions and 4 aggregates; beta: 1 repetition. */
  g_assert_cmpuint (json_array_get_length (get_rows (root)), ==, 4 + 4 + 1);
  for (guint i = 0; i < 8; i++)
    assert_row_type (get_row (root, i), json_object_get_string_member (get_row (root, i), "name"),
                     "alpha", i < 4 ? "iteration" : "aggregate", 0, 4);
  assert_measured (get_row (root, 0), 0, 1000, 100.0, 50.0);
  assert_measured (get_row (root, 1), 1, 900, 110.0, 70.0);
  row = get_row (root, 2);
  g_assert_cmpstr (json_object_get_string_member (row, "name"), ==, "alpha");
  g_assert_cmpint (json_object_get_int_member (row, "repetition_index"), ==, 2);
  g_assert_true (json_object_get_boolean_member (row, "error_occurred"));
  g_assert_cmpstr (json_object_get_string_member (row, "error_message"), ==, "timed out");
  assert_measured (get_row (root, 3), 3, 1100, 90.0, 30.0);

  assert_aggregate (get_row (root, 4), "alpha_mean", "mean", "time", 3, 100.0, 50.0);
  assert_aggregate (get_row (root, 5), "alpha_median", "median", "time", 3, 100.0, 50.0);
  assert_aggregate (get_row (root, 6), "alpha_stddev", "stddev", "time", 3, 10.0, 20.0);
  assert_aggregate (get_row (root, 7), "alpha_cv", "cv", "percentage", 3, 0.1, 0.4);

  assert_row_type (get_row (root, 8), "beta", "beta", "iteration", 1, 1);
  assert_measured (get_row (root, 8), 0, 7000, 10.0, 10.0);
}

/* With fewer than two successful repetitions there is nothing to
 * aggregate. */
static void
test_one_successful_repetition (void)
{
  g_autoptr(JsonNode) root =
    export_results (make_failure ("alpha", "crashed"),
                    make_result ("alpha", 100.0, 50.0, 1000, 4),
                    NULL);

  g_assert_cmpuint (json_array_get_length (get_rows (root)), ==, 2);
  g_assert_true (json_object_get_boolean_member (get_row (root, 0), "error_occurred"));
  assert_measured (get_row (root, 1), 1, 1000, 100.0, 50.0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/gbench-export/context", test_context);
  g_test_add_func ("/gbench-export/one-repetition", test_one_repetition);
  g_test_add_func ("/gbench-export/failed-target", test_failed_target);
  g_test_add_func ("/gbench-export/repetitions", test_repetitions);
  g_test_add_func ("/gbench-export/one-successful-repetition", test_one_successful_repetition);
  return g_test_run ();
}
