/* costops-export.h: writing cost reports as CSV, JSON and JSON Lines.
 *
 * CSV follows RFC 4180: a header line, CRLF line ends, fields containing a
 * comma, a double quote or a line break are quoted and their quotes doubled.
 * JSON is {"data": [rows], "metadata": {...}, "count": N}; JSON Lines is one
 * row object per line. Money is always printed exactly, with ten fractional
 * digits, as text in JSON (so that no parser rounds it through a double).
 *
 * Output goes through a buffer and reaches the stream in large writes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "costops-report.h"

G_BEGIN_DECLS

typedef enum {
  COSTOPS_EXPORT_CSV,
  COSTOPS_EXPORT_JSON,
  COSTOPS_EXPORT_JSON_LINES,
} CostopsExportFormat;

typedef enum {
  COSTOPS_EXPORT_FLAGS_NONE     = 0,
  /* zstd-compress the output (a .zst file), level 3, with checksum. */
  COSTOPS_EXPORT_FLAGS_COMPRESS = 1 << 0,
} CostopsExportFlags;

/* "csv", "json", "jsonl". */
const char *costops_export_format_to_string   (CostopsExportFormat   format);
gboolean    costops_export_format_from_string (const char           *name,
                                               CostopsExportFormat  *format,
                                               GError              **error);
/* From a file name: .csv, .json, .jsonl or .ndjson, optionally followed by
 * .zst (which sets COSTOPS_EXPORT_FLAGS_COMPRESS in @flags). */
gboolean    costops_export_format_from_filename (const char          *filename,
                                                 CostopsExportFormat *format,
                                                 CostopsExportFlags  *flags,
                                                 GError             **error);

/* The CSV header line's column names, NULL-terminated. */
const char * const *costops_export_csv_columns (void);

/* Appends the whole document to @out (in memory; cannot fail).
 * @generated_at goes into the JSON metadata; NULL means now. */
void      costops_report_format (CostopsReport        *report,
                                 CostopsExportFormat   format,
                                 GDateTime            *generated_at,
                                 GString              *out);
/* Writes the document to @out, which is not closed. With
 * COSTOPS_EXPORT_FLAGS_COMPRESS the bytes written form one zstd frame. */
gboolean  costops_report_write  (CostopsReport        *report,
                                 CostopsExportFormat   format,
                                 CostopsExportFlags    flags,
                                 GDateTime            *generated_at,
                                 GOutputStream        *out,
                                 GCancellable         *cancellable,
                                 GError              **error);
/* Writes @file atomically (temporary file, then rename); on failure an
 * existing @file is left untouched. */
gboolean  costops_report_save   (CostopsReport        *report,
                                 GFile                *file,
                                 CostopsExportFormat   format,
                                 CostopsExportFlags    flags,
                                 GDateTime            *generated_at,
                                 GCancellable         *cancellable,
                                 GError              **error);

G_END_DECLS
