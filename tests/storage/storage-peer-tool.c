/* storage-peer-tool.c: the storage module's side of tests/peers/storage.sh.
 *
 *   storage-peer-tool create DB          new database through the module; prints
 *                                        its connection settings as PRAGMAs
 *   storage-peer-tool csv DB FILE N      the N rows as CSV, columns in DB's table order
 *   storage-peer-tool insert DB N        the same N rows through one batch insert;
 *                                        prints the time taken
 *
 * Both sides get exactly the same rows from make_row().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <sqlite3.h>

#include "costops-error.h"
#include "costops-storage.h"

#define T0 G_GINT64_CONSTANT (1735689600000000) /* 2025-01-01T00:00:00Z */
#define ID_SIZE 16

static const CostopsProviderKind providers[] = {
  COSTOPS_PROVIDER_OPENAI, COSTOPS_PROVIDER_ANTHROPIC,
  COSTOPS_PROVIDER_GOOGLE, COSTOPS_PROVIDER_MISTRAL,
};
static const char * const models[] = {
  "gpt-4o", "claude-3-5-sonnet", "gemini-1.5-pro", "mistral-large",
  "gpt-4o-mini", "claude-3-haiku",
};

/* Strings shared by many rows, as a real import would hold few distinct
 * organizations or models: the records point into these pools. */
typedef struct {
  char  *orgs[20];
  char  *projects[100];
  char  *users[1000];
  char **tags[10];
} Pools;

static void
pools_init (Pools *p)
{
  for (guint i = 0; i < G_N_ELEMENTS (p->orgs); i++)
    p->orgs[i] = g_strdup_printf ("org-%02u", i);
  for (guint i = 0; i < G_N_ELEMENTS (p->projects); i++)
    p->projects[i] = g_strdup_printf ("proj-%03u", i);
  for (guint i = 0; i < G_N_ELEMENTS (p->users); i++)
    p->users[i] = g_strdup_printf ("user-%04u", i);
  for (guint i = 0; i < G_N_ELEMENTS (p->tags); i++)
    {
      p->tags[i] = g_new0 (char *, 3);
      p->tags[i][0] = g_strdup ("env:prod");
      p->tags[i][1] = g_strdup_printf ("team:t%u", i);
    }
}

static void
pools_clear (Pools *p)
{
  for (guint i = 0; i < G_N_ELEMENTS (p->orgs); i++)
    g_free (p->orgs[i]);
  for (guint i = 0; i < G_N_ELEMENTS (p->projects); i++)
    g_free (p->projects[i]);
  for (guint i = 0; i < G_N_ELEMENTS (p->users); i++)
    g_free (p->users[i]);
  for (guint i = 0; i < G_N_ELEMENTS (p->tags); i++)
    g_strfreev (p->tags[i]);
}

/* Row @i; @id is a buffer of ID_SIZE bytes that the record points to. */
static void
make_row (const Pools        *p,
          guint64             i,
          char               *id,
          CostopsUsageRecord *r)
{
  g_snprintf (id, ID_SIZE, "usage-%08" G_GUINT64_FORMAT, i);
  memset (r, 0, sizeof *r);
  r->id = id;
  r->timestamp_us = T0 + (gint64) i * G_USEC_PER_SEC;
  r->provider = providers[i % G_N_ELEMENTS (providers)];
  r->model_name = models[i % G_N_ELEMENTS (models)];
  r->model_version = "2024-08-06";
  r->context_window = 128000;
  r->organization_id = p->orgs[i % G_N_ELEMENTS (p->orgs)];
  r->project_id = p->projects[i % G_N_ELEMENTS (p->projects)];
  r->user_id = p->users[i % G_N_ELEMENTS (p->users)];
  r->prompt_tokens = 100 + (i * 7919) % 4000;
  r->completion_tokens = 20 + (i * 104729) % 1000;
  r->total_tokens = r->prompt_tokens + r->completion_tokens;
  r->has_cached_tokens = TRUE;
  r->cached_tokens = r->prompt_tokens / 4;
  r->has_reasoning_tokens = TRUE;
  r->reasoning_tokens = r->completion_tokens / 3;
  r->has_latency = TRUE;
  r->latency_ms = 200 + (guint32) (i % 1800);
  r->tags = p->tags[i % G_N_ELEMENTS (p->tags)];
}

static int
fail (const char *what,
      GError     *error)
{
  fprintf (stderr, "storage-peer-tool: %s: %s\n", what, error != NULL ? error->message : "");
  return 1;
}

static int
cmd_create (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CostopsStorage) storage = costops_storage_open (path, &error);
  g_auto(GStrv) settings = NULL;

  if (storage == NULL)
    return fail ("create", error);
  settings = costops_storage_dup_settings (storage, &error);
  if (settings == NULL)
    return fail ("settings", error);
  /* page_size belongs to the file, busy_timeout is not a PRAGMA the other
   * side needs: both are printed as comments. */
  for (guint i = 0; settings[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (settings[i], "=", 2);
      gboolean comment = g_str_equal (kv[0], "page_size") || g_str_equal (kv[0], "busy_timeout");

      printf ("%sPRAGMA %s = %s;\n", comment ? "-- " : "", kv[0], kv[1]);
    }
  return 0;
}

/* The column names of usage_records in the file's order. */
static GStrv
table_columns (const char *path)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT name FROM pragma_table_info('usage_records') ORDER BY cid",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      fprintf (stderr, "storage-peer-tool: %s: %s\n", path, sqlite3_errmsg (db));
      sqlite3_close (db);
      return NULL;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_strv_builder_end (builder);
}

static void
append_csv_field (GString    *out,
                  const char *value)
{
  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (out, value);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *c = value; *c != '\0'; c++)
    {
      if (*c == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *c);
    }
  g_string_append_c (out, '"');
}

static gboolean
append_column (GString                  *out,
               const char               *column,
               const CostopsUsageRecord *r)
{
#define NUM(name, value) \
  if (g_str_equal (column, name)) { g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) (value)); return TRUE; }
#define TEXT(name, value) \
  if (g_str_equal (column, name)) { append_csv_field (out, value); return TRUE; }
  TEXT ("id", r->id)
  NUM ("timestamp_us", r->timestamp_us)
  TEXT ("provider", costops_provider_to_string (r->provider, NULL))
  TEXT ("model_name", r->model_name)
  TEXT ("model_version", r->model_version)
  NUM ("context_window", r->context_window)
  TEXT ("organization_id", r->organization_id)
  TEXT ("project_id", r->project_id)
  TEXT ("user_id", r->user_id)
  NUM ("prompt_tokens", r->prompt_tokens)
  NUM ("completion_tokens", r->completion_tokens)
  NUM ("total_tokens", r->total_tokens)
  NUM ("cached_tokens", r->cached_tokens)
  NUM ("reasoning_tokens", r->reasoning_tokens)
  NUM ("latency_ms", r->latency_ms)
#undef NUM
#undef TEXT
  if (g_str_equal (column, "tags"))
    {
      /* The same JSON array text the module stores. */
      g_autoptr(GString) json = g_string_new ("[");
      for (guint i = 0; r->tags[i] != NULL; i++)
        g_string_append_printf (json, "%s\"%s\"", i > 0 ? "," : "", r->tags[i]);
      g_string_append_c (json, ']');
      append_csv_field (out, json->str);
      return TRUE;
    }
  return FALSE;
}

static int
cmd_csv (const char *db_path,
         const char *csv_path,
         guint64     n)
{
  g_auto(GStrv) columns = table_columns (db_path);
  g_autoptr(GString) out = g_string_sized_new (1 << 20);
  FILE *file;
  Pools pools;
  char id[ID_SIZE];

  if (columns == NULL || columns[0] == NULL)
    return fail ("csv", NULL);
  file = fopen (csv_path, "w");
  if (file == NULL)
    {
      perror (csv_path);
      return 1;
    }

  pools_init (&pools);
  for (guint64 i = 0; i < n; i++)
    {
      CostopsUsageRecord r;

      make_row (&pools, i, id, &r);
      for (guint c = 0; columns[c] != NULL; c++)
        {
          if (c > 0)
            g_string_append_c (out, ',');
          if (!append_column (out, columns[c], &r))
            {
              fprintf (stderr, "storage-peer-tool: unknown column %s\n", columns[c]);
              fclose (file);
              pools_clear (&pools);
              return 1;
            }
        }
      g_string_append_c (out, '\n');
      if (out->len > (1 << 20) - 1024 || i + 1 == n)
        {
          fwrite (out->str, 1, out->len, file);
          g_string_truncate (out, 0);
        }
    }
  pools_clear (&pools);
  if (fclose (file) != 0)
    {
      perror (csv_path);
      return 1;
    }
  return 0;
}

static int
cmd_insert (const char *db_path,
            guint64     n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CostopsStorage) storage = NULL;
  CostopsUsageRecord *records = g_new (CostopsUsageRecord, n);
  char *ids = g_malloc ((gsize) n * ID_SIZE);
  gint64 start, end;
  Pools pools;
  int status = 0;

  pools_init (&pools);
  for (guint64 i = 0; i < n; i++)
    make_row (&pools, i, ids + i * ID_SIZE, &records[i]);

  /* Timed like the sqlite3 process on the other side: open, insert in one
   * transaction, close (the final checkpoint). */
  start = g_get_monotonic_time ();
  storage = costops_storage_open (db_path, &error);
  if (storage == NULL ||
      !costops_storage_insert_usage_batch (storage, records, n, &error))
    status = fail ("insert", error);
  g_clear_object (&storage);
  end = g_get_monotonic_time ();

  if (status == 0)
    printf ("rows=%" G_GUINT64_FORMAT " seconds=%.3f rows_per_second=%.0f\n", n,
            (end - start) / 1e6, n / ((end - start) / 1e6));

  pools_clear (&pools);
  g_free (records);
  g_free (ids);
  return status;
}

int
main (int argc, char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "create"))
    return cmd_create (argv[2]);
  if (argc == 5 && g_str_equal (argv[1], "csv"))
    return cmd_csv (argv[2], argv[3], g_ascii_strtoull (argv[4], NULL, 10));
  if (argc == 4 && g_str_equal (argv[1], "insert"))
    return cmd_insert (argv[2], g_ascii_strtoull (argv[3], NULL, 10));

  fprintf (stderr, "usage: %s create DB | csv DB FILE N | insert DB N\n", argv[0]);
  return 2;
}
