/* cli-main.c: `cost-ops COMMAND …`, dispatching to the subcommands.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cli.h"

#include "bench-targets.h"

#include <glib/gi18n.h>
#include <string.h>

typedef struct {
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "run", cli_run, N_("Run benchmark targets and write their results") },
  { "list", cli_list, N_("List the benchmark targets") },
  { "calculate", cli_calculate, N_("Price usage records with pricing tables") },
  { "history", cli_history, N_("List the recorded runs, or prune them") },
  { "compare", cli_compare, N_("Compare a recorded run with a baseline run") },
  { "export", cli_export, N_("Print a recorded run as Google Benchmark JSON or CSV") },
};

static char *
commands_text (void)
{
  GString *text = g_string_new (_("Commands:"));

  g_string_append_c (text, '\n');
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  g_string_append_c (text, '\n');
  /* TRANSLATORS: the last line of “cost-ops --help”. */
  g_string_append (text, _("Run “cost-ops COMMAND --help” for the options of a command."));
  return g_string_free (text, FALSE);
}

static const BenchTarget * const *cli_targets;

const BenchTarget * const *
cli_get_targets (void)
{
  return cli_targets != NULL ? cli_targets : bench_targets_get_all ();
}

int
cli_main_with_targets (const BenchTarget * const *targets,
                       int                        argc,
                       char                     **argv)
{
  cli_targets = targets;
  return cli_main (argc, argv);
}

int
cli_main (int    argc,
          char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *description = NULL;
  g_autofree char *help = NULL;
  gboolean version = FALSE;
  GOptionEntry entries[] = {
    CLI_VERSION_ENTRY (&version),
    G_OPTION_ENTRY_NULL,
  };

  g_set_prgname ("cost-ops");

  /* Strict POSIX: options end at the command name, so that everything
   * after it belongs to the command. */
  context = g_option_context_new (_("COMMAND [OPTION…]"));
  g_option_context_set_strict_posix (context, TRUE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Benchmarks of the LLM cost-operations engine."));
  description = commands_text ();
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  {
    g_autoptr(GError) error = NULL;

    if (!g_option_context_parse (context, &argc, &argv, &error))
      return cli_usage_error (NULL, error->message);
  }
  if (version)
    {
      cli_print_version ();
      return CLI_EXIT_OK;
    }

  if (argc < 2)
    {
      help = g_option_context_get_help (context, TRUE, NULL);
      g_printerr ("%s", help);
      return CLI_EXIT_USAGE;
    }
  if (strcmp (argv[1], "help") == 0)
    {
      help = g_option_context_get_help (context, TRUE, NULL);
      g_print ("%s", help);
      return CLI_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (strcmp (argv[1], commands[i].name) == 0)
        return commands[i].run (argc - 1, argv + 1);
    }

  {
    /* TRANSLATORS: %s is what the user typed as the command. */
    g_autofree char *message = g_strdup_printf (_("Unknown command “%s”"), argv[1]);

    return cli_usage_error (NULL, message);
  }
}
