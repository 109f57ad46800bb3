/* test-format.c: numbers as the app shows them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "cob-accessibility.h"
#include "cob-format.h"
#include "cob-result-row.h"

static void
check (char       *formatted,
       const char *expected)
{
  g_assert_cmpstr (formatted, ==, expected);
  g_free (formatted);
}

static void
test_grouped (void)
{
  check (cob_format_grouped (0), "0");
  check (cob_format_grouped (999), "999");
  check (cob_format_grouped (1000), "1,000");
  check (cob_format_grouped (24512345.6), "24,512,346");
  check (cob_format_grouped (123456789012.0), "123,456,789,012");
  check (cob_format_grouped (-1234567), "-1,234,567");
  check (cob_format_grouped (-0.3), "0");
  check (cob_format_grouped (999.5), "1,000");
}

static void
test_duration (void)
{
  check (cob_format_duration_ns (0), "0 ns");
  check (cob_format_duration_ns (4.0812), "4.08 ns");
  check (cob_format_duration_ns (40.81), "40.8 ns");
  check (cob_format_duration_ns (408.1), "408 ns");
  check (cob_format_duration_ns (999.7), "1.00 µs");
  check (cob_format_duration_ns (3512), "3.51 µs");
  check (cob_format_duration_ns (12300000), "12.3 ms");
  check (cob_format_duration_ns (2.5e9), "2.50 s");
}

static void
test_percent_and_elapsed (void)
{
  check (cob_format_percent (0.042), "4.2 %");
  check (cob_format_percent (0), "0.0 %");
  check (cob_format_elapsed (400000), "0.4 s");
  check (cob_format_elapsed (12345678), "12.3 s");
  check (cob_format_elapsed (125 * G_USEC_PER_SEC), "2:05");
}

/* The notes column: one word for an unstable target, the sentence in the
 * tooltip; a failure's whole message in both. */
static void
test_result_notes (void)
{
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 3, 1, 12, 0, 0);
  g_autoptr(JsonObject) stable_metrics = json_object_new ();
  g_autoptr(JsonObject) unstable_metrics = json_object_new ();
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "disk full");
  g_autoptr(BenchResult) stable = NULL;
  g_autoptr(BenchResult) unstable = NULL;
  g_autoptr(BenchResult) failed = NULL;
  g_autoptr(CobResultRow) stable_row = NULL;
  g_autoptr(CobResultRow) unstable_row = NULL;
  g_autoptr(CobResultRow) failed_row = NULL;

  /* Loaded results carry their spread in the metrics. */
  json_object_set_double_member (stable_metrics, "spread", 0.05);
  json_object_set_double_member (unstable_metrics, "spread", 0.25);
  stable = bench_result_new_success ("a", stable_metrics, when, NULL, 0);
  unstable = bench_result_new_success ("b", unstable_metrics, when, NULL, 0);
  failed = bench_result_new_failure ("c", error, when);
  stable_row = cob_result_row_new (stable, "A");
  unstable_row = cob_result_row_new (unstable, "B");
  failed_row = cob_result_row_new (failed, "C");

  g_assert_cmpstr (cob_result_row_get_notes (stable_row), ==, "—");
  g_assert_null (cob_result_row_get_notes_detail (stable_row));
  g_assert_cmpstr (cob_result_row_get_notes (unstable_row), ==, "Unstable");
  g_assert_cmpstr (cob_result_row_get_notes_detail (unstable_row), ==,
                   "Unstable: samples differ by more than 10%");
  g_assert_cmpstr (cob_result_row_get_notes (failed_row), ==, "Failed: disk full");
  g_assert_cmpstr (cob_result_row_get_notes_detail (failed_row), ==, "Failed: disk full");
}

/* Accessible names of mnemonic labels. */
static void
test_strip_mnemonic (void)
{
  check (cob_accessibility_strip_mnemonic ("_Open"), "Open");
  check (cob_accessibility_strip_mnemonic ("Lo_garithmic"), "Logarithmic");
  check (cob_accessibility_strip_mnemonic ("Save __As"), "Save _As");
  check (cob_accessibility_strip_mnemonic ("Run"), "Run");
  check (cob_accessibility_strip_mnemonic (""), "");
}

int
main (int   argc,
      char *argv[])
{
  /* LC_ALL=C.UTF-8 in the test environment: no locale grouping, so the
   * fallback separator is what is checked. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/format/grouped", test_grouped);
  g_test_add_func ("/format/duration", test_duration);
  g_test_add_func ("/format/percent-and-elapsed", test_percent_and_elapsed);
  g_test_add_func ("/format/result-notes", test_result_notes);
  g_test_add_func ("/format/strip-mnemonic", test_strip_mnemonic);
  return g_test_run ();
}
