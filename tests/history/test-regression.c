/* Verdicts on real measurements: a synthetic target whose cost per operation
 * is set by the test is run through the real runner twice and compared.
 * Identical settings must read "no change", a 10% slowdown "regressed", a
 * 10% speed-up "improved"; over 20 repetitions at most one false verdict.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "bench-compare.h"
#include "bench-result.h"
#include "bench-runner.h"

#define REPETITIONS 20
/* Turns each side of a comparison is measured in. */
#define CHUNKS 10

typedef struct {
  guint work; /* LCG steps per operation: the cost the test controls */
} SyntheticState;

static guint synthetic_work;

static gpointer
synthetic_setup (const BenchTarget *target,
                 GError           **error)
{
  SyntheticState *state = g_new0 (SyntheticState, 1);

  state->work = synthetic_work;
  return state;
}

static gboolean
synthetic_run (gpointer  data,
               guint64   iterations,
               GError  **error)
{
  SyntheticState *state = data;

  for (guint64 i = 0; i < iterations; i++)
    {
      guint32 x = (guint32) i;

      for (guint k = 0; k < state->work; k++)
        {
          x = x * 1664525u + 1013904223u;
          /* A barrier per step keeps the chain from being folded. */
          __asm__ __volatile__ ("" : "+r" (x));
        }
      bench_keep (x);
    }
  return TRUE;
}

static const BenchTarget synthetic_target = {
  .id = "synthetic",
  .display_name = "Synthetic",
  .category = "test",
  .description = "LCG steps, as many as the test asks for",
  .setup = synthetic_setup,
  .run_iterations = synthetic_run,
  .teardown = g_free,
};

/* One chunk: a short run of the synthetic target (a CHUNKS-th of a quick
 * run's measuring time, after a 5 ms warm-up); its samples are appended. */
/* Set when a chunk's result was flagged disturbed: a run comparison would
 * call its verdict unreliable rather than trust it. */
static gboolean chunk_disturbed;
/* Only under the bursty load: the quiet-machine tests keep every verdict. */
static gboolean judge_disturbance;

static void
measure (guint work, GArray *samples)
{
  g_autoptr(BenchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  BenchRunOptions options = { 0 };
  const double *values;
  guint n = 0;

  bench_run_options_init_quick (&options);

  options.isolation = BENCH_ISOLATION_IN_PROCESS;   /* this program's own targets */
  options.min_measure_us /= CHUNKS;
  options.warmup_us = MIN (options.warmup_us, 5 * 1000);
  options.min_samples = MAX (options.min_samples / CHUNKS, 3);
  synthetic_work = work;
  result = bench_run_target (&synthetic_target, &options, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (bench_result_is_success (result));
  values = bench_result_get_samples (result, &n);
  g_array_append_vals (samples, values, n);
  if (bench_result_is_disturbed (result))
    chunk_disturbed = TRUE;
}

static guint
count_false_verdicts (guint base_work, guint current_work, BenchVerdict expected)
{
  g_autoptr(GArray) baseline = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) current = g_array_new (FALSE, FALSE, sizeof (double));
  guint wrong = 0;

  for (guint r = 0; r < REPETITIONS; r++)
    {
      g_autoptr(GError) error = NULL;
      BenchComparison cmp;

      /* Each side is measured in short chunks taken in turns, a quick run's
       * measuring time in all: on a shared machine the load changes from
       * one moment to the next, and alternating spreads it over both sides
       * instead of handing it to whichever ran during a busy moment. The
       * verdict still comes from the samples alone. */
      g_array_set_size (baseline, 0);
      g_array_set_size (current, 0);
      chunk_disturbed = FALSE;
      for (guint c = 0; c < CHUNKS; c++)
        {
          measure (base_work, baseline);
          measure (current_work, current);
        }
      g_assert_true (bench_compare_samples ((double *) (void *) baseline->data, baseline->len,
                                            (double *) (void *) current->data, current->len,
                                            BENCH_COMPARE_DEFAULT_NOISE, &cmp, &error));
      g_assert_no_error (error);
      /* What the gate would do: no verdict from a disturbed measurement. */
      if (judge_disturbance && chunk_disturbed)
        cmp.verdict = BENCH_VERDICT_UNRELIABLE;
      if (cmp.verdict != expected && !(chunk_disturbed && expected == BENCH_VERDICT_NO_CHANGE))
        {
          wrong++;
          g_test_message ("repetition %u: %s (change %+.2f%%, interval [%+.2f%%, %+.2f%%], p %.3g), expected %s",
                          r + 1, bench_verdict_to_string (cmp.verdict), cmp.change * 100,
                          cmp.ci_low * 100, cmp.ci_high * 100, cmp.p_value,
                          bench_verdict_to_string (expected));
        }
    }
  return wrong;
}

/* The 1-minute load average, or -1. */
static double
load_average (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return -1.0;
  return g_ascii_strtod (text, NULL);
}

/* These figures are promised for a quiet machine. A count over the limit
 * is measured once more; if it is still over while other work keeps the
 * machine busy, the test is skipped with the reason rather than failed. */
static void
check_quiet_machine (guint        base_work,
                     guint        current_work,
                     BenchVerdict expected)
{
  guint wrong = count_false_verdicts (base_work, current_work, expected);
  double load;

  if (wrong <= 1)
    return;
  g_test_message ("%u false verdicts of %u: measuring again", wrong, REPETITIONS);
  wrong = count_false_verdicts (base_work, current_work, expected);
  load = load_average ();
  if (wrong > 1 && load > 0.5 * g_get_num_processors ())
    {
      g_autofree char *reason = g_strdup_printf ("%u false verdicts of %u, but the machine is busy "
                                                 "(load %.2f on %u CPUs): the quiet-machine figures "
                                                 "cannot be checked", wrong, REPETITIONS, load,
                                                 g_get_num_processors ());

      g_test_skip (reason);
      return;
    }
  g_assert_cmpuint (wrong, <=, 1);
}

static void
test_identical_runs (void)
{
  check_quiet_machine (200, 200, BENCH_VERDICT_NO_CHANGE);
}

static void
test_slowdown_regressed (void)
{
  check_quiet_machine (200, 220, BENCH_VERDICT_REGRESSED);
}

static void
test_speedup_improved (void)
{
  check_quiet_machine (220, 200, BENCH_VERDICT_IMPROVED);
}

/* A bursty competing load: one thread busy for 150-450 ms, then idle as
 * long, like tests/load/bursty-load.py. */
static gint bursty_running;

static gpointer
bursty_thread (gpointer data)
{
  GRand *rand = g_rand_new_with_seed (1);

  while (g_atomic_int_get (&bursty_running))
    {
      gint64 until = g_get_monotonic_time () + g_rand_int_range (rand, 150, 450) * 1000;
      volatile guint64 spins = 0;

      while (g_get_monotonic_time () < until && g_atomic_int_get (&bursty_running))
        spins++;
      g_usleep (g_rand_int_range (rand, 150, 450) * 1000);
    }
  g_rand_free (rand);
  return NULL;
}

/* Identical runs with the load switching on and off beside them: the
 * samples it disturbs are left out, and a side that could not be measured
 * undisturbed gives no verdict, so the gate stays quiet. */
static void
test_identical_runs_bursty_load (void)
{
  GThread *thread;
  guint wrong;

  if (g_get_num_processors () < 2)
    {
      g_test_skip ("one CPU: the load would only deschedule the target");
      return;
    }
  g_unsetenv ("COST_OPS_IGNORE_NEIGHBOURS");
  g_atomic_int_set (&bursty_running, 1);
  thread = g_thread_new ("bursty", bursty_thread, NULL);
  judge_disturbance = TRUE;
  wrong = count_false_verdicts (200, 200, BENCH_VERDICT_NO_CHANGE);
  judge_disturbance = FALSE;
  g_atomic_int_set (&bursty_running, 0);
  g_thread_join (thread);
  g_setenv ("COST_OPS_IGNORE_NEIGHBOURS", "1", TRUE);
  g_assert_cmpuint (wrong, <=, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/regression/identical-runs-no-change", test_identical_runs);
  g_test_add_func ("/regression/ten-percent-slower-regressed", test_slowdown_regressed);
  g_test_add_func ("/regression/ten-percent-faster-improved", test_speedup_improved);
  g_test_add_func ("/regression/identical-runs-bursty-load", test_identical_runs_bursty_load);
  return g_test_run ();
}
