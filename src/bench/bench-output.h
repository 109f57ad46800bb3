/* bench-output.h: the files a run leaves behind, exactly as the seed
 * describes: <dir>/raw/<target_id>.json and <dir>/summary.md. Every file is
 * written to a temporary name and renamed into place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bench-result.h"
#include "bench-run-comparison.h"

G_BEGIN_DECLS

/* Creates @dir and @dir/raw if needed and proves they can be written (a probe
 * file is created and removed). Fails with BENCH_ERROR_OUTPUT_NOT_WRITABLE
 * naming the path when @dir is a file or cannot be created or written.
 * Touches nothing that exists. */
gboolean bench_output_prepare      (const char        *dir,
                                    GError           **error);
/* Pretty-printed JSON of bench_result_to_json(). */
gboolean bench_output_write_result (const char        *dir,
                                    const BenchResult *result,
                                    GError           **error);
char    *bench_output_result_path  (const char        *dir,
                                    const char        *target_id);

/* The summary.md text for @results (BenchResult*): header (generation time,
 * host, CPU model, compiler, build type), the seed's table
 * | Target | Operations/sec | Avg Duration (ns) | Notes |, failed targets
 * with their errors, then one "### <target_id>" section per success with the
 * metrics as a ```json block. The header also has the run-independent
 * environment facts and warnings of bench_summary_render_run(). */
char    *bench_summary_render      (GPtrArray         *results);
gboolean bench_output_write_summary (const char       *dir,
                                     GPtrArray        *results,
                                     GError          **error);
/* Any path, for "Export Summary…". */
gboolean bench_summary_write_to    (const char        *path,
                                    GPtrArray         *results,
                                    GError           **error);

/* The summary.md of a recorded run (bench_runner_run_record()): the header
 * shows the run id and the environment the run recorded, then a
 * "## Warnings" list when that machine was noisy (bench-environment.h);
 * with @comparison (may be NULL) a "## Comparison" section with the table
 * | Target | Baseline | Current | Change | Verdict | follows the seed's
 * table. bench_summary_render() is this without a run or a comparison,
 * describing the machine as it is when called. */
char    *bench_summary_render_run       (BenchRunRecord      *record,
                                         BenchRunComparison  *comparison);
gboolean bench_output_write_run_summary (const char          *dir,
                                         BenchRunRecord      *record,
                                         BenchRunComparison  *comparison,
                                         GError             **error);
gboolean bench_summary_write_run_to     (const char          *path,
                                         BenchRunRecord      *record,
                                         BenchRunComparison  *comparison,
                                         GError             **error);

/* bench_output_write_result() with the run's environment added under
 * "environment" (the seed's three members are unchanged). */
gboolean bench_output_write_result_with_environment (const char        *dir,
                                                     const BenchResult *result,
                                                     JsonObject        *environment,
                                                     GError           **error);

/* Reads every <dir>/raw/<name>.json. Malformed files are skipped and their names
 * (basename: message) appended to @skipped (may be NULL). Results are sorted
 * by target id. Fails only when <dir>/raw cannot be read.
 * @skipped receives newly allocated strings: create it with
 * g_ptr_array_new_with_free_func (g_free). A file whose target_id does not
 * match its name is skipped too. */
GPtrArray *bench_output_load       (const char        *dir,
                                    GPtrArray         *skipped,
                                    GError           **error);

/* One raw result file's text, from the file @name (e.g. "aggregator.json",
 * which must match its target id). Like every raw file bench_output_load()
 * reads, it must be standard JSON of at most BENCH_OUTPUT_MAX_RESULT_BYTES
 * with at most 100,000 values, nested at most COSTOPS_JSON_MAX_DEPTH levels,
 * numbers in range (costops-safe-read.h); a file that is not a regular file
 * (a FIFO, a device, a socket, a folder) is skipped unread. */
#define BENCH_OUTPUT_MAX_RESULT_BYTES (4 * 1024 * 1024)
BenchResult *bench_output_load_result_data (const char  *data,
                                            gsize        length,
                                            const char  *name,
                                            GError     **error);

G_END_DECLS
