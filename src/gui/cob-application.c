/* cob-application.c: application actions, keyboard shortcuts, the
 * command line (--output-dir) and the About window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "git-version.h"

#include <glib/gi18n.h>

#include "bench-environment.h"
#include "cob-application.h"
#include "cob-renderer-policy.h"
#include "cob-window.h"

struct _CobApplication
{
  AdwApplication parent_instance;

  gboolean measure_first_frame;
};

G_DEFINE_FINAL_TYPE (CobApplication, cob_application, ADW_TYPE_APPLICATION)

static CobWindow *
get_window (CobApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (COB_IS_WINDOW (window))
    return COB_WINDOW (window);
  return NULL;
}

/* COB_MEASURE_FIRST_FRAME: print the monotonic time of the first drawn frame
 * (same clock as CLOCK_MONOTONIC in a launching script) and quit. */
static void
on_first_frame (GdkFrameClock *clock,
                gpointer       user_data)
{
  GtkWindow *window = user_data;
  GApplication *app = G_APPLICATION (gtk_window_get_application (window));

  g_signal_handlers_disconnect_by_func (clock, on_first_frame, user_data);
  g_print ("first-frame-monotonic-us %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  if (app != NULL)
    g_application_quit (app);
}

static void
on_window_mapped (GtkWidget *window,
                  gpointer   user_data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_handlers_disconnect_by_func (window, on_window_mapped, user_data);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_first_frame), window);
}

static CobWindow *
ensure_window (CobApplication *self)
{
  CobWindow *window = get_window (self);

  if (window == NULL)
    {
      window = cob_window_new (GTK_APPLICATION (self), NULL);
      if (self->measure_first_frame)
        g_signal_connect (window, "map", G_CALLBACK (on_window_mapped), NULL);
    }
  return window;
}

static void
cob_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (ensure_window (COB_APPLICATION (app))));
}

static int
cob_application_command_line (GApplication            *app,
                              GApplicationCommandLine *command_line)
{
  CobApplication *self = COB_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree char *output_dir = NULL;
  CobWindow *window;

  window = ensure_window (self);
  if (g_variant_dict_lookup (options, "output-dir", "^ay", &output_dir))
    {
      g_autoptr(GFile) dir = g_application_command_line_create_file_for_arg (command_line, output_dir);
      g_autofree char *path = g_file_get_path (dir);

      cob_window_set_output_override (window, path);
    }
  gtk_window_present (GTK_WINDOW (window));
  return 0;
}

static int
cob_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("cost-ops-bench %s\n", PACKAGE_VERSION);
      return 0;
    }
  return -1;
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (app);

  /* Closing (not destroying) lets a running window cancel its run first. */
  for (GList *l = windows; l != NULL; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  CobApplication *self = COB_APPLICATION (user_data);
  GtkWindow *parent = GTK_WINDOW (get_window (self));
  static const char *developers[] = { "CostOps Bench contributors", NULL };
  g_autofree char *debug_info =
    g_strdup_printf ("Version: %s\nCommit: %s (%s)\nBuild: %s, %s\nGTK: %u.%u.%u\nlibadwaita: %u.%u.%u\nDrawing: %s\n",
                     PACKAGE_VERSION, GIT_COMMIT, GIT_TREE_STATE, BUILD_TYPE, BUILD_COMPILER,
                     gtk_get_major_version (), gtk_get_minor_version (), gtk_get_micro_version (),
                     adw_get_major_version (), adw_get_minor_version (), adw_get_micro_version (),
                     cob_renderer_choice_describe (cob_renderer_policy_get_choice ()));

#if ADW_CHECK_VERSION (1, 5, 0)
  AdwDialog *about = adw_about_dialog_new ();

  adw_about_dialog_set_application_name (ADW_ABOUT_DIALOG (about), _("CostOps Bench"));
  adw_about_dialog_set_application_icon (ADW_ABOUT_DIALOG (about), APP_ID);
  adw_about_dialog_set_version (ADW_ABOUT_DIALOG (about), PACKAGE_VERSION);
  adw_about_dialog_set_comments (ADW_ABOUT_DIALOG (about),
                                 _("Benchmark the operations of an LLM cost engine and compare them."));
  adw_about_dialog_set_developers (ADW_ABOUT_DIALOG (about), developers);
  adw_about_dialog_set_license_type (ADW_ABOUT_DIALOG (about), GTK_LICENSE_GPL_3_0);
  adw_about_dialog_set_website (ADW_ABOUT_DIALOG (about), "https://github.com/costops/cost-ops-bench");
  adw_about_dialog_set_issue_url (ADW_ABOUT_DIALOG (about), "https://github.com/costops/cost-ops-bench/issues");
  adw_about_dialog_set_debug_info (ADW_ABOUT_DIALOG (about), debug_info);
  /* Translators: put your names here, one per line. */
  adw_about_dialog_set_translator_credits (ADW_ABOUT_DIALOG (about), _("translator-credits"));
  adw_dialog_present (about, GTK_WIDGET (parent));
#else
  GtkWidget *about = adw_about_window_new ();

  gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  gtk_window_set_modal (GTK_WINDOW (about), TRUE);
  adw_about_window_set_application_name (ADW_ABOUT_WINDOW (about), _("CostOps Bench"));
  adw_about_window_set_application_icon (ADW_ABOUT_WINDOW (about), APP_ID);
  adw_about_window_set_version (ADW_ABOUT_WINDOW (about), PACKAGE_VERSION);
  adw_about_window_set_comments (ADW_ABOUT_WINDOW (about),
                                 _("Benchmark the operations of an LLM cost engine and compare them."));
  adw_about_window_set_developers (ADW_ABOUT_WINDOW (about), developers);
  adw_about_window_set_license_type (ADW_ABOUT_WINDOW (about), GTK_LICENSE_GPL_3_0);
  adw_about_window_set_website (ADW_ABOUT_WINDOW (about), "https://github.com/costops/cost-ops-bench");
  adw_about_window_set_issue_url (ADW_ABOUT_WINDOW (about), "https://github.com/costops/cost-ops-bench/issues");
  adw_about_window_set_debug_info (ADW_ABOUT_WINDOW (about), debug_info);
  /* Translators: put your names here, one per line. */
  adw_about_window_set_translator_credits (ADW_ABOUT_WINDOW (about), _("translator-credits"));
  gtk_window_present (GTK_WINDOW (about));
#endif
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_activated },
  { .name = "about", .activate = about_activated },
};

static void
cob_application_startup (GApplication *app)
{
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "win.run", { "<Control>r", NULL } },
    { "win.cancel", { "Escape", NULL } },
    { "win.export-summary", { "<Control>e", NULL } },
    { "win.load-results", { "<Control>o", NULL } },
    { "window.close", { "<Control>w", NULL } },
  };

  G_APPLICATION_CLASS (cob_application_parent_class)->startup (app);

  /* The framework links no GTK: tell it which toolkit the runs measure in. */
  {
    g_autofree char *gtk_version = g_strdup_printf ("%u.%u.%u", gtk_get_major_version (),
                                                    gtk_get_minor_version (), gtk_get_micro_version ());
    g_autofree char *adw_version = g_strdup_printf ("%u.%u.%u", adw_get_major_version (),
                                                    adw_get_minor_version (), adw_get_micro_version ());

    bench_environment_register_library ("GTK", gtk_version);
    bench_environment_register_library ("libadwaita", adw_version);
  }

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);
}

static void
cob_application_class_init (CobApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = cob_application_activate;
  app_class->command_line = cob_application_command_line;
  app_class->handle_local_options = cob_application_handle_local_options;
  app_class->startup = cob_application_startup;
}

static void
cob_application_init (CobApplication *self)
{
  static const GOptionEntry entries[] = {
    { "output-dir", 'o', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
      N_("Write results to DIR for this launch (not remembered)"), N_("DIR") },
    { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
      N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Benchmark the CostOps engine and chart the results."));
  self->measure_first_frame = g_getenv ("COB_MEASURE_FIRST_FRAME") != NULL;
}

CobApplication *
cob_application_new (void)
{
  return g_object_new (COB_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/io/github/costops/Bench",
                       NULL);
}
