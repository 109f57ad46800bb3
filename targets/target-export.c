/* target-export.c: the cost report of 10,000 records written as CSV and as
 * JSON, in memory.
 *
 * setup() builds the report (grouped by day, provider, model, organization,
 * project and currency) and checks both documents once: the JSON parses
 * with json-glib and holds every row, the CSV has one line per row. Each
 * operation writes both documents into reused buffers, then checks their
 * sizes against setup's. Each format is also measured on its own for the
 * rows per second and MB/s metrics, and so is building the report.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "bench-error.h"
#include "bench-targets.h"
#include "costops-export.h"
#include "costops-export-records.h"

#define N_RECORDS 10000
#define MB        1e6

typedef struct {
  GPtrArray     *records;
  CostopsReport *report;
  GDateTime     *generated_at;
  GString       *csv;
  GString       *json;
  gsize          csv_size;
  gsize          json_size;
} ExportState;

static void
export_teardown (gpointer data)
{
  ExportState *state = data;

  g_clear_pointer (&state->records, g_ptr_array_unref);
  g_clear_object (&state->report);
  g_clear_pointer (&state->generated_at, g_date_time_unref);
  if (state->csv != NULL)
    g_string_free (state->csv, TRUE);
  if (state->json != NULL)
    g_string_free (state->json, TRUE);
  g_free (state);
}

static gboolean
export_failed (GError     **error,
               const char  *what)
{
  g_set_error (error, BENCH_ERROR, BENCH_ERROR_TARGET_FAILED, "export check failed: %s", what);
  return FALSE;
}

static gboolean
check_documents (ExportState  *state,
                 GError      **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  guint n_rows = costops_report_get_n_rows (state->report);
  JsonObject *root;
  guint lines = 0;

  if (!json_parser_load_from_data (parser, state->json->str, state->json->len, error))
    return FALSE;
  root = json_node_get_object (json_parser_get_root (parser));
  if (root == NULL || !json_object_has_member (root, "data") ||
      json_array_get_length (json_object_get_array_member (root, "data")) != n_rows ||
      json_object_get_int_member (root, "count") != n_rows)
    return export_failed (error, "the JSON document does not hold every row");

  for (const char *p = state->csv->str; (p = strstr (p, "\r\n")) != NULL; p += 2)
    lines++;
  if (lines != n_rows + 1)
    return export_failed (error, "the CSV document does not have one line per row");
  return TRUE;
}

static gpointer
export_setup (const BenchTarget  *target,
              GError            **error)
{
  ExportState *state = g_new0 (ExportState, 1);

  state->records = costops_cost_records_sample (N_RECORDS, COSTOPS_COST_RECORDS_SAMPLE_SEED);
  state->report = costops_report_new ((const CostopsCostRecord * const *) state->records->pdata,
                                      state->records->len, error);
  if (state->report == NULL)
    {
      export_teardown (state);
      return NULL;
    }
  /* Fixed, so every document has the same size. */
  state->generated_at = g_date_time_new_now_utc ();
  state->csv = g_string_sized_new (1024 * 1024);
  state->json = g_string_sized_new (2 * 1024 * 1024);
  costops_report_format (state->report, COSTOPS_EXPORT_CSV, state->generated_at, state->csv);
  costops_report_format (state->report, COSTOPS_EXPORT_JSON, state->generated_at, state->json);
  state->csv_size = state->csv->len;
  state->json_size = state->json->len;
  if (!check_documents (state, error))
    {
      export_teardown (state);
      return NULL;
    }
  return state;
}

static inline gboolean
write_once (ExportState          *state,
            CostopsExportFormat   format,
            GString              *buf,
            gsize                 expected,
            GError              **error)
{
  g_string_truncate (buf, 0);
  costops_report_format (state->report, format, state->generated_at, buf);
  if (buf->len != expected)
    return export_failed (error, "a document changed size between runs");
  bench_keep_pointer (buf->str);
  return TRUE;
}

static gboolean
export_run_both (gpointer   data,
                 guint64    iterations,
                 GError   **error)
{
  ExportState *state = data;

  for (guint64 i = 0; i < iterations; i++)
    if (!write_once (state, COSTOPS_EXPORT_CSV, state->csv, state->csv_size, error) ||
        !write_once (state, COSTOPS_EXPORT_JSON, state->json, state->json_size, error))
      return FALSE;
  return TRUE;
}

static gboolean
export_run_csv (gpointer   data,
                guint64    iterations,
                GError   **error)
{
  ExportState *state = data;

  for (guint64 i = 0; i < iterations; i++)
    if (!write_once (state, COSTOPS_EXPORT_CSV, state->csv, state->csv_size, error))
      return FALSE;
  return TRUE;
}

static gboolean
export_run_json (gpointer   data,
                 guint64    iterations,
                 GError   **error)
{
  ExportState *state = data;

  for (guint64 i = 0; i < iterations; i++)
    if (!write_once (state, COSTOPS_EXPORT_JSON, state->json, state->json_size, error))
      return FALSE;
  return TRUE;
}

static gboolean
export_run_build (gpointer   data,
                  guint64    iterations,
                  GError   **error)
{
  ExportState *state = data;

  for (guint64 i = 0; i < iterations; i++)
    {
      g_autoptr(CostopsReport) report = NULL;

      report = costops_report_new ((const CostopsCostRecord * const *) state->records->pdata,
                                   state->records->len, error);
      if (report == NULL)
        return FALSE;
      bench_keep (costops_report_get_n_rows (report));
    }
  return TRUE;
}

static gboolean
export_add_metrics (gpointer       data,
                    BenchContext  *context,
                    JsonObject    *metrics,
                    GError       **error)
{
  ExportState *state = data;
  const double rows = costops_report_get_n_rows (state->report);
  double csv_ops, json_ops, build_ops;

  if (!bench_context_measure (context, export_run_csv, state, &csv_ops, error))
    return FALSE;
  bench_context_report_progress (context, 0.33);
  if (!bench_context_measure (context, export_run_json, state, &json_ops, error))
    return FALSE;
  bench_context_report_progress (context, 0.67);
  if (!bench_context_measure (context, export_run_build, state, &build_ops, error))
    return FALSE;

  json_object_set_string_member (metrics, "workload",
                                 "report of 10000 cost records written as CSV and as JSON in memory");
  json_object_set_int_member (metrics, "records", N_RECORDS);
  json_object_set_int_member (metrics, "rows", (gint64) rows);
  json_object_set_int_member (metrics, "csv_size_bytes", state->csv_size);
  json_object_set_int_member (metrics, "json_size_bytes", state->json_size);
  json_object_set_double_member (metrics, "csv_rows_per_sec", csv_ops * rows);
  json_object_set_double_member (metrics, "csv_mb_per_sec", csv_ops * (double) state->csv_size / MB);
  json_object_set_double_member (metrics, "json_rows_per_sec", json_ops * rows);
  json_object_set_double_member (metrics, "json_mb_per_sec", json_ops * (double) state->json_size / MB);
  json_object_set_double_member (metrics, "report_builds_per_sec", build_ops);
  json_object_set_double_member (metrics, "report_build_records_per_sec", build_ops * N_RECORDS);
  return TRUE;
}

const BenchTarget bench_target_export = {
  .id = "export",
  .display_name = N_("Export"),
  .category = "io",
  .description = N_("Cost report of 10,000 records written as CSV and JSON in memory"),
  .setup = export_setup,
  .run_iterations = export_run_both,
  .add_metrics = export_add_metrics,
  .teardown = export_teardown,
};
