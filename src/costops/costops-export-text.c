/* costops-export-text.c: CSV fields, JSON strings and numbers.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "costops-export-private.h"

/* Bytes that force quoting in CSV, and bytes JSON must escape. */
static const guint8 csv_special[256] = {
  [','] = 1, ['"'] = 1, ['\r'] = 1, ['\n'] = 1,
};

static const guint8 json_special[256] = {
  [0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1, [0x07] = 1,
  [0x08] = 1, [0x09] = 1, [0x0a] = 1, [0x0b] = 1, [0x0c] = 1, [0x0d] = 1, [0x0e] = 1, [0x0f] = 1,
  [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1, [0x16] = 1, [0x17] = 1,
  [0x18] = 1, [0x19] = 1, [0x1a] = 1, [0x1b] = 1, [0x1c] = 1, [0x1d] = 1, [0x1e] = 1, [0x1f] = 1,
  ['"'] = 1, ['\\'] = 1,
};

char *
costops_export_csv_field (char       *p,
                          const char *s,
                          gsize       len)
{
  gsize i = 0;

  while (i < len && !csv_special[(guint8) s[i]])
    i++;
  if (i == len)
    return costops_export_literal (p, s, len);

  *p++ = '"';
  p = costops_export_literal (p, s, i);
  for (; i < len; i++)
    {
      if (s[i] == '"')
        *p++ = '"';
      *p++ = s[i];
    }
  *p++ = '"';
  return p;
}

char *
costops_export_json_string (char       *p,
                            const char *s,
                            gsize       len)
{
  static const char hex[] = "0123456789abcdef";
  gsize start = 0;

  *p++ = '"';
  for (gsize i = 0; i < len; i++)
    {
      guint8 c = (guint8) s[i];

      if (G_LIKELY (!json_special[c]))
        continue;
      /* Copy the plain run before this byte in one go. */
      p = costops_export_literal (p, s + start, i - start);
      start = i + 1;
      *p++ = '\\';
      switch (c)
        {
        case '"': *p++ = '"'; break;
        case '\\': *p++ = '\\'; break;
        case '\n': *p++ = 'n'; break;
        case '\r': *p++ = 'r'; break;
        case '\t': *p++ = 't'; break;
        case '\b': *p++ = 'b'; break;
        case '\f': *p++ = 'f'; break;
        default:
          *p++ = 'u';
          *p++ = '0';
          *p++ = '0';
          *p++ = hex[c >> 4];
          *p++ = hex[c & 0xf];
          break;
        }
    }
  p = costops_export_literal (p, s + start, len - start);
  *p++ = '"';
  return p;
}

char *
costops_export_uint (char    *p,
                     guint64  value)
{
  char tmp[20];
  char *t = tmp + sizeof tmp;

  do
    {
      *--t = (char) ('0' + value % 10);
      value /= 10;
    }
  while (value != 0);
  return costops_export_literal (p, t, (gsize) (tmp + sizeof tmp - t));
}
