/* cob-run-task.c: the runner on a worker thread, its progress coalesced
 * into a single pending idle.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cob-run-task.h"
#include "cob-perf-trace.h"

typedef struct {
  BenchTargetState state;
  double fraction;
  BenchResult *result;   /* owned; set for DONE and FAILED */
  gboolean dirty;
} TargetSnapshot;

typedef struct {
  GPtrArray *results;
  gboolean cancelled;
  GError *summary_error;
} RunOutcome;

struct _CobRunTask
{
  GObject parent_instance;

  GPtrArray *targets;
  BenchRunOptions options;
  char *output_dir;
  GMainContext *context;

  /* Written by the worker, read by the idle; guarded by lock. */
  GMutex lock;
  TargetSnapshot *snapshots;
  gboolean idle_pending;
  gint64 last_delivery_us;

  /* Main thread only. */
  gboolean running;
  double fraction;
  guint current;
  guint n_finished;
  guint n_updates;
  GError *summary_error;
};

G_DEFINE_FINAL_TYPE (CobRunTask, cob_run_task, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RUNNING,
  PROP_FRACTION,
  PROP_CURRENT,
  N_PROPS
};

enum {
  TARGET_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
run_outcome_free (gpointer data)
{
  RunOutcome *outcome = data;

  g_clear_pointer (&outcome->results, g_ptr_array_unref);
  g_clear_error (&outcome->summary_error);
  g_free (outcome);
}

static void
cob_run_task_finalize (GObject *object)
{
  CobRunTask *self = COB_RUN_TASK (object);

  for (guint i = 0; i < self->targets->len; i++)
    g_clear_pointer (&self->snapshots[i].result, bench_result_unref);
  g_free (self->snapshots);
  g_ptr_array_unref (self->targets);
  g_free (self->output_dir);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_error (&self->summary_error);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (cob_run_task_parent_class)->finalize (object);
}

static void
cob_run_task_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CobRunTask *self = COB_RUN_TASK (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_CURRENT:
      g_value_set_uint (value, self->current);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cob_run_task_class_init (CobRunTaskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = cob_run_task_finalize;
  object_class->get_property = cob_run_task_get_property;

  properties[PROP_RUNNING] = g_param_spec_boolean ("running", NULL, NULL, FALSE, ro);
  properties[PROP_FRACTION] = g_param_spec_double ("fraction", NULL, NULL, 0, 1, 0, ro);
  properties[PROP_CURRENT] = g_param_spec_uint ("current", NULL, NULL, 0, G_MAXUINT, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CobRunTask::target-changed:
   * @index: the target's position in the run
   * @state: a BenchTargetState
   * @fraction: that target's progress, 0..1
   * @result: (nullable): the BenchResult for DONE and FAILED
   */
  signals[TARGET_CHANGED] =
    g_signal_new ("target-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 4,
                  G_TYPE_UINT, G_TYPE_INT, G_TYPE_DOUBLE,
                  BENCH_TYPE_RESULT | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
cob_run_task_init (CobRunTask *self)
{
  g_mutex_init (&self->lock);
}

CobRunTask *
cob_run_task_new (GPtrArray             *targets,
                  const BenchRunOptions *options,
                  const char            *output_dir)
{
  CobRunTask *self;

  g_return_val_if_fail (targets != NULL && targets->len > 0, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  self = g_object_new (COB_TYPE_RUN_TASK, NULL);
  self->targets = g_ptr_array_ref (targets);
  self->options = *options;
  self->output_dir = g_strdup (output_dir);
  self->snapshots = g_new0 (TargetSnapshot, targets->len);
  return self;
}

/* Progress reaches the window at most this often: each delivery redraws
 * the window, and with software GL a frame costs 50 ms of CPU. */
#define MIN_DELIVERY_INTERVAL_US (200 * G_TIME_SPAN_MILLISECOND)

/* Main thread: copies out what the worker stored and announces it. */
static void
deliver_updates (CobRunTask *self)
{
  guint n = self->targets->len;
  g_autofree TargetSnapshot *copy = g_new0 (TargetSnapshot, n);
  double done_fraction = 0;
  guint current = n;
  gboolean any = FALSE;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < n; i++)
    {
      TargetSnapshot *snapshot = &self->snapshots[i];

      copy[i] = *snapshot;
      if (snapshot->result != NULL)
        bench_result_ref (snapshot->result);
      snapshot->dirty = FALSE;
    }
  self->idle_pending = FALSE;
  self->last_delivery_us = g_get_monotonic_time ();
  g_mutex_unlock (&self->lock);

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < n; i++)
    {
      if (copy[i].dirty)
        {
          any = TRUE;
          g_signal_emit (self, signals[TARGET_CHANGED], 0, i, (int) copy[i].state,
                         copy[i].fraction, copy[i].result);
        }
      if (copy[i].state == BENCH_TARGET_STATE_DONE || copy[i].state == BENCH_TARGET_STATE_FAILED)
        done_fraction += 1.0;
      else if (copy[i].state == BENCH_TARGET_STATE_RUNNING)
        {
          done_fraction += copy[i].fraction;
          current = MIN (current, i);
        }
      g_clear_pointer (&copy[i].result, bench_result_unref);
    }

  if (any)
    self->n_updates++;
  done_fraction = CLAMP (done_fraction / n, 0.0, 1.0);
  if (done_fraction != self->fraction)
    {
      self->fraction = done_fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
  if (current != n && current != self->current)
    {
      self->current = current;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
deliver_updates_idle (gpointer data)
{
  cob_perf_trace_mark ("progress idle start");
  deliver_updates (COB_RUN_TASK (data));
  cob_perf_trace_mark ("progress idle end");
  return G_SOURCE_REMOVE;
}

/* Worker thread. */
static void
on_progress (guint              index,
             const BenchTarget *target,
             BenchTargetState   state,
             double             fraction,
             BenchResult       *result,
             gpointer           user_data)
{
  CobRunTask *self = user_data;
  gboolean schedule = FALSE;
  gint64 wait_us = 0;

  g_mutex_lock (&self->lock);
  if (index < self->targets->len)
    {
      TargetSnapshot *snapshot = &self->snapshots[index];

      snapshot->state = state;
      snapshot->fraction = fraction;
      if (result != NULL)
        {
          g_clear_pointer (&snapshot->result, bench_result_unref);
          snapshot->result = bench_result_ref (result);
        }
      snapshot->dirty = TRUE;
      if (!self->idle_pending)
        {
          schedule = self->idle_pending = TRUE;
          wait_us = self->last_delivery_us + MIN_DELIVERY_INTERVAL_US - g_get_monotonic_time ();
        }
    }
  g_mutex_unlock (&self->lock);

  if (schedule)
    {
      /* Coalesced: one pending source, and not sooner than the interval
       * after the last delivery. */
      GSource *source = wait_us > 0 ? g_timeout_source_new ((guint) (wait_us / 1000) + 1)
                                    : g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_LOW);
      g_source_set_callback (source, deliver_updates_idle, g_object_ref (self), g_object_unref);
      g_source_set_static_name (source, "[cob] run progress");
      g_source_attach (source, self->context);
      g_source_unref (source);
    }
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  CobRunTask *self = source_object;
  g_autoptr(GError) error = NULL;
  RunOutcome *outcome = g_new0 (RunOutcome, 1);

  outcome->results = bench_runner_run (self->targets, &self->options, self->output_dir, TRUE,
                                       on_progress, self, cancellable,
                                       &outcome->cancelled, &error);
  if (outcome->results == NULL)
    {
      run_outcome_free (outcome);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* Results but an error: everything ran, summary.md failed. */
  outcome->summary_error = g_steal_pointer (&error);
  g_task_return_pointer (task, outcome, run_outcome_free);
}

void
cob_run_task_start (CobRunTask          *self,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (COB_IS_RUN_TASK (self));
  g_return_if_fail (!self->running);
  g_return_if_fail (self->context == NULL);

  self->context = g_main_context_ref_thread_default ();
  self->running = TRUE;
  self->current = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cob_run_task_start);
  g_task_set_name (task, "[cob] benchmark run");
  /* A cancelled run still returns what finished (and was saved). */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, run_thread);
}

GPtrArray *
cob_run_task_finish (CobRunTask    *self,
                     GAsyncResult  *result,
                     gboolean      *cancelled,
                     GError       **error)
{
  RunOutcome *outcome;
  GPtrArray *results;

  g_return_val_if_fail (COB_IS_RUN_TASK (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  /* The completion idle has a higher priority than the progress idle:
   * deliver the last states first so that no update arrives after this. */
  deliver_updates (self);

  if (cancelled != NULL)
    *cancelled = FALSE;
  self->running = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  outcome = g_task_propagate_pointer (G_TASK (result), error);
  if (outcome == NULL)
    return NULL;
  if (cancelled != NULL)
    *cancelled = outcome->cancelled;
  g_clear_error (&self->summary_error);
  self->summary_error = g_steal_pointer (&outcome->summary_error);
  results = g_steal_pointer (&outcome->results);
  run_outcome_free (outcome);
  return results;
}

gboolean
cob_run_task_get_running (CobRunTask *self)
{
  g_return_val_if_fail (COB_IS_RUN_TASK (self), FALSE);
  return self->running;
}

double
cob_run_task_get_fraction (CobRunTask *self)
{
  g_return_val_if_fail (COB_IS_RUN_TASK (self), 0);
  return self->fraction;
}

guint
cob_run_task_get_current (CobRunTask *self)
{
  g_return_val_if_fail (COB_IS_RUN_TASK (self), 0);
  return self->current;
}

guint
cob_run_task_get_n_targets (CobRunTask *self)
{
  g_return_val_if_fail (COB_IS_RUN_TASK (self), 0);
  return self->targets->len;
}

const GError *
cob_run_task_get_summary_error (CobRunTask *self)
{
  g_return_val_if_fail (COB_IS_RUN_TASK (self), NULL);
  return self->summary_error;
}

guint
cob_run_task_get_n_updates (CobRunTask *self)
{
  g_return_val_if_fail (COB_IS_RUN_TASK (self), 0);
  return self->n_updates;
}
