/* cob-accessibility.c: accessible names for controls that libadwaita 1.2
 * and GTK 4.8 build inside their own widgets without one.
 *
 * Read over AT-SPI (tests/gui/test-e2e.py), a toast's action button was
 * "_Open Open" (GTK 4.8 joins the raw mnemonic label and its inner label),
 * its close button had no name, and a drop-down's button was called by
 * its type name. Setting the label property once gives each one name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cob-accessibility.h"

char *
cob_accessibility_strip_mnemonic (const char *label)
{
  GString *stripped;

  g_return_val_if_fail (label != NULL, NULL);

  stripped = g_string_sized_new (strlen (label));
  for (const char *p = label; *p != '\0'; p++)
    {
      /* "__" is a literal underscore; a single one marks the mnemonic. */
      if (*p == '_')
        {
          if (p[1] != '_')
            continue;
          p++;
        }
      g_string_append_c (stripped, *p);
    }
  return g_string_free (stripped, FALSE);
}

static void
name_toast_buttons (GtkWidget *toast_widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (toast_widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *label;
      const char *icon;

      if (!GTK_IS_BUTTON (child))
        continue;
      label = gtk_button_get_label (GTK_BUTTON (child));
      icon = gtk_button_get_icon_name (GTK_BUTTON (child));
      if (label != NULL && label[0] != '\0')
        {
          g_autofree char *name = cob_accessibility_strip_mnemonic (label);

          /* The button is labelled by its inner label and has the raw
           * label as its own: GTK 4.8 reads both. Keep one, unmarked. */
          gtk_accessible_reset_relation (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
          gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
        }
      else if (icon != NULL && g_str_equal (icon, "window-close-symbolic"))
        {
          /* Translators: the close button of a notification in the window. */
          gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, _("Dismiss"), -1);
        }
    }
}

static gboolean
is_toast_widget (GtkWidget *widget)
{
  /* libadwaita's private type: known by name only. */
  return g_str_equal (G_OBJECT_TYPE_NAME (widget), "AdwToastWidget");
}

static void
on_overlay_children_changed (GListModel *children,
                             guint       position,
                             guint       removed,
                             guint       added,
                             gpointer    user_data)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GtkWidget) child = g_list_model_get_item (children, i);

      if (is_toast_widget (child))
        name_toast_buttons (child);
    }
}

void
cob_accessibility_watch_toasts (AdwToastOverlay *overlay)
{
  GListModel *children;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));

  /* A toast's widget is made when it is shown, which for a queued toast is
   * after the one before it goes: watch the overlay's few children. */
  children = gtk_widget_observe_children (GTK_WIDGET (overlay));
  g_signal_connect (children, "items-changed", G_CALLBACK (on_overlay_children_changed), NULL);
  /* The model lives as long as the overlay. */
  g_object_set_data_full (G_OBJECT (overlay), "cob-toast-children", children, g_object_unref);
}

void
cob_accessibility_name_dropdown_button (GtkDropDown *dropdown,
                                        const char  *name)
{
  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));
  g_return_if_fail (name != NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (dropdown));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_TOGGLE_BUTTON (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }
}
