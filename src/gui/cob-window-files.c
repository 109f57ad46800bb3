/* cob-window-files.c: the window's file work: Export Summary…, Export
 * Chart… and Load Results… (reading on a worker thread).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "bench-output.h"
#include "cob-file-chooser.h"
#include "cob-window-private.h"

GFile *
cob_window_output_folder_file (CobWindow *self)
{
  g_autofree char *dir = cob_window_get_output_directory (self);

  return g_file_new_for_path (dir);
}

GFile *
cob_window_existing_parent (GFile *file)
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
  g_autoptr(GFile) current = cob_window_output_folder_file (self);
  g_autoptr(GFile) initial = cob_window_existing_parent (current);

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
  g_autoptr(GFile) current = cob_window_output_folder_file (self);
  g_autoptr(GFile) initial = cob_window_existing_parent (current);

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
  cob_window_history_reload (self, dir);

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
  g_autoptr(GFile) current = cob_window_output_folder_file (self);
  g_autoptr(GFile) initial = cob_window_existing_parent (current);

  cob_file_chooser_select_folder (GTK_WINDOW (self), _("Load Results"), _("_Load"), initial,
                                  on_load_folder_chosen, g_object_ref (self));
}

void
cob_window_install_file_actions (CobWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.export-summary", NULL,
                                   export_summary_activated);
  gtk_widget_class_install_action (widget_class, "win.export-chart", NULL,
                                   export_chart_activated);
  gtk_widget_class_install_action (widget_class, "win.load-results", NULL,
                                   load_results_activated);
}
