/* main.c: cost-ops-bench, the CostOps Bench desktop app.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "cob-application.h"
#include "cob-renderer-policy.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CobApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_application_name (_("CostOps Bench"));

  /* Before GTK starts: it reads the renderer settings once, at init. */
  cob_renderer_policy_apply (gtk_get_minor_version ());

  app = cob_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
