/* costops-aggregator.c: totals, breakdowns and windows (see the header).
 *
 * Speed comes from three choices:
 *  - each breakdown is an open-addressing table whose slots keep a key's
 *    length and three overlapping eight-byte words of it, which for keys of
 *    up to 24 bytes (nearly every organisation, project and model id)
 *    identify the key completely, so a lookup is strlen + three loads + one
 *    combined compare, no strcmp;
 *  - the seven known providers are indexed by their enum, no hashing;
 *  - slots are invalidated by bumping a generation number rather than by
 *    clearing memory, and every buffer is kept for the next run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "costops-aggregator.h"

#include <stdlib.h>
#include <string.h>

#include "costops-error.h"
#include "costops-int128-private.h"

#define USEC_PER_HOUR       G_GINT64_CONSTANT (3600000000)
/* Beyond this many windows in the period, windows are found by sorting the
 * included records instead of indexing a dense array. */
#define MAX_DENSE_WINDOWS   4096
#define N_KNOWN_PROVIDERS   COSTOPS_PROVIDER_CUSTOM
#define PREFETCH_AHEAD      8

typedef struct {
  guint64     w[3];         /* see key_words() */
  guint64     tag;          /* generation << 32 | low 32 bits of the length */
  guint64     hash;
  const char *key;
  gsize       len;
  guint32     group;
} KeySlot;

#define EXACT_KEY_BYTES 24
#define SLOT_GENERATION(slot) ((guint32) ((slot)->tag >> 32))

typedef struct {
  KeySlot               *slots;
  guint                  capacity;   /* a power of two */
  guint                  used;
  guint32                generation;
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

struct _CostopsAggregator {
  Breakdown               breakdowns[COSTOPS_N_DIMENSIONS];
  /* The records in the period and their costs, from the first pass. */
  const CostopsCostRecord **selected;
  __int128               *costs;
  guint32                *group_of;   /* a breakdown's group of each of them */
  gsize                   selected_capacity;
  __int128                total;
  guint64                 count;
  CostopsMoney            average;
  CostopsCurrency         currency;

  WindowSum              *dense;
  gsize                   dense_capacity;
  WindowEntry            *sparse;
  gsize                   sparse_capacity;
  CostopsAggregateWindow *windows;
  gsize                   n_windows;
  gsize                   windows_capacity;
};

/* --- keys --- */

static inline guint64
load64 (const char *p)
{
  guint64 v;
  memcpy (&v, p, sizeof v);
  return v;
}

static inline guint32
load32 (const char *p)
{
  guint32 v;
  memcpy (&v, p, sizeof v);
  return v;
}

/* Three words that, with the length, determine a key of up to
 * EXACT_KEY_BYTES bytes exactly: the loads overlap so that together they
 * cover every byte (for 8..24 bytes: the start, the middle, the end). */
static inline void
key_words (const char *key,
           gsize       len,
           guint64     w[3])
{
  if (G_LIKELY (len >= 8))
    {
      w[0] = load64 (key);
      w[1] = load64 (key + (len - 8) / 2);
      w[2] = load64 (key + len - 8);
    }
  else if (len >= 4)
    {
      w[0] = load32 (key) | ((guint64) load32 (key + len - 4) << 32);
      w[1] = w[2] = 0;
    }
  else if (len > 0)
    {
      w[0] = (guint64) (guchar) key[0] | ((guint64) (guchar) key[len / 2] << 8)
             | ((guint64) (guchar) key[len - 1] << 16);
      w[1] = w[2] = 0;
    }
  else
    {
      w[0] = w[1] = w[2] = 0;
    }
}

/* Multiplicative hashing: three independent multiplies, so the hash costs
 * little more than one multiply's latency. Only the table index depends on
 * it (its top bits: the low bits of a product ignore the high input bytes,
 * where "project-01" and "project-02" differ); equality is decided by the
 * words themselves. */
static inline guint64
key_hash (const char    *key,
          gsize          len,
          const guint64  w[3])
{
  guint64 h = (w[0] * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15))
              ^ (w[1] * G_GUINT64_CONSTANT (0xd6e8feb86659fd93))
              ^ ((w[2] ^ len) * G_GUINT64_CONSTANT (0xa0761d6478bd642f));

  /* Keys longer than the words cover: fold in every eight bytes. */
  if (G_UNLIKELY (len > EXACT_KEY_BYTES))
    for (gsize i = 0; i + 8 <= len; i += 8)
      h = (h ^ load64 (key + i)) * G_GUINT64_CONSTANT (0x8ebc6af09c88c6e3);
  return h;
}

/* --- breakdowns --- */

/* The top bits of @hash for a table of @capacity (a power of two >= 2). */
static inline guint
slot_index (guint64 hash,
            guint   capacity)
{
  return (guint) (hash >> (64 - g_bit_storage (capacity - 1)));
}

static void
breakdown_reset (Breakdown *b)
{
  if (++b->generation == 0)
    {
      /* Once every 2^32 runs: make stale generations unambiguous again. */
      if (b->slots != NULL)
        memset (b->slots, 0, sizeof (KeySlot) * b->capacity);
      b->generation = 1;
    }
  b->used = 0;
  b->n_groups = 0;
  b->null_group = -1;
  for (guint i = 0; i < N_KNOWN_PROVIDERS; i++)
    b->provider_group[i] = -1;
}

static void
breakdown_clear (Breakdown *b)
{
  g_clear_pointer (&b->slots, g_free);
  g_clear_pointer (&b->groups, g_free);
}

static gsize
breakdown_new_group (Breakdown  *b,
                     const char *key)
{
  if (b->n_groups == b->groups_capacity)
    {
      b->groups_capacity = MAX (16, b->groups_capacity * 2);
      b->groups = g_renew (CostopsAggregateGroup, b->groups, b->groups_capacity);
    }
  b->groups[b->n_groups] = (CostopsAggregateGroup) { key, COSTOPS_MONEY_ZERO, 0 };
  return b->n_groups++;
}

static void
breakdown_grow (Breakdown *b)
{
  guint new_capacity = MAX (128, b->capacity * 2);
  KeySlot *old = b->slots;
  guint old_capacity = b->capacity;

  b->slots = g_new0 (KeySlot, new_capacity);
  b->capacity = new_capacity;
  for (guint i = 0; i < old_capacity; i++)
    {
      guint j;

      if (SLOT_GENERATION (&old[i]) != b->generation)
        continue;
      for (j = slot_index (old[i].hash, new_capacity); SLOT_GENERATION (&b->slots[j]) == b->generation;
           j = (j + 1) & (new_capacity - 1))
        ;
      b->slots[j] = old[i];
    }
  g_free (old);
}

/* Always inlined: each breakdown's loop below then holds its own copy, short
 * enough for the CPU to overlap the lookups of consecutive records. */
/* Always inlined: each breakdown's loop below then holds its own copy, short
 * enough for the CPU to overlap the lookups of consecutive records. The
 * match test is one combined comparison, so a hit costs a single,
 * well-predicted branch. */
static inline __attribute__ ((always_inline)) guint32
breakdown_lookup (Breakdown  *b,
                  const char *key)
{
  gsize len = strlen (key);
  guint64 w[3], hash, tag;
  guint mask, i;

  key_words (key, len, w);
  hash = key_hash (key, len, w);
  tag = ((guint64) b->generation << 32) | (guint32) len;

  mask = b->capacity - 1;
  for (i = slot_index (hash, b->capacity);; i = (i + 1) & mask)
    {
      const KeySlot *slot = &b->slots[i];

      if (G_LIKELY (((slot->w[0] ^ w[0]) | (slot->w[1] ^ w[1]) | (slot->w[2] ^ w[2])
                     | (slot->tag ^ tag)) == 0)
          && (len <= EXACT_KEY_BYTES
              || (slot->len == len && memcmp (slot->key, key, len) == 0)))
        return slot->group;
      if (SLOT_GENERATION (slot) != b->generation)
        break;
    }

  /* A new key. A load factor of at most a quarter keeps collisions, and
   * so mispredicted probes, rare. */
  if (G_UNLIKELY ((b->used + 1) * 4 > b->capacity))
    {
      breakdown_grow (b);
      mask = b->capacity - 1;
      for (i = slot_index (hash, b->capacity); SLOT_GENERATION (&b->slots[i]) == b->generation; i = (i + 1) & mask)
        ;
    }
  b->slots[i] = (KeySlot) { { w[0], w[1], w[2] }, tag, hash, key, len,
                            (guint32) breakdown_new_group (b, key) };
  b->used++;
  return b->slots[i].group;
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

/* Adds every selected record to its group of @dimension; FALSE when a
 * group's sum overflows.
 *
 * Two loops on purpose. The first only finds each record's group: its
 * stores go to a scratch array, so the lookups of consecutive records are
 * independent and overlap in the CPU. Adding to the groups' sums in the
 * same loop would make each lookup wait for the previous record's
 * read-modify-write, serialising the whole chain of loads a lookup is. */
static inline __attribute__ ((always_inline)) gboolean
breakdown_accumulate (Breakdown                       *b,
                      CostopsDimension                 dimension,
                      const CostopsCostRecord * const *records,
                      const __int128                  *costs,
                      guint32                         *group_of,
                      gsize                            n)
{
  CostopsAggregateGroup *groups;
  gboolean overflow = FALSE;

  if (G_UNLIKELY (b->capacity == 0))
    breakdown_grow (b);

  for (gsize k = 0; k < n; k++)
    {
      const CostopsCostRecord *record = records[k];

      /* A lookup is a chain of dependent loads (record, string, slot); the
       * records and their strings are spread over memory, so fetch them a
       * few records ahead. Prefetches never fault, even for NULL. */
      if (dimension != COSTOPS_DIMENSION_PROVIDER && G_LIKELY (k + 2 * PREFETCH_AHEAD < n))
        {
          __builtin_prefetch (&records[k + 2 * PREFETCH_AHEAD]->model_name);
          __builtin_prefetch (record_key (records[k + PREFETCH_AHEAD], dimension));
        }

      if (dimension == COSTOPS_DIMENSION_PROVIDER && (guint) record->provider < N_KNOWN_PROVIDERS)
        {
          gssize *index = &b->provider_group[record->provider];

          if (G_UNLIKELY (*index < 0))
            *index = (gssize) breakdown_new_group (b, costops_provider_to_string (record->provider, NULL));
          group_of[k] = (guint32) *index;
        }
      else if (dimension == COSTOPS_DIMENSION_PROJECT && record->project_id == NULL)
        {
          if (b->null_group < 0)
            b->null_group = (gssize) breakdown_new_group (b, NULL);
          group_of[k] = (guint32) b->null_group;
        }
      else
        {
          group_of[k] = breakdown_lookup (b, record_key (record, dimension));
        }
    }

  groups = b->groups;
  for (gsize k = 0; k < n; k++)
    {
      CostopsAggregateGroup *group = &groups[group_of[k]];

      group->request_count++;
      overflow |= __builtin_add_overflow (group->total_cost.units, costs[k], &group->total_cost.units);
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
  g_free (self->group_of);
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
      g_free (self->group_of);
      self->selected = g_new (const CostopsCostRecord *, self->selected_capacity);
      self->costs = g_new (__int128, self->selected_capacity);
      self->group_of = g_new (guint32, self->selected_capacity);
    }

  /* First pass: the records in the period, their total and windows.
   * Accumulators are locals: the project builds with -fno-strict-aliasing,
   * so fields of @self would be reloaded and stored on every record. */
  {
    const CostopsCostRecord **selected = self->selected;
    __int128 *costs = self->costs;
    WindowSum *dense = self->dense;
    __int128 total = 0;
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
  }

  /* One breakdown at a time: see breakdown_lookup(). A group's sum cannot
   * overflow when every cost is >= 0 (the total did not), but refunds may
   * be negative. */
  if (!breakdown_accumulate (providers, COSTOPS_DIMENSION_PROVIDER, self->selected, self->costs, self->group_of, self->count)
      || !breakdown_accumulate (models, COSTOPS_DIMENSION_MODEL, self->selected, self->costs, self->group_of, self->count)
      || !breakdown_accumulate (organizations, COSTOPS_DIMENSION_ORGANIZATION, self->selected, self->costs, self->group_of, self->count)
      || !breakdown_accumulate (projects, COSTOPS_DIMENSION_PROJECT, self->selected, self->costs, self->group_of, self->count))
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

      /* Sorting invalidates the slots' group indices: fine, they are
       * discarded by the next reset. */
      if (b->n_groups > 1)
        qsort (b->groups, b->n_groups, sizeof (CostopsAggregateGroup), compare_groups);
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
