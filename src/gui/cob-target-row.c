/* cob-target-row.c: a benchmark target's selection and run state.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "bench-callgrind.h"
#include "cob-format.h"
#include "cob-target-row.h"

struct _CobTargetRow
{
  GObject parent_instance;

  const BenchTarget *target;
  gboolean selected;
  CobTargetStatus status;
  double fraction;
  double ops_per_second;
  double instructions;   /* per operation, when counted; else 0 */
  char *error;
  char *status_text;
};

G_DEFINE_FINAL_TYPE (CobTargetRow, cob_target_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_CATEGORY,
  PROP_SELECTED,
  PROP_STATUS,
  PROP_FRACTION,
  PROP_OPS_PER_SECOND,
  PROP_ERROR,
  PROP_STATUS_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cob_target_row_finalize (GObject *object)
{
  CobTargetRow *self = COB_TARGET_ROW (object);

  g_free (self->error);
  g_free (self->status_text);
  G_OBJECT_CLASS (cob_target_row_parent_class)->finalize (object);
}

static void
cob_target_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CobTargetRow *self = COB_TARGET_ROW (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, cob_target_row_get_id (self));
      break;
    case PROP_TITLE:
      g_value_set_string (value, cob_target_row_get_title (self));
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, cob_target_row_get_description (self));
      break;
    case PROP_CATEGORY:
      g_value_set_string (value, cob_target_row_get_category (self));
      break;
    case PROP_SELECTED:
      g_value_set_boolean (value, self->selected);
      break;
    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_OPS_PER_SECOND:
      g_value_set_double (value, self->ops_per_second);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    case PROP_STATUS_TEXT:
      g_value_set_string (value, cob_target_row_get_status_text (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cob_target_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CobTargetRow *self = COB_TARGET_ROW (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      cob_target_row_set_selected (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cob_target_row_class_init (CobTargetRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = cob_target_row_finalize;
  object_class->get_property = cob_target_row_get_property;
  object_class->set_property = cob_target_row_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, ro);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, ro);
  properties[PROP_CATEGORY] = g_param_spec_string ("category", NULL, NULL, NULL, ro);
  properties[PROP_SELECTED] =
    g_param_spec_boolean ("selected", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL, COB_TARGET_STATUS_IDLE, COB_TARGET_STATUS_CANCELLED,
                      COB_TARGET_STATUS_IDLE, ro);
  properties[PROP_FRACTION] = g_param_spec_double ("fraction", NULL, NULL, 0, 1, 0, ro);
  properties[PROP_OPS_PER_SECOND] =
    g_param_spec_double ("ops-per-second", NULL, NULL, 0, G_MAXDOUBLE, 0, ro);
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, ro);
  properties[PROP_STATUS_TEXT] = g_param_spec_string ("status-text", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cob_target_row_init (CobTargetRow *self)
{
}

CobTargetRow *
cob_target_row_new (const BenchTarget *target)
{
  CobTargetRow *self;

  g_return_val_if_fail (target != NULL, NULL);

  self = g_object_new (COB_TYPE_TARGET_ROW, NULL);
  self->target = target;
  return self;
}

const BenchTarget *
cob_target_row_get_target (CobTargetRow *self)
{
  g_return_val_if_fail (COB_IS_TARGET_ROW (self), NULL);
  return self->target;
}

const char *
cob_target_row_get_id (CobTargetRow *self)
{
  g_return_val_if_fail (COB_IS_TARGET_ROW (self), NULL);
  return self->target->id;
}

const char *
cob_target_row_get_title (CobTargetRow *self)
{
  g_return_val_if_fail (COB_IS_TARGET_ROW (self), NULL);
  if (self->target->display_name == NULL || self->target->display_name[0] == '\0')
    return self->target->id;
  return _(self->target->display_name);
}

const char *
cob_target_row_get_description (CobTargetRow *self)
{
  g_return_val_if_fail (COB_IS_TARGET_ROW (self), NULL);
  if (self->target->description == NULL || self->target->description[0] == '\0')
    return "";
  return _(self->target->description);
}

const char *
cob_target_row_get_category (CobTargetRow *self)
{
  g_return_val_if_fail (COB_IS_TARGET_ROW (self), NULL);
  return self->target->category != NULL ? self->target->category : "";
}

gboolean
cob_target_row_get_selected (CobTargetRow *self)
{
  g_return_val_if_fail (COB_IS_TARGET_ROW (self), FALSE);
  return self->selected;
}

void
cob_target_row_set_selected (CobTargetRow *self,
                             gboolean      selected)
{
  g_return_if_fail (COB_IS_TARGET_ROW (self));

  selected = !!selected;
  if (self->selected == selected)
    return;
  self->selected = selected;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

CobTargetStatus
cob_target_row_get_status (CobTargetRow *self)
{
  g_return_val_if_fail (COB_IS_TARGET_ROW (self), COB_TARGET_STATUS_IDLE);
  return self->status;
}

double
cob_target_row_get_fraction (CobTargetRow *self)
{
  g_return_val_if_fail (COB_IS_TARGET_ROW (self), 0);
  return self->fraction;
}

double
cob_target_row_get_ops_per_second (CobTargetRow *self)
{
  g_return_val_if_fail (COB_IS_TARGET_ROW (self), 0);
  return self->ops_per_second;
}

const char *
cob_target_row_get_error (CobTargetRow *self)
{
  g_return_val_if_fail (COB_IS_TARGET_ROW (self), NULL);
  return self->error;
}

static char *
build_status_text (CobTargetRow *self)
{
  switch (self->status)
    {
    case COB_TARGET_STATUS_IDLE:
      return g_strdup ("");
    case COB_TARGET_STATUS_PENDING:
      return g_strdup (C_("target status", "Waiting"));
    case COB_TARGET_STATUS_RUNNING:
      /* Translators: a target's progress, e.g. "42 %". */
      return g_strdup_printf (C_("target status", "%d %%"), (int) (self->fraction * 100.0));
    case COB_TARGET_STATUS_DONE:
      if (self->instructions > 0.0)
        {
          g_autofree char *count = cob_format_grouped (self->instructions);

          /* Translators: instructions per operation counted by Valgrind, e.g. "181,270 instr/op". */
          return g_strdup_printf (C_("target status", "%s instr/op"), count);
        }
      {
        g_autofree char *ops = cob_format_grouped (self->ops_per_second);
        /* Translators: operations per second, e.g. "24,512,346 ops/s". */
        return g_strdup_printf (C_("target status", "%s ops/s"), ops);
      }
    case COB_TARGET_STATUS_FAILED:
      return g_strdup (C_("target status", "Failed"));
    case COB_TARGET_STATUS_CANCELLED:
      return g_strdup (C_("target status", "Cancelled"));
    default:
      g_return_val_if_reached (g_strdup (""));
    }
}

const char *
cob_target_row_get_status_text (CobTargetRow *self)
{
  g_return_val_if_fail (COB_IS_TARGET_ROW (self), NULL);
  if (self->status_text == NULL)
    self->status_text = build_status_text (self);
  return self->status_text;
}

void
cob_target_row_update (CobTargetRow    *self,
                       CobTargetStatus  status,
                       double           fraction,
                       BenchResult     *result)
{
  GObject *object = G_OBJECT (self);
  g_autofree char *old_text = NULL;
  double ops = self->ops_per_second;
  const char *error = self->error;
  g_autofree char *error_message = NULL;

  g_return_if_fail (COB_IS_TARGET_ROW (self));

  fraction = CLAMP (fraction, 0.0, 1.0);
  if (status == COB_TARGET_STATUS_DONE)
    fraction = 1.0;

  if (status == COB_TARGET_STATUS_IDLE || status == COB_TARGET_STATUS_PENDING)
    {
      ops = 0;
      error = NULL;
      self->instructions = 0.0;
    }
  if (result != NULL && bench_result_is_success (result))
    {
      ops = bench_result_get_ops_per_second (result);
      error = NULL;
      self->instructions = bench_callgrind_get_instructions (result);
    }
  else if (result != NULL)
    {
      const GError *failure = bench_result_get_error (result);

      error = error_message = g_strdup (failure != NULL ? failure->message : _("Unknown error"));
    }

  g_object_freeze_notify (object);
  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (object, properties[PROP_STATUS]);
    }
  if (self->fraction != fraction)
    {
      self->fraction = fraction;
      g_object_notify_by_pspec (object, properties[PROP_FRACTION]);
    }
  if (self->ops_per_second != ops)
    {
      self->ops_per_second = ops;
      g_object_notify_by_pspec (object, properties[PROP_OPS_PER_SECOND]);
    }
  if (g_strcmp0 (self->error, error) != 0)
    {
      char *copy = g_strdup (error);

      g_free (self->error);
      self->error = copy;
      g_object_notify_by_pspec (object, properties[PROP_ERROR]);
    }

  old_text = g_steal_pointer (&self->status_text);
  if (g_strcmp0 (old_text, cob_target_row_get_status_text (self)) != 0)
    g_object_notify_by_pspec (object, properties[PROP_STATUS_TEXT]);
  g_object_thaw_notify (object);
}
