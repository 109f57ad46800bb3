/* costops-money.c: exact fixed-point decimal money (see costops-money.h).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "costops-money.h"

#include <string.h>

#include "costops-error.h"
#include "costops-int128-private.h"

static const guint64 powers_of_ten[] = {
  1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL,
  100000000ULL, 1000000000ULL, 10000000000ULL,
};

/* Magnitude (at most 2^127 when @negative) to a signed value, without the
 * undefined behaviour of negating the most negative __int128. */
static inline __int128
negate_magnitude (costops_u128 magnitude,
                  gboolean     negative)
{
  if (!negative)
    return (__int128) magnitude;
  if (magnitude == 0)
    return 0;
  return -(__int128) (magnitude - 1) - 1;
}

gboolean
costops_money_parse (const char    *text,
                     CostopsMoney  *out,
                     GError       **error)
{
  const char *p = text;
  gboolean negative = FALSE;
  costops_u128 magnitude = 0;
  costops_u128 limit;
  guint int_digits = 0, frac_digits = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (*p == '-' || *p == '+')
    negative = (*p++ == '-');

  /* The magnitude of the most negative value is one more than the largest
   * positive one; accept both so every printed value parses back. */
  limit = (costops_u128) COSTOPS_I128_MAX + (negative ? 1 : 0);

  for (; g_ascii_isdigit (*p); p++, int_digits++)
    {
      guint digit = (guint) (*p - '0');
      if (magnitude > (limit - digit) / 10)
        goto overflow;
      magnitude = magnitude * 10 + digit;
    }

  if (int_digits == 0)
    {
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_PARSE,
                   "“%s” is not a decimal number: expected digits, as in “10” or “0.5”",
                   text);
      return FALSE;
    }

  if (*p == '.')
    {
      for (p++; g_ascii_isdigit (*p); p++, frac_digits++)
        {
          if (frac_digits == COSTOPS_MONEY_DIGITS)
            {
              g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_PARSE,
                           "“%s” has more than %d fractional digits",
                           text, COSTOPS_MONEY_DIGITS);
              return FALSE;
            }
          /* Fractional digits are appended after scaling below. */
        }
      if (frac_digits == 0)
        {
          g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_PARSE,
                       "“%s” is not a decimal number: no digits after the point",
                       text);
          return FALSE;
        }
    }

  if (*p != '\0')
    {
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_PARSE,
                   "“%s” is not a decimal number: unexpected “%c” (no exponents, spaces or separators)",
                   text, *p);
      return FALSE;
    }

  /* Scale the integer part, then add the fraction padded to ten digits. */
  {
    const char *frac = strchr (text, '.');
    guint64 fraction = 0;
    guint i;

    if (magnitude > limit / COSTOPS_MONEY_SCALE)
      goto overflow;
    magnitude *= COSTOPS_MONEY_SCALE;

    for (i = 0; frac != NULL && i < frac_digits; i++)
      fraction = fraction * 10 + (guint64) (frac[1 + i] - '0');
    fraction *= powers_of_ten[COSTOPS_MONEY_DIGITS - frac_digits];

    if (magnitude > limit - fraction)
      goto overflow;
    magnitude += fraction;
  }

  out->units = negate_magnitude (magnitude, negative);
  return TRUE;

overflow:
  g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_OVERFLOW,
               "“%s” is too large for a money amount", text);
  return FALSE;
}

/* Writes the decimal digits of @value (no sign) backwards ending at @end;
 * returns the first character. 128-bit division is slow, so peel off 19
 * digits at a time and finish each chunk in 64 bits. */
static char *
format_unsigned (costops_u128  value,
                 char         *end,
                 guint         min_digits)
{
  char *p = end;
  guint written = 0;

  do
    {
      guint64 chunk;
      guint chunk_digits = 0;

      if (value >= (costops_u128) 10000000000000000000ULL)
        {
          guint64 rem;
          value = costops_udivrem_u128 (value, 10000000000000000000ULL, &rem);
          chunk = rem;
          /* A non-final chunk always has all 19 digits, zeros included. */
          for (; chunk_digits < 19; chunk_digits++, chunk /= 10)
            *--p = (char) ('0' + chunk % 10);
        }
      else
        {
          chunk = (guint64) value;
          value = 0;
          do
            {
              *--p = (char) ('0' + chunk % 10);
              chunk /= 10;
              chunk_digits++;
            }
          while (chunk != 0);
        }
      written += chunk_digits;
    }
  while (value != 0);

  for (; written < min_digits; written++)
    *--p = '0';
  return p;
}

gsize
costops_money_format (CostopsMoney  value,
                      char         *buf)
{
  char tmp[COSTOPS_MONEY_STRING_SIZE];
  char *end = tmp + sizeof tmp;
  char *p;
  costops_u128 magnitude, whole;
  guint64 fraction;
  gsize len;

  g_return_val_if_fail (buf != NULL, 0);

  magnitude = value.units < 0 ? -(costops_u128) value.units : (costops_u128) value.units;

  /* Fraction: exactly ten digits; then the point; then the integer part. */
  whole = costops_udivrem_u128 (magnitude, (guint64) COSTOPS_MONEY_SCALE, &fraction);
  p = format_unsigned (fraction, end, COSTOPS_MONEY_DIGITS);
  *--p = '.';
  p = format_unsigned (whole, p, 1);
  if (value.units < 0)
    *--p = '-';

  len = (gsize) (end - p);
  memcpy (buf, p, len);
  buf[len] = '\0';
  return len;
}

char *
costops_money_to_string (CostopsMoney value)
{
  char buf[COSTOPS_MONEY_STRING_SIZE];

  costops_money_format (value, buf);
  return g_strdup (buf);
}

static gboolean
set_overflow (GError     **error,
              const char  *operation)
{
  g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_OVERFLOW,
               "money %s overflowed the 128-bit range", operation);
  return FALSE;
}

gboolean
costops_money_add (CostopsMoney   a,
                   CostopsMoney   b,
                   CostopsMoney  *out,
                   GError       **error)
{
  __int128 r;

  g_return_val_if_fail (out != NULL, FALSE);

  if (__builtin_add_overflow (a.units, b.units, &r))
    return set_overflow (error, "addition");
  out->units = r;
  return TRUE;
}

gboolean
costops_money_sub (CostopsMoney   a,
                   CostopsMoney   b,
                   CostopsMoney  *out,
                   GError       **error)
{
  __int128 r;

  g_return_val_if_fail (out != NULL, FALSE);

  if (__builtin_sub_overflow (a.units, b.units, &r))
    return set_overflow (error, "subtraction");
  out->units = r;
  return TRUE;
}

gboolean
costops_money_mul_int (CostopsMoney   value,
                       guint64        count,
                       CostopsMoney  *out,
                       GError       **error)
{
  __int128 r;

  g_return_val_if_fail (out != NULL, FALSE);

  if (__builtin_mul_overflow (value.units, (__int128) count, &r))
    return set_overflow (error, "multiplication");
  out->units = r;
  return TRUE;
}

gboolean
costops_money_div_int (CostopsMoney   value,
                       guint64        divisor,
                       CostopsMoney  *out,
                       GError       **error)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (divisor == 0)
    {
      g_set_error_literal (error, COSTOPS_ERROR, COSTOPS_ERROR_OVERFLOW,
                           "money division by zero");
      return FALSE;
    }
  /* |result| <= |value|, so this cannot overflow, even for the minimum. */
  if (value.units == COSTOPS_I128_MIN)
    {
      out->units = -(__int128) costops_udiv_round_half_even ((costops_u128) 1 << 127, divisor);
      return TRUE;
    }
  out->units = costops_div_round_half_even (value.units, divisor);
  return TRUE;
}

int
costops_money_compare (CostopsMoney a,
                       CostopsMoney b)
{
  return (a.units > b.units) - (a.units < b.units);
}

gboolean
costops_money_quantize_checked (CostopsMoney   value,
                                guint          digits,
                                CostopsMoney  *out,
                                GError       **error)
{
  guint64 step;
  costops_u128 magnitude, q, limit;

  g_return_val_if_fail (out != NULL, FALSE);

  if (digits >= COSTOPS_MONEY_DIGITS)
    {
      *out = value;
      return TRUE;
    }

  step = powers_of_ten[COSTOPS_MONEY_DIGITS - digits];
  magnitude = value.units < 0 ? -(costops_u128) value.units : (costops_u128) value.units;
  q = costops_udiv_round_half_even (magnitude, step);
  limit = (costops_u128) COSTOPS_I128_MAX + (value.units < 0 ? 1 : 0);
  if (q > limit / step)
    {
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_OVERFLOW,
                   "rounding to %u digits overflowed the 128-bit range", digits);
      return FALSE;
    }
  out->units = negate_magnitude (q * step, value.units < 0);
  return TRUE;
}

CostopsMoney
costops_money_quantize (CostopsMoney value,
                        guint        digits)
{
  CostopsMoney out;

  if (!costops_money_quantize_checked (value, digits, &out, NULL))
    {
      /* Only within one step of the limits: round toward zero instead. */
      guint64 step = powers_of_ten[COSTOPS_MONEY_DIGITS - digits];
      out.units = value.units - value.units % (__int128) step;
    }
  return out;
}

CostopsMoney
costops_money_from_int (gint64 whole)
{
  return costops_money_from_units ((__int128) whole * COSTOPS_MONEY_SCALE);
}

double
costops_money_to_double (CostopsMoney value)
{
  /* Split so that the fraction keeps its precision for large amounts. */
  __int128 whole = value.units / COSTOPS_MONEY_SCALE;
  __int128 frac = value.units % COSTOPS_MONEY_SCALE;

  return (double) whole + (double) frac / 1e10;
}
