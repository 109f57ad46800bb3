/* costops-export.c: cost reports as CSV, JSON and JSON Lines.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "costops-export.h"

#include <string.h>

#include "costops-compress.h"
#include "costops-error.h"
#include "costops-export-private.h"
#include "costops-zstd-converter.h"

/* The buffer reaches the stream in writes of about this size. */
#define FLUSH_SIZE (64 * 1024)
/* Room for a row's fixed parts: separators, key names, the request count,
 * three amounts, the currency and the day. */
#define ROW_FIXED_ROOM (256 + 3 * COSTOPS_MONEY_STRING_SIZE)

static const char * const csv_columns[] = {
  "date", "provider", "model", "organization_id", "project_id", "requests",
  "input_cost", "output_cost", "total_cost", "currency", NULL
};

static const char * const format_names[] = {
  [COSTOPS_EXPORT_CSV] = "csv",
  [COSTOPS_EXPORT_JSON] = "json",
  [COSTOPS_EXPORT_JSON_LINES] = "jsonl",
};

const char *
costops_export_format_to_string (CostopsExportFormat format)
{
  g_return_val_if_fail ((guint) format < G_N_ELEMENTS (format_names), NULL);

  return format_names[format];
}

gboolean
costops_export_format_from_string (const char           *name,
                                   CostopsExportFormat  *format,
                                   GError              **error)
{
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_ascii_strcasecmp (name, format_names[i]) == 0)
      {
        *format = (CostopsExportFormat) i;
        return TRUE;
      }
  if (g_ascii_strcasecmp (name, "ndjson") == 0)
    {
      *format = COSTOPS_EXPORT_JSON_LINES;
      return TRUE;
    }
  g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD,
               "Unknown export format \"%s\" (expected csv, json or jsonl)", name);
  return FALSE;
}

gboolean
costops_export_format_from_filename (const char          *filename,
                                     CostopsExportFormat *format,
                                     CostopsExportFlags  *flags,
                                     GError             **error)
{
  g_autofree char *base = NULL;
  const char *dot;

  g_return_val_if_fail (filename != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);
  g_return_val_if_fail (flags != NULL, FALSE);

  base = g_path_get_basename (filename);
  *flags = COSTOPS_EXPORT_FLAGS_NONE;
  if (g_str_has_suffix (base, ".zst") && strlen (base) > 4)
    {
      base[strlen (base) - 4] = '\0';
      *flags |= COSTOPS_EXPORT_FLAGS_COMPRESS;
    }
  dot = strrchr (base, '.');
  if (dot == NULL || !costops_export_format_from_string (dot + 1, format, NULL))
    {
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD,
                   "Cannot tell the export format of \"%s\": use .csv, .json or .jsonl, "
                   "optionally followed by .zst", filename);
      return FALSE;
    }
  return TRUE;
}

const char * const *
costops_export_csv_columns (void)
{
  return csv_columns;
}

/* Worst-case room of the row's text fields in either format. */
static inline gsize
row_room (const CostopsReportRow *row,
          gsize                   lens[4])
{
  lens[0] = strlen (row->provider);
  lens[1] = strlen (row->model);
  lens[2] = strlen (row->organization_id);
  lens[3] = row->project_id != NULL ? strlen (row->project_id) : 0;
  return ROW_FIXED_ROOM + 6 * (lens[0] + lens[1] + lens[2] + lens[3]);
}

static void
format_csv_header (GString *buf)
{
  for (guint i = 0; csv_columns[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (buf, ',');
      g_string_append (buf, csv_columns[i]);
    }
  g_string_append (buf, "\r\n");
}

static void
format_csv_row (GString                *buf,
                const CostopsReportRow *row)
{
  gsize lens[4];
  char *p = costops_export_reserve (buf, row_room (row, lens));

  p = costops_export_literal (p, row->day, 10);
  *p++ = ',';
  p = costops_export_csv_field (p, row->provider, lens[0]);
  *p++ = ',';
  p = costops_export_csv_field (p, row->model, lens[1]);
  *p++ = ',';
  p = costops_export_csv_field (p, row->organization_id, lens[2]);
  *p++ = ',';
  if (row->project_id != NULL)
    p = costops_export_csv_field (p, row->project_id, lens[3]);
  *p++ = ',';
  p = costops_export_uint (p, row->requests);
  *p++ = ',';
  p = costops_export_money (p, row->input_cost);
  *p++ = ',';
  p = costops_export_money (p, row->output_cost);
  *p++ = ',';
  p = costops_export_money (p, row->total_cost);
  *p++ = ',';
  p = costops_export_literal (p, costops_currency_to_string (row->currency), 3);
  *p++ = '\r';
  *p++ = '\n';
  costops_export_commit (buf, p);
}

static void
format_json_row (GString                *buf,
                 const CostopsReportRow *row)
{
  gsize lens[4];
  char *p = costops_export_reserve (buf, row_room (row, lens));

  p = COSTOPS_EXPORT_LITERAL (p, "{\"date\":\"");
  p = costops_export_literal (p, row->day, 10);
  p = COSTOPS_EXPORT_LITERAL (p, "\",\"provider\":");
  p = costops_export_json_string (p, row->provider, lens[0]);
  p = COSTOPS_EXPORT_LITERAL (p, ",\"model\":");
  p = costops_export_json_string (p, row->model, lens[1]);
  p = COSTOPS_EXPORT_LITERAL (p, ",\"organization_id\":");
  p = costops_export_json_string (p, row->organization_id, lens[2]);
  p = COSTOPS_EXPORT_LITERAL (p, ",\"project_id\":");
  if (row->project_id != NULL)
    p = costops_export_json_string (p, row->project_id, lens[3]);
  else
    p = COSTOPS_EXPORT_LITERAL (p, "null");
  p = COSTOPS_EXPORT_LITERAL (p, ",\"requests\":");
  p = costops_export_uint (p, row->requests);
  p = COSTOPS_EXPORT_LITERAL (p, ",\"input_cost\":");
  p = costops_export_json_money (p, row->input_cost);
  p = COSTOPS_EXPORT_LITERAL (p, ",\"output_cost\":");
  p = costops_export_json_money (p, row->output_cost);
  p = COSTOPS_EXPORT_LITERAL (p, ",\"total_cost\":");
  p = costops_export_json_money (p, row->total_cost);
  p = COSTOPS_EXPORT_LITERAL (p, ",\"currency\":\"");
  p = costops_export_literal (p, costops_currency_to_string (row->currency), 3);
  p = COSTOPS_EXPORT_LITERAL (p, "\"}");
  costops_export_commit (buf, p);
}

static void
format_json_start (GString *buf)
{
  g_string_append (buf, "{\"data\":[");
}

static void
format_json_end (GString       *buf,
                 CostopsReport *report,
                 GDateTime     *generated_at)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *stamp = NULL;
  const CostopsReportTotal *totals;
  guint n_rows = costops_report_get_n_rows (report);
  guint n_totals;

  if (generated_at == NULL)
    generated_at = now = g_date_time_new_now_utc ();
  utc = g_date_time_to_utc (generated_at);
  stamp = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");

  g_string_append (buf, n_rows > 0 ? "\n],\"metadata\":{" : "],\"metadata\":{");
  g_string_append_printf (buf, "\"generated_at\":\"%s.%03dZ\"", stamp,
                          g_date_time_get_microsecond (utc) / 1000);
  g_string_append_printf (buf, ",\"source_records\":%" G_GUINT64_FORMAT,
                          costops_report_get_n_records (report));
  if (n_rows > 0)
    g_string_append_printf (buf, ",\"first_day\":\"%s\",\"last_day\":\"%s\"",
                            costops_report_get_first_day (report),
                            costops_report_get_last_day (report));
  else
    g_string_append (buf, ",\"first_day\":null,\"last_day\":null");
  g_string_append (buf, ",\"group_by\":[\"date\",\"provider\",\"model\","
                        "\"organization_id\",\"project_id\",\"currency\"]");
  g_string_append (buf, ",\"totals\":[");
  totals = costops_report_get_totals (report, &n_totals);
  for (guint i = 0; i < n_totals; i++)
    {
      char *p = costops_export_reserve (buf, ROW_FIXED_ROOM);

      if (i > 0)
        *p++ = ',';
      p = COSTOPS_EXPORT_LITERAL (p, "{\"currency\":\"");
      p = costops_export_literal (p, costops_currency_to_string (totals[i].currency), 3);
      p = COSTOPS_EXPORT_LITERAL (p, "\",\"requests\":");
      p = costops_export_uint (p, totals[i].requests);
      p = COSTOPS_EXPORT_LITERAL (p, ",\"input_cost\":");
      p = costops_export_json_money (p, totals[i].input_cost);
      p = COSTOPS_EXPORT_LITERAL (p, ",\"output_cost\":");
      p = costops_export_json_money (p, totals[i].output_cost);
      p = COSTOPS_EXPORT_LITERAL (p, ",\"total_cost\":");
      p = costops_export_json_money (p, totals[i].total_cost);
      *p++ = '}';
      costops_export_commit (buf, p);
    }
  g_string_append_printf (buf, "]},\"count\":%u}\n", n_rows);
}

/* Formats rows [*next, n) into @buf until it holds @limit bytes; returns
 * whether rows remain. The separators of JSON depend only on the row index,
 * so a document can be produced in any number of pieces. */
static gboolean
format_rows (CostopsReport        *report,
             CostopsExportFormat   format,
             guint                *next,
             gsize                 limit,
             GString              *buf)
{
  guint n = costops_report_get_n_rows (report);
  guint i = *next;

  for (; i < n && buf->len < limit; i++)
    {
      const CostopsReportRow *row = costops_report_get_row (report, i);

      switch (format)
        {
        case COSTOPS_EXPORT_CSV:
          format_csv_row (buf, row);
          break;
        case COSTOPS_EXPORT_JSON:
          g_string_append (buf, i == 0 ? "\n" : ",\n");
          format_json_row (buf, row);
          break;
        case COSTOPS_EXPORT_JSON_LINES:
          format_json_row (buf, row);
          g_string_append_c (buf, '\n');
          break;
        default:
          g_assert_not_reached ();
        }
    }
  *next = i;
  return i < n;
}

static void
format_head (CostopsExportFormat  format,
             GString             *buf)
{
  if (format == COSTOPS_EXPORT_CSV)
    format_csv_header (buf);
  else if (format == COSTOPS_EXPORT_JSON)
    format_json_start (buf);
}

void
costops_report_format (CostopsReport        *report,
                       CostopsExportFormat   format,
                       GDateTime            *generated_at,
                       GString              *out)
{
  guint next = 0;

  g_return_if_fail (COSTOPS_IS_REPORT (report));
  g_return_if_fail ((guint) format < G_N_ELEMENTS (format_names));
  g_return_if_fail (out != NULL);

  format_head (format, out);
  format_rows (report, format, &next, G_MAXSIZE, out);
  if (format == COSTOPS_EXPORT_JSON)
    format_json_end (out, report, generated_at);
}

static gboolean
write_document (CostopsReport        *report,
                CostopsExportFormat   format,
                GDateTime            *generated_at,
                GOutputStream        *out,
                GCancellable         *cancellable,
                GError              **error)
{
  g_autoptr(GString) buf = g_string_sized_new (FLUSH_SIZE + 4096);
  gboolean more;
  guint next = 0;

  format_head (format, buf);
  do
    {
      more = format_rows (report, format, &next, FLUSH_SIZE, buf);
      if (!more && format == COSTOPS_EXPORT_JSON)
        format_json_end (buf, report, generated_at);
      if (!g_output_stream_write_all (out, buf->str, buf->len, NULL, cancellable, error))
        return FALSE;
      g_string_truncate (buf, 0);
    }
  while (more);
  return TRUE;
}

gboolean
costops_report_write (CostopsReport        *report,
                      CostopsExportFormat   format,
                      CostopsExportFlags    flags,
                      GDateTime            *generated_at,
                      GOutputStream        *out,
                      GCancellable         *cancellable,
                      GError              **error)
{
  g_autoptr(CostopsZstdConverter) converter = NULL;
  g_autoptr(GOutputStream) zout = NULL;

  g_return_val_if_fail (COSTOPS_IS_REPORT (report), FALSE);
  g_return_val_if_fail ((guint) format < G_N_ELEMENTS (format_names), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(flags & COSTOPS_EXPORT_FLAGS_COMPRESS))
    return write_document (report, format, generated_at, out, cancellable, error);

  converter = costops_zstd_converter_new_compressor (COSTOPS_COMPRESS_LEVEL_DEFAULT, error);
  if (converter == NULL)
    return FALSE;
  zout = g_converter_output_stream_new (out, G_CONVERTER (converter));
  g_filter_output_stream_set_close_base_stream (G_FILTER_OUTPUT_STREAM (zout), FALSE);
  if (!write_document (report, format, generated_at, zout, cancellable, error))
    {
      /* Closed with a cancelled cancellable, the converter stream does not
       * try to end the frame on a stream that just failed. */
      g_autoptr(GCancellable) abandon = g_cancellable_new ();

      g_cancellable_cancel (abandon);
      g_output_stream_close (zout, abandon, NULL);
      return FALSE;
    }
  /* Closing ends the frame; the caller's stream stays open. */
  return g_output_stream_close (zout, cancellable, error);
}

gboolean
costops_report_save (CostopsReport        *report,
                     GFile                *file,
                     CostopsExportFormat   format,
                     CostopsExportFlags    flags,
                     GDateTime            *generated_at,
                     GCancellable         *cancellable,
                     GError              **error)
{
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (COSTOPS_IS_REPORT (report), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                        cancellable, error);
  if (out == NULL)
    return FALSE;

  if (!costops_report_write (report, format, flags, generated_at, G_OUTPUT_STREAM (out),
                             cancellable, &local_error))
    {
      /* Closing with a cancelled cancellable discards the temporary file
       * instead of renaming it over @file. */
      g_autoptr(GCancellable) abandon = g_cancellable_new ();
      g_autofree char *name = g_file_get_parse_name (file);

      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (out), abandon, NULL);
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  "Writing %s: ", name);
      return FALSE;
    }
  return g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, error);
}
