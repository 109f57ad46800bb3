/* bench-speed-probe.c: the reference loop.
 *
 * On a shared machine the measuring thread can run slower without being
 * descheduled and without anything on this machine's other CPUs: another
 * tenant's work on the hyperthread sibling, a lower clock. No counter
 * says so (there are no hardware counters in a VM), so the sampler times
 * a fixed piece of work between samples: when it takes longer than its
 * best time in the run, the samples beside it were slowed too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "bench-speed-probe.h"

#include "bench-private.h"

#define PROBE_WORDS 512
#define PROBE_ROUNDS 100

static guint64 probe_data[PROBE_WORDS];
static double reference_ns;
static BenchSpeedProbeTestFunc test_func;
G_LOCK_DEFINE_STATIC (reference);

/* Four independent chains of adds, xors and shifts over an array in the
 * first-level cache: throughput-bound, so it slows as soon as anything
 * else shares the core, which a latency-bound chain hardly notices. */
static __attribute__ ((noinline)) guint64
probe_loop (const guint64 *data)
{
  guint64 a = 1, b = 2, c = 3, d = 4;

  for (guint round = 0; round < PROBE_ROUNDS; round++)
    for (guint i = 0; i < PROBE_WORDS; i += 4)
      {
        a += data[i] ^ (b >> 3);
        b += data[i + 1] + (c << 1);
        c ^= data[i + 2] + d;
        d += data[i + 3] ^ a;
      }
  return a + b + c + d;
}

static double
time_once (void)
{
  static volatile guint64 sink;
  gint64 start = bench_clock_now_ns ();

  sink = probe_loop (probe_data);
  (void) sink;
  if (test_func != NULL)
    {
      gint64 elapsed = bench_clock_now_ns () - start;
      gint64 until = start + elapsed + (gint64) test_func ((double) elapsed);

      while (bench_clock_now_ns () < until)
        ;
    }
  return (double) (bench_clock_now_ns () - start);
}

void
bench_speed_probe_set_test_func (BenchSpeedProbeTestFunc func)
{
  test_func = func;
}

void
bench_speed_probe_offer (double ns)
{
  if (ns <= 0.0)
    return;
  G_LOCK (reference);
  if (reference_ns == 0.0 || ns < reference_ns)
    reference_ns = ns;
  G_UNLOCK (reference);
}

double
bench_speed_probe_ns (void)
{
  static gsize initialised;
  double ns;

  if (g_once_init_enter (&initialised))
    {
      for (guint i = 0; i < PROBE_WORDS; i++)
        probe_data[i] = (guint64) i * 0x9e3779b97f4a7c15u;
      g_once_init_leave (&initialised, 1);
    }
  /* The faster of two: one interrupt should not make a window look slow. */
  ns = MIN (time_once (), time_once ());
  bench_speed_probe_offer (ns);
  return ns;
}

double
bench_speed_probe_reference (void)
{
  double ns;

  G_LOCK (reference);
  ns = reference_ns;
  G_UNLOCK (reference);
  return ns;
}

void
bench_speed_probe_reset (void)
{
  G_LOCK (reference);
  reference_ns = 0.0;
  G_UNLOCK (reference);
}
