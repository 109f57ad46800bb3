/* bench-private.h: what the framework's own files share and nobody else
 * uses: the context a target runs in and the sampling engine.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bench-runner.h"
#include "bench-target.h"

G_BEGIN_DECLS

/* A sample lasts at least this long, and at least 1,000 clock resolutions. */
#define BENCH_MIN_SAMPLE_NS   (1000 * 1000)
/* Sampling may take this many times the measuring time to get enough
 * undisturbed samples. */
#define BENCH_MAX_MEASURE_FACTOR 3
/* A sample whose thread got less CPU time than this share of its wall time
 * was starved (only for targets whose warm-up kept the CPU: I/O waits are
 * the work of others). */
#define BENCH_MIN_CPU_SHARE 0.90
/* With fewer undisturbed samples than this, all samples are used. */
#define BENCH_MIN_UNDISTURBED BENCH_MIN_UNDISTURBED_SAMPLES
/* RUNNING progress is reported at most this often. */
#define BENCH_PROGRESS_INTERVAL_NS (20 * 1000 * 1000)

/* What a target is doing, for the reason a worker died ("while measuring"). */
typedef enum {
  BENCH_STAGE_SETUP,
  BENCH_STAGE_WARMUP,
  BENCH_STAGE_MEASURE,
  BENCH_STAGE_METRICS,
  BENCH_STAGE_TEARDOWN,
  BENCH_N_STAGES,
} BenchStage;

typedef void (*BenchStageFunc) (BenchStage stage,
                                gpointer   user_data);

/* "setup", "warmup", …: the word in the worker protocol. */
const char *bench_stage_to_string   (BenchStage  stage);
gboolean    bench_stage_from_string (const char *text,
                                     BenchStage *stage);

struct _BenchContext {
  const BenchTarget     *target;
  const BenchRunOptions *options;
  guint                  index;
  BenchProgressFunc      progress;
  gpointer               progress_data;
  GCancellable          *cancellable;

  gint64                 min_sample_ns;   /* calibrated batch lasts this long */
  gint64                 last_report_ns;  /* throttles RUNNING reports */
  /* The share of the target's progress bar the current phase fills. */
  double                 phase_start;
  double                 phase_end;
  double                 last_fraction;   /* progress never goes back */
  BenchStage             stage;
  BenchStageFunc         stage_func;      /* may be NULL */
  gpointer               stage_data;
};

/* The target's setup(), if it has one, in the setup stage: FALSE with the
 * error prefixed "Setup failed: ". */
gboolean bench_context_setup_target (BenchContext *context,
                                     gpointer     *state,
                                     GError      **error);

/* The target's teardown(), if it has one, in the teardown stage. */
void     bench_context_teardown_target (BenchContext *context,
                                        gpointer      state);

/* Tells the stage function, if any, what the target does now. */
void     bench_context_set_stage   (BenchContext          *context,
                                    BenchStage             stage);

/* bench_run_target() in this process, with @stage_func told each stage;
 * sends no final DONE/FAILED progress. */
BenchResult *bench_run_target_here (const BenchTarget     *target,
                                    const BenchRunOptions *options,
                                    guint                  index,
                                    BenchProgressFunc      progress,
                                    gpointer               progress_data,
                                    BenchStageFunc         stage_func,
                                    gpointer               stage_data,
                                    GCancellable          *cancellable,
                                    GError               **error);

/* bench-callgrind.c, in the worker process under Callgrind: setup, a
 * warm-up, N operations counted, teardown. The result's metrics hold
 * "measure": "instructions", "instructions_per_operation",
 * "estimated_cycles_per_operation" (with the cache simulation),
 * "instructions", "total_iterations" (N) and "warmup_iterations"; it has no
 * samples and no wall-clock figure. The target's add_metrics() is not
 * called (its variants are timed). A target that fails gives a failure
 * result; NULL with @error only when the worker is not under Callgrind. */
BenchResult *bench_callgrind_run_target_here (const BenchTarget     *target,
                                              guint                  index,
                                              BenchProgressFunc      progress,
                                              gpointer               progress_data,
                                              BenchStageFunc         stage_func,
                                              gpointer               stage_data,
                                              GError               **error);

typedef struct {
  guint64  batch_iterations;   /* calibrated iterations per sample */
  guint64  warmup_iterations;  /* calibration and warm-up together */
  /* The figures come from undisturbed samples only (bench-sampler.c). */
  guint64  total_iterations;   /* measured iterations, undisturbed samples */
  gint64   total_ns;           /* their wall time */
  gint64   total_cpu_ns;       /* their thread CPU time */
  GArray  *samples_ns_per_op;  /* double, undisturbed, in the order taken */
  guint    planned_samples;    /* undisturbed samples wanted */
  guint    disturbed_samples;  /* left out: descheduled, starved of CPU,
                                  other CPUs busy or the machine slowed */
  guint    slowed_samples;     /* of those, left out only because the
                                  reference loop ran slow beside them */
  double   reference_loop_ns;  /* the loop's fastest time in the run */
  gint64   measure_wall_ns;    /* the whole measuring phase, all samples */
  gboolean used_all_samples;   /* too few undisturbed: a fallback was used */
} BenchMeasurement;

gint64   bench_clock_now_ns        (void);
/* max (1,000 × clock_getres (CLOCK_MONOTONIC), 1 ms) */
gint64   bench_clock_min_sample_ns (void);

void     bench_context_init        (BenchContext          *context,
                                    const BenchTarget     *target,
                                    const BenchRunOptions *options,
                                    guint                  index,
                                    BenchProgressFunc      progress,
                                    gpointer               progress_data,
                                    GCancellable          *cancellable);
void     bench_context_set_phase   (BenchContext          *context,
                                    double                 start,
                                    double                 end);
/* Reports RUNNING at @fraction of the current phase, throttled unless @force. */
void     bench_context_report      (BenchContext          *context,
                                    double                 fraction,
                                    gboolean               force);

void     bench_measurement_init    (BenchMeasurement      *measurement);
/* Too few undisturbed samples to trust the figures: fewer than half the
 * planned ones, or so few that all samples had to be used. */
gboolean bench_measurement_is_disturbed (const BenchMeasurement *measurement);
void     bench_measurement_clear   (BenchMeasurement      *measurement);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BenchMeasurement, bench_measurement_clear)

/* Calibrates and warms up for @warmup_ns, then takes samples until it has
 * the planned number of undisturbed ones: as many as fit in @measure_ns,
 * and at least @min_samples. A sample during which the thread was
 * descheduled involuntarily, or (for a target that otherwise keeps its CPU)
 * got less than BENCH_MIN_CPU_SHARE of the wall time as CPU time, is
 * disturbed and left out; sampling goes on for up to
 * BENCH_MAX_MEASURE_FACTOR × @measure_ns to make up for them. No sample runs
 * fewer than @min_batch iterations. Checks cancellation before every batch.
 * Progress fills the current phase. */
gboolean bench_sampler_run         (BenchContext          *context,
                                    BenchIterationsFunc    func,
                                    gpointer               state,
                                    gint64                 warmup_ns,
                                    gint64                 measure_ns,
                                    guint                  min_samples,
                                    guint64                min_batch,
                                    BenchMeasurement      *measurement,
                                    GError               **error);

/* @value formatted with @format (one %e, %f or %g conversion, flags and
 * precision allowed) in the C locale: files and their text are the same in
 * every language, never "2,5". */
char    *bench_format_double       (const char            *format,
                                    double                 value);

/* Pretty-printed JSON with a final newline, as every file of a run has. */
char    *bench_json_to_pretty      (JsonNode              *node,
                                    gsize                 *length);
/* Deletes @path and everything below it, following no link. */
void     bench_remove_tree         (const char            *path);

/* Writes to a temporary name beside @path and renames it into place. */
gboolean bench_write_file_atomic   (const char            *path,
                                    const char            *contents,
                                    gsize                  length,
                                    GError               **error);

G_END_DECLS
