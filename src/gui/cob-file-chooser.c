/* cob-file-chooser.c: one API for GtkFileChooserNative and GtkFileDialog.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cob-file-chooser.h"

typedef struct {
  CobFileChosenFunc callback;
  gpointer user_data;
} ChooserData;

static ChooserData *
chooser_data_new (CobFileChosenFunc callback,
                  gpointer          user_data)
{
  ChooserData *data = g_new0 (ChooserData, 1);

  data->callback = callback;
  data->user_data = user_data;
  return data;
}

#if GTK_CHECK_VERSION (4, 10, 0)

static void
on_folder_selected (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autofree ChooserData *data = user_data;
  g_autoptr(GFile) file = gtk_file_dialog_select_folder_finish (GTK_FILE_DIALOG (source), result, NULL);

  data->callback (file, data->user_data);
}

static void
on_save_chosen (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autofree ChooserData *data = user_data;
  g_autoptr(GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), result, NULL);

  data->callback (file, data->user_data);
}

void
cob_file_chooser_select_folder (GtkWindow         *parent,
                                const char        *title,
                                const char        *accept_label,
                                GFile             *initial_folder,
                                CobFileChosenFunc  callback,
                                gpointer           user_data)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_accept_label (dialog, accept_label);
  gtk_file_dialog_set_modal (dialog, TRUE);
  if (initial_folder != NULL)
    gtk_file_dialog_set_initial_folder (dialog, initial_folder);
  gtk_file_dialog_select_folder (dialog, parent, NULL, on_folder_selected,
                                 chooser_data_new (callback, user_data));
}

void
cob_file_chooser_save (GtkWindow         *parent,
                       const char        *title,
                       const char        *initial_name,
                       GFile             *initial_folder,
                       GListModel        *filters,
                       CobFileChosenFunc  callback,
                       gpointer           user_data)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_modal (dialog, TRUE);
  gtk_file_dialog_set_initial_name (dialog, initial_name);
  if (initial_folder != NULL)
    gtk_file_dialog_set_initial_folder (dialog, initial_folder);
  if (filters != NULL && g_list_model_get_n_items (filters) > 0)
    {
      g_autoptr(GtkFileFilter) first = g_list_model_get_item (filters, 0);

      gtk_file_dialog_set_filters (dialog, filters);
      gtk_file_dialog_set_default_filter (dialog, first);
    }
  gtk_file_dialog_save (dialog, parent, NULL, on_save_chosen,
                        chooser_data_new (callback, user_data));
}

static void
on_launched (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gtk_file_launcher_launch_finish (GTK_FILE_LAUNCHER (source), result, &error) &&
      !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    g_warning ("Could not open a file: %s", error->message);
}

void
cob_file_chooser_launch (GtkWindow *parent,
                         GFile     *file)
{
  g_autoptr(GtkFileLauncher) launcher = NULL;

  g_return_if_fail (G_IS_FILE (file));

  launcher = gtk_file_launcher_new (file);
  gtk_file_launcher_launch (launcher, parent, NULL, on_launched, NULL);
}

#else /* GTK < 4.10 */

static void
on_native_response (GtkNativeDialog *native,
                    int              response,
                    gpointer         user_data)
{
  g_autofree ChooserData *data = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  gtk_native_dialog_destroy (native);
  data->callback (file, data->user_data);
  g_object_unref (native);
}

void
cob_file_chooser_select_folder (GtkWindow         *parent,
                                const char        *title,
                                const char        *accept_label,
                                GFile             *initial_folder,
                                CobFileChosenFunc  callback,
                                gpointer           user_data)
{
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                        accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  if (initial_folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), initial_folder, NULL);
  g_signal_connect (native, "response", G_CALLBACK (on_native_response),
                    chooser_data_new (callback, user_data));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

void
cob_file_chooser_save (GtkWindow         *parent,
                       const char        *title,
                       const char        *initial_name,
                       GFile             *initial_folder,
                       GListModel        *filters,
                       CobFileChosenFunc  callback,
                       gpointer           user_data)
{
  GtkFileChooserNative *native;
  guint n_filters = filters != NULL ? g_list_model_get_n_items (filters) : 0;

  native = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  if (initial_folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), initial_folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), initial_name);
  for (guint i = 0; i < n_filters; i++)
    {
      g_autoptr(GtkFileFilter) filter = g_list_model_get_item (filters, i);

      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
      if (i == 0)
        gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (native), filter);
    }
  g_signal_connect (native, "response", G_CALLBACK (on_native_response),
                    chooser_data_new (callback, user_data));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
on_launched (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    g_warning ("Could not open a file: %s", error->message);
}

void
cob_file_chooser_launch (GtkWindow *parent,
                         GFile     *file)
{
  g_autofree char *uri = NULL;
  g_autoptr(GAppLaunchContext) context = NULL;

  g_return_if_fail (G_IS_FILE (file));

  uri = g_file_get_uri (file);
  if (parent != NULL)
    context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (
                gtk_widget_get_display (GTK_WIDGET (parent))));
  /* Goes through the OpenURI portal inside a sandbox. */
  g_app_info_launch_default_for_uri_async (uri, context, NULL, on_launched, NULL);
}

#endif
