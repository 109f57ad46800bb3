/* bench-callgrind.c: instruction counts from Valgrind's Callgrind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "bench-callgrind.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "bench-error.h"
#include "bench-private.h"

#if defined(__has_include)
# if __has_include(<valgrind/callgrind.h>)
#  include <valgrind/callgrind.h>
#  define HAVE_CALLGRIND_H 1
# endif
#endif
#ifndef HAVE_CALLGRIND_H
/* Built without Valgrind's headers: a worker never counts instructions. */
# define RUNNING_ON_VALGRIND 0
# define CALLGRIND_ZERO_STATS
# define CALLGRIND_TOGGLE_COLLECT
# define CALLGRIND_DUMP_STATS_AT(pos) ((void) (pos))
#endif

/* The counts Callgrind writes; dumps get ".1", ".2", … appended. */
#define OUT_FILE "callgrind.out"
/* Off by default: the cache simulation takes two to three times as long.
 * COST_OPS_CALLGRIND_CACHE_SIM=1 adds the estimated cycles. */
#define CACHE_SIM_ENV "COST_OPS_CALLGRIND_CACHE_SIM"
/* N stays below this however cheap an operation is. */
#define MAX_OPERATIONS (G_GUINT64_CONSTANT (1) << 30)
#define DEFAULT_TIMEOUT_US (600 * G_USEC_PER_SEC)

char *
bench_callgrind_find_valgrind (void)
{
  return g_find_program_in_path ("valgrind");
}

gboolean
bench_callgrind_is_available (void)
{
  g_autofree char *valgrind = bench_callgrind_find_valgrind ();

  return valgrind != NULL;
}

char **
bench_callgrind_wrap_argv (char * const *worker_argv,
                           const char   *tmp_dir,
                           GError      **error)
{
  g_autofree char *valgrind = bench_callgrind_find_valgrind ();
  g_autoptr(GStrvBuilder) argv = NULL;
  g_autofree char *out_file = NULL;

  g_return_val_if_fail (worker_argv != NULL && tmp_dir != NULL, NULL);

  if (valgrind == NULL)
    {
      g_set_error_literal (error, BENCH_ERROR, BENCH_ERROR_TARGET_FAILED,
                           "Counting instructions needs Valgrind, which is not installed "
                           "(no valgrind in PATH)");
      return NULL;
    }
  out_file = g_build_filename (tmp_dir, OUT_FILE, NULL);
  argv = g_strv_builder_new ();
  g_strv_builder_add (argv, valgrind);
  g_strv_builder_add (argv, "--tool=callgrind");
  g_strv_builder_add (argv, "--collect-atstart=no");
  {
    g_autofree char *option = g_strconcat ("--callgrind-out-file=", out_file, NULL);

    g_strv_builder_add (argv, option);
  }
  if (g_strcmp0 (g_getenv (CACHE_SIM_ENV), "1") == 0)
    g_strv_builder_add (argv, "--cache-sim=yes");
  /* Valgrind's own messages stay out of the worker's standard error,
   * whose last line tells why a worker died, unless Valgrind fails. */
  g_strv_builder_add (argv, "--quiet");
  for (guint i = 0; worker_argv[i] != NULL; i++)
    g_strv_builder_add (argv, worker_argv[i]);
  return g_strv_builder_end (argv);
}

gint64
bench_callgrind_get_timeout_us (const BenchRunOptions *options)
{
  g_return_val_if_fail (options != NULL, 0);

  if (options->target_timeout_us > 0)
    return options->target_timeout_us;
  return DEFAULT_TIMEOUT_US;
}

static gboolean
parse_numbers (const char *text,
               guint64    *values,
               guint       n_values)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t", -1);
  guint n = 0;

  for (guint i = 0; words[i] != NULL && n < n_values; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (!g_ascii_string_to_unsigned (words[i], 10, 0, G_MAXUINT64, &values[n], NULL))
        return FALSE;
      n++;
    }
  return n > 0;
}

gboolean
bench_callgrind_parse_counts (const char            *text,
                              BenchCallgrindCounts  *counts,
                              GError               **error)
{
  static const char * const names[] = { "Ir", "Dr", "Dw", "I1mr", "D1mr", "D1mw", "ILmr", "DLmr", "DLmw" };
  guint64 *fields[G_N_ELEMENTS (names)];
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) events = NULL;
  const char *totals = NULL, *summary = NULL;
  guint64 values[64] = { 0 };
  guint n_events;

  g_return_val_if_fail (text != NULL && counts != NULL, FALSE);

  memset (counts, 0, sizeof *counts);
  fields[0] = &counts->ir;
  fields[1] = &counts->dr;
  fields[2] = &counts->dw;
  fields[3] = &counts->i1mr;
  fields[4] = &counts->d1mr;
  fields[5] = &counts->d1mw;
  fields[6] = &counts->ilmr;
  fields[7] = &counts->dlmr;
  fields[8] = &counts->dlmw;

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "events:") && events == NULL)
        events = g_strsplit_set (g_strstrip (lines[i] + 7), " \t", -1);
      else if (g_str_has_prefix (lines[i], "totals:"))
        totals = lines[i] + 7;
      else if (g_str_has_prefix (lines[i], "summary:"))
        summary = lines[i] + 8;
    }
  if (totals == NULL)
    totals = summary;
  if (events == NULL || totals == NULL || g_strcmp0 (events[0], "Ir") != 0)
    {
      g_set_error_literal (error, BENCH_ERROR, BENCH_ERROR_INVALID_RESULT,
                           "Callgrind's output has no instruction count");
      return FALSE;
    }
  n_events = MIN (g_strv_length (events), G_N_ELEMENTS (values));
  /* Callgrind leaves out the trailing counters that are 0. */
  if (!parse_numbers (totals, values, n_events))
    {
      g_set_error_literal (error, BENCH_ERROR, BENCH_ERROR_INVALID_RESULT,
                           "Callgrind's totals cannot be read");
      return FALSE;
    }
  for (guint e = 0; e < n_events; e++)
    for (guint f = 0; f < G_N_ELEMENTS (names); f++)
      if (g_strcmp0 (events[e], names[f]) == 0)
        {
          *fields[f] = values[e];
          if (f == 8)
            counts->has_cache = TRUE;
        }
  return TRUE;
}

double
bench_callgrind_estimated_cycles (const BenchCallgrindCounts *counts)
{
  double accesses, l1_misses, ll_misses;

  g_return_val_if_fail (counts != NULL, 0.0);

  if (!counts->has_cache)
    return 0.0;
  accesses = (double) counts->ir + (double) counts->dr + (double) counts->dw;
  l1_misses = (double) counts->i1mr + (double) counts->d1mr + (double) counts->d1mw;
  ll_misses = (double) counts->ilmr + (double) counts->dlmr + (double) counts->dlmw;
  return (accesses - l1_misses) + 5.0 * (l1_misses - ll_misses) + 35.0 * ll_misses;
}

/* Counts the instructions of one run_iterations() call: zeroes the
 * counters, collects around the call and reads the dump back. */
static gboolean
count_call (const BenchTarget     *target,
            gpointer               state,
            guint64                iterations,
            guint                  dump,
            BenchCallgrindCounts  *counts,
            GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  gboolean ok;

  CALLGRIND_ZERO_STATS;
  CALLGRIND_TOGGLE_COLLECT;
  ok = target->run_iterations (state, iterations, &local_error);
  CALLGRIND_TOGGLE_COLLECT;
  CALLGRIND_DUMP_STATS_AT ("cost-ops");
  if (!ok)
    {
      if (local_error == NULL)
        g_set_error (error, BENCH_ERROR, BENCH_ERROR_TARGET_FAILED,
                     "Target “%s” failed without saying why", target->id);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  path = g_strdup_printf ("%s/" OUT_FILE ".%u", g_get_tmp_dir (), dump);
  if (!g_file_get_contents (path, &text, NULL, &local_error))
    {
      g_set_error (error, BENCH_ERROR, BENCH_ERROR_TARGET_FAILED,
                   "Callgrind wrote no counts: %s", local_error->message);
      return FALSE;
    }
  g_unlink (path);
  return bench_callgrind_parse_counts (text, counts, error);
}

static gboolean
run_plain (const BenchTarget  *target,
           gpointer            state,
           guint64             iterations,
           GError            **error)
{
  g_autoptr(GError) local_error = NULL;

  if (target->run_iterations (state, iterations, &local_error))
    return TRUE;
  if (local_error == NULL)
    g_set_error (error, BENCH_ERROR, BENCH_ERROR_TARGET_FAILED,
                 "Target “%s” failed without saying why", target->id);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* The power of two of operations that reaches the instruction budget. */
static guint64
choose_operations (guint64 instructions_per_operation,
                   guint64 min_operations)
{
  guint64 n = 1;

  while (n < MAX_OPERATIONS &&
         n * MAX (instructions_per_operation, 1) < BENCH_CALLGRIND_INSTRUCTION_BUDGET)
    n *= 2;
  while (n < MAX_OPERATIONS && n < min_operations)
    n *= 2;
  return n;
}

static JsonObject *
count_target (BenchContext  *context,
              GError       **error)
{
  const BenchTarget *target = context->target;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonObject) metrics = NULL;
  BenchCallgrindCounts one = { 0 }, counts = { 0 };
  gpointer state = NULL;
  guint64 n = 0, warmup = 0;
  gboolean ok;

  if (!bench_context_setup_target (context, &state, error))
    return NULL;

  /* Warm-up: one operation to touch everything, one counted to choose N,
   * then a quarter of N; all of them fixed numbers, so two runs of the
   * same build execute the same code before the count. */
  bench_context_set_stage (context, BENCH_STAGE_WARMUP);
  bench_context_report (context, 0.1, TRUE);
  ok = run_plain (target, state, 1, error) &&
       count_call (target, state, 1, 1, &one, error);
  if (ok)
    {
      n = choose_operations (one.ir, target->min_iterations_per_sample);
      warmup = 2 + n / 4;
      bench_context_report (context, 0.2, TRUE);
      ok = run_plain (target, state, n / 4, error);
    }
  if (ok)
    {
      bench_context_set_stage (context, BENCH_STAGE_MEASURE);
      bench_context_report (context, 0.4, TRUE);
      ok = count_call (target, state, n, 2, &counts, error);
    }
  if (ok && counts.ir == 0)
    {
      g_set_error_literal (error, BENCH_ERROR, BENCH_ERROR_TARGET_FAILED,
                           "Callgrind counted no instructions");
      ok = FALSE;
    }
  if (ok)
    {
      double cycles = bench_callgrind_estimated_cycles (&counts);

      metrics = json_object_new ();
      json_object_set_string_member (metrics, "measure", "instructions");
      json_object_set_double_member (metrics, "instructions_per_operation",
                                     round ((double) counts.ir / (double) n * 1000.0) / 1000.0);
      if (counts.has_cache)
        json_object_set_double_member (metrics, "estimated_cycles_per_operation",
                                       round (cycles / (double) n * 1000.0) / 1000.0);
      json_object_set_int_member (metrics, "instructions", (gint64) counts.ir);
      json_object_set_int_member (metrics, "total_iterations", (gint64) n);
      json_object_set_int_member (metrics, "warmup_iterations", (gint64) warmup);
      bench_context_report (context, 0.9, TRUE);
    }

  bench_context_teardown_target (context, state);
  return ok ? g_steal_pointer (&metrics) : NULL;
}

BenchResult *
bench_callgrind_run_target_here (const BenchTarget *target,
                                 guint              index,
                                 BenchProgressFunc  progress,
                                 gpointer           progress_data,
                                 BenchStageFunc     stage_func,
                                 gpointer           stage_data,
                                 GError           **error)
{
  BenchRunOptions options = { 0 };
  BenchContext context;
  g_autoptr(JsonObject) metrics = NULL;
  g_autoptr(GError) failure = NULL;
  g_autoptr(GDateTime) now = NULL;
  const char *id = target->id != NULL ? target->id : "";

  g_return_val_if_fail (target != NULL, NULL);

  if (!RUNNING_ON_VALGRIND)
    {
      g_set_error_literal (error, BENCH_ERROR, BENCH_ERROR_TARGET_FAILED,
                           "instructions can only be counted under Valgrind's Callgrind");
      return NULL;
    }

  options.isolation = BENCH_ISOLATION_IN_PROCESS;
  options.measure = BENCH_MEASURE_INSTRUCTIONS;
  bench_context_init (&context, target, &options, index, progress, progress_data, NULL);
  context.stage_func = stage_func;
  context.stage_data = stage_data;
  bench_context_report (&context, 0.0, TRUE);

  if (!bench_target_id_is_valid (id))
    g_set_error (&failure, BENCH_ERROR, BENCH_ERROR_TARGET_FAILED,
                 "“%s” is not a valid target id (lowercase letters, digits and '_' only)", id);
  else if (target->run_iterations == NULL)
    g_set_error (&failure, BENCH_ERROR, BENCH_ERROR_TARGET_FAILED,
                 "Target “%s” has no benchmark to run", id);
  else
    metrics = count_target (&context, &failure);

  now = g_date_time_new_now_utc ();
  if (failure != NULL)
    return bench_result_new_failure (id, failure, now);
  return bench_result_new_success (id, metrics, now, NULL, 0);
}

gboolean
bench_callgrind_result_is_instructions (const BenchResult *result)
{
  JsonObject *metrics;

  g_return_val_if_fail (result != NULL, FALSE);

  metrics = bench_result_get_metrics (result);
  return metrics != NULL &&
         g_strcmp0 (json_object_get_string_member_with_default (metrics, "measure", NULL),
                    "instructions") == 0;
}

double
bench_callgrind_get_instructions (const BenchResult *result)
{
  g_return_val_if_fail (result != NULL, 0.0);
  return bench_result_get_metric_double (result, "instructions_per_operation", 0.0);
}

char *
bench_callgrind_format_instructions (double instructions)
{
  g_autofree char *number = NULL;

  if (!isfinite (instructions))
    return g_strdup ("-");
  number = bench_format_double ("%.1f", instructions);
  return g_strconcat (number, " instr", NULL);
}

char *
bench_callgrind_dup_figure (const BenchResult *result)
{
  g_autofree char *number = NULL;

  g_return_val_if_fail (result != NULL, NULL);

  if (!bench_result_is_success (result) || !bench_callgrind_result_is_instructions (result))
    return NULL;
  number = bench_format_double ("%.1f", bench_callgrind_get_instructions (result));
  return g_strconcat (number, " instructions/op", NULL);
}

gboolean
bench_callgrind_compare (const BenchResult *baseline,
                         const BenchResult *current,
                         double             noise_threshold,
                         BenchComparison   *out,
                         char             **reason)
{
  gboolean base_counted, current_counted;
  double base, now;

  g_return_val_if_fail (baseline != NULL && current != NULL && out != NULL, FALSE);
  g_return_val_if_fail (reason != NULL && *reason == NULL, FALSE);

  base_counted = bench_callgrind_result_is_instructions (baseline);
  current_counted = bench_callgrind_result_is_instructions (current);
  if (!base_counted && !current_counted)
    return FALSE;
  if (base_counted != current_counted)
    {
      *reason = g_strdup (current_counted ? "counted instructions, the baseline measured time"
                                          : "measured time, the baseline counted instructions");
      return TRUE;
    }
  base = bench_callgrind_get_instructions (baseline);
  now = bench_callgrind_get_instructions (current);
  if (!(base > 0.0) || !(now > 0.0) || !isfinite (base) || !isfinite (now))
    {
      *reason = g_strdup ("an instruction count is missing");
      return TRUE;
    }

  memset (out, 0, sizeof *out);
  out->baseline_median_ns = base;
  out->current_median_ns = now;
  out->change = now / base - 1.0;
  out->ci_low = out->ci_high = out->change;
  if (out->change > noise_threshold)
    out->verdict = BENCH_VERDICT_REGRESSED;
  else if (out->change < -noise_threshold)
    out->verdict = BENCH_VERDICT_IMPROVED;
  else
    out->verdict = BENCH_VERDICT_NO_CHANGE;
  out->p_value = out->verdict == BENCH_VERDICT_NO_CHANGE ? 1.0 : 0.0;
  return TRUE;
}
