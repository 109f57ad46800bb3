/* cob-results-columns.c: the results table's columns: what each shows,
 * how it is formatted for people, the exact value in its tooltip, and the
 * sorter that reads the row's property.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cob-format.h"
#include "cob-result-row.h"
#include "cob-window-private.h"

typedef enum {
  KIND_TITLE,
  KIND_OPS,
  KIND_DURATION,
  KIND_SPREAD,
  KIND_NOTES,
} ColumnKind;

typedef struct {
  const char *title;     /* N_() */
  const char *property;  /* of CobResultRow */
  ColumnKind kind;
} ColumnSpec;

static const ColumnSpec columns[] = {
  { N_("Target"), "title", KIND_TITLE },
  { N_("Ops/sec"), "ops-per-second", KIND_OPS },
  { N_("Average"), "avg-ns", KIND_DURATION },
  { N_("Median"), "median-ns", KIND_DURATION },
  { N_("p95"), "p95-ns", KIND_DURATION },
  { N_("p99"), "p99-ns", KIND_DURATION },
  { N_("Spread"), "spread", KIND_SPREAD },
  { N_("Notes"), "notes", KIND_NOTES },
};

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            const ColumnSpec         *spec)
{
  GtkWidget *label = gtk_label_new (NULL);

  switch (spec->kind)
    {
    case KIND_TITLE:
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      break;
    case KIND_NOTES:
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "dim-label");
      break;
    case KIND_OPS:
    case KIND_DURATION:
    case KIND_SPREAD:
    default:
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
      break;
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           const ColumnSpec         *spec)
{
  CobResultRow *row = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  gboolean success = cob_result_row_get_success (row);
  double value = 0;

  if (spec->kind != KIND_TITLE && spec->kind != KIND_NOTES)
    g_object_get (row, spec->property, &value, NULL);

  switch (spec->kind)
    {
    case KIND_TITLE:
      text = g_strdup (cob_result_row_get_title (row));
      tooltip = g_strdup (cob_result_row_get_target_id (row));
      break;
    case KIND_NOTES:
      text = g_strdup (cob_result_row_get_notes (row));
      tooltip = g_strdup (cob_result_row_get_notes_detail (row));
      break;
    case KIND_OPS:
      if (success)
        {
          text = cob_format_grouped (value);
          /* Translators: tooltip with the exact figure. */
          tooltip = g_strdup_printf (_("%.3f operations per second"), value);
        }
      break;
    case KIND_DURATION:
      if (success && value <= 0)
        /* Durations are whole nanoseconds in the result files. */
        text = g_strdup (_("< 1 ns"));
      else if (success)
        {
          text = cob_format_duration_ns (value);
          /* Translators: tooltip with the exact figure. */
          tooltip = g_strdup_printf (_("%.3f ns per operation"), value);
        }
      break;
    case KIND_SPREAD:
      if (success)
        {
          g_autofree char *percent = cob_format_percent (value);

          /* Translators: the spread beside a figure, "± 0.8%". */
          text = g_strdup_printf (_("± %s"), percent);
          /* Translators: tooltip of the spread column. */
          tooltip = g_strdup (_("Median absolute deviation of the undisturbed samples, over their "
                                "median: how much one sample differs from the next"));
        }
      break;
    default:
      g_assert_not_reached ();
    }

  gtk_label_set_text (label, text != NULL ? text : "—");
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), tooltip);
  if (spec->kind == KIND_TITLE && !success)
    gtk_widget_add_css_class (GTK_WIDGET (label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
}

static GtkSorter *
sorter_for (const ColumnSpec *spec)
{
  GtkExpression *expression = gtk_property_expression_new (COB_TYPE_RESULT_ROW, NULL, spec->property);

  if (spec->kind == KIND_TITLE || spec->kind == KIND_NOTES)
    return GTK_SORTER (gtk_string_sorter_new (expression));
  return GTK_SORTER (gtk_numeric_sorter_new (expression));
}

void
cob_results_columns_setup (GtkColumnView *view)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      const ColumnSpec *spec = &columns[i];
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;
      g_autoptr(GtkSorter) sorter = sorter_for (spec);

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), (gpointer) spec);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), (gpointer) spec);
      column = gtk_column_view_column_new (_(spec->title), factory);
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_column_set_resizable (column, TRUE);
      if (spec->kind == KIND_NOTES)
        gtk_column_view_column_set_expand (column, TRUE);
      gtk_column_view_append_column (view, column);
      g_object_unref (column);
    }
}
