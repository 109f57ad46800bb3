/* bench-history.h: every run kept, so later runs can be compared with it.
 *
 * A run record holds the run id, its UTC start time, the environment it ran
 * in, and every target's result with all its samples. It is stored as
 * zstd-compressed JSON, one file per run, in <output>/history/, named
 * <start time>-<run id>.json.zst so that names sort by time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bench-result.h"

G_BEGIN_DECLS

typedef struct _BenchRunRecord BenchRunRecord;

#define BENCH_TYPE_RUN_RECORD (bench_run_record_get_type ())
GType           bench_run_record_get_type (void) G_GNUC_CONST;

/* A fresh random run id: 8 lowercase hex digits. */
char           *bench_run_id_generate     (void);

/* Takes references on @environment (may be NULL) and on each result. */
BenchRunRecord *bench_run_record_new      (const char     *run_id,
                                           GDateTime      *started,
                                           JsonObject     *environment,
                                           GPtrArray      *results);
BenchRunRecord *bench_run_record_ref      (BenchRunRecord *record);
void            bench_run_record_unref    (BenchRunRecord *record);
const char     *bench_run_record_get_id          (BenchRunRecord *record);
GDateTime      *bench_run_record_get_started     (BenchRunRecord *record);
/* NULL when the run recorded none. */
JsonObject     *bench_run_record_get_environment (BenchRunRecord *record);
/* BenchResult*, in run order. */
GPtrArray      *bench_run_record_get_results     (BenchRunRecord *record);
BenchResult    *bench_run_record_lookup          (BenchRunRecord *record,
                                                  const char     *target_id);
/* Where it was loaded from; NULL for a record not read from disk. */
const char     *bench_run_record_get_path        (BenchRunRecord *record);

/* A cancelled run: @not_run (may be NULL) are the targets that did not
 * run. Stored as "cancelled": true, "not_run": [ids]. */
void            bench_run_record_set_cancelled   (BenchRunRecord     *record,
                                                  const char * const *not_run);
gboolean        bench_run_record_is_cancelled    (BenchRunRecord     *record);
/* NULL unless cancelled. */
const char * const *bench_run_record_get_not_run (BenchRunRecord     *record);

JsonNode       *bench_run_record_to_json   (BenchRunRecord *record);
BenchRunRecord *bench_run_record_from_json (JsonNode       *node,
                                            GError        **error);

/* Writes @record to @output_dir/history/ atomically; stores the file's path
 * in @path when not NULL. */
gboolean        bench_history_append (const char      *output_dir,
                                      BenchRunRecord  *record,
                                      char           **path,
                                      GError         **error);
/* bench_history_append() into any folder (created if needed). */
gboolean        bench_history_write  (const char      *history_dir,
                                      BenchRunRecord  *record,
                                      char           **path,
                                      GError         **error);
/* Reading history files, which anyone could have damaged or written:
 * every failure is an error naming the file and the problem, never a
 * crash, a hang or unbounded memory. A history file must be a regular file
 * (symbolic links are followed; FIFOs, devices, sockets and folders are
 * refused before reading) of at most 16 MiB, decompress to at most 32 MiB
 * (memory grows with the real output, not the size a frame declares), and
 * hold standard JSON nested at most COSTOPS_JSON_MAX_DEPTH (64) levels,
 * with at most 2,000,000 values, numbers in range (costops-safe-read.h),
 * and at most BENCH_HISTORY_MAX_SAMPLES finite samples per target (a
 * sample lasts at least 1 ms, so that is 100 s of measuring one target,
 * far beyond what a run does; exporting such a record as Google Benchmark
 * JSON takes about 350 MB). */
#define BENCH_HISTORY_MAX_SAMPLES 100000u

/* Decompressed JSON text to a record. */
BenchRunRecord *bench_run_record_load_data (const char   *data,
                                            gsize         length,
                                            GError      **error);
/* The compressed contents of a history file to a record. */
BenchRunRecord *bench_history_load_bytes   (GBytes       *packed,
                                            GError      **error);
/* Reads one history file; errors begin with the file's name. */
BenchRunRecord *bench_history_load_file (const char   *path,
                                         GError      **error);
/* Every run in @output_dir/history/, oldest first (by start time). Unreadable, corrupt or
 * truncated files are skipped, "name: reason" appended to @skipped (may be
 * NULL). A missing history folder is an empty history, not an error. */
GPtrArray      *bench_history_list   (const char      *output_dir,
                                      GPtrArray       *skipped,
                                      GError         **error);
/* Resolves a baseline: "latest" (the newest run in @runs), a run id (or a
 * unique prefix of one), or the path of a history file. */
BenchRunRecord *bench_history_find   (GPtrArray       *runs,
                                      const char      *spec,
                                      GError         **error);
/* The newest run in @runs that started before @current (and is not
 * @current): what "latest" means as the baseline of @current. */
BenchRunRecord *bench_history_find_previous (GPtrArray      *runs,
                                             BenchRunRecord *current,
                                             GError        **error);
/* Checks that runs can be appended, so that a run fails before it starts
 * rather than after: @output_dir/history/, when it exists, must be a folder
 * in which a file can be created. Creates nothing. */
gboolean        bench_history_prepare (const char     *output_dir,
                                       GError        **error);
/* Keeps the newest @keep runs and deletes the older files; the number
 * deleted goes to @removed. Corrupt files are left alone. */
gboolean        bench_history_prune  (const char      *output_dir,
                                      guint            keep,
                                      guint           *removed,
                                      GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchRunRecord, bench_run_record_unref)

G_END_DECLS
