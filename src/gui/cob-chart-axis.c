/* cob-chart-axis.c: range, mapping and ticks of the chart's value axis.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "cob-chart-axis.h"

/* Relative tolerance when comparing computed bounds and ticks: log10() and
 * pow() of exact decades are exact in glibc, but values read back from JSON
 * or divided (1e9 / ns) may be off by an ulp. */
#define AXIS_EPSILON 1e-9

/* The linear scale aims at about this many intervals. */
#define LINEAR_TARGET_STEPS 5

struct _CobChartAxis
{
  GObject        parent_instance;

  CobChartScale  scale;
  GArray        *values;   /* double: what the range was computed from */
  double         lower;
  double         upper;
  GArray        *ticks;    /* CobChartTick */
};

G_DEFINE_FINAL_TYPE (CobChartAxis, cob_chart_axis, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SCALE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tick_clear (gpointer data)
{
  CobChartTick *tick = data;

  g_clear_pointer (&tick->label, g_free);
}

/* Drops trailing zeros of the fractional part, then the decimal separator
 * itself, whatever the locale makes it. */
static void
strip_fraction_zeros (char *text)
{
  size_t len = strlen (text);

  while (len > 0 && text[len - 1] == '0')
    text[--len] = '\0';
  while (len > 0 && !g_ascii_isdigit (text[len - 1]))
    text[--len] = '\0';
}

char *
cob_chart_format_value_short (double value)
{
  static const char * const suffixes[] = { "", "k", "M", "G", "T" };
  double magnitude;
  guint group = 0;

  if (!isfinite (value))
    return g_strdup ("–");
  if (value == 0.0)
    return g_strdup ("0");

  magnitude = fabs (value);
  if (magnitude < 1.0)
    {
      /* Below one there is no prefix; three significant digits. */
      return g_strdup_printf ("%.3g", value);
    }

  while (magnitude >= 1000.0 && group + 1 < G_N_ELEMENTS (suffixes))
    {
      magnitude /= 1000.0;
      group++;
    }

  for (;;)
    {
      int decimals = magnitude >= 100.0 ? 0 : magnitude >= 10.0 ? 1 : 2;
      double factor = pow (10.0, decimals);
      double rounded = round (magnitude * factor) / factor;
      char buffer[64];

      /* 999.6 rounds to 1000: say "1k", not "1000". */
      if (rounded >= 1000.0 && group + 1 < G_N_ELEMENTS (suffixes))
        {
          magnitude /= 1000.0;
          group++;
          continue;
        }

      g_snprintf (buffer, sizeof buffer, "%.*f", decimals, rounded);
      if (decimals > 0)
        strip_fraction_zeros (buffer);
      return g_strdup_printf ("%s%s%s", value < 0 ? "-" : "", buffer,
                              suffixes[group]);
    }
}

/* 1, 2 or 5 times a power of ten, near @raw. */
static double
nice_step (double raw)
{
  double magnitude = pow (10.0, floor (log10 (raw)));
  double fraction = raw / magnitude;
  double nice;

  if (fraction < 1.5)
    nice = 1.0;
  else if (fraction < 3.0)
    nice = 2.0;
  else if (fraction < 7.0)
    nice = 5.0;
  else
    nice = 10.0;

  return nice * magnitude;
}

static void
add_tick (CobChartAxis *self,
          double        value,
          gboolean      major)
{
  CobChartTick tick = { value, major, NULL };

  if (value < self->lower - fabs (self->lower) * AXIS_EPSILON ||
      value > self->upper + fabs (self->upper) * AXIS_EPSILON)
    return;

  if (major)
    tick.label = cob_chart_format_value_short (value);
  g_array_append_val (self->ticks, tick);
}

static void
compute_log (CobChartAxis *self)
{
  double lo = G_MAXDOUBLE, hi = 0.0;
  int first_decade, last_decade;

  for (guint i = 0; i < self->values->len; i++)
    {
      double v = g_array_index (self->values, double, i);

      if (!isfinite (v) || v <= 0.0)
        continue;
      lo = MIN (lo, v);
      hi = MAX (hi, v);
    }

  if (hi <= 0.0)
    {
      first_decade = 0;
      last_decade = 1;
    }
  else
    {
      first_decade = (int) floor (log10 (lo) + AXIS_EPSILON);
      /* A bar whose value is the lower bound would have no length at all:
       * start one decade lower. */
      if (pow (10.0, first_decade) >= lo * (1.0 - AXIS_EPSILON))
        first_decade--;
      last_decade = (int) ceil (log10 (hi) - AXIS_EPSILON);
      if (last_decade <= first_decade)
        last_decade = first_decade + 1;
    }

  self->lower = pow (10.0, first_decade);
  self->upper = pow (10.0, last_decade);

  for (int decade = first_decade; decade <= last_decade; decade++)
    {
      double base = pow (10.0, decade);

      add_tick (self, base, TRUE);
      if (decade < last_decade)
        for (int m = 2; m <= 9; m++)
          add_tick (self, m * base, FALSE);
    }
}

static void
compute_linear (CobChartAxis *self)
{
  double lo = 0.0, hi = 0.0;
  double step;
  gint64 first, last;

  /* Bars start at zero on a linear scale, or the lengths would lie. */
  for (guint i = 0; i < self->values->len; i++)
    {
      double v = g_array_index (self->values, double, i);

      if (!isfinite (v))
        continue;
      lo = MIN (lo, v);
      hi = MAX (hi, v);
    }

  if (hi - lo <= 0.0)
    hi = lo + 1.0;

  step = nice_step ((hi - lo) / LINEAR_TARGET_STEPS);
  first = (gint64) floor (lo / step + AXIS_EPSILON);
  last = (gint64) ceil (hi / step - AXIS_EPSILON);
  if (last <= first)
    last = first + 1;

  self->lower = first * step;
  self->upper = last * step;

  for (gint64 k = first; k <= last; k++)
    add_tick (self, k * step, TRUE);
}

static void
cob_chart_axis_recompute (CobChartAxis *self)
{
  g_array_set_size (self->ticks, 0);

  if (self->scale == COB_CHART_SCALE_LINEAR)
    compute_linear (self);
  else
    compute_log (self);
}

static void
cob_chart_axis_finalize (GObject *object)
{
  CobChartAxis *self = COB_CHART_AXIS (object);

  g_clear_pointer (&self->values, g_array_unref);
  g_clear_pointer (&self->ticks, g_array_unref);

  G_OBJECT_CLASS (cob_chart_axis_parent_class)->finalize (object);
}

static void
cob_chart_axis_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CobChartAxis *self = COB_CHART_AXIS (object);

  switch (prop_id)
    {
    case PROP_SCALE:
      g_value_set_enum (value, self->scale);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cob_chart_axis_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CobChartAxis *self = COB_CHART_AXIS (object);

  switch (prop_id)
    {
    case PROP_SCALE:
      cob_chart_axis_set_scale (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cob_chart_axis_class_init (CobChartAxisClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cob_chart_axis_finalize;
  object_class->get_property = cob_chart_axis_get_property;
  object_class->set_property = cob_chart_axis_set_property;

  properties[PROP_SCALE] =
    g_param_spec_enum ("scale", NULL, NULL,
                       COB_TYPE_CHART_SCALE,
                       COB_CHART_SCALE_LOGARITHMIC,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cob_chart_axis_init (CobChartAxis *self)
{
  self->scale = COB_CHART_SCALE_LOGARITHMIC;
  self->values = g_array_new (FALSE, FALSE, sizeof (double));
  self->ticks = g_array_new (FALSE, FALSE, sizeof (CobChartTick));
  g_array_set_clear_func (self->ticks, tick_clear);
  cob_chart_axis_recompute (self);
}

CobChartAxis *
cob_chart_axis_new (CobChartScale scale)
{
  return g_object_new (COB_TYPE_CHART_AXIS, "scale", scale, NULL);
}

void
cob_chart_axis_set_scale (CobChartAxis  *self,
                          CobChartScale  scale)
{
  g_return_if_fail (COB_IS_CHART_AXIS (self));
  g_return_if_fail (scale == COB_CHART_SCALE_LOGARITHMIC ||
                    scale == COB_CHART_SCALE_LINEAR);

  if (self->scale == scale)
    return;

  self->scale = scale;
  cob_chart_axis_recompute (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCALE]);
}

CobChartScale
cob_chart_axis_get_scale (CobChartAxis *self)
{
  g_return_val_if_fail (COB_IS_CHART_AXIS (self), COB_CHART_SCALE_LOGARITHMIC);

  return self->scale;
}

void
cob_chart_axis_set_values (CobChartAxis *self,
                           const double *values,
                           guint         n_values)
{
  g_return_if_fail (COB_IS_CHART_AXIS (self));
  g_return_if_fail (values != NULL || n_values == 0);

  g_array_set_size (self->values, 0);
  if (n_values > 0)
    g_array_append_vals (self->values, values, n_values);
  cob_chart_axis_recompute (self);
}

void
cob_chart_axis_get_range (CobChartAxis *self,
                          double       *lower,
                          double       *upper)
{
  g_return_if_fail (COB_IS_CHART_AXIS (self));

  if (lower != NULL)
    *lower = self->lower;
  if (upper != NULL)
    *upper = self->upper;
}

double
cob_chart_axis_map (CobChartAxis *self,
                    double        value)
{
  double position;

  g_return_val_if_fail (COB_IS_CHART_AXIS (self), 0.0);

  if (!isfinite (value))
    return 0.0;

  if (self->scale == COB_CHART_SCALE_LINEAR)
    position = (value - self->lower) / (self->upper - self->lower);
  else if (value <= 0.0)
    position = 0.0;
  else
    position = (log10 (value) - log10 (self->lower)) /
               (log10 (self->upper) - log10 (self->lower));

  return CLAMP (position, 0.0, 1.0);
}

const CobChartTick *
cob_chart_axis_get_ticks (CobChartAxis *self,
                          guint        *n_ticks)
{
  g_return_val_if_fail (COB_IS_CHART_AXIS (self), NULL);
  g_return_val_if_fail (n_ticks != NULL, NULL);

  *n_ticks = self->ticks->len;
  return (const CobChartTick *) (gpointer) self->ticks->data;
}
