/* fuzz-history-json.c: the decompressed JSON of a history file to a run
 * record (bench_run_record_load_data), and what is done with a record.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "fuzz-common.h"
#include "fuzz-history-record.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *copy = fuzz_copy (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(BenchRunRecord) record = NULL;

  fuzz_init ();
  record = bench_run_record_load_data (copy, size, &error);
  fuzz_check_outcome (record, error);
  if (record != NULL)
    fuzz_use_record (record);
  return 0;
}
