/* costops-storage-pricing.c: pricing tables and their tiers.
 *
 * One row per table in pricing_tables (the columns of its kind set, the
 * others NULL) and, for tiered pricing, one row per tier in pricing_tiers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "costops-storage-private.h"

static const char *
kind_to_string (CostopsPricingKind kind)
{
  switch (kind)
    {
    case COSTOPS_PRICING_PER_TOKEN:
      return "per_token";
    case COSTOPS_PRICING_PER_REQUEST:
      return "per_request";
    case COSTOPS_PRICING_TIERED:
      return "tiered";
    default:
      return NULL;
    }
}

static gboolean
kind_from_string (const char         *text,
                  CostopsPricingKind *out)
{
  static const CostopsPricingKind kinds[] = {
    COSTOPS_PRICING_PER_TOKEN, COSTOPS_PRICING_PER_REQUEST, COSTOPS_PRICING_TIERED,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      if (g_strcmp0 (text, kind_to_string (kinds[i])) == 0)
        {
          *out = kinds[i];
          return TRUE;
        }
    }
  return FALSE;
}

static const char *
table_provider (const CostopsPricingTable *table)
{
  return table->provider == COSTOPS_PROVIDER_CUSTOM
         ? table->provider_name
         : costops_provider_to_string (table->provider, table->provider_name);
}

/* "openai/gpt-4o from 2024-05-01T00:00:00Z", for messages. */
static char *
describe_table (const char *provider,
                const char *model,
                gint64      effective_us)
{
  g_autofree char *from = costops_storage_format_time (effective_us);

  return g_strdup_printf ("%s/%s from %s", provider != NULL ? provider : "?",
                          model != NULL ? model : "?", from);
}

static gboolean
invalid (GError     **error,
         const char  *what,
         const char  *problem)
{
  g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD, "Pricing %s: %s",
               what, problem);
  return FALSE;
}

static gboolean
check_table (const CostopsPricingTable  *table,
             const char                 *what,
             GError                    **error)
{
  const char *provider = table_provider (table);

  if (provider == NULL || provider[0] == '\0' || !g_utf8_validate (provider, -1, NULL))
    return invalid (error, what, "field provider_name is empty or not UTF-8");
  if (table->model_name == NULL || table->model_name[0] == '\0' ||
      !g_utf8_validate (table->model_name, -1, NULL))
    return invalid (error, what, "field model_name is empty or not UTF-8");
  if (table->has_end && table->end_us <= table->effective_us)
    return invalid (error, what, "field end_us is not after effective_us");
  if (kind_to_string (table->kind) == NULL)
    return invalid (error, what, "field kind is not a known pricing kind");
  if (costops_currency_to_string (table->currency) == NULL)
    return invalid (error, what, "field currency is not a known currency");
  if (table->kind == COSTOPS_PRICING_PER_REQUEST &&
      table->per_request.included_tokens > (guint64) G_MAXINT64)
    return invalid (error, what, "field included_tokens is too large to store");
  if (table->kind == COSTOPS_PRICING_TIERED)
    {
      if (table->tiered.n_tiers == 0 || table->tiered.tiers == NULL)
        return invalid (error, what, "tiered pricing has no tiers");
      for (guint i = 0; i < table->tiered.n_tiers; i++)
        {
          const CostopsPricingTier *tier = &table->tiered.tiers[i];

          if (tier->min_tokens > (guint64) G_MAXINT64 ||
              (tier->has_max_tokens && tier->max_tokens > (guint64) G_MAXINT64))
            return invalid (error, what, "a tier's token bound is too large to store");
          if (tier->has_max_tokens && tier->max_tokens < tier->min_tokens)
            return invalid (error, what, "a tier's max_tokens is below its min_tokens");
        }
    }
  return TRUE;
}

static void
bind_money (sqlite3_stmt *stmt,
            int           column,
            CostopsMoney  value,
            char          buf[COSTOPS_MONEY_STRING_SIZE])
{
  costops_money_format (value, buf);
  sqlite3_bind_text (stmt, column, buf, -1, SQLITE_STATIC);
}

static gboolean
insert_tiers (CostopsStorage             *self,
              const CostopsPricingTable  *table,
              sqlite3_int64               pricing_id,
              const char                 *what,
              GError                    **error)
{
  g_autoptr(StorageStmtUse) stmt = costops_storage_stmt (self, STORAGE_STMT_INSERT_TIER, error);

  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < table->tiered.n_tiers; i++)
    {
      const CostopsPricingTier *tier = &table->tiered.tiers[i];
      char input[COSTOPS_MONEY_STRING_SIZE];
      char output[COSTOPS_MONEY_STRING_SIZE];
      int rc;

      sqlite3_bind_int64 (stmt, 1, pricing_id);
      sqlite3_bind_int64 (stmt, 2, i);
      sqlite3_bind_int64 (stmt, 3, (sqlite3_int64) tier->min_tokens);
      if (tier->has_max_tokens)
        sqlite3_bind_int64 (stmt, 4, (sqlite3_int64) tier->max_tokens);
      else
        sqlite3_bind_null (stmt, 4);
      bind_money (stmt, 5, tier->input_per_million, input);
      bind_money (stmt, 6, tier->output_per_million, output);

      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          costops_storage_set_error (self, rc, error, "Cannot store tier %u of pricing %s",
                                     i + 1, what);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
insert_table_row (CostopsStorage             *self,
                  const CostopsPricingTable  *table,
                  const char                 *what,
                  GError                    **error)
{
  g_autoptr(StorageStmtUse) stmt = costops_storage_stmt (self, STORAGE_STMT_INSERT_PRICING, error);
  char a[COSTOPS_MONEY_STRING_SIZE];
  char b[COSTOPS_MONEY_STRING_SIZE];
  char c[COSTOPS_MONEY_STRING_SIZE];
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, table_provider (table), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, table->model_name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, table->effective_us);
  if (table->has_end)
    sqlite3_bind_int64 (stmt, 4, table->end_us);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_text (stmt, 5, costops_currency_to_string (table->currency), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, kind_to_string (table->kind), -1, SQLITE_STATIC);
  for (int column = 7; column <= 12; column++)
    sqlite3_bind_null (stmt, column);

  switch (table->kind)
    {
    case COSTOPS_PRICING_PER_TOKEN:
      bind_money (stmt, 7, table->per_token.input_per_million, a);
      bind_money (stmt, 8, table->per_token.output_per_million, b);
      if (table->per_token.has_cached_discount)
        bind_money (stmt, 9, table->per_token.cached_discount, c);
      break;
    case COSTOPS_PRICING_PER_REQUEST:
      bind_money (stmt, 10, table->per_request.price_per_request, a);
      sqlite3_bind_int64 (stmt, 11, (sqlite3_int64) table->per_request.included_tokens);
      bind_money (stmt, 12, table->per_request.overage_per_million, b);
      break;
    case COSTOPS_PRICING_TIERED:
    default:
      break;
    }

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      costops_storage_set_error (self, rc, error, "Cannot store pricing %s", what);
      return FALSE;
    }
  return TRUE;
}

gboolean
costops_storage_insert_pricing (CostopsStorage             *self,
                                const CostopsPricingTable  *table,
                                GError                    **error)
{
  g_autofree char *what = NULL;

  g_return_val_if_fail (COSTOPS_IS_STORAGE (self), FALSE);
  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  what = describe_table (table_provider (table), table->model_name, table->effective_us);
  if (!check_table (table, what, error))
    return FALSE;

  /* The table and its tiers are one unit: all stored or none. */
  if (!costops_storage_begin (self, "Cannot start storing pricing", error))
    return FALSE;
  if (!insert_table_row (self, table, what, error) ||
      (table->kind == COSTOPS_PRICING_TIERED &&
       !insert_tiers (self, table, sqlite3_last_insert_rowid (self->db), what, error)) ||
      !costops_storage_commit (self, "Cannot commit pricing", error))
    {
      costops_storage_rollback (self);
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_tiers (CostopsStorage       *self,
            sqlite3_int64         pricing_id,
            CostopsPricingTable  *table,
            const char           *what,
            GError              **error)
{
  g_autoptr(StorageStmtUse) stmt = costops_storage_stmt (self, STORAGE_STMT_GET_TIERS, error);
  g_autoptr(GArray) tiers = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pricing_id);

  tiers = g_array_new (FALSE, TRUE, sizeof (CostopsPricingTier));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CostopsPricingTier tier = { 0 };
      sqlite3_int64 min = sqlite3_column_int64 (stmt, 0);

      tier.has_max_tokens = sqlite3_column_type (stmt, 1) != SQLITE_NULL;
      tier.max_tokens = (guint64) sqlite3_column_int64 (stmt, 1);
      if (min < 0 || (tier.has_max_tokens && sqlite3_column_int64 (stmt, 1) < 0))
        {
          g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_CORRUPT_DATABASE,
                       "Pricing %s: a tier has a negative token bound (database “%s”)",
                       what, self->path);
          return FALSE;
        }
      tier.min_tokens = (guint64) min;
      if (!costops_storage_read_money (self, stmt, 2, what, &tier.input_per_million, error) ||
          !costops_storage_read_money (self, stmt, 3, what, &tier.output_per_million, error))
        return FALSE;
      g_array_append_val (tiers, tier);
    }
  if (rc != SQLITE_DONE)
    {
      costops_storage_set_error (self, rc, error, "Cannot read the tiers of pricing %s", what);
      return FALSE;
    }
  if (tiers->len == 0)
    {
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_CORRUPT_DATABASE,
                   "Pricing %s is tiered but has no tiers (database “%s”)", what, self->path);
      return FALSE;
    }

  table->tiered.n_tiers = tiers->len;
  table->tiered.tiers = (CostopsPricingTier *) (void *) g_array_free (g_steal_pointer (&tiers),
                                                                      FALSE);
  return TRUE;
}

/* Reads the current row of a statement selecting PRICING_COLUMNS. */
static CostopsPricingTable *
pricing_from_row (CostopsStorage  *self,
                  sqlite3_stmt    *stmt,
                  GError         **error)
{
  g_autoptr(CostopsPricingTable) table = g_new0 (CostopsPricingTable, 1);
  g_autofree char *what = NULL;
  sqlite3_int64 id = sqlite3_column_int64 (stmt, 0);
  const char *currency;
  const char *kind;

  table->provider_name = costops_dimension_intern ((const char *) sqlite3_column_text (stmt, 1));
  table->provider = costops_provider_from_string (table->provider_name);
  table->model_name = costops_dimension_intern ((const char *) sqlite3_column_text (stmt, 2));
  table->effective_us = sqlite3_column_int64 (stmt, 3);
  table->has_end = sqlite3_column_type (stmt, 4) != SQLITE_NULL;
  table->end_us = sqlite3_column_int64 (stmt, 4);
  what = describe_table (table->provider_name, table->model_name, table->effective_us);

  currency = (const char *) sqlite3_column_text (stmt, 5);
  kind = (const char *) sqlite3_column_text (stmt, 6);
  if (currency == NULL || !costops_currency_from_string (currency, &table->currency) ||
      !kind_from_string (kind, &table->kind))
    {
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_CORRUPT_DATABASE,
                   "Pricing %s: unknown currency “%s” or kind “%s” (database “%s”)", what,
                   currency != NULL ? currency : "NULL", kind != NULL ? kind : "NULL",
                   self->path);
      return NULL;
    }

  switch (table->kind)
    {
    case COSTOPS_PRICING_PER_TOKEN:
      if (!costops_storage_read_money (self, stmt, 7, what,
                                       &table->per_token.input_per_million, error) ||
          !costops_storage_read_money (self, stmt, 8, what,
                                       &table->per_token.output_per_million, error))
        return NULL;
      table->per_token.has_cached_discount = sqlite3_column_type (stmt, 9) != SQLITE_NULL;
      if (table->per_token.has_cached_discount &&
          !costops_storage_read_money (self, stmt, 9, what,
                                       &table->per_token.cached_discount, error))
        return NULL;
      break;
    case COSTOPS_PRICING_PER_REQUEST:
      if (!costops_storage_read_money (self, stmt, 10, what,
                                       &table->per_request.price_per_request, error) ||
          !costops_storage_read_money (self, stmt, 12, what,
                                       &table->per_request.overage_per_million, error))
        return NULL;
      if (sqlite3_column_int64 (stmt, 11) < 0)
        {
          g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_CORRUPT_DATABASE,
                       "Pricing %s, column included_tokens: negative (database “%s”)",
                       what, self->path);
          return NULL;
        }
      table->per_request.included_tokens = (guint64) sqlite3_column_int64 (stmt, 11);
      break;
    case COSTOPS_PRICING_TIERED:
    default:
      if (!load_tiers (self, id, table, what, error))
        return NULL;
      break;
    }

  return g_steal_pointer (&table);
}

CostopsPricingTable *
costops_storage_get_pricing (CostopsStorage  *self,
                             const char      *provider,
                             const char      *model,
                             gint64           at_us,
                             GError         **error)
{
  g_autoptr(StorageStmtUse) stmt = NULL;
  CostopsProviderKind kind;
  int rc;

  g_return_val_if_fail (COSTOPS_IS_STORAGE (self), NULL);
  g_return_val_if_fail (provider != NULL, NULL);
  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* "OpenAI" finds what was stored as "openai". */
  kind = costops_provider_from_string (provider);
  if (kind != COSTOPS_PROVIDER_CUSTOM)
    provider = costops_provider_to_string (kind, NULL);

  stmt = costops_storage_stmt (self, STORAGE_STMT_GET_PRICING, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, provider, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, model, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, at_us);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return pricing_from_row (self, stmt, error);

  if (rc == SQLITE_DONE)
    {
      g_autofree char *at = costops_storage_format_time (at_us);

      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_NOT_FOUND,
                   "No pricing for %s/%s in effect at %s (database “%s”)",
                   provider, model, at, self->path);
    }
  else
    costops_storage_set_error (self, rc, error, "Cannot read pricing for %s/%s",
                               provider, model);
  return NULL;
}

GPtrArray *
costops_storage_list_pricing (CostopsStorage  *self,
                              GError         **error)
{
  g_autoptr(StorageStmtUse) stmt = NULL;
  g_autoptr(GPtrArray) tables = NULL;
  int rc;

  g_return_val_if_fail (COSTOPS_IS_STORAGE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = costops_storage_stmt (self, STORAGE_STMT_LIST_PRICING, error);
  if (stmt == NULL)
    return NULL;

  tables = g_ptr_array_new_with_free_func ((GDestroyNotify) costops_pricing_table_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CostopsPricingTable *table = pricing_from_row (self, stmt, error);

      if (table == NULL)
        return NULL;
      g_ptr_array_add (tables, table);
    }
  if (rc != SQLITE_DONE)
    {
      costops_storage_set_error (self, rc, error, "Cannot list pricing tables");
      return NULL;
    }
  return g_steal_pointer (&tables);
}
