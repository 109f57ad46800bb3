/* costops-int128-private.h: exact 128-bit helpers shared by the engine's hot
 * paths (money, calculator, aggregator). Not installed, not part of the API.
 *
 * Everything is static inline so that a division by a constant such as 10^6
 * is specialised by the compiler at each call site.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <stdint.h>

typedef unsigned __int128 costops_u128;

#define COSTOPS_U128_HI(x) ((guint64) ((x) >> 64))
#define COSTOPS_U128_LO(x) ((guint64) (x))

/* (hi:lo) / d with hi < d, so the quotient fits 64 bits. On x86-64 this is a
 * single `div` instruction; libgcc's __udivti3 would add a call and tests. */
static inline guint64
costops_udiv_2by1 (guint64  hi,
                   guint64  lo,
                   guint64  d,
                   guint64 *rem)
{
#if defined(__x86_64__)
  guint64 q, r;
  __asm__ ("divq %4" : "=a" (q), "=d" (r) : "a" (lo), "d" (hi), "rm" (d) : "cc");
  *rem = r;
  return q;
#else
  costops_u128 n = ((costops_u128) hi << 64) | lo;
  *rem = (guint64) (n % d);
  return (guint64) (n / d);
#endif
}

/* n / d and n % d for a 64-bit divisor d > 0. */
static inline costops_u128
costops_udivrem_u128 (costops_u128  n,
                      guint64       d,
                      guint64      *rem)
{
  guint64 hi = COSTOPS_U128_HI (n);
  guint64 lo = COSTOPS_U128_LO (n);

  if (G_LIKELY (hi == 0))
    {
      *rem = lo % d;
      return lo / d;
    }
  else
    {
      guint64 q_hi = hi / d;
      guint64 q_lo = costops_udiv_2by1 (hi % d, lo, d, rem);
      return ((costops_u128) q_hi << 64) | q_lo;
    }
}

/* n / d rounded half-even (ties go to the even quotient). Never overflows:
 * the result is at most n / 1 and rounding up only happens when d >= 2. */
static inline costops_u128
costops_udiv_round_half_even (costops_u128 n,
                              guint64      d)
{
  guint64 r;
  costops_u128 q = costops_udivrem_u128 (n, d, &r);
  guint64 other = d - r; /* compare 2r with d without overflowing */

  if (r > other || (r == other && (q & 1)))
    q++;
  return q;
}

/* Signed variant: half-even is symmetric, so round the magnitude. */
static inline __int128
costops_div_round_half_even (__int128 n,
                             guint64  d)
{
  if (n < 0)
    return -(__int128) costops_udiv_round_half_even (-(costops_u128) n, d);
  return (__int128) costops_udiv_round_half_even ((costops_u128) n, d);
}

#define COSTOPS_I128_MAX ((__int128) (((costops_u128) 1 << 127) - 1))
#define COSTOPS_I128_MIN (-COSTOPS_I128_MAX - 1)
