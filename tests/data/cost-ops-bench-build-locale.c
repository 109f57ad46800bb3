/* cost-ops-bench-build-locale.c: the cost-ops-bench app, reading its
 * translations from the build tree's .mo files instead of the installed ones,
 * so that the German app test runs without installing. Otherwise it is
 * src/gui/main.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "cob-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CobApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* The name the app has on the accessibility bus, as when installed. */
  g_set_prgname ("cost-ops-bench");
  g_set_application_name (_("CostOps Bench"));

  app = cob_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
