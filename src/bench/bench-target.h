/* bench-target.h: what a benchmark target is.
 *
 * A target is a static, immutable description plus four callbacks. The
 * framework (bench-runner.c) owns timing: it calls setup once, calibrates the
 * batch size, warms up, then calls run_iterations() for each sample. Targets
 * never time themselves for the headline figures and never print.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _BenchContext BenchContext;
typedef struct _BenchTarget  BenchTarget;

struct _BenchTarget {
  const char *id;            /* [a-z0-9_]+, unique */
  const char *display_name;  /* translatable (N_()), shown by the app */
  const char *category;      /* e.g. "engine", "io", "storage" */
  const char *description;   /* one line, translatable (N_()) */

  /* Builds the test data. Returns the target's state (may be NULL when the
   * target needs none); freed by teardown. */
  gpointer (*setup)          (const BenchTarget *target,
                              GError           **error);
  /* Performs @iterations operations. Each operation's result must be passed
   * to bench_keep() so that the compiler cannot remove the work. Returns
   * FALSE with @error set when an operation fails. */
  gboolean (*run_iterations) (gpointer           state,
                              guint64            iterations,
                              GError           **error);
  /* Optional. Adds the target's own figures (records per operation, sizes,
   * ops/sec of variants measured with bench_context_measure()) to @metrics. */
  gboolean (*add_metrics)    (gpointer           state,
                              BenchContext      *context,
                              JsonObject        *metrics,
                              GError           **error);
  /* Optional. Frees @state and removes anything setup created. */
  void     (*teardown)       (gpointer           state);

  /* Optional. Every sample runs at least this many operations (0 or 1:
   * whatever calibration picks). For targets whose cost arrives in periodic
   * bursts, such as a database checkpoint every few transactions: a sample
   * should hold a whole cycle, or samples differ by the burst, not by noise. */
  guint     min_iterations_per_sample;
};

/* Compiler barrier: @value is treated as used, so the computation that
 * produced it cannot be optimised away, without costing a memory write. */
#define bench_keep(value) \
  G_STMT_START { __typeof__ (value) bench_keep_v_ = (value); \
                 __asm__ __volatile__ ("" : : "g" (bench_keep_v_) : "memory"); } G_STMT_END
/* For values that are pointers to data that must be treated as read. */
#define bench_keep_pointer(ptr) \
  G_STMT_START { __asm__ __volatile__ ("" : : "r" (ptr) : "memory"); } G_STMT_END

/* The context a target sees while it runs. */
GCancellable *bench_context_get_cancellable (BenchContext *context);
/* Reports progress of the target's own extra work (0..1). */
void          bench_context_report_progress (BenchContext *context,
                                             double        fraction);

typedef gboolean (*BenchIterationsFunc) (gpointer   state,
                                         guint64    iterations,
                                         GError   **error);

/* Measures @func with the same calibration and sampling as the headline
 * figure, but for a shorter time (a fifth of the target's measuring time).
 * Used by add_metrics() for variants, e.g. other pricing structures.
 * On success stores the median operations per second. */
gboolean      bench_context_measure (BenchContext        *context,
                                     BenchIterationsFunc  func,
                                     gpointer             state,
                                     double              *ops_per_second,
                                     GError             **error);

/* TRUE when @id matches [a-z0-9_]+. */
gboolean      bench_target_id_is_valid (const char *id);

G_END_DECLS
