/* export-helper.c: writes report files for the checks and scripts that read
 * them back with other parsers (check-export.py, tests/peers/export.sh).
 *
 *   export-helper round-trip DIR   records.json with awkward text, and the
 *                                  report of them as report.csv, .json, .jsonl
 *   export-helper workload FILE    the export benchmark's report, JSON Lines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <string.h>

#include "costops-export.h"
#include "costops-export-records.h"

static CostopsCostRecord *
awkward_record (guint       i,
                const char *provider,
                const char *model,
                const char *org,
                const char *project,
                const char *input,
                const char *output,
                CostopsCurrency currency)
{
  CostopsCostRecord *r = g_new0 (CostopsCostRecord, 1);

  r->usage_id = g_strdup_printf ("awkward-%u", i);
  /* 2025-02-28T23:00:00Z plus i hours: crosses a month end. */
  r->timestamp_us = G_GINT64_CONSTANT (1740783600000000) + (gint64) i * G_GINT64_CONSTANT (3600000000);
  r->provider = costops_provider_from_string (provider);
  r->provider_name = costops_dimension_intern (provider);
  r->model_name = costops_dimension_intern (model);
  r->organization_id = costops_dimension_intern (org);
  r->project_id = costops_dimension_intern (project);
  g_assert_true (costops_money_parse (input, &r->input_cost, NULL));
  g_assert_true (costops_money_parse (output, &r->output_cost, NULL));
  g_assert_true (costops_money_add (r->input_cost, r->output_cost, &r->total_cost, NULL));
  r->currency = currency;
  return r;
}

static GPtrArray *
round_trip_records (void)
{
  static const char *texts[] = {
    "comma, inside", "quote \" inside", "\"quoted\"", "new\nline", "cr\rlf\r\n",
    "tab\there", "back\\slash", "control \x01\x1f", "ünïcødé", "日本語テキスト", "emoji 😀",
    " spaces ", "semi;colon", "plain", "lone\rreturn",
  };
  static const char *amounts[] = {
    "0.0000000001", "12345678.9", "-0.5", "0", "99999999999.9999999999", "0.1",
  };
  g_autoptr(GPtrArray) sample = costops_cost_records_sample (2000, 77);
  GPtrArray *recs = g_ptr_array_new_with_free_func ((GDestroyNotify) costops_cost_record_free);
  guint n = G_N_ELEMENTS (texts);

  for (guint i = 0; i < sample->len; i++)
    g_ptr_array_add (recs, costops_cost_record_copy (g_ptr_array_index (sample, i)));
  /* Every text in every column, twice, so that groups get more than one
   * record and sums of awkward amounts. */
  for (guint i = 0; i < 2 * n * 3; i++)
    g_ptr_array_add (recs, awkward_record (i % 30, texts[i % n], texts[(i / 2) % n],
                                           texts[(i / 3) % n], i % 4 == 0 ? NULL : texts[(i + 5) % n],
                                           amounts[i % G_N_ELEMENTS (amounts)],
                                           amounts[(i / 2) % G_N_ELEMENTS (amounts)],
                                           (CostopsCurrency) (i % 4)));
  return recs;
}

static gboolean
save_string (const char  *dir,
             const char  *name,
             GString     *text,
             GError     **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return g_file_set_contents (path, text->str, text->len, error);
}

static gboolean
round_trip (const char  *dir,
            GError     **error)
{
  g_autoptr(GPtrArray) recs = round_trip_records ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(CostopsReport) report = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_utc (2025, 3, 4, 5, 6, 7.5);
  static const struct { CostopsExportFormat format; const char *name; } outputs[] = {
    { COSTOPS_EXPORT_CSV, "report.csv" },
    { COSTOPS_EXPORT_JSON, "report.json" },
    { COSTOPS_EXPORT_JSON_LINES, "report.jsonl" },
  };

  if (!costops_cost_records_format_json ((const CostopsCostRecord * const *) recs->pdata,
                                         recs->len, text, error) ||
      !save_string (dir, "records.json", text, error))
    return FALSE;

  report = costops_report_new ((const CostopsCostRecord * const *) recs->pdata, recs->len, error);
  if (report == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
    {
      g_autofree char *path = g_build_filename (dir, outputs[i].name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      /* Through the stream writer, the way files are really written. */
      if (!costops_report_save (report, file, outputs[i].format, COSTOPS_EXPORT_FLAGS_NONE,
                                when, NULL, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
workload (const char  *path,
          GError     **error)
{
  g_autoptr(GPtrArray) recs = costops_cost_records_sample (10000, COSTOPS_COST_RECORDS_SAMPLE_SEED);
  g_autoptr(CostopsReport) report = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);

  report = costops_report_new ((const CostopsCostRecord * const *) recs->pdata, recs->len, error);
  if (report == NULL)
    return FALSE;
  return costops_report_save (report, file, COSTOPS_EXPORT_JSON_LINES, COSTOPS_EXPORT_FLAGS_NONE,
                              NULL, NULL, error);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (argc != 3)
    {
      fprintf (stderr, "usage: %s round-trip DIR | workload FILE\n", argv[0]);
      return 2;
    }
  if (strcmp (argv[1], "round-trip") == 0)
    ok = round_trip (argv[2], &error);
  else if (strcmp (argv[1], "workload") == 0)
    ok = workload (argv[2], &error);
  else
    {
      fprintf (stderr, "%s: unknown mode \"%s\"\n", argv[0], argv[1]);
      return 2;
    }
  if (!ok)
    {
      fprintf (stderr, "%s: %s\n", argv[0], error->message);
      return 1;
    }
  return 0;
}
