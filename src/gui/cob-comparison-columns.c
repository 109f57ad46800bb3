/* cob-comparison-columns.c: Baseline, Change and Verdict in the results
 * table. The cells follow the history view's comparison: when the baseline
 * changes they update in place, without the rows being rebuilt.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cob-comparison-columns.h"
#include "cob-format.h"
#include "cob-result-row.h"

typedef enum {
  COLUMN_BASELINE,
  COLUMN_CHANGE,
  COLUMN_VERDICT,
} ComparisonColumn;

typedef struct {
  const char      *title;   /* N_() */
  ComparisonColumn kind;
} ColumnSpec;

static const ColumnSpec columns[] = {
  { N_("Change"), COLUMN_CHANGE },
  { N_("Verdict"), COLUMN_VERDICT },
  { N_("Baseline"), COLUMN_BASELINE },
};

static const char * const verdict_classes[] = {
  "verdict-same", "verdict-improved", "verdict-regressed", "verdict-unreliable",
};

const char *
cob_verdict_label (BenchVerdict verdict)
{
  switch (verdict)
    {
    case BENCH_VERDICT_IMPROVED:
      return _("Improved");
    case BENCH_VERDICT_REGRESSED:
      return _("Regressed");
    case BENCH_VERDICT_UNRELIABLE:
      /* Translators: a verdict that cannot be trusted (a disturbed run,
       * another machine); the tooltip says why. */
      return _("Unreliable");
    case BENCH_VERDICT_NO_CHANGE:
    default:
      return _("No change");
    }
}

const char *
cob_verdict_css_class (BenchVerdict verdict)
{
  return verdict_classes[CLAMP ((int) verdict, 0, (int) G_N_ELEMENTS (verdict_classes) - 1)];
}

static char *
status_text (const BenchTargetComparison *target)
{
  switch (target->status)
    {
    case BENCH_TARGET_NOT_IN_BASELINE:
      return g_strdup (_("Not in baseline"));
    case BENCH_TARGET_FAILED:
      return g_strdup (_("Failed"));
    case BENCH_TARGET_NOT_COMPARABLE:
    case BENCH_TARGET_COMPARED:
    default:
      return g_strdup (_("Not comparable"));
    }
}

static void
update_cell (GtkLabel       *label,
             CobHistoryView *history)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (label), "cob-list-item");
  const ColumnSpec *spec = g_object_get_data (G_OBJECT (label), "cob-column");
  CobResultRow *row = item != NULL ? gtk_list_item_get_item (item) : NULL;
  BenchRunComparison *comparison = cob_history_view_get_comparison (history);
  const BenchTargetComparison *target = NULL;
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (verdict_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (label), verdict_classes[i]);
  if (row != NULL && comparison != NULL)
    target = bench_run_comparison_lookup (comparison, cob_result_row_get_target_id (row));

  if (target != NULL && target->status == BENCH_TARGET_COMPARED)
    {
      const BenchComparison *stats = &target->stats;

      switch (spec->kind)
        {
        case COLUMN_BASELINE:
          text = cob_format_duration_ns (stats->baseline_median_ns);
          /* Translators: tooltip of the Baseline column. */
          tooltip = g_strdup_printf (_("Median of run %s: %.3f ns per operation"),
                                     bench_run_record_get_id (bench_run_comparison_get_baseline (comparison)),
                                     stats->baseline_median_ns);
          break;
        case COLUMN_CHANGE:
          {
            g_autofree char *low = bench_format_change (stats->ci_low);
            g_autofree char *high = bench_format_change (stats->ci_high);

            text = bench_format_change (stats->change);
            /* Translators: tooltip of the Change column: the change of the
             * median time per operation, its 95% interval and p-value. */
            tooltip = g_strdup_printf (_("Median time per operation %s (95%% interval %s to %s, p = %.4f); "
                                         "positive is slower"),
                                       text, low, high, stats->p_value);
          }
          break;
        case COLUMN_VERDICT:
        default:
          text = g_strdup (cob_verdict_label (stats->verdict));
          gtk_widget_add_css_class (GTK_WIDGET (label), cob_verdict_css_class (stats->verdict));
          if (target->reason != NULL)
            tooltip = g_strdup (target->reason);
          else
            /* Translators: tooltip of the Verdict column. */
            tooltip = g_strdup_printf (_("A change counts when p < 0.05 and the whole interval lies beyond ±%.0f%%"),
                                       100 * bench_run_comparison_get_noise_threshold (comparison));
          break;
        }
    }
  else if (target != NULL && spec->kind == COLUMN_VERDICT)
    {
      text = status_text (target);
      tooltip = g_strdup (target->reason);
    }

  gtk_label_set_text (label, text != NULL ? text : "—");
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), tooltip);
}

static void
on_comparison_changed (CobHistoryView *history,
                       GParamSpec     *pspec,
                       GtkLabel       *label)
{
  update_cell (label, history);
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  const ColumnSpec *spec = user_data;
  CobHistoryView *history = g_object_get_data (G_OBJECT (factory), "cob-history");
  GtkWidget *label = gtk_label_new (NULL);

  if (spec->kind == COLUMN_VERDICT)
    gtk_label_set_xalign (GTK_LABEL (label), 0);
  else
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
    }
  /* The list item owns the label, so it outlives the label's use of it. */
  g_object_set_data (G_OBJECT (label), "cob-list-item", item);
  g_object_set_data (G_OBJECT (label), "cob-column", (gpointer) spec);
  g_signal_connect_object (history, "notify::comparison", G_CALLBACK (on_comparison_changed), label, 0);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  CobHistoryView *history = g_object_get_data (G_OBJECT (factory), "cob-history");

  update_cell (GTK_LABEL (gtk_list_item_get_child (item)), history);
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));

  gtk_label_set_text (label, "");
  for (guint i = 0; i < G_N_ELEMENTS (verdict_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (label), verdict_classes[i]);
}

void
cob_comparison_columns_setup (GtkColumnView  *view,
                              CobHistoryView *history)
{
  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));
  g_return_if_fail (COB_IS_HISTORY_VIEW (history));

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      const ColumnSpec *spec = &columns[i];
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      /* Not a reference: the history view is a child of the same window
       * and lives as long as the table. */
      g_object_set_data (G_OBJECT (factory), "cob-history", history);
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), (gpointer) spec);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), (gpointer) spec);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), (gpointer) spec);
      column = gtk_column_view_column_new (_(spec->title), factory);
      g_object_set_data (G_OBJECT (column), "cob-comparison-column", GINT_TO_POINTER (TRUE));
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (view, column);
      g_object_unref (column);
    }
}

gboolean
cob_comparison_columns_is_comparison (GtkColumnViewColumn *column)
{
  g_return_val_if_fail (GTK_IS_COLUMN_VIEW_COLUMN (column), FALSE);

  return g_object_get_data (G_OBJECT (column), "cob-comparison-column") != NULL;
}
