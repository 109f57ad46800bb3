/* costops-pricing-files.c: pricing and usage files, read through the
 * bounded reader (costops-safe-read.h) and parsed by costops-pricing.c.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "costops-pricing.h"

#include "costops-safe-read.h"

/* The file's bytes (NUL-terminated), or an error naming it. */
static GBytes *
read_file (const char  *path,
           gsize        max_size,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GBytes *contents = costops_safe_read_file (path, max_size, &local_error);

  if (contents == NULL)
    g_set_error (error, local_error->domain, local_error->code, "%s: %s",
                 path, local_error->message);
  return contents;
}

/* GBytes may hold NULL for no bytes; the loaders want text. */
static const char *
text_of (GBytes *contents)
{
  const char *data = g_bytes_get_data (contents, NULL);

  return data != NULL ? data : "";
}

GPtrArray *
costops_pricing_tables_load_file (const char  *path,
                                  GError     **error)
{
  g_autoptr(GBytes) contents = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  contents = read_file (path, COSTOPS_PRICING_MAX_FILE_BYTES, error);
  if (contents == NULL)
    return NULL;
  return costops_pricing_tables_load_data (text_of (contents),
                                           (gssize) g_bytes_get_size (contents), path, error);
}

GPtrArray *
costops_usage_records_load_file (const char  *path,
                                 GError     **error)
{
  g_autoptr(GBytes) contents = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  contents = read_file (path, COSTOPS_USAGE_MAX_FILE_BYTES, error);
  if (contents == NULL)
    return NULL;
  return costops_usage_records_load_data (text_of (contents),
                                          (gssize) g_bytes_get_size (contents), path, error);
}
