/* Runs compared target by target: verdicts, why a target was not compared,
 * regressions, machine fingerprints and the JSON form.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "bench-error.h"
#include "bench-run-comparison.h"

/* @n samples spread ±0.5% around @centre. */
static BenchResult *
make_result (const char *id,
             double      centre,
             guint       n)
{
  g_autoptr(JsonObject) metrics = json_object_new ();
  g_autofree double *samples = g_new (double, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    samples[i] = centre * (1.0 + 0.01 * ((double) i / MAX (n - 1, 1) - 0.5));
  json_object_set_double_member (metrics, "operations_per_second", 1e9 / centre);
  json_object_set_int_member (metrics, "avg_duration_ns", (gint64) centre);
  json_object_set_int_member (metrics, "total_iterations", 100 * n);
  return bench_result_new_success (id, metrics, NULL, samples, n);
}

static BenchRunRecord *
make_run (const char *run_id,
          const char *host,
          GPtrArray  *results)
{
  g_autoptr(JsonObject) environment = json_object_new ();
  g_autoptr(GDateTime) started = g_date_time_new_now_utc ();

  json_object_set_string_member (environment, "hostname", host);
  json_object_set_string_member (environment, "cpu_model", "CPU");
  json_object_set_int_member (environment, "logical_cores", 4);
  json_object_set_string_member (environment, "build_type", "release");
  return bench_run_record_new (run_id, started, environment, results);
}

static GPtrArray *
results_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) bench_result_unref);
}

static void
test_verdicts_and_reasons (void)
{
  g_autoptr(GPtrArray) base_results = results_new ();
  g_autoptr(GPtrArray) current_results = results_new ();
  g_autoptr(GError) failure = g_error_new_literal (BENCH_ERROR, BENCH_ERROR_TARGET_FAILED, "no");
  g_autoptr(BenchRunRecord) baseline = NULL;
  g_autoptr(BenchRunRecord) current = NULL;
  g_autoptr(BenchRunComparison) comparison = NULL;
  g_autoptr(BenchRunComparison) tolerant = NULL;
  const BenchTargetComparison *t;

  g_ptr_array_add (base_results, make_result ("same", 200.0, 15));
  g_ptr_array_add (base_results, make_result ("slow", 200.0, 15));
  g_ptr_array_add (base_results, make_result ("fast", 200.0, 15));
  g_ptr_array_add (base_results, make_result ("tiny", 200.0, 2));
  g_ptr_array_add (base_results, bench_result_new_failure ("broke_before", failure, NULL));
  g_ptr_array_add (current_results, make_result ("same", 200.0, 12));
  g_ptr_array_add (current_results, make_result ("slow", 230.0, 12));
  g_ptr_array_add (current_results, make_result ("fast", 150.0, 12));
  g_ptr_array_add (current_results, make_result ("tiny", 200.0, 12));
  g_ptr_array_add (current_results, make_result ("broke_before", 10.0, 12));
  g_ptr_array_add (current_results, make_result ("brand_new", 10.0, 12));
  baseline = make_run ("aaaa0000", "host", base_results);
  current = make_run ("bbbb1111", "host", current_results);

  comparison = bench_run_comparison_new (baseline, current, 0.02);
  g_assert_cmpuint (bench_run_comparison_get_n_targets (comparison), ==, 6);
  g_assert_true (bench_run_comparison_get_baseline (comparison) == baseline);
  g_assert_true (bench_run_comparison_get_current (comparison) == current);
  g_assert_cmpfloat (bench_run_comparison_get_noise_threshold (comparison), ==, 0.02);

  t = bench_run_comparison_get_target (comparison, 0);
  g_assert_cmpstr (t->target_id, ==, "same");
  g_assert_cmpint (t->status, ==, BENCH_TARGET_COMPARED);
  g_assert_cmpint (t->stats.verdict, ==, BENCH_VERDICT_NO_CHANGE);
  g_assert_null (t->reason);

  t = bench_run_comparison_lookup (comparison, "slow");
  g_assert_cmpint (t->stats.verdict, ==, BENCH_VERDICT_REGRESSED);
  g_assert_cmpfloat_with_epsilon (t->stats.change, 0.15, 1e-9);
  g_assert_cmpfloat (t->stats.ci_low, >, 0.02);
  g_assert_cmpfloat (t->stats.p_value, <, 0.05);

  t = bench_run_comparison_lookup (comparison, "fast");
  g_assert_cmpint (t->stats.verdict, ==, BENCH_VERDICT_IMPROVED);
  g_assert_cmpfloat_with_epsilon (t->stats.change, -0.25, 1e-9);

  t = bench_run_comparison_lookup (comparison, "tiny");
  g_assert_cmpint (t->status, ==, BENCH_TARGET_NOT_COMPARABLE);
  g_assert_nonnull (strstr (t->reason, "2 samples"));
  t = bench_run_comparison_lookup (comparison, "broke_before");
  g_assert_cmpint (t->status, ==, BENCH_TARGET_FAILED);
  g_assert_cmpstr (t->reason, ==, "failed in the baseline");
  t = bench_run_comparison_lookup (comparison, "brand_new");
  g_assert_cmpint (t->status, ==, BENCH_TARGET_NOT_IN_BASELINE);
  g_assert_null (bench_run_comparison_lookup (comparison, "nothing"));

  g_assert_true (bench_run_comparison_has_regression (comparison));
  g_assert_cmpstrv (bench_run_comparison_get_machine_differences (comparison),
                    ((const char * const[]) { NULL }));

  /* A 20% threshold swallows the 15% slowdown but not the 25% speed-up. */
  tolerant = bench_run_comparison_new (baseline, current, 0.20);
  g_assert_false (bench_run_comparison_has_regression (tolerant));
  g_assert_cmpint (bench_run_comparison_lookup (tolerant, "slow")->stats.verdict, ==, BENCH_VERDICT_NO_CHANGE);
  g_assert_cmpint (bench_run_comparison_lookup (tolerant, "fast")->stats.verdict, ==, BENCH_VERDICT_IMPROVED);
}

static void
test_json_and_machines (void)
{
  g_autoptr(GPtrArray) base_results = results_new ();
  g_autoptr(GPtrArray) current_results = results_new ();
  g_autoptr(BenchRunRecord) baseline = NULL;
  g_autoptr(BenchRunRecord) current = NULL;
  g_autoptr(BenchRunComparison) comparison = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *root;
  JsonArray *targets;
  JsonObject *first, *second;

  g_ptr_array_add (base_results, make_result ("one", 100.0, 10));
  g_ptr_array_add (current_results, make_result ("one", 150.0, 10));
  g_ptr_array_add (current_results, make_result ("two", 100.0, 10));
  baseline = make_run ("aaaa0000", "laptop", base_results);
  current = make_run ("bbbb1111", "server", current_results);
  comparison = bench_run_comparison_new (baseline, current, BENCH_COMPARE_DEFAULT_NOISE);

  g_assert_cmpstrv (bench_run_comparison_get_machine_differences (comparison),
                    ((const char * const[]) { "host name: laptop → server", NULL }));

  node = bench_run_comparison_to_json (comparison);
  root = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (root, "baseline_run_id"), ==, "aaaa0000");
  g_assert_cmpstr (json_object_get_string_member (root, "current_run_id"), ==, "bbbb1111");
  g_assert_cmpfloat (json_object_get_double_member (root, "noise_threshold"), ==, 0.02);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "machine_differences")), ==, 1);
  targets = json_object_get_array_member (root, "targets");
  g_assert_cmpuint (json_array_get_length (targets), ==, 2);
  first = json_array_get_object_element (targets, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "status"), ==, "compared");
  g_assert_cmpstr (json_object_get_string_member (first, "verdict"), ==, "regressed");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (first, "change"), 0.5, 1e-9);
  g_assert_cmpfloat (json_object_get_double_member (first, "ci_low"), <=,
                     json_object_get_double_member (first, "ci_high"));
  second = json_array_get_object_element (targets, 1);
  g_assert_cmpstr (json_object_get_string_member (second, "status"), ==, "not_in_baseline");
  g_assert_false (json_object_has_member (second, "verdict"));
  g_assert_cmpstr (json_object_get_string_member (second, "reason"), ==, "not in the baseline");
}

static void
test_formats (void)
{
  struct { double ns; const char *text; } durations[] = {
    { 1.23456, "1.235 ns" }, { 40.126, "40.13 ns" }, { 123.45, "123.5 ns" }, { 16331.4, "16331 ns" },
  };
  struct { double change; const char *text; } changes[] = {
    { 0.0127, "+1.27%" }, { -0.1, "-10.00%" }, { -0.000001, "+0.00%" }, { 0.0, "+0.00%" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (durations); i++)
    {
      g_autofree char *text = bench_format_duration_ns (durations[i].ns);
      g_assert_cmpstr (text, ==, durations[i].text);
    }
  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      g_autofree char *text = bench_format_change (changes[i].change);
      g_assert_cmpstr (text, ==, changes[i].text);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/run-comparison/verdicts-and-reasons", test_verdicts_and_reasons);
  g_test_add_func ("/run-comparison/json-and-machines", test_json_and_machines);
  g_test_add_func ("/run-comparison/formats", test_formats);
  return g_test_run ();
}
