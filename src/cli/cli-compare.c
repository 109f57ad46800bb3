/* cli-compare.c: `cost-ops compare`, one recorded run against another.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cli.h"

#include <glib/gi18n.h>

static void
print_json (BenchRunComparison *comparison)
{
  g_autoptr(JsonNode) root = bench_run_comparison_to_json (comparison);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

/* A run the user named that is not there is a usage error (2); a history
 * too short for the default choice is a plain failure (1). */
static int
resolve_error (const char *spec,
               GError     *error)
{
  if (spec != NULL && g_strcmp0 (spec, "latest") != 0)
    return cli_usage_error ("compare", error->message);
  cli_print_error ("compare", error->message);
  return CLI_EXIT_FAILED;
}

int
cli_compare (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(BenchRunRecord) baseline = NULL;
  g_autoptr(BenchRunRecord) current = NULL;
  g_autoptr(BenchRunComparison) comparison = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *baseline_spec = NULL;
  g_autofree char *current_spec = NULL;
  g_autofree char *output = NULL;
  g_autofree char *noise_text = NULL;
  gboolean fail_on_regression = FALSE;
  gboolean json = FALSE;
  gboolean version = FALSE;
  double noise = BENCH_COMPARE_DEFAULT_NOISE;
  int exit_code = CLI_EXIT_OK;
  GOptionEntry entries[] = {
    { "baseline", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &baseline_spec,
      N_("Compare with this run: a run id (or its start), “latest” (the newest run before the "
         "current one, the default) or a history file"), N_("RUN") },
    { "current", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &current_spec,
      N_("The run to judge: a run id or a history file (default: the newest run)"), N_("RUN") },
    { "output", 'o', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &output,
      N_("Read the history of DIR (default: benchmarks/output)"), N_("DIR") },
    { "noise-threshold", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &noise_text,
      N_("Count a change only beyond PCT percent (default: 2)"), N_("PCT") },
    { "fail-on-regression", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &fail_on_regression,
      N_("Exit with status 3 when a target regressed"), NULL },
    { "json", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &json,
      N_("Print the comparison as one JSON document on standard output"), NULL },
    CLI_VERSION_ENTRY (&version),
    G_OPTION_ENTRY_NULL,
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Compares two recorded runs target by target: the change of the "
                                  "median time per operation with its 95% bootstrap interval, the "
                                  "Mann-Whitney U test p-value and a verdict. A change counts when "
                                  "p < 0.05 and the whole interval lies beyond the noise threshold."));
  g_option_context_set_description (context,
                                    _("Exit status: 0 when the runs were compared, 1 when the history "
                                      "has no runs to compare or cannot be read, 2 for a usage "
                                      "error, 3 when --fail-on-regression is given and a target "
                                      "regressed."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!cli_parse_options (context, "compare", &argc, &argv, &version, &exit_code))
    return exit_code;
  if (argc > 1)
    {
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”"), argv[1]);

      return cli_usage_error ("compare", message);
    }
  if (noise_text != NULL)
    {
      g_autofree char *message = NULL;

      if (!cli_parse_noise_threshold (noise_text, &noise, &message))
        return cli_usage_error ("compare", message);
    }
  if (output == NULL)
    output = g_strdup (CLI_DEFAULT_OUTPUT);

  runs = cli_load_history ("compare", output);
  if (runs == NULL)
    return CLI_EXIT_FAILED;

  if (current_spec != NULL)
    {
      current = cli_find_run (runs, current_spec, NULL, &error);
      if (current == NULL)
        return resolve_error (current_spec, error);
    }
  else if (runs->len > 0)
    current = bench_run_record_ref (g_ptr_array_index (runs, runs->len - 1));
  else
    {
      /* TRANSLATORS: %s is the output directory. */
      g_autofree char *message = g_strdup_printf (_("There are no runs in the history of %s yet"), output);

      cli_print_error ("compare", message);
      return CLI_EXIT_FAILED;
    }

  baseline = cli_find_run (runs, baseline_spec != NULL ? baseline_spec : "latest", current, &error);
  if (baseline == NULL)
    return resolve_error (baseline_spec, error);

  comparison = bench_run_comparison_new (baseline, current, noise);
  if (json)
    print_json (comparison);
  else
    {
      g_autofree char *started = cli_format_time (bench_run_record_get_started (current));

      /* TRANSLATORS: %s are a run id and its start time. */
      g_print (_("Run %s (started %s)\n"), bench_run_record_get_id (current), started);
      cli_print_environment_warnings (stdout, bench_run_record_get_environment (current), NULL);
      cli_print_environment_warnings (stdout, bench_run_record_get_environment (baseline),
                                      _("the baseline"));
      cli_print_comparison (stdout, comparison);
    }

  if (fail_on_regression && bench_run_comparison_has_regression (comparison))
    return CLI_EXIT_REGRESSION;
  return CLI_EXIT_OK;
}
