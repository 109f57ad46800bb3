/* fuzz-history-record.h: what the history harnesses do with a record that
 * loaded: everything the CLI and the app do with one (exports, the machine
 * it ran on, a comparison with itself), so that a record which loads but
 * breaks a reader is found too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bench-environment.h"
#include "bench-history.h"
#include "bench-history-export.h"
#include "bench-result.h"
#include "bench-run-comparison.h"

static inline void
fuzz_use_record (BenchRunRecord *record)
{
  g_autoptr(JsonNode) gbench = bench_run_record_to_gbench (record);
  g_autoptr(JsonNode) back = bench_run_record_to_json (record);
  g_autofree char *gbench_text = json_to_string (gbench, FALSE);
  g_autofree char *back_text = json_to_string (back, FALSE);
  g_autofree char *csv = bench_run_record_to_samples_csv (record);
  g_autoptr(BenchEnvironment) environment =
    bench_environment_from_json (bench_run_record_get_environment (record));
  g_auto(GStrv) warnings = bench_environment_dup_warning_messages (environment);
  g_auto(GStrv) differences = bench_environment_fingerprint_differences (bench_run_record_get_environment (record),
                                                                         NULL);
  g_autoptr(BenchRunComparison) comparison = bench_run_comparison_new (record, record, 0.02);

  g_assert_nonnull (gbench_text);
  g_assert_nonnull (back_text);
  g_assert_nonnull (csv);
  g_assert_nonnull (environment);
  g_assert_nonnull (warnings);
  g_assert_nonnull (differences);
  g_assert_nonnull (comparison);

  for (guint i = 0; i < bench_run_record_get_results (record)->len; i++)
    {
      BenchResult *result = g_ptr_array_index (bench_run_record_get_results (record), i);
      g_autofree char *notes = bench_result_dup_notes (result);

      g_assert_nonnull (notes);
    }
}
