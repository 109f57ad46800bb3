/* cob-history-view.c: the History page and the baseline of the results.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cob-accessibility.h"
#include "cob-history-view.h"

/* Entries of the baseline drop-down before the runs. */
enum { CHOICE_PREVIOUS, CHOICE_NONE, N_FIXED_CHOICES };

struct _CobHistoryView
{
  GtkWidget parent_instance;

  GtkLabel        *summary_label;
  GtkDropDown     *baseline_dropdown;
  GtkLabel        *skipped_label;
  CobHistoryChart *chart;
  GtkListBox      *runs_list;

  GPtrArray          *runs;          /* BenchRunRecord*, oldest first */
  GStrv               skipped;
  GPtrArray          *results;       /* BenchResult* shown, or NULL */
  BenchRunRecord     *current;       /* a history run, or one made of results */
  gboolean            current_in_history;
  char               *baseline;      /* COB_BASELINE_* or a run id */
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
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
format_started (BenchRunRecord *run)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (bench_run_record_get_started (run));

  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

static const char *
run_hostname (BenchRunRecord *run)
{
  JsonObject *environment = bench_run_record_get_environment (run);

  if (environment == NULL || !json_object_has_member (environment, "hostname"))
    return NULL;
  return json_object_get_string_member_with_default (environment, "hostname", NULL);
}

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
  g_clear_pointer (&self->comparison, bench_run_comparison_unref);
  if (baseline != NULL && self->current != NULL)
    self->comparison = bench_run_comparison_new (baseline, self->current, BENCH_COMPARE_DEFAULT_NOISE);
  update_run_list (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARISON]);
}

/* ---- Run list --------------------------------------------------------- */

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
update_run_list (CobHistoryView *self)
{
  GtkWidget *child;
  BenchRunRecord *baseline = self->comparison != NULL ? bench_run_comparison_get_baseline (self->comparison) : NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->runs_list))) != NULL)
    gtk_list_box_remove (self->runs_list, child);

  /* Newest first: the run people look for is usually the last one. */
  for (guint r = self->runs->len; r-- > 0;)
    {
      BenchRunRecord *run = g_ptr_array_index (self->runs, r);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *started = format_started (run);
      g_autofree char *targets = NULL;
      g_autofree char *subtitle = NULL;
      g_autoptr(GString) names = g_string_new (NULL);
      GPtrArray *results = bench_run_record_get_results (run);
      const char *host = run_hostname (run);

      for (guint i = 0; i < results->len; i++)
        {
          const char *id = bench_result_get_target_id (g_ptr_array_index (results, i));
          const char *title = self->title_func != NULL ? self->title_func (self->title_data, id) : id;

          g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", title != NULL ? title : id);
        }
      targets = g_strdup_printf (ngettext ("%u target", "%u targets", results->len), results->len);
      /* Translators: a history run's details: "Run 1a2b3c4d · 3 targets · myhost". */
      subtitle = g_strdup_printf (_("Run %s · %s · %s"), bench_run_record_get_id (run), targets,
                                  host != NULL ? host : _("unknown machine"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), started);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_tooltip_text (row, names->str);
      if (baseline != NULL && g_strcmp0 (bench_run_record_get_id (run), bench_run_record_get_id (baseline)) == 0)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag_new (_("Baseline"), "baseline-tag"));
      if (self->current_in_history && run == self->current)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag_new (_("Shown"), NULL));
      gtk_list_box_append (self->runs_list, row);
    }
}

/* ---- Baseline choice -------------------------------------------------- */

static void
fill_choices (CobHistoryView *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  guint selected = CHOICE_PREVIOUS;

  gtk_string_list_append (list, _("Previous run"));
  gtk_string_list_append (list, _("None"));
  g_ptr_array_set_size (self->choice_ids, 0);
  if (g_strcmp0 (self->baseline, COB_BASELINE_NONE) == 0)
    selected = CHOICE_NONE;
  for (guint r = self->runs->len; r-- > 0;)
    {
      BenchRunRecord *run = g_ptr_array_index (self->runs, r);
      g_autofree char *started = format_started (run);
      /* Translators: a run in the baseline list: "Run 1a2b3c4d, 2024-05-01 14:02:11". */
      g_autofree char *text = g_strdup_printf (_("Run %s, %s"), bench_run_record_get_id (run), started);

      gtk_string_list_append (list, text);
      g_ptr_array_add (self->choice_ids, g_strdup (bench_run_record_get_id (run)));
      if (g_strcmp0 (self->baseline, bench_run_record_get_id (run)) == 0)
        selected = N_FIXED_CHOICES + self->choice_ids->len - 1;
    }
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

/* ---- Public API ------------------------------------------------------- */

void
cob_history_view_reload (CobHistoryView *self,
                         const char     *output_dir)
{
  g_autoptr(GPtrArray) skipped = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *folder = NULL;

  g_return_if_fail (COB_IS_HISTORY_VIEW (self));
  g_return_if_fail (output_dir != NULL);

  runs = bench_history_list (output_dir, skipped, &error);
  if (runs == NULL)
    {
      g_ptr_array_add (skipped, g_strdup (error->message));
      runs = g_ptr_array_new_with_free_func ((GDestroyNotify) bench_run_record_unref);
    }
  g_clear_pointer (&self->runs, g_ptr_array_unref);
  self->runs = g_steal_pointer (&runs);
  g_ptr_array_add (skipped, NULL);
  g_strfreev (self->skipped);
  self->skipped = (GStrv) g_ptr_array_steal (skipped, NULL);

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

  folder = g_build_filename (output_dir, "history", NULL);
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

  cob_history_chart_set_runs (self->chart, self->runs);
  fill_choices (self);
  update_comparison (self);
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
  update_run_list (self);
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
  GtkWidget *child;

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
  g_clear_pointer (&self->choice_ids, g_ptr_array_unref);
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
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (COB_TYPE_HISTORY_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/costops/Bench/cob-history-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CobHistoryView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CobHistoryView, baseline_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CobHistoryView, skipped_label);
  gtk_widget_class_bind_template_child (widget_class, CobHistoryView, chart);
  gtk_widget_class_bind_template_child (widget_class, CobHistoryView, runs_list);
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
  fill_choices (self);
  g_signal_connect (self->baseline_dropdown, "notify::selected", G_CALLBACK (on_baseline_selected), self);
  cob_accessibility_name_dropdown_button (self->baseline_dropdown, _("Baseline"));
}

GtkWidget *
cob_history_view_new (void)
{
  return g_object_new (COB_TYPE_HISTORY_VIEW, NULL);
}
