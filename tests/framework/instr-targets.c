/* instr-targets.c: a fixed amount of work per operation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "instr-targets.h"

#include "bench-error.h"

typedef struct {
  guint64 steps;
  guint   calls;
} Work;

static gpointer
work_setup (const BenchTarget  *target,
            GError            **error)
{
  Work *work = g_new0 (Work, 1);
  const char *extra = g_getenv (INSTR_TARGETS_EXTRA_ENV);
  guint64 percent = 0;

  if (extra != NULL && !g_ascii_string_to_unsigned (extra, 10, 0, 1000, &percent, NULL))
    {
      g_set_error (error, BENCH_ERROR, BENCH_ERROR_TARGET_FAILED,
                   INSTR_TARGETS_EXTRA_ENV " is not a percentage: “%s”", extra);
      g_free (work);
      return NULL;
    }
  work->steps = INSTR_TARGETS_STEPS + INSTR_TARGETS_STEPS * percent / 100;
  return work;
}

/* The same instructions for every step: a multiply-xorshift mix that the
 * compiler can neither vectorise nor fold. */
static gboolean
work_run (gpointer   state,
          guint64    iterations,
          GError   **error)
{
  Work *work = state;

  for (guint64 i = 0; i < iterations; i++)
    {
      guint64 x = i + 1;

      for (guint64 s = 0; s < work->steps; s++)
        {
          x ^= x >> 29;
          x *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
          bench_keep (x);
        }
    }
  return TRUE;
}

static gboolean
failing_run (gpointer   state,
             guint64    iterations,
             GError   **error)
{
  Work *work = state;

  if (++work->calls >= 4)
    {
      g_set_error_literal (error, BENCH_ERROR, BENCH_ERROR_TARGET_FAILED, "the work went wrong");
      return FALSE;
    }
  return work_run (state, iterations, error);
}

/* A real invalid write while it is counted (the fourth call: one to warm
 * up, one to choose N, a quarter of N, then N counted). */
static gboolean
crashing_run (gpointer   state,
              guint64    iterations,
              GError   **error)
{
  Work *work = state;

  if (++work->calls >= 4)
    {
      volatile int *nowhere = NULL;

      *nowhere = (int) iterations;
    }
  return work_run (state, iterations, error);
}

static const BenchTarget fixed_work_target = {
  .id = "fixed_work", .display_name = "fixed_work", .category = "test",
  .description = "A fixed number of steps per operation",
  .setup = work_setup, .run_iterations = work_run, .teardown = g_free,
};

static const BenchTarget failing_work_target = {
  .id = "failing_work", .display_name = "failing_work", .category = "test",
  .description = "Fails while it is counted",
  .setup = work_setup, .run_iterations = failing_run, .teardown = g_free,
};

static const BenchTarget crashing_work_target = {
  .id = "crashing_work", .display_name = "crashing_work", .category = "test",
  .description = "Crashes while it is counted",
  .setup = work_setup, .run_iterations = crashing_run, .teardown = g_free,
};

static const BenchTarget * const all[] = {
  &fixed_work_target,
  &failing_work_target,
  &crashing_work_target,
  NULL,
};

const BenchTarget * const *
instr_targets_get_all (void)
{
  return all;
}
