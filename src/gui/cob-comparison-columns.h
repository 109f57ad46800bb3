/* cob-comparison-columns.h: the results table's Baseline, Change and
 * Verdict columns, read from a CobHistoryView's comparison and updated
 * whenever it changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cob-history-view.h"

G_BEGIN_DECLS

void        cob_comparison_columns_setup (GtkColumnView  *view,
                                          CobHistoryView *history);
/* Whether @column is one of the columns added by cob_comparison_columns_setup(). */
gboolean    cob_comparison_columns_is_comparison (GtkColumnViewColumn *column);
/* The translated label of a verdict ("Regressed", "Improved", "No change")
 * and the CSS class that colors it ("verdict-regressed"…). */
const char *cob_verdict_label            (BenchVerdict    verdict);
const char *cob_verdict_css_class        (BenchVerdict    verdict);

G_END_DECLS
