/* cob-chart.c: composes the axis and bars layers into the ops/sec chart,
 * resolves the theme's colors, lays the chart out and describes it.
 * Exporting lives in cob-chart-export.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bench-result.h"
#include "cob-chart-axis-layer.h"
#include "cob-chart-bars-layer.h"
#include "cob-chart-private.h"

/* Layout constants in pixels; everything else follows the font. */
#define PADDING         12.0f
#define NAME_GAP        12.0f
#define VALUE_GAP        6.0f
#define TICK_LENGTH      5.0f
#define TICK_LABEL_GAP   3.0f
#define TITLE_GAP        6.0f
#define MAX_BAR_HEIGHT  28.0f
#define MIN_ROW_HEIGHT  22.0f
#define NAT_ROW_HEIGHT  40.0f
#define MIN_WIDTH      240
#define NAT_PLOT_WIDTH 360
#define EMPTY_MIN_HEIGHT 120
/* Names take at most this share of the width; longer ones are ellipsized. */
#define MAX_NAME_SHARE   0.35f

struct _CobChart
{
  GtkWidget                  parent_instance;

  CobChartAxis              *axis;
  CobChartSeries            *series;
  GPtrArray                 *results;   /* BenchResult*, our references */
  const BenchTarget * const *targets;
  char                      *description;

  GtkWidget                 *axis_layer;
  GtkWidget                 *bars_layer;
};

G_DEFINE_ENUM_TYPE (CobChartScale, cob_chart_scale,
                    G_DEFINE_ENUM_VALUE (COB_CHART_SCALE_LOGARITHMIC, "logarithmic"),
                    G_DEFINE_ENUM_VALUE (COB_CHART_SCALE_LINEAR, "linear"))

G_DEFINE_FINAL_TYPE (CobChart, cob_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SCALE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

CobChartAxis *
cob_chart_get_axis (CobChart *self)
{
  return self->axis;
}

CobChartSeries *
cob_chart_get_series (CobChart *self)
{
  return self->series;
}

PangoLayout *
cob_chart_create_layout (GtkWidget  *widget,
                         const char *text,
                         gboolean    small)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);

  if (small)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_scale_new (COB_CHART_SMALL_TEXT_SCALE));
      /* Tabular figures keep numbers from jittering between values. */
      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  return layout;
}

/* ---- Colors ---------------------------------------------------------- */

static GdkRGBA
with_alpha (const GdkRGBA *color,
            float          alpha)
{
  return (GdkRGBA) { color->red, color->green, color->blue, color->alpha * alpha };
}

static GdkRGBA
mix (const GdkRGBA *a,
     const GdkRGBA *b,
     float          amount)
{
  return (GdkRGBA) {
    a->red + (b->red - a->red) * amount,
    a->green + (b->green - a->green) * amount,
    a->blue + (b->blue - a->blue) * amount,
    a->alpha + (b->alpha - a->alpha) * amount,
  };
}

/* WCAG relative luminance and contrast ratio. */
static double
channel_linear (double c)
{
  return c <= 0.03928 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
relative_luminance (const GdkRGBA *color)
{
  return 0.2126 * channel_linear (color->red) +
         0.7152 * channel_linear (color->green) +
         0.0722 * channel_linear (color->blue);
}

static double
contrast_ratio (const GdkRGBA *a,
                const GdkRGBA *b)
{
  double la = relative_luminance (a), lb = relative_luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

/* Graphics need 3:1 against their background (WCAG 1.4.11). libadwaita's
 * accent passes in light and dark; a theme whose selection color is too
 * close to its background gets a bar moved towards the text color. */
#define MIN_BAR_CONTRAST 3.0

static void
ensure_contrast (GdkRGBA       *color,
                 const GdkRGBA *background,
                 const GdkRGBA *foreground)
{
  GdkRGBA original = *color;

  for (guint step = 1; step <= 10 && contrast_ratio (color, background) < MIN_BAR_CONTRAST; step++)
    *color = mix (&original, foreground, step * 0.08f);
}

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
/* Named colors of the theme (libadwaita defines accent_bg_color etc.);
 * GtkStyleContext is deprecated from GTK 4.10 but is the only way on 4.8. */
static gboolean
lookup_color (GtkWidget  *widget,
              const char *name,
              GdkRGBA    *color)
{
  return gtk_style_context_lookup_color (gtk_widget_get_style_context (widget),
                                         name, color);
}

static void
get_foreground (GtkWidget *widget,
                GdkRGBA   *color)
{
#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (widget, color);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
#endif
}
G_GNUC_END_IGNORE_DEPRECATIONS

void
cob_chart_get_colors (CobChart       *self,
                      CobChartColors *colors)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean dark;
  GdkRGBA fg;

  get_foreground (widget, &fg);
  /* Light text means a dark theme; used only for the fallbacks below,
   * when the theme defines no named colors (plain GTK, tests). */
  dark = 0.2126f * fg.red + 0.7152f * fg.green + 0.0722f * fg.blue > 0.5f;

  colors->foreground = fg;
  colors->dim = with_alpha (&fg, 0.65f);
  colors->grid_major = with_alpha (&fg, dark ? 0.20f : 0.16f);
  colors->grid_minor = with_alpha (&fg, 0.05f);
  colors->axis_line = with_alpha (&fg, 0.45f);
  colors->whisker = with_alpha (&fg, 0.85f);
  colors->hover_row = with_alpha (&fg, 0.06f);

  if (!lookup_color (widget, "accent_bg_color", &colors->bar) &&
      !lookup_color (widget, "theme_selected_bg_color", &colors->bar))
    colors->bar = (GdkRGBA) { 0.208f, 0.518f, 0.894f, 1.0f };   /* #3584e4 */

  if (!lookup_color (widget, "error_color", &colors->failed))
    colors->failed = dark ? (GdkRGBA) { 1.0f, 0.482f, 0.388f, 1.0f }    /* #ff7b63 */
                          : (GdkRGBA) { 0.753f, 0.110f, 0.157f, 1.0f }; /* #c01c28 */

  if (!lookup_color (widget, "window_bg_color", &colors->background) &&
      !lookup_color (widget, "theme_bg_color", &colors->background))
    colors->background = dark ? (GdkRGBA) { 0.141f, 0.141f, 0.141f, 1.0f }
                              : (GdkRGBA) { 0.980f, 0.980f, 0.980f, 1.0f };

  ensure_contrast (&colors->bar, &colors->background, &fg);
  colors->bar_hover = mix (&colors->bar, &fg, 0.2f);
}

/* ---- Geometry -------------------------------------------------------- */

static void
layout_size (GtkWidget  *widget,
             const char *text,
             gboolean    small,
             int        *width,
             int        *height)
{
  g_autoptr(PangoLayout) layout = cob_chart_create_layout (widget, text, small);

  pango_layout_get_pixel_size (layout, width, height);
}

/* The widths the texts around the plot need, at the current font. */
static void
measure_texts (CobChart *self,
               float    *names_width,
               float    *values_width,
               float    *small_height,
               float    *last_tick_half)
{
  GtkWidget *widget = GTK_WIDGET (self);
  guint n_items = cob_chart_series_get_n_items (self->series);
  const CobChartTick *ticks;
  guint n_ticks;
  int w, h;

  *names_width = 0;
  *values_width = 0;
  *last_tick_half = 0;

  for (guint i = 0; i < n_items; i++)
    {
      const CobChartSeriesItem *item = cob_chart_series_get_item (self->series, i);
      g_autofree char *value = NULL;

      layout_size (widget, item->label, FALSE, &w, &h);
      *names_width = MAX (*names_width, w);

      /* Failed rows put their text at the start of the plot, not the end. */
      if (item->failed)
        continue;
      value = cob_chart_format_value_short (item->ops_per_second);
      layout_size (widget, value, TRUE, &w, &h);
      *values_width = MAX (*values_width, w);
    }

  ticks = cob_chart_axis_get_ticks (self->axis, &n_ticks);
  for (guint i = n_ticks; i > 0; i--)
    if (ticks[i - 1].label != NULL)
      {
        layout_size (widget, ticks[i - 1].label, TRUE, &w, &h);
        *last_tick_half = w / 2.0f;
        break;
      }

  layout_size (widget, "0", TRUE, &w, &h);
  *small_height = h;
}

void
cob_chart_compute_geometry (CobChart         *self,
                            float             width,
                            float             height,
                            CobChartGeometry *geometry)
{
  guint n_items = cob_chart_series_get_n_items (self->series);
  float names_width, values_width, small_height, last_tick_half;
  float bottom, right, left;

  measure_texts (self, &names_width, &values_width, &small_height, &last_tick_half);

  geometry->width = width;
  geometry->height = height;
  geometry->name_gap = NAME_GAP;
  geometry->value_gap = VALUE_GAP;
  geometry->tick_length = TICK_LENGTH;
  geometry->name_width = MIN (names_width, floorf (width * MAX_NAME_SHARE));

  /* Below the plot: ticks, their labels, then the axis title. */
  bottom = TICK_LENGTH + TICK_LABEL_GAP + small_height + TITLE_GAP + small_height;
  right = MAX (values_width + VALUE_GAP + 2, last_tick_half);
  left = PADDING + geometry->name_width + NAME_GAP;

  geometry->plot.origin.x = left;
  geometry->plot.origin.y = PADDING;
  geometry->plot.size.width = MAX (1.0f, width - left - right - PADDING);
  geometry->plot.size.height = MAX (1.0f, height - 2 * PADDING - bottom);

  geometry->tick_label_y = PADDING + geometry->plot.size.height + TICK_LENGTH + TICK_LABEL_GAP;
  geometry->title_y = geometry->tick_label_y + small_height + TITLE_GAP;

  geometry->row_height = geometry->plot.size.height / MAX (n_items, 1);
  geometry->bar_height = CLAMP (floorf (geometry->row_height * 0.6f), 2.0f, MAX_BAR_HEIGHT);
}

void
cob_chart_append_layout_at (GtkSnapshot   *snapshot,
                            PangoLayout   *layout,
                            const GdkRGBA *color,
                            float          x,
                            float          y)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (roundf (x), roundf (y)));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

int
cob_chart_geometry_row_at (const CobChartGeometry *geometry,
                           guint                   n_items,
                           float                   y)
{
  float offset = y - geometry->plot.origin.y;
  int row;

  if (n_items == 0 || offset < 0 || geometry->row_height <= 0)
    return -1;
  row = (int) (offset / geometry->row_height);
  return row < (int) n_items ? row : -1;
}

/* ---- Widget ---------------------------------------------------------- */

static void
cob_chart_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  CobChart *self = COB_CHART (widget);
  guint n_items = cob_chart_series_get_n_items (self->series);
  float names_width, values_width, small_height, last_tick_half;

  measure_texts (self, &names_width, &values_width, &small_height, &last_tick_half);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MIN_WIDTH;
      *natural = MAX (MIN_WIDTH, (int) ceilf (2 * PADDING + names_width + NAME_GAP +
                                              NAT_PLOT_WIDTH + values_width + VALUE_GAP));
    }
  else if (n_items == 0)
    {
      *minimum = EMPTY_MIN_HEIGHT;
      *natural = EMPTY_MIN_HEIGHT;
    }
  else
    {
      float fixed = 2 * PADDING + TICK_LENGTH + TICK_LABEL_GAP + TITLE_GAP + 2 * small_height;

      *minimum = (int) ceilf (fixed + n_items * MIN_ROW_HEIGHT);
      *natural = (int) ceilf (fixed + n_items * NAT_ROW_HEIGHT);
    }

  /* The layers draw on the whole area; measuring them keeps GTK's size
   * request bookkeeping in order before they are allocated. */
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_measure (child, orientation, for_size, NULL, NULL, NULL, NULL);
}

static void
cob_chart_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gtk_widget_size_allocate (child,
                                &(GtkAllocation) { 0, 0, width, height },
                                baseline);
      /* The geometry depends on the size, so every pixel may move. */
      gtk_widget_queue_draw (child);
    }
}

static void
queue_layers_draw (CobChart *self)
{
  gtk_widget_queue_draw (self->axis_layer);
  gtk_widget_queue_draw (self->bars_layer);
}

static void
cob_chart_css_changed (GtkWidget         *widget,
                       GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (cob_chart_parent_class)->css_changed (widget, change);

  /* Named colors (accent, error) are not part of our own style, so a
   * light/dark switch must repaint the layers even when our color stays.
   * GTK itself queues a resize when the change affects sizes (fonts). */
  queue_layers_draw (COB_CHART (widget));
}

static void
update_description (CobChart *self)
{
  GString *text = g_string_new (NULL);
  guint n_items = cob_chart_series_get_n_items (self->series);

  if (n_items == 0)
    g_string_append (text, _("No results yet"));
  else if (cob_chart_axis_get_scale (self->axis) == COB_CHART_SCALE_LINEAR)
    g_string_append (text, _("Operations per second, linear scale."));
  else
    g_string_append (text, _("Operations per second, logarithmic scale."));

  for (guint i = 0; i < n_items; i++)
    {
      const CobChartSeriesItem *item = cob_chart_series_get_item (self->series, i);
      g_autofree char *ops = NULL;

      g_string_append_c (text, '\n');
      if (item->failed)
        {
          /* Translators: target name, then its error message. */
          g_string_append_printf (text, _("%s: failed: %s"), item->label,
                                  item->error_message);
          continue;
        }

      ops = cob_chart_format_value_exact (item->ops_per_second);
      /* Translators: target name, then a number. */
      g_string_append_printf (text, _("%s: %s operations per second"), item->label, ops);
      if (item->spread_source != COB_CHART_SPREAD_NONE)
        {
          g_autofree char *low = cob_chart_format_value_exact (item->spread_low);
          g_autofree char *high = cob_chart_format_value_exact (item->spread_high);

          /* Translators: the range of ops/sec between slow and fast samples. */
          g_string_append_printf (text, _(", spread %s to %s"), low, high);
        }
      if (item->unstable)
        g_string_append (text, _(", unstable"));
    }

  g_free (self->description);
  self->description = g_string_free (text, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description,
                                  -1);
}

static void
rebuild (CobChart *self)
{
  g_autoptr(GArray) values = NULL;

  cob_chart_series_set_results (self->series, self->results, self->targets);
  values = cob_chart_series_collect_values (self->series);
  cob_chart_axis_set_values (self->axis, (const double *) (gpointer) values->data, values->len);
  update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  queue_layers_draw (self);
}

static void
cob_chart_dispose (GObject *object)
{
  CobChart *self = COB_CHART (object);

  g_clear_pointer (&self->axis_layer, gtk_widget_unparent);
  g_clear_pointer (&self->bars_layer, gtk_widget_unparent);

  G_OBJECT_CLASS (cob_chart_parent_class)->dispose (object);
}

static void
cob_chart_finalize (GObject *object)
{
  CobChart *self = COB_CHART (object);

  g_clear_object (&self->axis);
  g_clear_object (&self->series);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (cob_chart_parent_class)->finalize (object);
}

static void
cob_chart_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CobChart *self = COB_CHART (object);

  switch (prop_id)
    {
    case PROP_SCALE:
      g_value_set_enum (value, cob_chart_get_scale (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cob_chart_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CobChart *self = COB_CHART (object);

  switch (prop_id)
    {
    case PROP_SCALE:
      cob_chart_set_scale (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cob_chart_class_init (CobChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cob_chart_dispose;
  object_class->finalize = cob_chart_finalize;
  object_class->get_property = cob_chart_get_property;
  object_class->set_property = cob_chart_set_property;

  widget_class->measure = cob_chart_measure;
  widget_class->size_allocate = cob_chart_size_allocate;
  widget_class->css_changed = cob_chart_css_changed;

  /**
   * CobChart:scale:
   *
   * How the value axis maps operations per second: logarithmic (the
   * targets span several decades) or linear.
   */
  properties[PROP_SCALE] =
    g_param_spec_enum ("scale", NULL, NULL,
                       COB_TYPE_CHART_SCALE,
                       COB_CHART_SCALE_LOGARITHMIC,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
cob_chart_init (CobChart *self)
{
  self->axis = cob_chart_axis_new (COB_CHART_SCALE_LOGARITHMIC);
  self->series = cob_chart_series_new ();
  self->results = g_ptr_array_new_with_free_func ((GDestroyNotify) bench_result_unref);

  self->axis_layer = cob_chart_axis_layer_new ();
  gtk_widget_set_parent (self->axis_layer, GTK_WIDGET (self));
  self->bars_layer = cob_chart_bars_layer_new ();
  gtk_widget_set_parent (self->bars_layer, GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Operations per second chart"),
                                  -1);
  update_description (self);
}

GtkWidget *
cob_chart_new (void)
{
  return g_object_new (COB_TYPE_CHART, NULL);
}

void
cob_chart_set_results (CobChart  *self,
                       GPtrArray *results)
{
  g_return_if_fail (COB_IS_CHART (self));

  /* Take the new references first: @results may hold the current ones. */
  {
    g_autoptr(GPtrArray) copy =
      g_ptr_array_new_with_free_func ((GDestroyNotify) bench_result_unref);

    for (guint i = 0; results != NULL && i < results->len; i++)
      {
        BenchResult *result = g_ptr_array_index (results, i);

        g_return_if_fail (result != NULL);
        g_ptr_array_add (copy, bench_result_ref (result));
      }
    g_ptr_array_unref (self->results);
    self->results = g_steal_pointer (&copy);
  }

  rebuild (self);
}

void
cob_chart_set_targets (CobChart                  *self,
                       const BenchTarget * const *targets)
{
  g_return_if_fail (COB_IS_CHART (self));

  self->targets = targets;
  rebuild (self);
}

void
cob_chart_set_scale (CobChart      *self,
                     CobChartScale  scale)
{
  g_return_if_fail (COB_IS_CHART (self));
  g_return_if_fail (scale == COB_CHART_SCALE_LOGARITHMIC ||
                    scale == COB_CHART_SCALE_LINEAR);

  if (cob_chart_axis_get_scale (self->axis) == scale)
    return;

  cob_chart_axis_set_scale (self->axis, scale);
  update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  queue_layers_draw (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCALE]);
}

CobChartScale
cob_chart_get_scale (CobChart *self)
{
  g_return_val_if_fail (COB_IS_CHART (self), COB_CHART_SCALE_LOGARITHMIC);

  return cob_chart_axis_get_scale (self->axis);
}

char *
cob_chart_describe (CobChart *self)
{
  g_return_val_if_fail (COB_IS_CHART (self), NULL);

  return g_strdup (self->description);
}

GskRenderNode *
cob_chart_render_node (CobChart *self,
                       int       width,
                       int       height)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  CobChartGeometry geometry;
  CobChartColors colors;

  cob_chart_compute_geometry (self, width, height, &geometry);
  cob_chart_get_colors (self, &colors);

  gtk_snapshot_append_color (snapshot, &colors.background,
                             &GRAPHENE_RECT_INIT (0, 0, width, height));
  cob_chart_axis_layer_draw (COB_CHART_AXIS_LAYER (self->axis_layer), self, snapshot,
                             &geometry, &colors);
  cob_chart_bars_layer_draw (COB_CHART_BARS_LAYER (self->bars_layer), self, snapshot,
                             &geometry, &colors, FALSE);

  return gtk_snapshot_free_to_node (snapshot);
}
