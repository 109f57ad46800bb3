/* costops-export-records.c: cost records as JSON; synthetic records.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "costops-export-records.h"

#include <string.h>

#include "costops-error.h"
#include "costops-export-private.h"

/* Room for a record's fixed parts: key names, the timestamp, three amounts. */
#define RECORD_FIXED_ROOM (256 + 3 * COSTOPS_MONEY_STRING_SIZE)

static char *
json_nullable (char       *p,
               const char *s)
{
  if (s == NULL)
    return COSTOPS_EXPORT_LITERAL (p, "null");
  return costops_export_json_string (p, s, strlen (s));
}

static gsize
nullable_len (const char *s)
{
  return s != NULL ? strlen (s) : 0;
}

/* NULL when the instant is outside what GDateTime represents. */
static char *
json_timestamp (char   *p,
                gint64  timestamp_us)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (0);
  g_autoptr(GDateTime) at = g_date_time_add (dt, timestamp_us);
  char text[40];
  int y, m, d;

  if (at == NULL)
    return NULL;
  g_date_time_get_ymd (at, &y, &m, &d);
  g_snprintf (text, sizeof text, "\"%04d-%02d-%02dT%02d:%02d:%02d.%06dZ\"",
              y, m, d, g_date_time_get_hour (at), g_date_time_get_minute (at),
              g_date_time_get_second (at), g_date_time_get_microsecond (at));
  return costops_export_literal (p, text, strlen (text));
}

static gboolean
record_invalid (GError                  **error,
                gsize                     index,
                const CostopsCostRecord  *record,
                const char               *field,
                const char               *problem)
{
  g_autofree char *id = record->usage_id != NULL
    ? g_utf8_make_valid (record->usage_id, -1) : g_strdup ("(none)");

  g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD,
               "Cost record %" G_GSIZE_FORMAT " (usage id \"%s\"): %s %s",
               index, id, field, problem);
  return FALSE;
}

static gboolean
check_text (const CostopsCostRecord  *record,
            gsize                     index,
            GError                  **error)
{
  const struct { const char *name; const char *value; } fields[] = {
    { "usage_id", record->usage_id },
    { "provider", record->provider_name },
    { "model", record->model_name },
    { "organization_id", record->organization_id },
    { "project_id", record->project_id },
  };

  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    if (fields[f].value != NULL && !g_utf8_validate (fields[f].value, -1, NULL))
      return record_invalid (error, index, record, fields[f].name, "is not valid UTF-8 text");
  if ((guint) record->currency > COSTOPS_CURRENCY_JPY)
    return record_invalid (error, index, record, "currency", "is not a known currency");
  return TRUE;
}

gboolean
costops_cost_records_format_json (const CostopsCostRecord * const *records,
                                  gsize                            n_records,
                                  GString                         *out,
                                  GError                         **error)
{
  gsize start_len;

  g_return_val_if_fail (records != NULL || n_records == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  start_len = out->len;
  g_string_append_c (out, '[');
  for (gsize i = 0; i < n_records; i++)
    {
      const CostopsCostRecord *r = records[i];
      const char *provider;
      gsize room;
      char *p;

      if (r == NULL)
        {
          g_string_truncate (out, start_len);
          g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD,
                       "Cost record %" G_GSIZE_FORMAT " is missing (NULL)", i);
          return FALSE;
        }
      if (!check_text (r, i, error))
        {
          g_string_truncate (out, start_len);
          return FALSE;
        }
      provider = r->provider_name != NULL
        ? r->provider_name : costops_provider_to_string (r->provider, NULL);
      room = RECORD_FIXED_ROOM +
             6 * (nullable_len (r->usage_id) + strlen (provider) +
                  nullable_len (r->model_name) + nullable_len (r->organization_id) +
                  nullable_len (r->project_id));
      p = costops_export_reserve (out, room);

      if (i > 0)
        *p++ = ',';
      p = COSTOPS_EXPORT_LITERAL (p, "\n{\"usage_id\":");
      p = json_nullable (p, r->usage_id);
      p = COSTOPS_EXPORT_LITERAL (p, ",\"timestamp\":");
      p = json_timestamp (p, r->timestamp_us);
      if (p == NULL)
        {
          g_string_truncate (out, start_len);
          return record_invalid (error, i, r, "timestamp", "is outside the years 1 to 9999");
        }
      p = COSTOPS_EXPORT_LITERAL (p, ",\"provider\":");
      p = json_nullable (p, provider);
      p = COSTOPS_EXPORT_LITERAL (p, ",\"model\":");
      p = json_nullable (p, r->model_name);
      p = COSTOPS_EXPORT_LITERAL (p, ",\"organization_id\":");
      p = json_nullable (p, r->organization_id);
      p = COSTOPS_EXPORT_LITERAL (p, ",\"project_id\":");
      p = json_nullable (p, r->project_id);
      p = COSTOPS_EXPORT_LITERAL (p, ",\"input_cost\":");
      p = costops_export_json_money (p, r->input_cost);
      p = COSTOPS_EXPORT_LITERAL (p, ",\"output_cost\":");
      p = costops_export_json_money (p, r->output_cost);
      p = COSTOPS_EXPORT_LITERAL (p, ",\"total_cost\":");
      p = costops_export_json_money (p, r->total_cost);
      p = COSTOPS_EXPORT_LITERAL (p, ",\"currency\":\"");
      p = costops_export_literal (p, costops_currency_to_string (r->currency), 3);
      p = COSTOPS_EXPORT_LITERAL (p, "\"}");
      costops_export_commit (out, p);
    }
  g_string_append (out, n_records > 0 ? "\n]\n" : "]\n");
  return TRUE;
}

typedef struct {
  CostopsProviderKind provider;
  const char *model;
  /* Prices per million tokens, in units of 10^-4 (e.g. 25000 = 2.5). */
  guint64     input_per_million;
  guint64     output_per_million;
} SampleModel;

static const SampleModel sample_models[] = {
  { COSTOPS_PROVIDER_OPENAI, "gpt-4o", 25000, 100000 },
  { COSTOPS_PROVIDER_OPENAI, "gpt-4o-mini", 1500, 6000 },
  { COSTOPS_PROVIDER_ANTHROPIC, "claude-3-5-sonnet", 30000, 150000 },
  { COSTOPS_PROVIDER_ANTHROPIC, "claude-3-haiku", 2500, 12500 },
  { COSTOPS_PROVIDER_GOOGLE, "gemini-1.5-pro", 12500, 50000 },
  { COSTOPS_PROVIDER_GOOGLE, "gemini-1.5-flash", 750, 3000 },
  { COSTOPS_PROVIDER_AZURE, "gpt-4-turbo", 100000, 300000 },
  { COSTOPS_PROVIDER_AZURE, "gpt-35-turbo", 5000, 15000 },
  { COSTOPS_PROVIDER_AWS, "titan-text-express", 2000, 6000 },
  { COSTOPS_PROVIDER_AWS, "llama3-70b-instruct", 26500, 35000 },
  { COSTOPS_PROVIDER_COHERE, "command-r-plus", 30000, 150000 },
  { COSTOPS_PROVIDER_COHERE, "command-r", 5000, 15000 },
  { COSTOPS_PROVIDER_MISTRAL, "mistral-large", 20000, 60000 },
  { COSTOPS_PROVIDER_MISTRAL, "mistral-small", 2000, 6000 },
};

static const char * const sample_organizations[] = {
  "org-acme", "org-globex", "org-initech", "org-umbrella", "org-hooli",
};

/* 2025-01-06T00:00:00Z, a Monday. */
#define SAMPLE_START_US G_GINT64_CONSTANT (1736121600000000)
#define SAMPLE_WEEK_US  G_GINT64_CONSTANT (604800000000)

GPtrArray *
costops_cost_records_sample (guint   n_records,
                             guint32 seed)
{
  GPtrArray *records = g_ptr_array_new_full (n_records, (GDestroyNotify) costops_cost_record_free);
  GRand *rand = g_rand_new_with_seed (seed);

  for (guint i = 0; i < n_records; i++)
    {
      const SampleModel *m = &sample_models[g_rand_int_range (rand, 0, G_N_ELEMENTS (sample_models))];
      CostopsCostRecord *r = g_new0 (CostopsCostRecord, 1);
      guint64 prompt = (guint64) g_rand_int_range (rand, 50, 20000);
      guint64 completion = (guint64) g_rand_int_range (rand, 10, 4000);
      guint project = (guint) g_rand_int_range (rand, 0, 22);
      /* tokens × (price × 10^-4) / 10^6 in units of 10^-10: exact. */
      __int128 input = (__int128) prompt * (__int128) m->input_per_million;
      __int128 output = (__int128) completion * (__int128) m->output_per_million;

      r->usage_id = g_strdup_printf ("req-%08u", i + 1);
      r->timestamp_us = SAMPLE_START_US +
                        (gint64) (g_rand_double (rand) * (double) SAMPLE_WEEK_US);
      r->provider = m->provider;
      r->provider_name = costops_dimension_intern (costops_provider_to_string (m->provider, NULL));
      r->model_name = costops_dimension_intern (m->model);
      r->organization_id = costops_dimension_intern (sample_organizations[g_rand_int_range (rand, 0, G_N_ELEMENTS (sample_organizations))]);
      /* Two draws out of 22 mean "no project". */
      if (project < 20)
        {
          char project_id[16];

          g_snprintf (project_id, sizeof project_id, "proj-%02u", project + 1);
          r->project_id = costops_dimension_intern (project_id);
        }
      r->input_cost = costops_money_from_units (input);
      r->output_cost = costops_money_from_units (output);
      r->total_cost = costops_money_from_units (input + output);
      r->currency = g_rand_int_range (rand, 0, 20) == 0 ? COSTOPS_CURRENCY_EUR : COSTOPS_CURRENCY_USD;
      g_ptr_array_add (records, r);
    }

  g_rand_free (rand);
  return records;
}
