/* costops-key-table-private.h: a string -> number map for grouping, built
 * for the aggregator's inner loop. Not installed, not part of the API.
 *
 * Open addressing with one 64-byte slot per cache line. A slot keeps a
 * key's length and three overlapping eight-byte words of it, which for keys
 * of up to COSTOPS_KEY_EXACT_BYTES bytes (nearly every organisation,
 * project and model id) determine the key completely: a lookup is strlen,
 * three loads, three multiplies and one combined compare, no strcmp.
 *
 * Keys are borrowed: they must stay alive and unchanged while the table
 * holds them. costops_key_table_reset() empties the table in O(1) by
 * bumping a generation number; the memory is kept for the next use.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <string.h>

#define COSTOPS_KEY_EXACT_BYTES 24
#define COSTOPS_KEY_ABSENT      G_MAXUINT32

typedef struct {
  guint64     w[3];         /* see costops_key_info_init() */
  guint64     tag;          /* generation << 32 | low 32 bits of the length */
  guint64     hash;
  const char *key;
  gsize       len;
  guint32     value;
  guint32     padding;
} CostopsKeySlot;

G_STATIC_ASSERT (sizeof (CostopsKeySlot) == 64);

typedef struct {
  CostopsKeySlot *slots;
  guint           capacity;   /* a power of two */
  guint           used;
  guint32         generation; /* a slot is in use when its tag carries this */
} CostopsKeyTable;

/* What a lookup needs to know about a key, computed once per key. */
typedef struct {
  guint64     w[3];
  guint64     hash;
  const char *key;
  gsize       len;
} CostopsKeyInfo;

/* The table as a lookup loop sees it, kept in registers. Valid until the
 * next insertion (which may move the slots): then initialise it again. */
typedef struct {
  const CostopsKeySlot *slots;
  guint                 mask;
  guint                 shift;           /* the slot of a hash is hash >> shift */
  guint32               generation;
  guint64               generation_tag;  /* generation << 32 */
} CostopsKeyProbe;

/* Empties the table (allocating it on first use). */
void costops_key_table_reset  (CostopsKeyTable      *table);
void costops_key_table_clear  (CostopsKeyTable      *table);
/* Adds a key that costops_key_probe_lookup() did not find. */
void costops_key_table_insert (CostopsKeyTable      *table,
                               const CostopsKeyInfo *info,
                               guint32               value);

static inline guint64
costops_key_load64 (const char *p)
{
  guint64 v;
  memcpy (&v, p, sizeof v);
  return v;
}

static inline guint32
costops_key_load32 (const char *p)
{
  guint32 v;
  memcpy (&v, p, sizeof v);
  return v;
}

/* The top bits of @hash for a table of @capacity: the low bits of a
 * product ignore the high input bytes, where "project-01" and "project-02"
 * differ. */
static inline guint
costops_key_slot_index (guint64 hash,
                        guint   capacity)
{
  return (guint) (hash >> (64 - g_bit_storage (capacity - 1)));
}

static inline void
costops_key_info_init (CostopsKeyInfo *info,
                       const char     *key)
{
  gsize len = strlen (key);
  guint64 *w = info->w;
  guint64 h;

  /* Three words that, with the length, determine a key of up to 24 bytes
   * exactly: the loads overlap so that together they cover every byte (the
   * start, the middle and the end; 4..7 bytes: two overlapping halves). */
  if (G_LIKELY (len >= 8))
    {
      w[0] = costops_key_load64 (key);
      w[1] = costops_key_load64 (key + (len - 8) / 2);
      w[2] = costops_key_load64 (key + len - 8);
    }
  else if (len >= 4)
    {
      w[0] = costops_key_load32 (key) | ((guint64) costops_key_load32 (key + len - 4) << 32);
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

  /* Three independent multiplies: the hash costs little more than one
   * multiply's latency. It only picks the slot; equality is decided by the
   * words (and, for longer keys, memcmp). */
  h = (w[0] * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15))
      ^ (w[1] * G_GUINT64_CONSTANT (0xd6e8feb86659fd93))
      ^ ((w[2] ^ len) * G_GUINT64_CONSTANT (0xa0761d6478bd642f));
  if (G_UNLIKELY (len > COSTOPS_KEY_EXACT_BYTES))
    for (gsize i = 0; i + 8 <= len; i += 8)
      h = (h ^ costops_key_load64 (key + i)) * G_GUINT64_CONSTANT (0x8ebc6af09c88c6e3);

  info->hash = h;
  info->key = key;
  info->len = len;
}

static inline void
costops_key_probe_init (CostopsKeyProbe       *probe,
                        const CostopsKeyTable *table)
{
  probe->slots = table->slots;
  probe->mask = table->capacity - 1;
  probe->shift = 64 - g_bit_storage (table->capacity - 1);
  probe->generation = table->generation;
  probe->generation_tag = (guint64) table->generation << 32;
}

/* The value stored for the key, or COSTOPS_KEY_ABSENT. The match test is
 * one combined comparison, so a hit costs a single, well-predicted branch. */
static inline __attribute__ ((always_inline)) guint32
costops_key_probe_lookup (const CostopsKeyProbe *probe,
                          const CostopsKeyInfo  *info)
{
  guint64 tag = probe->generation_tag | (guint32) info->len;

  for (guint i = (guint) (info->hash >> probe->shift);; i = (i + 1) & probe->mask)
    {
      const CostopsKeySlot *slot = &probe->slots[i];

      if (G_LIKELY (((slot->w[0] ^ info->w[0]) | (slot->w[1] ^ info->w[1])
                     | (slot->w[2] ^ info->w[2]) | (slot->tag ^ tag)) == 0)
          && (info->len <= COSTOPS_KEY_EXACT_BYTES
              || (slot->len == info->len && memcmp (slot->key, info->key, info->len) == 0)))
        return slot->value;
      if ((guint32) (slot->tag >> 32) != probe->generation)
        return COSTOPS_KEY_ABSENT;
    }
}
