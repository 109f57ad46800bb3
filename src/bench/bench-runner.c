/* bench-runner.c: runs targets one after another and keeps their results.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "bench-runner.h"

#include <math.h>

#include "bench-environment.h"
#include "bench-error.h"
#include "bench-output.h"
#include "bench-registry.h"
#include "bench-private.h"
#include "bench-speed-probe.h"
#include "bench-stats.h"
#include "bench-supervisor.h"

/* Of a target's progress bar, add_metrics() gets what is above this. */
#define MEASURE_SHARE_WITH_EXTRAS 0.8

static void
init_isolation (BenchRunOptions *options)
{
  options->isolation = g_strcmp0 (g_getenv ("COST_OPS_IN_PROCESS"), "1") == 0
                         ? BENCH_ISOLATION_IN_PROCESS : BENCH_ISOLATION_WORKER;
  options->target_timeout_us = 0;
  options->memory_limit_mb = BENCH_DEFAULT_MEMORY_LIMIT_MB;
  options->repetitions = 1;
  options->measure = BENCH_MEASURE_TIME;
}

void
bench_run_options_init_default (BenchRunOptions *options)
{
  g_return_if_fail (options != NULL);

  options->min_measure_us = 500 * 1000;
  options->warmup_us = 100 * 1000;
  options->min_samples = 10;
  init_isolation (options);
}

void
bench_run_options_init_quick (BenchRunOptions *options)
{
  g_return_if_fail (options != NULL);

  options->min_measure_us = 100 * 1000;
  options->warmup_us = 20 * 1000;
  /* Few, so that a target with long samples (storage) keeps to 0.1 s. */
  options->min_samples = 3;
  init_isolation (options);
}

gint64
bench_run_options_get_timeout_us (const BenchRunOptions *options)
{
  g_return_val_if_fail (options != NULL, 0);

  if (options->target_timeout_us > 0)
    return options->target_timeout_us;
  return 30 * G_USEC_PER_SEC + 60 * (options->warmup_us + options->min_measure_us);
}

/* A large rate needs no fraction (and then prints as "125000.0", like the
 * seed's); a small one keeps every digit, since json-glib prints doubles
 * with 17 significant digits and a rounded value would show its binary
 * representation error. */
static double
round_rate (double value)
{
  return value >= 1000.0 ? round (value) : value;
}

static JsonObject *
build_metrics (const BenchMeasurement *measurement)
{
  JsonObject *metrics = json_object_new ();
  const double *samples = (const double *) (gconstpointer) measurement->samples_ns_per_op->data;
  guint n = measurement->samples_ns_per_op->len;
  double seconds = (double) measurement->total_ns / 1e9;
  BenchSampleStats stats;
  BenchOutliers outliers;

  bench_sample_stats_compute (samples, n, &stats);

  /* The seed's three first, with the seed's meaning: iterations over the
   * time they took. */
  json_object_set_double_member (metrics, "operations_per_second",
                                 seconds > 0.0 ? round_rate ((double) measurement->total_iterations / seconds) : 0.0);
  json_object_set_int_member (metrics, "avg_duration_ns",
                              (gint64) llround ((double) measurement->total_ns / (double) MAX (measurement->total_iterations, 1)));
  json_object_set_int_member (metrics, "total_iterations", (gint64) measurement->total_iterations);

  json_object_set_int_member (metrics, "median_duration_ns", (gint64) llround (stats.median));
  json_object_set_int_member (metrics, "p95_duration_ns", (gint64) llround (stats.p95));
  json_object_set_int_member (metrics, "p99_duration_ns", (gint64) llround (stats.p99));
  json_object_set_int_member (metrics, "min_duration_ns", (gint64) llround (stats.min));
  json_object_set_int_member (metrics, "max_duration_ns", (gint64) llround (stats.max));
  json_object_set_int_member (metrics, "stddev_duration_ns", (gint64) llround (stats.stddev));
  json_object_set_int_member (metrics, "samples", n);
  json_object_set_int_member (metrics, "iterations_per_sample", (gint64) measurement->batch_iterations);
  json_object_set_int_member (metrics, "warmup_iterations", (gint64) measurement->warmup_iterations);
  json_object_set_int_member (metrics, "total_duration_ms",
                              (gint64) llround ((double) measurement->total_ns / 1e6));
  json_object_set_double_member (metrics, "spread", bench_sample_stats_spread (&stats));

  /* What the headline is made of: undisturbed samples, their CPU time,
   * what was left out, and criterion's outlier classes among the rest. */
  json_object_set_double_member (metrics, "relative_mad",
                                 round (bench_stats_relative_mad (samples, n) * 1e6) / 1e6);
  json_object_set_double_member (metrics, "cpu_avg_duration_ns",
                                 round ((double) measurement->total_cpu_ns /
                                        (double) MAX (measurement->total_iterations, 1) * 1000.0) / 1000.0);
  json_object_set_int_member (metrics, "planned_samples", measurement->planned_samples);
  json_object_set_int_member (metrics, "measure_duration_ms",
                              (gint64) llround ((double) MAX (measurement->measure_wall_ns,
                                                              measurement->total_ns) / 1e6));
  json_object_set_int_member (metrics, "disturbed_samples", measurement->disturbed_samples);
  json_object_set_int_member (metrics, "slowed_samples", measurement->slowed_samples);
  if (measurement->reference_loop_ns > 0.0)
    json_object_set_int_member (metrics, "reference_loop_ns", (gint64) llround (measurement->reference_loop_ns));
  json_object_set_boolean_member (metrics, "disturbed", bench_measurement_is_disturbed (measurement));
  bench_stats_outliers (samples, n, &outliers);
  json_object_set_int_member (metrics, "outliers_mild", outliers.mild);
  json_object_set_int_member (metrics, "outliers_severe", outliers.severe);
  return metrics;
}

static gboolean
add_target_metrics (BenchContext  *context,
                    gpointer       state,
                    JsonObject    *metrics,
                    GError       **error)
{
  const BenchTarget *target = context->target;
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autoptr(GError) local_error = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  bench_context_set_phase (context, MEASURE_SHARE_WITH_EXTRAS, 1.0);
  bench_context_set_stage (context, BENCH_STAGE_METRICS);
  if (!target->add_metrics (state, context, extra, &local_error))
    {
      if (local_error == NULL)
        g_set_error (error, BENCH_ERROR, BENCH_ERROR_TARGET_FAILED,
                     "Target “%s” failed to add its metrics without saying why", target->id);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* The framework's figures are the same for every target; a target may
   * add to them but never redefine one. */
  json_object_iter_init (&iter, extra);
  while (json_object_iter_next (&iter, &name, &value))
    {
      if (json_object_has_member (metrics, name))
        {
          g_set_error (error, BENCH_ERROR, BENCH_ERROR_TARGET_FAILED,
                       "Target “%s” reported metric “%s”, which the framework measures itself",
                       target->id, name);
          return FALSE;
        }
      json_object_set_member (metrics, name, json_node_copy (value));
    }
  return TRUE;
}

/* Setup, measurement, the target's own metrics, teardown. */
static JsonObject *
measure_target (BenchContext     *context,
                BenchMeasurement *measurement,
                GError          **error)
{
  const BenchTarget *target = context->target;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonObject) metrics = NULL;
  gpointer state = NULL;
  gboolean ok;

  if (!bench_context_setup_target (context, &state, error))
    return NULL;

  bench_context_set_phase (context, 0.0,
                           target->add_metrics != NULL ? MEASURE_SHARE_WITH_EXTRAS : 1.0);
  ok = bench_sampler_run (context, target->run_iterations, state,
                          context->options->warmup_us * 1000,
                          context->options->min_measure_us * 1000,
                          context->options->min_samples,
                          target->min_iterations_per_sample,
                          measurement, error);
  if (ok)
    {
      metrics = build_metrics (measurement);
      if (target->add_metrics != NULL)
        ok = add_target_metrics (context, state, metrics, error);
    }

  bench_context_teardown_target (context, state);

  return ok ? g_steal_pointer (&metrics) : NULL;
}

/* Everything of bench_run_target() but the final progress report, which the
 * runner sends only after the result's file is written. */
BenchResult *
bench_run_target_here (const BenchTarget     *target,
                       const BenchRunOptions *options,
                       guint                  index,
                       BenchProgressFunc      progress,
                       gpointer               progress_data,
                       BenchStageFunc         stage_func,
                       gpointer               stage_data,
                       GCancellable          *cancellable,
                       GError               **error)
{
  BenchContext context;
  g_auto(BenchMeasurement) measurement = { 0 };
  g_autoptr(JsonObject) metrics = NULL;
  g_autoptr(GError) failure = NULL;
  g_autoptr(GDateTime) now = NULL;
  const char *id = target->id != NULL ? target->id : "";

  bench_context_init (&context, target, options, index, progress, progress_data, cancellable);
  context.stage_func = stage_func;
  context.stage_data = stage_data;
  bench_measurement_init (&measurement);
  bench_context_report (&context, 0.0, TRUE);

  if (!bench_target_id_is_valid (id))
    g_set_error (&failure, BENCH_ERROR, BENCH_ERROR_TARGET_FAILED,
                 "“%s” is not a valid target id (lowercase letters, digits and '_' only)", id);
  else if (target->run_iterations == NULL)
    g_set_error (&failure, BENCH_ERROR, BENCH_ERROR_TARGET_FAILED,
                 "Target “%s” has no benchmark to run", id);
  else if (!g_cancellable_set_error_if_cancelled (cancellable, &failure))
    metrics = measure_target (&context, &measurement, &failure);

  /* A target that notices cancellation itself reports it as an error too. */
  if (failure != NULL && g_cancellable_is_cancelled (cancellable) &&
      g_error_matches (failure, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (progress != NULL)
        progress (index, target, BENCH_TARGET_STATE_CANCELLED, context.last_fraction,
                  NULL, progress_data);
      g_propagate_error (error, g_steal_pointer (&failure));
      return NULL;
    }

  now = g_date_time_new_now_utc ();
  if (failure != NULL)
    return bench_result_new_failure (id, failure, now);
  return bench_result_new_success (id, metrics, now,
                                   (const double *) (gconstpointer) measurement.samples_ns_per_op->data,
                                   measurement.samples_ns_per_op->len);
}

static BenchResult *
run_target (const BenchTarget     *target,
            const BenchRunOptions *options,
            guint                  index,
            BenchProgressFunc      progress,
            gpointer               progress_data,
            GCancellable          *cancellable,
            GError               **error)
{
  if (options->isolation == BENCH_ISOLATION_WORKER)
    return bench_supervisor_run_target (target, options, index, progress, progress_data,
                                        cancellable, error);
  if (options->measure == BENCH_MEASURE_INSTRUCTIONS)
    {
      g_autoptr(GError) failure =
        g_error_new_literal (BENCH_ERROR, BENCH_ERROR_TARGET_FAILED,
                             "Instructions are counted in a worker process only "
                             "(unset COST_OPS_IN_PROCESS)");
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      return bench_result_new_failure (target->id, failure, now);
    }
  return bench_run_target_here (target, options, index, progress, progress_data,
                                NULL, NULL, cancellable, error);
}

/* Progress of one repetition as a part of the target's bar. */
typedef struct {
  BenchProgressFunc progress;
  gpointer          data;
  guint             repetition;
  guint             n;
} RepetitionProgress;

static void
on_repetition_progress (guint              index,
                        const BenchTarget *target,
                        BenchTargetState   state,
                        double             fraction,
                        BenchResult       *result,
                        gpointer           user_data)
{
  RepetitionProgress *self = user_data;

  if (self->progress != NULL)
    self->progress (index, target, state, ((double) self->repetition + fraction) / (double) self->n,
                    result, self->data);
}

/* run_target() @options->repetitions times, each from scratch, as one
 * result (bench_result_combine_repetitions()); stops at a failure. */
static BenchResult *
run_repetitions (const BenchTarget     *target,
                 const BenchRunOptions *options,
                 guint                  index,
                 BenchProgressFunc      progress,
                 gpointer               progress_data,
                 GCancellable          *cancellable,
                 GError               **error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) bench_result_unref);
  /* Counted instructions are the same every time: one repetition. */
  RepetitionProgress adapter = { progress, progress_data, 0,
                                 options->measure == BENCH_MEASURE_INSTRUCTIONS ? 1 : MAX (options->repetitions, 1) };

  for (adapter.repetition = 0; adapter.repetition < adapter.n; adapter.repetition++)
    {
      BenchResult *result = run_target (target, options, index, on_repetition_progress, &adapter,
                                        cancellable, error);

      if (result == NULL)
        return NULL;
      g_ptr_array_add (results, result);
      if (!bench_result_is_success (result))
        break;
    }
  return bench_result_combine_repetitions (results);
}

static void
report_finished (guint              index,
                 const BenchTarget *target,
                 BenchResult       *result,
                 BenchProgressFunc  progress,
                 gpointer           progress_data)
{
  if (progress == NULL)
    return;
  progress (index, target,
            bench_result_is_success (result) ? BENCH_TARGET_STATE_DONE : BENCH_TARGET_STATE_FAILED,
            1.0, result, progress_data);
}

BenchResult *
bench_run_target (const BenchTarget     *target,
                  const BenchRunOptions *options,
                  guint                  index,
                  BenchProgressFunc      progress,
                  gpointer               progress_data,
                  GCancellable          *cancellable,
                  GError               **error)
{
  BenchRunOptions defaults;
  BenchResult *result;

  g_return_val_if_fail (target != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    {
      bench_run_options_init_default (&defaults);
      options = &defaults;
    }

  result = run_target (target, options, index, progress, progress_data, cancellable, error);
  if (result != NULL)
    report_finished (index, target, result, progress, progress_data);
  return result;
}

BenchRunRecord *
bench_runner_run_record (GPtrArray             *targets,
                         const BenchRunOptions *options,
                         BenchTransaction      *transaction,
                         BenchProgressFunc      progress,
                         gpointer               progress_data,
                         GCancellable          *cancellable,
                         gboolean              *cancelled,
                         GError               **error)
{
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) not_run = NULL;
  g_autoptr(BenchEnvironment) environment = NULL;
  g_autoptr(JsonNode) environment_node = NULL;
  g_autoptr(GDateTime) started = NULL;
  BenchRunRecord *record;
  JsonObject *environment_object;
  BenchRunOptions defaults;
  gboolean was_cancelled = FALSE;

  g_return_val_if_fail (targets != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (cancelled != NULL)
    *cancelled = FALSE;
  if (options == NULL)
    {
      bench_run_options_init_default (&defaults);
      options = &defaults;
    }

  if (options->isolation == BENCH_ISOLATION_WORKER)
    bench_supervisor_sweep ();

  /* Before the first target, so the load average is the machine's, not ours. */
  started = g_date_time_new_now_utc ();
  /* Each run learns the machine's best speed afresh: a machine moved to
   * a slower host must not have every sample judged slowed ever after. */
  bench_speed_probe_reset ();
  environment = bench_environment_collect ();
  environment_node = bench_environment_to_json (environment);
  environment_object = json_node_get_object (environment_node);

  results = g_ptr_array_new_with_free_func ((GDestroyNotify) bench_result_unref);
  not_run = g_ptr_array_new ();
  for (guint i = 0; i < targets->len; i++)
    {
      const BenchTarget *target = g_ptr_array_index (targets, i);
      g_autoptr(GError) local_error = NULL;
      BenchResult *result;

      if (was_cancelled)
        {
          g_ptr_array_add (not_run, (gpointer) target->id);
          continue;
        }
      result = run_repetitions (target, options, i, progress, progress_data, cancellable, &local_error);
      if (result == NULL)
        {
          was_cancelled = TRUE;
          g_ptr_array_add (not_run, (gpointer) target->id);
          continue;
        }

      if (transaction != NULL &&
          !bench_transaction_write_result (transaction, result, environment_object, &local_error))
        {
          /* Measured but not saved is a failure: the caller must not believe
           * the raw file holds this run. */
          g_autoptr(BenchResult) measured = result;

          g_prefix_error (&local_error, "Result could not be saved: ");
          result = bench_result_new_failure (bench_result_get_target_id (measured), local_error,
                                             bench_result_get_timestamp (measured));
        }

      report_finished (i, target, result, progress, progress_data);
      g_ptr_array_add (results, result);
    }

  if (cancelled != NULL)
    *cancelled = was_cancelled;
  record = bench_run_record_new (environment->run_id, started, environment_object, results);
  if (was_cancelled)
    {
      g_ptr_array_add (not_run, NULL);
      bench_run_record_set_cancelled (record, (const char * const *) not_run->pdata);
    }
  return record;
}

guint
bench_runner_confirm_regressions (BenchRunComparison        *comparison,
                                  const BenchTarget * const *targets,
                                  const BenchRunOptions     *options,
                                  BenchProgressFunc          progress,
                                  gpointer                   progress_data,
                                  GCancellable              *cancellable)
{
  g_auto(GStrv) regressed = NULL;
  guint checked = 0;

  g_return_val_if_fail (comparison != NULL, 0);
  g_return_val_if_fail (targets != NULL, 0);

  regressed = bench_run_comparison_dup_regressed (comparison);
  for (guint i = 0; regressed[i] != NULL; i++)
    {
      const BenchTarget *target = bench_registry_lookup (targets, regressed[i]);
      g_autoptr(GPtrArray) one = NULL;
      g_autoptr(BenchRunRecord) again = NULL;
      gboolean cancelled = FALSE;

      if (target == NULL)
        continue;
      one = g_ptr_array_new ();
      g_ptr_array_add (one, (gpointer) target);
      again = bench_runner_run_record (one, options, NULL, progress, progress_data, cancellable,
                                       &cancelled, NULL);
      if (cancelled || bench_run_record_get_results (again)->len == 0)
        break;
      bench_run_comparison_confirm (comparison, regressed[i],
                                    g_ptr_array_index (bench_run_record_get_results (again), 0));
      checked++;
    }
  return checked;
}

GPtrArray *
bench_runner_run (GPtrArray             *targets,
                  const BenchRunOptions *options,
                  const char            *output_dir,
                  gboolean               write_summary,
                  BenchProgressFunc      progress,
                  gpointer               progress_data,
                  GCancellable          *cancellable,
                  gboolean              *cancelled,
                  GError               **error)
{
  g_autoptr(BenchTransaction) transaction = NULL;
  g_autoptr(BenchRunRecord) record = NULL;
  gboolean was_cancelled = FALSE;

  g_return_val_if_fail (targets != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (output_dir != NULL)
    {
      transaction = bench_transaction_begin (output_dir, error);
      if (transaction == NULL)
        return NULL;
    }
  record = bench_runner_run_record (targets, options, transaction, progress, progress_data,
                                    cancellable, &was_cancelled, error);
  if (record == NULL)
    return NULL;
  if (cancelled != NULL)
    *cancelled = was_cancelled;

  if (transaction != NULL)
    bench_transaction_commit (transaction, record, write_summary, NULL, NULL, NULL, error);

  return g_ptr_array_ref (bench_run_record_get_results (record));
}
