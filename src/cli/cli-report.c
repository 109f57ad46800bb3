/* cli-report.c: what `run`, `compare`, `history` and `export` share: the
 * noise threshold option, reading the history, finding a run, and printing
 * machines, warnings and comparisons.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cli.h"

#include "bench-callgrind.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

gboolean
cli_parse_noise_threshold (const char  *text,
                           double      *fraction,
                           char       **message)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end = NULL;
  double percent;

  if (g_str_has_suffix (copy, "%"))
    copy[strlen (copy) - 1] = '\0';
  percent = g_ascii_strtod (copy, &end);
  if (*copy == '\0' || end == copy || *end != '\0' || !isfinite (percent) ||
      percent < 0.0 || percent >= 100.0)
    {
      /* TRANSLATORS: %s is what the user gave to --noise-threshold. */
      *message = g_strdup_printf (_("The noise threshold “%s” is not a percentage from 0 to 100"), text);
      return FALSE;
    }
  *fraction = percent / 100.0;
  return TRUE;
}

GPtrArray *
cli_load_history (const char *command,
                  const char *output)
{
  g_autoptr(GPtrArray) skipped = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  GPtrArray *runs;

  runs = bench_history_list (output, skipped, &error);
  if (runs == NULL)
    {
      cli_print_error (command, error->message);
      return NULL;
    }
  for (guint i = 0; i < skipped->len; i++)
    {
      /* TRANSLATORS: %s is "<file name>: <why it cannot be read>". */
      g_autofree char *message = g_strdup_printf (_("Skipped a damaged history file: %s"),
                                                  (char *) g_ptr_array_index (skipped, i));

      cli_print_error (command, message);
    }
  return runs;
}

BenchRunRecord *
cli_find_run (GPtrArray       *runs,
              const char      *spec,
              BenchRunRecord  *before,
              GError         **error)
{
  if (before != NULL && g_strcmp0 (spec, "latest") == 0)
    return bench_history_find_previous (runs, before, error);
  return bench_history_find (runs, spec, error);
}

char *
cli_format_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%d %H:%M:%S UTC");
}

char *
cli_describe_machine (JsonObject *environment)
{
  g_autoptr(BenchEnvironment) env = bench_environment_from_json (environment);

  /* TRANSLATORS: host name, CPU model, number of logical CPUs and the build
   * type (e.g. "debugoptimized"). */
  return g_strdup_printf (_("%s (%s, %u logical CPUs, %s build)"),
                          env->hostname, env->cpu_model, env->n_cpus, env->build_type);
}

void
cli_print_environment_warnings (FILE       *stream,
                                JsonObject *environment,
                                const char *which)
{
  g_autoptr(BenchEnvironment) env = bench_environment_from_json (environment);
  BenchEnvironmentWarnings warnings = bench_environment_get_warnings (env);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  if (warnings & BENCH_ENVIRONMENT_WARNING_GOVERNOR)
    /* TRANSLATORS: %s is a CPU frequency governor such as "powersave". */
    g_ptr_array_add (lines, g_strdup_printf (_("the CPU frequency governor is “%s”, not “performance”: "
                                               "the clock may change while targets run"),
                                             env->cpu_governor));
  if (warnings & BENCH_ENVIRONMENT_WARNING_HIGH_LOAD)
    /* TRANSLATORS: %.2f is the load average, %u the number of logical CPUs. */
    g_ptr_array_add (lines, g_strdup_printf (_("the load average was %.2f at the start, high for %u "
                                               "logical CPUs: other work competes with the targets"),
                                             env->load_average[0], env->n_cpus));
  if (warnings & BENCH_ENVIRONMENT_WARNING_DEBUG_BUILD)
    /* TRANSLATORS: %s is the build type, e.g. "debug". */
    g_ptr_array_add (lines, g_strdup_printf (_("this is an unoptimised build (“%s”): its figures say "
                                               "little about a release build"),
                                             env->build_type));

  for (guint i = 0; i < lines->len; i++)
    {
      if (which != NULL)
        /* TRANSLATORS: first %s names a run ("the baseline"), second is the warning. */
        fprintf (stream, _("Warning (%s): %s\n"), which, (char *) g_ptr_array_index (lines, i));
      else
        /* TRANSLATORS: %s is a warning about the machine, e.g. high load. */
        fprintf (stream, _("Warning: %s\n"), (char *) g_ptr_array_index (lines, i));
    }
}

static const char *
verdict_text (const BenchTargetComparison *target)
{
  switch (target->status)
    {
    case BENCH_TARGET_NOT_IN_BASELINE:
      return _("not in the baseline");
    case BENCH_TARGET_FAILED:
      return _("failed in one of the runs");
    case BENCH_TARGET_NOT_COMPARABLE:
      return _("not comparable: too few samples");
    case BENCH_TARGET_COMPARED:
    default:
      break;
    }
  switch (target->stats.verdict)
    {
    case BENCH_VERDICT_IMPROVED:
      return _("improved");
    case BENCH_VERDICT_REGRESSED:
      return _("regressed");
    case BENCH_VERDICT_UNRELIABLE:
      /* TRANSLATORS: a verdict that cannot be trusted; the reason follows. */
      return _("unreliable");
    case BENCH_VERDICT_NO_CHANGE:
    default:
      return _("no change");
    }
}

/* Cells padded by characters, not bytes: translations and "…" are UTF-8. */
static void
append_padded (GString    *line,
               const char *text,
               gsize       width)
{
  g_string_append (line, text);
  for (glong n = g_utf8_strlen (text, -1); n < (glong) width; n++)
    g_string_append_c (line, ' ');
}

#define N_COLUMNS 7

static GStrv
comparison_row (const BenchTargetComparison *target)
{
  g_autoptr(GStrvBuilder) row = g_strv_builder_new ();

  g_strv_builder_add (row, target->target_id);
  if (target->status == BENCH_TARGET_COMPARED)
    {
      g_autofree char *base = target->instructions
                              ? bench_callgrind_format_instructions (target->stats.baseline_median_ns)
                              : bench_format_duration_ns (target->stats.baseline_median_ns);
      g_autofree char *current = target->instructions
                                 ? bench_callgrind_format_instructions (target->stats.current_median_ns)
                                 : bench_format_duration_ns (target->stats.current_median_ns);
      g_autofree char *change = bench_format_change (target->stats.change);
      g_autofree char *low = bench_format_change (target->stats.ci_low);
      g_autofree char *high = bench_format_change (target->stats.ci_high);
      g_autofree char *interval = g_strdup_printf ("%s … %s", low, high);
      g_autofree char *p = g_strdup_printf ("%.3g", target->stats.p_value);

      g_strv_builder_add_many (row, base, current, change, interval, p, NULL);
    }
  else
    g_strv_builder_add_many (row, "-", "-", "-", "-", "-", NULL);
  g_strv_builder_add (row, verdict_text (target));
  return g_strv_builder_end (row);
}

void
cli_print_comparison (FILE               *stream,
                      BenchRunComparison *comparison)
{
  BenchRunRecord *baseline = bench_run_comparison_get_baseline (comparison);
  const char * const *differences = bench_run_comparison_get_machine_differences (comparison);
  g_autofree char *started = cli_format_time (bench_run_record_get_started (baseline));
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  gsize widths[N_COLUMNS] = { 0 };
  guint counts[5] = { 0 };   /* regressed, improved, no change, not compared, unreliable */
  const char *header[N_COLUMNS + 1] = {
    _("Target"), _("Baseline"), _("Current"), _("Change"),
    /* TRANSLATORS: column of the 95 percent confidence interval of the change. */
    _("Interval (95%)"),
    /* TRANSLATORS: column of the p-value of the Mann-Whitney U test. */
    _("p"),
    _("Verdict"),
    NULL,
  };

  /* TRANSLATORS: %s are a run id and its start time. */
  fprintf (stream, _("Compared with run %s (started %s), median ns per operation:\n"),
           bench_run_record_get_id (baseline), started);
  if (differences[0] != NULL)
    {
      g_autofree char *list = g_strjoinv ("; ", (char **) differences);

      /* TRANSLATORS: %s lists what differs, e.g. "host name: a → b". */
      fprintf (stream, _("Warning: the baseline comes from a different machine or build (%s); "
                         "the verdicts may reflect that rather than the code.\n"), list);
    }

  g_ptr_array_add (rows, g_strdupv ((char **) header));
  for (guint i = 0; i < bench_run_comparison_get_n_targets (comparison); i++)
    {
      const BenchTargetComparison *target = bench_run_comparison_get_target (comparison, i);

      g_ptr_array_add (rows, comparison_row (target));
      if (target->status != BENCH_TARGET_COMPARED)
        counts[3]++;
      else if (target->stats.verdict == BENCH_VERDICT_REGRESSED)
        counts[0]++;
      else if (target->stats.verdict == BENCH_VERDICT_IMPROVED)
        counts[1]++;
      else if (target->stats.verdict == BENCH_VERDICT_UNRELIABLE)
        counts[4]++;
      else
        counts[2]++;
    }
  for (guint r = 0; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);

      for (guint c = 0; c < N_COLUMNS; c++)
        widths[c] = MAX (widths[c], (gsize) g_utf8_strlen (row[c], -1));
    }
  for (guint r = 0; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);
      g_autoptr(GString) line = g_string_new ("  ");

      for (guint c = 0; c < N_COLUMNS; c++)
        append_padded (line, row[c], c + 1 < N_COLUMNS ? widths[c] + 2 : 0);
      fprintf (stream, "%s\n", line->str);
    }
  /* Why a verdict is unreliable, or what its confirmation found. */
  for (guint i = 0; i < bench_run_comparison_get_n_targets (comparison); i++)
    {
      const BenchTargetComparison *target = bench_run_comparison_get_target (comparison, i);

      if (target->status == BENCH_TARGET_COMPARED && target->reason != NULL)
        fprintf (stream, "  %s: %s\n", target->target_id, target->reason);
    }
  /* TRANSLATORS: counts of the verdicts of a comparison. */
  fprintf (stream, _("Regressed: %u, improved: %u, no change: %u, unreliable: %u, not compared: %u\n"),
           counts[0], counts[1], counts[2], counts[4], counts[3]);
}
