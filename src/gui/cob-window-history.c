/* cob-window-history.c: what the window does with the history: the
 * History page, the comparison columns of the results table, and the
 * noisy-machine warnings of the run shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "bench-environment.h"
#include "cob-comparison-columns.h"
#include "cob-window-private.h"

static const char *
title_for_id (gpointer    data,
              const char *id)
{
  return cob_window_title_for_id (COB_WINDOW (data), id);
}

/* Our own sentence per flag, so that it is translated. */
static char *
warning_text (const BenchEnvironment *environment)
{
  BenchEnvironmentWarnings warnings = bench_environment_get_warnings (environment);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (warnings & BENCH_ENVIRONMENT_WARNING_GOVERNOR)
    /* Translators: %s is a CPU frequency governor such as "powersave". */
    g_ptr_array_add (parts, g_strdup_printf (_("The CPU governor was “%s”, not “performance”."),
                                             environment->cpu_governor));
  if (warnings & BENCH_ENVIRONMENT_WARNING_HIGH_LOAD)
    g_ptr_array_add (parts, g_strdup_printf (_("The machine was busy (load %.2f on %u cores)."),
                                             environment->load_average[0], environment->n_cpus));
  if (warnings & BENCH_ENVIRONMENT_WARNING_DEBUG_BUILD)
    g_ptr_array_add (parts, g_strdup (_("This is a debug build; figures are slower than a release build’s.")));
  if (parts->len == 0)
    return NULL;
  g_ptr_array_add (parts, NULL);
  {
    g_autofree char *joined = g_strjoinv (" ", (char **) parts->pdata);

    /* Translators: shown above the results; %s lists the reasons. */
    return g_strdup_printf (_("Measurements may be noisy. %s"), joined);
  }
}

static void
update_warnings (CobWindow *self)
{
  BenchRunRecord *run = cob_history_view_get_current_run (self->history_view);
  JsonObject *environment = run != NULL ? bench_run_record_get_environment (run) : NULL;
  g_autofree char *text = NULL;

  if (environment != NULL)
    {
      g_autoptr(BenchEnvironment) parsed = bench_environment_from_json (environment);

      text = warning_text (parsed);
    }
#if ADW_CHECK_VERSION (1, 3, 0)
  {
    g_autofree char *escaped = text != NULL ? g_markup_escape_text (text, -1) : g_strdup ("");

    adw_banner_set_title (ADW_BANNER (self->warnings_banner), escaped);
    adw_banner_set_revealed (ADW_BANNER (self->warnings_banner), text != NULL);
  }
#else
  gtk_label_set_text (self->warnings_label, text != NULL ? text : "");
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->warnings_banner), text != NULL);
#endif
}

/* Without a baseline the comparison columns would only hold dashes and
 * push the durations and notes out of the window: they show only while
 * there is a comparison. */
static void
on_comparison_changed (CobWindow *self)
{
  gboolean compared = cob_history_view_get_comparison (self->history_view) != NULL;
  GListModel *columns = gtk_column_view_get_columns (self->results_view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (cob_comparison_columns_is_comparison (column))
        gtk_column_view_column_set_visible (column, compared);
    }
  /* The history is read in the background: the run shown, and so its
   * environment, is known once it is in. */
  update_warnings (self);
}

/* Change and Verdict matter most, so they come right after Ops/sec, where
 * a narrow window still shows them; the other columns follow. */
static void
append_comparison_columns (CobWindow *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->results_view);
  g_autoptr(GPtrArray) rest = g_ptr_array_new_with_free_func (g_object_unref);

  while (g_list_model_get_n_items (columns) > 2)
    {
      GtkColumnViewColumn *column = g_list_model_get_item (columns, 2);

      g_ptr_array_add (rest, column);
      gtk_column_view_remove_column (self->results_view, column);
    }
  cob_comparison_columns_setup (self->results_view, self->history_view);
  for (guint i = 0; i < rest->len; i++)
    gtk_column_view_append_column (self->results_view, g_ptr_array_index (rest, i));
  g_signal_connect_object (self->history_view, "notify::comparison",
                           G_CALLBACK (on_comparison_changed), self, G_CONNECT_SWAPPED);
  on_comparison_changed (self);
}

const char *
cob_window_get_warning_text (CobWindow *self)
{
  g_return_val_if_fail (COB_IS_WINDOW (self), NULL);
#if ADW_CHECK_VERSION (1, 3, 0)
  if (!adw_banner_get_revealed (ADW_BANNER (self->warnings_banner)))
    return NULL;
  return adw_banner_get_title (ADW_BANNER (self->warnings_banner));
#else
  if (!gtk_revealer_get_reveal_child (GTK_REVEALER (self->warnings_banner)))
    return NULL;
  return gtk_label_get_text (self->warnings_label);
#endif
}

/* Before libadwaita 1.3 there is no AdwBanner: a revealer with a label in
 * the same place does the job. */
static void
create_warnings_banner (CobWindow *self)
{
#if ADW_CHECK_VERSION (1, 3, 0)
  self->warnings_banner = adw_banner_new ("");
#else
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  self->warnings_banner = gtk_revealer_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Warning"), -1);
  self->warnings_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->warnings_label, TRUE);
  gtk_label_set_xalign (self->warnings_label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->warnings_label), TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->warnings_label));
  gtk_widget_add_css_class (box, "noise-banner");
  gtk_revealer_set_child (GTK_REVEALER (self->warnings_banner), box);
#endif
  gtk_box_append (GTK_BOX (self->warnings_slot), self->warnings_banner);
}

void
cob_window_history_init (CobWindow *self)
{
  cob_history_view_set_title_func (self->history_view, title_for_id, self);
  create_warnings_banner (self);
  append_comparison_columns (self);
}

void
cob_window_history_show_results (CobWindow *self)
{
  /* The warnings follow through notify::comparison. */
  cob_history_view_set_current_results (self->history_view, self->results);
}

void
cob_window_history_reload (CobWindow  *self,
                           const char *output_dir)
{
  /* The warnings follow through notify::comparison once it is read. */
  cob_history_view_reload (self->history_view, output_dir);
}

CobHistoryView *
cob_window_get_history_view (CobWindow *self)
{
  g_return_val_if_fail (COB_IS_WINDOW (self), NULL);
  return self->history_view;
}
