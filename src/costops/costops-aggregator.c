/* costops-aggregator.c: totals, breakdowns and windows (see the header).
 *
 * Where the time goes for 1,000 records, and what keeps it small:
 *  - string keys are grouped with the key table of
 *    costops-key-table-private.h (no strcmp, no allocation);
 *  - the seven known providers are indexed by their enum, no hashing;
 *  - one pass selects the records in the period; then each breakdown finds
 *    the groups of all of them in its own short loop, and one last loop
 *    adds the costs (see breakdown_find_groups() for why);
 *  - windows divide by a precomputed reciprocal instead of a 64-bit div;
 *  - every buffer is kept for the next run, so a run allocates nothing
 *    once the aggregator has seen as many records and keys.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "costops-aggregator.h"

#include <stdlib.h>
#include <string.h>

#include "costops-error.h"
#include "costops-int128-private.h"
#include "costops-key-table-private.h"

#define USEC_PER_HOUR       G_GINT64_CONSTANT (3600000000)
/* Beyond this many windows in the period, windows are found by sorting the
 * included records instead of indexing a dense array. */
#define MAX_DENSE_WINDOWS   4096
#define N_KNOWN_PROVIDERS   COSTOPS_PROVIDER_CUSTOM

typedef struct {
  CostopsKeyTable        keys;       /* key -> index in groups */
  CostopsAggregateGroup *groups;
  gsize                  n_groups;
  gsize                  groups_capacity;
  gssize                 null_group;                       /* records without a key */
  gssize                 provider_group[N_KNOWN_PROVIDERS]; /* PROVIDER only */
} Breakdown;

typedef struct {
  __int128 total;
  guint64  count;
} WindowSum;

typedef struct {
  gint64   index;
  __int128 cost;
} WindowEntry;

typedef struct {
  guint32 of[COSTOPS_N_DIMENSIONS];
} GroupIndices;

typedef struct {
  gint64  total;
  guint64 count;
} Sum64;

struct _CostopsAggregator {
  Breakdown               breakdowns[COSTOPS_N_DIMENSIONS];
  __int128                total;
  guint64                 count;
  CostopsMoney            average;
  CostopsCurrency         currency;

  /* Scratch: the records in the period, their costs, their group in each
   * breakdown, and 64-bit sums (see add_to_groups()). */
  const CostopsCostRecord **selected;
  __int128               *costs;
  GroupIndices           *indices;
  gsize                   selected_capacity;
  Sum64                  *sums;
  gsize                   sums_capacity;

  WindowSum              *dense;
  gsize                   dense_capacity;
  WindowEntry            *sparse;
  gsize                   sparse_capacity;
  CostopsAggregateWindow *windows;
  gsize                   n_windows;
  gsize                   windows_capacity;
};

/* --- breakdowns --- */

static void
breakdown_reset (Breakdown *b)
{
  costops_key_table_reset (&b->keys);
  b->n_groups = 0;
  b->null_group = -1;
  for (guint i = 0; i < N_KNOWN_PROVIDERS; i++)
    b->provider_group[i] = -1;
}

static void
breakdown_clear (Breakdown *b)
{
  costops_key_table_clear (&b->keys);
  g_clear_pointer (&b->groups, g_free);
}

static guint32
breakdown_new_group (Breakdown  *b,
                     const char *key)
{
  if (b->n_groups == b->groups_capacity)
    {
      b->groups_capacity = MAX (16, b->groups_capacity * 2);
      b->groups = g_renew (CostopsAggregateGroup, b->groups, b->groups_capacity);
    }
  b->groups[b->n_groups] = (CostopsAggregateGroup) { key, COSTOPS_MONEY_ZERO, 0 };
  return (guint32) b->n_groups++;
}

static inline __attribute__ ((always_inline)) const char *
record_key (const CostopsCostRecord *record,
            CostopsDimension         dimension)
{
  switch (dimension)
    {
    case COSTOPS_DIMENSION_MODEL:
      return record->model_name != NULL ? record->model_name : "";
    case COSTOPS_DIMENSION_ORGANIZATION:
      return record->organization_id != NULL ? record->organization_id : "";
    case COSTOPS_DIMENSION_PROJECT:
      return record->project_id;
    case COSTOPS_DIMENSION_PROVIDER:
    default:
      return record->provider_name != NULL ? record->provider_name : "custom";
    }
}

/* Finds every selected record's group of @dimension.
 *
 * Costs are added later, in add_to_groups(), on purpose: here the only
 * stores go to a scratch array, so the lookups of consecutive records are
 * independent and overlap in the CPU. Adding to a group's sum in this loop
 * would make each lookup wait for the previous record's read-modify-write.
 * Always inlined, so that each breakdown gets its own specialised loop. */
static inline __attribute__ ((always_inline)) void
breakdown_find_groups (Breakdown                       *b,
                       CostopsDimension                 dimension,
                       const CostopsCostRecord * const *records,
                       GroupIndices                    *indices,
                       gsize                            n)
{
  CostopsKeyProbe probe;

  costops_key_probe_init (&probe, &b->keys);

  for (gsize k = 0; k < n; k++)
    {
      const CostopsCostRecord *record = records[k];
      guint32 group;

      if (dimension == COSTOPS_DIMENSION_PROVIDER && (guint) record->provider < N_KNOWN_PROVIDERS)
        {
          gssize *index = &b->provider_group[record->provider];

          if (G_UNLIKELY (*index < 0))
            *index = breakdown_new_group (b, costops_provider_to_string (record->provider, NULL));
          group = (guint32) *index;
        }
      else if (dimension == COSTOPS_DIMENSION_PROJECT && record->project_id == NULL)
        {
          if (b->null_group < 0)
            b->null_group = breakdown_new_group (b, NULL);
          group = (guint32) b->null_group;
        }
      else
        {
          CostopsKeyInfo info;

          costops_key_info_init (&info, record_key (record, dimension));
          group = costops_key_probe_lookup (&probe, &info);
          if (G_UNLIKELY (group == COSTOPS_KEY_ABSENT))
            {
              group = breakdown_new_group (b, info.key);
              costops_key_table_insert (&b->keys, &info, group);
              costops_key_probe_init (&probe, &b->keys);
            }
        }
      indices[k].of[dimension] = group;
    }
}

/* Adds each selected record's cost to its group in every breakdown; FALSE
 * when a group's sum overflows (only possible with negative costs, as the
 * total did not).
 *
 * When every cost is small enough that no sum of them can leave 64 bits
 * (@small_costs, known from the first pass), the sums are kept in 64 bits
 * without overflow checks, which halves the work per record; they are
 * widened into the groups at the end. */
static gboolean
add_to_groups (CostopsAggregator *self,
               gboolean           small_costs)
{
  const __int128 *costs = self->costs;
  const GroupIndices *indices = self->indices;
  gboolean overflow = FALSE;

  if (small_costs)
    {
      Sum64 *sums[COSTOPS_N_DIMENSIONS];
      gsize n_sums = 0;

      for (guint d = 0; d < COSTOPS_N_DIMENSIONS; d++)
        n_sums += self->breakdowns[d].n_groups;
      if (n_sums > self->sums_capacity)
        {
          self->sums_capacity = MAX (n_sums, self->sums_capacity * 2);
          g_free (self->sums);
          self->sums = g_new (Sum64, self->sums_capacity);
        }
      memset (self->sums, 0, sizeof (Sum64) * n_sums);
      sums[0] = self->sums;
      for (guint d = 1; d < COSTOPS_N_DIMENSIONS; d++)
        sums[d] = sums[d - 1] + self->breakdowns[d - 1].n_groups;

      for (gsize k = 0; k < self->count; k++)
        {
          gint64 cost = (gint64) costs[k];

          for (guint d = 0; d < COSTOPS_N_DIMENSIONS; d++)
            {
              Sum64 *sum = &sums[d][indices[k].of[d]];

              sum->total += cost;
              sum->count++;
            }
        }

      for (guint d = 0; d < COSTOPS_N_DIMENSIONS; d++)
        for (gsize g = 0; g < self->breakdowns[d].n_groups; g++)
          {
            self->breakdowns[d].groups[g].total_cost.units = sums[d][g].total;
            self->breakdowns[d].groups[g].request_count = sums[d][g].count;
          }
      return TRUE;
    }

  for (gsize k = 0; k < self->count; k++)
    {
      __int128 cost = costs[k];

      for (guint d = 0; d < COSTOPS_N_DIMENSIONS; d++)
        {
          CostopsAggregateGroup *group = &self->breakdowns[d].groups[indices[k].of[d]];

          group->request_count++;
          overflow |= __builtin_add_overflow (group->total_cost.units, cost, &group->total_cost.units);
        }
    }
  return !overflow;
}

static int
compare_groups (const void *pa,
                const void *pb)
{
  const CostopsAggregateGroup *a = pa, *b = pb;

  if (a->total_cost.units != b->total_cost.units)
    return a->total_cost.units > b->total_cost.units ? -1 : 1;
  if (a->key == NULL || b->key == NULL)
    return (a->key == NULL) - (b->key == NULL);
  return strcmp (a->key, b->key);
}

/* Breakdowns usually have a few dozen groups: an inline insertion sort
 * beats qsort()'s indirect calls there; many groups go to qsort(). */
static void
sort_groups (CostopsAggregateGroup *groups,
             gsize                  n)
{
  if (n > 64)
    {
      qsort (groups, n, sizeof (CostopsAggregateGroup), compare_groups);
      return;
    }
  for (gsize i = 1; i < n; i++)
    {
      CostopsAggregateGroup item = groups[i];
      gsize j = i;

      for (; j > 0 && compare_groups (&item, &groups[j - 1]) < 0; j--)
        groups[j] = groups[j - 1];
      groups[j] = item;
    }
}

/* --- windows --- */

static inline gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if (a % b != 0 && a < 0)
    q--;
  return q;
}

/* n / d for the window length d >= 2, given reciprocal = floor((2^64 - 1) / d).
 * A 64-bit division costs about ten cycles of throughput, which for 1,000
 * records was the largest single cost of a run. With r = floor((2^64-1)/d),
 * n × r / 2^64 > n / d − 1 (as n < 2^64), so the estimate is the quotient or
 * one less; one compare fixes it. */
static inline guint64
divide_by_window (guint64 n,
                  guint64 d,
                  guint64 reciprocal)
{
  guint64 q = COSTOPS_U128_HI ((costops_u128) n * reciprocal);

  q += (n - q * d) >= d;
  return q;
}

static gint64
saturating_mul (gint64 a,
                gint64 b)
{
  gint64 r;

  if (__builtin_mul_overflow (a, b, &r))
    return (a < 0) != (b < 0) ? G_MININT64 : G_MAXINT64;
  return r;
}

static void
append_window (CostopsAggregator *self,
               gint64             index,
               gint64             length,
               __int128           total,
               guint64            count)
{
  gint64 start = saturating_mul (index, length);
  gint64 end;

  if (__builtin_add_overflow (start, length, &end))
    end = G_MAXINT64;
  if (self->n_windows == self->windows_capacity)
    {
      self->windows_capacity = MAX (64, self->windows_capacity * 2);
      self->windows = g_renew (CostopsAggregateWindow, self->windows, self->windows_capacity);
    }
  self->windows[self->n_windows++] = (CostopsAggregateWindow) {
    start, end, costops_money_from_units (total), count,
  };
}

static int
compare_window_entries (const void *pa,
                        const void *pb)
{
  const WindowEntry *a = pa, *b = pb;

  return (a->index > b->index) - (a->index < b->index);
}

/* --- public API --- */

CostopsAggregator *
costops_aggregator_new (void)
{
  return g_new0 (CostopsAggregator, 1);
}

void
costops_aggregator_free (CostopsAggregator *self)
{
  if (self == NULL)
    return;
  for (guint d = 0; d < COSTOPS_N_DIMENSIONS; d++)
    breakdown_clear (&self->breakdowns[d]);
  g_free (self->selected);
  g_free (self->costs);
  g_free (self->indices);
  g_free (self->sums);
  g_free (self->dense);
  g_free (self->sparse);
  g_free (self->windows);
  g_free (self);
}

static void
reset_results (CostopsAggregator *self)
{
  for (guint d = 0; d < COSTOPS_N_DIMENSIONS; d++)
    breakdown_reset (&self->breakdowns[d]);
  self->total = 0;
  self->count = 0;
  self->average = COSTOPS_MONEY_ZERO;
  self->currency = COSTOPS_CURRENCY_USD;
  self->n_windows = 0;
}

static G_GNUC_NO_INLINE gboolean
fail_record (CostopsAggregator       *self,
             const CostopsCostRecord *record,
             gsize                    position,
             CostopsError             code,
             GError                 **error)
{
  const char *id = record->usage_id != NULL ? record->usage_id : "(no id)";

  if (code == COSTOPS_ERROR_CURRENCY_MISMATCH)
    g_set_error (error, COSTOPS_ERROR, code,
                 "cost record %" G_GSIZE_FORMAT " (“%s”) is in %s but earlier records are in %s",
                 position, id, costops_currency_to_string (record->currency),
                 costops_currency_to_string (self->currency));
  else
    g_set_error (error, COSTOPS_ERROR, code,
                 "cost record %" G_GSIZE_FORMAT " (“%s”): the sum of costs overflows exact 128-bit arithmetic",
                 position, id);
  reset_results (self);
  return FALSE;
}

gboolean
costops_aggregator_run (CostopsAggregator               *self,
                        const CostopsCostRecord * const *records,
                        gsize                            n_records,
                        gint64                           start_us,
                        gint64                           end_us,
                        guint                            window_hours,
                        GError                         **error)
{
  Breakdown *providers = &self->breakdowns[COSTOPS_DIMENSION_PROVIDER];
  Breakdown *models = &self->breakdowns[COSTOPS_DIMENSION_MODEL];
  Breakdown *organizations = &self->breakdowns[COSTOPS_DIMENSION_ORGANIZATION];
  Breakdown *projects = &self->breakdowns[COSTOPS_DIMENSION_PROJECT];
  gint64 window_length = 0, first_window = 0;
  guint64 first_window_start = 0, window_reciprocal = 0;
  gsize n_dense = 0, n_sparse = 0;
  gboolean dense_windows = FALSE;
  gboolean small_costs = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (records != NULL || n_records == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  reset_results (self);

  if (start_us > end_us)
    {
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD,
                   "period start (%" G_GINT64_FORMAT ") is after its end (%" G_GINT64_FORMAT ")",
                   start_us, end_us);
      return FALSE;
    }
  if (window_hours > 0 && __builtin_mul_overflow ((gint64) window_hours, USEC_PER_HOUR, &window_length))
    {
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD,
                   "window_hours %u is too long", window_hours);
      return FALSE;
    }

  if (window_length > 0 && start_us < end_us)
    {
      gint64 last_window;

      first_window = floor_div (start_us, window_length);
      last_window = floor_div (end_us - 1, window_length);
      /* Modulo 2^64 on purpose: only differences from it are used. */
      first_window_start = (guint64) first_window * (guint64) window_length;
      window_reciprocal = G_MAXUINT64 / (guint64) window_length;
      if (last_window - first_window < MAX_DENSE_WINDOWS)
        {
          dense_windows = TRUE;
          n_dense = (gsize) (last_window - first_window + 1);
          if (n_dense > self->dense_capacity)
            {
              self->dense_capacity = MAX (n_dense, self->dense_capacity * 2);
              g_free (self->dense);
              self->dense = g_new (WindowSum, self->dense_capacity);
            }
          memset (self->dense, 0, sizeof (WindowSum) * n_dense);
        }
    }

  if (n_records > self->selected_capacity)
    {
      self->selected_capacity = MAX (n_records, self->selected_capacity * 2);
      g_free (self->selected);
      g_free (self->costs);
      g_free (self->indices);
      self->selected = g_new (const CostopsCostRecord *, self->selected_capacity);
      self->costs = g_new (__int128, self->selected_capacity);
      self->indices = g_new (GroupIndices, self->selected_capacity);
    }

  /* First pass: the records in the period, their total and windows.
   * Accumulators are locals: the project builds with -fno-strict-aliasing,
   * so fields of @self would be reloaded and stored on every record. */
  {
    const CostopsCostRecord **selected = self->selected;
    __int128 *costs = self->costs;
    WindowSum *dense = self->dense;
    __int128 total = 0;
    costops_u128 magnitudes = 0;
    gsize count = 0;
    CostopsCurrency currency = COSTOPS_CURRENCY_USD;

    for (gsize i = 0; i < n_records; i++)
      {
        const CostopsCostRecord *record = records[i];
        __int128 cost = record->total_cost.units;
        gint64 timestamp = record->timestamp_us;

        if (timestamp < start_us || timestamp >= end_us)
          continue;

        if (G_UNLIKELY (count == 0))
          currency = record->currency;
        else if (G_UNLIKELY (record->currency != currency))
          {
            self->currency = currency;
            return fail_record (self, record, i, COSTOPS_ERROR_CURRENCY_MISMATCH, error);
          }

        if (G_UNLIKELY (__builtin_add_overflow (total, cost, &total)))
          return fail_record (self, record, i, COSTOPS_ERROR_OVERFLOW, error);
        /* At least every |cost| − 1, OR-ed: bounds the largest magnitude. */
        magnitudes |= (costops_u128) (cost ^ (cost >> 127));
        selected[count] = record;
        costs[count] = cost;
        count++;

        if (dense_windows)
          {
            /* Unsigned: timestamp >= the first window's start, and the
             * difference fits 64 bits even when the start is very negative. */
            guint64 offset = (guint64) timestamp - first_window_start;
            WindowSum *sum = &dense[divide_by_window (offset, window_length, window_reciprocal)];

            sum->count++;
            if (G_UNLIKELY (__builtin_add_overflow (sum->total, cost, &sum->total)))
              return fail_record (self, record, i, COSTOPS_ERROR_OVERFLOW, error);
          }
        else if (window_length > 0)
          {
            if (n_sparse == self->sparse_capacity)
              {
                self->sparse_capacity = MAX (256, self->sparse_capacity * 2);
                self->sparse = g_renew (WindowEntry, self->sparse, self->sparse_capacity);
              }
            self->sparse[n_sparse++] = (WindowEntry) { floor_div (timestamp, window_length), cost };
          }
      }

    self->total = total;
    self->count = count;
    self->currency = currency;
    /* No sum of @count costs can leave 64 bits (see add_to_groups()). */
    small_costs = count > 0 && magnitudes < (costops_u128) (G_MAXINT64 / count) - 1;
  }

  /* One breakdown at a time: see breakdown_find_groups(). */
  breakdown_find_groups (providers, COSTOPS_DIMENSION_PROVIDER, self->selected, self->indices, self->count);
  breakdown_find_groups (models, COSTOPS_DIMENSION_MODEL, self->selected, self->indices, self->count);
  breakdown_find_groups (organizations, COSTOPS_DIMENSION_ORGANIZATION, self->selected, self->indices, self->count);
  breakdown_find_groups (projects, COSTOPS_DIMENSION_PROJECT, self->selected, self->indices, self->count);
  if (!add_to_groups (self, small_costs))
    {
      g_set_error_literal (error, COSTOPS_ERROR, COSTOPS_ERROR_OVERFLOW,
                           "the costs of one breakdown group overflow exact 128-bit arithmetic");
      reset_results (self);
      return FALSE;
    }

  if (self->count > 0)
    self->average = costops_money_from_units (costops_div_round_half_even (self->total, self->count));

  for (guint d = 0; d < COSTOPS_N_DIMENSIONS; d++)
    {
      Breakdown *b = &self->breakdowns[d];

      /* Sorting invalidates the key table's group indices: fine, they
       * are discarded by the next reset. */
      sort_groups (b->groups, b->n_groups);
    }

  if (dense_windows)
    {
      for (gsize w = 0; w < n_dense; w++)
        if (self->dense[w].count > 0)
          append_window (self, first_window + (gint64) w, window_length,
                         self->dense[w].total, self->dense[w].count);
    }
  else if (n_sparse > 0)
    {
      qsort (self->sparse, n_sparse, sizeof (WindowEntry), compare_window_entries);
      for (gsize j = 0; j < n_sparse;)
        {
          gint64 index = self->sparse[j].index;
          __int128 total = 0;
          guint64 count = 0;

          for (; j < n_sparse && self->sparse[j].index == index; j++, count++)
            if (__builtin_add_overflow (total, self->sparse[j].cost, &total))
              {
                g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_OVERFLOW,
                             "the costs of one window overflow exact 128-bit arithmetic");
                reset_results (self);
                return FALSE;
              }
          append_window (self, index, window_length, total, count);
        }
    }

  return TRUE;
}

CostopsMoney
costops_aggregator_get_total_cost (const CostopsAggregator *self)
{
  g_return_val_if_fail (self != NULL, COSTOPS_MONEY_ZERO);
  return costops_money_from_units (self->total);
}

guint64
costops_aggregator_get_request_count (const CostopsAggregator *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->count;
}

CostopsMoney
costops_aggregator_get_average_cost (const CostopsAggregator *self)
{
  g_return_val_if_fail (self != NULL, COSTOPS_MONEY_ZERO);
  return self->average;
}

CostopsCurrency
costops_aggregator_get_currency (const CostopsAggregator *self)
{
  g_return_val_if_fail (self != NULL, COSTOPS_CURRENCY_USD);
  return self->currency;
}

const CostopsAggregateGroup *
costops_aggregator_get_groups (const CostopsAggregator *self,
                               CostopsDimension         dimension,
                               gsize                   *n_groups)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail ((guint) dimension < COSTOPS_N_DIMENSIONS, NULL);
  g_return_val_if_fail (n_groups != NULL, NULL);

  *n_groups = self->breakdowns[dimension].n_groups;
  return self->breakdowns[dimension].groups;
}

const CostopsAggregateWindow *
costops_aggregator_get_windows (const CostopsAggregator *self,
                                gsize                   *n_windows)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_windows != NULL, NULL);

  *n_windows = self->n_windows;
  return self->windows;
}
