/* test-run-history.c: every run, as the app and the CLI start it, leaves
 * its environment in each raw file and one record with every sample in
 * <output>/history/; a cancelled run leaves none, and an output whose
 * history cannot be written runs nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <string.h>

#include "bench-error.h"
#include "bench-output.h"
#include "bench-runner.h"
#include "test-targets.h"
#include "test-util.h"

static JsonObject *
load_raw (const char *dir,
          const char *id,
          JsonNode  **root)
{
  g_autofree char *path = bench_output_result_path (dir, id);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  *root = json_node_copy (json_parser_get_root (parser));
  return json_node_get_object (*root);
}

static void
test_run_appends_history (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *summary_path = g_build_filename (dir, "summary.md", NULL);
  g_autofree char *summary = NULL;
  g_autofree char *run_line = NULL;
  g_autoptr(GPtrArray) targets = target_list (&fast_target, &run_fails_target, NULL);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GPtrArray) skipped = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) raw_root = NULL;
  g_auto(GStrv) top = NULL;
  BenchRunRecord *record;
  BenchResult *fast;
  JsonObject *raw;
  JsonObject *environment;
  const double *samples, *stored;
  guint n = 0, n_stored = 0;
  BenchRunOptions options = { 0 };

  reset_counters ();
  short_options (&options);
  results = bench_runner_run (targets, &options, dir, TRUE, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 2);

  top = test_list_dir (dir);
  g_assert_cmpstrv (top, ((const char * const[]) { "history", "raw", "summary.md", NULL }));
  runs = bench_history_list (dir, skipped, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (skipped->len, ==, 0);
  g_assert_cmpuint (runs->len, ==, 1);
  record = g_ptr_array_index (runs, 0);

  /* The seed's three members unchanged, the environment added beside them,
   * naming the run the history holds. */
  raw = load_raw (dir, "fast", &raw_root);
  g_assert_cmpuint (json_object_get_size (raw), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (raw, "target_id"), ==, "fast");
  g_assert_true (json_object_has_member (raw, "metrics"));
  g_assert_true (json_object_has_member (raw, "timestamp"));
  environment = json_object_get_object_member (raw, "environment");
  g_assert_nonnull (environment);
  g_assert_cmpstr (json_object_get_string_member (environment, "run_id"), ==,
                   bench_run_record_get_id (record));
  g_assert_cmpstr (json_object_get_string_member (bench_run_record_get_environment (record), "run_id"),
                   ==, bench_run_record_get_id (record));

  /* Every sample, exactly, and the failure with its message. */
  fast = bench_run_record_lookup (record, "fast");
  samples = bench_result_get_samples (g_ptr_array_index (results, 0), &n);
  stored = bench_result_get_samples (fast, &n_stored);
  g_assert_cmpuint (n, >=, 5);
  g_assert_cmpmem (stored, n_stored * sizeof (double), samples, n * sizeof (double));
  g_assert_false (bench_result_is_success (bench_run_record_lookup (record, "run_fails")));
  /* The result in memory carries the timestamp its files keep (milliseconds),
   * so the app can tell which history run the results it shows come from. */
  g_assert_true (g_date_time_equal (bench_result_get_timestamp (fast),
                                    bench_result_get_timestamp (g_ptr_array_index (results, 0))));
  g_assert_true (g_date_time_equal (bench_result_get_timestamp (bench_run_record_lookup (record, "run_fails")),
                                    bench_result_get_timestamp (g_ptr_array_index (results, 1))));

  summary = test_read_file (summary_path);
  run_line = g_strdup_printf ("\n- Run: %s, started ", bench_run_record_get_id (record));
  g_assert_nonnull (strstr (summary, run_line));
  g_assert_null (strstr (summary, "## Comparison"));

  /* Without a summary the run is still recorded; a new run, a new id. */
  g_clear_pointer (&results, g_ptr_array_unref);
  g_clear_pointer (&runs, g_ptr_array_unref);
  g_assert_true (g_remove (summary_path) == 0);
  reset_counters ();   /* run_fails counts its batches */
  results = bench_runner_run (targets, &options, dir, FALSE, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_file_test (summary_path, G_FILE_TEST_EXISTS));
  runs = bench_history_list (dir, NULL, &error);
  g_assert_cmpuint (runs->len, ==, 2);
  g_assert_cmpstr (bench_run_record_get_id (g_ptr_array_index (runs, 0)), !=,
                   bench_run_record_get_id (g_ptr_array_index (runs, 1)));

  test_rm_rf (dir);
}

static void
test_cancelled_run_recorded (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autoptr(GPtrArray) targets = target_list (&fast_target, &canceller_target, NULL);
  g_autoptr(BenchRunRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) top = NULL;
  g_autoptr(GPtrArray) results = NULL;
  BenchRunOptions options = { 0 };
  gboolean cancelled = FALSE;

  reset_counters ();
  counters.cancellable = g_cancellable_new ();
  short_options (&options);
  results = bench_runner_run (targets, &options, dir, TRUE, NULL, NULL,
                              counters.cancellable, &cancelled, &error);
  g_assert_no_error (error);
  g_assert_true (cancelled);
  /* What finished is kept, and summary.md and the history say which
   * target did not run. */
  top = test_list_dir (dir);
  g_assert_cmpstrv (top, ((const char * const[]) { "history", "raw", "summary.md", NULL }));
  {
    g_autofree char *summary_file = g_build_filename (dir, "summary.md", NULL);
    g_autofree char *summary = test_read_file (summary_file);
    g_autoptr(GPtrArray) runs = bench_history_list (dir, NULL, &error);
    BenchRunRecord *saved;

    g_assert_no_error (error);
    g_assert_nonnull (strstr (summary, "cancelled"));
    g_assert_nonnull (strstr (summary, "canceller"));
    g_assert_cmpuint (runs->len, ==, 1);
    saved = g_ptr_array_index (runs, 0);
    g_assert_true (bench_run_record_is_cancelled (saved));
    g_assert_cmpstrv (bench_run_record_get_not_run (saved), ((const char * const[]) { "canceller", NULL }));
    g_assert_cmpuint (bench_run_record_get_results (saved)->len, ==, 1);
  }

  /* The record of a cancelled run still holds what finished. */
  reset_counters ();
  counters.cancellable = g_cancellable_new ();
  record = bench_runner_run_record (targets, &options, NULL, NULL, NULL,
                                    counters.cancellable, &cancelled, &error);
  g_assert_no_error (error);
  g_assert_true (cancelled);
  g_assert_cmpuint (bench_run_record_get_results (record)->len, ==, 1);
  reset_counters ();
  test_rm_rf (dir);
}

static void
test_history_not_writable_runs_nothing (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *history = g_build_filename (dir, "history", NULL);
  g_autoptr(GPtrArray) targets = target_list (&fast_target, NULL);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) raw_files = NULL;
  g_autofree char *raw = g_build_filename (dir, "raw", NULL);

  test_write_file (history, "a file where the history folder belongs");
  reset_counters ();
  results = bench_runner_run (targets, NULL, dir, TRUE, NULL, NULL, NULL, NULL, &error);
  g_assert_null (results);
  g_assert_error (error, BENCH_ERROR, BENCH_ERROR_OUTPUT_NOT_WRITABLE);
  g_assert_nonnull (strstr (error->message, history));
  raw_files = test_list_dir (raw);
  g_assert_cmpstrv (raw_files, ((const char * const[]) { NULL }));
  test_rm_rf (dir);
}

/* What the CLI does with --compare-to: a baseline gives summary.md its
 * comparison table, in the order of the run. */
static void
test_save_with_comparison (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autoptr(GPtrArray) targets = target_list (&fast_target, &busy_target, NULL);
  g_autoptr(GPtrArray) first_targets = target_list (&fast_target, NULL);
  g_autoptr(BenchRunRecord) baseline = NULL;
  g_autoptr(BenchRunRecord) current = NULL;
  g_autoptr(BenchRunComparison) comparison = NULL;
  g_autoptr(BenchTransaction) transaction = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary_path = NULL;
  g_autofree char *history_path = NULL;
  g_autofree char *summary = NULL;
  BenchRunOptions options = { 0 };

  short_options (&options);
  baseline = bench_runner_run_record (first_targets, &options, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  transaction = bench_transaction_begin (dir, &error);
  g_assert_no_error (error);
  current = bench_runner_run_record (targets, &options, transaction, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  comparison = bench_run_comparison_new (baseline, current, BENCH_COMPARE_DEFAULT_NOISE);

  g_assert_true (bench_transaction_commit (transaction, current, TRUE, comparison, &summary_path,
                                           &history_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (summary_path, "summary.md"));
  g_assert_true (g_str_has_suffix (history_path, ".json.zst"));
  g_assert_nonnull (strstr (history_path, bench_run_record_get_id (current)));
  summary = test_read_file (summary_path);
  g_assert_nonnull (strstr (summary, "\n## Comparison\n"));
  g_assert_nonnull (strstr (summary, "\n| Target | Baseline | Current | Change | Verdict |\n"));
  g_assert_nonnull (strstr (summary, "\n| fast | "));
  g_assert_nonnull (strstr (summary, "\n| busy | - | - | - | not compared: not in the baseline |\n"));
  test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/run-history/appends", test_run_appends_history);
  g_test_add_func ("/run-history/cancelled-recorded", test_cancelled_run_recorded);
  g_test_add_func ("/run-history/not-writable", test_history_not_writable_runs_nothing);
  g_test_add_func ("/run-history/save-with-comparison", test_save_with_comparison);

  return g_test_run ();
}
