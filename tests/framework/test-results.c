/* test-results.c: result files are written as the seed specifies, read
 * back, loaded from a directory, and the output directory is checked
 * without harming what is there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench-error.h"
#include "bench-output.h"
#include "bench-runner.h"
#include "test-util.h"

static gboolean
spin_run (gpointer   state,
          guint64    iterations,
          GError   **error)
{
  guint64 x = 1;

  for (guint64 i = 0; i < iterations; i++)
    {
      x = x * 6364136223846793005ULL + 1442695040888963407ULL;
      bench_keep (x);
    }
  return TRUE;
}

static gboolean
spin_add_metrics (gpointer       state,
                  BenchContext  *context,
                  JsonObject    *metrics,
                  GError       **error)
{
  json_object_set_int_member (metrics, "records_per_operation", 1000);
  return TRUE;
}

static const BenchTarget spin_target = {
  .id = "spin", .display_name = "Spin", .category = "test", .description = "LCG steps",
  .run_iterations = spin_run, .add_metrics = spin_add_metrics,
};

static BenchResult *
measure_spin (void)
{
  g_autoptr(GError) error = NULL;
  BenchRunOptions options = { .min_measure_us = 20000, .warmup_us = 2000, .min_samples = 5 };
  BenchResult *result = bench_run_target (&spin_target, &options, 0, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (bench_result_is_success (result));
  return result;
}

static const char * const int_metrics[] = {
  "avg_duration_ns", "total_iterations", "median_duration_ns", "p95_duration_ns",
  "p99_duration_ns", "min_duration_ns", "max_duration_ns", "stddev_duration_ns",
  "samples", "iterations_per_sample", "warmup_iterations", "total_duration_ms",
  "records_per_operation", "planned_samples", "disturbed_samples", "outliers_mild",
  "outliers_severe", "measure_duration_ms", "slowed_samples", "reference_loop_ns",
};
static const char * const double_metrics[] = {
  "operations_per_second", "spread", "relative_mad", "cpu_avg_duration_ns",
};
static const char * const boolean_metrics[] = { "disturbed" };

static void
assert_rfc3339_ms_utc (const char *text)
{
  g_assert_true (g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$",
                                       text, 0, 0));
}

static void
test_result_file (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autoptr(BenchResult) result = measure_spin ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected_time = NULL;
  g_auto(GStrv) files = NULL;
  g_autofree char *raw = g_build_filename (dir, "raw", NULL);
  JsonObject *root, *metrics, *original;
  GList *members;

  g_assert_true (bench_output_prepare (dir, &error));
  g_assert_no_error (error);
  g_assert_true (bench_output_write_result (dir, result, &error));
  g_assert_no_error (error);

  path = bench_output_result_path (dir, "spin");
  g_assert_true (g_str_has_suffix (path, "/raw/spin.json"));
  files = test_list_dir (raw);
  g_assert_cmpstrv (files, ((const char * const[]) { "spin.json", NULL }));

  /* Pretty-printed, one member per line, ending with a newline. */
  text = test_read_file (path);
  g_assert_true (g_str_has_prefix (text, "{\n  \"target_id\""));
  g_assert_true (g_str_has_suffix (text, "}\n"));

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  root = json_node_get_object (json_parser_get_root (parser));

  /* Exactly the seed's three members, in the seed's order. */
  members = json_object_get_members (root);
  g_assert_cmpuint (g_list_length (members), ==, 3);
  g_assert_cmpstr (g_list_nth_data (members, 0), ==, "target_id");
  g_assert_cmpstr (g_list_nth_data (members, 1), ==, "metrics");
  g_assert_cmpstr (g_list_nth_data (members, 2), ==, "timestamp");
  g_list_free (members);

  g_assert_cmpint (json_node_get_value_type (json_object_get_member (root, "target_id")), ==, G_TYPE_STRING);
  g_assert_cmpstr (json_object_get_string_member (root, "target_id"), ==, "spin");
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (root, "timestamp")), ==, G_TYPE_STRING);
  assert_rfc3339_ms_utc (json_object_get_string_member (root, "timestamp"));
  expected_time = bench_format_timestamp (bench_result_get_timestamp (result));
  g_assert_cmpstr (json_object_get_string_member (root, "timestamp"), ==, expected_time);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "metrics")));
  metrics = json_object_get_object_member (root, "metrics");
  original = bench_result_get_metrics (result);
  g_assert_cmpuint (json_object_get_size (metrics), ==,
                    G_N_ELEMENTS (int_metrics) + G_N_ELEMENTS (double_metrics) + G_N_ELEMENTS (boolean_metrics));
  for (guint i = 0; i < G_N_ELEMENTS (boolean_metrics); i++)
    g_assert_cmpint (json_node_get_value_type (json_object_get_member (metrics, boolean_metrics[i])), ==,
                     G_TYPE_BOOLEAN);
  for (guint i = 0; i < G_N_ELEMENTS (int_metrics); i++)
    {
      JsonNode *node = json_object_get_member (metrics, int_metrics[i]);

      g_test_message ("int metric %s", int_metrics[i]);
      g_assert_nonnull (node);
      g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_INT64);
      g_assert_cmpint (json_node_get_int (node), >=, 0);
      g_assert_cmpint (json_node_get_int (node), ==, json_object_get_int_member (original, int_metrics[i]));
    }
  for (guint i = 0; i < G_N_ELEMENTS (double_metrics); i++)
    {
      JsonNode *node = json_object_get_member (metrics, double_metrics[i]);

      g_test_message ("double metric %s", double_metrics[i]);
      g_assert_nonnull (node);
      g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_DOUBLE);
      g_assert_cmpfloat (json_node_get_double (node), ==, json_object_get_double_member (original, double_metrics[i]));
    }
  g_assert_cmpfloat (json_object_get_double_member (metrics, "operations_per_second"), >, 0.0);
  g_assert_cmpint (json_object_get_int_member (metrics, "samples"), >=, 5);

  test_rm_rf (dir);
}

static void
test_rewrite_is_atomic (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *raw = g_build_filename (dir, "raw", NULL);
  g_autoptr(BenchResult) first = measure_spin ();
  g_autoptr(BenchResult) second = measure_spin ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) expected = bench_result_to_json (second);
  g_autofree char *expected_text = json_to_string (expected, TRUE);
  g_autofree char *path = bench_output_result_path (dir, "spin");
  g_autofree char *text = NULL;
  g_auto(GStrv) files = NULL;

  g_assert_true (bench_output_prepare (dir, &error));
  g_assert_true (bench_output_write_result (dir, first, &error));
  g_assert_true (bench_output_write_result (dir, second, &error));
  g_assert_no_error (error);

  /* Replaced in one piece, no temporary file left beside it. */
  text = test_read_file (path);
  g_assert_true (g_str_has_prefix (text, expected_text));
  files = test_list_dir (raw);
  g_assert_cmpstrv (files, ((const char * const[]) { "spin.json", NULL }));

  test_rm_rf (dir);
}

/* A failure is written too, so that raw/ describes the whole run. */
static void
test_failure_written (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autoptr(GError) cause = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "broken");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(BenchResult) failure = bench_result_new_failure ("spin", cause, now);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;
  BenchResult *back;

  g_assert_true (bench_output_prepare (dir, &error));
  g_assert_true (bench_output_write_result (dir, failure, &error));
  g_assert_no_error (error);
  loaded = bench_output_load (dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 1);
  back = g_ptr_array_index (loaded, 0);
  g_assert_false (bench_result_is_success (back));
  g_assert_cmpstr (bench_result_get_error (back)->message, ==, "broken");

  test_rm_rf (dir);
}

static void
test_round_trip (void)
{
  g_autoptr(BenchResult) result = measure_spin ();
  g_autoptr(GError) cause = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "it broke\nbadly");
  g_autoptr(BenchResult) failure = bench_result_new_failure ("other", cause, NULL);
  g_autoptr(JsonNode) node = bench_result_to_json (result);
  g_autoptr(JsonNode) failure_node = bench_result_to_json (failure);
  g_autoptr(BenchResult) back = NULL;
  g_autoptr(BenchResult) failure_back = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) metrics = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) metrics_back = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *time = NULL;
  g_autofree char *time_back = NULL;

  back = bench_result_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_true (bench_result_is_success (back));
  g_assert_cmpstr (bench_result_get_target_id (back), ==, "spin");
  json_node_set_object (metrics, bench_result_get_metrics (result));
  json_node_set_object (metrics_back, bench_result_get_metrics (back));
  g_assert_true (json_node_equal (metrics, metrics_back));
  time = bench_format_timestamp (bench_result_get_timestamp (result));
  time_back = bench_format_timestamp (bench_result_get_timestamp (back));
  g_assert_cmpstr (time, ==, time_back);
  /* Samples stay in memory only; the stored spread stands in for them. */
  g_assert_null (bench_result_get_samples (back, NULL));
  g_assert_cmpfloat (bench_result_get_spread (back), ==, bench_result_get_spread (result));

  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (failure_node), "error"), ==,
                   "it broke\nbadly");
  failure_back = bench_result_from_json (failure_node, &error);
  g_assert_no_error (error);
  g_assert_false (bench_result_is_success (failure_back));
  g_assert_cmpstr (bench_result_get_error (failure_back)->message, ==, "it broke\nbadly");
}

/* The seed's own example, as an older cost-ops run wrote it. */
static const char seed_example[] =
  "{\n"
  "  \"target_id\": \"cost_calculator\",\n"
  "  \"metrics\": {\n"
  "    \"operations_per_second\": 125000.0,\n"
  "    \"avg_duration_ns\": 8000,\n"
  "    \"total_iterations\": 10000\n"
  "  },\n"
  "  \"timestamp\": \"2025-12-02T12:34:56.789Z\"\n"
  "}\n";

static void
test_reads_seed_format (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (seed_example, &error);
  g_autoptr(BenchResult) result = NULL;
  GDateTime *time;

  g_assert_no_error (error);
  result = bench_result_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bench_result_get_target_id (result), ==, "cost_calculator");
  g_assert_cmpfloat (bench_result_get_ops_per_second (result), ==, 125000.0);
  g_assert_cmpfloat (bench_result_get_avg_duration_ns (result), ==, 8000.0);
  /* Figures the seed did not have read as 0, never as garbage. */
  g_assert_cmpfloat (bench_result_get_median_duration_ns (result), ==, 0.0);
  g_assert_cmpfloat (bench_result_get_spread (result), ==, 0.0);
  g_assert_false (bench_result_is_unstable (result));

  time = bench_result_get_timestamp (result);
  g_assert_cmpint (g_date_time_get_year (time), ==, 2025);
  g_assert_cmpint (g_date_time_get_second (time), ==, 56);
  g_assert_cmpint (g_date_time_get_microsecond (time), ==, 789000);
}

static void
test_rejects_bad_results (void)
{
  struct {
    const char *json;
    const char *message_part;
  } cases[] = {
    { "[]", "JSON object" },
    { "{\"metrics\": {}, \"timestamp\": \"2025-12-02T12:34:56.789Z\"}", "“target_id”" },
    { "{\"target_id\": 5, \"metrics\": {}, \"timestamp\": \"2025-12-02T12:34:56.789Z\"}", "“target_id”" },
    { "{\"target_id\": \"Bad-Id\", \"metrics\": {}, \"timestamp\": \"2025-12-02T12:34:56.789Z\"}", "“Bad-Id”" },
    { "{\"target_id\": \"a\", \"metrics\": {}}", "“timestamp”" },
    { "{\"target_id\": \"a\", \"metrics\": {}, \"timestamp\": \"yesterday\"}", "yesterday" },
    { "{\"target_id\": \"a\", \"timestamp\": \"2025-12-02T12:34:56.789Z\"}", "“metrics”" },
    { "{\"target_id\": \"a\", \"metrics\": [], \"timestamp\": \"2025-12-02T12:34:56.789Z\"}", "“metrics”" },
    { "{\"target_id\": \"a\", \"metrics\": {\"avg_duration_ns\": 1, \"total_iterations\": 1},"
      " \"timestamp\": \"2025-12-02T12:34:56.789Z\"}", "“operations_per_second”" },
    { "{\"target_id\": \"a\", \"metrics\": {\"operations_per_second\": \"fast\", \"avg_duration_ns\": 1,"
      " \"total_iterations\": 1}, \"timestamp\": \"2025-12-02T12:34:56.789Z\"}", "“operations_per_second”" },
    { "{\"target_id\": \"a\", \"error\": 3, \"timestamp\": \"2025-12-02T12:34:56.789Z\"}", "“error”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = json_from_string (cases[i].json, &error);
      g_autoptr(BenchResult) result = NULL;

      g_assert_no_error (error);
      result = bench_result_from_json (node, &error);
      g_assert_null (result);
      g_assert_error (error, BENCH_ERROR, BENCH_ERROR_INVALID_RESULT);
      g_test_message ("%s → %s", cases[i].json, error->message);
      g_assert_nonnull (strstr (error->message, cases[i].message_part));
    }
}

static void
test_load (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *raw = g_build_filename (dir, "raw", NULL);
  g_autoptr(BenchResult) spin = measure_spin ();
  g_autoptr(GPtrArray) skipped = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  struct { const char *name; const char *contents; } files[] = {
    { "cost_calculator.json", seed_example },
    { "broken.json", "{ \"target_id\": " },
    { "wrong_name.json", seed_example },
    { "not_result.json", "{\"target_id\": \"not_result\"}" },
    { ".gitkeep", "" },
    { "spin.json.X1Y2Z3", "{ half a temporary file" },
    { "notes.txt", "ignored" },
  };

  g_assert_true (bench_output_prepare (dir, &error));
  g_assert_true (bench_output_write_result (dir, spin, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (raw, files[i].name, NULL);

      test_write_file (path, files[i].contents);
    }

  results = bench_output_load (dir, skipped, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 2);
  g_assert_cmpstr (bench_result_get_target_id (g_ptr_array_index (results, 0)), ==, "cost_calculator");
  g_assert_cmpstr (bench_result_get_target_id (g_ptr_array_index (results, 1)), ==, "spin");
  g_assert_cmpfloat (bench_result_get_ops_per_second (g_ptr_array_index (results, 1)), ==,
                     bench_result_get_ops_per_second (spin));

  g_assert_cmpuint (skipped->len, ==, 3);
  {
    gboolean broken = FALSE, wrong = FALSE, not_result = FALSE;

    for (guint i = 0; i < skipped->len; i++)
      {
        const char *line = g_ptr_array_index (skipped, i);

        g_test_message ("skipped %s", line);
        broken |= g_str_has_prefix (line, "broken.json: ");
        wrong |= g_str_has_prefix (line, "wrong_name.json: ") && strstr (line, "cost_calculator") != NULL;
        not_result |= g_str_has_prefix (line, "not_result.json: ") && strstr (line, "“timestamp”") != NULL;
      }
    g_assert_true (broken && wrong && not_result);
  }

  /* NULL for @skipped is allowed. */
  g_clear_pointer (&results, g_ptr_array_unref);
  results = bench_output_load (dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 2);

  test_rm_rf (dir);
}

/* Load Results in the app: every damaged raw file is skipped with its name
 * and the reason; none crashes (an empty file did), hangs (a FIFO) or is
 * read without end (a device). */
static void
test_load_damaged (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *raw = g_build_filename (dir, "raw", NULL);
  g_autofree char *deep = g_strnfill (100000, '{');
  g_autoptr(GPtrArray) skipped = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  struct { const char *name; const char *contents; const char *reason; } files[] = {
    { "cost_calculator.json", seed_example, NULL },
    { "empty.json", "", "empty" },
    { "blank.json", " \n\t\n", "only whitespace" },
    { "deep.json", deep, "nested deeper than 64 levels" },
    { "array.json", "[]", "must be a JSON object" },
    { "types.json", "{\"target_id\": 1, \"metrics\": \"x\"}", "“target_id” is missing or not a string" },
    { "metrics.json", "{\"target_id\": \"metrics\", \"timestamp\": \"2025-12-02T12:34:56Z\", \"metrics\": 5}",
      "“metrics” is missing or not an object" },
    { "infinite.json", "{\"target_id\": \"infinite\", \"timestamp\": \"2025-12-02T12:34:56Z\", \"metrics\": "
      "{\"operations_per_second\": 1e400, \"avg_duration_ns\": 1, \"total_iterations\": 1}}", "out of range" },
    { "huge.json", "{\"target_id\": \"huge\", \"timestamp\": \"2025-12-02T12:34:56Z\", \"metrics\": "
      "{\"operations_per_second\": 1, \"avg_duration_ns\": 1, \"total_iterations\": 99999999999999999999}}",
      "“total_iterations”: 99999999999999999999 is too large" },
    { "early.json", "{\"target_id\": \"early\", \"timestamp\": \"0001-01-01T00:00:00+12:00\", \"metrics\": "
      "{\"operations_per_second\": 1, \"avg_duration_ns\": 1, \"total_iterations\": 1}}", "out of range in UTC" },
    { "fifo.json", NULL, "FIFO" },
    { "random.json", NULL, "character device" },
  };

  g_assert_true (bench_output_prepare (dir, &error));
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_free (path);
      path = g_build_filename (raw, files[i].name, NULL);
      if (files[i].contents != NULL)
        test_write_file (path, files[i].contents);
    }
  g_free (path);
  path = g_build_filename (raw, "fifo.json", NULL);
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  g_free (path);
  path = g_build_filename (raw, "random.json", NULL);
  g_assert_cmpint (symlink ("/dev/urandom", path), ==, 0);

  results = bench_output_load (dir, skipped, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 1);
  g_assert_cmpstr (bench_result_get_target_id (g_ptr_array_index (results, 0)), ==, "cost_calculator");
  g_assert_cmpuint (skipped->len, ==, G_N_ELEMENTS (files) - 1);
  for (guint i = 1; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *prefix = g_strconcat (files[i].name, ": ", NULL);
      const char *line = NULL;

      for (guint j = 0; j < skipped->len && line == NULL; j++)
        if (g_str_has_prefix (g_ptr_array_index (skipped, j), prefix))
          line = g_ptr_array_index (skipped, j);
      if (line == NULL)
        g_error ("%s was not skipped", files[i].name);
      g_test_message ("skipped %s", line);
      if (strstr (line, files[i].reason) == NULL)
        g_error ("“%s” lacks “%s”", line, files[i].reason);
    }

  test_rm_rf (dir);
}

static void
test_load_missing (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = bench_output_load (dir, NULL, &error);

  g_assert_null (results);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  test_rm_rf (dir);
}

static void
test_prepare_creates (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "a", "b", "output", NULL);
  g_autofree char *raw = g_build_filename (out, "raw", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) top = NULL;
  g_auto(GStrv) inside = NULL;
  g_auto(GStrv) in_raw = NULL;

  g_assert_true (bench_output_prepare (out, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (raw, G_FILE_TEST_IS_DIR));
  /* The probe files are gone. */
  inside = test_list_dir (out);
  g_assert_cmpstrv (inside, ((const char * const[]) { "raw", NULL }));
  in_raw = test_list_dir (raw);
  g_assert_cmpstrv (in_raw, ((const char * const[]) { NULL }));

  /* Again on the existing tree: fine, and still nothing added. */
  g_assert_true (bench_output_prepare (out, &error));
  g_assert_no_error (error);
  g_clear_pointer (&inside, g_strfreev);
  inside = test_list_dir (out);
  g_assert_cmpstrv (inside, ((const char * const[]) { "raw", NULL }));

  top = test_list_dir (dir);
  g_assert_cmpstrv (top, ((const char * const[]) { "a", NULL }));
  test_rm_rf (dir);
}

static void
test_prepare_refuses (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *file = g_build_filename (dir, "file", NULL);
  g_autofree char *under_file = g_build_filename (file, "out", NULL);
  g_autofree char *raw_file_dir = g_build_filename (dir, "rawfile", NULL);
  g_autofree char *raw_file = g_build_filename (raw_file_dir, "raw", NULL);
  g_autofree char *long_name = g_strnfill (300, 'x');
  g_autofree char *too_long = g_build_filename (dir, "new", long_name, NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *paths[] = { file, under_file, raw_file_dir, "" };
  g_auto(GStrv) names = NULL;
  g_autoptr(GError) long_error = NULL;

  test_write_file (file, "a file");
  g_assert_cmpint (g_mkdir (raw_file_dir, 0755), ==, 0);
  test_write_file (raw_file, "raw is a file here");
  before = test_snapshot_tree (dir);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (bench_output_prepare (paths[i], &error));
      g_assert_error (error, BENCH_ERROR, BENCH_ERROR_OUTPUT_NOT_WRITABLE);
      g_test_message ("%s", error->message);
    }

  /* Nothing created, nothing changed. */
  after = test_snapshot_tree (dir);
  g_assert_cmpstr (before, ==, after);

  /* "new" is made before the name below it turns out too long; it is
   * removed again. */
  g_assert_false (bench_output_prepare (too_long, &long_error));
  g_assert_error (long_error, BENCH_ERROR, BENCH_ERROR_OUTPUT_NOT_WRITABLE);
  names = test_list_dir (dir);
  g_assert_cmpstrv (names, ((const char * const[]) { "file", "rawfile", NULL }));
  test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/results/file", test_result_file);
  g_test_add_func ("/results/rewrite-atomic", test_rewrite_is_atomic);
  g_test_add_func ("/results/failure-written", test_failure_written);
  g_test_add_func ("/results/round-trip", test_round_trip);
  g_test_add_func ("/results/seed-format", test_reads_seed_format);
  g_test_add_func ("/results/rejects-bad", test_rejects_bad_results);
  g_test_add_func ("/results/load", test_load);
  g_test_add_func ("/results/load-missing", test_load_missing);
  g_test_add_func ("/results/load-damaged", test_load_damaged);
  g_test_add_func ("/output/prepare-creates", test_prepare_creates);
  g_test_add_func ("/output/prepare-refuses", test_prepare_refuses);

  return g_test_run ();
}
