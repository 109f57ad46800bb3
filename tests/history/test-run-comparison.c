/* Runs compared target by target: verdicts, why a target was not compared,
 * regressions, machine fingerprints and the JSON form.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

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
  /* Another machine: the statistics are there, the verdict is not trusted. */
  g_assert_cmpstr (json_object_get_string_member (first, "verdict"), ==, "unreliable");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (first, "reason"),
                                   "the baseline comes from another machine or build (host name: laptop → server"));
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

/* A result measured while other work had the CPU (metric "disturbed"). */
static BenchResult *
make_disturbed_result (const char *id,
                       double      centre)
{
  g_autoptr(BenchResult) plain = make_result (id, centre, 12);
  g_autoptr(JsonObject) metrics = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  const double *samples;
  guint n;

  json_object_iter_init (&iter, bench_result_get_metrics (plain));
  while (json_object_iter_next (&iter, &name, &value))
    json_object_set_member (metrics, name, json_node_copy (value));
  json_object_set_boolean_member (metrics, "disturbed", TRUE);
  json_object_set_int_member (metrics, "disturbed_samples", 41);
  json_object_set_int_member (metrics, "samples", 12);
  samples = bench_result_get_samples (plain, &n);
  return bench_result_new_success (id, metrics, NULL, samples, n);
}

/* A disturbed side or another machine: "unreliable" with the reason, never
 * "regressed", so a CI gate does not fire on the machine's noise. */
static void
test_unreliable (void)
{
  g_autoptr(GPtrArray) base_results = results_new ();
  g_autoptr(GPtrArray) current_results = results_new ();
  g_autoptr(GPtrArray) other_results = results_new ();
  g_autoptr(BenchRunRecord) baseline = NULL;
  g_autoptr(BenchRunRecord) current = NULL;
  g_autoptr(BenchRunRecord) elsewhere = NULL;
  g_autoptr(BenchRunComparison) comparison = NULL;
  g_autoptr(BenchRunComparison) across = NULL;
  const BenchTargetComparison *t;

  g_ptr_array_add (base_results, make_result ("calm", 200.0, 15));
  g_ptr_array_add (base_results, make_result ("busy", 200.0, 15));
  g_ptr_array_add (current_results, make_result ("calm", 230.0, 12));
  g_ptr_array_add (current_results, make_disturbed_result ("busy", 230.0));
  g_ptr_array_add (other_results, make_result ("calm", 230.0, 12));
  baseline = make_run ("aaaa0000", "host", base_results);
  current = make_run ("bbbb1111", "host", current_results);
  elsewhere = make_run ("cccc2222", "other-host", other_results);

  comparison = bench_run_comparison_new (baseline, current, 0.02);
  t = bench_run_comparison_lookup (comparison, "calm");
  g_assert_cmpint (t->stats.verdict, ==, BENCH_VERDICT_REGRESSED);
  t = bench_run_comparison_lookup (comparison, "busy");
  g_assert_cmpint (t->status, ==, BENCH_TARGET_COMPARED);
  g_assert_cmpint (t->stats.verdict, ==, BENCH_VERDICT_UNRELIABLE);
  g_assert_cmpstr (t->reason, ==, "this run was disturbed: 41 of 53 samples");
  g_assert_cmpstr (bench_verdict_to_string (t->stats.verdict), ==, "unreliable");

  across = bench_run_comparison_new (baseline, elsewhere, 0.02);
  t = bench_run_comparison_lookup (across, "calm");
  g_assert_cmpint (t->stats.verdict, ==, BENCH_VERDICT_UNRELIABLE);
  g_assert_true (g_str_has_prefix (t->reason, "the baseline comes from another machine or build ("));
  g_assert_false (bench_run_comparison_has_regression (across));
}

/* A regression stands only when a second measurement reproduces it. */
static void
test_confirmation (void)
{
  g_autoptr(GPtrArray) base_results = results_new ();
  g_autoptr(GPtrArray) current_results = results_new ();
  g_autoptr(BenchRunRecord) baseline = NULL;
  g_autoptr(BenchRunRecord) current = NULL;
  g_autoptr(BenchRunComparison) comparison = NULL;
  g_autoptr(BenchResult) again_slow = make_result ("real", 231.0, 12);
  g_autoptr(BenchResult) again_fine = make_result ("fluke", 200.5, 12);
  g_auto(GStrv) regressed = NULL;
  g_autofree char *lines = NULL;
  const BenchTargetComparison *t;

  g_ptr_array_add (base_results, make_result ("real", 200.0, 15));
  g_ptr_array_add (base_results, make_result ("fluke", 200.0, 15));
  g_ptr_array_add (current_results, make_result ("real", 230.0, 12));
  g_ptr_array_add (current_results, make_result ("fluke", 230.0, 12));
  baseline = make_run ("aaaa0000", "host", base_results);
  current = make_run ("bbbb1111", "host", current_results);
  comparison = bench_run_comparison_new (baseline, current, 0.02);

  regressed = bench_run_comparison_dup_regressed (comparison);
  g_assert_cmpstrv (regressed, ((const char * const[]) { "real", "fluke", NULL }));
  g_assert_true (bench_run_comparison_confirm (comparison, "real", again_slow));
  g_assert_true (bench_run_comparison_confirm (comparison, "fluke", again_fine));
  /* Only a regressed target is confirmed. */
  g_assert_false (bench_run_comparison_confirm (comparison, "fluke", again_fine));

  t = bench_run_comparison_lookup (comparison, "real");
  g_assert_cmpint (t->stats.verdict, ==, BENCH_VERDICT_REGRESSED);
  g_assert_true (t->confirmed);
  t = bench_run_comparison_lookup (comparison, "fluke");
  g_assert_cmpint (t->stats.verdict, ==, BENCH_VERDICT_UNRELIABLE);
  g_assert_true (g_str_has_prefix (t->reason, "not reproduced by a second measurement: +0."));
  g_assert_true (bench_run_comparison_has_regression (comparison));
  lines = bench_run_comparison_dup_regression_lines (comparison);
  g_assert_true (g_str_has_prefix (lines, "real: +15"));
  g_assert_true (g_str_has_suffix (lines, ", confirmed by a second measurement"));
  g_assert_null (strchr (lines, '\n'));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/run-comparison/verdicts-and-reasons", test_verdicts_and_reasons);
  g_test_add_func ("/run-comparison/json-and-machines", test_json_and_machines);
  g_test_add_func ("/run-comparison/formats", test_formats);
  g_test_add_func ("/run-comparison/unreliable", test_unreliable);
  g_test_add_func ("/run-comparison/confirmation", test_confirmation);
  return g_test_run ();
}
