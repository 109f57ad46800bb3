/* costops-records.c: providers, currencies and the record structs.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "costops-records.h"

#include <string.h>

#include "costops-error.h"

static const char * const provider_names[] = {
  [COSTOPS_PROVIDER_OPENAI] = "openai",
  [COSTOPS_PROVIDER_ANTHROPIC] = "anthropic",
  [COSTOPS_PROVIDER_GOOGLE] = "google",
  [COSTOPS_PROVIDER_AZURE] = "azure",
  [COSTOPS_PROVIDER_AWS] = "aws",
  [COSTOPS_PROVIDER_COHERE] = "cohere",
  [COSTOPS_PROVIDER_MISTRAL] = "mistral",
};

static const char * const currency_codes[] = {
  [COSTOPS_CURRENCY_USD] = "USD",
  [COSTOPS_CURRENCY_EUR] = "EUR",
  [COSTOPS_CURRENCY_GBP] = "GBP",
  [COSTOPS_CURRENCY_JPY] = "JPY",
};

CostopsProviderKind
costops_provider_from_string (const char *name)
{
  g_return_val_if_fail (name != NULL, COSTOPS_PROVIDER_CUSTOM);

  /* Provider names arrive from files typed by people: "OpenAI" is openai. */
  for (guint i = 0; i < G_N_ELEMENTS (provider_names); i++)
    if (g_ascii_strcasecmp (name, provider_names[i]) == 0)
      return (CostopsProviderKind) i;
  return COSTOPS_PROVIDER_CUSTOM;
}

const char *
costops_provider_to_string (CostopsProviderKind  kind,
                            const char          *custom_name)
{
  if ((guint) kind < G_N_ELEMENTS (provider_names))
    return provider_names[kind];
  return custom_name != NULL ? custom_name : "custom";
}

gboolean
costops_currency_from_string (const char      *code,
                              CostopsCurrency *out)
{
  g_return_val_if_fail (code != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (currency_codes); i++)
    if (g_ascii_strcasecmp (code, currency_codes[i]) == 0)
      {
        *out = (CostopsCurrency) i;
        return TRUE;
      }
  return FALSE;
}

const char *
costops_currency_to_string (CostopsCurrency currency)
{
  g_return_val_if_fail ((guint) currency < G_N_ELEMENTS (currency_codes), "USD");
  return currency_codes[currency];
}

const char *
costops_dimension_intern (const char *text)
{
  return text != NULL ? g_intern_string (text) : NULL;
}

/* --- time --- */

#define USEC_PER_SECOND G_GINT64_CONSTANT (1000000)

GDateTime *
costops_time_to_date_time (gint64 timestamp_us)
{
  /* Floor division, so that instants before 1970 keep a positive
   * microsecond part. */
  gint64 seconds = timestamp_us / USEC_PER_SECOND;
  gint64 micro = timestamp_us % USEC_PER_SECOND;
  g_autoptr(GDateTime) whole = NULL;

  if (micro < 0)
    {
      seconds--;
      micro += USEC_PER_SECOND;
    }
  whole = g_date_time_new_from_unix_utc (seconds);
  if (whole == NULL)
    return NULL;
  return g_date_time_add (whole, micro);
}

gint64
costops_time_from_date_time (GDateTime *date_time)
{
  g_return_val_if_fail (date_time != NULL, 0);

  return g_date_time_to_unix (date_time) * USEC_PER_SECOND
         + g_date_time_get_microsecond (date_time);
}

char *
costops_time_format (gint64 timestamp_us)
{
  g_autoptr(GDateTime) date_time = costops_time_to_date_time (timestamp_us);
  g_autofree char *seconds = NULL;
  int micro;

  if (date_time == NULL)
    return g_strdup ("(out of range)");
  seconds = g_date_time_format (date_time, "%Y-%m-%dT%H:%M:%S");
  micro = g_date_time_get_microsecond (date_time);
  if (micro == 0)
    return g_strconcat (seconds, "Z", NULL);
  return g_strdup_printf ("%s.%06dZ", seconds, micro);
}

gboolean
costops_time_parse (const char  *text,
                    gint64      *timestamp_us,
                    GError     **error)
{
  g_autoptr(GDateTime) date_time = NULL;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (timestamp_us != NULL, FALSE);

  if (strlen (text) == 10 && text[4] == '-' && text[7] == '-')
    {
      g_autofree char *midnight = g_strconcat (text, "T00:00:00Z", NULL);
      date_time = g_date_time_new_from_iso8601 (midnight, NULL);
    }
  else if (strchr (text, 'T') != NULL || strchr (text, 't') != NULL)
    {
      /* A NULL default zone makes a time without a zone an error, rather
       * than silently the local time of whoever runs the command. */
      date_time = g_date_time_new_from_iso8601 (text, NULL);
    }

  if (date_time == NULL)
    {
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_PARSE,
                   "“%s” is not an RFC 3339 time with a zone (e.g. 2025-12-02T12:34:56Z) or a date (2025-12-02)",
                   text);
      return FALSE;
    }
  *timestamp_us = costops_time_from_date_time (date_time);
  return TRUE;
}

/* --- usage records --- */

void
costops_usage_record_clear (CostopsUsageRecord *record)
{
  g_return_if_fail (record != NULL);

  g_clear_pointer (&record->id, g_free);
  g_clear_pointer (&record->user_id, g_free);
  /* Dimensions are shared (see the header), never freed. */
  record->provider_name = NULL;
  record->model_name = NULL;
  record->model_version = NULL;
  record->organization_id = NULL;
  record->project_id = NULL;
  g_clear_pointer (&record->tags, g_strfreev);
}

void
costops_usage_record_free (CostopsUsageRecord *record)
{
  if (record == NULL)
    return;
  costops_usage_record_clear (record);
  g_free (record);
}

CostopsUsageRecord *
costops_usage_record_copy (const CostopsUsageRecord *record)
{
  CostopsUsageRecord *copy;

  g_return_val_if_fail (record != NULL, NULL);

  copy = g_memdup2 (record, sizeof *record);
  copy->id = g_strdup (record->id);
  /* Interned, in case @record borrows strings that die before the copy. */
  copy->provider_name = costops_dimension_intern (record->provider_name);
  copy->model_name = costops_dimension_intern (record->model_name);
  copy->model_version = costops_dimension_intern (record->model_version);
  copy->organization_id = costops_dimension_intern (record->organization_id);
  copy->project_id = costops_dimension_intern (record->project_id);
  copy->user_id = g_strdup (record->user_id);
  copy->tags = g_strdupv (record->tags);
  return copy;
}

/* Kept out of line: building a message is the rare path, and keeping it out
 * of costops_usage_record_validate() keeps the common path short. */
static G_GNUC_NO_INLINE gboolean
validation_failed (const CostopsUsageRecord *record,
                   gint64                    now_us,
                   CostopsError              code,
                   GError                  **error)
{
  const char *id = record->id != NULL ? record->id : "(no id)";

  switch (code)
    {
    case COSTOPS_ERROR_TOTAL_TOKENS_ZERO:
      g_set_error (error, COSTOPS_ERROR, code,
                   "usage record “%s”: total_tokens must be greater than 0", id);
      break;
    case COSTOPS_ERROR_TOKEN_SUM_MISMATCH:
      g_set_error (error, COSTOPS_ERROR, code,
                   "usage record “%s”: prompt_tokens (%" G_GUINT64_FORMAT
                   ") + completion_tokens (%" G_GUINT64_FORMAT
                   ") must equal total_tokens (%" G_GUINT64_FORMAT ")",
                   id, record->prompt_tokens, record->completion_tokens,
                   record->total_tokens);
      break;
    case COSTOPS_ERROR_EMPTY_ORGANIZATION:
      g_set_error (error, COSTOPS_ERROR, code,
                   "usage record “%s”: organization_id must not be empty", id);
      break;
    case COSTOPS_ERROR_CACHED_EXCEEDS_PROMPT:
      g_set_error (error, COSTOPS_ERROR, code,
                   "usage record “%s”: cached_tokens (%" G_GUINT64_FORMAT
                   ") must not exceed prompt_tokens (%" G_GUINT64_FORMAT ")",
                   id, record->cached_tokens, record->prompt_tokens);
      break;
    case COSTOPS_ERROR_TIMESTAMP_IN_FUTURE:
      {
        g_autofree char *when = costops_time_format (record->timestamp_us);
        g_autofree char *now = costops_time_format (now_us);

        g_set_error (error, COSTOPS_ERROR, code,
                     "usage record “%s”: timestamp %s is in the future (now is %s)",
                     id, when, now);
      }
      break;
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

gboolean
costops_usage_record_validate (const CostopsUsageRecord *record,
                               gint64                    now_us,
                               GError                  **error)
{
  CostopsError code;
  guint64 sum;

  g_return_val_if_fail (record != NULL, FALSE);

  if (G_UNLIKELY (record->total_tokens == 0))
    code = COSTOPS_ERROR_TOTAL_TOKENS_ZERO;
  else if (G_UNLIKELY (__builtin_add_overflow (record->prompt_tokens,
                                               record->completion_tokens, &sum)
                       || sum != record->total_tokens))
    code = COSTOPS_ERROR_TOKEN_SUM_MISMATCH;
  else if (G_UNLIKELY (record->organization_id == NULL || record->organization_id[0] == '\0'))
    code = COSTOPS_ERROR_EMPTY_ORGANIZATION;
  else if (G_UNLIKELY (record->has_cached_tokens && record->cached_tokens > record->prompt_tokens))
    code = COSTOPS_ERROR_CACHED_EXCEEDS_PROMPT;
  else if (G_UNLIKELY (record->timestamp_us > now_us))
    code = COSTOPS_ERROR_TIMESTAMP_IN_FUTURE;
  else
    return TRUE;

  return validation_failed (record, now_us, code, error);
}

/* --- cost records --- */

void
costops_cost_record_clear (CostopsCostRecord *record)
{
  g_return_if_fail (record != NULL);

  g_clear_pointer (&record->usage_id, g_free);
  record->provider_name = NULL;
  record->model_name = NULL;
  record->organization_id = NULL;
  record->project_id = NULL;
}

void
costops_cost_record_free (CostopsCostRecord *record)
{
  if (record == NULL)
    return;
  costops_cost_record_clear (record);
  g_free (record);
}

CostopsCostRecord *
costops_cost_record_copy (const CostopsCostRecord *record)
{
  CostopsCostRecord *copy;

  g_return_val_if_fail (record != NULL, NULL);

  copy = g_memdup2 (record, sizeof *record);
  copy->usage_id = g_strdup (record->usage_id);
  copy->provider_name = costops_dimension_intern (record->provider_name);
  copy->model_name = costops_dimension_intern (record->model_name);
  copy->organization_id = costops_dimension_intern (record->organization_id);
  copy->project_id = costops_dimension_intern (record->project_id);
  return copy;
}

/* --- pricing tables --- */

void
costops_pricing_table_clear (CostopsPricingTable *table)
{
  g_return_if_fail (table != NULL);

  table->provider_name = NULL;
  table->model_name = NULL;
  if (table->kind == COSTOPS_PRICING_TIERED)
    {
      g_clear_pointer (&table->tiered.tiers, g_free);
      table->tiered.n_tiers = 0;
    }
}

void
costops_pricing_table_free (CostopsPricingTable *table)
{
  if (table == NULL)
    return;
  costops_pricing_table_clear (table);
  g_free (table);
}

CostopsPricingTable *
costops_pricing_table_copy (const CostopsPricingTable *table)
{
  CostopsPricingTable *copy;

  g_return_val_if_fail (table != NULL, NULL);

  copy = g_memdup2 (table, sizeof *table);
  copy->provider_name = costops_dimension_intern (table->provider_name);
  copy->model_name = costops_dimension_intern (table->model_name);
  if (table->kind == COSTOPS_PRICING_TIERED)
    copy->tiered.tiers = g_memdup2 (table->tiered.tiers,
                                    sizeof (CostopsPricingTier) * table->tiered.n_tiers);
  return copy;
}
