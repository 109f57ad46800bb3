/* cob-window-private.h: what cob-window.c and cob-window-actions.c share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cob-window.h"
#include "cob-history-view.h"
#include "cob-run-task.h"

G_BEGIN_DECLS

struct _CobWindow
{
  AdwApplicationWindow parent_instance;

  /* Template children. */
  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *window_title;
  GtkButton       *run_button;
  GtkLabel        *run_button_label;
  GtkWidget       *sidebar_button;
  GtkProgressBar  *run_progress;
  AdwFlap         *flap;
  GtkListBox      *targets_list;
  AdwActionRow    *output_row;
  GtkImage        *output_warning;
  GtkSwitch       *quick_switch;
  AdwActionRow    *instructions_row;
  GtkSwitch       *instructions_switch;
  GtkStack        *results_stack;
  AdwStatusPage   *empty_page;
  GtkWidget       *empty_load_button;
  GtkLabel        *results_source;
  CobChart        *chart;
  GtkColumnView   *results_view;
  AdwViewStack    *view_stack;
  CobHistoryView  *history_view;
  GtkWidget       *warnings_slot;
  GtkWidget       *warnings_banner;  /* AdwBanner, or a GtkRevealer before 1.3 */
  GtkLabel        *warnings_label;   /* the revealer's text; NULL with AdwBanner */

  const BenchTarget * const *targets;
  char *last_toast;   /* the text of the newest toast, for tests */
  GSettings   *settings;
  GListStore  *target_rows;     /* CobTargetRow */
  GListStore  *result_rows;     /* CobResultRow, run order */
  GtkSortListModel *sorted_results;
  GPtrArray   *results;         /* BenchResult*, what exports write */
  char        *output_override;
  CobChartScale chart_scale;   /* the "chart-scale" property */
  gboolean     syncing_selection;

  /* The run in progress. */
  CobRunTask   *run;
  GPtrArray    *run_rows;       /* CobTargetRow in run order */
  GCancellable *cancellable;
  gint64        run_started_us;
  gint64        run_elapsed_us;
  guint         elapsed_timer;
  gboolean      close_when_done;
  gboolean      disposed;       /* widgets are gone; a late run callback only cleans up */

  /* COB_MEASURE_STALLS */
  guint         stall_timer;
  gint64        stall_last_us;
  gint64        max_stall_us;
  gint64        stall_until_us;   /* the probe stops here: 1 s after the run */
  guint         stall_updates;

  guint         folded_idle;

  gboolean      loading;
  GStrv         skipped_files;
};

/* cob-window.c */
void     cob_window_set_running         (CobWindow *self,
                                         gboolean   running);
void     cob_window_update_title        (CobWindow *self);
void     cob_window_show_results        (CobWindow  *self,
                                         GPtrArray  *results,
                                         const char *source);
void     cob_window_append_result       (CobWindow   *self,
                                         BenchResult *result);
/* The text of the newest toast shown (NULL before the first). */
const char *cob_window_get_last_toast (CobWindow *self);
/* A toast whose title is plain text on every libadwaita version. */
AdwToast *cob_window_new_toast          (const char *text);
void     cob_window_toast               (CobWindow  *self,
                                         const char *title,
                                         GFile      *open_file);
void     cob_window_update_output_row   (CobWindow *self);
void     cob_window_update_actions      (CobWindow *self);
const char *cob_window_title_for_id     (CobWindow  *self,
                                         const char *target_id);

/* cob-window-rows.c: gtk_list_box_bind_model() create function. */
GtkWidget *cob_window_create_target_row (gpointer item,
                                         gpointer user_data);

/* cob-window-files.c */
void     cob_window_install_file_actions (CobWindowClass *klass);
/* The output folder, and its nearest existing ancestor (for dialogs). */
GFile   *cob_window_output_folder_file  (CobWindow *self);
GFile   *cob_window_existing_parent     (GFile     *file);

/* cob-window-actions.c */
void     cob_window_install_actions     (CobWindowClass *klass);
void     cob_window_start_run           (CobWindow *self);
void     cob_window_cancel_run          (CobWindow *self);
/* "Count Instructions (Valgrind)": bound to its key when valgrind is in
 * PATH; otherwise off and insensitive, saying why. */
void     cob_window_setup_instructions_row (CobWindow *self);

/* cob-window-history.c */
void     cob_window_history_init        (CobWindow  *self);
/* The shown results changed: their comparison and warnings follow. */
void     cob_window_history_show_results (CobWindow *self);
/* Reads @output_dir/history/ again (after a run, a load, a new folder). */
void     cob_window_history_reload      (CobWindow  *self,
                                         const char *output_dir);

/* cob-results-columns.c */
void     cob_results_columns_setup      (GtkColumnView *view);

G_END_DECLS
