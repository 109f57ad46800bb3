/* bench-summary.c: summary.md, the seed's human-readable report.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "bench-output.h"

#include "bench-callgrind.h"
#include "bench-environment.h"
#include "bench-private.h"
#include "bench-run-comparison.h"

#include <string.h>

/* Table cells: a '|' would end the cell and a newline the row. */
static void
append_cell (GString    *out,
             const char *text)
{
  g_string_append (out, " ");
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '|')
        g_string_append (out, "\\|");
      else if (*p == '\n' || *p == '\r')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }
  g_string_append (out, " |");
}

/* What the header says about the run, beside the environment. */
typedef struct {
  const char *run_id;    /* NULL: not a recorded run */
  GDateTime  *started;
  const char * const *not_run;   /* NULL unless the run was cancelled */
} RunInfo;

static char *
format_memory (guint64 bytes)
{
  if (bytes == 0)
    return g_strdup ("unknown");
  g_autofree char *number = bench_format_double ("%.1f", (double) bytes / (1024.0 * 1024.0 * 1024.0));

  return g_strconcat (number, " GiB", NULL);
}

static void
append_header (GString                *out,
               const BenchEnvironment *environment,
               const RunInfo          *run)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *generated = bench_format_timestamp (now);
  g_autofree char *memory = format_memory (environment->memory_total_bytes);
  g_auto(GStrv) warnings = bench_environment_dup_warning_messages (environment);
  g_autoptr(GString) libraries = g_string_new (NULL);

  /* The first lines are the seed-era header, in the same order. */
  g_string_append (out, "# Benchmark Summary\n\n");
  g_string_append_printf (out, "- Generated: %s\n", generated);
  g_string_append_printf (out, "- Host: %s\n", environment->hostname);
  g_string_append_printf (out, "- CPU: %s (%u logical CPUs)\n",
                          environment->cpu_model, environment->n_cpus);
  g_string_append_printf (out, "- Kernel: %s\n", environment->kernel);
  g_string_append_printf (out, "- Compiler: %s\n", environment->compiler);
  g_string_append_printf (out, "- Build type: %s\n", environment->build_type);
  g_string_append_printf (out, "- Version: %s (git %s, %s)\n", environment->version,
                          environment->git_commit, environment->git_tree_state);

  if (run->run_id != NULL)
    {
      g_autofree char *started = bench_format_timestamp (run->started);

      g_string_append_printf (out, "- Run: %s, started %s\n", run->run_id, started);
    }
  if (run->not_run != NULL && run->not_run[0] != NULL)
    {
      g_autofree char *list = g_strjoinv (", ", (char **) run->not_run);

      g_string_append_printf (out, "- Status: cancelled; targets that did not run: %s\n", list);
    }
  else if (run->not_run != NULL)
    g_string_append (out, "- Status: cancelled after the last target finished\n");
  g_string_append_printf (out, "- Compiler flags: %s\n", environment->compiler_flags);
  g_string_append_printf (out, "- Memory: %s\n", memory);
  g_string_append_printf (out, "- CPU frequency: governor %s, scaling %s, boost %s, ",
                          environment->cpu_governor, environment->cpu_scaling,
                          environment->cpu_boost);
  if (environment->cpu_mhz > 0)
    g_string_append_printf (out, "%u MHz\n", environment->cpu_mhz);
  else
    g_string_append (out, "clock unknown\n");
  if (environment->load_average[0] >= 0.0)
    {
      g_autofree char *one = bench_format_double ("%.2f", environment->load_average[0]);
      g_autofree char *five = bench_format_double ("%.2f", environment->load_average[1]);
      g_autofree char *fifteen = bench_format_double ("%.2f", environment->load_average[2]);

      g_string_append_printf (out, "- Load average at start: %s, %s, %s (1, 5, 15 min)\n",
                              one, five, fifteen);
    }
  else
    g_string_append (out, "- Load average at start: unknown\n");
  for (guint i = 0; environment->library_names[i] != NULL; i++)
    g_string_append_printf (libraries, "%s%s %s", i > 0 ? ", " : "",
                            environment->library_names[i], environment->library_versions[i]);
  g_string_append_printf (out, "- Libraries: %s\n", libraries->len > 0 ? libraries->str : "unknown");
  g_string_append (out, "\n");

  if (warnings[0] != NULL)
    {
      g_string_append (out, "## Warnings\n\n");
      for (guint i = 0; warnings[i] != NULL; i++)
        g_string_append_printf (out, "- %s\n", warnings[i]);
      g_string_append (out, "\n");
    }
}

static void
append_table (GString   *out,
              GPtrArray *results)
{
  g_string_append (out, "## Results\n\n");
  g_string_append (out, "| Target | Operations/sec | Avg Duration (ns) | Notes |\n");
  g_string_append (out, "|--------|----------------|-------------------|-------|\n");

  for (guint i = 0; i < results->len; i++)
    {
      const BenchResult *result = g_ptr_array_index (results, i);
      g_autofree char *notes = bench_result_dup_notes (result);

      g_string_append (out, "|");
      append_cell (out, bench_result_get_target_id (result));
      if (bench_callgrind_result_is_instructions (result))
        {
          g_autofree char *figure = bench_callgrind_dup_figure (result);
          g_autofree char *counted = g_strconcat (figure, ", counted by Callgrind", NULL);

          /* No wall-clock figure: the count goes where notes go. */
          append_cell (out, "-");
          append_cell (out, "-");
          append_cell (out, counted);
          g_string_append (out, "\n");
          continue;
        }
      if (bench_result_is_success (result))
        {
          g_autofree char *spread = bench_result_dup_spread (result);
          g_autofree char *ops = g_strdup_printf ("%.0f%s%s", bench_result_get_ops_per_second (result),
                                                  spread != NULL ? " " : "", spread != NULL ? spread : "");
          g_autofree char *avg = g_strdup_printf ("%.0f", bench_result_get_avg_duration_ns (result));

          append_cell (out, ops);
          append_cell (out, avg);
        }
      else
        {
          append_cell (out, "-");
          append_cell (out, "-");
        }
      append_cell (out, notes);
      g_string_append (out, "\n");
    }
  g_string_append (out, "\n");
}

static void
append_failures (GString   *out,
                 GPtrArray *results)
{
  gboolean any = FALSE;

  for (guint i = 0; i < results->len; i++)
    {
      const BenchResult *result = g_ptr_array_index (results, i);
      g_autofree char *message = NULL;

      if (bench_result_is_success (result))
        continue;
      if (!any)
        g_string_append (out, "## Failed targets\n\n");
      any = TRUE;
      /* One list item per target, however many lines the error has. */
      message = g_strdelimit (g_strdup (bench_result_get_error (result)->message), "\r\n", ' ');
      g_string_append_printf (out, "- `%s`: %s\n", bench_result_get_target_id (result), message);
    }
  if (any)
    g_string_append (out, "\n");
}

static void
append_details (GString   *out,
                GPtrArray *results)
{
  gboolean any = FALSE;

  for (guint i = 0; i < results->len; i++)
    {
      const BenchResult *result = g_ptr_array_index (results, i);
      g_autoptr(JsonNode) metrics = NULL;
      g_autofree char *json = NULL;

      if (!bench_result_is_success (result))
        continue;
      if (!any)
        g_string_append (out, "## Details\n\n");
      any = TRUE;

      metrics = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (metrics, bench_result_get_metrics (result));
      json = bench_json_to_pretty (metrics, NULL);
      g_string_append_printf (out, "### %s\n```json\n%s```\n\n",
                              bench_result_get_target_id (result), json);
    }
}

static char *
format_comparison_change (const BenchTargetComparison *target)
{
  g_autofree char *change = bench_format_change (target->stats.change);
  g_autofree char *low = bench_format_change (target->stats.ci_low);
  g_autofree char *high = bench_format_change (target->stats.ci_high);

  g_autofree char *p = bench_format_double ("%.3g", target->stats.p_value);

  if (target->instructions)
    {
      g_autofree char *threshold = bench_format_double ("%g", 100.0 * BENCH_CALLGRIND_NOISE);

      return g_strdup_printf ("%s (instructions, threshold %s%%)", change, threshold);
    }
  return g_strdup_printf ("%s [%s, %s], p = %s", change, low, high, p);
}

static void
append_comparison (GString            *out,
                   BenchRunComparison *comparison)
{
  BenchRunRecord *baseline = bench_run_comparison_get_baseline (comparison);
  g_autoptr(BenchEnvironment) base_env =
    bench_environment_from_json (bench_run_record_get_environment (baseline));
  g_autofree char *started = bench_format_timestamp (bench_run_record_get_started (baseline));
  const char * const *differences = bench_run_comparison_get_machine_differences (comparison);
  g_autofree char *noise = NULL;

  noise = bench_format_double ("%g", 100.0 * bench_run_comparison_get_noise_threshold (comparison));
  g_string_append (out, "## Comparison\n\n");
  g_string_append_printf (out, "Baseline: run %s, started %s on %s (%s, %u logical CPUs, %s build). "
                          "Change is that of the median ns/op, with its 95%% bootstrap interval "
                          "and the Mann-Whitney U p-value; it counts when p < 0.05 and the whole "
                          "interval lies beyond the noise threshold of %s%%.\n\n",
                          bench_run_record_get_id (baseline), started, base_env->hostname,
                          base_env->cpu_model, base_env->n_cpus, base_env->build_type, noise);
  if (differences[0] != NULL)
    {
      g_autofree char *list = g_strjoinv ("; ", (char **) differences);

      g_string_append_printf (out, "> **Warning:** the baseline comes from a different machine or "
                              "build (%s); the verdicts may reflect that rather than the code.\n\n",
                              list);
    }

  g_string_append (out, "| Target | Baseline | Current | Change | Verdict |\n");
  g_string_append (out, "|--------|----------|---------|--------|---------|\n");
  for (guint i = 0; i < bench_run_comparison_get_n_targets (comparison); i++)
    {
      const BenchTargetComparison *target = bench_run_comparison_get_target (comparison, i);

      g_string_append (out, "|");
      append_cell (out, target->target_id);
      if (target->status == BENCH_TARGET_COMPARED)
        {
          g_autofree char *base = target->instructions
                                  ? bench_callgrind_format_instructions (target->stats.baseline_median_ns)
                                  : bench_format_duration_ns (target->stats.baseline_median_ns);
          g_autofree char *current = target->instructions
                                     ? bench_callgrind_format_instructions (target->stats.current_median_ns)
                                     : bench_format_duration_ns (target->stats.current_median_ns);
          g_autofree char *change = format_comparison_change (target);

          append_cell (out, base);
          append_cell (out, current);
          append_cell (out, change);
          if (target->reason != NULL)
            {
              g_autofree char *verdict = g_strdup_printf ("%s: %s", bench_verdict_to_string (target->stats.verdict),
                                                          target->reason);

              append_cell (out, verdict);
            }
          else
            append_cell (out, bench_verdict_to_string (target->stats.verdict));
        }
      else
        {
          g_autofree char *verdict = g_strdup_printf ("not compared: %s", target->reason);

          append_cell (out, "-");
          append_cell (out, "-");
          append_cell (out, "-");
          append_cell (out, verdict);
        }
      g_string_append (out, "\n");
    }
  g_string_append (out, "\n");
}

static char *
render (GPtrArray              *results,
        const BenchEnvironment *environment,
        const RunInfo          *run,
        BenchRunComparison     *comparison)
{
  GString *out = g_string_new (NULL);

  append_header (out, environment, run);
  append_table (out, results);
  if (comparison != NULL)
    append_comparison (out, comparison);
  append_failures (out, results);
  append_details (out, results);
  return g_string_free (out, FALSE);
}

char *
bench_summary_render (GPtrArray *results)
{
  g_autoptr(BenchEnvironment) environment = NULL;
  RunInfo run = { NULL, NULL, NULL };

  g_return_val_if_fail (results != NULL, NULL);

  /* Not a recorded run: the machine as it is now. */
  environment = bench_environment_collect ();
  return render (results, environment, &run, NULL);
}

char *
bench_summary_render_run (BenchRunRecord     *record,
                          BenchRunComparison *comparison)
{
  g_autoptr(BenchEnvironment) environment = NULL;
  RunInfo run;

  g_return_val_if_fail (record != NULL, NULL);

  /* The environment the run recorded, also for a run read from history. */
  environment = bench_environment_from_json (bench_run_record_get_environment (record));
  run.run_id = bench_run_record_get_id (record);
  run.started = bench_run_record_get_started (record);
  run.not_run = bench_run_record_get_not_run (record);
  return render (bench_run_record_get_results (record), environment, &run, comparison);
}

gboolean
bench_summary_write_run_to (const char          *path,
                            BenchRunRecord      *record,
                            BenchRunComparison  *comparison,
                            GError             **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  text = bench_summary_render_run (record, comparison);
  return bench_write_file_atomic (path, text, strlen (text), error);
}

gboolean
bench_output_write_run_summary (const char          *dir,
                                BenchRunRecord      *record,
                                BenchRunComparison  *comparison,
                                GError             **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = g_build_filename (dir, "summary.md", NULL);
  return bench_summary_write_run_to (path, record, comparison, error);
}

gboolean
bench_summary_write_to (const char  *path,
                        GPtrArray   *results,
                        GError     **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (results != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  text = bench_summary_render (results);
  return bench_write_file_atomic (path, text, strlen (text), error);
}

gboolean
bench_output_write_summary (const char  *dir,
                            GPtrArray   *results,
                            GError     **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (results != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = g_build_filename (dir, "summary.md", NULL);
  return bench_summary_write_to (path, results, error);
}
