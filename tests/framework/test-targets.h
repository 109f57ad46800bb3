/* test-targets.h: benchmark targets with known behaviour for the runner
 * tests: one that spins for a known time, a fast one, one with nothing to run, ones
 * that fail in each phase and one that cancels the run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bench-runner.h"

G_BEGIN_DECLS

/* busy_target spins this long per iteration; its add_metrics() measures a
 * variant spinning VARIANT_NS as "variant_ops_per_second". */
#define BUSY_NS (100 * 1000)
#define VARIANT_NS (50 * 1000)

extern const BenchTarget busy_target;
extern const BenchTarget fast_target;
extern const BenchTarget unimplemented_target;    /* no run_iterations */
extern const BenchTarget setup_fails_target;    /* G_FILE_ERROR_NOENT in setup */
extern const BenchTarget run_fails_target;      /* G_IO_ERROR_INVALID_DATA on the 3rd batch */
extern const BenchTarget silent_target;         /* fails without a GError */
extern const BenchTarget overwriting_target;    /* add_metrics() redefines operations_per_second */
extern const BenchTarget bad_id_target;         /* id "../escape" */
extern const BenchTarget canceller_target;      /* cancels counters.cancellable on the 3rd batch */

/* What the failing and cancelling targets did; reset_counters() clears it. */
typedef struct {
  guint         setups;
  guint         runs;
  guint         teardowns;
  guint         runs_after_cancel;
  GCancellable *cancellable;
} TestCounters;

extern TestCounters counters;

void       reset_counters (void);

gint64     now_ns         (void);
void       busy_wait      (gint64 ns);

/* 30 ms measuring, 5 ms warm-up, 5 samples: fast enough for many runs. */
void       short_options  (BenchRunOptions *options);
/* A GPtrArray of the NULL-terminated targets given. */
GPtrArray *target_list    (const BenchTarget *first,
                           ...) G_GNUC_NULL_TERMINATED;

/* A metric that must exist with this JSON type. */
gint64     metric_int     (BenchResult *result,
                           const char  *name);
double     metric_double  (BenchResult *result,
                           const char  *name);

/* One progress report, as record_event() (a BenchProgressFunc whose user
 * data is a GArray of Event) stores it. */
typedef struct {
  guint              index;
  const BenchTarget *target;
  BenchTargetState   state;
  double             fraction;
  gboolean           has_result;
  gint64             time_ns;
} Event;

void       record_event   (guint              index,
                           const BenchTarget *target,
                           BenchTargetState   state,
                           double             fraction,
                           BenchResult       *result,
                           gpointer           user_data);

G_END_DECLS
