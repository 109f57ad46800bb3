/* storage-test-util.h: temporary database files and records for the storage
 * tests. SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "costops-error.h"
#include "costops-storage.h"

G_BEGIN_DECLS

/* A fresh directory per test (g_dir_make_tmp), removed with what is in it. */
typedef struct {
  char *dir;
  char *path;   /* <dir>/costops.db, not created */
} TmpDb;

void tmp_db_setup    (TmpDb *fixture, gconstpointer data);
void tmp_db_teardown (TmpDb *fixture, gconstpointer data);

/* A record with every field set, the optional ones too. */
CostopsUsageRecord *make_usage (const char *id,
                                const char *organization_id,
                                gint64      timestamp_us);
void assert_usage_equal        (const CostopsUsageRecord *a,
                                const CostopsUsageRecord *b);

/* Runs @sql on a connection of its own (not through the storage module). */
void raw_exec                  (const char *path,
                                const char *sql);
/* The integer the first column of the first row of @sql gives. */
gint64 raw_query_int           (const char *path,
                                const char *sql);
/* The text the first column of the first row of @sql gives; g_free(). */
char  *raw_query_text          (const char *path,
                                const char *sql);

G_END_DECLS
