/* costops-aggregator.c: totals, breakdowns and windows (see the header).
 *
 * Where the time goes for 1,000 records, and what keeps it small:
 *  - one pass over the records does everything per record: the period
 *    test, the exact total, the four groups and the window;
 *  - string keys are grouped with the key table of
 *    costops-key-table-private.h: the records' dimension strings are
 *    interned (costops-records.h), so a key is found by its address, and
 *    its bytes are read once per distinct pointer per run, not per record;
 *  - the seven known providers are indexed by their enum, no hashing;
 *  - the pass adds each cost to 64-bit sums kept as 16-byte vectors (total
 *    and count in one store, see Sum64), betting that the costs are small
 *    enough; the exact 128-bit total of the same pass says whether the bet
 *    held, and if not a second, overflow-checked pass recomputes the
 *    groups and windows (add_exact());
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

/* A running sum in the fast pass: lane 0 the total modulo 2^64, lane 1 the
 * count. As one 16-byte vector, a record costs its group one load, one add
 * and one store, where two scalar fields cost two of each: the pass is
 * bound by stores. Unsigned, so that wrapping (when the bet on small costs
 * is lost, and the sums are discarded) is defined. */
typedef guint64 Sum64 __attribute__ ((vector_size (16)));

typedef struct {
  CostopsKeyTable        keys;       /* key -> index in groups */
  CostopsAggregateGroup *groups;
  Sum64                 *sums;       /* parallel to groups */
  gsize                  n_groups;
  gsize                  groups_capacity;
  gssize                 null_group; /* records without a key */
} Breakdown;

typedef struct {
  __int128 total;
  guint64  count;
} WindowSum;

typedef struct {
  gint64   index;
  __int128 cost;
} WindowEntry;

struct _CostopsAggregator {
  Breakdown               breakdowns[COSTOPS_N_DIMENSIONS];
  __int128                total;
  guint64                 count;
  CostopsMoney            average;
  CostopsCurrency         currency;

  /* Dense windows: 64-bit sums for the fast pass, exact ones for
   * add_exact() and the results. */
  Sum64                  *window_sums;
  WindowSum              *dense;
  gsize                   dense_capacity;
  WindowEntry            *sparse;
  gsize                   sparse_capacity;
  CostopsAggregateWindow *windows;
  gsize                   n_windows;
  gsize                   windows_capacity;
};

/* How the records of a run map to windows. */
typedef struct {
  gint64  length;        /* 0: no windows */
  gint64  first;         /* index of the first window of the period */
  guint64 first_start;   /* its start, modulo 2^64 */
  guint64 reciprocal;    /* see divide_by_window() */
  gsize   n_dense;       /* 0: sparse windows (or none) */
} WindowPlan;

/* The lookup state of a run, kept in locals. */
typedef struct {
  CostopsKeyProbe probes[COSTOPS_N_DIMENSIONS];   /* PROVIDER: custom names only */
  gssize          provider_group[N_KNOWN_PROVIDERS];
} Finder;

/* --- breakdowns --- */

static void
breakdown_reset (Breakdown *b)
{
  costops_key_table_reset (&b->keys);
  b->n_groups = 0;
  b->null_group = -1;
}

static void
breakdown_clear (Breakdown *b)
{
  costops_key_table_clear (&b->keys);
  g_clear_pointer (&b->groups, g_free);
  g_clear_pointer (&b->sums, g_aligned_free);
}

/* Sums are zeroed here, when a group is born, so that a run clears no
 * arrays. */
static guint32
breakdown_new_group (Breakdown  *b,
                     const char *key)
{
  if (b->n_groups == b->groups_capacity)
    {
      Sum64 *sums;

      b->groups_capacity = MAX (16, b->groups_capacity * 2);
      b->groups = g_renew (CostopsAggregateGroup, b->groups, b->groups_capacity);
      sums = g_aligned_alloc (b->groups_capacity, sizeof (Sum64), sizeof (Sum64));
      if (b->n_groups > 0)
        memcpy (sums, b->sums, sizeof (Sum64) * b->n_groups);
      g_aligned_free (b->sums);
      b->sums = sums;
    }
  b->groups[b->n_groups] = (CostopsAggregateGroup) { key, COSTOPS_MONEY_ZERO, 0 };
  b->sums[b->n_groups] = (Sum64) { 0, 0 };
  return (guint32) b->n_groups++;
}

/* The group of @key (not NULL) in @b, created if new. */
static inline __attribute__ ((always_inline)) guint32
breakdown_lookup (Breakdown       *b,
                  CostopsKeyProbe *probe,
                  const char      *key)
{
  guint32 group = costops_key_probe_lookup (probe, key);

  if (G_UNLIKELY (group == COSTOPS_KEY_ABSENT))
    {
      group = costops_key_table_find_or_add (&b->keys, key, (guint32) b->n_groups);
      if (group == b->n_groups)
        breakdown_new_group (b, key);
      costops_key_probe_init (probe, &b->keys);
    }
  return group;
}

static void
finder_init (Finder            *finder,
             CostopsAggregator *self)
{
  for (guint d = 0; d < COSTOPS_N_DIMENSIONS; d++)
    costops_key_probe_init (&finder->probes[d], &self->breakdowns[d].keys);
  for (guint i = 0; i < N_KNOWN_PROVIDERS; i++)
    finder->provider_group[i] = -1;
}

/* @record's group in each breakdown, into @out. */
static inline __attribute__ ((always_inline)) void
find_groups (CostopsAggregator       *self,
             Finder                  *finder,
             const CostopsCostRecord *record,
             guint32                  out[COSTOPS_N_DIMENSIONS])
{
  Breakdown *providers = &self->breakdowns[COSTOPS_DIMENSION_PROVIDER];
  Breakdown *projects = &self->breakdowns[COSTOPS_DIMENSION_PROJECT];

  /* The seven known providers by their enum, no lookup. */
  if (G_LIKELY ((guint) record->provider < N_KNOWN_PROVIDERS))
    {
      gssize *index = &finder->provider_group[record->provider];

      if (G_UNLIKELY (*index < 0))
        *index = breakdown_new_group (providers, costops_provider_to_string (record->provider, NULL));
      out[COSTOPS_DIMENSION_PROVIDER] = (guint32) *index;
    }
  else
    {
      out[COSTOPS_DIMENSION_PROVIDER] =
        breakdown_lookup (providers, &finder->probes[COSTOPS_DIMENSION_PROVIDER],
                          record->provider_name != NULL ? record->provider_name : "custom");
    }

  out[COSTOPS_DIMENSION_MODEL] =
    breakdown_lookup (&self->breakdowns[COSTOPS_DIMENSION_MODEL], &finder->probes[COSTOPS_DIMENSION_MODEL],
                      record->model_name != NULL ? record->model_name : "");
  out[COSTOPS_DIMENSION_ORGANIZATION] =
    breakdown_lookup (&self->breakdowns[COSTOPS_DIMENSION_ORGANIZATION],
                      &finder->probes[COSTOPS_DIMENSION_ORGANIZATION],
                      record->organization_id != NULL ? record->organization_id : "");

  if (G_LIKELY (record->project_id != NULL))
    {
      out[COSTOPS_DIMENSION_PROJECT] =
        breakdown_lookup (projects, &finder->probes[COSTOPS_DIMENSION_PROJECT], record->project_id);
    }
  else
    {
      if (projects->null_group < 0)
        projects->null_group = breakdown_new_group (projects, NULL);
      out[COSTOPS_DIMENSION_PROJECT] = (guint32) projects->null_group;
    }
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
  g_aligned_free (self->window_sums);
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

/* Plans the windows of [start_us, end_us) and readies their buffers. */
static void
plan_windows (CostopsAggregator *self,
              WindowPlan        *plan,
              gint64             window_length,
              gint64             start_us,
              gint64             end_us)
{
  gint64 last;

  *plan = (WindowPlan) { window_length, 0, 0, 0, 0 };
  if (window_length == 0 || start_us >= end_us)
    return;

  plan->first = floor_div (start_us, window_length);
  last = floor_div (end_us - 1, window_length);
  /* Modulo 2^64 on purpose: only differences from it are used. */
  plan->first_start = (guint64) plan->first * (guint64) window_length;
  plan->reciprocal = G_MAXUINT64 / (guint64) window_length;
  if (last - plan->first >= MAX_DENSE_WINDOWS)
    return;

  plan->n_dense = (gsize) (last - plan->first + 1);
  if (plan->n_dense > self->dense_capacity)
    {
      self->dense_capacity = MAX (plan->n_dense, self->dense_capacity * 2);
      g_free (self->dense);
      g_aligned_free (self->window_sums);
      self->dense = g_new (WindowSum, self->dense_capacity);
      self->window_sums = g_aligned_alloc (self->dense_capacity, sizeof (Sum64), sizeof (Sum64));
    }
  memset (self->window_sums, 0, sizeof (Sum64) * plan->n_dense);
}

/* The dense window of a timestamp in the period. Unsigned: timestamp >= the
 * first window's start, and the difference fits 64 bits even when the
 * start is very negative. */
static inline gsize
dense_window (const WindowPlan *plan,
              gint64            timestamp)
{
  return (gsize) divide_by_window ((guint64) timestamp - plan->first_start,
                                   (guint64) plan->length, plan->reciprocal);
}

/* The second pass, when the costs were too large for the 64-bit sums of
 * the first: the same records again, into exact, overflow-checked 128-bit
 * group and window sums. Every key is in the tables by now. FALSE when a
 * group's or a window's sum overflows (only possible with negative costs,
 * as the total did not). */
static G_GNUC_NO_INLINE gboolean
add_exact (CostopsAggregator               *self,
           Finder                          *finder,
           const WindowPlan                *plan,
           const CostopsCostRecord * const *records,
           gsize                            n_records,
           gint64                           start_us,
           gint64                           end_us)
{
  gboolean overflow = FALSE;

  memset (self->dense, 0, sizeof (WindowSum) * plan->n_dense);
  for (gsize i = 0; i < n_records; i++)
    {
      const CostopsCostRecord *record = records[i];
      __int128 cost = record->total_cost.units;
      guint32 groups[COSTOPS_N_DIMENSIONS];

      if (record->timestamp_us < start_us || record->timestamp_us >= end_us)
        continue;

      find_groups (self, finder, record, groups);
      for (guint d = 0; d < COSTOPS_N_DIMENSIONS; d++)
        {
          CostopsAggregateGroup *group = &self->breakdowns[d].groups[groups[d]];

          group->request_count++;
          overflow |= __builtin_add_overflow (group->total_cost.units, cost, &group->total_cost.units);
        }
      if (plan->n_dense > 0)
        {
          WindowSum *sum = &self->dense[dense_window (plan, record->timestamp_us)];

          sum->count++;
          overflow |= __builtin_add_overflow (sum->total, cost, &sum->total);
        }
    }
  return !overflow;
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
  gint64 window_length = 0;
  WindowPlan plan;
  Finder finder;
  gsize n_sparse = 0;
  gboolean small_costs;

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

  plan_windows (self, &plan, window_length, start_us, end_us);
  finder_init (&finder, self);

  /* The pass. Accumulators are locals: the project builds with
   * -fno-strict-aliasing, so fields of @self would be reloaded and stored
   * on every record. */
  {
    Sum64 *window_sums = self->window_sums;
    __int128 total = 0;
    costops_u128 magnitudes = 0;
    gsize count = 0;
    CostopsCurrency currency = COSTOPS_CURRENCY_USD;

    for (gsize i = 0; i < n_records; i++)
      {
        const CostopsCostRecord *record = records[i];
        __int128 cost = record->total_cost.units;
        gint64 timestamp = record->timestamp_us;
        guint32 groups[COSTOPS_N_DIMENSIONS];
        Sum64 one;

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
        count++;

        /* Lookups never read the sums, so the next record's lookups need
         * not wait for these adds: the CPU overlaps them. */
        find_groups (self, &finder, record, groups);
        one = (Sum64) { (guint64) cost, 1 };
        /* Spelled out, not a loop: so @groups stays in registers. */
        self->breakdowns[COSTOPS_DIMENSION_PROVIDER].sums[groups[COSTOPS_DIMENSION_PROVIDER]] += one;
        self->breakdowns[COSTOPS_DIMENSION_MODEL].sums[groups[COSTOPS_DIMENSION_MODEL]] += one;
        self->breakdowns[COSTOPS_DIMENSION_ORGANIZATION].sums[groups[COSTOPS_DIMENSION_ORGANIZATION]] += one;
        self->breakdowns[COSTOPS_DIMENSION_PROJECT].sums[groups[COSTOPS_DIMENSION_PROJECT]] += one;

        if (plan.n_dense > 0)
          {
            window_sums[dense_window (&plan, timestamp)] += one;
          }
        else if (plan.length > 0)
          {
            if (n_sparse == self->sparse_capacity)
              {
                self->sparse_capacity = MAX (256, self->sparse_capacity * 2);
                self->sparse = g_renew (WindowEntry, self->sparse, self->sparse_capacity);
              }
            self->sparse[n_sparse++] = (WindowEntry) { floor_div (timestamp, plan.length), cost };
          }
      }

    self->total = total;
    self->count = count;
    self->currency = currency;
    /* The bet: no sum of @count such costs can leave 64 bits, so the
     * 64-bit sums, which wrap modulo 2^64, are the exact ones. */
    small_costs = count == 0 || magnitudes < (costops_u128) (G_MAXINT64 / count) - 1;
  }

  if (small_costs)
    {
      for (guint d = 0; d < COSTOPS_N_DIMENSIONS; d++)
        {
          Breakdown *b = &self->breakdowns[d];

          for (gsize g = 0; g < b->n_groups; g++)
            {
              b->groups[g].total_cost.units = (gint64) b->sums[g][0];
              b->groups[g].request_count = b->sums[g][1];
            }
        }
      for (gsize w = 0; w < plan.n_dense; w++)
        self->dense[w] = (WindowSum) { (gint64) self->window_sums[w][0], self->window_sums[w][1] };
    }
  else if (!add_exact (self, &finder, &plan, records, n_records, start_us, end_us))
    {
      g_set_error_literal (error, COSTOPS_ERROR, COSTOPS_ERROR_OVERFLOW,
                           "the costs of one breakdown group or window overflow exact 128-bit arithmetic");
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

  for (gsize w = 0; w < plan.n_dense; w++)
    if (self->dense[w].count > 0)
      append_window (self, plan.first + (gint64) w, plan.length, self->dense[w].total, self->dense[w].count);
  if (n_sparse > 0)
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
          append_window (self, index, plan.length, total, count);
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
