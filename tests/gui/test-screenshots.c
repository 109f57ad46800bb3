/* test-screenshots.c: saves the window before, during and after a run of
 * the product's targets, in light and dark style, plus a narrow window, as
 * PNG files in the build folder, for people to look at. It also checks that
 * each picture shows the window (not an empty surface).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "cob-target-row.h"
#include "cob-window.h"
#include "gui-test-targets.h"

#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#else
#define RUNNING_ON_VALGRIND 0
#endif

static const char *output_folder;

static gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
settle (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_timeout, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Distinct colors in a sample of pixels: an empty or failed render has one. */
static guint
count_colors (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guchar *pixels = g_malloc ((gsize) width * height * 4);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  gdk_texture_download (texture, pixels, (gsize) width * 4);
  for (int y = 0; y < height; y += 7)
    for (int x = 0; x < width; x += 7)
      {
        guint32 pixel;

        memcpy (&pixel, pixels + ((gsize) y * width + x) * 4, 4);
        g_hash_table_add (seen, GUINT_TO_POINTER (pixel));
      }
  return g_hash_table_size (seen);
}

static void
on_after_paint (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

/* Lets the window finish a frame, so that it is laid out when snapshot. */
static void
wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);

  gtk_widget_queue_draw (widget);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
}

static void
save_window (CobWindow  *window,
             const char *name)
{
  GtkWidget *widget = GTK_WIDGET (window);
  int width = 0;
  int height = 0;
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file_name = g_strconcat ("screenshot-", name, ".png", NULL);
  g_autofree char *path = g_build_filename (output_folder, file_name, NULL);

  /* The paintable gives nothing while a redraw is queued (the run keeps
   * changing the window): take the next finished frame instead. */
  for (guint attempt = 0; node == NULL && attempt < 50; attempt++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      wait_for_frame (widget);
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      g_test_message ("%s: %d×%d mapped %d", name, width, height, gtk_widget_get_mapped (widget));
      g_assert_cmpint (width, >, 0);
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_cmpuint (count_colors (texture), >, 20);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s (%d×%d)", path, width, height);
}

static gboolean
any_running_beyond (CobWindow *window,
                    guint      index)
{
  GListModel *rows = cob_window_get_target_rows (window);

  for (guint i = index; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(CobTargetRow) row = g_list_model_get_item (rows, i);

      if (cob_target_row_get_status (row) == COB_TARGET_STATUS_RUNNING)
        return TRUE;
    }
  return FALSE;
}

static void
shoot_run (AdwColorScheme  scheme,
           const char     *style)
{
  g_autofree char *dir = g_dir_make_tmp ("cob-shots-XXXXXX", NULL);
  g_autoptr(CobWindow) window = NULL;
  g_autofree char *before = g_strconcat (style, "-before", NULL);
  g_autofree char *during = g_strconcat (style, "-during", NULL);
  g_autofree char *after = g_strconcat (style, "-after", NULL);
  g_autofree char *narrow = g_strconcat (style, "-narrow", NULL);
  gboolean timed_out = FALSE;
  guint timeout;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), scheme);
  gui_test_reset_settings ((const char *[]) { "cost_calculator", "aggregator", "forecasting",
                                              "compression", "export", "storage", NULL });
  /* Full-length runs, so that "during" catches a target mid-way. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    g_settings_set_boolean (settings, "quick", FALSE);
  }

  /* The product's targets, as users see them. */
  window = g_object_ref_sink (cob_window_new (NULL, NULL));
  cob_window_set_output_override (window, dir);
  gtk_window_set_default_size (GTK_WINDOW (window), 1080, 720);
  gtk_window_present (GTK_WINDOW (window));
  settle (600);
  save_window (window, before);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL));
  /* The real targets calibrate on the clock: under valgrind (meson test
   * --setup valgrind) a full run takes minutes. */
  timeout = g_timeout_add (RUNNING_ON_VALGRIND ? 900000 : 60000, on_timeout, &timed_out);
  /* Mid-run: two results in, a later target under way. */
  while (cob_window_get_running (window) && !timed_out &&
         !(g_list_model_get_n_items (cob_window_get_result_rows (window)) >= 2 &&
           any_running_beyond (window, 2)))
    g_main_context_iteration (NULL, TRUE);
  save_window (window, during);

  while (cob_window_get_running (window) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);
  settle (600);
  save_window (window, after);

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&window);

  /* Narrow: the targets pane folds away behind the results. */
  window = g_object_ref_sink (cob_window_new (NULL, NULL));
  cob_window_set_output_override (window, dir);
  gtk_window_set_default_size (GTK_WINDOW (window), 420, 760);
  gtk_window_present (GTK_WINDOW (window));
  {
    g_autoptr(GFile) folder = g_file_new_for_path (dir);

    cob_window_load_results (window, folder);
  }
  settle (800);
  save_window (window, narrow);
  gtk_window_destroy (GTK_WINDOW (window));
  /* The run's files are not needed; the folder is left to the system's
   * temporary-file cleaning only if removal fails. */
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);
    g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  }
}

static void
test_light (void)
{
  if (!gui_test_have_display ())
    return;
  shoot_run (ADW_COLOR_SCHEME_FORCE_LIGHT, "light");
}

static void
test_dark (void)
{
  if (!gui_test_have_display ())
    return;
  shoot_run (ADW_COLOR_SCHEME_FORCE_DARK, "dark");
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv, TRUE);

  output_folder = argc > 1 ? argv[1] : g_get_tmp_dir ();
  g_test_add_func ("/screenshots/light", test_light);
  g_test_add_func ("/screenshots/dark", test_dark);
  return g_test_run ();
}
