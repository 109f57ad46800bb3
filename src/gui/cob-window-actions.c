/* cob-window-actions.c: what the window's actions do: run and cancel,
 * selection, output folder, exports, loading earlier results.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "bench-output.h"
#include "cob-file-chooser.h"
#include "cob-format.h"
#include "cob-target-row.h"
#include "cob-window-private.h"

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

  if (self->run_rows == NULL || index >= self->run_rows->len)
    return;
  row = g_ptr_array_index (self->run_rows, index);
  previous = cob_target_row_get_status (row);
  cob_target_row_update (row, status, fraction, result);

  /* Show each result as soon as it exists, once. */
  if (result != NULL && previous != COB_TARGET_STATUS_DONE && previous != COB_TARGET_STATUS_FAILED &&
      (status == COB_TARGET_STATUS_DONE || status == COB_TARGET_STATUS_FAILED))
    cob_window_append_result (self, result);
}

static void
on_run_fraction_changed (CobRunTask *run,
                         GParamSpec *pspec,
                         CobWindow  *self)
{
  gtk_progress_bar_set_fraction (self->run_progress, cob_run_task_get_fraction (run));
  cob_window_update_title (self);
}

static gboolean
on_elapsed_tick (gpointer user_data)
{
  cob_window_update_title (COB_WINDOW (user_data));
  return G_SOURCE_CONTINUE;
}

/* COB_MEASURE_STALLS: a 10 ms timeout that records the longest time the
 * main loop took to come back to it. */
static gboolean
on_stall_tick (gpointer user_data)
{
  CobWindow *self = user_data;
  gint64 now = g_get_monotonic_time ();

  if (self->stall_last_us > 0)
    self->max_stall_us = MAX (self->max_stall_us, now - self->stall_last_us);
  self->stall_last_us = now;
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

static void
on_run_finished (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CobWindow) self = user_data;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  gboolean cancelled = FALSE;
  guint n_done = 0, n_failed = 0;

  results = cob_run_task_finish (COB_RUN_TASK (source), result, &cancelled, &error);
  self->run_elapsed_us = g_get_monotonic_time () - self->run_started_us;
  g_clear_handle_id (&self->elapsed_timer, g_source_remove);
  if (self->stall_timer != 0)
    {
      g_clear_handle_id (&self->stall_timer, g_source_remove);
      g_message ("Largest main-loop gap during the run: %.1f ms (timer period 10 ms); "
                 "%u progress updates delivered",
                 self->max_stall_us / 1000.0, cob_run_task_get_n_updates (COB_RUN_TASK (source)));
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
      g_autofree char *time = g_date_time_format (now, "%X");
      /* Translators: where the results shown come from: "Run at 14:02:11". */
      g_autofree char *source_text = g_strdup_printf (_("Run at %s"), time);
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
      cob_window_show_results (self, results, source_text);

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
      cob_window_toast (self, message, cancelled ? NULL : summary);
    }

#ifdef __GLIBC__
  /* The targets' test data was freed on the worker thread; give those
   * pages back to the system instead of keeping them in its malloc arena. */
  malloc_trim (0);
#endif

  send_finished_notification (self, n_done, n_failed, cancelled);
  if (app != NULL)
    g_application_release (G_APPLICATION (app));
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
   * starve the progress updates. */
  self->elapsed_timer = g_timeout_add_full (G_PRIORITY_LOW, 100, on_elapsed_tick, self, NULL);
  if (g_getenv ("COB_MEASURE_STALLS") != NULL)
    {
      self->max_stall_us = 0;
      self->stall_last_us = 0;
      self->stall_timer = g_timeout_add (10, on_stall_tick, self);
    }

  /* Keep the application alive until the worker has stopped. */
  if (app != NULL)
    g_application_hold (G_APPLICATION (app));
  cob_run_task_start (self->run, self->cancellable, on_run_finished, g_object_ref (self));
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

static GFile *
output_folder_file (CobWindow *self)
{
  g_autofree char *dir = cob_window_get_output_directory (self);

  return g_file_new_for_path (dir);
}

static GFile *
existing_parent (GFile *file)
{
  g_autoptr(GFile) current = g_object_ref (file);

  while (current != NULL && !g_file_query_exists (current, NULL))
    {
      GFile *parent = g_file_get_parent (current);

      g_object_unref (current);
      current = parent;
    }
  return g_steal_pointer (&current);
}

static void
choose_output_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CobWindow *self = COB_WINDOW (widget);
  g_autoptr(GFile) current = output_folder_file (self);
  g_autoptr(GFile) initial = existing_parent (current);

  cob_file_chooser_select_folder (GTK_WINDOW (self), _("Choose Output Folder"), _("_Select"),
                                  initial, on_output_folder_chosen, g_object_ref (self));
}

static void
open_output_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CobWindow *self = COB_WINDOW (widget);
  g_autoptr(GFile) folder = output_folder_file (self);

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
/* Exports                                                                 */

gboolean
cob_window_export_summary_to (CobWindow  *self,
                              GFile      *file,
                              GError    **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (COB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Cannot save to “%s”: not a local file"), g_file_peek_path (file));
      return FALSE;
    }
  return bench_summary_write_to (path, self->results, error);
}

gboolean
cob_window_export_chart_to (CobWindow  *self,
                            GFile      *file,
                            GError    **error)
{
  g_autofree char *path = NULL;
  int width, height;

  g_return_val_if_fail (COB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Cannot save to “%s”: not a local file"), g_file_peek_path (file));
      return FALSE;
    }
  /* At least a readable size, larger when the window shows it larger. */
  width = MAX (gtk_widget_get_width (GTK_WIDGET (self->chart)), 960);
  height = MAX (gtk_widget_get_height (GTK_WIDGET (self->chart)), 120 + 48 * (int) self->results->len);
  return cob_chart_export (self->chart, path, width, height, error);
}

static void
report_saved (CobWindow  *self,
              GFile      *file,
              gboolean    saved,
              GError     *error)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *message = NULL;

  if (saved)
    {
      /* Translators: a toast after an export, e.g. "Saved summary.md". */
      message = g_strdup_printf (_("Saved %s"), name);
      cob_window_toast (self, message, file);
    }
  else
    cob_window_toast (self, error->message, NULL);
}

static void
on_summary_file_chosen (GFile    *file,
                        gpointer  user_data)
{
  g_autoptr(CobWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean saved;

  if (file == NULL)
    return;
  saved = cob_window_export_summary_to (self, file, &error);
  report_saved (self, file, saved, error);
}

static void
export_summary_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  CobWindow *self = COB_WINDOW (widget);
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) markdown = gtk_file_filter_new ();
  g_autoptr(GFile) current = output_folder_file (self);
  g_autoptr(GFile) initial = existing_parent (current);

  gtk_file_filter_set_name (markdown, _("Markdown"));
  gtk_file_filter_add_mime_type (markdown, "text/markdown");
  gtk_file_filter_add_suffix (markdown, "md");
  g_list_store_append (filters, markdown);
  cob_file_chooser_save (GTK_WINDOW (self), _("Export Summary"), "summary.md", initial,
                         G_LIST_MODEL (filters), on_summary_file_chosen, g_object_ref (self));
}

static void
on_chart_file_chosen (GFile    *file,
                      gpointer  user_data)
{
  g_autoptr(CobWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) target = NULL;
  g_autofree char *name = NULL;
  gboolean saved;

  if (file == NULL)
    return;
  /* The format follows the extension; without one, PNG. */
  name = g_file_get_basename (file);
  if (g_str_has_suffix (name, ".png") || g_str_has_suffix (name, ".svg") ||
      g_str_has_suffix (name, ".PNG") || g_str_has_suffix (name, ".SVG"))
    target = g_object_ref (file);
  else
    {
      g_autoptr(GFile) parent = g_file_get_parent (file);
      g_autofree char *with_suffix = g_strconcat (name, ".png", NULL);

      target = g_file_get_child (parent, with_suffix);
    }
  saved = cob_window_export_chart_to (self, target, &error);
  report_saved (self, target, saved, error);
}

static void
export_chart_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CobWindow *self = COB_WINDOW (widget);
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) png = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) svg = gtk_file_filter_new ();
  g_autoptr(GFile) current = output_folder_file (self);
  g_autoptr(GFile) initial = existing_parent (current);

  gtk_file_filter_set_name (png, _("PNG Image"));
  gtk_file_filter_add_mime_type (png, "image/png");
  gtk_file_filter_add_suffix (png, "png");
  gtk_file_filter_set_name (svg, _("SVG Image"));
  gtk_file_filter_add_mime_type (svg, "image/svg+xml");
  gtk_file_filter_add_suffix (svg, "svg");
  g_list_store_append (filters, png);
  g_list_store_append (filters, svg);
  cob_file_chooser_save (GTK_WINDOW (self), _("Export Chart"), "chart.png", initial,
                         G_LIST_MODEL (filters), on_chart_file_chosen, g_object_ref (self));
}

/* ---------------------------------------------------------------------- */
/* Load Results…                                                           */

typedef struct {
  GPtrArray *results;
  GPtrArray *skipped;
} LoadOutcome;

static void
load_outcome_free (gpointer data)
{
  LoadOutcome *outcome = data;

  g_clear_pointer (&outcome->results, g_ptr_array_unref);
  g_clear_pointer (&outcome->skipped, g_ptr_array_unref);
  g_free (outcome);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *dir = task_data;
  g_autoptr(GError) error = NULL;
  LoadOutcome *outcome = g_new0 (LoadOutcome, 1);

  outcome->skipped = g_ptr_array_new_with_free_func (g_free);
  outcome->results = bench_output_load (dir, outcome->skipped, &error);
  if (outcome->results == NULL)
    {
      load_outcome_free (outcome);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, outcome, load_outcome_free);
}

static void
set_loading (CobWindow *self,
             gboolean   loading)
{
  self->loading = loading;
  cob_window_update_actions (self);
  g_object_notify (G_OBJECT (self), "loading");
}

static void
on_load_finished (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CobWindow *self = COB_WINDOW (source);
  const char *dir = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  LoadOutcome *outcome = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *source_text = NULL;

  g_clear_pointer (&self->skipped_files, g_strfreev);
  if (outcome == NULL)
    {
      cob_window_toast (self, error->message, NULL);
      set_loading (self, FALSE);
      return;
    }

  /* Translators: where the results shown come from: a folder path. */
  source_text = g_strdup_printf (_("Loaded from %s"), dir);
  cob_window_show_results (self, outcome->results, source_text);

  g_ptr_array_add (outcome->skipped, NULL);
  self->skipped_files = (GStrv) g_ptr_array_steal (outcome->skipped, NULL);
  if (self->skipped_files[0] != NULL)
    {
      guint n = g_strv_length (self->skipped_files);
      g_autofree char *names = g_strjoinv ("; ", self->skipped_files);
      g_autofree char *message =
        g_strdup_printf (ngettext ("Skipped %u malformed file: %s",
                                   "Skipped %u malformed files: %s", n), n, names);
      AdwToast *toast = cob_window_new_toast (message);

      adw_toast_set_timeout (toast, 0);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
  else if (outcome->results->len == 0)
    cob_window_toast (self, _("This folder holds no results (raw/*.json)"), NULL);

  load_outcome_free (outcome);
  set_loading (self, FALSE);
}

void
cob_window_load_results (CobWindow *self,
                         GFile     *folder)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (COB_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (folder));

  if (self->run != NULL || self->loading)
    return;
  path = g_file_get_path (folder);
  if (path == NULL)
    {
      cob_window_toast (self, _("Choose a local folder to load results from"), NULL);
      return;
    }
  set_loading (self, TRUE);
  task = g_task_new (self, NULL, on_load_finished, NULL);
  g_task_set_source_tag (task, cob_window_load_results);
  g_task_set_task_data (task, g_steal_pointer (&path), g_free);
  g_task_run_in_thread (task, load_thread);
}

static void
on_load_folder_chosen (GFile    *folder,
                       gpointer  user_data)
{
  g_autoptr(CobWindow) self = user_data;

  if (folder != NULL)
    cob_window_load_results (self, folder);
}

static void
load_results_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CobWindow *self = COB_WINDOW (widget);
  g_autoptr(GFile) current = output_folder_file (self);
  g_autoptr(GFile) initial = existing_parent (current);

  cob_file_chooser_select_folder (GTK_WINDOW (self), _("Load Results"), _("_Load"), initial,
                                  on_load_folder_chosen, g_object_ref (self));
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
  gtk_widget_class_install_action (widget_class, "win.export-summary", NULL,
                                   export_summary_activated);
  gtk_widget_class_install_action (widget_class, "win.export-chart", NULL,
                                   export_chart_activated);
  gtk_widget_class_install_action (widget_class, "win.load-results", NULL,
                                   load_results_activated);
}
