/* cli-history.c: `cost-ops history`, the recorded runs, and pruning them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cli.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bench-callgrind.h"

static void
print_run (BenchRunRecord *record)
{
  GPtrArray *results = bench_run_record_get_results (record);
  g_autofree char *started = cli_format_time (bench_run_record_get_started (record));
  g_autofree char *machine = cli_describe_machine (bench_run_record_get_environment (record));
  gsize width = 0;

  /* TRANSLATORS: a start time, a run id and a machine description. */
  g_print (_("%s  run %s  on %s\n"), started, bench_run_record_get_id (record), machine);
  for (guint i = 0; i < results->len; i++)
    width = MAX (width, strlen (bench_result_get_target_id (g_ptr_array_index (results, i))));
  for (guint i = 0; i < results->len; i++)
    {
      BenchResult *result = g_ptr_array_index (results, i);

      if (bench_callgrind_result_is_instructions (result))
        {
          g_autofree char *figure = bench_callgrind_dup_figure (result);

          g_print ("    %-*s  %s\n", (int) width, bench_result_get_target_id (result), figure);
        }
      else if (bench_result_is_success (result))
        {
          g_autofree char *ops = g_strdup_printf ("%.0f", bench_result_get_ops_per_second (result));
          g_autofree char *spread = bench_result_dup_spread (result);
          g_autofree char *disturbed = bench_result_dup_disturbed_note (result);

          /* TRANSLATORS: %s is a number of operations per second. */
          g_print ("    %-*s  ", (int) width, bench_result_get_target_id (result));
          g_print (_("%s ops/sec"), ops);
          if (spread != NULL)
            g_print (" %s", spread);
          if (disturbed != NULL)
            g_print (" (%s)", disturbed);
          g_print ("\n");
        }
      else
        {
          g_print ("    %-*s  ", (int) width, bench_result_get_target_id (result));
          g_print ("%s\n", _("failed"));
        }
    }
}

int
cli_history (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autofree char *output = NULL;
  gboolean version = FALSE;
  int keep = G_MININT;   /* not given */
  int exit_code = CLI_EXIT_OK;
  GOptionEntry entries[] = {
    { "output", 'o', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &output,
      N_("Read the history of DIR (default: benchmarks/output)"), N_("DIR") },
    { "keep", 'k', G_OPTION_FLAG_NONE, G_OPTION_ARG_INT, &keep,
      N_("Delete all but the newest N runs first"), N_("N") },
    CLI_VERSION_ENTRY (&version),
    G_OPTION_ENTRY_NULL,
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Lists the runs recorded in DIR/history/, oldest first: start "
                                  "time, run id, machine and the operations per second of each "
                                  "target. Damaged history files are named and skipped."));
  g_option_context_set_description (context,
                                    _("Exit status: 0 when the history was read, 1 when it cannot "
                                      "be read or pruned, 2 for a usage error."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!cli_parse_options (context, "history", &argc, &argv, &version, &exit_code))
    return exit_code;
  if (argc > 1)
    {
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”"), argv[1]);

      return cli_usage_error ("history", message);
    }
  if (keep != G_MININT && keep < 0)
    return cli_usage_error ("history", _("--keep needs a number of runs, 0 or more"));
  if (output == NULL)
    output = g_strdup (CLI_DEFAULT_OUTPUT);

  if (keep != G_MININT)
    {
      g_autoptr(GError) error = NULL;
      guint removed = 0;

      if (!bench_history_prune (output, (guint) keep, &removed, &error))
        {
          cli_print_error ("history", error->message);
          return CLI_EXIT_FAILED;
        }
      /* TRANSLATORS: %u is a number of runs deleted from the history. */
      g_print (g_dngettext (GETTEXT_PACKAGE, "Removed %u older run\n", "Removed %u older runs\n",
                            removed), removed);
    }

  runs = cli_load_history ("history", output);
  if (runs == NULL)
    return CLI_EXIT_FAILED;
  if (runs->len == 0)
    {
      /* TRANSLATORS: %s is the output directory. */
      g_print (_("No runs recorded in %s yet\n"), output);
      return CLI_EXIT_OK;
    }
  for (guint i = 0; i < runs->len; i++)
    print_run (g_ptr_array_index (runs, i));
  return CLI_EXIT_OK;
}
