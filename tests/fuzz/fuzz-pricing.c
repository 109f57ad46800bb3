/* fuzz-pricing.c: a pricing file to pricing tables
 * (costops_pricing_tables_load_data), and a usage record priced with each
 * table that loaded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "fuzz-common.h"

#include "costops-calculator.h"
#include "costops-pricing.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *copy = fuzz_copy (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tables = NULL;

  fuzz_init ();
  tables = costops_pricing_tables_load_data (copy, (gssize) size, "fuzz.json", &error);
  fuzz_check_outcome (tables, error);
  if (tables == NULL)
    return 0;

  for (guint i = 0; i < tables->len; i++)
    {
      const CostopsPricingTable *table = g_ptr_array_index (tables, i);
      CostopsUsageRecord usage = {
        .id = (char *) "req-1",
        .timestamp_us = table->effective_us,
        .provider = table->provider,
        .provider_name = table->provider_name,
        .model_name = table->model_name,
        .organization_id = "org",
        .prompt_tokens = 123456789,
        .completion_tokens = 987654321,
        .total_tokens = 123456789 + 987654321,
        .cached_tokens = 12345,
        .has_cached_tokens = TRUE,
      };
      CostopsCostBreakdown out;
      g_autoptr(GError) cost_error = NULL;

      if (costops_calculator_compute (&usage, table, G_MAXINT64, &out, &cost_error))
        g_assert_no_error (cost_error);
      else
        g_assert_nonnull (cost_error);
    }
  return 0;
}
