/* cob-accessibility.h: accessible names for controls that libadwaita 1.2
 * and GTK 4.8 build inside their own widgets without one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* "_Open" → "Open", "Save __As" → "Save _As". */
char *cob_accessibility_strip_mnemonic      (const char      *label);
/* Names the buttons of every toast @overlay shows, now and later. */
void  cob_accessibility_watch_toasts        (AdwToastOverlay *overlay);
/* Names the button that opens @dropdown's list. */
void  cob_accessibility_name_dropdown_button (GtkDropDown    *dropdown,
                                              const char     *name);

G_END_DECLS
