/* costops-storage-private.h: what the storage files share; not installed.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "costops-error.h"
#include "costops-storage.h"

G_BEGIN_DECLS

/* Statements prepared once per handle and kept: the hot paths (batch insert,
 * range query) then never parse SQL. */
typedef enum {
  STORAGE_STMT_BEGIN,
  STORAGE_STMT_COMMIT,
  STORAGE_STMT_ROLLBACK,
  STORAGE_STMT_INSERT_USAGE,
  STORAGE_STMT_GET_USAGE,
  STORAGE_STMT_LIST_USAGE,
  STORAGE_STMT_INSERT_COST,
  STORAGE_STMT_GET_COST,
  STORAGE_STMT_INSERT_PRICING,
  STORAGE_STMT_INSERT_TIER,
  STORAGE_STMT_GET_PRICING,
  STORAGE_STMT_GET_TIERS,
  STORAGE_STMT_LIST_PRICING,
  STORAGE_N_STMTS
} StorageStmt;

struct _CostopsStorage {
  GObject       parent_instance;

  char         *path;
  guint         busy_timeout_ms;
  guint         schema_version;
  sqlite3      *db;
  sqlite3_stmt *stmts[STORAGE_N_STMTS];
  GString      *scratch;   /* reused for encoding tags */
};

/* The prepared statement @which, reset and ready to bind; NULL with @error set
 * when it cannot be prepared. Hold it in a g_autoptr(StorageStmtUse) so it is
 * reset on every path: a statement left mid-step would keep a read snapshot
 * open and block WAL checkpoints. */
sqlite3_stmt *costops_storage_stmt (CostopsStorage  *self,
                                    StorageStmt      which,
                                    GError         **error);

typedef sqlite3_stmt StorageStmtUse;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StorageStmtUse, sqlite3_reset)

/* Sets @error from a SQLite result code: the code picks the COSTOPS_ERROR_*,
 * the message is "<what>: <reason> (database “<path>”)". */
void     costops_storage_set_error (CostopsStorage  *self,
                                    int              rc,
                                    GError         **error,
                                    const char      *format,
                                    ...) G_GNUC_PRINTF (4, 5);

/* Transactions on the cached BEGIN IMMEDIATE / COMMIT / ROLLBACK statements.
 * Rollback never fails loudly: it is the error path already. */
gboolean costops_storage_begin     (CostopsStorage  *self,
                                    const char      *what,
                                    GError         **error);
gboolean costops_storage_commit    (CostopsStorage  *self,
                                    const char      *what,
                                    GError         **error);
void     costops_storage_rollback  (CostopsStorage  *self);

/* costops-storage-schema.c: applies the migrations this code knows, each in
 * its own transaction; refuses a newer file. Sets self->schema_version. */
gboolean costops_storage_migrate   (CostopsStorage  *self,
                                    GError         **error);

/* "2024-05-01T12:00:00Z" for messages. */
char    *costops_storage_format_time (gint64 time_us);

/* Exact money as text columns. */
gboolean costops_storage_read_money (CostopsStorage  *self,
                                     sqlite3_stmt    *stmt,
                                     int              column,
                                     const char      *what,
                                     CostopsMoney    *out,
                                     GError         **error);

G_END_DECLS
