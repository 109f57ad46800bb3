/* cob-window-rows.c: the row widget of one target in the window's list:
 * check box, name, description, category, and the run state (progress,
 * ops/sec or the failure), all bound to its CobTargetRow.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cob-target-row.h"
#include "cob-window-private.h"

static gboolean
status_equals (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  g_value_set_boolean (to, g_value_get_int (from) == GPOINTER_TO_INT (user_data));
  return TRUE;
}

static void
bind_visible_for_status (CobTargetRow    *item,
                         GtkWidget       *widget,
                         CobTargetStatus  status)
{
  g_object_bind_property_full (item, "status", widget, "visible", G_BINDING_SYNC_CREATE,
                               status_equals, NULL, GINT_TO_POINTER (status), NULL);
}

static void
on_row_status_changed (CobTargetRow *item,
                       GParamSpec   *pspec,
                       GtkWidget    *label)
{
  CobTargetStatus status = cob_target_row_get_status (item);

  if (status == COB_TARGET_STATUS_PENDING || status == COB_TARGET_STATUS_CANCELLED)
    gtk_widget_add_css_class (label, "dim-label");
  else
    gtk_widget_remove_css_class (label, "dim-label");
  if (status == COB_TARGET_STATUS_FAILED)
    gtk_widget_add_css_class (label, "error");
  else
    gtk_widget_remove_css_class (label, "error");
}

GtkWidget *
cob_window_create_target_row (gpointer item,
                              gpointer user_data)
{
  CobWindow *self = user_data;
  CobTargetRow *target = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *status_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *category = gtk_label_new (cob_target_row_get_category (target));
  GtkWidget *status_label = gtk_label_new (NULL);
  GtkWidget *progress = gtk_progress_bar_new ();
  GtkWidget *done_icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");
  GtkWidget *failed_icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");
  GtkWidget *suffix = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cob_target_row_get_title (target));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), cob_target_row_get_description (target));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);

  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  /* The row labels its activatable check box with the title already. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  cob_target_row_get_description (target),
                                  -1);
  g_object_bind_property (target, "selected", check, "active",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_object_bind_property (self, "running", check, "sensitive",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

  /* Category above, run state below, both right-aligned. */
  gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (category, GTK_ALIGN_END);
  gtk_widget_add_css_class (category, "category-tag");
  gtk_widget_add_css_class (category, "caption");
  gtk_box_append (GTK_BOX (suffix), category);

  gtk_widget_set_halign (status_box, GTK_ALIGN_END);
  gtk_widget_add_css_class (status_label, "caption");
  gtk_widget_add_css_class (status_label, "numeric");
  g_object_bind_property (target, "status-text", status_label, "label", G_BINDING_SYNC_CREATE);
  g_object_bind_property (target, "error", status_box, "tooltip-text", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (target, "notify::status", G_CALLBACK (on_row_status_changed),
                           status_label, 0);
  on_row_status_changed (target, NULL, status_label);

  gtk_widget_set_valign (progress, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (progress, 48, -1);
  gtk_widget_add_css_class (progress, "target-progress");
  gtk_accessible_update_property (GTK_ACCESSIBLE (progress),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, cob_target_row_get_title (target),
                                  -1);
  g_object_bind_property (target, "fraction", progress, "fraction", G_BINDING_SYNC_CREATE);
  bind_visible_for_status (target, progress, COB_TARGET_STATUS_RUNNING);
  gtk_widget_add_css_class (done_icon, "success");
  bind_visible_for_status (target, done_icon, COB_TARGET_STATUS_DONE);
  gtk_widget_add_css_class (failed_icon, "error");
  bind_visible_for_status (target, failed_icon, COB_TARGET_STATUS_FAILED);
  gtk_accessible_update_property (GTK_ACCESSIBLE (done_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, C_("target status", "Done"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (failed_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, C_("target status", "Failed"), -1);

  gtk_box_append (GTK_BOX (status_box), progress);
  gtk_box_append (GTK_BOX (status_box), status_label);
  gtk_box_append (GTK_BOX (status_box), done_icon);
  gtk_box_append (GTK_BOX (status_box), failed_icon);
  gtk_box_append (GTK_BOX (suffix), status_box);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);

  return row;
}
