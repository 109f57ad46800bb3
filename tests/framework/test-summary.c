/* test-summary.c: summary.md has the seed's table and sections, a header
 * about the machine, the failures with their errors and the unstable
 * results flagged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "bench-error.h"
#include "bench-output.h"
#include "bench-run-comparison.h"
#include "test-util.h"

static BenchResult *
make_success (const char *id,
              double      ops,
              gint64      avg_ns,
              double      spread_of_samples)
{
  g_autoptr(JsonObject) metrics = json_object_new ();
  double samples[20];

  json_object_set_double_member (metrics, "operations_per_second", ops);
  json_object_set_int_member (metrics, "avg_duration_ns", avg_ns);
  json_object_set_int_member (metrics, "total_iterations", 10000);
  json_object_set_int_member (metrics, "records_per_operation", 1000);
  /* Evenly spaced samples: p95 - p5 is 0.9 of the range, the median its
   * middle, so the spread is known in advance. */
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    samples[i] = (double) avg_ns * (1.0 + spread_of_samples / 0.9 * ((double) i / 19.0 - 0.5));
  return bench_result_new_success (id, metrics, NULL, samples, G_N_ELEMENTS (samples));
}

static GPtrArray *
make_results (void)
{
  GPtrArray *results = g_ptr_array_new_with_free_func ((GDestroyNotify) bench_result_unref);
  g_autoptr(GError) failure = g_error_new_literal (BENCH_ERROR, BENCH_ERROR_TARGET_FAILED,
                                                    "bad | input\non two lines");

  g_ptr_array_add (results, make_success ("cost_calculator", 25123456.0, 40, 0.02));
  g_ptr_array_add (results, bench_result_new_failure ("forecasting", failure, NULL));
  g_ptr_array_add (results, make_success ("aggregator", 61234.7, 16331, 0.25));
  return results;
}

/* The lines after the line @first (blank lines right after it skipped) up
 * to the next blank line. */
static GStrv
block_after (GStrv       lines,
             const char *first)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint i = 0;

  while (lines[i] != NULL && strcmp (lines[i], first) != 0)
    i++;
  g_assert_nonnull (lines[i]);
  for (i++; lines[i] != NULL && lines[i][0] == '\0'; i++)
    ;
  for (; lines[i] != NULL && lines[i][0] != '\0'; i++)
    g_strv_builder_add (builder, lines[i]);
  return g_strv_builder_end (builder);
}

static void
assert_structure (const char *text,
                  GPtrArray  *results)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_auto(GStrv) header = NULL;
  g_auto(GStrv) table = NULL;
  g_auto(GStrv) failed = NULL;
  g_autofree char *host_line = g_strdup_printf ("- Host: %s", g_get_host_name ());
  const char *generated;

  g_assert_cmpstr (lines[0], ==, "# Benchmark Summary");

  header = block_after (lines, "# Benchmark Summary");
  g_assert_cmpuint (g_strv_length (header), >=, 5);
  g_assert_true (g_str_has_prefix (header[0], "- Generated: "));
  generated = header[0] + strlen ("- Generated: ");
  g_assert_true (g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$",
                                       generated, 0, 0));
  g_assert_true (g_strv_contains ((const char * const *) header, host_line));
  g_assert_true (g_str_has_prefix (header[2], "- CPU: "));
  g_assert_nonnull (strstr (text, "\n- Compiler: "));
  g_assert_nonnull (strstr (text, "\n- Build type: "));

  /* The seed's table, one row per result in run order. */
  table = block_after (lines, "## Results");
  g_assert_cmpuint (g_strv_length (table), ==, 2 + results->len);
  g_assert_cmpstr (table[0], ==, "| Target | Operations/sec | Avg Duration (ns) | Notes |");
  g_assert_cmpstr (table[1], ==, "|--------|----------------|-------------------|-------|");
  g_assert_cmpstr (table[2], ==, "| cost_calculator | 25123456 | 40 | - |");
  g_assert_cmpstr (table[3], ==, "| forecasting | - | - | failed: bad \\| input on two lines |");
  g_assert_cmpstr (table[4], ==, "| aggregator | 61235 | 16331 | unstable: spread 25.0% between samples |");

  failed = block_after (lines, "## Failed targets");
  g_assert_cmpuint (g_strv_length (failed), ==, 1);
  g_assert_cmpstr (failed[0], ==, "- `forecasting`: bad | input on two lines");

  /* One section per success with its metrics as a JSON block that parses
   * back to exactly the result's metrics. */
  g_assert_null (strstr (text, "### forecasting"));
  for (guint r = 0; r < results->len; r++)
    {
      BenchResult *result = g_ptr_array_index (results, r);
      g_autofree char *heading = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) parsed = NULL;
      g_autoptr(JsonNode) expected = NULL;
      g_autoptr(GString) json = g_string_new (NULL);
      guint i = 0;

      if (!bench_result_is_success (result))
        continue;
      heading = g_strdup_printf ("### %s", bench_result_get_target_id (result));
      while (lines[i] != NULL && strcmp (lines[i], heading) != 0)
        i++;
      g_assert_nonnull (lines[i]);
      g_assert_cmpstr (lines[i + 1], ==, "```json");
      for (i += 2; lines[i] != NULL && strcmp (lines[i], "```") != 0; i++)
        g_string_append_printf (json, "%s\n", lines[i]);
      g_assert_nonnull (lines[i]);

      parsed = json_from_string (json->str, &error);
      g_assert_no_error (error);
      expected = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (expected, bench_result_get_metrics (result));
      g_assert_true (json_node_equal (parsed, expected));
    }
}

static void
test_render (void)
{
  g_autoptr(GPtrArray) results = make_results ();
  g_autofree char *text = bench_summary_render (results);

  g_test_message ("%s", text);
  assert_structure (text, results);
}

static void
test_notes (void)
{
  g_autoptr(BenchResult) stable = make_success ("a", 1000.0, 1000, 0.05);
  g_autoptr(BenchResult) unstable = make_success ("b", 1000.0, 1000, 0.15);
  g_autofree char *stable_notes = bench_result_dup_notes (stable);
  g_autofree char *unstable_notes = bench_result_dup_notes (unstable);

  g_assert_cmpfloat_with_epsilon (bench_result_get_spread (stable), 0.05, 1e-9);
  g_assert_cmpfloat_with_epsilon (bench_result_get_spread (unstable), 0.15, 1e-9);
  g_assert_false (bench_result_is_unstable (stable));
  g_assert_true (bench_result_is_unstable (unstable));
  g_assert_cmpstr (stable_notes, ==, "-");
  g_assert_cmpstr (unstable_notes, ==, "unstable: spread 15.0% between samples");
}

static void
test_write (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *summary_path = g_build_filename (dir, "summary.md", NULL);
  g_autofree char *export_path = g_build_filename (dir, "exported.md", NULL);
  g_autofree char *missing = g_build_filename (dir, "no", "such", "dir.md", NULL);
  g_autoptr(GPtrArray) results = make_results ();
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  g_autofree char *exported = NULL;
  g_auto(GStrv) names = NULL;

  g_assert_true (bench_output_write_summary (dir, results, &error));
  g_assert_no_error (error);
  written = test_read_file (summary_path);
  assert_structure (written, results);

  g_assert_true (bench_summary_write_to (export_path, results, &error));
  g_assert_no_error (error);
  exported = test_read_file (export_path);
  assert_structure (exported, results);

  g_assert_false (bench_summary_write_to (missing, results, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);

  names = test_list_dir (dir);
  g_assert_cmpstrv (names, ((const char * const[]) { "exported.md", "summary.md", NULL }));
  test_rm_rf (dir);
}

static BenchResult *
result_with_samples (const char *id,
                     double      centre_ns)
{
  g_autoptr(JsonObject) metrics = json_object_new ();
  double samples[20];

  json_object_set_double_member (metrics, "operations_per_second", 1e9 / centre_ns);
  json_object_set_int_member (metrics, "avg_duration_ns", (gint64) centre_ns);
  json_object_set_int_member (metrics, "total_iterations", 1000);
  /* ±0.5% around the centre: a 30% change is far beyond the noise. */
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    samples[i] = centre_ns * (1.0 + 0.01 * ((double) i / 19.0 - 0.5));
  return bench_result_new_success (id, metrics, NULL, samples, G_N_ELEMENTS (samples));
}

static BenchRunRecord *
make_record (const char *run_id,
             const char *environment_json,
             double      scale)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) bench_result_unref);
  g_autoptr(JsonNode) environment = json_from_string (environment_json, NULL);
  g_autoptr(GDateTime) started = g_date_time_new_utc (2026, 1, 2, 3, 4, 5.678);
  g_autoptr(GError) failure = g_error_new_literal (BENCH_ERROR, BENCH_ERROR_TARGET_FAILED, "broke");

  g_ptr_array_add (results, result_with_samples ("steady", 100.0));
  g_ptr_array_add (results, result_with_samples ("slower", 100.0 * scale));
  g_ptr_array_add (results, result_with_samples ("faster", 100.0 / scale));
  if (scale > 1.0)
    {
      g_ptr_array_add (results, bench_result_new_failure ("broken", failure, NULL));
      g_ptr_array_add (results, result_with_samples ("added", 50.0));
    }
  else
    g_ptr_array_add (results, result_with_samples ("broken", 10.0));
  return bench_run_record_new (run_id, started, json_node_get_object (environment), results);
}

/* A recorded run: its own environment in the header (not this machine's),
 * the warnings it deserves and the comparison table. */
static void
test_render_run (void)
{
  g_autoptr(BenchRunRecord) baseline =
    make_record ("base0001", "{\"hostname\": \"old-box\", \"cpu_model\": \"CPU A\", "
                 "\"logical_cores\": 2, \"build_type\": \"release\"}", 1.0);
  g_autoptr(BenchRunRecord) current =
    make_record ("curr0002", "{\"hostname\": \"new-box\", \"cpu_model\": \"CPU A\", "
                 "\"logical_cores\": 2, \"build_type\": \"debug\", \"compiler_flags\": \"-O0\", "
                 "\"cpu_governor\": \"powersave\", \"load_average\": [1.5, 1, 1], "
                 "\"libraries\": {\"GLib\": \"2.74.6\", \"GTK\": \"4.8.3\"}}", 1.3);
  g_autoptr(BenchRunComparison) comparison =
    bench_run_comparison_new (baseline, current, BENCH_COMPARE_DEFAULT_NOISE);
  g_autofree char *text = bench_summary_render_run (current, comparison);
  g_autofree char *plain = bench_summary_render_run (current, NULL);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_auto(GStrv) header = NULL;
  g_auto(GStrv) warnings = NULL;
  g_auto(GStrv) table = NULL;

  g_test_message ("%s", text);
  header = block_after (lines, "# Benchmark Summary");
  g_assert_cmpstr (header[1], ==, "- Host: new-box");
  g_assert_true (g_strv_contains ((const char * const *) header, "- Run: curr0002, started 2026-01-02T03:04:05.678Z"));
  g_assert_true (g_strv_contains ((const char * const *) header, "- Build type: debug"));
  g_assert_true (g_strv_contains ((const char * const *) header, "- Libraries: GLib 2.74.6, GTK 4.8.3"));
  g_assert_true (g_strv_contains ((const char * const *) header, "- Load average at start: 1.50, 1.00, 1.00 (1, 5, 15 min)"));

  warnings = block_after (lines, "## Warnings");
  g_assert_cmpuint (g_strv_length (warnings), ==, 3);
  g_assert_nonnull (strstr (warnings[0], "powersave"));
  g_assert_nonnull (strstr (warnings[1], "1.50"));
  g_assert_nonnull (strstr (warnings[2], "debug"));

  table = block_after (lines, "| Target | Baseline | Current | Change | Verdict |");
  g_assert_cmpuint (g_strv_length (table), ==, 6);
  g_assert_cmpstr (table[0], ==, "|--------|----------|---------|--------|---------|");
  /* Another machine: the statistics are shown, the verdicts are not to be
   * trusted, and each says why. */
#define UNRELIABLE " \\| unreliable: the baseline comes from another machine or build \\(host name: .*\\) \\|$"
  g_assert_true (g_regex_match_simple ("^\\| steady \\| 100.0 ns \\| 100.0 ns \\| \\+0.00% \\[.*\\], p = [0-9.e-]+" UNRELIABLE, table[1], 0, 0));
  g_assert_true (g_regex_match_simple ("^\\| slower \\| 100.0 ns \\| 130.0 ns \\| \\+30.00% \\[\\+.*\\], p = [0-9.e-]+" UNRELIABLE, table[2], 0, 0));
  g_assert_true (g_regex_match_simple ("^\\| faster \\| 100.0 ns \\| 76.92 ns \\| -23.08% \\[-.*\\], p = [0-9.e-]+" UNRELIABLE, table[3], 0, 0));
#undef UNRELIABLE
  g_assert_cmpstr (table[4], ==, "| broken | - | - | - | not compared: failed in this run |");
  g_assert_cmpstr (table[5], ==, "| added | - | - | - | not compared: not in the baseline |");
  /* Another host: said before the table. */
  g_assert_nonnull (strstr (text, "> **Warning:** the baseline comes from a different machine or build "
                                  "(host name: old-box → new-box; build type: release → debug)"));
  g_assert_nonnull (strstr (text, "Baseline: run base0001, started 2026-01-02T03:04:05.678Z on old-box"));

  /* The seed's parts are all still there, comparison or not. */
  g_assert_nonnull (strstr (text, "\n| Target | Operations/sec | Avg Duration (ns) | Notes |\n"));
  g_assert_nonnull (strstr (text, "\n- `broken`: broke\n"));
  g_assert_nonnull (strstr (text, "\n### added\n```json\n"));
  g_assert_null (strstr (plain, "## Comparison"));
  g_assert_nonnull (strstr (plain, "## Warnings"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/summary/render", test_render);
  g_test_add_func ("/summary/notes", test_notes);
  g_test_add_func ("/summary/write", test_write);
  g_test_add_func ("/summary/run-with-comparison", test_render_run);

  return g_test_run ();
}
