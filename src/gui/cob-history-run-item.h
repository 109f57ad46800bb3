/* cob-history-run-item.h: one run of the History page's run list: its
 * texts, made once, and whether it is the baseline or the run shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "bench-history.h"

G_BEGIN_DECLS

#define COB_TYPE_HISTORY_RUN_ITEM (cob_history_run_item_get_type ())
G_DECLARE_FINAL_TYPE (CobHistoryRunItem, cob_history_run_item, COB, HISTORY_RUN_ITEM, GObject)

/* @title: start time; @subtitle: run id, number of targets and machine.
 * Made in the thread that reads the history. */
CobHistoryRunItem *cob_history_run_item_new          (BenchRunRecord    *run,
                                                      const char        *title,
                                                      const char        *subtitle);
BenchRunRecord    *cob_history_run_item_get_run      (CobHistoryRunItem *self);
const char        *cob_history_run_item_get_title    (CobHistoryRunItem *self);
const char        *cob_history_run_item_get_subtitle (CobHistoryRunItem *self);
gboolean           cob_history_run_item_get_is_baseline (CobHistoryRunItem *self);
void               cob_history_run_item_set_is_baseline (CobHistoryRunItem *self,
                                                         gboolean           is_baseline);
gboolean           cob_history_run_item_get_is_shown (CobHistoryRunItem *self);
void               cob_history_run_item_set_is_shown (CobHistoryRunItem *self,
                                                      gboolean           is_shown);

G_END_DECLS
