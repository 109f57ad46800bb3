/* costops-money.h: exact fixed-point decimal money.
 *
 * A value is an integer count of 10^-10 units (ten fractional digits), held in a
 * 128-bit integer. There is no floating point anywhere on this path: every
 * operation is exact or reports COSTOPS_ERROR_OVERFLOW.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define COSTOPS_MONEY_DIGITS 10
#define COSTOPS_MONEY_SCALE  ((__int128) 10000000000LL)

typedef struct {
  __int128 units; /* value × 10^10 */
} CostopsMoney;

#define COSTOPS_MONEY_ZERO ((CostopsMoney) { 0 })

static inline CostopsMoney
costops_money_from_units (__int128 units)
{
  return (CostopsMoney) { units };
}

/* "10", "-0.5", "0.0000025", "1e-6" is rejected (no exponents), more than ten
 * fractional digits is rejected rather than silently rounded. */
gboolean  costops_money_parse        (const char    *text,
                                      CostopsMoney  *out,
                                      GError       **error);
/* Always ten fractional digits: "0.0250000000", "-3.1000000000". Lossless. */
char     *costops_money_to_string    (CostopsMoney   value);
/* Writes into buf (at least COSTOPS_MONEY_STRING_SIZE bytes); no allocation. */
#define COSTOPS_MONEY_STRING_SIZE 48
gsize     costops_money_format       (CostopsMoney   value,
                                      char          *buf);

gboolean  costops_money_add          (CostopsMoney   a,
                                      CostopsMoney   b,
                                      CostopsMoney  *out,
                                      GError       **error);
gboolean  costops_money_sub          (CostopsMoney   a,
                                      CostopsMoney   b,
                                      CostopsMoney  *out,
                                      GError       **error);
/* value × count, exact. */
gboolean  costops_money_mul_int      (CostopsMoney   value,
                                      guint64        count,
                                      CostopsMoney  *out,
                                      GError       **error);
/* value / divisor rounded half-even to ten places (e.g. an average). */
gboolean  costops_money_div_int      (CostopsMoney   value,
                                      guint64        divisor,
                                      CostopsMoney  *out,
                                      GError       **error);
int       costops_money_compare      (CostopsMoney   a,
                                      CostopsMoney   b);
/* Rounds half-even to @digits fractional digits (0..10). */
CostopsMoney costops_money_quantize  (CostopsMoney   value,
                                      guint          digits);
/* Like costops_money_quantize() but reports COSTOPS_ERROR_OVERFLOW when the
 * rounded value does not fit (only possible within 10^-digits of the limits);
 * costops_money_quantize() then rounds toward zero instead. */
gboolean  costops_money_quantize_checked (CostopsMoney   value,
                                          guint          digits,
                                          CostopsMoney  *out,
                                          GError       **error);
/* A whole amount, e.g. 3 -> 3.0000000000. Never overflows. */
CostopsMoney costops_money_from_int  (gint64         whole);
/* For charts and statistics only, never for sums. */
double    costops_money_to_double    (CostopsMoney   value);

G_END_DECLS
