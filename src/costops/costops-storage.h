/* costops-storage.h: usage records, cost records and pricing tables in a
 * SQLite database file.
 *
 * The file is opened in WAL mode with foreign keys on and a busy timeout, and
 * its schema is brought up to COSTOPS_STORAGE_SCHEMA_VERSION by versioned
 * migrations (PRAGMA user_version). A file written by a newer version of this
 * code is refused rather than guessed at.
 *
 * Every failure is a COSTOPS_ERROR with its own code: COSTOPS_ERROR_DUPLICATE,
 * _FOREIGN_KEY, _BUSY (locked by another connection for longer than the busy
 * timeout), _CORRUPT_DATABASE (not a database, or data this code cannot read
 * back), _SCHEMA_TOO_NEW, _NOT_FOUND, _INVALID_FIELD. A failed batch or pricing
 * insert is rolled back: nothing of it is left in the file.
 *
 * A handle is used from one thread at a time. Times are UTC microseconds since
 * the Unix epoch, as in costops-records.h; time ranges are half-open [from, to).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "costops-records.h"

G_BEGIN_DECLS

/* Version 1: usage_records and cost_records.
 * Version 2: usage_records.reasoning_tokens, the organization + time indexes,
 *            pricing_tables and pricing_tiers. */
#define COSTOPS_STORAGE_SCHEMA_VERSION 2

#define COSTOPS_STORAGE_DEFAULT_BUSY_TIMEOUT_MS 5000

#define COSTOPS_TYPE_STORAGE (costops_storage_get_type ())
G_DECLARE_FINAL_TYPE (CostopsStorage, costops_storage, COSTOPS, STORAGE, GObject)

/* Opens (creating it when missing) the database file at @path and migrates
 * it. Implements GInitable: g_initable_new() with the "path" and
 * "busy-timeout" properties is the long form. */
CostopsStorage *costops_storage_open              (const char      *path,
                                                   GError         **error);
CostopsStorage *costops_storage_open_with_timeout (const char      *path,
                                                   guint            busy_timeout_ms,
                                                   GError         **error);

const char     *costops_storage_get_path          (CostopsStorage  *self);
guint           costops_storage_get_busy_timeout  (CostopsStorage  *self);
/* The schema version of the open file (after migrations). */
guint           costops_storage_get_schema_version (CostopsStorage *self);
/* The connection's effective settings read back from SQLite, as "name=value"
 * strings (journal_mode, synchronous, foreign_keys, cache_size, page_size,
 * busy_timeout), for reports and fair comparisons. Free with g_strfreev(). */
char          **costops_storage_dup_settings      (CostopsStorage  *self,
                                                   GError         **error);

/* --- usage records --- */
gboolean        costops_storage_insert_usage       (CostopsStorage           *self,
                                                    const CostopsUsageRecord *record,
                                                    GError                  **error);
/* Inserts @n_records in one transaction with one prepared statement: either
 * all of them are stored or, on any error, none. */
gboolean        costops_storage_insert_usage_batch (CostopsStorage           *self,
                                                    const CostopsUsageRecord *records,
                                                    gsize                     n_records,
                                                    GError                  **error);
/* COSTOPS_ERROR_NOT_FOUND when there is no record with @id. */
CostopsUsageRecord *costops_storage_get_usage      (CostopsStorage           *self,
                                                    const char               *id,
                                                    GError                  **error);
/* Records of @organization_id with @from_us <= timestamp < @to_us, by time,
 * then in insertion order. Returns (CostopsUsageRecord*) elements owned by
 * the array, possibly none. */
GPtrArray      *costops_storage_list_usage         (CostopsStorage           *self,
                                                    const char               *organization_id,
                                                    gint64                    from_us,
                                                    gint64                    to_us,
                                                    GError                  **error);

/* --- cost records (one per usage record, which must exist) --- */
gboolean        costops_storage_insert_cost        (CostopsStorage           *self,
                                                    const CostopsCostRecord  *record,
                                                    GError                  **error);
CostopsCostRecord *costops_storage_get_cost        (CostopsStorage           *self,
                                                    const char               *usage_id,
                                                    GError                  **error);

/* --- pricing tables (unique per provider, model and start of effect) --- */
gboolean        costops_storage_insert_pricing     (CostopsStorage             *self,
                                                    const CostopsPricingTable  *table,
                                                    GError                    **error);
/* The table of @provider and @model in effect at @at_us (the latest one that
 * started at or before it and has not ended); COSTOPS_ERROR_NOT_FOUND when
 * none is. @provider is matched as costops_provider_from_string() reads it
 * ("OpenAI" is openai); a custom provider's name exactly. */
CostopsPricingTable *costops_storage_get_pricing   (CostopsStorage             *self,
                                                    const char                 *provider,
                                                    const char                 *model,
                                                    gint64                      at_us,
                                                    GError                    **error);
/* All tables by provider, model and start. (CostopsPricingTable*) elements. */
GPtrArray      *costops_storage_list_pricing       (CostopsStorage             *self,
                                                    GError                    **error);

G_END_DECLS
