/* bench-speed-probe.h: how fast the CPU runs right now, for judging
 * whether a sample was taken while the machine was slowed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A window whose reference loop ran this much slower than the fastest
 * time of the loop in the run is disturbed: 5% is several times the
 * loop's own spread on a quiet machine (0.4% here) and below the
 * slowdowns a busy hyperthread sibling causes (20-40%). */
#define BENCH_SPEED_SLOWDOWN_LIMIT 1.05

/* Times the reference loop (a few microseconds of independent integer
 * work that keeps the core's execution units busy) twice and returns the
 * faster time in ns, which also lowers the process's reference. */
double bench_speed_probe_ns        (void);

/* The fastest time of the loop seen by this process (and handed in with
 * bench_speed_probe_offer()); 0 when none yet. */
double bench_speed_probe_reference (void);

/* Lowers the process's reference to @ns, a time of the loop seen
 * elsewhere in the same run (the supervisor's, for a worker). */
void   bench_speed_probe_offer     (double ns);

/* Forgets the reference: a new run starts from scratch. */
void   bench_speed_probe_reset     (void);

/* For tests: called inside the timed part of every run of the loop with
 * the loop's time so far; returns how many ns longer it should seem to
 * take, as on a machine slowed by something the test stands in for. */
typedef double (*BenchSpeedProbeTestFunc) (double elapsed_ns);
void   bench_speed_probe_set_test_func (BenchSpeedProbeTestFunc func);

G_END_DECLS
