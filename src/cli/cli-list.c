/* cli-list.c: `cost-ops list`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cli.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bench-targets.h"

int
cli_list (int    argc,
          char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  const BenchTarget * const *targets = cli_get_targets ();
  gboolean version = FALSE;
  int exit_code = CLI_EXIT_OK;
  gsize id_width = 0;
  gsize category_width = 0;
  GOptionEntry entries[] = {
    CLI_VERSION_ENTRY (&version),
    G_OPTION_ENTRY_NULL,
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Lists the benchmark targets: id, category and description."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!cli_parse_options (context, "list", &argc, &argv, &version, &exit_code))
    return exit_code;
  if (argc > 1)
    {
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”"), argv[1]);

      return cli_usage_error ("list", message);
    }

  for (guint i = 0; targets[i] != NULL; i++)
    {
      id_width = MAX (id_width, strlen (targets[i]->id));
      category_width = MAX (category_width, strlen (targets[i]->category));
    }
  for (guint i = 0; targets[i] != NULL; i++)
    g_print ("%-*s  %-*s  %s\n", (int) id_width, targets[i]->id,
             (int) category_width, targets[i]->category, _(targets[i]->description));
  return CLI_EXIT_OK;
}
