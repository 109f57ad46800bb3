/* storage-test-util.c: see storage-test-util.h.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "storage-test-util.h"

#include <glib/gstdio.h>

void
tmp_db_setup (TmpDb         *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("costops-storage-test-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "costops.db", NULL);
}

void
tmp_db_teardown (TmpDb         *fixture,
                 gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (fixture->dir, name, NULL);
      g_assert_cmpint (g_unlink (file), ==, 0);
    }
  g_assert_cmpint (g_rmdir (fixture->dir), ==, 0);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
}

CostopsUsageRecord *
make_usage (const char *id,
            const char *organization_id,
            gint64      timestamp_us)
{
  CostopsUsageRecord *r = g_new0 (CostopsUsageRecord, 1);
  const char *tags[] = { "env:prod", "team \"core\"", "a,b\\c\n", "ünïcødé", NULL };

  r->id = g_strdup (id);
  r->timestamp_us = timestamp_us;
  r->provider = COSTOPS_PROVIDER_ANTHROPIC;
  r->provider_name = costops_dimension_intern ("anthropic");
  r->model_name = costops_dimension_intern ("claude-3-5-sonnet");
  r->model_version = costops_dimension_intern ("20241022");
  r->context_window = 200000;
  r->organization_id = costops_dimension_intern (organization_id);
  r->project_id = costops_dimension_intern ("project-7");
  r->user_id = g_strdup ("user-42");
  r->prompt_tokens = 1200;
  r->completion_tokens = 345;
  r->total_tokens = 1545;
  r->has_cached_tokens = TRUE;
  r->cached_tokens = 800;
  r->has_reasoning_tokens = TRUE;
  r->reasoning_tokens = 120;
  r->has_latency = TRUE;
  r->latency_ms = 987;
  r->tags = g_strdupv ((char **) tags);
  return r;
}

void
assert_usage_equal (const CostopsUsageRecord *a,
                    const CostopsUsageRecord *b)
{
  g_assert_cmpstr (a->id, ==, b->id);
  g_assert_cmpint (a->timestamp_us, ==, b->timestamp_us);
  g_assert_cmpint (a->provider, ==, b->provider);
  g_assert_cmpstr (a->provider_name, ==, b->provider_name);
  g_assert_cmpstr (a->model_name, ==, b->model_name);
  g_assert_cmpstr (a->model_version, ==, b->model_version);
  g_assert_cmpuint (a->context_window, ==, b->context_window);
  g_assert_cmpstr (a->organization_id, ==, b->organization_id);
  g_assert_cmpstr (a->project_id, ==, b->project_id);
  g_assert_cmpstr (a->user_id, ==, b->user_id);
  g_assert_cmpuint (a->prompt_tokens, ==, b->prompt_tokens);
  g_assert_cmpuint (a->completion_tokens, ==, b->completion_tokens);
  g_assert_cmpuint (a->total_tokens, ==, b->total_tokens);
  g_assert_cmpint (a->has_cached_tokens, ==, b->has_cached_tokens);
  g_assert_cmpuint (a->cached_tokens, ==, b->cached_tokens);
  g_assert_cmpint (a->has_reasoning_tokens, ==, b->has_reasoning_tokens);
  g_assert_cmpuint (a->reasoning_tokens, ==, b->reasoning_tokens);
  g_assert_cmpint (a->has_latency, ==, b->has_latency);
  g_assert_cmpuint (a->latency_ms, ==, b->latency_ms);
  g_assert_cmpstrv ((const char * const *) a->tags, (const char * const *) b->tags);
}

void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("raw SQL failed: %s\n%s", message, sql);
  sqlite3_close (db);
}

static sqlite3_stmt *
raw_step (sqlite3    *db,
          const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("raw SQL failed: %s\n%s", sqlite3_errmsg (db), sql);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return stmt;
}

gint64
raw_query_int (const char *path,
               const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  stmt = raw_step (db, sql);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

char *
raw_query_text (const char *path,
                const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt;
  char *value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  stmt = raw_step (db, sql);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}
