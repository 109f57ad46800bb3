/* test-instructions.c: instruction counts under Callgrind. Reading
 * Callgrind's counts, the verdicts on counts and loading a counted result
 * run everywhere; the runs under Valgrind are skipped, saying so, when
 * valgrind is not installed. COST_OPS_WORKER names
 * tests/framework/test-instr-worker (meson sets it).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "bench-callgrind.h"
#include "bench-error.h"
#include "bench-registry.h"
#include "bench-run-comparison.h"
#include "bench-runner.h"
#include "instr-targets.h"
#include "test-util.h"

static BenchResult *
counted_result (const char *id,
                double      instructions)
{
  g_autoptr(JsonObject) metrics = json_object_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  json_object_set_string_member (metrics, "measure", "instructions");
  json_object_set_double_member (metrics, "instructions_per_operation", instructions);
  json_object_set_int_member (metrics, "total_iterations", 1024);
  return bench_result_new_success (id, metrics, now, NULL, 0);
}

static BenchResult *
timed_result (const char *id)
{
  static const double samples[] = { 100.0, 101.0, 99.0, 100.5 };
  g_autoptr(JsonObject) metrics = json_object_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  json_object_set_double_member (metrics, "operations_per_second", 1e7);
  json_object_set_int_member (metrics, "avg_duration_ns", 100);
  json_object_set_int_member (metrics, "total_iterations", 1000);
  return bench_result_new_success (id, metrics, now, samples, G_N_ELEMENTS (samples));
}

static void
test_parse_counts (void)
{
  const char *plain = "version: 1\ncreator: callgrind-3.19.0\nevents: Ir\n"
                      "fn=(1) main\n5 100\nsummary: 6013\ntotals: 6003\n";
  const char *cached = "events: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw\n"
                       "totals: 1000 300 100 10 20 5 2 4\n";
  BenchCallgrindCounts counts;
  g_autoptr(GError) error = NULL;

  g_assert_true (bench_callgrind_parse_counts (plain, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.ir, ==, 6003);
  g_assert_false (counts.has_cache);
  g_assert_cmpfloat (bench_callgrind_estimated_cycles (&counts), ==, 0.0);

  /* Callgrind leaves out trailing zeros (DLmw here). */
  g_assert_true (bench_callgrind_parse_counts (cached, &counts, &error));
  g_assert_cmpuint (counts.ir, ==, 1000);
  g_assert_cmpuint (counts.d1mw, ==, 5);
  g_assert_cmpuint (counts.dlmr, ==, 4);
  g_assert_cmpuint (counts.dlmw, ==, 0);
  g_assert_true (counts.has_cache);
  /* accesses 1400, L1 misses 35, LL misses 6: 1365 + 5 × 29 + 35 × 6 */
  g_assert_cmpfloat (bench_callgrind_estimated_cycles (&counts), ==, 1365.0 + 145.0 + 210.0);

  g_assert_false (bench_callgrind_parse_counts ("events: Ir\nfn=(1) main\n", &counts, &error));
  g_assert_error (error, BENCH_ERROR, BENCH_ERROR_INVALID_RESULT);
  g_clear_error (&error);
  g_assert_false (bench_callgrind_parse_counts ("events: Ir\ntotals: many\n", &counts, &error));
  g_assert_error (error, BENCH_ERROR, BENCH_ERROR_INVALID_RESULT);
}

static void
check_verdict (double       base,
               double       now,
               BenchVerdict expected)
{
  g_autoptr(BenchResult) baseline = counted_result ("t", base);
  g_autoptr(BenchResult) current = counted_result ("t", now);
  g_autofree char *reason = NULL;
  BenchComparison out;

  g_assert_true (bench_callgrind_compare (baseline, current, BENCH_CALLGRIND_NOISE, &out, &reason));
  g_assert_null (reason);
  g_assert_cmpfloat_with_epsilon (out.change, now / base - 1.0, 1e-12);
  g_assert_cmpstr (bench_verdict_to_string (out.verdict), ==, bench_verdict_to_string (expected));
}

static void
test_compare_counts (void)
{
  g_autoptr(BenchResult) counted = counted_result ("t", 1000.0);
  g_autoptr(BenchResult) timed = timed_result ("t");
  g_autoptr(BenchResult) zero = counted_result ("t", 0.0);
  g_autofree char *reason = NULL;
  BenchComparison out;

  check_verdict (1000.0, 1000.0, BENCH_VERDICT_NO_CHANGE);
  check_verdict (1000.0, 1004.0, BENCH_VERDICT_NO_CHANGE);
  check_verdict (1000.0, 996.0, BENCH_VERDICT_NO_CHANGE);
  check_verdict (1000.0, 1006.0, BENCH_VERDICT_REGRESSED);
  check_verdict (1000.0, 1020.0, BENCH_VERDICT_REGRESSED);
  check_verdict (1000.0, 994.0, BENCH_VERDICT_IMPROVED);

  /* Timed results are left to the statistics. */
  g_assert_false (bench_callgrind_compare (timed, timed, BENCH_CALLGRIND_NOISE, &out, &reason));
  g_assert_null (reason);
  g_assert_true (bench_callgrind_compare (timed, counted, BENCH_CALLGRIND_NOISE, &out, &reason));
  g_assert_nonnull (strstr (reason, "the baseline measured time"));
  g_clear_pointer (&reason, g_free);
  g_assert_true (bench_callgrind_compare (counted, zero, BENCH_CALLGRIND_NOISE, &out, &reason));
  g_assert_nonnull (strstr (reason, "missing"));
}

/* A run comparison takes the counts' own path, with their threshold, not
 * the run's noise threshold. */
static void
test_run_comparison (void)
{
  g_autoptr(GPtrArray) base_results = g_ptr_array_new_with_free_func ((GDestroyNotify) bench_result_unref);
  g_autoptr(GPtrArray) current_results = g_ptr_array_new_with_free_func ((GDestroyNotify) bench_result_unref);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(JsonObject) machine = json_object_new ();
  g_autoptr(BenchRunRecord) baseline = NULL;
  g_autoptr(BenchRunRecord) current = NULL;
  g_autoptr(BenchRunComparison) comparison = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *text = NULL;
  const BenchTargetComparison *target;

  g_ptr_array_add (base_results, counted_result ("counted", 1000.0));
  g_ptr_array_add (base_results, timed_result ("mixed"));
  g_ptr_array_add (current_results, counted_result ("counted", 1010.0));
  g_ptr_array_add (current_results, counted_result ("mixed", 10.0));
  /* One machine: a verdict across machines would be unreliable. */
  json_object_set_string_member (machine, "hostname", "host");
  json_object_set_string_member (machine, "cpu_model", "CPU");
  json_object_set_int_member (machine, "logical_cores", 2);
  json_object_set_string_member (machine, "build_type", "release");
  baseline = bench_run_record_new ("aaaa0001", now, machine, base_results);
  current = bench_run_record_new ("aaaa0002", now, machine, current_results);
  comparison = bench_run_comparison_new (baseline, current, 0.05);

  target = bench_run_comparison_lookup (comparison, "counted");
  g_assert_cmpint (target->status, ==, BENCH_TARGET_COMPARED);
  g_assert_true (target->instructions);
  g_assert_cmpint (target->stats.verdict, ==, BENCH_VERDICT_REGRESSED);
  g_assert_true (bench_run_comparison_has_regression (comparison));
  target = bench_run_comparison_lookup (comparison, "mixed");
  g_assert_cmpint (target->status, ==, BENCH_TARGET_NOT_COMPARABLE);

  json = bench_run_comparison_to_json (comparison);
  text = json_to_string (json, FALSE);
  g_assert_nonnull (strstr (text, "\"current_instructions_per_operation\":1010"));
  g_assert_nonnull (strstr (text, "\"measure\":\"instructions\""));
}

static void
test_load_counted (void)
{
  g_autoptr(BenchResult) counted = counted_result ("counted", 1234.5);
  g_autoptr(JsonNode) node = bench_result_to_json (counted);
  g_autoptr(BenchResult) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *figure = NULL;

  loaded = bench_result_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_true (bench_callgrind_result_is_instructions (loaded));
  g_assert_cmpfloat (bench_callgrind_get_instructions (loaded), ==, 1234.5);
  figure = bench_callgrind_dup_figure (loaded);
  g_assert_cmpstr (figure, ==, "1234.5 instructions/op");
  g_clear_pointer (&loaded, bench_result_unref);

  /* The count is what such a result must have. */
  json_object_remove_member (json_object_get_object_member (json_node_get_object (node), "metrics"),
                             "instructions_per_operation");
  loaded = bench_result_from_json (node, &error);
  g_assert_null (loaded);
  g_assert_error (error, BENCH_ERROR, BENCH_ERROR_INVALID_RESULT);
  g_assert_nonnull (strstr (error->message, "instructions_per_operation"));
}

static void
counting_options (BenchRunOptions *options)
{
  bench_run_options_init_quick (options);
  options->isolation = BENCH_ISOLATION_WORKER;
  options->measure = BENCH_MEASURE_INSTRUCTIONS;
  options->target_timeout_us = 240 * G_USEC_PER_SEC;
}

static BenchRunRecord *
count_run (const char *ids)
{
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GError) error = NULL;
  BenchRunOptions options;
  BenchRunRecord *record;

  targets = bench_registry_select (instr_targets_get_all (), ids, FALSE, &error);
  g_assert_no_error (error);
  counting_options (&options);
  record = bench_runner_run_record (targets, &options, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return record;
}

static double
count_of (BenchRunRecord *record,
          const char     *id)
{
  BenchResult *result = bench_run_record_lookup (record, id);

  g_assert_nonnull (result);
  if (!bench_result_is_success (result))
    g_error ("%s failed: %s", id, bench_result_get_error (result)->message);
  g_assert_true (bench_callgrind_result_is_instructions (result));
  g_assert_false (json_object_has_member (bench_result_get_metrics (result), "operations_per_second"));
  return bench_callgrind_get_instructions (result);
}

static gboolean
skip_without_valgrind (void)
{
  if (bench_callgrind_is_available ())
    return FALSE;
  g_test_skip ("valgrind is not installed: instructions cannot be counted here");
  g_printerr ("# skipped: valgrind is not in PATH\n");
  return TRUE;
}

/* Without valgrind the mode fails each target with the reason, and runs
 * nothing in process. */
static void
test_no_valgrind (void)
{
  g_autofree char *empty = test_make_tmpdir ();
  g_autofree char *path = g_strdup (g_getenv ("PATH"));
  g_autoptr(BenchRunRecord) record = NULL;
  BenchResult *result;

  g_setenv ("PATH", empty, TRUE);
  g_assert_false (bench_callgrind_is_available ());
  record = count_run ("fixed_work");
  g_setenv ("PATH", path, TRUE);
  test_rm_rf (empty);

  result = bench_run_record_lookup (record, "fixed_work");
  g_assert_false (bench_result_is_success (result));
  g_assert_nonnull (strstr (bench_result_get_error (result)->message, "needs Valgrind"));
}

static void
test_in_process_refused (void)
{
  const BenchTarget *target = bench_registry_lookup (instr_targets_get_all (), "fixed_work");
  g_autoptr(BenchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  BenchRunOptions options;

  counting_options (&options);
  options.isolation = BENCH_ISOLATION_IN_PROCESS;
  result = bench_run_target (target, &options, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (bench_result_is_success (result));
  g_assert_nonnull (strstr (bench_result_get_error (result)->message, "worker process"));
}

/* Two runs of the same build count the same instructions: within 0.1%. */
static void
test_reproducible (void)
{
  g_autoptr(BenchRunRecord) first = NULL;
  g_autoptr(BenchRunRecord) second = NULL;
  double a, b;

  if (skip_without_valgrind ())
    return;
  g_unsetenv (INSTR_TARGETS_EXTRA_ENV);
  first = count_run ("fixed_work");
  second = count_run ("fixed_work");
  a = count_of (first, "fixed_work");
  b = count_of (second, "fixed_work");
  g_test_message ("fixed_work: %.3f and %.3f instructions/op", a, b);
  /* At least the multiply, shift and xor of each step. */
  g_assert_cmpfloat (a, >, 3.0 * INSTR_TARGETS_STEPS);
  g_assert_cmpfloat (fabs (b / a - 1.0), <=, 0.001);
}

/* 2% more work is 2% more instructions, and a regression; 2% less is an
 * improvement; the same work is no change. */
static void
test_detects_two_percent (void)
{
  g_autoptr(BenchRunRecord) baseline = NULL;
  g_autoptr(BenchRunRecord) more = NULL;
  g_autoptr(BenchRunComparison) regressed = NULL;
  g_autoptr(BenchRunComparison) improved = NULL;
  const BenchTargetComparison *target;
  double base, now;

  if (skip_without_valgrind ())
    return;
  g_unsetenv (INSTR_TARGETS_EXTRA_ENV);
  baseline = count_run ("fixed_work");
  g_setenv (INSTR_TARGETS_EXTRA_ENV, "2", TRUE);
  more = count_run ("fixed_work");
  g_unsetenv (INSTR_TARGETS_EXTRA_ENV);

  base = count_of (baseline, "fixed_work");
  now = count_of (more, "fixed_work");
  g_test_message ("fixed_work: %.3f, with 2%% more steps %.3f instructions/op (%+.3f%%)",
                  base, now, 100.0 * (now / base - 1.0));
  g_assert_cmpfloat (now / base - 1.0, >, 0.015);
  g_assert_cmpfloat (now / base - 1.0, <, 0.025);

  regressed = bench_run_comparison_new (baseline, more, BENCH_COMPARE_DEFAULT_NOISE);
  target = bench_run_comparison_lookup (regressed, "fixed_work");
  g_assert_cmpint (target->status, ==, BENCH_TARGET_COMPARED);
  g_assert_cmpstr (bench_verdict_to_string (target->stats.verdict), ==, "regressed");
  improved = bench_run_comparison_new (more, baseline, BENCH_COMPARE_DEFAULT_NOISE);
  target = bench_run_comparison_lookup (improved, "fixed_work");
  g_assert_cmpstr (bench_verdict_to_string (target->stats.verdict), ==, "improved");
}

static void
test_target_failure (void)
{
  g_autoptr(BenchRunRecord) record = NULL;
  BenchResult *result;

  if (skip_without_valgrind ())
    return;
  record = count_run ("failing_work");
  result = bench_run_record_lookup (record, "failing_work");
  g_assert_false (bench_result_is_success (result));
  g_test_message ("%s", bench_result_get_error (result)->message);
  g_assert_nonnull (strstr (bench_result_get_error (result)->message, "the work went wrong"));
}

/* A crash under Callgrind is reported as any crash, in the target's words,
 * not Valgrind's. */
static void
test_target_crash (void)
{
  g_autoptr(BenchRunRecord) record = NULL;
  BenchResult *result;
  const char *message;

  if (skip_without_valgrind ())
    return;
  record = count_run ("crashing_work");
  result = bench_run_record_lookup (record, "crashing_work");
  g_assert_false (bench_result_is_success (result));
  message = bench_result_get_error (result)->message;
  g_test_message ("%s", message);
  g_assert_cmpstr (message, ==, "crashed: segmentation fault (SIGSEGV) while measuring");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/instructions/parse-counts", test_parse_counts);
  g_test_add_func ("/instructions/compare-counts", test_compare_counts);
  g_test_add_func ("/instructions/run-comparison", test_run_comparison);
  g_test_add_func ("/instructions/load-counted", test_load_counted);
  g_test_add_func ("/instructions/no-valgrind", test_no_valgrind);
  g_test_add_func ("/instructions/in-process-refused", test_in_process_refused);
  g_test_add_func ("/instructions/reproducible", test_reproducible);
  g_test_add_func ("/instructions/detects-two-percent", test_detects_two_percent);
  g_test_add_func ("/instructions/target-failure", test_target_failure);
  g_test_add_func ("/instructions/target-crash", test_target_crash);
  return g_test_run ();
}
