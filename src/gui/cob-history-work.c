/* cob-history-work.c: what the History page computes in worker threads.
 *
 * Reading, decompressing and parsing every history file, sorting every
 * run's samples for the chart, and making the rows' texts take about a
 * second for 300 runs; the bootstrap comparison with a baseline about
 * 0.4 s for six targets; freeing a few hundred runs up to 100 ms. None of
 * it may run on the main loop. Records are immutable and atomically
 * reference counted, so workers share them safely.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cob-history-run-item.h"
#include "cob-history-work.h"

void
cob_history_work_cancel (GCancellable **slot)
{
  if (*slot != NULL)
    g_cancellable_cancel (*slot);
  g_clear_object (slot);
}

typedef struct {
  GWeakRef            owner;
  CobHistoryWorkDone  done;
} OwnerTask;

/* The task holds its owner only weakly: a closed window's page must not
 * be kept alive, nor filled, by work that finishes after it. */
static void
on_finished (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  OwnerTask *owner_task = user_data;
  g_autoptr(GObject) owner = g_weak_ref_get (&owner_task->owner);
  CobHistoryWorkDone done = owner_task->done;
  g_autoptr(GError) error = NULL;

  g_weak_ref_clear (&owner_task->owner);
  g_free (owner_task);
  /* Cancelled: newer work replaced this one, or the owner is gone. */
  if (!g_task_propagate_boolean (G_TASK (result), &error) || owner == NULL)
    return;
  done (owner, g_task_get_task_data (G_TASK (result)));
}

void
cob_history_work_run (gpointer            owner,
                      GCancellable       *cancellable,
                      GTaskThreadFunc     func,
                      gpointer            task_data,
                      GDestroyNotify      task_data_free,
                      CobHistoryWorkDone  done)
{
  OwnerTask *owner_task;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_OBJECT (owner));
  g_return_if_fail (func != NULL && done != NULL);

  owner_task = g_new0 (OwnerTask, 1);
  g_weak_ref_init (&owner_task->owner, owner);
  owner_task->done = done;
  task = g_task_new (NULL, cancellable, on_finished, owner_task);
  g_task_set_source_tag (task, cob_history_work_run);
  g_task_set_task_data (task, task_data, task_data_free);
  g_task_run_in_thread (task, func);
}

static void
free_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_ptr_array_unref (task_data);
  g_task_return_boolean (task, TRUE);
}

void
cob_history_work_free_later (GPtrArray *garbage)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (garbage != NULL);

  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, cob_history_work_free_later);
  g_task_set_task_data (task, garbage, NULL);
  g_task_run_in_thread (task, free_in_thread);
}

/* ---- Loading ---------------------------------------------------------- */

/* Dates in local time and translated texts are made here too: a few
 * hundred of each took tens of milliseconds on the main loop. */

static char *
format_started (BenchRunRecord *run)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (bench_run_record_get_started (run));

  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

static const char *
run_hostname (BenchRunRecord *run)
{
  JsonObject *environment = bench_run_record_get_environment (run);

  if (environment == NULL || !json_object_has_member (environment, "hostname"))
    return NULL;
  return json_object_get_string_member_with_default (environment, "hostname", NULL);
}

static CobHistoryRunItem *
run_item_new (BenchRunRecord *run)
{
  g_autofree char *started = format_started (run);
  GPtrArray *results = bench_run_record_get_results (run);
  const char *host = run_hostname (run);
  g_autofree char *targets = g_strdup_printf (ngettext ("%u target", "%u targets", results->len),
                                              results->len);
  /* Translators: a history run's details: "Run 1a2b3c4d · 3 targets · myhost". */
  g_autofree char *subtitle = g_strdup_printf (_("Run %s · %s · %s"), bench_run_record_get_id (run), targets,
                                               host != NULL ? host : _("unknown machine"));

  return cob_history_run_item_new (run, started, subtitle);
}

static char *
choice_text (BenchRunRecord *run)
{
  g_autofree char *started = format_started (run);

  /* Translators: a run in the baseline list: "Run 1a2b3c4d, 2024-05-01 14:02:11". */
  return g_strdup_printf (_("Run %s, %s"), bench_run_record_get_id (run), started);
}

CobHistoryLoad *
cob_history_load_new (const char *output_dir)
{
  CobHistoryLoad *load;

  g_return_val_if_fail (output_dir != NULL, NULL);

  load = g_new0 (CobHistoryLoad, 1);
  load->output_dir = g_strdup (output_dir);
  return load;
}

void
cob_history_load_free (gpointer data)
{
  CobHistoryLoad *load = data;

  g_free (load->output_dir);
  g_clear_pointer (&load->runs, g_ptr_array_unref);
  g_clear_pointer (&load->skipped, g_ptr_array_unref);
  g_clear_pointer (&load->chart, cob_history_chart_data_free);
  g_clear_pointer (&load->items, g_ptr_array_unref);
  g_clear_pointer (&load->choices, g_ptr_array_unref);
  g_free (load);
}

void
cob_history_load_in_thread (GTask        *task,
                            gpointer      source_object,
                            gpointer      task_data,
                            GCancellable *cancellable)
{
  CobHistoryLoad *load = task_data;
  g_autoptr(GError) error = NULL;

  load->skipped = g_ptr_array_new_with_free_func (g_free);
  load->runs = bench_history_list (load->output_dir, load->skipped, &error);
  if (load->runs == NULL)
    {
      g_ptr_array_add (load->skipped, g_strdup (error->message));
      load->runs = g_ptr_array_new_with_free_func ((GDestroyNotify) bench_run_record_unref);
    }
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_task_return_error_if_cancelled (task);
      return;
    }
  load->chart = cob_history_chart_data_new (load->runs);
  load->items = g_ptr_array_new_with_free_func (g_object_unref);
  load->choices = g_ptr_array_new_with_free_func (g_free);
  for (guint r = load->runs->len; r-- > 0;)
    {
      BenchRunRecord *run = g_ptr_array_index (load->runs, r);

      g_ptr_array_add (load->items, run_item_new (run));
      g_ptr_array_add (load->choices, choice_text (run));
    }
  g_task_return_boolean (task, TRUE);
}

/* ---- Comparing --------------------------------------------------------- */

CobHistoryCompare *
cob_history_compare_new (BenchRunRecord *baseline,
                         BenchRunRecord *current)
{
  CobHistoryCompare *compare = g_new0 (CobHistoryCompare, 1);

  compare->baseline = bench_run_record_ref (baseline);
  compare->current = bench_run_record_ref (current);
  return compare;
}

void
cob_history_compare_free (gpointer data)
{
  CobHistoryCompare *compare = data;

  g_clear_pointer (&compare->baseline, bench_run_record_unref);
  g_clear_pointer (&compare->current, bench_run_record_unref);
  g_clear_pointer (&compare->comparison, bench_run_comparison_unref);
  g_free (compare);
}

void
cob_history_compare_in_thread (GTask        *task,
                               gpointer      source_object,
                               gpointer      task_data,
                               GCancellable *cancellable)
{
  CobHistoryCompare *compare = task_data;

  compare->comparison = bench_run_comparison_new (compare->baseline, compare->current,
                                                  BENCH_COMPARE_DEFAULT_NOISE);
  g_task_return_boolean (task, TRUE);
}
