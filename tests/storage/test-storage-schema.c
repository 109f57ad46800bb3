/* test-storage-schema.c: opening files: new, reopened, written by an older or
 * a newer schema, corrupt, another program's, and locked by another
 * connection. SPDX-License-Identifier: GPL-3.0-or-later */
#include "storage-test-util.h"

#include <glib/gstdio.h>

#define T0 G_GINT64_CONSTANT (1714521600000000) /* 2024-05-01T00:00:00Z */

static CostopsStorage *
open_storage (const char *path)
{
  g_autoptr(GError) error = NULL;
  CostopsStorage *storage = costops_storage_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (storage);
  return storage;
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static gboolean
index_exists (const char *path,
              const char *name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sqlite_schema "
                                          "WHERE type = 'index' AND name = '%s'", name);
  return raw_query_int (path, sql) == 1;
}

/* The "detail" column of every row of EXPLAIN QUERY PLAN @sql. */
static char *
query_plan (const char *path,
            const char *sql)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  GString *plan = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, explain, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (plan, FALSE);
}

static void
test_new_file (TmpDb *fx, gconstpointer data)
{
  g_autoptr(CostopsStorage) storage = open_storage (fx->path);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) settings = NULL;
  g_autofree char *plan = NULL;
  g_autofree char *mode = NULL;

  g_assert_true (g_file_test (fx->path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (costops_storage_get_schema_version (storage), ==,
                    COSTOPS_STORAGE_SCHEMA_VERSION);
  g_assert_cmpint (raw_query_int (fx->path, "PRAGMA user_version"), ==,
                   COSTOPS_STORAGE_SCHEMA_VERSION);
  mode = raw_query_text (fx->path, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");

  settings = costops_storage_dup_settings (storage, &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_contains ((const char * const *) settings, "journal_mode=wal"));
  g_assert_true (g_strv_contains ((const char * const *) settings, "foreign_keys=1"));
  g_assert_true (g_strv_contains ((const char * const *) settings, "synchronous=1"));
  g_assert_true (g_strv_contains ((const char * const *) settings, "busy_timeout=5000"));

  /* The organization + time query is answered from the index. */
  g_assert_true (index_exists (fx->path, "usage_records_org_time"));
  g_assert_true (index_exists (fx->path, "cost_records_org_time"));
  plan = query_plan (fx->path, "SELECT * FROM usage_records "
                               "WHERE organization_id = 'o' AND timestamp_us >= 1 "
                               "AND timestamp_us < 2 ORDER BY timestamp_us, rowid");
  g_test_message ("query plan: %s", plan);
  g_assert_nonnull (strstr (plan, "USING INDEX usage_records_org_time"));
  g_assert_null (strstr (plan, "TEMP B-TREE"));
}

static void
test_reopen (TmpDb *fx, gconstpointer data)
{
  g_autoptr(CostopsStorage) storage = open_storage (fx->path);
  g_autoptr(CostopsUsageRecord) usage = make_usage ("u1", "org-a", T0);
  g_autoptr(CostopsUsageRecord) got = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n_objects;

  g_assert_true (costops_storage_insert_usage (storage, usage, &error));
  g_assert_no_error (error);
  g_clear_object (&storage);
  n_objects = raw_query_int (fx->path, "SELECT count(*) FROM sqlite_schema");

  /* Opening again (twice) migrates nothing and loses nothing. */
  for (int i = 0; i < 2; i++)
    {
      storage = open_storage (fx->path);
      g_assert_cmpuint (costops_storage_get_schema_version (storage), ==,
                        COSTOPS_STORAGE_SCHEMA_VERSION);
      got = costops_storage_get_usage (storage, "u1", &error);
      g_assert_no_error (error);
      assert_usage_equal (got, usage);
      g_clear_pointer (&got, costops_usage_record_free);
      g_clear_object (&storage);
      g_assert_cmpint (raw_query_int (fx->path, "SELECT count(*) FROM sqlite_schema"), ==,
                       n_objects);
      g_assert_cmpint (raw_query_int (fx->path, "PRAGMA user_version"), ==,
                       COSTOPS_STORAGE_SCHEMA_VERSION);
    }
}

/* What version 1 of this program wrote, typed out independently of the
 * migration code so that a change to migration 1 shows up here. */
static const char v1_database[] =
  "CREATE TABLE usage_records (id TEXT PRIMARY KEY NOT NULL, timestamp_us INTEGER NOT NULL,"
  " provider TEXT NOT NULL, model_name TEXT NOT NULL, model_version TEXT,"
  " context_window INTEGER NOT NULL DEFAULT 0, organization_id TEXT NOT NULL,"
  " project_id TEXT, user_id TEXT, prompt_tokens INTEGER NOT NULL,"
  " completion_tokens INTEGER NOT NULL, total_tokens INTEGER NOT NULL,"
  " cached_tokens INTEGER, latency_ms INTEGER, tags TEXT);"
  "CREATE TABLE cost_records (usage_id TEXT PRIMARY KEY NOT NULL REFERENCES usage_records (id),"
  " timestamp_us INTEGER NOT NULL, provider TEXT NOT NULL, model_name TEXT NOT NULL,"
  " organization_id TEXT NOT NULL, project_id TEXT, input_cost TEXT NOT NULL,"
  " output_cost TEXT NOT NULL, total_cost TEXT NOT NULL, currency TEXT NOT NULL);"
  "INSERT INTO usage_records VALUES ('old-1', 1714521600000000, 'openai', 'gpt-4', NULL, 8192,"
  " 'org-a', 'p', NULL, 100, 20, 120, 10, 350, '[\"legacy\"]');"
  "INSERT INTO usage_records VALUES ('old-2', 1714521600000005, 'mistral', 'large', '2', 0,"
  " 'org-a', NULL, 'u', 1, 2, 3, NULL, NULL, NULL);"
  "INSERT INTO cost_records VALUES ('old-1', 1714521600000000, 'openai', 'gpt-4', 'org-a', 'p',"
  " '0.0030000000', '0.0012000000', '0.0042000000', 'USD');"
  "PRAGMA user_version = 1;";

static void
test_from_v1 (TmpDb *fx, gconstpointer data)
{
  g_autoptr(CostopsStorage) storage = NULL;
  g_autoptr(CostopsUsageRecord) old = NULL;
  g_autoptr(CostopsUsageRecord) fresh = make_usage ("new-1", "org-a", T0 + 1);
  g_autoptr(CostopsCostRecord) cost = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *total = NULL;
  CostopsPricingTable pricing = { 0 };

  raw_exec (fx->path, v1_database);
  g_assert_false (index_exists (fx->path, "usage_records_org_time"));

  storage = open_storage (fx->path);
  g_assert_cmpuint (costops_storage_get_schema_version (storage), ==, 2);
  g_assert_cmpint (raw_query_int (fx->path, "PRAGMA user_version"), ==, 2);
  g_assert_true (index_exists (fx->path, "usage_records_org_time"));

  /* The old rows read back; the column added in version 2 is absent. */
  old = costops_storage_get_usage (storage, "old-1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (old->provider, ==, COSTOPS_PROVIDER_OPENAI);
  g_assert_cmpuint (old->context_window, ==, 8192);
  g_assert_cmpuint (old->total_tokens, ==, 120);
  g_assert_true (old->has_cached_tokens);
  g_assert_cmpuint (old->cached_tokens, ==, 10);
  g_assert_false (old->has_reasoning_tokens);
  g_assert_true (old->has_latency);
  g_assert_cmpuint (old->latency_ms, ==, 350);
  g_assert_cmpstr (old->tags[0], ==, "legacy");
  g_assert_null (old->tags[1]);

  cost = costops_storage_get_cost (storage, "old-1", &error);
  g_assert_no_error (error);
  total = costops_money_to_string (cost->total_cost);
  g_assert_cmpstr (total, ==, "0.0042000000");

  /* New records (with reasoning tokens) and pricing go in beside them. */
  g_assert_true (costops_storage_insert_usage (storage, fresh, &error));
  g_assert_no_error (error);
  list = costops_storage_list_usage (storage, "org-a", T0, T0 + 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpstr (((CostopsUsageRecord *) list->pdata[1])->id, ==, "new-1");
  g_assert_cmpuint (((CostopsUsageRecord *) list->pdata[1])->reasoning_tokens, ==, 120);

  pricing.provider = COSTOPS_PROVIDER_OPENAI;
  pricing.model_name = "gpt-4";
  pricing.kind = COSTOPS_PRICING_PER_TOKEN;
  g_assert_true (costops_storage_insert_pricing (storage, &pricing, &error));
  g_assert_no_error (error);
}

static void
test_too_new (TmpDb *fx, gconstpointer data)
{
  g_autoptr(CostopsStorage) storage = open_storage (fx->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  g_clear_object (&storage);
  raw_exec (fx->path, "PRAGMA user_version = 99");
  before = read_file (fx->path);

  storage = costops_storage_open (fx->path, &error);
  g_assert_null (storage);
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_SCHEMA_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "99"));
  g_assert_nonnull (strstr (error->message, fx->path));

  after = read_file (fx->path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpint (raw_query_int (fx->path, "PRAGMA user_version"), ==, 99);
}

static void
test_not_a_database (TmpDb *fx, gconstpointer data)
{
  g_autoptr(CostopsStorage) storage = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GBytes) after = NULL;

  for (int i = 0; i < 300; i++)
    g_string_append (text, "usage,org-a,not a database at all\n");
  g_assert_true (g_file_set_contents (fx->path, text->str, (gssize) text->len, &error));

  storage = costops_storage_open (fx->path, &error);
  g_assert_null (storage);
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_CORRUPT_DATABASE);
  g_assert_nonnull (strstr (error->message, fx->path));

  /* The file is someone's data: it is left exactly as it was. */
  after = read_file (fx->path);
  g_assert_cmpmem (g_bytes_get_data (after, NULL), g_bytes_get_size (after),
                   text->str, text->len);
}

static void
test_damaged (TmpDb *fx, gconstpointer data)
{
  g_autoptr(CostopsStorage) storage = open_storage (fx->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GBytes) bytes = NULL;
  guint8 *damaged;
  gsize size;

  for (int i = 0; i < 300; i++)
    {
      g_autofree char *id = g_strdup_printf ("u%03d", i);
      g_autoptr(CostopsUsageRecord) r = make_usage (id, "org-a", T0 + i);

      g_assert_true (costops_storage_insert_usage (storage, r, &error));
      g_assert_no_error (error);
    }
  g_clear_object (&storage);

  /* Keep the header page, scribble over every page after it. */
  bytes = read_file (fx->path);
  damaged = g_bytes_unref_to_data (g_steal_pointer (&bytes), &size);
  g_assert_cmpuint (size, >, 8192);
  memset (damaged + 4096, 0xA5, size - 4096);
  g_assert_true (g_file_set_contents (fx->path, (char *) damaged, (gssize) size, &error));
  g_assert_no_error (error);
  g_free (damaged);

  storage = costops_storage_open (fx->path, &error);
  if (storage != NULL)
    {
      list = costops_storage_list_usage (storage, "org-a", T0, T0 + 1000, &error);
      g_assert_null (list);
    }
  g_test_message ("%s", error != NULL ? error->message : "no error");
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_CORRUPT_DATABASE);
  g_assert_nonnull (strstr (error->message, "damaged"));
}

static void
test_foreign_database (TmpDb *fx, gconstpointer data)
{
  g_autoptr(CostopsStorage) storage = NULL;
  g_autoptr(GError) error = NULL;

  raw_exec (fx->path, "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me');");
  storage = costops_storage_open (fx->path, &error);
  g_assert_null (storage);
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "another program"));
  g_assert_cmpint (raw_query_int (fx->path, "SELECT count(*) FROM notes"), ==, 1);
  g_assert_cmpint (raw_query_int (fx->path, "SELECT count(*) FROM sqlite_schema"), ==, 1);
}

static sqlite3 *
hold_write_lock (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  return db;
}

/* @started_us: when the call began, to check that it waited for the lock
 * before giving up (a lower bound only), or 0 when SQLite must fail at once. */
static void
assert_busy (GError *error,
             gint64  started_us,
             guint   timeout_ms)
{
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "locked"));
  if (started_us != 0)
    g_assert_cmpint (g_get_monotonic_time () - started_us, >=, timeout_ms * 1000 * 8 / 10);
}

static void
test_busy (TmpDb *fx, gconstpointer data)
{
  const guint timeout_ms = 60;
  g_autoptr(CostopsStorage) storage = NULL;
  g_autoptr(CostopsUsageRecord) r = make_usage ("u1", "org-a", T0);
  g_autoptr(CostopsUsageRecord) got = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *other;
  gint64 start;

  storage = costops_storage_open_with_timeout (fx->path, timeout_ms, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (costops_storage_get_busy_timeout (storage), ==, timeout_ms);
  other = hold_write_lock (fx->path);

  start = g_get_monotonic_time ();
  g_assert_false (costops_storage_insert_usage (storage, r, &error));
  assert_busy (error, start, timeout_ms);
  g_clear_error (&error);

  start = g_get_monotonic_time ();
  g_assert_false (costops_storage_insert_usage_batch (storage, r, 1, &error));
  assert_busy (error, start, timeout_ms);
  g_clear_error (&error);

  /* Readers are not blocked by a writer in WAL mode. */
  list = costops_storage_list_usage (storage, "org-a", 0, G_MAXINT64, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);

  /* Once the other connection lets go, the same handle writes. */
  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (costops_storage_insert_usage_batch (storage, r, 1, &error));
  g_assert_no_error (error);
  got = costops_storage_get_usage (storage, "u1", &error);
  g_assert_no_error (error);
  assert_usage_equal (got, r);
  sqlite3_close (other);
}

static void
test_busy_open (TmpDb *fx, gconstpointer data)
{
  g_autoptr(CostopsStorage) storage = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *other;

  /* A file another program is still creating cannot be migrated yet. The
   * other connection is not in WAL mode, so waiting could deadlock and
   * SQLite reports the lock at once. */
  other = hold_write_lock (fx->path);
  storage = costops_storage_open_with_timeout (fx->path, 50, &error);
  g_assert_null (storage);
  assert_busy (error, 0, 50);
  g_clear_error (&error);

  g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  storage = costops_storage_open_with_timeout (fx->path, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (costops_storage_get_schema_version (storage), ==,
                    COSTOPS_STORAGE_SCHEMA_VERSION);
}

static void
test_no_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CostopsStorage) storage = costops_storage_open ("", &error);

  g_assert_null (storage);
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/storage/schema/" name, TmpDb, NULL, tmp_db_setup, func, tmp_db_teardown)
  ADD ("new-file", test_new_file);
  ADD ("reopen", test_reopen);
  ADD ("from-v1", test_from_v1);
  ADD ("too-new", test_too_new);
  ADD ("not-a-database", test_not_a_database);
  ADD ("damaged", test_damaged);
  ADD ("foreign-database", test_foreign_database);
  ADD ("busy", test_busy);
  ADD ("busy-open", test_busy_open);
#undef ADD
  g_test_add_func ("/storage/schema/no-path", test_no_path);

  return g_test_run ();
}
