/* cob-window-actions.c: what the window's actions do: run and cancel,
 * selection, output folder, opening files. Exports and Load Results… are
 * in cob-window-files.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "bench-callgrind.h"
#include "bench-output.h"
#include "cob-file-chooser.h"
#include "cob-format.h"
#include "cob-target-row.h"
#include "cob-window-private.h"
#include "cob-perf-trace.h"

/* ---------------------------------------------------------------------- */
/* Run                                                                     */

static CobTargetStatus
status_from_state (BenchTargetState state)
{
  switch (state)
    {
    case BENCH_TARGET_STATE_PENDING:
      return COB_TARGET_STATUS_PENDING;
    case BENCH_TARGET_STATE_RUNNING:
      return COB_TARGET_STATUS_RUNNING;
    case BENCH_TARGET_STATE_DONE:
      return COB_TARGET_STATUS_DONE;
    case BENCH_TARGET_STATE_FAILED:
      return COB_TARGET_STATUS_FAILED;
    case BENCH_TARGET_STATE_CANCELLED:
    default:
      return COB_TARGET_STATUS_CANCELLED;
    }
}

static void
on_target_changed (CobRunTask  *run,
                   guint        index,
                   int          state,
                   double       fraction,
                   BenchResult *result,
                   CobWindow   *self)
{
  CobTargetRow *row;
  CobTargetStatus status = status_from_state ((BenchTargetState) state);
  CobTargetStatus previous;

  if (self->disposed || self->run_rows == NULL || index >= self->run_rows->len)
    return;
  row = g_ptr_array_index (self->run_rows, index);
  previous = cob_target_row_get_status (row);
  cob_target_row_update (row, status, fraction, result);

  /* Show each result as soon as it exists, once. */
  if (result != NULL && previous != COB_TARGET_STATUS_DONE && previous != COB_TARGET_STATUS_FAILED &&
      (status == COB_TARGET_STATUS_DONE || status == COB_TARGET_STATUS_FAILED))
    {
      cob_perf_trace_mark ("append result start");
      cob_window_append_result (self, result);
      cob_perf_trace_mark ("append result end");
    }
}

static void
on_run_fraction_changed (CobRunTask *run,
                         GParamSpec *pspec,
                         CobWindow  *self)
{
  if (self->disposed)
    return;
  gtk_progress_bar_set_fraction (self->run_progress, cob_run_task_get_fraction (run));
  cob_window_update_title (self);
}

static gboolean
on_elapsed_tick (gpointer user_data)
{
  cob_perf_trace_mark ("elapsed tick");
  cob_window_update_title (COB_WINDOW (user_data));
  return G_SOURCE_CONTINUE;
}

/* COB_MEASURE_STALLS: a 10 ms timeout that records the longest time the
 * main loop took to come back to it, from Run until a second after the
 * run ended, so that showing the results, reading the history and
 * comparing with the baseline count too. */
static gboolean
on_stall_tick (gpointer user_data)
{
  CobWindow *self = user_data;
  gint64 now = g_get_monotonic_time ();

  if (self->stall_last_us > 0)
    {
      self->max_stall_us = MAX (self->max_stall_us, now - self->stall_last_us);
      cob_perf_trace_gap (self->stall_last_us, now);
    }
  cob_perf_trace_mark ("stall timer");
  self->stall_last_us = now;
  if (self->stall_until_us > 0 && now >= self->stall_until_us)
    {
      self->stall_timer = 0;
      cob_perf_trace_stop ();
      g_message ("Largest main-loop gap during the run and the second after it: %.1f ms "
                 "(timer period 10 ms); %u progress updates delivered",
                 self->max_stall_us / 1000.0, self->stall_updates);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
send_finished_notification (CobWindow *self,
                            guint      n_done,
                            guint      n_failed,
                            gboolean   cancelled)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *body = NULL;

  if (app == NULL || gtk_window_is_active (GTK_WINDOW (self)) || self->close_when_done)
    return;

  if (cancelled)
    notification = g_notification_new (_("Benchmark Run Cancelled"));
  else
    notification = g_notification_new (_("Benchmark Run Finished"));
  if (n_failed > 0)
    body = g_strdup_printf (ngettext ("%u target measured, %u failed",
                                      "%u targets measured, %u failed", n_done),
                            n_done, n_failed);
  else
    body = g_strdup_printf (ngettext ("%u target measured", "%u targets measured", n_done), n_done);
  g_notification_set_body (notification, body);
  g_application_send_notification (G_APPLICATION (app), "run-finished", notification);
}

/* The run's callback holds the window weakly: a window that is destroyed
 * during a run goes away at once, and its dispose cancels the run. */
typedef struct {
  GWeakRef window;
  GApplication *app;   /* held until the worker has stopped */
} RunCallbackData;

static void
run_callback_data_free (RunCallbackData *data)
{
  g_weak_ref_clear (&data->window);
  if (data->app != NULL)
    {
      g_application_release (data->app);
      g_object_unref (data->app);
    }
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RunCallbackData, run_callback_data_free)

static void
on_run_finished (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RunCallbackData) data = user_data;
  g_autoptr(CobWindow) self = g_weak_ref_get (&data->window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  gboolean cancelled = FALSE;
  guint n_done = 0, n_failed = 0;

  results = cob_run_task_finish (COB_RUN_TASK (source), result, &cancelled, &error);
  if (self == NULL || self->disposed)
    {
      /* The window is gone; the worker has stopped and its files are
       * complete. Releasing the application is all that is left. */
      return;
    }

  self->run_elapsed_us = g_get_monotonic_time () - self->run_started_us;
  g_clear_handle_id (&self->elapsed_timer, g_source_remove);
  if (self->stall_timer != 0)
    {
      self->stall_until_us = g_get_monotonic_time () + G_USEC_PER_SEC;
      self->stall_updates = cob_run_task_get_n_updates (COB_RUN_TASK (source));
    }

  /* Whatever did not finish is marked so, not left "running". */
  for (guint i = 0; self->run_rows != NULL && i < self->run_rows->len; i++)
    {
      CobTargetRow *row = g_ptr_array_index (self->run_rows, i);
      CobTargetStatus status = cob_target_row_get_status (row);

      if (status == COB_TARGET_STATUS_DONE)
        n_done++;
      else if (status == COB_TARGET_STATUS_FAILED)
        n_failed++;
      else
        cob_target_row_update (row, COB_TARGET_STATUS_CANCELLED, 0, NULL);
    }

  g_clear_object (&self->run);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->run_rows, g_ptr_array_unref);
  cob_window_set_running (self, FALSE);
  cob_window_update_title (self);

  if (results == NULL)
    {
      cob_window_toast (self, error->message, NULL);
    }
  else
    {
      g_autofree char *out = cob_window_get_output_directory (self);
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *clock_text = g_date_time_format (now, "%X");
      /* Translators: where the results shown come from: "Run at 14:02:11". */
      g_autofree char *source_text = g_strdup_printf (_("Run at %s"), clock_text);
      g_autofree char *summary_path = g_build_filename (out, "summary.md", NULL);
      g_autoptr(GFile) summary = g_file_new_for_path (summary_path);
      g_autofree char *message = NULL;

      n_done = n_failed = 0;
      for (guint i = 0; i < results->len; i++)
        {
          if (bench_result_is_success (g_ptr_array_index (results, i)))
            n_done++;
          else
            n_failed++;
        }
      cob_perf_trace_mark ("finished: start");
      cob_window_show_results (self, results, source_text);
      cob_perf_trace_mark ("finished: results shown");
      cob_window_history_reload (self, out);
      cob_perf_trace_mark ("finished: reload started");

      if (cancelled)
        message = g_strdup_printf (ngettext ("Run cancelled; %u finished target kept",
                                             "Run cancelled; %u finished targets kept",
                                             results->len),
                                   results->len);
      else if (n_failed > 0)
        message = g_strdup_printf (ngettext ("Run finished; %u target failed",
                                             "Run finished; %u targets failed", n_failed),
                                   n_failed);
      else
        message = g_strdup (_("Run finished; summary written"));
      if (cob_run_task_get_summary_error (COB_RUN_TASK (source)) != NULL)
        cob_window_toast (self, cob_run_task_get_summary_error (COB_RUN_TASK (source))->message, NULL);
      else
        cob_window_toast (self, message, cancelled ? NULL : summary);
    }

#ifdef __GLIBC__
  /* The targets' test data was freed on the worker thread; give those
   * pages back to the system instead of keeping them in its malloc arena. */
  malloc_trim (0);
#endif

  cob_perf_trace_mark ("finished: trimmed");
  send_finished_notification (self, n_done, n_failed, cancelled);
  cob_perf_trace_mark ("finished: notified");
  if (self->close_when_done)
    gtk_window_destroy (GTK_WINDOW (self));
}

void
cob_window_start_run (CobWindow *self)
{
  g_autoptr(GPtrArray) targets = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GListModel *rows = G_LIST_MODEL (self->target_rows);
  BenchRunOptions options;
  RunCallbackData *callback_data;
  guint n = g_list_model_get_n_items (rows);

  if (self->run != NULL || self->loading)
    return;

  g_clear_pointer (&self->run_rows, g_ptr_array_unref);
  self->run_rows = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CobTargetRow) row = g_list_model_get_item (rows, i);

      if (cob_target_row_get_selected (row))
        {
          g_ptr_array_add (targets, (gpointer) cob_target_row_get_target (row));
          g_ptr_array_add (self->run_rows, g_object_ref (row));
        }
    }
  if (targets->len == 0)
    {
      cob_window_toast (self, _("Select at least one target to run"), NULL);
      return;
    }

  /* Report an unusable folder now, not after the first target. */
  dir = cob_window_get_output_directory (self);
  if (!bench_output_prepare (dir, &error))
    {
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->output_warning), error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->output_warning), TRUE);
      cob_window_toast (self, error->message, NULL);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->output_warning), FALSE);

  if (g_settings_get_boolean (self->settings, "quick"))
    bench_run_options_init_quick (&options);
  else
    bench_run_options_init_default (&options);
  if (g_settings_get_boolean (self->settings, "count-instructions") &&
      bench_callgrind_is_available ())
    options.measure = BENCH_MEASURE_INSTRUCTIONS;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CobTargetRow) row = g_list_model_get_item (rows, i);

      cob_target_row_update (row, cob_target_row_get_selected (row) ? COB_TARGET_STATUS_PENDING
                                                                     : COB_TARGET_STATUS_IDLE,
                             0, NULL);
    }
  cob_window_show_results (self, NULL, NULL);
  gtk_label_set_text (self->results_source, _("Running…"));

  self->cancellable = g_cancellable_new ();
  self->run = cob_run_task_new (targets, &options, dir);
  self->close_when_done = FALSE;
  g_signal_connect_object (self->run, "target-changed", G_CALLBACK (on_target_changed), self, 0);
  g_signal_connect_object (self->run, "notify::fraction", G_CALLBACK (on_run_fraction_changed),
                           self, 0);
  self->run_started_us = g_get_monotonic_time ();
  /* As low as the progress idle: when drawing a frame is slow (software
   * GL), a default-priority clock would keep the loop busy with redraws and
   * starve the progress updates. Once a second: every change of the
   * subtitle redraws the window (50 ms of CPU with software GL); progress
   * deliveries refresh it in between. */
  self->elapsed_timer = g_timeout_add_full (G_PRIORITY_LOW, 1000, on_elapsed_tick, self, NULL);
  if (g_getenv ("COB_MEASURE_STALLS") != NULL)
    {
      self->max_stall_us = 0;
      self->stall_last_us = 0;
      self->stall_until_us = 0;
      g_clear_handle_id (&self->stall_timer, g_source_remove);
      self->stall_timer = g_timeout_add (10, on_stall_tick, self);
      if (g_strcmp0 (g_getenv ("COB_MEASURE_STALLS"), "trace") == 0)
        cob_perf_trace_start (GTK_WIDGET (self));
    }

  callback_data = g_new0 (RunCallbackData, 1);
  g_weak_ref_init (&callback_data->window, self);
  /* Keep the application alive until the worker has stopped. */
  if (app != NULL)
    {
      callback_data->app = g_object_ref (G_APPLICATION (app));
      g_application_hold (callback_data->app);
    }
  cob_run_task_start (self->run, self->cancellable, on_run_finished, callback_data);
  cob_window_set_running (self, TRUE);
  cob_window_update_title (self);
}

void
cob_window_cancel_run (CobWindow *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
run_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  cob_window_start_run (COB_WINDOW (widget));
}

static void
cancel_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  cob_window_cancel_run (COB_WINDOW (widget));
}

/* ---------------------------------------------------------------------- */
/* Selection and output folder                                             */

static void
select_all (CobWindow *self,
            gboolean   selected)
{
  GListModel *rows = G_LIST_MODEL (self->target_rows);
  guint n = g_list_model_get_n_items (rows);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CobTargetRow) row = g_list_model_get_item (rows, i);

      cob_target_row_set_selected (row, selected);
    }
}

static void
select_all_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  select_all (COB_WINDOW (widget), TRUE);
}

static void
select_none_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  select_all (COB_WINDOW (widget), FALSE);
}

static void
on_output_folder_chosen (GFile    *folder,
                         gpointer  user_data)
{
  g_autoptr(CobWindow) self = user_data;
  g_autofree char *path = NULL;

  if (folder == NULL)
    return;
  path = g_file_get_path (folder);
  if (path == NULL)
    {
      cob_window_toast (self, _("Choose a local folder for the results"), NULL);
      return;
    }
  /* A choice made in the window replaces the --output-dir of this launch. */
  g_clear_pointer (&self->output_override, g_free);
  g_settings_set_string (self->settings, "output-directory", path);
  cob_window_update_output_row (self);
}

static void
choose_output_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CobWindow *self = COB_WINDOW (widget);
  g_autoptr(GFile) current = cob_window_output_folder_file (self);
  g_autoptr(GFile) initial = cob_window_existing_parent (current);

  cob_file_chooser_select_folder (GTK_WINDOW (self), _("Choose Output Folder"), _("_Select"),
                                  initial, on_output_folder_chosen, g_object_ref (self));
}

static void
open_output_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CobWindow *self = COB_WINDOW (widget);
  g_autoptr(GFile) folder = cob_window_output_folder_file (self);

  if (!g_file_query_exists (folder, NULL))
    {
      cob_window_toast (self, _("The output folder does not exist yet: run a benchmark first"), NULL);
      return;
    }
  cob_file_chooser_launch (GTK_WINDOW (self), folder);
}

static void
open_uri_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  cob_file_chooser_launch (GTK_WINDOW (widget), file);
}

/* ---------------------------------------------------------------------- */

void
cob_window_install_actions (CobWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.run", NULL, run_activated);
  gtk_widget_class_install_action (widget_class, "win.cancel", NULL, cancel_activated);
  gtk_widget_class_install_action (widget_class, "win.select-all", NULL, select_all_activated);
  gtk_widget_class_install_action (widget_class, "win.select-none", NULL, select_none_activated);
  gtk_widget_class_install_action (widget_class, "win.choose-output-folder", NULL,
                                   choose_output_activated);
  gtk_widget_class_install_action (widget_class, "win.open-output-folder", NULL,
                                   open_output_activated);
  gtk_widget_class_install_action (widget_class, "win.open-uri", "s", open_uri_activated);
  cob_window_install_file_actions (klass);
}

void
cob_window_setup_instructions_row (CobWindow *self)
{
  const char *why;

  if (bench_callgrind_is_available ())
    {
      g_settings_bind (self->settings, "count-instructions", self->instructions_switch, "active",
                       G_SETTINGS_BIND_DEFAULT);
      return;
    }
  why = _("Needs Valgrind, which the Flatpak runtime does not have; install the SDK or run "
          "cost-ops run --instructions from a terminal");
  gtk_switch_set_active (self->instructions_switch, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->instructions_row), FALSE);
  adw_action_row_set_subtitle (self->instructions_row, why);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->instructions_row), why);
}
