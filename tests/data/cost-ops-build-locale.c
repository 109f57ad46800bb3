/* cost-ops-build-locale.c: the `cost-ops` command, reading its translations
 * from the build tree's .mo files instead of the installed ones, so that the
 * translation tests run without installing. Otherwise it is src/cli/main.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "cli.h"

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  return cli_main (argc, argv);
}
