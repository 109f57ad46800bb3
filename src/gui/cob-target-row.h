/* cob-target-row.h: one benchmark target as the window lists it: whether it
 * is selected and where it is in the current run. A model object; the
 * window builds the row widget from it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "bench-result.h"
#include "bench-runner.h"
#include "bench-target.h"

G_BEGIN_DECLS

/* BenchTargetState plus "not part of this run". */
typedef enum {
  COB_TARGET_STATUS_IDLE,
  COB_TARGET_STATUS_PENDING,
  COB_TARGET_STATUS_RUNNING,
  COB_TARGET_STATUS_DONE,
  COB_TARGET_STATUS_FAILED,
  COB_TARGET_STATUS_CANCELLED,
} CobTargetStatus;

#define COB_TYPE_TARGET_ROW (cob_target_row_get_type ())
G_DECLARE_FINAL_TYPE (CobTargetRow, cob_target_row, COB, TARGET_ROW, GObject)

/* @target must outlive the row (targets are static). */
CobTargetRow      *cob_target_row_new            (const BenchTarget *target);

const BenchTarget *cob_target_row_get_target     (CobTargetRow *self);
const char        *cob_target_row_get_id         (CobTargetRow *self);
/* Translated. */
const char        *cob_target_row_get_title      (CobTargetRow *self);
const char        *cob_target_row_get_description (CobTargetRow *self);
const char        *cob_target_row_get_category   (CobTargetRow *self);

gboolean           cob_target_row_get_selected   (CobTargetRow *self);
void               cob_target_row_set_selected   (CobTargetRow *self,
                                                  gboolean      selected);

CobTargetStatus    cob_target_row_get_status     (CobTargetRow *self);
double             cob_target_row_get_fraction   (CobTargetRow *self);
double             cob_target_row_get_ops_per_second (CobTargetRow *self);
/* The failure's message, or NULL. */
const char        *cob_target_row_get_error      (CobTargetRow *self);
/* "Waiting", "42 %", "24,512,346 ops/s", "Failed", … (translated). */
const char        *cob_target_row_get_status_text (CobTargetRow *self);

/* Moves the row to @status; @result (may be NULL) supplies ops/sec or the
 * error for DONE and FAILED. Notifies only what changed. */
void               cob_target_row_update         (CobTargetRow    *self,
                                                  CobTargetStatus  status,
                                                  double           fraction,
                                                  BenchResult     *result);

G_END_DECLS
