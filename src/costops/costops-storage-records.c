/* costops-storage-records.c: usage records (single, batch, by id, by
 * organization and time) and cost records.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "costops-storage-private.h"

/* ---------------------------------------------------------------------------
 * Usage records
 * ------------------------------------------------------------------------- */

/* Tags are stored as a JSON array of strings: one column, readable by any
 * SQLite client (json_each()). Written by hand because this runs per row in
 * batch inserts. */
static void
encode_tags (GString     *out,
             char *const *tags)
{
  g_string_truncate (out, 0);
  g_string_append_c (out, '[');
  for (gsize i = 0; tags[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '"');
      for (const unsigned char *p = (const unsigned char *) tags[i]; *p != '\0'; p++)
        {
          if (*p == '"' || *p == '\\')
            {
              g_string_append_c (out, '\\');
              g_string_append_c (out, (char) *p);
            }
          else if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
        }
      g_string_append_c (out, '"');
    }
  g_string_append_c (out, ']');
}

static const char *
skip_space (const char *p)
{
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
    p++;
  return p;
}

static int
hex4 (const char *p)
{
  int value = 0;

  for (int i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* Parses one JSON string starting after its opening quote into @out;
 * returns the position after the closing quote, or NULL. */
static const char *
parse_json_string (const char *p,
                   GString    *out)
{
  g_string_truncate (out, 0);
  for (;;)
    {
      const char *run = p;
      gunichar c;

      while (*p != '"' && *p != '\\' && (guchar) *p >= 0x20)
        p++;
      g_string_append_len (out, run, p - run);
      if (*p == '"')
        return g_utf8_validate (out->str, (gssize) out->len, NULL) ? p + 1 : NULL;
      if (*p != '\\')
        return NULL;  /* a raw control character or the end of the text */

      p++;
      switch (*p++)
        {
        case '"': g_string_append_c (out, '"'); continue;
        case '\\': g_string_append_c (out, '\\'); continue;
        case '/': g_string_append_c (out, '/'); continue;
        case 'b': g_string_append_c (out, '\b'); continue;
        case 'f': g_string_append_c (out, '\f'); continue;
        case 'n': g_string_append_c (out, '\n'); continue;
        case 'r': g_string_append_c (out, '\r'); continue;
        case 't': g_string_append_c (out, '\t'); continue;
        case 'u': break;
        default: return NULL;
        }

      if (hex4 (p) < 0)
        return NULL;
      c = (gunichar) hex4 (p);
      p += 4;
      if (c >= 0xD800 && c < 0xDC00)
        {
          int low = (p[0] == '\\' && p[1] == 'u') ? hex4 (p + 2) : -1;

          if (low < 0xDC00 || low > 0xDFFF)
            return NULL;
          c = 0x10000 + ((c - 0xD800) << 10) + ((gunichar) low - 0xDC00);
          p += 6;
        }
      else if (c >= 0xDC00 && c < 0xE000)
        return NULL;
      if (c == 0)
        return NULL;  /* cannot be part of a C string */
      g_string_append_unichar (out, c);
    }
}

/* The inverse of encode_tags(), also accepting any other valid JSON array
 * of strings (whitespace, \u escapes) that another program may have
 * written. Hand-written: it runs for every row a query returns. */
static gboolean
decode_tags (CostopsStorage  *self,
             const char      *text,
             const char      *record_id,
             char          ***out,
             GError         **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GString) item = g_string_new (NULL);
  const char *p = skip_space (text);

  if (*p++ != '[')
    goto bad;
  p = skip_space (p);
  if (*p == ']')
    p++;
  else
    {
      for (;;)
        {
          if (*p++ != '"' || (p = parse_json_string (p, item)) == NULL)
            goto bad;
          g_strv_builder_add (builder, item->str);
          p = skip_space (p);
          if (*p == ']')
            {
              p++;
              break;
            }
          if (*p++ != ',')
            goto bad;
          p = skip_space (p);
        }
    }
  if (*skip_space (p) != '\0')
    goto bad;

  *out = g_strv_builder_end (builder);
  return TRUE;

bad:
  g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_CORRUPT_DATABASE,
               "Usage record “%s”, column tags: not a JSON array of strings: %s "
               "(database “%s”)", record_id, text, self->path);
  return FALSE;
}

static gboolean
check_text_field (const char  *value,
                  gboolean     required,
                  const char  *kind,
                  const char  *record_id,
                  const char  *field,
                  GError     **error)
{
  if (required && (value == NULL || value[0] == '\0'))
    {
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD,
                   "%s “%s”: field %s is empty", kind,
                   record_id != NULL ? record_id : "", field);
      return FALSE;
    }
  if (value != NULL && !g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD,
                   "%s “%s”: field %s is not valid UTF-8", kind,
                   record_id != NULL && g_utf8_validate (record_id, -1, NULL) ? record_id : "?",
                   field);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_count (guint64      value,
             const char  *record_id,
             const char  *field,
             GError     **error)
{
  /* SQLite integers are signed 64-bit. */
  if (value > (guint64) G_MAXINT64)
    {
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD,
                   "Usage record “%s”: field %s (%" G_GUINT64_FORMAT ") is too large to store",
                   record_id, field, value);
      return FALSE;
    }
  return TRUE;
}

static const char *
provider_name_of (CostopsProviderKind  kind,
                  const char          *name)
{
  return kind == COSTOPS_PROVIDER_CUSTOM ? name : costops_provider_to_string (kind, name);
}

static gboolean
check_usage (const CostopsUsageRecord  *r,
             GError                   **error)
{
  const char *kind = "Usage record";

  return check_text_field (r->id, TRUE, kind, r->id, "id", error) &&
         check_text_field (provider_name_of (r->provider, r->provider_name), TRUE,
                           kind, r->id, "provider_name", error) &&
         check_text_field (r->model_name, TRUE, kind, r->id, "model_name", error) &&
         check_text_field (r->model_version, FALSE, kind, r->id, "model_version", error) &&
         check_text_field (r->organization_id, TRUE, kind, r->id, "organization_id", error) &&
         check_text_field (r->project_id, FALSE, kind, r->id, "project_id", error) &&
         check_text_field (r->user_id, FALSE, kind, r->id, "user_id", error) &&
         check_count (r->prompt_tokens, r->id, "prompt_tokens", error) &&
         check_count (r->completion_tokens, r->id, "completion_tokens", error) &&
         check_count (r->total_tokens, r->id, "total_tokens", error) &&
         (!r->has_cached_tokens || check_count (r->cached_tokens, r->id, "cached_tokens", error)) &&
         (!r->has_reasoning_tokens ||
          check_count (r->reasoning_tokens, r->id, "reasoning_tokens", error));
}

/* Binds and steps one row on the cached insert statement. Validation errors
 * come before any binding; SQLite errors are mapped with the record's id. */
static gboolean
insert_usage_row (CostopsStorage            *self,
                  sqlite3_stmt              *stmt,
                  const CostopsUsageRecord  *r,
                  GError                   **error)
{
  int rc;

  if (!check_usage (r, error))
    return FALSE;
  if (r->tags != NULL)
    {
      for (gsize i = 0; r->tags[i] != NULL; i++)
        if (!check_text_field (r->tags[i], FALSE, "Usage record", r->id, "tags", error))
          return FALSE;
    }

  sqlite3_bind_text (stmt, 1, r->id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, r->timestamp_us);
  sqlite3_bind_text (stmt, 3, provider_name_of (r->provider, r->provider_name), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, r->model_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, r->model_version, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, r->context_window);
  sqlite3_bind_text (stmt, 7, r->organization_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, r->project_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, r->user_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 10, (sqlite3_int64) r->prompt_tokens);
  sqlite3_bind_int64 (stmt, 11, (sqlite3_int64) r->completion_tokens);
  sqlite3_bind_int64 (stmt, 12, (sqlite3_int64) r->total_tokens);
  if (r->has_cached_tokens)
    sqlite3_bind_int64 (stmt, 13, (sqlite3_int64) r->cached_tokens);
  else
    sqlite3_bind_null (stmt, 13);
  if (r->has_reasoning_tokens)
    sqlite3_bind_int64 (stmt, 14, (sqlite3_int64) r->reasoning_tokens);
  else
    sqlite3_bind_null (stmt, 14);
  if (r->has_latency)
    sqlite3_bind_int64 (stmt, 15, r->latency_ms);
  else
    sqlite3_bind_null (stmt, 15);
  if (r->tags != NULL)
    {
      encode_tags (self->scratch, r->tags);
      sqlite3_bind_text (stmt, 16, self->scratch->str, (int) self->scratch->len, SQLITE_STATIC);
    }
  else
    sqlite3_bind_null (stmt, 16);

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      costops_storage_set_error (self, rc, error, "Cannot store usage record “%s”", r->id);
      return FALSE;
    }
  return TRUE;
}

gboolean
costops_storage_insert_usage (CostopsStorage            *self,
                              const CostopsUsageRecord  *record,
                              GError                   **error)
{
  g_autoptr(StorageStmtUse) stmt = NULL;

  g_return_val_if_fail (COSTOPS_IS_STORAGE (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = costops_storage_stmt (self, STORAGE_STMT_INSERT_USAGE, error);
  return stmt != NULL && insert_usage_row (self, stmt, record, error);
}

gboolean
costops_storage_insert_usage_batch (CostopsStorage            *self,
                                    const CostopsUsageRecord  *records,
                                    gsize                      n_records,
                                    GError                   **error)
{
  g_autoptr(StorageStmtUse) stmt = NULL;

  g_return_val_if_fail (COSTOPS_IS_STORAGE (self), FALSE);
  g_return_val_if_fail (records != NULL || n_records == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_records == 0)
    return TRUE;

  stmt = costops_storage_stmt (self, STORAGE_STMT_INSERT_USAGE, error);
  if (stmt == NULL)
    return FALSE;
  if (!costops_storage_begin (self, "Cannot start a batch of usage records", error))
    return FALSE;

  for (gsize i = 0; i < n_records; i++)
    {
      if (!insert_usage_row (self, stmt, &records[i], error))
        {
          costops_storage_rollback (self);
          g_prefix_error (error, "Batch of %" G_GSIZE_FORMAT " usage records rolled back "
                          "at record %" G_GSIZE_FORMAT ": ", n_records, i + 1);
          return FALSE;
        }
    }

  if (!costops_storage_commit (self, "Cannot commit a batch of usage records", error))
    {
      costops_storage_rollback (self);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_count (CostopsStorage  *self,
            sqlite3_stmt    *stmt,
            int              column,
            const char      *record_id,
            guint64         *out,
            GError         **error)
{
  sqlite3_int64 v = sqlite3_column_int64 (stmt, column);

  if (v < 0 || sqlite3_column_type (stmt, column) != SQLITE_INTEGER)
    {
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_CORRUPT_DATABASE,
                   "Usage record “%s”, column %s: not a non-negative integer (database “%s”)",
                   record_id, sqlite3_column_name (stmt, column), self->path);
      return FALSE;
    }
  *out = (guint64) v;
  return TRUE;
}

static char *
dup_column_text (sqlite3_stmt *stmt,
                 int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* For the dimension fields of costops-records.h. */
static const char *
intern_column_text (sqlite3_stmt *stmt,
                    int           column)
{
  return costops_dimension_intern ((const char *) sqlite3_column_text (stmt, column));
}

static gboolean
read_optional_count (CostopsStorage  *self,
                     sqlite3_stmt    *stmt,
                     int              column,
                     const char      *record_id,
                     gboolean        *has,
                     guint64         *out,
                     GError         **error)
{
  *has = sqlite3_column_type (stmt, column) != SQLITE_NULL;
  if (!*has)
    {
      *out = 0;
      return TRUE;
    }
  return read_count (self, stmt, column, record_id, out, error);
}

static CostopsUsageRecord *
usage_from_row (CostopsStorage  *self,
                sqlite3_stmt    *stmt,
                GError         **error)
{
  g_autoptr(CostopsUsageRecord) r = g_new0 (CostopsUsageRecord, 1);
  guint64 value;
  gboolean has_latency;

  r->id = dup_column_text (stmt, 0);
  r->timestamp_us = sqlite3_column_int64 (stmt, 1);
  r->provider_name = intern_column_text (stmt, 2);
  r->provider = costops_provider_from_string (r->provider_name);
  r->model_name = intern_column_text (stmt, 3);
  r->model_version = intern_column_text (stmt, 4);
  r->organization_id = intern_column_text (stmt, 6);
  r->project_id = intern_column_text (stmt, 7);
  r->user_id = dup_column_text (stmt, 8);

  if (!read_count (self, stmt, 5, r->id, &value, error))
    return NULL;
  if (value > G_MAXUINT32)
    {
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_CORRUPT_DATABASE,
                   "Usage record “%s”, column context_window: out of range (database “%s”)",
                   r->id, self->path);
      return NULL;
    }
  r->context_window = (guint32) value;

  if (!read_count (self, stmt, 9, r->id, &r->prompt_tokens, error) ||
      !read_count (self, stmt, 10, r->id, &r->completion_tokens, error) ||
      !read_count (self, stmt, 11, r->id, &r->total_tokens, error) ||
      !read_optional_count (self, stmt, 12, r->id, &r->has_cached_tokens,
                            &r->cached_tokens, error) ||
      !read_optional_count (self, stmt, 13, r->id, &r->has_reasoning_tokens,
                            &r->reasoning_tokens, error) ||
      !read_optional_count (self, stmt, 14, r->id, &has_latency, &value, error))
    return NULL;
  if (value > G_MAXUINT32)
    {
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_CORRUPT_DATABASE,
                   "Usage record “%s”, column latency_ms: out of range (database “%s”)",
                   r->id, self->path);
      return NULL;
    }
  r->has_latency = has_latency;
  r->latency_ms = (guint32) value;

  if (sqlite3_column_type (stmt, 15) != SQLITE_NULL &&
      !decode_tags (self, (const char *) sqlite3_column_text (stmt, 15), r->id, &r->tags, error))
    return NULL;

  return g_steal_pointer (&r);
}

CostopsUsageRecord *
costops_storage_get_usage (CostopsStorage  *self,
                           const char      *id,
                           GError         **error)
{
  g_autoptr(StorageStmtUse) stmt = NULL;
  int rc;

  g_return_val_if_fail (COSTOPS_IS_STORAGE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = costops_storage_stmt (self, STORAGE_STMT_GET_USAGE, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return usage_from_row (self, stmt, error);
  if (rc == SQLITE_DONE)
    g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_NOT_FOUND,
                 "No usage record with id “%s” (database “%s”)", id, self->path);
  else
    costops_storage_set_error (self, rc, error, "Cannot read usage record “%s”", id);
  return NULL;
}

GPtrArray *
costops_storage_list_usage (CostopsStorage  *self,
                            const char      *organization_id,
                            gint64           from_us,
                            gint64           to_us,
                            GError         **error)
{
  g_autoptr(StorageStmtUse) stmt = NULL;
  g_autoptr(GPtrArray) records = NULL;
  int rc;

  g_return_val_if_fail (COSTOPS_IS_STORAGE (self), NULL);
  g_return_val_if_fail (organization_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (from_us > to_us)
    {
      g_autofree char *from = costops_storage_format_time (from_us);
      g_autofree char *to = costops_storage_format_time (to_us);

      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD,
                   "Cannot list usage records of “%s”: the range starts (%s) after it ends (%s)",
                   organization_id, from, to);
      return NULL;
    }

  stmt = costops_storage_stmt (self, STORAGE_STMT_LIST_USAGE, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, organization_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, from_us);
  sqlite3_bind_int64 (stmt, 3, to_us);

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) costops_usage_record_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CostopsUsageRecord *r = usage_from_row (self, stmt, error);

      if (r == NULL)
        return NULL;
      g_ptr_array_add (records, r);
    }
  if (rc != SQLITE_DONE)
    {
      costops_storage_set_error (self, rc, error, "Cannot list usage records of “%s”",
                                 organization_id);
      return NULL;
    }
  return g_steal_pointer (&records);
}

/* ---------------------------------------------------------------------------
 * Cost records
 * ------------------------------------------------------------------------- */

gboolean
costops_storage_insert_cost (CostopsStorage           *self,
                             const CostopsCostRecord  *r,
                             GError                  **error)
{
  g_autoptr(StorageStmtUse) stmt = NULL;
  char input[COSTOPS_MONEY_STRING_SIZE];
  char output[COSTOPS_MONEY_STRING_SIZE];
  char total[COSTOPS_MONEY_STRING_SIZE];
  const char *kind = "Cost record for usage";
  const char *provider;
  int rc;

  g_return_val_if_fail (COSTOPS_IS_STORAGE (self), FALSE);
  g_return_val_if_fail (r != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  provider = provider_name_of (r->provider, r->provider_name);
  if (!check_text_field (r->usage_id, TRUE, kind, r->usage_id, "usage_id", error) ||
      !check_text_field (provider, TRUE, kind, r->usage_id, "provider_name", error) ||
      !check_text_field (r->model_name, TRUE, kind, r->usage_id, "model_name", error) ||
      !check_text_field (r->organization_id, TRUE, kind, r->usage_id, "organization_id", error) ||
      !check_text_field (r->project_id, FALSE, kind, r->usage_id, "project_id", error))
    return FALSE;

  stmt = costops_storage_stmt (self, STORAGE_STMT_INSERT_COST, error);
  if (stmt == NULL)
    return FALSE;

  costops_money_format (r->input_cost, input);
  costops_money_format (r->output_cost, output);
  costops_money_format (r->total_cost, total);

  sqlite3_bind_text (stmt, 1, r->usage_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, r->timestamp_us);
  sqlite3_bind_text (stmt, 3, provider, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, r->model_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, r->organization_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, r->project_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, input, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, output, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, total, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, costops_currency_to_string (r->currency), -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
    g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_FOREIGN_KEY,
                 "Cannot store the cost record for usage “%s”: there is no usage record "
                 "with that id (database “%s”)", r->usage_id, self->path);
  else
    costops_storage_set_error (self, rc, error, "Cannot store the cost record for usage “%s”",
                               r->usage_id);
  return FALSE;
}

CostopsCostRecord *
costops_storage_get_cost (CostopsStorage  *self,
                          const char      *usage_id,
                          GError         **error)
{
  g_autoptr(StorageStmtUse) stmt = NULL;
  g_autoptr(CostopsCostRecord) r = NULL;
  g_autofree char *what = NULL;
  const char *currency;
  int rc;

  g_return_val_if_fail (COSTOPS_IS_STORAGE (self), NULL);
  g_return_val_if_fail (usage_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = costops_storage_stmt (self, STORAGE_STMT_GET_COST, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, usage_id, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_NOT_FOUND,
                   "No cost record for usage “%s” (database “%s”)", usage_id, self->path);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      costops_storage_set_error (self, rc, error, "Cannot read the cost record for usage “%s”",
                                 usage_id);
      return NULL;
    }

  r = g_new0 (CostopsCostRecord, 1);
  r->usage_id = dup_column_text (stmt, 0);
  r->timestamp_us = sqlite3_column_int64 (stmt, 1);
  r->provider_name = intern_column_text (stmt, 2);
  r->provider = costops_provider_from_string (r->provider_name);
  r->model_name = intern_column_text (stmt, 3);
  r->organization_id = intern_column_text (stmt, 4);
  r->project_id = intern_column_text (stmt, 5);

  what = g_strdup_printf ("Cost record for usage “%s”", usage_id);
  if (!costops_storage_read_money (self, stmt, 6, what, &r->input_cost, error) ||
      !costops_storage_read_money (self, stmt, 7, what, &r->output_cost, error) ||
      !costops_storage_read_money (self, stmt, 8, what, &r->total_cost, error))
    return NULL;

  currency = (const char *) sqlite3_column_text (stmt, 9);
  if (currency == NULL || !costops_currency_from_string (currency, &r->currency))
    {
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_CORRUPT_DATABASE,
                   "%s, column currency: unknown currency “%s” (database “%s”)",
                   what, currency != NULL ? currency : "NULL", self->path);
      return NULL;
    }

  return g_steal_pointer (&r);
}
