/* cob-result-row.c: a result's figures as properties.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cob-result-row.h"

struct _CobResultRow
{
  GObject parent_instance;

  BenchResult *result;
  char *title;
  char *notes;
  char *notes_detail;
  double avg_ns;
  double median_ns;
  double p95_ns;
  double p99_ns;
};

G_DEFINE_FINAL_TYPE (CobResultRow, cob_result_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TARGET_ID,
  PROP_TITLE,
  PROP_SUCCESS,
  PROP_OPS_PER_SECOND,
  PROP_AVG_NS,
  PROP_MEDIAN_NS,
  PROP_P95_NS,
  PROP_P99_NS,
  PROP_SPREAD,
  PROP_NOTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cob_result_row_finalize (GObject *object)
{
  CobResultRow *self = COB_RESULT_ROW (object);

  g_clear_pointer (&self->result, bench_result_unref);
  g_free (self->title);
  g_free (self->notes);
  g_free (self->notes_detail);
  G_OBJECT_CLASS (cob_result_row_parent_class)->finalize (object);
}

static void
cob_result_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CobResultRow *self = COB_RESULT_ROW (object);

  switch (prop_id)
    {
    case PROP_TARGET_ID:
      g_value_set_string (value, cob_result_row_get_target_id (self));
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SUCCESS:
      g_value_set_boolean (value, cob_result_row_get_success (self));
      break;
    case PROP_OPS_PER_SECOND:
      g_value_set_double (value, cob_result_row_get_ops_per_second (self));
      break;
    case PROP_AVG_NS:
      g_value_set_double (value, self->avg_ns);
      break;
    case PROP_MEDIAN_NS:
      g_value_set_double (value, self->median_ns);
      break;
    case PROP_P95_NS:
      g_value_set_double (value, self->p95_ns);
      break;
    case PROP_P99_NS:
      g_value_set_double (value, self->p99_ns);
      break;
    case PROP_SPREAD:
      g_value_set_double (value, cob_result_row_get_spread (self));
      break;
    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cob_result_row_class_init (CobResultRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = cob_result_row_finalize;
  object_class->get_property = cob_result_row_get_property;

  properties[PROP_TARGET_ID] = g_param_spec_string ("target-id", NULL, NULL, NULL, ro);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, ro);
  properties[PROP_SUCCESS] = g_param_spec_boolean ("success", NULL, NULL, FALSE, ro);
  properties[PROP_OPS_PER_SECOND] =
    g_param_spec_double ("ops-per-second", NULL, NULL, 0, G_MAXDOUBLE, 0, ro);
  properties[PROP_AVG_NS] = g_param_spec_double ("avg-ns", NULL, NULL, 0, G_MAXDOUBLE, 0, ro);
  properties[PROP_MEDIAN_NS] = g_param_spec_double ("median-ns", NULL, NULL, 0, G_MAXDOUBLE, 0, ro);
  properties[PROP_P95_NS] = g_param_spec_double ("p95-ns", NULL, NULL, 0, G_MAXDOUBLE, 0, ro);
  properties[PROP_P99_NS] = g_param_spec_double ("p99-ns", NULL, NULL, 0, G_MAXDOUBLE, 0, ro);
  properties[PROP_SPREAD] = g_param_spec_double ("spread", NULL, NULL, 0, G_MAXDOUBLE, 0, ro);
  properties[PROP_NOTES] = g_param_spec_string ("notes", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cob_result_row_init (CobResultRow *self)
{
}

static double
metric (JsonObject *metrics,
        const char *name)
{
  double value;

  if (metrics == NULL || !json_object_has_member (metrics, name))
    return 0;
  value = json_object_get_double_member_with_default (metrics, name, 0);
  return value > 0 ? value : 0;
}

CobResultRow *
cob_result_row_new (BenchResult *result,
                    const char  *title)
{
  CobResultRow *self;
  JsonObject *metrics;

  g_return_val_if_fail (result != NULL, NULL);

  self = g_object_new (COB_TYPE_RESULT_ROW, NULL);
  self->result = bench_result_ref (result);
  self->title = g_strdup (title != NULL ? title : bench_result_get_target_id (result));

  metrics = bench_result_get_metrics (result);
  self->avg_ns = metric (metrics, "avg_duration_ns");
  self->median_ns = metric (metrics, "median_duration_ns");
  self->p95_ns = metric (metrics, "p95_duration_ns");
  self->p99_ns = metric (metrics, "p99_duration_ns");

  if (!bench_result_is_success (result))
    {
      const GError *error = bench_result_get_error (result);

      /* Translators: the notes column of a failed target. */
      self->notes = g_strdup_printf (_("Failed: %s"),
                                     error != NULL ? error->message : _("Unknown error"));
      self->notes_detail = g_strdup (self->notes);
    }
  else if (bench_result_is_disturbed (result))
    {
      /* Translators: the notes column of a target measured while other
       * work kept taking the CPU. */
      self->notes = g_strdup (_("Disturbed"));
      /* Translators: %.0f are numbers of samples. */
      self->notes_detail = g_strdup_printf (_("Disturbed: %.0f of %.0f samples were taken while other "
                                              "work had the CPU; run again on a quieter machine"),
                                            metric (metrics, "disturbed_samples"),
                                            metric (metrics, "disturbed_samples") + metric (metrics, "samples"));
    }
  else if (bench_result_is_unstable (result))
    {
      /* One word keeps the table inside a 1000-pixel window; the tooltip
       * says what it means. */
      /* Translators: the notes column of a target whose samples vary a lot. */
      self->notes = g_strdup (_("Unstable"));
      self->notes_detail = g_strdup (_("Unstable: samples differ by more than 10%"));
    }
  else
    self->notes = g_strdup ("—");

  return self;
}

BenchResult *
cob_result_row_get_result (CobResultRow *self)
{
  g_return_val_if_fail (COB_IS_RESULT_ROW (self), NULL);
  return self->result;
}

const char *
cob_result_row_get_target_id (CobResultRow *self)
{
  g_return_val_if_fail (COB_IS_RESULT_ROW (self), NULL);
  return bench_result_get_target_id (self->result);
}

const char *
cob_result_row_get_title (CobResultRow *self)
{
  g_return_val_if_fail (COB_IS_RESULT_ROW (self), NULL);
  return self->title;
}

gboolean
cob_result_row_get_success (CobResultRow *self)
{
  g_return_val_if_fail (COB_IS_RESULT_ROW (self), FALSE);
  return bench_result_is_success (self->result);
}

double
cob_result_row_get_ops_per_second (CobResultRow *self)
{
  g_return_val_if_fail (COB_IS_RESULT_ROW (self), 0);
  return bench_result_get_ops_per_second (self->result);
}

double
cob_result_row_get_avg_ns (CobResultRow *self)
{
  g_return_val_if_fail (COB_IS_RESULT_ROW (self), 0);
  return self->avg_ns;
}

double
cob_result_row_get_median_ns (CobResultRow *self)
{
  g_return_val_if_fail (COB_IS_RESULT_ROW (self), 0);
  return self->median_ns;
}

double
cob_result_row_get_p95_ns (CobResultRow *self)
{
  g_return_val_if_fail (COB_IS_RESULT_ROW (self), 0);
  return self->p95_ns;
}

double
cob_result_row_get_p99_ns (CobResultRow *self)
{
  g_return_val_if_fail (COB_IS_RESULT_ROW (self), 0);
  return self->p99_ns;
}

double
cob_result_row_get_spread (CobResultRow *self)
{
  g_return_val_if_fail (COB_IS_RESULT_ROW (self), 0);

  if (!bench_result_is_success (self->result))
    return 0;
  /* The ± every front end shows beside the headline; results of older
   * runs have only (p95 − p5) / median. */
  return bench_result_get_metric_double (self->result, "relative_mad",
                                         bench_result_get_spread (self->result));
}

/* The notes' tooltip: the whole sentence, or NULL when there is none. */
const char *
cob_result_row_get_notes_detail (CobResultRow *self)
{
  g_return_val_if_fail (COB_IS_RESULT_ROW (self), NULL);
  return self->notes_detail;
}

const char *
cob_result_row_get_notes (CobResultRow *self)
{
  g_return_val_if_fail (COB_IS_RESULT_ROW (self), NULL);
  return self->notes;
}
