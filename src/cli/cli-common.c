/* cli-common.c: what every subcommand shares: option parsing, --version,
 * and the wording of errors.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cli.h"

#include <glib/gi18n.h>

void
cli_print_version (void)
{
  g_print ("cost-ops %s\n", PACKAGE_VERSION);
}

void
cli_print_error (const char *command,
                 const char *message)
{
  if (command != NULL)
    g_printerr ("cost-ops %s: %s\n", command, message);
  else
    g_printerr ("cost-ops: %s\n", message);
}

int
cli_usage_error (const char *command,
                 const char *message)
{
  g_autofree char *help = NULL;

  cli_print_error (command, message);
  help = command != NULL ? g_strdup_printf ("cost-ops %s --help", command)
                         : g_strdup ("cost-ops --help");
  /* TRANSLATORS: %s is a command line such as “cost-ops run --help”. */
  g_printerr (_("Try “%s” for more information.\n"), help);
  return CLI_EXIT_USAGE;
}

gboolean
cli_parse_options (GOptionContext   *context,
                   const char       *command,
                   int              *argc,
                   char           ***argv,
                   const gboolean   *version,
                   int              *exit_code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *program = g_strdup_printf ("cost-ops %s", command);

  /* The "Usage:" line of --help shows the program name. */
  g_set_prgname (program);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *exit_code = cli_usage_error (command, error->message);
      return FALSE;
    }
  if (*version)
    {
      cli_print_version ();
      *exit_code = CLI_EXIT_OK;
      return FALSE;
    }
  return TRUE;
}
