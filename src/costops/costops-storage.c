/* costops-storage.c: the storage handle (opening, settings, errors,
 * statement cache, transactions). Records are in costops-storage-records.c,
 * pricing tables in costops-storage-pricing.c, migrations in
 * costops-storage-schema.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "costops-storage-private.h"

static void costops_storage_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CostopsStorage, costops_storage, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      costops_storage_initable_iface_init))

enum {
  PROP_0,
  PROP_PATH,
  PROP_BUSY_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const stmt_sql[STORAGE_N_STMTS] = {
  [STORAGE_STMT_BEGIN] = "BEGIN IMMEDIATE",
  [STORAGE_STMT_COMMIT] = "COMMIT",
  [STORAGE_STMT_ROLLBACK] = "ROLLBACK",
#define USAGE_COLUMNS \
  "id, timestamp_us, provider, model_name, model_version, context_window, " \
  "organization_id, project_id, user_id, prompt_tokens, completion_tokens, " \
  "total_tokens, cached_tokens, reasoning_tokens, latency_ms, tags"
  [STORAGE_STMT_INSERT_USAGE] =
    "INSERT INTO usage_records (" USAGE_COLUMNS ") "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
  [STORAGE_STMT_GET_USAGE] =
    "SELECT " USAGE_COLUMNS " FROM usage_records WHERE id = ?1",
  [STORAGE_STMT_LIST_USAGE] =
    "SELECT " USAGE_COLUMNS " FROM usage_records "
    "WHERE organization_id = ?1 AND timestamp_us >= ?2 AND timestamp_us < ?3 "
    "ORDER BY timestamp_us, rowid",
#define COST_COLUMNS \
  "usage_id, timestamp_us, provider, model_name, organization_id, project_id, " \
  "input_cost, output_cost, total_cost, currency"
  [STORAGE_STMT_INSERT_COST] =
    "INSERT INTO cost_records (" COST_COLUMNS ") "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
  [STORAGE_STMT_GET_COST] =
    "SELECT " COST_COLUMNS " FROM cost_records WHERE usage_id = ?1",
#define PRICING_COLUMNS \
  "id, provider, model_name, effective_us, end_us, currency, kind, " \
  "input_per_million, output_per_million, cached_discount, " \
  "price_per_request, included_tokens, overage_per_million"
  [STORAGE_STMT_INSERT_PRICING] =
    "INSERT INTO pricing_tables (provider, model_name, effective_us, end_us, "
    "currency, kind, input_per_million, output_per_million, cached_discount, "
    "price_per_request, included_tokens, overage_per_million) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
  [STORAGE_STMT_INSERT_TIER] =
    "INSERT INTO pricing_tiers (pricing_id, position, min_tokens, max_tokens, "
    "input_per_million, output_per_million) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
  [STORAGE_STMT_GET_PRICING] =
    "SELECT " PRICING_COLUMNS " FROM pricing_tables "
    "WHERE provider = ?1 AND model_name = ?2 AND effective_us <= ?3 "
    "AND (end_us IS NULL OR end_us > ?3) "
    "ORDER BY effective_us DESC LIMIT 1",
  [STORAGE_STMT_GET_TIERS] =
    "SELECT min_tokens, max_tokens, input_per_million, output_per_million "
    "FROM pricing_tiers WHERE pricing_id = ?1 ORDER BY position",
  [STORAGE_STMT_LIST_PRICING] =
    "SELECT " PRICING_COLUMNS " FROM pricing_tables "
    "ORDER BY provider, model_name, effective_us",
};

/* ---------------------------------------------------------------------------
 * Errors, statements, transactions
 * ------------------------------------------------------------------------- */

static CostopsError
error_code_for_sqlite (int rc)
{
  switch (rc)
    {
    case SQLITE_CONSTRAINT_PRIMARYKEY:
    case SQLITE_CONSTRAINT_UNIQUE:
      return COSTOPS_ERROR_DUPLICATE;
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return COSTOPS_ERROR_FOREIGN_KEY;
    default:
      break;
    }

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return COSTOPS_ERROR_BUSY;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return COSTOPS_ERROR_CORRUPT_DATABASE;
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
      return COSTOPS_ERROR_INVALID_FIELD;
    default:
      return COSTOPS_ERROR_FAILED;
    }
}

void
costops_storage_set_error (CostopsStorage  *self,
                           int              rc,
                           GError         **error,
                           const char      *format,
                           ...)
{
  g_autofree char *what = NULL;
  g_autofree char *reason = NULL;
  const char *detail;
  CostopsError code;
  va_list args;

  /* Read SQLite's message first: anything else we call could replace it. */
  detail = (self->db != NULL && sqlite3_extended_errcode (self->db) == rc)
           ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);
  code = error_code_for_sqlite (rc);

  switch (code)
    {
    case COSTOPS_ERROR_DUPLICATE:
      reason = g_strdup_printf ("a record with the same key already exists (%s)", detail);
      break;
    case COSTOPS_ERROR_FOREIGN_KEY:
      reason = g_strdup ("it refers to a record that does not exist");
      break;
    case COSTOPS_ERROR_BUSY:
      reason = g_strdup_printf ("the database is locked by another connection "
                                "(busy timeout %u ms)", self->busy_timeout_ms);
      break;
    case COSTOPS_ERROR_CORRUPT_DATABASE:
      reason = g_strdup_printf ("the file is not a database or is damaged (%s)", detail);
      break;
    default:
      reason = g_strdup (detail);
      break;
    }

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, COSTOPS_ERROR, code, "%s: %s (database “%s”)",
               what, reason, self->path);
}

sqlite3_stmt *
costops_storage_stmt (CostopsStorage  *self,
                      StorageStmt      which,
                      GError         **error)
{
  if (G_UNLIKELY (self->stmts[which] == NULL))
    {
      int rc = sqlite3_prepare_v3 (self->db, stmt_sql[which], -1,
                                   SQLITE_PREPARE_PERSISTENT,
                                   &self->stmts[which], NULL);
      if (rc != SQLITE_OK)
        {
          costops_storage_set_error (self, rc, error, "Cannot prepare a statement");
          return NULL;
        }
    }

  return self->stmts[which];
}

static gboolean
run_simple_stmt (CostopsStorage  *self,
                 StorageStmt      which,
                 const char      *what,
                 GError         **error)
{
  g_autoptr(StorageStmtUse) stmt = costops_storage_stmt (self, which, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      costops_storage_set_error (self, rc, error, "%s", what);
      return FALSE;
    }
  return TRUE;
}

gboolean
costops_storage_begin (CostopsStorage  *self,
                       const char      *what,
                       GError         **error)
{
  /* IMMEDIATE takes the write lock up front, so a busy database fails here
   * (after the timeout) rather than half-way through a batch. */
  return run_simple_stmt (self, STORAGE_STMT_BEGIN, what, error);
}

gboolean
costops_storage_commit (CostopsStorage  *self,
                        const char      *what,
                        GError         **error)
{
  return run_simple_stmt (self, STORAGE_STMT_COMMIT, what, error);
}

void
costops_storage_rollback (CostopsStorage *self)
{
  /* A failed COMMIT or statement may already have ended the transaction. */
  if (sqlite3_get_autocommit (self->db))
    return;
  (void) run_simple_stmt (self, STORAGE_STMT_ROLLBACK, "rollback", NULL);
}

char *
costops_storage_format_time (gint64 time_us)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (time_us / G_USEC_PER_SEC);
  g_autofree char *text = NULL;

  if (dt == NULL || time_us < 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT " µs since 1970", time_us);
  text = g_date_time_format (dt, "%FT%TZ");
  if (time_us % G_USEC_PER_SEC != 0)
    return g_strdup_printf ("%s + %" G_GINT64_FORMAT " µs", text, time_us % G_USEC_PER_SEC);
  return g_steal_pointer (&text);
}

gboolean
costops_storage_read_money (CostopsStorage  *self,
                            sqlite3_stmt    *stmt,
                            int              column,
                            const char      *what,
                            CostopsMoney    *out,
                            GError         **error)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  g_autoptr(GError) local_error = NULL;

  if (text == NULL || !costops_money_parse (text, out, &local_error))
    {
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_CORRUPT_DATABASE,
                   "%s, column %s: not an exact decimal amount (%s) (database “%s”)",
                   what, sqlite3_column_name (stmt, column),
                   local_error != NULL ? local_error->message : "NULL", self->path);
      return FALSE;
    }
  return TRUE;
}

/* ---------------------------------------------------------------------------
 * GObject, GInitable
 * ------------------------------------------------------------------------- */

static gboolean
exec_pragma (CostopsStorage  *self,
             const char      *sql,
             GError         **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      costops_storage_set_error (self, rc, error, "Cannot open the database (%s)", sql);
      return FALSE;
    }
  return TRUE;
}

static gboolean
costops_storage_initable_init (GInitable     *initable,
                               GCancellable  *cancellable,
                               GError       **error)
{
  CostopsStorage *self = COSTOPS_STORAGE (initable);
  sqlite3_stmt *stmt = NULL;
  g_autofree char *mode = NULL;
  int rc;

  if (self->path == NULL || self->path[0] == '\0')
    {
      g_set_error_literal (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD,
                           "Cannot open a database: no file path given");
      return FALSE;
    }

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                        SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, NULL);
  if (rc != SQLITE_OK)
    {
      costops_storage_set_error (self, rc, error, "Cannot open the database");
      return FALSE;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, (int) MIN (self->busy_timeout_ms, G_MAXINT));

  /* The first statement reads the file header: a file that is not a
   * database fails here, before anything could be written to it. */
  rc = sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        mode = g_ascii_strdown ((const char *) sqlite3_column_text (stmt, 0), -1);
    }
  if (rc != SQLITE_ROW)
    {
      costops_storage_set_error (self, rc, error, "Cannot open the database");
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);
  if (g_strcmp0 (mode, "wal") != 0)
    {
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_FAILED,
                   "Cannot open the database: it cannot use write-ahead logging "
                   "(journal mode stayed “%s”) (database “%s”)", mode, self->path);
      return FALSE;
    }

  /* NORMAL is durable against crashes of this process and consistent after
   * power loss in WAL mode; FULL would fsync every commit. */
  if (!exec_pragma (self, "PRAGMA synchronous = NORMAL", error) ||
      !exec_pragma (self, "PRAGMA foreign_keys = ON", error) ||
      !exec_pragma (self, "PRAGMA cache_size = -8192", error))
    return FALSE;

  return costops_storage_migrate (self, error);
}

static void
costops_storage_initable_iface_init (GInitableIface *iface)
{
  iface->init = costops_storage_initable_init;
}

static void
costops_storage_finalize (GObject *object)
{
  CostopsStorage *self = COSTOPS_STORAGE (object);

  for (guint i = 0; i < STORAGE_N_STMTS; i++)
    sqlite3_finalize (self->stmts[i]);
  /* Closing the last connection checkpoints and removes the WAL file. */
  sqlite3_close (self->db);
  g_string_free (self->scratch, TRUE);
  g_free (self->path);

  G_OBJECT_CLASS (costops_storage_parent_class)->finalize (object);
}

static void
costops_storage_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CostopsStorage *self = COSTOPS_STORAGE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_BUSY_TIMEOUT:
      g_value_set_uint (value, self->busy_timeout_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
costops_storage_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CostopsStorage *self = COSTOPS_STORAGE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_free (self->path);
      self->path = g_value_dup_string (value);
      break;
    case PROP_BUSY_TIMEOUT:
      self->busy_timeout_ms = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
costops_storage_class_init (CostopsStorageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = costops_storage_finalize;
  object_class->get_property = costops_storage_get_property;
  object_class->set_property = costops_storage_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, "The database file",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY_TIMEOUT] =
    g_param_spec_uint ("busy-timeout", NULL,
                       "How long to wait for another connection's lock, in ms",
                       0, G_MAXINT, COSTOPS_STORAGE_DEFAULT_BUSY_TIMEOUT_MS,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                       G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
costops_storage_init (CostopsStorage *self)
{
  self->busy_timeout_ms = COSTOPS_STORAGE_DEFAULT_BUSY_TIMEOUT_MS;
  self->scratch = g_string_sized_new (128);
}

CostopsStorage *
costops_storage_open_with_timeout (const char  *path,
                                   guint        busy_timeout_ms,
                                   GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (busy_timeout_ms <= G_MAXINT, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_initable_new (COSTOPS_TYPE_STORAGE, NULL, error,
                         "path", path,
                         "busy-timeout", busy_timeout_ms,
                         NULL);
}

CostopsStorage *
costops_storage_open (const char  *path,
                      GError     **error)
{
  return costops_storage_open_with_timeout (path, COSTOPS_STORAGE_DEFAULT_BUSY_TIMEOUT_MS,
                                            error);
}

const char *
costops_storage_get_path (CostopsStorage *self)
{
  g_return_val_if_fail (COSTOPS_IS_STORAGE (self), NULL);
  return self->path;
}

guint
costops_storage_get_busy_timeout (CostopsStorage *self)
{
  g_return_val_if_fail (COSTOPS_IS_STORAGE (self), 0);
  return self->busy_timeout_ms;
}

guint
costops_storage_get_schema_version (CostopsStorage *self)
{
  g_return_val_if_fail (COSTOPS_IS_STORAGE (self), 0);
  return self->schema_version;
}

char **
costops_storage_dup_settings (CostopsStorage  *self,
                              GError         **error)
{
  static const char * const names[] = {
    "journal_mode", "synchronous", "foreign_keys", "cache_size", "page_size", "busy_timeout",
  };
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (COSTOPS_IS_STORAGE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA %s", names[i]);
      sqlite3_stmt *stmt = NULL;
      int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

      if (rc == SQLITE_OK)
        rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          costops_storage_set_error (self, rc, error, "Cannot read setting %s", names[i]);
          sqlite3_finalize (stmt);
          return NULL;
        }
      g_autofree char *setting = g_strdup_printf ("%s=%s", names[i],
                                                  (const char *) sqlite3_column_text (stmt, 0));
      g_strv_builder_add (builder, setting);
      sqlite3_finalize (stmt);
    }

  return g_strv_builder_end (builder);
}
