/* cob-format.c: numbers for people.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cob-format.h"

#include <locale.h>
#include <math.h>
#include <string.h>

static const char *
thousands_separator (void)
{
  const struct lconv *conv = localeconv ();

  /* The C locale has no grouping; a comma still reads better than 24512346. */
  if (conv == NULL || conv->thousands_sep == NULL || conv->thousands_sep[0] == '\0')
    return ",";
  return conv->thousands_sep;
}

char *
cob_format_grouped (double value)
{
  g_autofree char *digits = NULL;
  GString *out;
  const char *sep;
  const char *p;
  gsize n_digits;

  if (!isfinite (value))
    return g_strdup ("—");

  digits = g_strdup_printf ("%.0f", fabs (value));
  /* "-0" would look odd after rounding. */
  if (g_str_equal (digits, "0"))
    value = 0;

  sep = thousands_separator ();
  n_digits = strlen (digits);
  out = g_string_sized_new (n_digits + n_digits / 3 * strlen (sep) + 2);
  if (value < 0)
    g_string_append_c (out, '-');
  for (p = digits; *p != '\0'; p++)
    {
      gsize remaining = n_digits - (gsize) (p - digits);

      if (p != digits && remaining % 3 == 0)
        g_string_append (out, sep);
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* Three significant digits without switching to exponent notation. */
static char *
three_digits (double value, const char *unit)
{
  double magnitude = fabs (value);
  int decimals;

  if (magnitude >= 100 || magnitude == 0)
    decimals = 0;
  else if (magnitude >= 10)
    decimals = 1;
  else
    decimals = 2;
  return g_strdup_printf ("%.*f %s", decimals, value, unit);
}

char *
cob_format_duration_ns (double nanoseconds)
{
  double magnitude = fabs (nanoseconds);

  if (!isfinite (nanoseconds))
    return g_strdup ("—");
  /* Round first so that 999.7 ns becomes "1.00 µs", not "1000 ns". */
  if (magnitude < 999.5)
    return three_digits (nanoseconds, "ns");
  if (magnitude < 999.5e3)
    return three_digits (nanoseconds / 1e3, "µs");
  if (magnitude < 999.5e6)
    return three_digits (nanoseconds / 1e6, "ms");
  return three_digits (nanoseconds / 1e9, "s");
}

char *
cob_format_percent (double ratio)
{
  if (!isfinite (ratio))
    return g_strdup ("—");
  return g_strdup_printf ("%.1f %%", ratio * 100.0);
}

char *
cob_format_elapsed (gint64 microseconds)
{
  gint64 seconds;

  if (microseconds < 0)
    microseconds = 0;
  if (microseconds < 60 * G_USEC_PER_SEC)
    return g_strdup_printf ("%.1f s", (double) microseconds / G_USEC_PER_SEC);
  seconds = microseconds / G_USEC_PER_SEC;
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d", seconds / 60, (int) (seconds % 60));
}
