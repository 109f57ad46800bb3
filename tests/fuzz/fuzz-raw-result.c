/* fuzz-raw-result.c: a raw result file (raw/<target_id>.json, what the
 * app's Load Results reads) to a result, and what is done with one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "fuzz-common.h"

#include "bench-output.h"
#include "bench-result.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *copy = fuzz_copy (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(BenchResult) result = NULL;

  fuzz_init ();
  /* The seeds hold this target's result, so they pass the name check. */
  result = bench_output_load_result_data (copy, size, "cost_calculator.json", &error);
  fuzz_check_outcome (result, error);
  if (result != NULL)
    {
      g_autoptr(JsonNode) node = bench_result_to_json (result);
      g_autofree char *text = json_to_string (node, TRUE);
      g_autofree char *notes = bench_result_dup_notes (result);

      g_assert_nonnull (text);
      g_assert_nonnull (notes);
      (void) bench_result_get_p99_duration_ns (result);
      (void) bench_result_is_unstable (result);
    }
  return 0;
}
