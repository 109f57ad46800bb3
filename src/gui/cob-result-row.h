/* cob-result-row.h: one result as the results table shows it. Wraps a
 * BenchResult and exposes its figures as properties so that GtkColumnView
 * sorters can read them through expressions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "bench-result.h"

G_BEGIN_DECLS

#define COB_TYPE_RESULT_ROW (cob_result_row_get_type ())
G_DECLARE_FINAL_TYPE (CobResultRow, cob_result_row, COB, RESULT_ROW, GObject)

/* @title: the target's translated display name, or NULL for the id. */
CobResultRow *cob_result_row_new             (BenchResult  *result,
                                              const char   *title);

BenchResult  *cob_result_row_get_result      (CobResultRow *self);
const char   *cob_result_row_get_target_id   (CobResultRow *self);
const char   *cob_result_row_get_title       (CobResultRow *self);
gboolean      cob_result_row_get_success     (CobResultRow *self);
/* 0 for a failure. Durations are nanoseconds per operation. */
double        cob_result_row_get_ops_per_second (CobResultRow *self);
double        cob_result_row_get_avg_ns      (CobResultRow *self);
double        cob_result_row_get_median_ns   (CobResultRow *self);
double        cob_result_row_get_p95_ns      (CobResultRow *self);
double        cob_result_row_get_p99_ns      (CobResultRow *self);
double        cob_result_row_get_spread      (CobResultRow *self);
/* "—", "Unstable", or the failure's message (translated). */
const char   *cob_result_row_get_notes       (CobResultRow *self);
const char   *cob_result_row_get_notes_detail (CobResultRow *self);

G_END_DECLS
