/* cob-history-run-item.c: one run of the History page's run list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cob-history-run-item.h"

struct _CobHistoryRunItem
{
  GObject parent_instance;

  BenchRunRecord *run;
  char           *title;
  char           *subtitle;
  gboolean        is_baseline;
  gboolean        is_shown;
};

G_DEFINE_FINAL_TYPE (CobHistoryRunItem, cob_history_run_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_IS_BASELINE,
  PROP_IS_SHOWN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cob_history_run_item_finalize (GObject *object)
{
  CobHistoryRunItem *self = COB_HISTORY_RUN_ITEM (object);

  g_clear_pointer (&self->run, bench_run_record_unref);
  g_free (self->title);
  g_free (self->subtitle);
  G_OBJECT_CLASS (cob_history_run_item_parent_class)->finalize (object);
}

static void
cob_history_run_item_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CobHistoryRunItem *self = COB_HISTORY_RUN_ITEM (object);

  switch (prop_id)
    {
    case PROP_IS_BASELINE:
      g_value_set_boolean (value, self->is_baseline);
      break;
    case PROP_IS_SHOWN:
      g_value_set_boolean (value, self->is_shown);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cob_history_run_item_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CobHistoryRunItem *self = COB_HISTORY_RUN_ITEM (object);

  switch (prop_id)
    {
    case PROP_IS_BASELINE:
      cob_history_run_item_set_is_baseline (self, g_value_get_boolean (value));
      break;
    case PROP_IS_SHOWN:
      cob_history_run_item_set_is_shown (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cob_history_run_item_class_init (CobHistoryRunItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = cob_history_run_item_finalize;
  object_class->get_property = cob_history_run_item_get_property;
  object_class->set_property = cob_history_run_item_set_property;

  properties[PROP_IS_BASELINE] = g_param_spec_boolean ("is-baseline", NULL, NULL, FALSE, flags);
  properties[PROP_IS_SHOWN] = g_param_spec_boolean ("is-shown", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cob_history_run_item_init (CobHistoryRunItem *self)
{
}

CobHistoryRunItem *
cob_history_run_item_new (BenchRunRecord *run,
                          const char     *title,
                          const char     *subtitle)
{
  CobHistoryRunItem *self;

  g_return_val_if_fail (run != NULL, NULL);

  self = g_object_new (COB_TYPE_HISTORY_RUN_ITEM, NULL);
  self->run = bench_run_record_ref (run);
  self->title = g_strdup (title);
  self->subtitle = g_strdup (subtitle);
  return self;
}

BenchRunRecord *
cob_history_run_item_get_run (CobHistoryRunItem *self)
{
  g_return_val_if_fail (COB_IS_HISTORY_RUN_ITEM (self), NULL);
  return self->run;
}

const char *
cob_history_run_item_get_title (CobHistoryRunItem *self)
{
  g_return_val_if_fail (COB_IS_HISTORY_RUN_ITEM (self), NULL);
  return self->title;
}

const char *
cob_history_run_item_get_subtitle (CobHistoryRunItem *self)
{
  g_return_val_if_fail (COB_IS_HISTORY_RUN_ITEM (self), NULL);
  return self->subtitle;
}

gboolean
cob_history_run_item_get_is_baseline (CobHistoryRunItem *self)
{
  g_return_val_if_fail (COB_IS_HISTORY_RUN_ITEM (self), FALSE);
  return self->is_baseline;
}

void
cob_history_run_item_set_is_baseline (CobHistoryRunItem *self,
                                      gboolean           is_baseline)
{
  g_return_if_fail (COB_IS_HISTORY_RUN_ITEM (self));

  is_baseline = !!is_baseline;
  if (self->is_baseline == is_baseline)
    return;
  self->is_baseline = is_baseline;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_BASELINE]);
}

gboolean
cob_history_run_item_get_is_shown (CobHistoryRunItem *self)
{
  g_return_val_if_fail (COB_IS_HISTORY_RUN_ITEM (self), FALSE);
  return self->is_shown;
}

void
cob_history_run_item_set_is_shown (CobHistoryRunItem *self,
                                   gboolean           is_shown)
{
  g_return_if_fail (COB_IS_HISTORY_RUN_ITEM (self));

  is_shown = !!is_shown;
  if (self->is_shown == is_shown)
    return;
  self->is_shown = is_shown;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_SHOWN]);
}
