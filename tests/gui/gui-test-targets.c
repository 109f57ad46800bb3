/* gui-test-targets.c: targets and helpers shared by the GUI tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "cob-renderer-policy.h"
#include "gui-test-targets.h"

static gboolean
sum_squares (gpointer  state,
             guint64   iterations,
             GError  **error)
{
  /* About a hundred nanoseconds per operation: durations are whole ns. */
  for (guint64 i = 0; i < iterations; i++)
    {
      guint64 value = i;

      for (guint j = 0; j < 100; j++)
        {
          value = value * 6364136223846793005u + j;
          bench_keep (value);
        }
    }
  return TRUE;
}

static gint teardowns;

static void
count_teardown (gpointer state)
{
  g_atomic_int_inc (&teardowns);
}

guint
gui_test_count_teardowns (void)
{
  return (guint) g_atomic_int_get (&teardowns);
}

static gint gate_open;

void
gui_test_set_gate (gboolean open)
{
  g_atomic_int_set (&gate_open, open ? 1 : 0);
}

/* Waits at the gate (at most a minute), then 10 ms per operation: a test
 * holds the run inside this target for as long as it needs. */
static gboolean
wait_at_gate (gpointer  state,
              guint64   iterations,
              GError  **error)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!g_atomic_int_get (&gate_open) && g_get_monotonic_time () < deadline)
    g_usleep (2000);
  g_usleep (10000 * iterations);
  return TRUE;
}

static gpointer
broken_setup (const BenchTarget  *target,
              GError            **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "test data cannot be built");
  return NULL;
}

static const BenchTarget fast_a = {
  .id = "fast_a",
  .display_name = "Fast A",
  .category = "test",
  .description = "Sums squares",
  .run_iterations = sum_squares,
  .teardown = count_teardown,
};

static const BenchTarget fast_b = {
  .id = "fast_b",
  .display_name = "Fast B",
  .category = "test",
  .description = "Sums squares too",
  .run_iterations = sum_squares,
  .teardown = count_teardown,
};

static const BenchTarget slow = {
  .id = "slow",
  .display_name = "Slow",
  .category = "test",
  .description = "Waits at the test's gate",
  .run_iterations = wait_at_gate,
};

static const BenchTarget broken = {
  .id = "broken",
  .display_name = "Broken",
  .category = "test",
  .description = "Fails in setup",
  .setup = broken_setup,
  .run_iterations = sum_squares,
};

static const BenchTarget * const targets[] = { &fast_a, &fast_b, &slow, &broken, NULL };

const BenchTarget * const *
gui_test_targets (void)
{
  return targets;
}

gboolean
gui_test_have_display (void)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_skip ("no display: DISPLAY and WAYLAND_DISPLAY are unset (run under xvfb-run)");
      return FALSE;
    }
  return TRUE;
}

static gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
gui_test_wait_for (const gboolean *flag,
                   guint           timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, on_timeout, &timed_out);

  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return *flag;
}

gboolean
gui_test_wait_property (gpointer    object,
                        const char *property,
                        gboolean    value,
                        guint       timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, on_timeout, &timed_out);
  gboolean current = !value;

  for (;;)
    {
      g_object_get (object, property, &current, NULL);
      if (current == value || timed_out)
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  if (!timed_out)
    g_source_remove (id);
  return current == value;
}

void
gui_test_reset_settings (const char * const *selected)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_boolean (settings, "quick", TRUE);
  g_settings_set_strv (settings, "selected-targets", selected);
  g_settings_reset (settings, "output-directory");
  g_settings_reset (settings, "chart-scale");
}

void
gui_test_init (int       *argc,
               char    ***argv,
               gboolean   app_style)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_init (argc, argv, NULL);
      return;
    }
  cob_renderer_policy_apply (gtk_get_minor_version ());
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  if (app_style)
    {
      g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

      gtk_css_provider_load_from_resource (css, "/io/github/costops/Bench/style.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    }
}

gboolean
gui_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  gboolean removed = TRUE;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        removed = gui_test_remove_tree (child) && removed;
      else
        removed = g_unlink (child) == 0 && removed;
    }
  return g_rmdir (path) == 0 && removed;
}

CobWindow *
gui_test_window_open (const BenchTarget * const *window_targets,
                      const char * const        *selection,
                      const char                *dir)
{
  CobWindow *window;

  gui_test_reset_settings (selection);
  window = cob_window_new (NULL, window_targets);
  g_object_ref_sink (window);
  cob_window_set_output_override (window, dir);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

void
gui_test_window_close (CobWindow **window)
{
  if (*window == NULL)
    return;
  gtk_window_destroy (GTK_WINDOW (*window));
  g_clear_object (window);
}

CobTargetRow *
gui_test_target_row (CobWindow  *window,
                     const char *id)
{
  GListModel *rows = cob_window_get_target_rows (window);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(CobTargetRow) row = g_list_model_get_item (rows, i);

      if (g_str_equal (cob_target_row_get_id (row), id))
        return row;   /* the model keeps it alive */
    }
  g_assert_not_reached ();
}
