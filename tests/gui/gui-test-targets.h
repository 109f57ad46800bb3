/* gui-test-targets.h: benchmark targets for the GUI tests, so that the
 * window runs through the real runner with work of a known kind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "bench-target.h"
#include "cob-target-row.h"
#include "cob-window.h"

G_BEGIN_DECLS

/* fast_a, fast_b: pure arithmetic; slow: waits until the test opens the
 * gate (gui_test_set_gate), so a test can act while it runs, stops when
 * the run is cancelled; broken: fails in setup. NULL-terminated. */
const BenchTarget * const *gui_test_targets (void);

/* Opens or closes the gate the slow target waits at (closed at first). */
void  gui_test_set_gate        (gboolean open);

/* How many times fast_a and fast_b finished (their teardown ran). */
guint gui_test_count_teardowns (void);

/* With a display: gtk_test_init() and adw_init(), drawn the way the app is
 * drawn on this machine (cob-renderer-policy.h), with the app's style.css
 * on top when @app_style (what AdwApplication does for the app). Without
 * one: g_test_init() alone, and the tests skip with the reason. */
void     gui_test_init (int       *argc,
                        char    ***argv,
                        gboolean   app_style);
/* Deletes @path and everything below it; FALSE when something stayed. */
gboolean gui_test_remove_tree (const char *path);

/* Skips the test (with the reason printed) when there is no display. */
gboolean gui_test_have_display (void);
/* Iterates the main loop until *flag is TRUE or @timeout_ms passed. */
gboolean gui_test_wait_for (const gboolean *flag,
                            guint           timeout_ms);
/* Iterates until @object's boolean @property equals @value. */
gboolean gui_test_wait_property (gpointer    object,
                                 const char *property,
                                 gboolean    value,
                                 guint       timeout_ms);
/* A window over @targets, writing into @dir, shown, with the settings of
 * gui_test_reset_settings (@selection); the caller owns a reference. */
CobWindow    *gui_test_window_open (const BenchTarget * const *targets,
                                    const char * const        *selection,
                                    const char                *dir);
/* Destroys the window of gui_test_window_open() and drops the reference. */
void          gui_test_window_close (CobWindow **window);
/* The target row of @id (the window's model keeps it alive). */
CobTargetRow *gui_test_target_row (CobWindow  *window,
                                   const char *id);

/* Sets the memory-backend settings a test starts from: quick runs and the
 * given selection. */
void     gui_test_reset_settings (const char * const *selected);

G_END_DECLS
