/* costops-storage-schema.c: the schema's history and the migrations that
 * bring a file up to COSTOPS_STORAGE_SCHEMA_VERSION.
 *
 * A migration is never edited once released: a file written by an older
 * version must be upgraded by exactly the steps it missed. New changes go in
 * a new entry at the end, and COSTOPS_STORAGE_SCHEMA_VERSION grows by one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "costops-storage-private.h"

static const char * const migrations[] = {
  /* Version 1. Money is TEXT: exact decimals from costops_money_format(),
   * never a REAL column. */
  "CREATE TABLE usage_records ("
  "  id                TEXT PRIMARY KEY NOT NULL,"
  "  timestamp_us      INTEGER NOT NULL,"
  "  provider          TEXT NOT NULL,"
  "  model_name        TEXT NOT NULL,"
  "  model_version     TEXT,"
  "  context_window    INTEGER NOT NULL DEFAULT 0,"
  "  organization_id   TEXT NOT NULL,"
  "  project_id        TEXT,"
  "  user_id           TEXT,"
  "  prompt_tokens     INTEGER NOT NULL,"
  "  completion_tokens INTEGER NOT NULL,"
  "  total_tokens      INTEGER NOT NULL,"
  "  cached_tokens     INTEGER,"
  "  latency_ms        INTEGER,"
  "  tags              TEXT"
  ");"
  "CREATE TABLE cost_records ("
  "  usage_id          TEXT PRIMARY KEY NOT NULL REFERENCES usage_records (id),"
  "  timestamp_us      INTEGER NOT NULL,"
  "  provider          TEXT NOT NULL,"
  "  model_name        TEXT NOT NULL,"
  "  organization_id   TEXT NOT NULL,"
  "  project_id        TEXT,"
  "  input_cost        TEXT NOT NULL,"
  "  output_cost       TEXT NOT NULL,"
  "  total_cost        TEXT NOT NULL,"
  "  currency          TEXT NOT NULL"
  ");",

  /* Version 2: reasoning tokens, range queries per organization, pricing. */
  "ALTER TABLE usage_records ADD COLUMN reasoning_tokens INTEGER;"
  "CREATE INDEX usage_records_org_time ON usage_records (organization_id, timestamp_us);"
  "CREATE INDEX cost_records_org_time ON cost_records (organization_id, timestamp_us);"
  "CREATE TABLE pricing_tables ("
  "  id                  INTEGER PRIMARY KEY,"
  "  provider            TEXT NOT NULL,"
  "  model_name          TEXT NOT NULL,"
  "  effective_us        INTEGER NOT NULL,"
  "  end_us              INTEGER,"
  "  currency            TEXT NOT NULL,"
  "  kind                TEXT NOT NULL"
  "                      CHECK (kind IN ('per_token', 'per_request', 'tiered')),"
  "  input_per_million   TEXT,"
  "  output_per_million  TEXT,"
  "  cached_discount     TEXT,"
  "  price_per_request   TEXT,"
  "  included_tokens     INTEGER,"
  "  overage_per_million TEXT,"
  "  UNIQUE (provider, model_name, effective_us)"
  ");"
  "CREATE TABLE pricing_tiers ("
  "  pricing_id          INTEGER NOT NULL REFERENCES pricing_tables (id) ON DELETE CASCADE,"
  "  position            INTEGER NOT NULL,"
  "  min_tokens          INTEGER NOT NULL,"
  "  max_tokens          INTEGER,"
  "  input_per_million   TEXT NOT NULL,"
  "  output_per_million  TEXT NOT NULL,"
  "  PRIMARY KEY (pricing_id, position)"
  ") WITHOUT ROWID;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == COSTOPS_STORAGE_SCHEMA_VERSION);

static gboolean
query_int (CostopsStorage  *self,
           const char      *sql,
           gint64          *out,
           GError         **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      costops_storage_set_error (self, rc, error, "Cannot read the schema version");
      sqlite3_finalize (stmt);
      return FALSE;
    }
  *out = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean
check_version (CostopsStorage  *self,
               gint64           version,
               GError         **error)
{
  if (version > COSTOPS_STORAGE_SCHEMA_VERSION || version < 0)
    {
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_SCHEMA_TOO_NEW,
                   "Cannot open the database: its schema version is %" G_GINT64_FORMAT
                   " and this program knows versions up to %d; it was written by a newer "
                   "program and was left unchanged (database “%s”)",
                   version, COSTOPS_STORAGE_SCHEMA_VERSION, self->path);
      return FALSE;
    }
  return TRUE;
}

/* Runs the pending migrations in one transaction, so a failure leaves the
 * file at the version it had. */
static gboolean
apply_migrations (CostopsStorage  *self,
                  GError         **error)
{
  gint64 version;
  gint64 n_objects;

  if (!costops_storage_begin (self, "Cannot start migrating the schema", error))
    return FALSE;

  /* Read again under the write lock: another process may have migrated the
   * file since we looked. */
  if (!query_int (self, "PRAGMA user_version", &version, error) ||
      !check_version (self, version, error))
    goto fail;

  if (version == 0)
    {
      if (!query_int (self, "SELECT count(*) FROM sqlite_schema "
                            "WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
                      &n_objects, error))
        goto fail;
      if (n_objects > 0)
        {
          g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_FAILED,
                       "Cannot open the database: it is an SQLite database of another "
                       "program (it has tables but no CostOps schema version); it was "
                       "left unchanged (database “%s”)", self->path);
          goto fail;
        }
    }

  for (; version < COSTOPS_STORAGE_SCHEMA_VERSION; version++)
    {
      g_autofree char *set_version = NULL;
      int rc = sqlite3_exec (self->db, migrations[version], NULL, NULL, NULL);

      if (rc != SQLITE_OK)
        {
          costops_storage_set_error (self, rc, error,
                                     "Cannot migrate the schema to version %" G_GINT64_FORMAT,
                                     version + 1);
          goto fail;
        }
      set_version = g_strdup_printf ("PRAGMA user_version = %" G_GINT64_FORMAT, version + 1);
      rc = sqlite3_exec (self->db, set_version, NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        {
          costops_storage_set_error (self, rc, error, "Cannot record schema version %"
                                     G_GINT64_FORMAT, version + 1);
          goto fail;
        }
    }

  if (!costops_storage_commit (self, "Cannot commit the schema migration", error))
    goto fail;
  self->schema_version = COSTOPS_STORAGE_SCHEMA_VERSION;
  return TRUE;

fail:
  costops_storage_rollback (self);
  return FALSE;
}

gboolean
costops_storage_migrate (CostopsStorage  *self,
                         GError         **error)
{
  gint64 version;

  if (!query_int (self, "PRAGMA user_version", &version, error) ||
      !check_version (self, version, error))
    return FALSE;

  /* An up-to-date file is only read, so opening it needs no write lock. */
  if (version == COSTOPS_STORAGE_SCHEMA_VERSION)
    {
      self->schema_version = (guint) version;
      return TRUE;
    }

  return apply_migrations (self, error);
}
