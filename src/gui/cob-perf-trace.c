/* cob-perf-trace.c: a ring of timestamped events (frame clock phases,
 * progress deliveries, chart snapshots) printed for each main-loop gap
 * over 50 ms, so a stall can be attributed to what ran inside it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cob-perf-trace.h"

#define RING 4096
#define GAP_THRESHOLD_US 50000

typedef struct {
  gint64 time_us;
  const char *label;
} TraceEvent;

gboolean cob_perf_trace_enabled;

static TraceEvent ring[RING];
static guint64 n_events;
static GdkFrameClock *traced_clock;
static gint64 layout_end_us;
static guint n_frames, n_slow_paints;
static gint64 paint_sum_us, paint_max_us;

void
cob_perf_trace_mark_real (const char *label)
{
  TraceEvent *event = &ring[n_events % RING];

  event->time_us = g_get_monotonic_time ();
  event->label = label;
  n_events++;
}

static void
on_phase (GdkFrameClock *clock,
          gpointer       label)
{
  cob_perf_trace_mark_real (label);
}

static void
on_layout_end (GdkFrameClock *clock,
               gpointer       label)
{
  cob_perf_trace_mark_real (label);
  layout_end_us = g_get_monotonic_time ();
}

/* Snapshot and render: what the paint phase costs per frame. */
static void
on_paint_end (GdkFrameClock *clock,
              gpointer       label)
{
  gint64 paint;

  cob_perf_trace_mark_real (label);
  paint = g_get_monotonic_time () - layout_end_us;
  n_frames++;
  paint_sum_us += paint;
  paint_max_us = MAX (paint_max_us, paint);
  if (paint > GAP_THRESHOLD_US)
    n_slow_paints++;
}

void
cob_perf_trace_start (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  if (clock == NULL || traced_clock != NULL)
    return;
  traced_clock = g_object_ref (clock);
  n_events = 0;
  n_frames = n_slow_paints = 0;
  paint_sum_us = paint_max_us = 0;
  cob_perf_trace_enabled = TRUE;
  /* Connected after GTK's own handlers: each mark is the END of a phase. */
  g_signal_connect (clock, "flush-events", G_CALLBACK (on_phase), (gpointer) "flush-events end");
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_phase), (gpointer) "before-paint end");
  g_signal_connect (clock, "update", G_CALLBACK (on_phase), (gpointer) "update end");
  g_signal_connect (clock, "layout", G_CALLBACK (on_layout_end), (gpointer) "layout end");
  g_signal_connect (clock, "paint", G_CALLBACK (on_paint_end), (gpointer) "paint end");
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_phase), (gpointer) "after-paint end");
  g_signal_connect (clock, "resume-events", G_CALLBACK (on_phase), (gpointer) "resume-events end");
}

void
cob_perf_trace_gap (gint64 from_us,
                    gint64 to_us)
{
  guint64 first;
  gint64 previous = from_us;

  if (!cob_perf_trace_enabled || to_us - from_us <= GAP_THRESHOLD_US)
    return;
  g_printerr ("[trace] gap %.1f ms\n", (to_us - from_us) / 1000.0);
  first = n_events > RING ? n_events - RING : 0;
  for (guint64 i = first; i < n_events; i++)
    {
      TraceEvent *event = &ring[i % RING];

      if (event->time_us < from_us || event->time_us > to_us)
        continue;
      g_printerr ("[trace]   +%6.1f ms (%6.1f) %s\n", (event->time_us - from_us) / 1000.0,
                  (event->time_us - previous) / 1000.0, event->label);
      previous = event->time_us;
    }
  g_printerr ("[trace]   +%6.1f ms (%6.1f) stall timer\n", (to_us - from_us) / 1000.0,
              (to_us - previous) / 1000.0);
}

void
cob_perf_trace_stop (void)
{
  if (traced_clock == NULL)
    return;
  g_printerr ("[trace] %u frames; paint phase mean %.1f ms, max %.1f ms, %u over 50 ms\n",
              n_frames, n_frames > 0 ? paint_sum_us / 1000.0 / n_frames : 0.0,
              paint_max_us / 1000.0, n_slow_paints);
  g_signal_handlers_disconnect_matched (traced_clock, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, on_phase, NULL);
  g_signal_handlers_disconnect_matched (traced_clock, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, on_layout_end, NULL);
  g_signal_handlers_disconnect_matched (traced_clock, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, on_paint_end, NULL);
  g_clear_object (&traced_clock);
  cob_perf_trace_enabled = FALSE;
}
