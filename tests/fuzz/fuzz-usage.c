/* fuzz-usage.c: a usage file (a JSON array or JSON Lines) to usage records
 * (costops_usage_records_load_data), and each record validated.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "fuzz-common.h"

#include "costops-pricing.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *copy = fuzz_copy (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;

  fuzz_init ();
  records = costops_usage_records_load_data (copy, (gssize) size, "fuzz.jsonl", &error);
  fuzz_check_outcome (records, error);
  if (records == NULL)
    return 0;

  for (guint i = 0; i < records->len; i++)
    {
      g_autoptr(GError) invalid = NULL;
      g_autoptr(CostopsUsageRecord) copy_of_record = costops_usage_record_copy (g_ptr_array_index (records, i));

      if (!costops_usage_record_validate (copy_of_record, G_MAXINT64, &invalid))
        g_assert_nonnull (invalid);
    }
  return 0;
}
