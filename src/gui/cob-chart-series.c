/* cob-chart-series.c: turns BenchResults into the chart's items.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bench-registry.h"
#include "bench-stats.h"
#include "cob-chart-series.h"

/* Same threshold as the framework's summaries (bench-result.h). */
#define UNSTABLE_SPREAD 0.10

struct _CobChartSeries
{
  GObject  parent_instance;
  GArray  *items;   /* CobChartSeriesItem */
};

G_DEFINE_FINAL_TYPE (CobChartSeries, cob_chart_series, G_TYPE_OBJECT)

static void
item_clear (gpointer data)
{
  CobChartSeriesItem *item = data;

  g_clear_pointer (&item->target_id, g_free);
  g_clear_pointer (&item->label, g_free);
  g_clear_pointer (&item->error_message, g_free);
}

/* A positive, finite number from @metrics, or 0. */
static double
metric (JsonObject *metrics,
        const char *name)
{
  JsonNode *node = json_object_get_member (metrics, name);
  GType type;
  double value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0.0;
  type = json_node_get_value_type (node);
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return 0.0;
  value = json_node_get_double (node);
  return isfinite (value) && value > 0.0 ? value : 0.0;
}

/* Fills the spread from the best source available (see the enum). */
static void
read_spread (CobChartSeriesItem *item,
             const BenchResult  *result,
             JsonObject         *metrics)
{
  const double *samples;
  guint n_samples = 0;
  double p5_ns = 0.0, p95_ns = 0.0, median_ns = 0.0;

  samples = bench_result_get_samples (result, &n_samples);
  item->n_samples = n_samples;
  median_ns = metric (metrics, "median_duration_ns");

  if (n_samples >= 2)
    {
      BenchSampleStats stats;

      bench_sample_stats_compute (samples, n_samples, &stats);
      p5_ns = stats.p5;
      p95_ns = stats.p95;
      median_ns = stats.median;
      item->spread_source = COB_CHART_SPREAD_SAMPLES;
      item->unstable = bench_sample_stats_spread (&stats) > UNSTABLE_SPREAD;
    }
  else
    {
      double spread = metric (metrics, "spread");

      if (item->n_samples == 0)
        item->n_samples = (guint) MIN (metric (metrics, "samples"), G_MAXUINT);
      p95_ns = metric (metrics, "p95_duration_ns");
      item->unstable = spread > UNSTABLE_SPREAD;

      if (p95_ns > 0.0 && metric (metrics, "p5_duration_ns") > 0.0)
        {
          p5_ns = metric (metrics, "p5_duration_ns");
          item->spread_source = COB_CHART_SPREAD_P5_P95;
        }
      else if (p95_ns > 0.0 && median_ns > 0.0 &&
               json_object_has_member (metrics, "spread") &&
               p95_ns - spread * median_ns > 0.0)
        {
          p5_ns = p95_ns - spread * median_ns;
          item->spread_source = COB_CHART_SPREAD_FROM_SPREAD;
        }
      else if (p95_ns > 0.0 && metric (metrics, "min_duration_ns") > 0.0)
        {
          p5_ns = metric (metrics, "min_duration_ns");
          item->spread_source = COB_CHART_SPREAD_MIN_P95;
        }
    }

  item->median_duration_ns = median_ns;

  if (item->spread_source == COB_CHART_SPREAD_NONE || p5_ns <= 0.0 ||
      p95_ns < p5_ns)
    {
      item->spread_source = COB_CHART_SPREAD_NONE;
      return;
    }

  item->spread_low = 1e9 / p95_ns;
  item->spread_high = 1e9 / p5_ns;
}

static void
item_init_from_result (CobChartSeriesItem        *item,
                       const BenchResult         *result,
                       const BenchTarget * const *targets)
{
  const char *id = bench_result_get_target_id (result);
  const BenchTarget *target = NULL;

  if (targets != NULL)
    target = bench_registry_lookup (targets, id);

  item->target_id = g_strdup (id);
  item->label = g_strdup (target != NULL && target->display_name != NULL
                          ? _(target->display_name) : id);

  if (!bench_result_is_success (result))
    {
      const GError *error = bench_result_get_error (result);

      item->failed = TRUE;
      item->error_message = g_strdup (error != NULL ? error->message
                                                    : _("Unknown error"));
      return;
    }

  item->ops_per_second = metric (bench_result_get_metrics (result),
                                 "operations_per_second");
  read_spread (item, result, bench_result_get_metrics (result));
}

static void
cob_chart_series_finalize (GObject *object)
{
  CobChartSeries *self = COB_CHART_SERIES (object);

  g_clear_pointer (&self->items, g_array_unref);

  G_OBJECT_CLASS (cob_chart_series_parent_class)->finalize (object);
}

static void
cob_chart_series_class_init (CobChartSeriesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cob_chart_series_finalize;
}

static void
cob_chart_series_init (CobChartSeries *self)
{
  self->items = g_array_new (FALSE, TRUE, sizeof (CobChartSeriesItem));
  g_array_set_clear_func (self->items, item_clear);
}

CobChartSeries *
cob_chart_series_new (void)
{
  return g_object_new (COB_TYPE_CHART_SERIES, NULL);
}

void
cob_chart_series_set_results (CobChartSeries            *self,
                              GPtrArray                 *results,
                              const BenchTarget * const *targets)
{
  g_return_if_fail (COB_IS_CHART_SERIES (self));

  g_array_set_size (self->items, 0);
  if (results == NULL)
    return;

  for (guint i = 0; i < results->len; i++)
    {
      const BenchResult *result = g_ptr_array_index (results, i);
      CobChartSeriesItem item = { 0 };

      g_return_if_fail (result != NULL);
      item_init_from_result (&item, result, targets);
      g_array_append_val (self->items, item);
    }
}

guint
cob_chart_series_get_n_items (CobChartSeries *self)
{
  g_return_val_if_fail (COB_IS_CHART_SERIES (self), 0);

  return self->items->len;
}

const CobChartSeriesItem *
cob_chart_series_get_item (CobChartSeries *self,
                           guint           position)
{
  g_return_val_if_fail (COB_IS_CHART_SERIES (self), NULL);
  g_return_val_if_fail (position < self->items->len, NULL);

  return &g_array_index (self->items, CobChartSeriesItem, position);
}

GArray *
cob_chart_series_collect_values (CobChartSeries *self)
{
  GArray *values;

  g_return_val_if_fail (COB_IS_CHART_SERIES (self), NULL);

  values = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < self->items->len; i++)
    {
      const CobChartSeriesItem *item =
        &g_array_index (self->items, CobChartSeriesItem, i);

      if (item->failed)
        continue;
      g_array_append_val (values, item->ops_per_second);
      if (item->spread_source != COB_CHART_SPREAD_NONE)
        {
          g_array_append_val (values, item->spread_low);
          g_array_append_val (values, item->spread_high);
        }
    }
  return values;
}

char *
cob_chart_format_value_exact (double value)
{
  if (!isfinite (value))
    return g_strdup ("–");
  /* Whole numbers from 100 up; below that the fraction matters. The '
   * flag groups thousands as the locale does. */
  if (fabs (value) >= 100.0)
    return g_strdup_printf ("%'.0f", value);
  return g_strdup_printf ("%'.2f", value);
}
