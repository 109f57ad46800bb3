/* bench-transaction.h: one run's hold on its output folder.
 *
 * A run locks the folder (flock on the folder itself), so a second run
 * into it fails at once, and writes its files into a staging folder
 * (DIR/.cost-ops-staging-XXXXXX). When the run ends, finished or cancelled,
 * the staging folder is renamed to DIR/.cost-ops-commit (the one atomic
 * step that decides) and its raw/, summary.md and history record are moved
 * into place. A run killed before that step leaves the previous run whole;
 * one killed after it is completed by the next process that opens the
 * folder (bench_transaction_recover()). So raw/, summary.md and the newest
 * history record always describe the same run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bench-history.h"
#include "bench-result.h"
#include "bench-run-comparison.h"

G_BEGIN_DECLS

typedef struct _BenchTransaction BenchTransaction;

/* Prepares @output_dir (bench_output_prepare(), bench_history_prepare()),
 * locks it, completes a switch-over an earlier run was killed in, and
 * opens a staging folder. BENCH_ERROR_OUTPUT_BUSY, naming the folder,
 * when another run holds it; then nothing was touched. */
BenchTransaction *bench_transaction_begin (const char        *output_dir,
                                           GError           **error);
const char       *bench_transaction_get_output_dir (BenchTransaction *transaction);

/* Stages <raw>/<id>.json of @result (a failure too), with @environment
 * (may be NULL) under "environment". */
gboolean          bench_transaction_write_result (BenchTransaction  *transaction,
                                                  const BenchResult *result,
                                                  JsonObject        *environment,
                                                  GError           **error);

/* Stages summary.md (when @write_summary; without it an older summary.md
 * is removed, since it would describe another run) with @comparison (may
 * be NULL) and the history record, then switches the folder over to this
 * run. The paths of the files as they are after the switch go to
 * @summary_path and @history_path (may be NULL). On an error before the
 * switch the folder is as it was; the error names what failed. A record
 * without results changes nothing. Once only. */
gboolean          bench_transaction_commit (BenchTransaction    *transaction,
                                            BenchRunRecord      *record,
                                            gboolean             write_summary,
                                            BenchRunComparison  *comparison,
                                            char               **summary_path,
                                            char               **history_path,
                                            GError             **error);

/* Removes what was staged and not committed, and releases the lock. */
void              bench_transaction_free (BenchTransaction *transaction);

/* Completes a switch-over that a killed run left half done, when no run
 * holds @output_dir. Readers call it before they read; errors (e.g. a
 * read-only folder) are ignored: the folder is then read as it is. */
void              bench_transaction_recover (const char *output_dir);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchTransaction, bench_transaction_free)

G_END_DECLS
