/* cob-file-chooser.h: folder and save dialogs over the two GTK APIs:
 * GtkFileChooserNative below GTK 4.10, GtkFileDialog from 4.10 (both go
 * through the file-chooser portal inside Flatpak). Also opens files and
 * folders with the default application.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* @file is NULL when the user cancelled. */
typedef void (*CobFileChosenFunc) (GFile    *file,
                                   gpointer  user_data);

void cob_file_chooser_select_folder (GtkWindow         *parent,
                                     const char        *title,
                                     const char        *accept_label,
                                     GFile             *initial_folder,
                                     CobFileChosenFunc  callback,
                                     gpointer           user_data);

/* @filters: GtkFileFilter list (may be NULL); the first is selected. */
void cob_file_chooser_save          (GtkWindow         *parent,
                                     const char        *title,
                                     const char        *initial_name,
                                     GFile             *initial_folder,
                                     GListModel        *filters,
                                     CobFileChosenFunc  callback,
                                     gpointer           user_data);

/* Opens @file (a document or a folder) with the user's default handler. */
void cob_file_chooser_launch        (GtkWindow         *parent,
                                     GFile             *file);

G_END_DECLS
