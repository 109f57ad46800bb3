/* bench-summary.c: summary.md, the seed's human-readable report.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "bench-output.h"

#include "bench-environment.h"
#include "bench-private.h"

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

static void
append_header (GString *out)
{
  g_autoptr(BenchEnvironment) environment = bench_environment_collect ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *generated = bench_format_timestamp (now);

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
  g_string_append (out, "\n");
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
      if (bench_result_is_success (result))
        {
          g_autofree char *ops = g_strdup_printf ("%.0f", bench_result_get_ops_per_second (result));
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

char *
bench_summary_render (GPtrArray *results)
{
  GString *out;

  g_return_val_if_fail (results != NULL, NULL);

  out = g_string_new (NULL);
  append_header (out);
  append_table (out, results);
  append_failures (out, results);
  append_details (out, results);
  return g_string_free (out, FALSE);
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
