/* costops-report.c: cost records grouped by day, provider, model,
 * organization, project and currency.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "costops-report.h"

#include <string.h>

#include "costops-error.h"

#define USEC_PER_DAY G_GINT64_CONSTANT (86400000000)
/* 0001-01-01 and 9999-12-31 as days since 1970-01-01. */
#define FIRST_DAY G_GINT64_CONSTANT (-719162)
#define LAST_DAY  G_GINT64_CONSTANT (2932896)
#define N_CURRENCIES (COSTOPS_CURRENCY_JPY + 1)

struct _CostopsReport {
  GObject             parent_instance;

  /* Every string of every row, stored once: rows with the same provider
   * share one pointer, which also makes grouping a pointer comparison. */
  GStringChunk       *strings;
  GArray             *rows;       /* CostopsReportRow */
  guint64             n_records;
  CostopsReportTotal  totals[N_CURRENCIES];
  guint               n_totals;
};

G_DEFINE_FINAL_TYPE (CostopsReport, costops_report, G_TYPE_OBJECT)

static void
costops_report_finalize (GObject *object)
{
  CostopsReport *self = COSTOPS_REPORT (object);

  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);

  G_OBJECT_CLASS (costops_report_parent_class)->finalize (object);
}

static void
costops_report_class_init (CostopsReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = costops_report_finalize;
}

static void
costops_report_init (CostopsReport *self)
{
  self->strings = g_string_chunk_new (4096);
  self->rows = g_array_new (FALSE, FALSE, sizeof (CostopsReportRow));
}

/* The grouping key; strings are interned, so pointers compare. */
typedef struct {
  gint64           day;
  const char      *provider;
  const char      *model;
  const char      *organization_id;
  const char      *project_id;
  CostopsCurrency  currency;
} GroupKey;

static guint
group_key_hash (gconstpointer p)
{
  const GroupKey *k = p;
  guint64 h = (guint64) k->day * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);

  h ^= (guintptr) k->provider + (h << 6) + (h >> 2);
  h ^= (guintptr) k->model + (h << 6) + (h >> 2);
  h ^= (guintptr) k->organization_id + (h << 6) + (h >> 2);
  h ^= (guintptr) k->project_id + (h << 6) + (h >> 2);
  h ^= (guint64) k->currency + (h << 6) + (h >> 2);
  return (guint) (h ^ (h >> 32));
}

static gboolean
group_key_equal (gconstpointer a,
                 gconstpointer b)
{
  const GroupKey *x = a, *y = b;

  return x->day == y->day && x->provider == y->provider && x->model == y->model &&
         x->organization_id == y->organization_id && x->project_id == y->project_id &&
         x->currency == y->currency;
}

static gboolean
record_error (GError                  **error,
              int                       code,
              gsize                     index,
              const CostopsCostRecord  *record,
              const char               *field,
              const char               *problem)
{
  g_autofree char *id = record->usage_id != NULL
    ? g_utf8_make_valid (record->usage_id, -1) : g_strdup ("(none)");

  g_set_error (error, COSTOPS_ERROR, code,
               "Cost record %" G_GSIZE_FORMAT " (usage id \"%s\"): %s %s",
               index, id, field, problem);
  return FALSE;
}

/* Interns a required (or, with @optional, nullable) text field. */
static gboolean
intern_field (CostopsReport            *self,
              const CostopsCostRecord  *record,
              gsize                     index,
              const char               *field,
              const char               *value,
              gboolean                  optional,
              const char              **out,
              GError                  **error)
{
  if (value == NULL || (optional && *value == '\0'))
    {
      if (!optional)
        return record_error (error, COSTOPS_ERROR_INVALID_FIELD, index, record, field, "is missing");
      *out = NULL;
      return TRUE;
    }
  if (*value == '\0')
    return record_error (error, COSTOPS_ERROR_INVALID_FIELD, index, record, field, "is empty");
  if (!g_utf8_validate (value, -1, NULL))
    return record_error (error, COSTOPS_ERROR_INVALID_FIELD, index, record, field,
                         "is not valid UTF-8 text");
  *out = g_string_chunk_insert_const (self->strings, value);
  return TRUE;
}

static gboolean
record_key (CostopsReport            *self,
            const CostopsCostRecord  *record,
            gsize                     index,
            GroupKey                 *key,
            GError                  **error)
{
  const char *provider = record->provider_name;
  gint64 day;

  if (provider == NULL && record->provider != COSTOPS_PROVIDER_CUSTOM)
    provider = costops_provider_to_string (record->provider, NULL);
  if (!intern_field (self, record, index, "provider", provider, FALSE, &key->provider, error) ||
      !intern_field (self, record, index, "model", record->model_name, FALSE, &key->model, error) ||
      !intern_field (self, record, index, "organization_id", record->organization_id, FALSE,
                     &key->organization_id, error) ||
      !intern_field (self, record, index, "project_id", record->project_id, TRUE,
                     &key->project_id, error))
    return FALSE;

  if ((guint) record->currency >= N_CURRENCIES)
    return record_error (error, COSTOPS_ERROR_INVALID_FIELD, index, record, "currency",
                         "is not a known currency");
  key->currency = record->currency;

  /* Floor division: instants before 1970 belong to the day before. */
  day = record->timestamp_us / USEC_PER_DAY;
  if (record->timestamp_us % USEC_PER_DAY < 0)
    day--;
  if (day < FIRST_DAY || day > LAST_DAY)
    return record_error (error, COSTOPS_ERROR_INVALID_FIELD, index, record, "timestamp",
                         "is outside the years 1 to 9999");
  key->day = day;
  return TRUE;
}

/* @days caches the text of each day seen, as reports span few days. */
static const char *
intern_day (CostopsReport *self,
            GHashTable    *days,
            gint64         day)
{
  g_autoptr(GDateTime) dt = NULL;
  const char *interned;
  char text[16];
  int y, m, d;

  interned = g_hash_table_lookup (days, &day);
  if (interned != NULL)
    return interned;

  dt = g_date_time_new_from_unix_utc (day * 86400);
  g_date_time_get_ymd (dt, &y, &m, &d);
  g_snprintf (text, sizeof text, "%04d-%02d-%02d", y, m, d);
  interned = g_string_chunk_insert_const (self->strings, text);
  g_hash_table_insert (days, g_memdup2 (&day, sizeof day), (gpointer) interned);
  return interned;
}

static int
compare_nullable (const char *a,
                  const char *b)
{
  if (a == b)
    return 0;
  if (a == NULL)
    return -1;
  if (b == NULL)
    return 1;
  return strcmp (a, b);
}

/* Row strings are interned: the same pointer is the same text, which
 * spares most string comparisons while sorting. */
static inline int
compare_interned (const char *a,
                  const char *b)
{
  return a == b ? 0 : strcmp (a, b);
}

static int
compare_rows (gconstpointer pa,
              gconstpointer pb)
{
  const CostopsReportRow *a = pa, *b = pb;
  int c;

  if ((c = compare_interned (a->day, b->day)) != 0 ||
      (c = compare_interned (a->provider, b->provider)) != 0 ||
      (c = compare_interned (a->model, b->model)) != 0 ||
      (c = compare_interned (a->organization_id, b->organization_id)) != 0 ||
      (c = compare_nullable (a->project_id, b->project_id)) != 0)
    return c;
  return (int) a->currency - (int) b->currency;
}

static gboolean
add_costs (CostopsMoney        *input,
           CostopsMoney        *output,
           CostopsMoney        *total,
           CostopsMoney         add_input,
           CostopsMoney         add_output,
           CostopsMoney         add_total,
           GError             **error)
{
  return costops_money_add (*input, add_input, input, error) &&
         costops_money_add (*output, add_output, output, error) &&
         costops_money_add (*total, add_total, total, error);
}

static gboolean
compute_totals (CostopsReport  *self,
                GError        **error)
{
  CostopsReportTotal sums[N_CURRENCIES] = { 0 };
  gboolean present[N_CURRENCIES] = { FALSE };

  for (guint i = 0; i < self->rows->len; i++)
    {
      const CostopsReportRow *row = &g_array_index (self->rows, CostopsReportRow, i);
      CostopsReportTotal *t = &sums[row->currency];

      present[row->currency] = TRUE;
      t->requests += row->requests;
      if (!add_costs (&t->input_cost, &t->output_cost, &t->total_cost,
                      row->input_cost, row->output_cost, row->total_cost, error))
        {
          g_prefix_error (error, "Total of the %s rows: ",
                          costops_currency_to_string (row->currency));
          return FALSE;
        }
    }

  self->n_totals = 0;
  for (guint c = 0; c < N_CURRENCIES; c++)
    if (present[c])
      {
        sums[c].currency = (CostopsCurrency) c;
        self->totals[self->n_totals++] = sums[c];
      }
  return TRUE;
}

CostopsReport *
costops_report_new (const CostopsCostRecord * const *records,
                    gsize                            n_records,
                    GError                         **error)
{
  g_autoptr(CostopsReport) self = NULL;
  g_autoptr(GHashTable) groups = NULL;
  g_autoptr(GHashTable) days = NULL;

  g_return_val_if_fail (records != NULL || n_records == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (COSTOPS_TYPE_REPORT, NULL);
  self->n_records = n_records;
  /* Maps a key to its row index plus one (so that no row is NULL). */
  groups = g_hash_table_new_full (group_key_hash, group_key_equal, g_free, NULL);
  days = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (gsize i = 0; i < n_records; i++)
    {
      const CostopsCostRecord *record = records[i];
      CostopsReportRow *row;
      GroupKey key;
      gpointer found;

      if (record == NULL)
        {
          g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD,
                       "Cost record %" G_GSIZE_FORMAT " is missing (NULL)", i);
          return NULL;
        }
      if (!record_key (self, record, i, &key, error))
        return NULL;

      found = g_hash_table_lookup (groups, &key);
      if (found == NULL)
        {
          CostopsReportRow fresh = {
            .day = intern_day (self, days, key.day),
            .provider = key.provider,
            .model = key.model,
            .organization_id = key.organization_id,
            .project_id = key.project_id,
            .currency = key.currency,
          };

          g_array_append_val (self->rows, fresh);
          found = GUINT_TO_POINTER (self->rows->len);
          g_hash_table_insert (groups, g_memdup2 (&key, sizeof key), found);
        }

      row = &g_array_index (self->rows, CostopsReportRow, GPOINTER_TO_UINT (found) - 1);
      row->requests++;
      if (!add_costs (&row->input_cost, &row->output_cost, &row->total_cost,
                      record->input_cost, record->output_cost, record->total_cost, error))
        {
          g_prefix_error (error, "Cost record %" G_GSIZE_FORMAT ": sum of the group %s/%s/%s/%s: ",
                          i, row->day, row->provider, row->model, row->organization_id);
          return NULL;
        }
    }

  g_array_sort (self->rows, compare_rows);
  if (!compute_totals (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

guint
costops_report_get_n_rows (CostopsReport *self)
{
  g_return_val_if_fail (COSTOPS_IS_REPORT (self), 0);

  return self->rows->len;
}

const CostopsReportRow *
costops_report_get_row (CostopsReport *self,
                        guint          index)
{
  g_return_val_if_fail (COSTOPS_IS_REPORT (self), NULL);
  g_return_val_if_fail (index < self->rows->len, NULL);

  return &g_array_index (self->rows, CostopsReportRow, index);
}

guint64
costops_report_get_n_records (CostopsReport *self)
{
  g_return_val_if_fail (COSTOPS_IS_REPORT (self), 0);

  return self->n_records;
}

const char *
costops_report_get_first_day (CostopsReport *self)
{
  g_return_val_if_fail (COSTOPS_IS_REPORT (self), NULL);

  return self->rows->len > 0 ? g_array_index (self->rows, CostopsReportRow, 0).day : NULL;
}

const char *
costops_report_get_last_day (CostopsReport *self)
{
  g_return_val_if_fail (COSTOPS_IS_REPORT (self), NULL);

  return self->rows->len > 0
    ? g_array_index (self->rows, CostopsReportRow, self->rows->len - 1).day : NULL;
}

const CostopsReportTotal *
costops_report_get_totals (CostopsReport *self,
                           guint         *n_totals)
{
  g_return_val_if_fail (COSTOPS_IS_REPORT (self), NULL);
  g_return_val_if_fail (n_totals != NULL, NULL);

  *n_totals = self->n_totals;
  return self->totals;
}
