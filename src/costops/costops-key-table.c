/* costops-key-table.c: the key table's content level and its rare paths
 * (see the header).
 *
 * The content level is open addressing with one 64-byte slot per cache
 * line. A slot keeps a key's length and three overlapping eight-byte words
 * of it, which for keys of up to EXACT_BYTES bytes (nearly every
 * organisation, project and model id) determine the key completely: a
 * lookup is strlen, three loads, three multiplies and one combined compare;
 * longer keys are confirmed with memcmp.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "costops-key-table-private.h"

#include <string.h>

#define EXACT_BYTES      24
#define INITIAL_CAPACITY 128
#define SLOT_ALIGNMENT   64

struct _CostopsKeySlot {
  guint64     w[3];         /* see key_info_init() */
  guint64     tag;          /* generation << 32 | low 32 bits of the length */
  guint64     hash;
  const char *key;
  gsize       len;
  guint32     value;
  guint32     padding;
};

G_STATIC_ASSERT (sizeof (CostopsKeySlot) == 64);

/* What a content lookup needs to know about a key. */
typedef struct {
  guint64     w[3];
  guint64     hash;
  const char *key;
  gsize       len;
} KeyInfo;

#define SLOT_IN_USE(table, slot) ((guint32) ((slot)->tag >> 32) == (table)->generation)

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

/* The top bits of @hash for a table of @capacity: the low bits of a
 * product ignore the high input bytes, where "project-01" and "project-02"
 * differ. */
static inline guint
slot_index (guint64 hash,
            guint   capacity)
{
  return (guint) (hash >> (64 - g_bit_storage (capacity - 1)));
}

static void
key_info_init (KeyInfo    *info,
               const char *key)
{
  gsize len = strlen (key);
  guint64 *w = info->w;
  guint64 h;

  /* Three words that, with the length, determine a key of up to 24 bytes
   * exactly: the loads overlap so that together they cover every byte (the
   * start, the middle and the end; 4..7 bytes: two overlapping halves). */
  if (len >= 8)
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

  /* The hash only picks the slot; equality is decided by the words (and,
   * for longer keys, memcmp). */
  h = (w[0] * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15))
      ^ (w[1] * G_GUINT64_CONSTANT (0xd6e8feb86659fd93))
      ^ ((w[2] ^ len) * G_GUINT64_CONSTANT (0xa0761d6478bd642f));
  if (len > EXACT_BYTES)
    for (gsize i = 0; i + 8 <= len; i += 8)
      h = (h ^ load64 (key + i)) * G_GUINT64_CONSTANT (0x8ebc6af09c88c6e3);

  info->hash = h;
  info->key = key;
  info->len = len;
}

/* The slot holding a key equal to @info's, or the free slot where it
 * belongs. */
static CostopsKeySlot *
content_find (const CostopsKeyTable *table,
              const KeyInfo         *info)
{
  guint64 tag = ((guint64) table->generation << 32) | (guint32) info->len;
  guint mask = table->capacity - 1;

  for (guint i = slot_index (info->hash, table->capacity);; i = (i + 1) & mask)
    {
      CostopsKeySlot *slot = &table->slots[i];

      if (!SLOT_IN_USE (table, slot))
        return slot;
      if (((slot->w[0] ^ info->w[0]) | (slot->w[1] ^ info->w[1])
           | (slot->w[2] ^ info->w[2]) | (slot->tag ^ tag)) == 0
          && (info->len <= EXACT_BYTES
              || (slot->len == info->len && memcmp (slot->key, info->key, info->len) == 0)))
        return slot;
    }
}

static void
content_grow (CostopsKeyTable *table)
{
  guint new_capacity = MAX (INITIAL_CAPACITY, table->capacity * 2);
  CostopsKeySlot *old = table->slots;
  guint old_capacity = table->capacity;

  table->slots = g_aligned_alloc0 (new_capacity, sizeof (CostopsKeySlot), SLOT_ALIGNMENT);
  table->capacity = new_capacity;
  for (guint i = 0; i < old_capacity; i++)
    {
      guint j;

      if (!SLOT_IN_USE (table, &old[i]))
        continue;
      for (j = slot_index (old[i].hash, new_capacity); SLOT_IN_USE (table, &table->slots[j]);
           j = (j + 1) & (new_capacity - 1))
        ;
      table->slots[j] = old[i];
    }
  g_aligned_free (old);
}

static void
address_insert (CostopsKeyTable *table,
                const char      *key,
                guint32          value)
{
  guint mask, i;

  /* At most a quarter full: collisions, and so mispredicted probes in the
   * inline lookup, stay rare. */
  if ((table->addresses_used + 1) * 4 > table->addresses_capacity)
    {
      guint new_capacity = MAX (INITIAL_CAPACITY, table->addresses_capacity * 2);
      CostopsKeyAddressSlot *old = table->addresses;
      guint old_capacity = table->addresses_capacity;
      guint shift = 64 - g_bit_storage (new_capacity - 1);

      table->addresses = g_aligned_alloc0 (new_capacity, sizeof (CostopsKeyAddressSlot), SLOT_ALIGNMENT);
      table->addresses_capacity = new_capacity;
      for (guint k = 0; k < old_capacity; k++)
        {
          if (old[k].generation != table->generation)
            continue;
          for (i = costops_key_address_index (old[k].key, shift);
               table->addresses[i].generation == table->generation;
               i = (i + 1) & (new_capacity - 1))
            ;
          table->addresses[i] = old[k];
        }
      g_aligned_free (old);
    }

  mask = table->addresses_capacity - 1;
  for (i = costops_key_address_index (key, 64 - g_bit_storage (mask));
       table->addresses[i].generation == table->generation;
       i = (i + 1) & mask)
    ;
  table->addresses[i] = (CostopsKeyAddressSlot) { key, table->generation, value };
  table->addresses_used++;
}

void
costops_key_table_reset (CostopsKeyTable *table)
{
  if (table->slots == NULL)
    content_grow (table);
  if (table->addresses == NULL)
    {
      table->addresses = g_aligned_alloc0 (INITIAL_CAPACITY, sizeof (CostopsKeyAddressSlot), SLOT_ALIGNMENT);
      table->addresses_capacity = INITIAL_CAPACITY;
    }

  if (++table->generation == 0)
    {
      /* Once every 2^32 resets: make stale generations unambiguous again. */
      memset (table->slots, 0, sizeof (CostopsKeySlot) * table->capacity);
      memset (table->addresses, 0, sizeof (CostopsKeyAddressSlot) * table->addresses_capacity);
      table->generation = 1;
    }
  table->used = 0;
  table->addresses_used = 0;
}

void
costops_key_table_clear (CostopsKeyTable *table)
{
  g_clear_pointer (&table->slots, g_aligned_free);
  g_clear_pointer (&table->addresses, g_aligned_free);
  table->capacity = table->addresses_capacity = 0;
  table->used = table->addresses_used = 0;
}

guint32
costops_key_table_find_or_add (CostopsKeyTable *table,
                               const char      *key,
                               guint32          new_value)
{
  KeyInfo info;
  CostopsKeySlot *slot;
  guint32 value;

  g_assert (table->generation != 0);   /* reset at least once */

  key_info_init (&info, key);
  slot = content_find (table, &info);
  if (SLOT_IN_USE (table, slot))
    {
      value = slot->value;
    }
  else
    {
      if ((table->used + 1) * 4 > table->capacity)
        {
          content_grow (table);
          slot = content_find (table, &info);
        }
      *slot = (CostopsKeySlot) {
        { info.w[0], info.w[1], info.w[2] },
        ((guint64) table->generation << 32) | (guint32) info.len,
        info.hash, info.key, info.len, new_value, 0,
      };
      table->used++;
      value = new_value;
    }

  address_insert (table, key, value);
  return value;
}
