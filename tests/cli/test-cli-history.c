/* test-cli-history.c: `cost-ops` end to end for what keeps runs comparable
 * over time: the history every run appends to, `history` (listing, --keep,
 * damaged files), `compare` and `run --compare-to` with their verdicts and
 * exit status 3 under --fail-on-regression, Google Benchmark JSON and CSV
 * export, and the environment in each raw result.
 *
 * Real runs use --quick and a cheap product target. Verdicts that must come
 * out a certain way are made certain with run records written through the
 * library (samples far slower or faster than anything measurable) rather
 * than by hoping the machine is quiet.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "git-version.h"

#include <glib/gstdio.h>
#include <string.h>

#include "bench-environment.h"
#include "bench-history.h"
#include "bench-targets.h"
#include "cli-test-run.h"
#include "costops-compress.h"
#include "test-util.h"

#define TARGET "cost_calculator"

/* Run ids in the history of @dir, oldest first, from the file names. */
static GStrv
history_ids (const char *dir)
{
  g_autofree char *history = g_build_filename (dir, "history", NULL);
  g_auto(GStrv) names = test_list_dir (history);
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GError) error = NULL;

  if (names == NULL)
    return g_strv_builder_end (ids);
  runs = bench_history_list (dir, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < runs->len; i++)
    g_strv_builder_add (ids, bench_run_record_get_id (g_ptr_array_index (runs, i)));
  return g_strv_builder_end (ids);
}

/* A run record with @n samples of about @ns_per_op for @target_id. */
static void
write_record (const char *dir,
              const char *run_id,
              int         minutes_ago,
              const char *host,
              const char *target_id,
              double      ns_per_op,
              guint       n)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) bench_result_unref);
  g_autoptr(JsonObject) environment = json_object_new ();
  g_autoptr(JsonObject) metrics = json_object_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) started = g_date_time_add_minutes (now, -minutes_ago);
  g_autoptr(BenchRunRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree double *samples = g_new (double, n);

  for (guint i = 0; i < n; i++)
    samples[i] = ns_per_op * (1.0 + 0.001 * i);
  json_object_set_double_member (metrics, "operations_per_second", 1e9 / ns_per_op);
  json_object_set_int_member (metrics, "avg_duration_ns", (gint64) ns_per_op);
  json_object_set_int_member (metrics, "total_iterations", 1000 * n);
  g_ptr_array_add (results, bench_result_new_success (target_id, metrics, started, samples, n));

  json_object_set_string_member (environment, "hostname", host);
  /* This machine, as a run here records it: verdicts against another
   * machine are unreliable. */
  {
    g_autoptr(BenchEnvironment) here = bench_environment_collect ();

    json_object_set_string_member (environment, "cpu_model", here->cpu_model);
    json_object_set_int_member (environment, "logical_cores", here->n_cpus);
  }
  json_object_set_string_member (environment, "build_type", BUILD_TYPE);
  json_object_set_string_member (environment, "run_id", run_id);
  record = bench_run_record_new (run_id, started, environment, results);
  g_assert_true (bench_history_append (dir, record, NULL, &error));
  g_assert_no_error (error);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

/* The comparison line of @target in printed output, e.g.
 * "  cost_calculator  15.52 ns  17.25 ns  +11.11%  … no change". */
static gboolean
has_verdict_line (const char *out,
                  const char *target,
                  const char *verdict)
{
  g_autofree char *pattern = g_strdup_printf ("^  %s  .* ns .*  %s$", target, verdict);

  return g_regex_match_simple (pattern, out, G_REGEX_MULTILINE, 0);
}

static void
assert_raw_environment (const char *dir,
                        const char *run_id)
{
  g_autofree char *path = g_build_filename (dir, "raw", TARGET ".json", NULL);
  g_autofree char *text = test_read_file (path);
  g_autoptr(JsonNode) root = parse_json (text);
  JsonObject *object = json_node_get_object (root);
  JsonObject *environment;
  JsonNode *load;

  /* The seed's three, as they were, and one more. */
  g_assert_cmpuint (json_object_get_size (object), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (object, "target_id"), ==, TARGET);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "metrics")));
  g_assert_true (g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\\.[0-9]{3}Z$",
                                       json_object_get_string_member (object, "timestamp"), 0, 0));
  environment = json_object_get_object_member (object, "environment");
  g_assert_nonnull (environment);
  g_assert_cmpstr (json_object_get_string_member (environment, "run_id"), ==, run_id);
  g_assert_cmpstr (json_object_get_string_member (environment, "hostname"), ==, g_get_host_name ());
  g_assert_cmpint (json_object_get_int_member (environment, "logical_cores"), ==, g_get_num_processors ());
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (environment, "memory_total_bytes")),
                   ==, G_TYPE_INT64);
  g_assert_cmpstr (json_object_get_string_member (environment, "build_type"), ==, BUILD_TYPE);
  g_assert_cmpstr (json_object_get_string_member (environment, "git_commit"), ==, GIT_COMMIT);
  g_assert_cmpstr (json_object_get_string_member (environment, "app_version"), ==, PACKAGE_VERSION);
  g_assert_true (json_object_has_member (json_object_get_object_member (environment, "libraries"), "SQLite"));
  g_assert_false (json_object_has_member (json_object_get_object_member (environment, "libraries"), "GTK"));
  load = json_object_get_member (environment, "load_average");
  g_assert_true (JSON_NODE_HOLDS_NULL (load) ||
                 json_array_get_length (json_node_get_array (load)) == 3);
}

static void
test_runs_recorded_and_compared (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *summary_path = g_build_filename (dir, "summary.md", NULL);
  g_autofree char *summary = NULL;
  g_autofree char *compared_line = NULL;
  g_autofree char *run_line = NULL;
  g_auto(GStrv) ids = NULL;
  g_auto(CliRun) first = { 0 };
  g_auto(CliRun) second = { 0 };
  g_auto(CliRun) compare = { 0 };
  g_auto(CliRun) history = { 0 };
  g_auto(CliRun) csv = { 0 };
  g_auto(CliRun) gbench = { 0 };
  g_autoptr(JsonNode) gbench_root = NULL;
  g_auto(GStrv) csv_lines = NULL;
  JsonArray *benchmarks;
  JsonObject *gbench_row;

  /* An empty history: nothing to compare with yet, which is no error. */
  run_cli (&first, NULL, "run", "--quick", "--targets", TARGET, "--output", dir,
           "--compare-to", "latest", NULL);
  g_assert_cmpint (first.status, ==, 0);
  g_assert_nonnull (strstr (first.out, "No earlier run to compare with"));
  ids = history_ids (dir);
  g_assert_cmpuint (g_strv_length (ids), ==, 1);
  assert_raw_environment (dir, ids[0]);

  /* "latest" is the run before this one, never this one. */
  run_cli (&second, NULL, "run", "--quick", "--targets", TARGET, "--output", dir,
           "--compare-to", "latest", NULL);
  g_assert_cmpint (second.status, ==, 0);
  compared_line = g_strdup_printf ("Compared with run %s (started ", ids[0]);
  g_assert_nonnull (strstr (second.out, compared_line));
  g_assert_true (has_verdict_line (second.out, TARGET, "(no change|regressed|improved|unreliable)"));
  g_assert_true (g_str_has_suffix (second.out, "summary.md\n"));
  g_clear_pointer (&ids, g_strfreev);
  ids = history_ids (dir);
  g_assert_cmpuint (g_strv_length (ids), ==, 2);
  g_assert_cmpstr (ids[0], !=, ids[1]);
  assert_raw_environment (dir, ids[1]);

  summary = test_read_file (summary_path);
  g_assert_nonnull (strstr (summary, "\n| Target | Operations/sec | Avg Duration (ns) | Notes |\n"));
  g_assert_nonnull (strstr (summary, "\n| Target | Baseline | Current | Change | Verdict |\n"));
  g_assert_true (g_regex_match_simple ("^\\| " TARGET " \\| [0-9.]+ ns \\| [0-9.]+ ns \\| [-+][0-9.]+% \\[.*\\], p = .* \\| (no change|improved|regressed(: confirmed .*)?|unreliable: .*) \\|$",
                                       summary, G_REGEX_MULTILINE, 0));
  run_line = g_strdup_printf ("\n- Run: %s, started ", ids[1]);
  g_assert_nonnull (strstr (summary, run_line));

  /* compare's defaults: the newest run against the one before. */
  run_cli (&compare, NULL, "compare", "--output", dir, NULL);
  g_assert_cmpint (compare.status, ==, 0);
  g_assert_nonnull (strstr (compare.out, compared_line));
  g_assert_true (has_verdict_line (compare.out, TARGET, "(no change|regressed|improved|unreliable)"));

  run_cli (&history, NULL, "history", "--output", dir, NULL);
  g_assert_cmpint (history.status, ==, 0);
  g_assert_cmpstr (history.err, ==, "");
  {
    g_autofree char *host = g_regex_escape_string (g_get_host_name (), -1);
    g_autofree char *pattern = g_strdup_printf ("^[0-9-]{10} [0-9:]{8} UTC  run %s  on %s \\(.*, %u logical CPUs, %s build\\)\\n"
                                                "    " TARGET "  [0-9]+ ops/sec ± [0-9.]+%%( \\(disturbed: [0-9]+ of [0-9]+ samples\\))?\\n"
                                                "[0-9-]{10} [0-9:]{8} UTC  run %s  on ",
                                                ids[0], host, g_get_num_processors (),
                                                BUILD_TYPE, ids[1]);
    g_assert_true (g_regex_match_simple (pattern, history.out, 0, 0));
  }

  /* Every sample of the first run, one row each. */
  run_cli (&csv, NULL, "export", "--format=csv", "--output", dir, ids[0], NULL);
  g_assert_cmpint (csv.status, ==, 0);
  csv_lines = g_strsplit (csv.out, "\r\n", -1);
  g_assert_cmpstr (csv_lines[0], ==, "run_id,target_id,sample,ns_per_op");
  g_assert_cmpuint (g_strv_length (csv_lines), >=, 1 + 10 + 1);
  for (guint i = 1; csv_lines[i + 1] != NULL; i++)
    {
      g_autofree char *prefix = g_strdup_printf ("%s," TARGET ",%u,", ids[0], i);
      g_assert_true (g_str_has_prefix (csv_lines[i], prefix));
    }

  run_cli (&gbench, NULL, "export", "--output", dir, NULL);
  g_assert_cmpint (gbench.status, ==, 0);
  gbench_root = parse_json (gbench.out);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (gbench_root), "context"), "run_id"),
                   ==, ids[1]);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (gbench_root), "context"), "library_version"),
                   ==, PACKAGE_VERSION);
  /* The run made one repetition of its one target: one row, no aggregates. */
  benchmarks = json_object_get_array_member (json_node_get_object (gbench_root), "benchmarks");
  g_assert_cmpuint (json_array_get_length (benchmarks), ==, 1);
  gbench_row = json_array_get_object_element (benchmarks, 0);
  g_assert_cmpstr (json_object_get_string_member (gbench_row, "name"), ==, TARGET);
  g_assert_cmpint (json_object_get_int_member (gbench_row, "repetitions"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (gbench_row, "iterations"), >, 0);

  test_rm_rf (dir);
}

/* Two recorded runs written through the library: the verdict is certain. */
static void
test_compare_verdicts_and_exit (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_auto(CliRun) regressed = { 0 };
  g_auto(CliRun) failing = { 0 };
  g_auto(CliRun) improved = { 0 };
  g_auto(CliRun) tolerant = { 0 };
  g_auto(CliRun) json = { 0 };
  g_auto(CliRun) elsewhere = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *target;

  write_record (dir, "base0001", 30, g_get_host_name (), "forecasting", 100.0, 12);
  write_record (dir, "slow0002", 20, g_get_host_name (), "forecasting", 150.0, 12);
  write_record (dir, "away0003", 10, "another-host", "forecasting", 150.0, 12);

  run_cli (&regressed, NULL, "compare", "--output", dir, "--baseline", "base", "--current", "slow", NULL);
  g_assert_cmpint (regressed.status, ==, 0);
  g_assert_true (has_verdict_line (regressed.out, "forecasting", "regressed"));
  g_assert_nonnull (strstr (regressed.out, "+50.00%"));
  g_assert_nonnull (strstr (regressed.out, "Regressed: 1, improved: 0, no change: 0, unreliable: 0, not compared: 0"));
  g_assert_null (strstr (regressed.out, "different machine"));

  run_cli (&failing, NULL, "compare", "--output", dir, "--baseline", "base0001", "--current", "slow0002",
           "--fail-on-regression", NULL);
  g_assert_cmpint (failing.status, ==, 3);

  run_cli (&improved, NULL, "compare", "--output", dir, "--baseline", "slow0002", "--current", "base0001",
           "--fail-on-regression", NULL);
  g_assert_cmpint (improved.status, ==, 0);
  g_assert_true (has_verdict_line (improved.out, "forecasting", "improved"));

  /* A 60% threshold: a 50% slowdown is noise. */
  run_cli (&tolerant, NULL, "compare", "--output", dir, "--baseline", "base0001", "--current", "slow0002",
           "--noise-threshold", "60%", "--fail-on-regression", NULL);
  g_assert_cmpint (tolerant.status, ==, 0);
  g_assert_true (has_verdict_line (tolerant.out, "forecasting", "no change"));

  run_cli (&json, NULL, "compare", "--output", dir, "--baseline", "base0001", "--current", "slow0002",
           "--json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  root = parse_json (json.out);
  target = json_array_get_object_element (json_object_get_array_member (json_node_get_object (root), "targets"), 0);
  g_assert_cmpstr (json_object_get_string_member (target, "verdict"), ==, "regressed");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (target, "change"), 0.5, 1e-9);
  g_assert_cmpfloat (json_object_get_double_member (target, "p_value"), <, 0.05);

  /* The default current run is the newest, from another machine. */
  run_cli (&elsewhere, NULL, "compare", "--output", dir, "--baseline", "slow0002", NULL);
  g_assert_cmpint (elsewhere.status, ==, 0);
  g_assert_nonnull (strstr (elsewhere.out, "Run away0003"));
  g_assert_nonnull (strstr (elsewhere.out, "different machine or build (host name: "));
  g_assert_nonnull (strstr (elsewhere.out, " → another-host)"));

  test_rm_rf (dir);
}

/* `run --compare-to RUN --fail-on-regression` against runs no real
 * measurement can match: far faster (regressed) and far slower (improved). */
static void
test_run_fail_on_regression (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *summary_path = g_build_filename (dir, "summary.md", NULL);
  g_autofree char *summary = NULL;
  g_auto(CliRun) regressed = { 0 };
  g_auto(CliRun) improved = { 0 };
  g_auto(CliRun) json = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *comparison;

  write_record (dir, "f0000001", 60, g_get_host_name (), TARGET, 0.001, 20);
  write_record (dir, "50000002", 50, g_get_host_name (), TARGET, 1e9, 20);

  run_cli (&regressed, NULL, "run", "--quick", "--targets", TARGET, "--output", dir,
           "--compare-to", "f0000001", "--fail-on-regression", NULL);
  summary = test_read_file (summary_path);
  if (strstr (regressed.out, ": this run was disturbed") != NULL)
    {
      /* A machine too busy to trust: no verdict, and no false alarm. */
      g_test_message ("this machine is busy: %s", regressed.out);
      g_assert_cmpint (regressed.status, ==, 0);
      g_assert_true (has_verdict_line (regressed.out, TARGET, "unreliable"));
    }
  else
    {
      g_assert_cmpint (regressed.status, ==, 3);
      g_assert_true (has_verdict_line (regressed.out, TARGET, "regressed"));
      /* Measured a second time before it is reported, and the exit status
       * says why. */
      g_assert_nonnull (strstr (regressed.out, "Measuring " TARGET " again to confirm a regression…"));
      g_assert_nonnull (strstr (regressed.err, "exit status 3: regressed against the baseline:\n" TARGET ": +"));
      g_assert_nonnull (strstr (regressed.err, ", confirmed by a second measurement\n"));
      g_assert_true (g_regex_match_simple ("^\\| " TARGET " \\| 0.001 ns \\| .* \\| regressed: confirmed by a "
                                           "second measurement: \\+.*% \\|$", summary, G_REGEX_MULTILINE, 0));
    }

  run_cli (&improved, NULL, "run", "--quick", "--targets", TARGET, "--output", dir,
           "--compare-to", "50000002", "--fail-on-regression", NULL);
  g_assert_cmpint (improved.status, ==, 0);
  g_assert_true (has_verdict_line (improved.out, TARGET,
                                   strstr (improved.out, ": this run was disturbed") != NULL
                                   ? "unreliable" : "improved"));

  /* --json carries the run id and the comparison too. */
  run_cli (&json, NULL, "run", "--quick", "--targets", TARGET, "--output", dir, "--json",
           "--compare-to", "f0000001", NULL);
  g_assert_cmpint (json.status, ==, 0);
  root = parse_json (json.out);
  comparison = json_object_get_object_member (json_node_get_object (root), "comparison");
  g_assert_cmpstr (json_object_get_string_member (comparison, "baseline_run_id"), ==, "f0000001");
  g_assert_cmpstr (json_object_get_string_member (comparison, "current_run_id"), ==,
                   json_object_get_string_member (json_node_get_object (root), "run_id"));
  g_assert_true (g_str_has_suffix (json_object_get_string_member (json_node_get_object (root), "history"),
                                   ".json.zst"));
  g_assert_true (has_verdict_line (json.err, TARGET, "regressed"));

  test_rm_rf (dir);
}

static void
test_run_gbench (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_auto(CliRun) run = { 0 };
  g_auto(GStrv) ids = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *context;
  JsonArray *benchmarks;
  JsonObject *first;

  run_cli (&run, NULL, "run", "--quick", "--targets", "forecasting", "--output", dir,
           "--format=gbench", NULL);
  g_assert_cmpint (run.status, ==, 0);
  /* stdout is the document alone; the progress went to stderr. */
  root = parse_json (run.out);
  g_assert_true (g_regex_match_simple ("^✓ forecasting - [0-9]+ ops/sec ± ", run.err, G_REGEX_MULTILINE, 0));

  ids = history_ids (dir);
  g_assert_cmpuint (g_strv_length (ids), ==, 1);
  context = json_object_get_object_member (json_node_get_object (root), "context");
  g_assert_cmpstr (json_object_get_string_member (context, "run_id"), ==, ids[0]);
  g_assert_cmpstr (json_object_get_string_member (context, "host_name"), ==, g_get_host_name ());
  g_assert_cmpint (json_object_get_int_member (context, "num_cpus"), ==, g_get_num_processors ());
  benchmarks = json_object_get_array_member (json_node_get_object (root), "benchmarks");
  g_assert_cmpuint (json_array_get_length (benchmarks), ==, 1);
  first = json_array_get_object_element (benchmarks, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "name"), ==, "forecasting");
  g_assert_cmpstr (json_object_get_string_member (first, "run_type"), ==, "iteration");
  g_assert_cmpstr (json_object_get_string_member (first, "time_unit"), ==, "ns");
  g_assert_cmpfloat (json_object_get_double_member (first, "real_time"), >, 0.0);
  g_assert_cmpfloat (json_object_get_double_member (first, "cpu_time"), >, 0.0);
  g_assert_cmpfloat (json_object_get_double_member (first, "items_per_second"), >, 0.0);

  test_rm_rf (dir);
}

static void
test_history_keep_and_damaged (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *damaged = g_build_filename (dir, "history", "20200101T000000Z-deadbeef.json.zst", NULL);
  g_auto(CliRun) empty = { 0 };
  g_auto(CliRun) listed = { 0 };
  g_auto(CliRun) pruned = { 0 };
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) ids = NULL;
  guint runs = 0;

  run_cli (&empty, NULL, "history", "--output", dir, NULL);
  g_assert_cmpint (empty.status, ==, 0);
  g_assert_nonnull (strstr (empty.out, "No runs recorded"));

  write_record (dir, "aaaa0001", 30, g_get_host_name (), "forecasting", 100.0, 5);
  write_record (dir, "bbbb0002", 20, g_get_host_name (), "forecasting", 110.0, 5);
  write_record (dir, "cccc0003", 10, g_get_host_name (), "forecasting", 120.0, 5);
  test_write_file (damaged, "(truncated)");

  run_cli (&listed, NULL, "history", "--output", dir, NULL);
  g_assert_cmpint (listed.status, ==, 0);
  g_assert_nonnull (strstr (listed.err, "20200101T000000Z-deadbeef.json.zst: "));
  lines = g_strsplit (listed.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    runs += strstr (lines[i], " UTC  run ") != NULL;
  g_assert_cmpuint (runs, ==, 3);
  g_assert_true (g_regex_match_simple ("run aaaa0001.*run bbbb0002.*run cccc0003", listed.out, G_REGEX_DOTALL, 0));
  g_assert_nonnull (strstr (listed.out, "    forecasting  10000000 ops/sec\n"));

  run_cli (&pruned, NULL, "history", "--output", dir, "--keep", "1", NULL);
  g_assert_cmpint (pruned.status, ==, 0);
  g_assert_true (g_str_has_prefix (pruned.out, "Removed 2 older runs\n"));
  ids = history_ids (dir);
  g_assert_cmpstrv (ids, ((const char * const[]) { "cccc0003", NULL }));
  /* The damaged file is left for a person to look at, and named again. */
  g_assert_true (g_file_test (damaged, G_FILE_TEST_EXISTS));
  g_assert_nonnull (strstr (pruned.err, "deadbeef"));

  test_rm_rf (dir);
}

/* A history file holding a blank zstd payload (printf '\n' | zstd -c)
 * crashed every command that reads the history; each now names it, skips
 * it and carries on. */
static void
test_damaged_history_commands (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *damaged = g_build_filename (dir, "history", "20200101T000000Z-x.json.zst", NULL);
  g_autoptr(CostopsCompressor) compressor = costops_compressor_new (3, NULL);
  g_autoptr(GBytes) newline = g_bytes_new_static ("\n", 1);
  g_autoptr(GBytes) packed = costops_compressor_compress (compressor, newline, NULL);
  g_autoptr(GError) error = NULL;
  const char *commands[][12] = {
    { "history", "--output", dir, NULL },
    { "compare", "--output", dir, NULL },
    { "export", "--output", dir, NULL },
    { "export", "--output", dir, "--format=csv", "aaaa0001", NULL },
    { "run", "--quick", "--targets", "forecasting", "--output", dir, "--compare-to", "latest", NULL },
  };

  write_record (dir, "aaaa0001", 30, g_get_host_name (), "forecasting", 100.0, 5);
  write_record (dir, "bbbb0002", 20, g_get_host_name (), "forecasting", 100.0, 5);
  g_file_set_contents (damaged, g_bytes_get_data (packed, NULL), g_bytes_get_size (packed), &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(CliRun) run = { 0 };

      run_cliv (&run, NULL, commands[i]);
      g_test_message ("%s: status %d, stderr %s", commands[i][0], run.status, run.err);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.err, "20200101T000000Z-x.json.zst: only whitespace"));
      g_assert_cmpstr (run.out, !=, "");
    }

  test_rm_rf (dir);
}

static void
test_usage_errors (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *empty = test_make_tmpdir ();
  g_autofree char *before = NULL;
  struct {
    const char *args[10];
    int         status;
    const char *message_part;
  } cases[] = {
    { { "run", "--output", dir, "--noise-threshold", "lots", NULL }, 2, "lots" },
    { { "run", "--output", dir, "--noise-threshold", "100", NULL }, 2, "percentage" },
    { { "run", "--output", dir, "--fail-on-regression", NULL }, 2, "--compare-to" },
    { { "run", "--output", dir, "--compare-to", "nosuchrun", NULL }, 2, "nosuchrun" },
    { { "run", "--output", dir, "--format", "xml", NULL }, 2, "xml" },
    { { "run", "--output", dir, "--format", "gbench", "--json", NULL }, 2, "gbench" },
    { { "history", "--output", dir, "--keep", "-1", NULL }, 2, "--keep" },
    { { "history", "--output", dir, "extra", NULL }, 2, "extra" },
    { { "compare", "--output", dir, "--baseline", "nosuchrun", NULL }, 2, "nosuchrun" },
    { { "compare", "--output", dir, "--noise-threshold", "-1", NULL }, 2, "-1" },
    { { "export", "--output", dir, "--format", "xml", NULL }, 2, "xml" },
    { { "export", "--output", dir, "nosuchrun", NULL }, 2, "nosuchrun" },
    { { "export", "--output", dir, "a", "b", NULL }, 2, "b" },
    /* Nothing to compare or export is not a usage error. */
    { { "compare", "--output", empty, NULL }, 1, "no runs" },
    { { "export", "--output", empty, NULL }, 1, "no runs" },
  };

  write_record (dir, "aaaa0001", 30, g_get_host_name (), TARGET, 100.0, 5);
  write_record (dir, "aaaa0002", 20, g_get_host_name (), TARGET, 100.0, 5);
  before = test_snapshot_tree (dir);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(CliRun) run = { 0 };
      g_autofree char *after = NULL;
      g_autofree char *prefix = g_strdup_printf ("cost-ops %s: ", cases[i].args[0]);

      run_cliv (&run, NULL, cases[i].args);
      g_assert_cmpint (run.status, ==, cases[i].status);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_true (g_str_has_prefix (run.err, prefix));
      g_assert_nonnull (strstr (run.err, cases[i].message_part));

      /* Nothing ran, nothing was written or removed. */
      after = test_snapshot_tree (dir);
      g_assert_cmpstr (after, ==, before);
    }

  test_rm_rf (empty);
  test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-history/runs-recorded-and-compared", test_runs_recorded_and_compared);
  g_test_add_func ("/cli-history/compare-verdicts-and-exit", test_compare_verdicts_and_exit);
  g_test_add_func ("/cli-history/run-fail-on-regression", test_run_fail_on_regression);
  g_test_add_func ("/cli-history/run-gbench", test_run_gbench);
  g_test_add_func ("/cli-history/keep-and-damaged", test_history_keep_and_damaged);
  g_test_add_func ("/cli-history/usage-errors", test_usage_errors);
  g_test_add_func ("/cli-history/damaged-history-commands", test_damaged_history_commands);

  return g_test_run ();
}
