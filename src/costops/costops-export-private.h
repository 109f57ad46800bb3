/* costops-export-private.h: text encoders shared by the export writers.
 *
 * Each encoder writes at @p, which must have room for the worst case given
 * next to it, and returns the position after what it wrote. Callers reserve
 * room once per row with costops_export_reserve(), so that formatting a row
 * costs no function call per byte and no reallocation check per field.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>
#include <glib.h>

#include "costops-money.h"

G_BEGIN_DECLS

/* Room: 2 * len + 2. Quotes the field only when RFC 4180 requires it. */
char *costops_export_csv_field    (char        *p,
                                   const char  *s,
                                   gsize        len);
/* Room: 6 * len + 2. A JSON string with its quotes; @s must be UTF-8. */
char *costops_export_json_string  (char        *p,
                                   const char  *s,
                                   gsize        len);
/* Room: 20. */
char *costops_export_uint         (char        *p,
                                   guint64      value);
/* Room: COSTOPS_MONEY_STRING_SIZE. */
static inline char *
costops_export_money (char         *p,
                      CostopsMoney  value)
{
  return p + costops_money_format (value, p);
}

/* Grows @buf so that @room more bytes fit and returns where they go. */
static inline char *
costops_export_reserve (GString *buf,
                        gsize    room)
{
  gsize old = buf->len;

  g_string_set_size (buf, old + room);
  return buf->str + old;
}

/* Ends a costops_export_reserve() region at @end. */
static inline void
costops_export_commit (GString *buf,
                       char    *end)
{
  buf->len = (gsize) (end - buf->str);
  buf->str[buf->len] = '\0';
}

static inline char *
costops_export_literal (char       *p,
                        const char *s,
                        gsize       len)
{
  memcpy (p, s, len);
  return p + len;
}
/* Only for string literals (the "" "" makes anything else a compile error). */
#define COSTOPS_EXPORT_LITERAL(p, s) costops_export_literal ((p), "" s "", sizeof (s) - 1)

/* Money as a JSON string, so that no reader turns it into a double.
 * Room: COSTOPS_MONEY_STRING_SIZE + 2. */
static inline char *
costops_export_json_money (char         *p,
                           CostopsMoney  value)
{
  *p++ = '"';
  p = costops_export_money (p, value);
  *p++ = '"';
  return p;
}

G_END_DECLS
