/* test-renderer-policy.c: where there is no GPU the app draws without GL,
 * and GTK really does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "cob-renderer-policy.h"
#include "gui-test-targets.h"

static void
test_decide (void)
{
  CobRendererEnvironment none = { 0 };
  CobRendererEnvironment user_renderer = { .gsk_renderer = "ngl" };
  CobRendererEnvironment user_debug = { .gdk_debug = "interactive,gl-prefer-gl" };
  CobRendererEnvironment user_disable = { .gdk_disable = "gles-api" };
  CobRendererEnvironment other_debug = { .gdk_debug = "interactive", .gdk_disable = "vulkan" };
  CobRendererEnvironment empty_renderer = { .gsk_renderer = "" };
  CobRendererEnvironment mesa_software = { .libgl_always_software = "true" };
  CobRendererEnvironment mesa_not_software = { .libgl_always_software = "0" };
  CobRendererEnvironment gallium = { .gallium_driver = "llvmpipe" };
  CobRendererEnvironment gallium_hw = { .gallium_driver = "radeonsi" };

  g_assert_cmpint (cob_renderer_policy_decide (&none, TRUE), ==, COB_RENDERER_GTK_DEFAULT);
  g_assert_cmpint (cob_renderer_policy_decide (&none, FALSE), ==, COB_RENDERER_NO_GL);

  /* The user's own settings win, with or without a GPU. */
  g_assert_cmpint (cob_renderer_policy_decide (&user_renderer, FALSE), ==, COB_RENDERER_USER_CHOICE);
  g_assert_cmpint (cob_renderer_policy_decide (&user_debug, FALSE), ==, COB_RENDERER_USER_CHOICE);
  g_assert_cmpint (cob_renderer_policy_decide (&user_disable, TRUE), ==, COB_RENDERER_USER_CHOICE);

  /* Flags that say nothing about GL are not a choice of renderer. */
  g_assert_cmpint (cob_renderer_policy_decide (&other_debug, FALSE), ==, COB_RENDERER_NO_GL);
  g_assert_cmpint (cob_renderer_policy_decide (&other_debug, TRUE), ==, COB_RENDERER_GTK_DEFAULT);
  g_assert_cmpint (cob_renderer_policy_decide (&empty_renderer, FALSE), ==, COB_RENDERER_NO_GL);

  /* Mesa told to render in software is software, GPU or not. */
  g_assert_cmpint (cob_renderer_policy_decide (&mesa_software, TRUE), ==, COB_RENDERER_NO_GL);
  g_assert_cmpint (cob_renderer_policy_decide (&mesa_not_software, TRUE), ==, COB_RENDERER_GTK_DEFAULT);
  g_assert_cmpint (cob_renderer_policy_decide (&gallium, TRUE), ==, COB_RENDERER_NO_GL);
  g_assert_cmpint (cob_renderer_policy_decide (&gallium_hw, TRUE), ==, COB_RENDERER_GTK_DEFAULT);
}

static void
touch (const char *dir,
       const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "", 0, &error));
  g_assert_no_error (error);
}

static void
test_gpu_devices (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dev = g_dir_make_tmp ("cob-dev-XXXXXX", &error);
  g_autofree char *dri = NULL;

  g_assert_no_error (error);
  dri = g_build_filename (dev, "dri", NULL);

  /* No dri folder, no NVIDIA node. */
  g_assert_false (cob_renderer_policy_have_gpu_device (dev));

  /* A dri folder holding only other nodes. */
  g_assert_cmpint (g_mkdir (dri, 0755), ==, 0);
  touch (dri, "by-path");
  g_assert_false (cob_renderer_policy_have_gpu_device (dev));

  touch (dri, "renderD128");
  g_assert_true (cob_renderer_policy_have_gpu_device (dev));
  g_assert_true (gui_test_remove_tree (dri));

  g_assert_cmpint (g_mkdir (dri, 0755), ==, 0);
  touch (dri, "card0");
  g_assert_true (cob_renderer_policy_have_gpu_device (dev));
  g_assert_true (gui_test_remove_tree (dri));

  touch (dev, "nvidiactl");
  g_assert_true (cob_renderer_policy_have_gpu_device (dev));

  g_assert_true (gui_test_remove_tree (dev));
}

static void
test_disable_value (void)
{
  const char *variable = NULL;
  g_autofree char *old_alone = cob_renderer_policy_disable_gl_value (NULL, 8, &variable);

  g_assert_cmpstr (variable, ==, "GDK_DEBUG");
  g_assert_cmpstr (old_alone, ==, "gl-disable");
  {
    g_autofree char *old_kept = cob_renderer_policy_disable_gl_value ("interactive", 14, &variable);

    g_assert_cmpstr (variable, ==, "GDK_DEBUG");
    g_assert_cmpstr (old_kept, ==, "interactive,gl-disable");
  }
  {
    g_autofree char *new_alone = cob_renderer_policy_disable_gl_value ("", 16, &variable);

    g_assert_cmpstr (variable, ==, "GDK_DISABLE");
    g_assert_cmpstr (new_alone, ==, "gl");
  }
  {
    g_autofree char *new_kept = cob_renderer_policy_disable_gl_value ("vulkan", 18, &variable);

    g_assert_cmpstr (variable, ==, "GDK_DISABLE");
    g_assert_cmpstr (new_kept, ==, "vulkan,gl");
  }
}

/* The variable this GTK reads really disables GL: a window is drawn by the
 * cairo renderer and GL contexts are refused. Runs in a subprocess, since
 * GDK reads the variable once per process. */
static void
test_gtk_draws_without_gl (void)
{
  if (g_test_subprocess ())
    {
      GtkWidget *window;
      GskRenderer *renderer;
      GdkGLContext *context;
      g_autoptr(GError) error = NULL;

      g_unsetenv ("GSK_RENDERER");
      cob_renderer_policy_force_no_gl (gtk_get_minor_version ());
      g_assert_cmpint (cob_renderer_policy_get_choice (), ==, COB_RENDERER_NO_GL);
      g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "cairo");
      gtk_init ();

      window = gtk_window_new ();
      gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("drawn with cairo"));
      gtk_widget_realize (window);
      renderer = gtk_native_get_renderer (GTK_NATIVE (window));
      g_assert_nonnull (renderer);
      g_assert_cmpstr (G_OBJECT_TYPE_NAME (renderer), ==, "GskCairoRenderer");

      context = gdk_display_create_gl_context (gdk_display_get_default (), &error);
      g_assert_null (context);
      g_assert_nonnull (error);
      g_test_message ("GL refused as expected: %s", error->message);

      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_skip ("no display: run under xvfb-run to check GTK's renderer");
      return;
    }
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/renderer-policy/decide", test_decide);
  g_test_add_func ("/renderer-policy/gpu-devices", test_gpu_devices);
  g_test_add_func ("/renderer-policy/disable-value", test_disable_value);
  g_test_add_func ("/renderer-policy/gtk-draws-without-gl", test_gtk_draws_without_gl);

  return g_test_run ();
}
