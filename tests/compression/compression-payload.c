/* compression-payload.c: writes the compression benchmark's payload (the
 * same 10,000 cost records as JSON) to a file, for tests/peers/compression.sh
 * to give to `zstd -b`.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>

#include "costops-export-records.h"

int
main (int argc, char *argv[])
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  if (argc != 2)
    {
      fprintf (stderr, "usage: %s FILE\n", argv[0]);
      return 2;
    }
  records = costops_cost_records_sample (10000, COSTOPS_COST_RECORDS_SAMPLE_SEED);
  if (!costops_cost_records_format_json ((const CostopsCostRecord * const *) records->pdata,
                                         records->len, json, &error) ||
      !g_file_set_contents (argv[1], json->str, json->len, &error))
    {
      fprintf (stderr, "%s: %s\n", argv[0], error->message);
      return 1;
    }
  return 0;
}
