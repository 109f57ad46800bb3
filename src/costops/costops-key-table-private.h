/* costops-key-table-private.h: a string -> number map for grouping, built
 * for the aggregator's inner loop. Not installed, not part of the API.
 *
 * Two levels, because the engine's records carry interned dimension
 * strings (costops-records.h), so equal keys are nearly always one pointer:
 *  - by address: open addressing on the key's pointer value, 16-byte
 *    slots. A lookup is one multiply, one load and one compare; it never
 *    reads the string. This is the inline fast path below.
 *  - by content: for an address not seen since the last reset,
 *    costops_key_table_find_or_add() looks the key up by its bytes (length
 *    and words of it, see costops-key-table.c) and then remembers the
 *    address, so each distinct pointer costs one content lookup per reset.
 *    This keeps the table correct for keys that are not interned: equal
 *    strings in different buffers still get one value.
 *
 * Keys are borrowed: they must stay alive and unchanged while the table
 * holds them. costops_key_table_reset() empties the table in O(1) by
 * bumping a generation number; the memory is kept for the next use.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#define COSTOPS_KEY_ABSENT G_MAXUINT32

typedef struct _CostopsKeySlot CostopsKeySlot;   /* by content, in the .c */

typedef struct {
  const char *key;
  guint32     generation;   /* in use when it is the table's */
  guint32     value;
} CostopsKeyAddressSlot;

G_STATIC_ASSERT (sizeof (CostopsKeyAddressSlot) == 16);

typedef struct {
  CostopsKeyAddressSlot *addresses;
  guint                  addresses_capacity;   /* a power of two */
  guint                  addresses_used;
  CostopsKeySlot        *slots;
  guint                  capacity;             /* a power of two */
  guint                  used;
  guint32                generation;
} CostopsKeyTable;

/* The address level as a lookup loop sees it, kept in registers. Valid
 * until the next costops_key_table_find_or_add(): then initialise it again. */
typedef struct {
  const CostopsKeyAddressSlot *slots;
  guint                        mask;
  guint                        shift;   /* the slot of a hash is hash >> shift */
  guint32                      generation;
} CostopsKeyProbe;

/* Empties the table (allocating it on first use). */
void    costops_key_table_reset       (CostopsKeyTable *table);
void    costops_key_table_clear       (CostopsKeyTable *table);
/* The value of a key equal to @key by content; if there is none, stores
 * @new_value for it and returns that. Either way @key's address is
 * remembered, so that costops_key_probe_lookup() finds it from now on. */
guint32 costops_key_table_find_or_add (CostopsKeyTable *table,
                                       const char      *key,
                                       guint32          new_value);

/* Addresses differ in their middle bits (strings are packed, not
 * aligned): a multiply spreads them, and the top bits pick the slot. */
static inline guint
costops_key_address_index (const char *key,
                           guint       shift)
{
  return (guint) (((guint64) (guintptr) key * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15)) >> shift);
}

static inline void
costops_key_probe_init (CostopsKeyProbe       *probe,
                        const CostopsKeyTable *table)
{
  probe->slots = table->addresses;
  probe->mask = table->addresses_capacity - 1;
  probe->shift = 64 - g_bit_storage (table->addresses_capacity - 1);
  probe->generation = table->generation;
}

/* The value stored for this very pointer, or COSTOPS_KEY_ABSENT when the
 * pointer was not seen since the reset (the key may still be in the table
 * under another address: ask costops_key_table_find_or_add()). */
static inline __attribute__ ((always_inline)) guint32
costops_key_probe_lookup (const CostopsKeyProbe *probe,
                          const char            *key)
{
  for (guint i = costops_key_address_index (key, probe->shift);; i = (i + 1) & probe->mask)
    {
      const CostopsKeyAddressSlot *slot = &probe->slots[i];

      if (G_LIKELY (slot->key == key && slot->generation == probe->generation))
        return slot->value;
      if (slot->generation != probe->generation)
        return COSTOPS_KEY_ABSENT;
    }
}
