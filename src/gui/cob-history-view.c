/* cob-history-view.c: the History page and the baseline of the results.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cob-accessibility.h"
#include "cob-history-run-item.h"
#include "cob-history-view.h"
#include "cob-history-work.h"
#include "cob-perf-trace.h"

/* Entries of the baseline drop-down before the runs. */
enum { CHOICE_PREVIOUS, CHOICE_NONE, N_FIXED_CHOICES };

struct _CobHistoryView
{
  GtkWidget parent_instance;

  GtkLabel        *summary_label;
  GtkDropDown     *baseline_dropdown;
  GtkLabel        *skipped_label;
  CobHistoryChart *chart;
  GtkListView     *runs_list;
  GtkStack        *runs_stack;
  GListStore      *run_items;     /* CobHistoryRunItem, newest first */
  GPtrArray       *pending_items; /* for run_items once the list is mapped */
  GCancellable    *load_cancellable;
  GCancellable    *compare_cancellable;
  gboolean         loading;

  GPtrArray          *runs;          /* BenchRunRecord*, oldest first */
  GStrv               skipped;
  GPtrArray          *results;       /* BenchResult* shown, or NULL */
  BenchRunRecord     *current;       /* a history run, or one made of results */
  gboolean            current_in_history;
  char               *baseline;      /* COB_BASELINE_* or a run id */
  BenchRunRecord     *baseline_run;  /* what it resolves to, or NULL */
  BenchRunComparison *comparison;
  GPtrArray          *choice_ids;    /* run ids of the drop-down's run entries */
  gboolean            filling_choices;
  const char *(*title_func) (gpointer data, const char *id);
  gpointer            title_data;
};

G_DEFINE_FINAL_TYPE (CobHistoryView, cob_history_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BASELINE,
  PROP_COMPARISON,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- Current run and comparison --------------------------------------- */

/* The history run the results come from: every shown result has the same
 * target and timestamp in it. */
static BenchRunRecord *
match_run (CobHistoryView *self)
{
  if (self->results == NULL || self->results->len == 0)
    return NULL;
  for (guint r = self->runs->len; r-- > 0;)
    {
      BenchRunRecord *run = g_ptr_array_index (self->runs, r);
      gboolean all = TRUE;

      for (guint i = 0; all && i < self->results->len; i++)
        {
          BenchResult *shown = g_ptr_array_index (self->results, i);
          BenchResult *kept = bench_run_record_lookup (run, bench_result_get_target_id (shown));

          all = kept != NULL && g_date_time_equal (bench_result_get_timestamp (kept),
                                                   bench_result_get_timestamp (shown));
        }
      if (all)
        return run;
    }
  return NULL;
}

static BenchRunRecord *
resolve_baseline (CobHistoryView *self)
{
  g_autoptr(GError) error = NULL;

  if (self->current == NULL || g_strcmp0 (self->baseline, COB_BASELINE_NONE) == 0)
    return NULL;
  if (g_strcmp0 (self->baseline, COB_BASELINE_PREVIOUS) == 0)
    return bench_history_find_previous (self->runs, self->current, &error);
  for (guint i = 0; i < self->runs->len; i++)
    {
      BenchRunRecord *run = g_ptr_array_index (self->runs, i);

      if (g_strcmp0 (bench_run_record_get_id (run), self->baseline) == 0)
        return bench_run_record_ref (run);
    }
  return NULL;
}

static void update_run_list (CobHistoryView *self);

static void
update_loading (CobHistoryView *self)
{
  gboolean loading = self->load_cancellable != NULL || self->compare_cancellable != NULL;

  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
on_compared (gpointer owner,
             gpointer task_data)
{
  CobHistoryView *self = owner;
  CobHistoryCompare *compare = task_data;

  g_clear_pointer (&self->comparison, bench_run_comparison_unref);
  self->comparison = g_steal_pointer (&compare->comparison);
  g_clear_object (&self->compare_cancellable);
  update_loading (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARISON]);
  cob_perf_trace_mark ("history: comparison applied");
}

static void
start_comparison (CobHistoryView *self)
{
  CobHistoryCompare *compare;

  cob_history_work_cancel (&self->compare_cancellable);
  if (self->baseline_run == NULL || self->current == NULL)
    {
      update_loading (self);
      return;
    }

  self->compare_cancellable = g_cancellable_new ();
  compare = cob_history_compare_new (self->baseline_run, self->current);
  update_loading (self);
  cob_history_work_run (self, self->compare_cancellable, cob_history_compare_in_thread,
                        compare, cob_history_compare_free, on_compared);
}

static void
update_comparison (CobHistoryView *self)
{
  g_autoptr(BenchRunRecord) baseline = NULL;

  g_clear_pointer (&self->current, bench_run_record_unref);
  self->current_in_history = FALSE;
  if (self->results != NULL && self->results->len > 0)
    {
      BenchRunRecord *match = match_run (self);

      if (match != NULL)
        {
          self->current = bench_run_record_ref (match);
          self->current_in_history = TRUE;
        }
      else
        {
          /* Results from elsewhere: compared as a run that started when
           * its newest result was taken. */
          GDateTime *newest = NULL;
          g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

          for (guint i = 0; i < self->results->len; i++)
            {
              GDateTime *stamp = bench_result_get_timestamp (g_ptr_array_index (self->results, i));

              if (stamp != NULL && (newest == NULL || g_date_time_compare (stamp, newest) > 0))
                newest = stamp;
            }
          self->current = bench_run_record_new ("shown", newest != NULL ? newest : now, NULL, self->results);
        }
    }

  baseline = resolve_baseline (self);
  g_clear_pointer (&self->baseline_run, bench_run_record_unref);
  if (baseline != NULL && self->current != NULL)
    self->baseline_run = bench_run_record_ref (baseline);
  /* Until the new comparison is computed there is none: the table shows
   * no verdicts rather than verdicts about other results. */
  g_clear_pointer (&self->comparison, bench_run_comparison_unref);
  start_comparison (self);
  update_run_list (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARISON]);
}

/* ---- Run list --------------------------------------------------------- */

/* A list view makes rows only for the runs on screen: a history of
 * hundreds of runs (CI keeps every one) costs no more than a few. */

static GtkWidget *
tag_new (const char *text,
         const char *extra_class)
{
  GtkWidget *tag = gtk_label_new (text);

  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (tag, "category-tag");
  if (extra_class != NULL)
    gtk_widget_add_css_class (tag, extra_class);
  return tag;
}

static void
setup_run_row (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_add_css_class (row, "history-run-row");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (texts), title);
  gtk_box_append (GTK_BOX (texts), subtitle);
  gtk_box_append (GTK_BOX (row), texts);
  gtk_box_append (GTK_BOX (row), tag_new (_("Baseline"), "baseline-tag"));
  gtk_box_append (GTK_BOX (row), tag_new (_("Shown"), NULL));
  gtk_list_item_set_child (item, row);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_run_row (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  CobHistoryRunItem *run = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkWidget *texts = gtk_widget_get_first_child (row);
  GtkWidget *title = gtk_widget_get_first_child (texts);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  GtkWidget *baseline_tag = gtk_widget_get_next_sibling (texts);
  GtkWidget *shown_tag = gtk_widget_get_next_sibling (baseline_tag);
  GBinding *baseline_binding;
  GBinding *shown_binding;

  gtk_label_set_text (GTK_LABEL (title), cob_history_run_item_get_title (run));
  gtk_label_set_text (GTK_LABEL (subtitle), cob_history_run_item_get_subtitle (run));
  {
    g_autofree char *targets = cob_history_view_dup_run_targets (user_data, cob_history_run_item_get_run (run));

    gtk_widget_set_tooltip_text (row, targets);
  }
  baseline_binding = g_object_bind_property (run, "is-baseline", baseline_tag, "visible", G_BINDING_SYNC_CREATE);
  shown_binding = g_object_bind_property (run, "is-shown", shown_tag, "visible", G_BINDING_SYNC_CREATE);
  g_object_set_data (G_OBJECT (item), "cob-baseline-binding", baseline_binding);
  g_object_set_data (G_OBJECT (item), "cob-shown-binding", shown_binding);
}

static void
unbind_run_row (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  g_binding_unbind (g_object_get_data (G_OBJECT (item), "cob-baseline-binding"));
  g_binding_unbind (g_object_get_data (G_OBJECT (item), "cob-shown-binding"));
  g_object_set_data (G_OBJECT (item), "cob-baseline-binding", NULL);
  g_object_set_data (G_OBJECT (item), "cob-shown-binding", NULL);
}

/* The rows' texts are made in the loading thread; only the tags follow
 * the comparison. @items: CobHistoryRunItem, newest first. */
/* A list view that is not on screen (the History page hidden) makes rows
 * for hundreds of items at once, about 100 ms for 300 runs; on screen it
 * makes the few that show. So the items wait until the list is mapped. */
static void
fill_run_items (CobHistoryView *self,
                GPtrArray      *items)
{
  GListModel *model = G_LIST_MODEL (self->run_items);
  GPtrArray *old;
  guint n_old;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self->runs_list)) && items->len > 0)
    {
      if (self->pending_items != NULL)
        cob_history_work_free_later (g_steal_pointer (&self->pending_items));
      self->pending_items = g_ptr_array_ref (items);
      gtk_stack_set_visible_child_name (self->runs_stack, "runs");
      return;
    }
  g_clear_pointer (&self->pending_items, g_ptr_array_unref);
  n_old = g_list_model_get_n_items (model);
  old = g_ptr_array_new_full (n_old, g_object_unref);
  for (guint i = 0; i < n_old; i++)
    g_ptr_array_add (old, g_list_model_get_item (model, i));
  g_list_store_splice (self->run_items, 0, n_old, items->pdata, items->len);
  /* The old runs' samples and JSON are freed off the main loop. */
  cob_history_work_free_later (old);
  gtk_stack_set_visible_child_name (self->runs_stack, items->len > 0 ? "runs" : "empty");
}

static void
on_runs_list_mapped (CobHistoryView *self)
{
  g_autoptr(GPtrArray) pending = g_steal_pointer (&self->pending_items);

  if (pending == NULL)
    return;
  fill_run_items (self, pending);
  update_run_list (self);
}

static void
update_run_list (CobHistoryView *self)
{
  BenchRunRecord *baseline = self->baseline_run;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->run_items));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CobHistoryRunItem) item = g_list_model_get_item (G_LIST_MODEL (self->run_items), i);
      BenchRunRecord *run = cob_history_run_item_get_run (item);

      cob_history_run_item_set_is_baseline (item, baseline != NULL &&
                                            g_strcmp0 (bench_run_record_get_id (run),
                                                       bench_run_record_get_id (baseline)) == 0);
      cob_history_run_item_set_is_shown (item, self->current_in_history && run == self->current);
    }
}

/* ---- Baseline choice -------------------------------------------------- */

/* @texts: the runs' entries, newest first (NULL: no runs). */
static void
fill_choices (CobHistoryView *self,
              GPtrArray      *texts)
{
  g_autoptr(GtkStringList) list = NULL;
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  guint selected = CHOICE_PREVIOUS;

  g_ptr_array_add (all, (gpointer) _("Previous run"));
  g_ptr_array_add (all, (gpointer) _("None"));
  g_ptr_array_set_size (self->choice_ids, 0);
  if (g_strcmp0 (self->baseline, COB_BASELINE_NONE) == 0)
    selected = CHOICE_NONE;
  for (guint r = self->runs->len; texts != NULL && r-- > 0;)
    {
      BenchRunRecord *run = g_ptr_array_index (self->runs, r);

      g_ptr_array_add (all, g_ptr_array_index (texts, self->runs->len - 1 - r));
      g_ptr_array_add (self->choice_ids, g_strdup (bench_run_record_get_id (run)));
      if (g_strcmp0 (self->baseline, bench_run_record_get_id (run)) == 0)
        selected = N_FIXED_CHOICES + self->choice_ids->len - 1;
    }
  g_ptr_array_add (all, NULL);
  list = gtk_string_list_new ((const char * const *) all->pdata);
  self->filling_choices = TRUE;
  gtk_drop_down_set_model (self->baseline_dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->baseline_dropdown, selected);
  self->filling_choices = FALSE;
}

/* Shows the current choice without replacing the model: this also runs
 * from the drop-down's own selection change. */
static void
select_choice (CobHistoryView *self)
{
  guint selected = CHOICE_PREVIOUS;

  if (g_strcmp0 (self->baseline, COB_BASELINE_NONE) == 0)
    selected = CHOICE_NONE;
  for (guint i = 0; i < self->choice_ids->len; i++)
    if (g_strcmp0 (self->baseline, g_ptr_array_index (self->choice_ids, i)) == 0)
      selected = N_FIXED_CHOICES + i;
  if (gtk_drop_down_get_selected (self->baseline_dropdown) == selected)
    return;
  self->filling_choices = TRUE;
  gtk_drop_down_set_selected (self->baseline_dropdown, selected);
  self->filling_choices = FALSE;
}

static void
on_baseline_selected (GtkDropDown    *dropdown,
                      GParamSpec     *pspec,
                      CobHistoryView *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->filling_choices || selected == GTK_INVALID_LIST_POSITION)
    return;
  if (selected == CHOICE_PREVIOUS)
    cob_history_view_set_baseline (self, COB_BASELINE_PREVIOUS);
  else if (selected == CHOICE_NONE)
    cob_history_view_set_baseline (self, COB_BASELINE_NONE);
  else if (selected - N_FIXED_CHOICES < self->choice_ids->len)
    cob_history_view_set_baseline (self, g_ptr_array_index (self->choice_ids, selected - N_FIXED_CHOICES));
}

/* ---- Loading --------------------------------------------------------- */

static void
apply_load (CobHistoryView *self,
            CobHistoryLoad *load)
{
  g_autofree char *summary = NULL;
  g_autofree char *folder = NULL;

  cob_perf_trace_mark ("history: apply");
  g_clear_pointer (&self->runs, g_ptr_array_unref);
  cob_perf_trace_mark ("history: old runs freed");
  self->runs = g_steal_pointer (&load->runs);
  g_ptr_array_add (load->skipped, NULL);
  g_strfreev (self->skipped);
  self->skipped = (GStrv) g_ptr_array_steal (load->skipped, NULL);

  /* A chosen run that is gone falls back to the previous run. */
  if (g_strcmp0 (self->baseline, COB_BASELINE_PREVIOUS) != 0 &&
      g_strcmp0 (self->baseline, COB_BASELINE_NONE) != 0)
    {
      gboolean found = FALSE;

      for (guint i = 0; !found && i < self->runs->len; i++)
        found = g_strcmp0 (bench_run_record_get_id (g_ptr_array_index (self->runs, i)), self->baseline) == 0;
      if (!found)
        {
          g_free (self->baseline);
          self->baseline = g_strdup (COB_BASELINE_PREVIOUS);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASELINE]);
        }
    }

  folder = g_build_filename (load->output_dir, "history", NULL);
  /* Translators: "5 runs in /home/me/CostOps Bench/history". */
  summary = g_strdup_printf (ngettext ("%u run in %s", "%u runs in %s", self->runs->len),
                             self->runs->len, folder);
  gtk_label_set_text (self->summary_label, summary);
  if (self->skipped[0] != NULL)
    {
      g_autofree char *names = g_strjoinv ("\n", self->skipped);
      guint n = g_strv_length (self->skipped);
      g_autofree char *text = g_strdup_printf (ngettext ("Skipped %u unreadable history file:\n%s",
                                                         "Skipped %u unreadable history files:\n%s", n),
                                               n, names);

      gtk_label_set_text (self->skipped_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->skipped_label), self->skipped[0] != NULL);

  cob_history_chart_set_data (self->chart, g_steal_pointer (&load->chart));
  cob_perf_trace_mark ("history: chart set");
  fill_choices (self, load->choices);
  cob_perf_trace_mark ("history: choices");
  fill_run_items (self, load->items);
  cob_perf_trace_mark ("history: items");
  update_comparison (self);
  cob_perf_trace_mark ("history: comparison started");
}

static void
on_loaded (gpointer owner,
           gpointer task_data)
{
  CobHistoryView *self = owner;

  g_clear_object (&self->load_cancellable);
  apply_load (self, task_data);
  update_loading (self);
}

void
cob_history_view_reload (CobHistoryView *self,
                         const char     *output_dir)
{
  g_return_if_fail (COB_IS_HISTORY_VIEW (self));
  g_return_if_fail (output_dir != NULL);

  cob_history_work_cancel (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();
  update_loading (self);
  cob_history_work_run (self, self->load_cancellable, cob_history_load_in_thread,
                        cob_history_load_new (output_dir), cob_history_load_free, on_loaded);
}

/* ---- Public API ------------------------------------------------------- */

gboolean
cob_history_view_get_loading (CobHistoryView *self)
{
  g_return_val_if_fail (COB_IS_HISTORY_VIEW (self), FALSE);
  return self->loading;
}

void
cob_history_view_set_current_results (CobHistoryView *self,
                                      GPtrArray      *results)
{
  g_return_if_fail (COB_IS_HISTORY_VIEW (self));

  g_clear_pointer (&self->results, g_ptr_array_unref);
  if (results != NULL)
    {
      /* A copy: the window's array changes during the next run. */
      self->results = g_ptr_array_new_with_free_func ((GDestroyNotify) bench_result_unref);
      for (guint i = 0; i < results->len; i++)
        g_ptr_array_add (self->results, bench_result_ref (g_ptr_array_index (results, i)));
    }
  update_comparison (self);
}

GPtrArray *
cob_history_view_get_runs (CobHistoryView *self)
{
  g_return_val_if_fail (COB_IS_HISTORY_VIEW (self), NULL);
  return self->runs;
}

GListModel *
cob_history_view_get_run_items (CobHistoryView *self)
{
  g_return_val_if_fail (COB_IS_HISTORY_VIEW (self), NULL);
  return G_LIST_MODEL (self->run_items);
}

const char * const *
cob_history_view_get_skipped_files (CobHistoryView *self)
{
  g_return_val_if_fail (COB_IS_HISTORY_VIEW (self), NULL);
  return (const char * const *) self->skipped;
}

const char *
cob_history_view_get_baseline (CobHistoryView *self)
{
  g_return_val_if_fail (COB_IS_HISTORY_VIEW (self), NULL);
  return self->baseline;
}

void
cob_history_view_set_baseline (CobHistoryView *self,
                               const char     *baseline)
{
  g_return_if_fail (COB_IS_HISTORY_VIEW (self));

  if (baseline == NULL || baseline[0] == '\0')
    baseline = COB_BASELINE_PREVIOUS;
  if (g_strcmp0 (self->baseline, baseline) == 0)
    return;
  g_free (self->baseline);
  self->baseline = g_strdup (baseline);
  select_choice (self);
  update_comparison (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASELINE]);
}

BenchRunComparison *
cob_history_view_get_comparison (CobHistoryView *self)
{
  g_return_val_if_fail (COB_IS_HISTORY_VIEW (self), NULL);
  return self->comparison;
}

BenchRunRecord *
cob_history_view_get_current_run (CobHistoryView *self)
{
  g_return_val_if_fail (COB_IS_HISTORY_VIEW (self), NULL);
  return self->current_in_history ? self->current : NULL;
}

CobHistoryChart *
cob_history_view_get_chart (CobHistoryView *self)
{
  g_return_val_if_fail (COB_IS_HISTORY_VIEW (self), NULL);
  return self->chart;
}

void
cob_history_view_set_title_func (CobHistoryView *self,
                                 const char *(*func) (gpointer data, const char *id),
                                 gpointer        data)
{
  g_return_if_fail (COB_IS_HISTORY_VIEW (self));
  self->title_func = func;
  self->title_data = data;
  cob_history_chart_set_title_func (self->chart, func, data);
}

char *
cob_history_view_dup_run_targets (CobHistoryView *self,
                                  BenchRunRecord *run)
{
  GPtrArray *results;
  GString *names;

  g_return_val_if_fail (COB_IS_HISTORY_VIEW (self), NULL);
  g_return_val_if_fail (run != NULL, NULL);

  results = bench_run_record_get_results (run);
  names = g_string_new (NULL);
  for (guint i = 0; i < results->len; i++)
    {
      const char *id = bench_result_get_target_id (g_ptr_array_index (results, i));
      const char *title = self->title_func != NULL ? self->title_func (self->title_data, id) : id;

      g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", title != NULL ? title : id);
    }
  return g_string_free (names, FALSE);
}

/* ---- GObject ---------------------------------------------------------- */

static void
cob_history_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CobHistoryView *self = COB_HISTORY_VIEW (object);

  switch (prop_id)
    {
    case PROP_BASELINE:
      g_value_set_string (value, self->baseline);
      break;
    case PROP_COMPARISON:
      g_value_set_boxed (value, self->comparison);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cob_history_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_BASELINE:
      cob_history_view_set_baseline (COB_HISTORY_VIEW (object), g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cob_history_view_dispose (GObject *object)
{
  CobHistoryView *self = COB_HISTORY_VIEW (object);
  GtkWidget *child;

  cob_history_work_cancel (&self->load_cancellable);
  cob_history_work_cancel (&self->compare_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (object), COB_TYPE_HISTORY_VIEW);
  /* The template's outer box has no id, so it is unparented here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (cob_history_view_parent_class)->dispose (object);
}

static void
cob_history_view_finalize (GObject *object)
{
  CobHistoryView *self = COB_HISTORY_VIEW (object);

  g_clear_pointer (&self->runs, g_ptr_array_unref);
  g_clear_pointer (&self->skipped, g_strfreev);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_pointer (&self->current, bench_run_record_unref);
  g_clear_pointer (&self->comparison, bench_run_comparison_unref);
  g_clear_pointer (&self->baseline_run, bench_run_record_unref);
  g_clear_pointer (&self->choice_ids, g_ptr_array_unref);
  g_clear_object (&self->run_items);
  g_clear_pointer (&self->pending_items, g_ptr_array_unref);
  g_free (self->baseline);
  G_OBJECT_CLASS (cob_history_view_parent_class)->finalize (object);
}

static void
cob_history_view_class_init (CobHistoryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cob_history_view_get_property;
  object_class->set_property = cob_history_view_set_property;
  object_class->dispose = cob_history_view_dispose;
  object_class->finalize = cob_history_view_finalize;

  properties[PROP_BASELINE] =
    g_param_spec_string ("baseline", NULL, NULL, COB_BASELINE_PREVIOUS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPARISON] =
    g_param_spec_boxed ("comparison", NULL, NULL, BENCH_TYPE_RUN_COMPARISON,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (COB_TYPE_HISTORY_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/costops/Bench/cob-history-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CobHistoryView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CobHistoryView, baseline_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CobHistoryView, skipped_label);
  gtk_widget_class_bind_template_child (widget_class, CobHistoryView, chart);
  gtk_widget_class_bind_template_child (widget_class, CobHistoryView, runs_list);
  gtk_widget_class_bind_template_child (widget_class, CobHistoryView, runs_stack);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cob_history_view_init (CobHistoryView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->runs = g_ptr_array_new_with_free_func ((GDestroyNotify) bench_run_record_unref);
  self->skipped = g_new0 (char *, 1);
  self->baseline = g_strdup (COB_BASELINE_PREVIOUS);
  self->choice_ids = g_ptr_array_new_with_free_func (g_free);
  self->run_items = g_list_store_new (COB_TYPE_HISTORY_RUN_ITEM);
  {
    GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
    GtkNoSelection *selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->run_items)));

    g_signal_connect (factory, "setup", G_CALLBACK (setup_run_row), NULL);
    g_signal_connect (factory, "bind", G_CALLBACK (bind_run_row), self);
    g_signal_connect (factory, "unbind", G_CALLBACK (unbind_run_row), NULL);
    gtk_list_view_set_factory (self->runs_list, factory);
    gtk_list_view_set_model (self->runs_list, GTK_SELECTION_MODEL (selection));
    g_signal_connect_swapped (self->runs_list, "map", G_CALLBACK (on_runs_list_mapped), self);
    g_object_unref (factory);
    g_object_unref (selection);
  }
  fill_choices (self, NULL);
  g_signal_connect (self->baseline_dropdown, "notify::selected", G_CALLBACK (on_baseline_selected), self);
  cob_accessibility_name_dropdown_button (self->baseline_dropdown, _("Baseline"));
}

GtkWidget *
cob_history_view_new (void)
{
  return g_object_new (COB_TYPE_HISTORY_VIEW, NULL);
}
