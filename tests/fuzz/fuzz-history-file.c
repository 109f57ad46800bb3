/* fuzz-history-file.c: the compressed contents of a history file to a run
 * record (bench_history_load_bytes: bounded zstd decompression, then the
 * JSON path), and what is done with a record.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "fuzz-common.h"
#include "fuzz-history-record.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) packed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BenchRunRecord) record = NULL;

  fuzz_init ();
  packed = g_bytes_new_take (fuzz_copy (data, size), size);
  record = bench_history_load_bytes (packed, &error);
  fuzz_check_outcome (record, error);
  if (record != NULL)
    fuzz_use_record (record);
  return 0;
}
