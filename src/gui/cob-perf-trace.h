/* cob-perf-trace.h: what the main loop did around its longest stalls
 * (COB_MEASURE_STALLS=trace); costs one branch when off.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

extern gboolean cob_perf_trace_enabled;

void cob_perf_trace_start (GtkWidget  *window);
void cob_perf_trace_mark_real (const char *label);
/* Called by the stall timer with the gap it saw; dumps the events within
 * a gap over the threshold. */
void cob_perf_trace_gap   (gint64      from_us,
                           gint64      to_us);
void cob_perf_trace_stop  (void);

#define cob_perf_trace_mark(label) \
  G_STMT_START { if (G_UNLIKELY (cob_perf_trace_enabled)) cob_perf_trace_mark_real (label); } G_STMT_END

G_END_DECLS
