/* cli-export.c: `cost-ops export`, a recorded run in formats other tools
 * read: Google Benchmark's JSON (for its compare.py) and CSV of every sample.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cli.h"

#include <glib/gi18n.h>

#include "bench-history-export.h"

void
cli_print_gbench (BenchRunRecord *record)
{
  g_autoptr(JsonNode) root = bench_run_record_to_gbench (record);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

int
cli_export (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(BenchRunRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *format = NULL;
  const char *spec = "latest";
  gboolean version = FALSE;
  int exit_code = CLI_EXIT_OK;
  GOptionEntry entries[] = {
    { "format", 'f', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &format,
      N_("“gbench” for Google Benchmark JSON (the default) or “csv” for every sample"),
      N_("FORMAT") },
    { "output", 'o', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &output,
      N_("Read the history of DIR (default: benchmarks/output)"), N_("DIR") },
    CLI_VERSION_ENTRY (&version),
    G_OPTION_ENTRY_NULL,
  };

  /* TRANSLATORS: the arguments of “cost-ops export”. */
  context = g_option_context_new (_("[RUN]"));
  g_option_context_set_summary (context,
                                _("Prints a recorded run on standard output. RUN is a run id (or its "
                                  "start), “latest” (the default) or a history file."));
  g_option_context_set_description (context,
                                    _("Exit status: 0 when the run was printed, 1 when the history "
                                      "is empty or cannot be read, 2 for a usage error."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!cli_parse_options (context, "export", &argc, &argv, &version, &exit_code))
    return exit_code;
  if (argc > 2)
    {
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”"), argv[2]);

      return cli_usage_error ("export", message);
    }
  if (argc == 2)
    spec = argv[1];
  if (format == NULL)
    format = g_strdup ("gbench");
  if (g_strcmp0 (format, "gbench") != 0 && g_strcmp0 (format, "csv") != 0)
    {
      /* TRANSLATORS: %s is what the user gave to --format. */
      g_autofree char *message = g_strdup_printf (_("Unknown format “%s”: use gbench or csv"), format);

      return cli_usage_error ("export", message);
    }
  if (output == NULL)
    output = g_strdup (CLI_DEFAULT_OUTPUT);

  runs = cli_load_history ("export", output);
  if (runs == NULL)
    return CLI_EXIT_FAILED;
  if (runs->len == 0 && g_strcmp0 (spec, "latest") == 0)
    {
      /* TRANSLATORS: %s is the output directory. */
      g_autofree char *message = g_strdup_printf (_("There are no runs in the history of %s yet"), output);

      cli_print_error ("export", message);
      return CLI_EXIT_FAILED;
    }
  record = cli_find_run (runs, spec, NULL, &error);
  if (record == NULL)
    return cli_usage_error ("export", error->message);

  if (g_strcmp0 (format, "csv") == 0)
    {
      g_autofree char *csv = bench_run_record_to_samples_csv (record);

      g_print ("%s", csv);
    }
  else
    cli_print_gbench (record);
  return CLI_EXIT_OK;
}
