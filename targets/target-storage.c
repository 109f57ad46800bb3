/* target-storage.c: the storage target.
 *
 * One operation inserts 1,000 new usage records in one transaction into an
 * on-disk database (WAL, synchronous=NORMAL) in a temporary directory, then
 * lists one organization's records over the time range just written. Every
 * operation writes fresh ids and a later time range, so each insert is real
 * work and each query reads the rows of its own operation; the file grows
 * as an append-mostly usage store does. The directory is removed in teardown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "bench-targets.h"
#include "costops-storage.h"

#define RECORDS_PER_OP 1000
#define N_ORGS         10
#define QUERY_ORG      3
#define ID_SIZE        32
#define T0             G_GINT64_CONSTANT (1735689600000000) /* 2025-01-01T00:00:00Z */

typedef struct {
  char               *dir;
  char               *path;
  CostopsStorage     *storage;
  char               *orgs[N_ORGS];
  char              **tags;
  char                ids[RECORDS_PER_OP][ID_SIZE];
  CostopsUsageRecord  records[RECORDS_PER_OP];
  guint64             generation;
  guint               last_query_rows;
} StorageState;

static const CostopsProviderKind providers[] = {
  COSTOPS_PROVIDER_OPENAI, COSTOPS_PROVIDER_ANTHROPIC,
  COSTOPS_PROVIDER_GOOGLE, COSTOPS_PROVIDER_MISTRAL,
};
static const char * const models[] = {
  "gpt-4o", "claude-3-5-sonnet", "gemini-1.5-pro", "mistral-large",
};

static void
storage_teardown (gpointer data)
{
  StorageState *state = data;
  const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  /* Closing checkpoints and removes the WAL; remove whatever is left. */
  g_clear_object (&state->storage);
  if (state->path != NULL)
    {
      for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *file = g_strconcat (state->path, suffixes[i], NULL);
          g_remove (file);
        }
    }
  if (state->dir != NULL)
    g_rmdir (state->dir);

  for (guint i = 0; i < N_ORGS; i++)
    g_free (state->orgs[i]);
  g_strfreev (state->tags);
  g_free (state->path);
  g_free (state->dir);
  g_free (state);
}

static gpointer
storage_setup (const BenchTarget  *target,
               GError            **error)
{
  StorageState *state = g_new0 (StorageState, 1);
  const char *tags[] = { "env:prod", "team:platform", NULL };

  state->dir = g_dir_make_tmp ("cost-ops-storage-XXXXXX", error);
  if (state->dir == NULL)
    {
      storage_teardown (state);
      return NULL;
    }
  state->path = g_build_filename (state->dir, "usage.db", NULL);
  state->storage = costops_storage_open (state->path, error);
  if (state->storage == NULL)
    {
      storage_teardown (state);
      return NULL;
    }

  for (guint i = 0; i < N_ORGS; i++)
    state->orgs[i] = g_strdup_printf ("org-%02u", i);
  state->tags = g_strdupv ((char **) tags);

  /* The records point into the state's buffers; each operation rewrites
   * only the id and the time. */
  for (guint i = 0; i < RECORDS_PER_OP; i++)
    {
      CostopsUsageRecord *r = &state->records[i];

      r->id = state->ids[i];
      r->provider = providers[i % G_N_ELEMENTS (providers)];
      r->model_name = models[i % G_N_ELEMENTS (models)];
      r->model_version = "2024-08-06";
      r->context_window = 128000;
      r->organization_id = state->orgs[i % N_ORGS];
      r->project_id = "project-1";
      r->user_id = (char *) "user-1";
      r->prompt_tokens = 500 + (i * 37) % 3000;
      r->completion_tokens = 50 + (i * 11) % 800;
      r->total_tokens = r->prompt_tokens + r->completion_tokens;
      r->has_cached_tokens = TRUE;
      r->cached_tokens = r->prompt_tokens / 4;
      r->has_latency = TRUE;
      r->latency_ms = 300 + i % 1500;
      r->tags = state->tags;
    }
  return state;
}

static gint64
generation_start_us (guint64 generation)
{
  return T0 + (gint64) generation * RECORDS_PER_OP * G_USEC_PER_SEC;
}

static gboolean
insert_generation (StorageState  *state,
                   GError       **error)
{
  guint64 generation = ++state->generation;
  gint64 start_us = generation_start_us (generation);

  for (guint i = 0; i < RECORDS_PER_OP; i++)
    {
      g_snprintf (state->ids[i], ID_SIZE, "u%012" G_GUINT64_FORMAT "-%04u", generation, i);
      state->records[i].timestamp_us = start_us + (gint64) i * G_USEC_PER_SEC;
    }
  return costops_storage_insert_usage_batch (state->storage, state->records, RECORDS_PER_OP,
                                             error);
}

/* One organization over the latest generation's time range. */
static gboolean
query_latest (StorageState  *state,
              GError       **error)
{
  gint64 from_us = generation_start_us (state->generation);
  g_autoptr(GPtrArray) rows = NULL;

  rows = costops_storage_list_usage (state->storage, state->orgs[QUERY_ORG], from_us,
                                     from_us + RECORDS_PER_OP * G_USEC_PER_SEC, error);
  if (rows == NULL)
    return FALSE;
  bench_keep_pointer (rows->pdata);
  state->last_query_rows = rows->len;
  return TRUE;
}

static gboolean
storage_run (gpointer   data,
             guint64    iterations,
             GError   **error)
{
  StorageState *state = data;

  for (guint64 n = 0; n < iterations; n++)
    {
      if (!insert_generation (state, error) || !query_latest (state, error))
        return FALSE;
      bench_keep (state->last_query_rows);
    }
  return TRUE;
}

/* SQLite copies the WAL back into the database (a checkpoint, with fsync)
 * about every dozen 1,000-row transactions here, so single transactions
 * are either fast or slow. A variant operation of INSERT_RUN transactions
 * always contains a checkpoint, and its median is the sustained rate. */
#define INSERT_RUN 16

static gboolean
storage_run_insert_only (gpointer   data,
                         guint64    iterations,
                         GError   **error)
{
  StorageState *state = data;

  for (guint64 n = 0; n < iterations * INSERT_RUN; n++)
    if (!insert_generation (state, error))
      return FALSE;
  bench_keep (state->generation);
  return TRUE;
}

static gboolean
storage_run_query_only (gpointer   data,
                        guint64    iterations,
                        GError   **error)
{
  StorageState *state = data;

  for (guint64 n = 0; n < iterations; n++)
    {
      if (!query_latest (state, error))
        return FALSE;
      bench_keep (state->last_query_rows);
    }
  return TRUE;
}

static gboolean
storage_add_metrics (gpointer     data,
                     BenchContext *context,
                     JsonObject   *metrics,
                     GError      **error)
{
  StorageState *state = data;
  g_auto(GStrv) settings = NULL;
  double insert_ops = 0.0;
  double query_ops = 0.0;

  if (!bench_context_measure (context, storage_run_insert_only, state, &insert_ops, error))
    return FALSE;
  bench_context_report_progress (context, 0.5);
  if (!bench_context_measure (context, storage_run_query_only, state, &query_ops, error))
    return FALSE;
  bench_context_report_progress (context, 1.0);

  settings = costops_storage_dup_settings (state->storage, error);
  if (settings == NULL)
    return FALSE;

  json_object_set_int_member (metrics, "rows_per_operation", RECORDS_PER_OP);
  json_object_set_double_member (metrics, "rows_inserted_per_second",
                                 insert_ops * INSERT_RUN * RECORDS_PER_OP);
  json_object_set_int_member (metrics, "query_latency_ns",
                              query_ops > 0.0 ? (gint64) (1e9 / query_ops + 0.5) : 0);
  json_object_set_int_member (metrics, "query_rows_returned", state->last_query_rows);
  json_object_set_int_member (metrics, "rows_in_database",
                              (gint64) (state->generation * RECORDS_PER_OP));
  for (guint i = 0; settings[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (settings[i], "=", 2);

      if (g_str_equal (kv[0], "journal_mode"))
        json_object_set_string_member (metrics, "sqlite_journal_mode", kv[1]);
      else if (g_str_equal (kv[0], "synchronous"))
        {
          static const char * const levels[] = { "off", "normal", "full", "extra" };
          guint64 level = g_ascii_strtoull (kv[1], NULL, 10);

          json_object_set_string_member (metrics, "sqlite_synchronous",
                                         level < G_N_ELEMENTS (levels) ? levels[level] : kv[1]);
        }
    }
  return TRUE;
}

const BenchTarget bench_target_storage = {
  .id = "storage",
  .display_name = N_("Storage"),
  .category = "storage",
  .description = N_("Insert 1,000 usage records in one SQLite transaction, then query one organization's time range"),
  .setup = storage_setup,
  .run_iterations = storage_run,
  .add_metrics = storage_add_metrics,
  .teardown = storage_teardown,
  /* SQLite checkpoints the WAL about every 11 transactions of this size. */
  .min_iterations_per_sample = 16,
};
