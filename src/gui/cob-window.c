/* cob-window.c: the main window's state, widgets and settings. The
 * actions (run, cancel, export, load…) are in cob-window-actions.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "bench-registry.h"
#include "bench-targets.h"
#include "cob-accessibility.h"
#include "cob-format.h"
#include "cob-result-row.h"
#include "cob-target-row.h"
#include "cob-window-private.h"
#include "cob-perf-trace.h"

G_DEFINE_FINAL_TYPE (CobWindow, cob_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_TARGETS,
  PROP_RUNNING,
  PROP_LOADING,
  PROP_CHART_SCALE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---------------------------------------------------------------------- */
/* Selection                                                               */

/* The selection lives in GSettings as ids; rows follow the key and write
 * it back when toggled. */
static void
store_selection (CobWindow *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->target_rows));

  /* Keep selected ids this window does not list (another target list). */
  g_auto(GStrv) previous = g_settings_get_strv (self->settings, "selected-targets");
  for (guint i = 0; previous[i] != NULL; i++)
    if (bench_registry_lookup (self->targets, previous[i]) == NULL)
      g_strv_builder_add (builder, previous[i]);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CobTargetRow) row = g_list_model_get_item (G_LIST_MODEL (self->target_rows), i);

      if (cob_target_row_get_selected (row))
        g_strv_builder_add (builder, cob_target_row_get_id (row));
    }
  ids = g_strv_builder_end (builder);
  self->syncing_selection = TRUE;
  g_settings_set_strv (self->settings, "selected-targets", (const char * const *) ids);
  self->syncing_selection = FALSE;
}

static void
load_selection (CobWindow *self)
{
  g_auto(GStrv) ids = g_settings_get_strv (self->settings, "selected-targets");
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->target_rows));

  self->syncing_selection = TRUE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CobTargetRow) row = g_list_model_get_item (G_LIST_MODEL (self->target_rows), i);

      cob_target_row_set_selected (row, g_strv_contains ((const char * const *) ids,
                                                         cob_target_row_get_id (row)));
    }
  self->syncing_selection = FALSE;
  cob_window_update_actions (self);
}

static void
on_row_selected_changed (CobTargetRow *row,
                         GParamSpec   *pspec,
                         CobWindow    *self)
{
  if (!self->syncing_selection)
    store_selection (self);
  cob_window_update_actions (self);
}

static void
on_selection_setting_changed (GSettings  *settings,
                              const char *key,
                              CobWindow  *self)
{
  if (!self->syncing_selection)
    load_selection (self);
}

/* ---------------------------------------------------------------------- */
/* Settings                                                                */

static void
on_output_setting_changed (GSettings  *settings,
                           const char *key,
                           CobWindow  *self)
{
  cob_window_update_output_row (self);
}

/* The flap folds while it is being allocated; showing the button right
 * then would resize the header bar in the middle of that allocation. */
static gboolean
update_sidebar_button (gpointer user_data)
{
  CobWindow *self = user_data;

  self->folded_idle = 0;
  gtk_widget_set_visible (self->sidebar_button, adw_flap_get_folded (self->flap));
  return G_SOURCE_REMOVE;
}

static void
on_flap_folded_changed (AdwFlap    *flap,
                        GParamSpec *pspec,
                        CobWindow  *self)
{
  if (self->folded_idle == 0)
    self->folded_idle = g_idle_add (update_sidebar_button, self);
}

static void
restore_window_size (CobWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), MAX (width, 360), MAX (height, 480));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_size (CobWindow *self)
{
  int width = 0, height = 0;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (self->settings);
}

/* ---------------------------------------------------------------------- */
/* Shared helpers (cob-window-private.h)                                   */

const char *
cob_window_title_for_id (CobWindow  *self,
                         const char *target_id)
{
  const BenchTarget *target = bench_registry_lookup (self->targets, target_id);

  if (target == NULL || target->display_name == NULL || target->display_name[0] == '\0')
    return target_id;
  return _(target->display_name);
}

void
cob_window_update_actions (CobWindow *self)
{
  gboolean running = self->run != NULL;
  gboolean busy = running || self->loading;
  gboolean any_selected = FALSE;
  gboolean any_unselected = FALSE;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->target_rows));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CobTargetRow) row = g_list_model_get_item (G_LIST_MODEL (self->target_rows), i);

      if (cob_target_row_get_selected (row))
        any_selected = TRUE;
      else
        any_unselected = TRUE;
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.run", !busy && any_selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.select-all", !running && any_unselected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.select-none", !running && any_selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.choose-output-folder", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load-results", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-summary",
                                 !running && self->results->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-chart",
                                 !running && self->results->len > 0);
}

void
cob_window_set_running (CobWindow *self,
                        gboolean   running)
{
  if (running)
    {
      gtk_label_set_text_with_mnemonic (self->run_button_label, _("_Cancel"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->run_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Cancel"), -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->run_button), "win.cancel");
      gtk_widget_remove_css_class (GTK_WIDGET (self->run_button), "suggested-action");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->run_button), _("Stop the run (Escape)"));
    }
  else
    {
      gtk_label_set_text_with_mnemonic (self->run_button_label, _("_Run"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->run_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Run"), -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->run_button), "win.run");
      gtk_widget_add_css_class (GTK_WIDGET (self->run_button), "suggested-action");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->run_button),
                                   _("Run the selected targets (Ctrl+R)"));
    }
  gtk_progress_bar_set_fraction (self->run_progress, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->run_progress), running);

  /* Until the first result arrives the empty page says what is going on. */
  if (running)
    {
      adw_status_page_set_title (self->empty_page, _("Running…"));
      adw_status_page_set_description (self->empty_page,
                                       _("Results appear here as each target finishes."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Results Yet"));
      adw_status_page_set_description (self->empty_page,
                                       _("Choose targets and press Run, or load the results of an earlier run."));
    }
  gtk_widget_set_visible (self->empty_load_button, !running);
  cob_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

void
cob_window_update_title (CobWindow *self)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *elapsed = NULL;

  if (self->run != NULL)
    {
      guint n = cob_run_task_get_n_targets (self->run);
      guint current = MIN (cob_run_task_get_current (self->run) + 1, n);

      elapsed = cob_format_elapsed (g_get_monotonic_time () - self->run_started_us);
      /* Translators: window subtitle during a run: "Running 2 of 6 · 3.4 s". */
      subtitle = g_strdup_printf (_("Running %u of %u · %s"), current, n, elapsed);
    }
  else if (self->run_elapsed_us > 0)
    {
      elapsed = cob_format_elapsed (self->run_elapsed_us);
      /* Translators: window subtitle after a run: "Finished in 4.2 s". */
      subtitle = g_strdup_printf (_("Last run took %s"), elapsed);
    }
  adw_window_title_set_subtitle (self->window_title, subtitle != NULL ? subtitle : "");
}

static char *
display_path (const char *path)
{
  const char *home = g_get_home_dir ();
  gsize len = strlen (home);

  if (len > 1 && g_str_has_prefix (path, home) && (path[len] == '/' || path[len] == '\0'))
    return g_strconcat ("~", path + len, NULL);
  return g_strdup (path);
}

void
cob_window_update_output_row (CobWindow *self)
{
  g_autofree char *dir = cob_window_get_output_directory (self);
  g_autofree char *shown = display_path (dir);

  adw_action_row_set_subtitle (self->output_row, shown);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->output_row), dir);
  gtk_widget_set_visible (GTK_WIDGET (self->output_warning), FALSE);
  cob_window_history_reload (self, dir);
}

AdwToast *
cob_window_new_toast (const char *text)
{
#if ADW_CHECK_VERSION (1, 4, 0)
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_use_markup (toast, FALSE);
  return toast;
#else
  /* Titles are always markup before libadwaita 1.4; paths and error
   * messages may contain '&' or '<'. */
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  return adw_toast_new (escaped);
#endif
}

void
cob_window_toast (CobWindow  *self,
                  const char *title,
                  GFile      *open_file)
{
  AdwToast *toast = cob_window_new_toast (title);

  g_free (self->last_toast);
  self->last_toast = g_strdup (title);
  if (open_file != NULL)
    {
      g_autofree char *uri = g_file_get_uri (open_file);

      adw_toast_set_button_label (toast, _("_Open"));
      adw_toast_set_action_name (toast, "win.open-uri");
      adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
      adw_toast_set_timeout (toast, 8);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

const char *
cob_window_get_last_toast (CobWindow *self)
{
  g_return_val_if_fail (COB_IS_WINDOW (self), NULL);
  return self->last_toast;
}

void
cob_window_append_result (CobWindow   *self,
                          BenchResult *result)
{
  const char *id = bench_result_get_target_id (result);
  g_autoptr(CobResultRow) row = cob_result_row_new (result, cob_window_title_for_id (self, id));

  g_ptr_array_add (self->results, bench_result_ref (result));
  g_list_store_append (self->result_rows, row);
  cob_chart_set_results (self->chart, self->results);
  gtk_stack_set_visible_child_name (self->results_stack, "results");
}

void
cob_window_show_results (CobWindow  *self,
                         GPtrArray  *results,
                         const char *source)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_set_size (self->results, 0);
  for (guint i = 0; results != NULL && i < results->len; i++)
    {
      BenchResult *result = g_ptr_array_index (results, i);
      const char *id = bench_result_get_target_id (result);

      g_ptr_array_add (self->results, bench_result_ref (result));
      g_ptr_array_add (rows, cob_result_row_new (result, cob_window_title_for_id (self, id)));
    }
  g_list_store_splice (self->result_rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->result_rows)),
                       rows->pdata, rows->len);
  cob_chart_set_results (self->chart, self->results);
  gtk_label_set_text (self->results_source, source != NULL ? source : "");
  gtk_stack_set_visible_child_name (self->results_stack, self->results->len > 0 ? "results" : "empty");
  cob_window_history_show_results (self);
  cob_window_update_actions (self);
}

/* ---------------------------------------------------------------------- */
/* GObject                                                                 */

static gboolean
cob_window_close_request (GtkWindow *window)
{
  CobWindow *self = COB_WINDOW (window);

  save_window_size (self);
  if (self->run != NULL)
    {
      /* The worker stops within one sample; the window goes away when it
       * has, so that no file is left half-written. */
      self->close_when_done = TRUE;
      g_cancellable_cancel (self->cancellable);
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (cob_window_parent_class)->close_request (window);
}

static void
cob_window_constructed (GObject *object)
{
  CobWindow *self = COB_WINDOW (object);

  G_OBJECT_CLASS (cob_window_parent_class)->constructed (object);

  if (self->targets == NULL)
    self->targets = bench_targets_get_all ();
  cob_chart_set_targets (self->chart, self->targets);
  for (guint i = 0; self->targets[i] != NULL; i++)
    {
      g_autoptr(CobTargetRow) row = cob_target_row_new (self->targets[i]);

      g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_row_selected_changed),
                               self, 0);
      g_list_store_append (self->target_rows, row);
    }
  gtk_list_box_bind_model (self->targets_list, G_LIST_MODEL (self->target_rows),
                           cob_window_create_target_row, self, NULL);
  load_selection (self);
}

static void
cob_window_dispose (GObject *object)
{
  CobWindow *self = COB_WINDOW (object);

  self->disposed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->elapsed_timer, g_source_remove);
  g_clear_handle_id (&self->stall_timer, g_source_remove);
  g_clear_handle_id (&self->folded_idle, g_source_remove);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), COB_TYPE_WINDOW);
  G_OBJECT_CLASS (cob_window_parent_class)->dispose (object);
}

static void
cob_window_finalize (GObject *object)
{
  CobWindow *self = COB_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->target_rows);
  g_clear_object (&self->result_rows);
  g_clear_object (&self->sorted_results);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_pointer (&self->run_rows, g_ptr_array_unref);
  g_clear_object (&self->run);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->skipped_files, g_strfreev);
  g_free (self->output_override);
  g_free (self->last_toast);
  G_OBJECT_CLASS (cob_window_parent_class)->finalize (object);
}

static void
cob_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CobWindow *self = COB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_TARGETS:
      g_value_set_pointer (value, (gpointer) self->targets);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->run != NULL);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_CHART_SCALE:
      g_value_set_string (value, self->chart_scale == COB_CHART_SCALE_LINEAR
                                 ? "linear" : "logarithmic");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cob_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  CobWindow *self = COB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_TARGETS:
      self->targets = g_value_get_pointer (value);
      break;
    case PROP_CHART_SCALE:
      {
        CobChartScale scale = g_strcmp0 (g_value_get_string (value), "linear") == 0
                              ? COB_CHART_SCALE_LINEAR : COB_CHART_SCALE_LOGARITHMIC;

        if (scale != self->chart_scale)
          {
            self->chart_scale = scale;
            if (self->chart != NULL)
              cob_chart_set_scale (self->chart, scale);
            g_object_notify_by_pspec (object, pspec);
          }
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cob_window_snapshot (GtkWidget   *widget,
                     GtkSnapshot *snapshot)
{
  cob_perf_trace_mark ("window snapshot start");
  GTK_WIDGET_CLASS (cob_window_parent_class)->snapshot (widget, snapshot);
  cob_perf_trace_mark ("window snapshot end");
}

static void
cob_window_class_init (CobWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = cob_window_constructed;
  GTK_WIDGET_CLASS (klass)->snapshot = cob_window_snapshot;
  object_class->dispose = cob_window_dispose;
  object_class->finalize = cob_window_finalize;
  object_class->get_property = cob_window_get_property;
  object_class->set_property = cob_window_set_property;
  window_class->close_request = cob_window_close_request;

  /**
   * CobWindow:targets:
   * The NULL-terminated `const BenchTarget *` list the window offers.
   */
  properties[PROP_TARGETS] =
    g_param_spec_pointer ("targets", NULL, NULL,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* "logarithmic" or "linear", the nicks of the chart-scale key. */
  properties[PROP_CHART_SCALE] =
    g_param_spec_string ("chart-scale", NULL, NULL, "logarithmic",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (COB_TYPE_CHART);
  g_type_ensure (COB_TYPE_HISTORY_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/costops/Bench/cob-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CobWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CobWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CobWindow, run_button);
  gtk_widget_class_bind_template_child (widget_class, CobWindow, run_button_label);
  gtk_widget_class_bind_template_child (widget_class, CobWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, CobWindow, run_progress);
  gtk_widget_class_bind_template_child (widget_class, CobWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, CobWindow, targets_list);
  gtk_widget_class_bind_template_child (widget_class, CobWindow, output_row);
  gtk_widget_class_bind_template_child (widget_class, CobWindow, output_warning);
  gtk_widget_class_bind_template_child (widget_class, CobWindow, quick_switch);
  gtk_widget_class_bind_template_child (widget_class, CobWindow, instructions_row);
  gtk_widget_class_bind_template_child (widget_class, CobWindow, instructions_switch);
  gtk_widget_class_bind_template_child (widget_class, CobWindow, results_stack);
  gtk_widget_class_bind_template_child (widget_class, CobWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CobWindow, empty_load_button);
  gtk_widget_class_bind_template_child (widget_class, CobWindow, results_source);
  gtk_widget_class_bind_template_child (widget_class, CobWindow, chart);
  gtk_widget_class_bind_template_child (widget_class, CobWindow, results_view);
  gtk_widget_class_bind_template_child (widget_class, CobWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CobWindow, history_view);
  gtk_widget_class_bind_template_child (widget_class, CobWindow, warnings_slot);

  cob_window_install_actions (klass);
  gtk_widget_class_install_property_action (widget_class, "win.chart-scale", "chart-scale");
}

static void
cob_window_init (CobWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  cob_accessibility_watch_toasts (self->toast_overlay);

  self->settings = g_settings_new (APP_ID);
  self->target_rows = g_list_store_new (COB_TYPE_TARGET_ROW);
  self->result_rows = g_list_store_new (COB_TYPE_RESULT_ROW);
  self->results = g_ptr_array_new_with_free_func ((GDestroyNotify) bench_result_unref);

  cob_results_columns_setup (self->results_view);
  cob_window_history_init (self);
  self->sorted_results =
    gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->result_rows)),
                             g_object_ref (gtk_column_view_get_sorter (self->results_view)));
  {
    g_autoptr(GtkNoSelection) selection =
      gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->sorted_results)));

    gtk_column_view_set_model (self->results_view, GTK_SELECTION_MODEL (selection));
  }

  g_settings_bind (self->settings, "quick", self->quick_switch, "active", G_SETTINGS_BIND_DEFAULT);
  cob_window_setup_instructions_row (self);
  /* The key, the "chart-scale" property, its win.chart-scale action (the
   * toggle buttons) and the chart all follow one another. */
  g_settings_bind (self->settings, "chart-scale", self, "chart-scale", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect (self->settings, "changed::output-directory",
                    G_CALLBACK (on_output_setting_changed), self);
  g_signal_connect (self->settings, "changed::selected-targets",
                    G_CALLBACK (on_selection_setting_changed), self);

  g_signal_connect (self->flap, "notify::folded", G_CALLBACK (on_flap_folded_changed), self);
  restore_window_size (self);
  cob_window_update_output_row (self);
  cob_window_update_title (self);
  gtk_stack_set_visible_child_name (self->results_stack, "empty");
}

/* ---------------------------------------------------------------------- */
/* Public API                                                              */

CobWindow *
cob_window_new (GtkApplication            *application,
                const BenchTarget * const *targets)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);

  return g_object_new (COB_TYPE_WINDOW,
                       "application", application,
                       "targets", targets,
                       NULL);
}

char *
cob_window_get_output_directory (CobWindow *self)
{
  g_autofree char *stored = NULL;
  const char *documents;

  g_return_val_if_fail (COB_IS_WINDOW (self), NULL);

  if (self->output_override != NULL)
    return g_strdup (self->output_override);
  stored = g_settings_get_string (self->settings, "output-directory");
  if (stored[0] != '\0')
    return g_steal_pointer (&stored);
  documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  if (documents == NULL)
    documents = g_get_home_dir ();
  /* Not translated: the Flatpak grants exactly xdg-documents/CostOps Bench,
   * and the schema's description names it. */
  return g_build_filename (documents, "CostOps Bench", NULL);
}

void
cob_window_set_output_override (CobWindow  *self,
                                const char *directory)
{
  g_return_if_fail (COB_IS_WINDOW (self));

  g_free (self->output_override);
  self->output_override = directory != NULL && directory[0] != '\0' ? g_strdup (directory) : NULL;
  cob_window_update_output_row (self);
}

gboolean
cob_window_get_running (CobWindow *self)
{
  g_return_val_if_fail (COB_IS_WINDOW (self), FALSE);
  return self->run != NULL;
}

gboolean
cob_window_get_loading (CobWindow *self)
{
  g_return_val_if_fail (COB_IS_WINDOW (self), FALSE);
  return self->loading;
}

GListModel *
cob_window_get_target_rows (CobWindow *self)
{
  g_return_val_if_fail (COB_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->target_rows);
}

GListModel *
cob_window_get_result_rows (CobWindow *self)
{
  g_return_val_if_fail (COB_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->sorted_results);
}

CobChart *
cob_window_get_chart (CobWindow *self)
{
  g_return_val_if_fail (COB_IS_WINDOW (self), NULL);
  return self->chart;
}

GtkColumnView *
cob_window_get_results_view (CobWindow *self)
{
  g_return_val_if_fail (COB_IS_WINDOW (self), NULL);
  return self->results_view;
}

gint64
cob_window_get_max_stall_us (CobWindow *self)
{
  g_return_val_if_fail (COB_IS_WINDOW (self), 0);
  return self->max_stall_us;
}

const char * const *
cob_window_get_skipped_files (CobWindow *self)
{
  g_return_val_if_fail (COB_IS_WINDOW (self), NULL);
  return (const char * const *) self->skipped_files;
}

