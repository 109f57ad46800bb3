/* costops-key-table.c: the rare paths of the key table (see the header).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "costops-key-table-private.h"

#define INITIAL_CAPACITY 128
#define SLOT_ALIGNMENT   64

#define SLOT_IN_USE(table, slot) ((guint32) ((slot)->tag >> 32) == (table)->generation)

static void
grow (CostopsKeyTable *table)
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
      for (j = costops_key_slot_index (old[i].hash, new_capacity); SLOT_IN_USE (table, &table->slots[j]);
           j = (j + 1) & (new_capacity - 1))
        ;
      table->slots[j] = old[i];
    }
  g_aligned_free (old);
}

void
costops_key_table_reset (CostopsKeyTable *table)
{
  if (table->slots == NULL)
    grow (table);

  if (++table->generation == 0)
    {
      /* Once every 2^32 resets: make stale generations unambiguous again. */
      memset (table->slots, 0, sizeof (CostopsKeySlot) * table->capacity);
      table->generation = 1;
    }
  table->used = 0;
}

void
costops_key_table_clear (CostopsKeyTable *table)
{
  g_clear_pointer (&table->slots, g_aligned_free);
  table->capacity = 0;
  table->used = 0;
}

void
costops_key_table_insert (CostopsKeyTable      *table,
                          const CostopsKeyInfo *info,
                          guint32               value)
{
  guint mask, i;

  /* A load factor of at most a quarter keeps collisions, and so
   * mispredicted probes, rare. */
  if ((table->used + 1) * 4 > table->capacity)
    grow (table);

  mask = table->capacity - 1;
  for (i = costops_key_slot_index (info->hash, table->capacity); SLOT_IN_USE (table, &table->slots[i]);
       i = (i + 1) & mask)
    ;
  table->slots[i] = (CostopsKeySlot) {
    { info->w[0], info->w[1], info->w[2] },
    ((guint64) table->generation << 32) | (guint32) info->len,
    info->hash, info->key, info->len, value, 0,
  };
  table->used++;
}
