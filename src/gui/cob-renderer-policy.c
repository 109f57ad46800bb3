/* cob-renderer-policy.c: draw without GL when GL could only be software.
 *
 * Without a GPU, Mesa's GL is llvmpipe: it renders on the CPU with as many
 * threads as there are cores, so every frame competes with the benchmark
 * thread for the cores being measured, and loading it (LLVM) costs about
 * 60 MB of RSS before the first frame. This window has no animation that
 * needs a GPU, so where no GPU device can be opened the app disables GL
 * before GTK starts and GTK draws with cairo instead.
 *
 * The test is the device nodes, not GL_RENDERER: asking GL what it is
 * would load Mesa, which is the cost avoided. A machine whose GPU this
 * misses (e.g. an X server without DRI) keeps GTK's own choice. Whatever
 * the user set in GSK_RENDERER, GDK_DISABLE or GDK_DEBUG about GL wins.
 *
 * Programs the app launches inherit the variable; they would find no GPU
 * either, so it does them no harm.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <unistd.h>

#include "cob-renderer-policy.h"

static CobRendererChoice applied_choice = COB_RENDERER_GTK_DEFAULT;

/* Mesa reads LIBGL_ALWAYS_SOFTWARE as a boolean: 1, true, y or yes. */
static gboolean
is_true (const char *value)
{
  return value != NULL &&
         (g_str_equal (value, "1") || g_ascii_strcasecmp (value, "true") == 0 ||
          g_ascii_strcasecmp (value, "y") == 0 || g_ascii_strcasecmp (value, "yes") == 0);
}

/* GDK_DEBUG and GDK_DISABLE are lists separated by commas, colons, spaces
 * or semicolons; any flag about GL (gl-disable, gl-prefer-gl, gl, gles-api,
 * ...) is the user's choice. */
static gboolean
names_gl (const char *flags)
{
  g_auto(GStrv) words = NULL;

  if (flags == NULL)
    return FALSE;
  words = g_strsplit_set (flags, ",: ;", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (g_str_has_prefix (words[i], "gl") || g_ascii_strcasecmp (words[i], "all") == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_software_gallium_driver (const char *driver)
{
  return driver != NULL &&
         (g_str_equal (driver, "llvmpipe") || g_str_equal (driver, "softpipe") ||
          g_str_equal (driver, "swrast"));
}

CobRendererChoice
cob_renderer_policy_decide (const CobRendererEnvironment *environment,
                            gboolean                      have_gpu_device)
{
  g_return_val_if_fail (environment != NULL, COB_RENDERER_GTK_DEFAULT);

  if ((environment->gsk_renderer != NULL && environment->gsk_renderer[0] != '\0') ||
      names_gl (environment->gdk_disable) || names_gl (environment->gdk_debug))
    return COB_RENDERER_USER_CHOICE;
  if (is_true (environment->libgl_always_software) ||
      is_software_gallium_driver (environment->gallium_driver))
    return COB_RENDERER_NO_GL;
  return have_gpu_device ? COB_RENDERER_GTK_DEFAULT : COB_RENDERER_NO_GL;
}

static gboolean
can_open (const char *path)
{
  return access (path, R_OK | W_OK) == 0;
}

/* DRM nodes (Mesa and nvidia-drm) or the NVIDIA driver's control node, as
 * this user may open them: a node it cannot open leaves Mesa in software. */
gboolean
cob_renderer_policy_have_gpu_device (const char *dev_dir)
{
  g_autofree char *dri_dir = NULL;
  g_autofree char *nvidia = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_return_val_if_fail (dev_dir != NULL, TRUE);

  dri_dir = g_build_filename (dev_dir, "dri", NULL);
  dir = g_dir_open (dri_dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;

      if (!g_str_has_prefix (name, "renderD") && !g_str_has_prefix (name, "card"))
        continue;
      path = g_build_filename (dri_dir, name, NULL);
      if (can_open (path))
        return TRUE;
    }
  nvidia = g_build_filename (dev_dir, "nvidiactl", NULL);
  return can_open (nvidia);
}

/* GTK 4.16 moved "disable GL" from GDK_DEBUG=gl-disable to GDK_DISABLE=gl
 * (and warns about the old flag); @gtk_minor_version picks the one this
 * GTK reads. Other flags already in the variable are kept. */
char *
cob_renderer_policy_disable_gl_value (const char  *current,
                                      guint        gtk_minor_version,
                                      const char **variable)
{
  const char *flag = gtk_minor_version >= 16 ? "gl" : "gl-disable";

  g_return_val_if_fail (variable != NULL, NULL);

  *variable = gtk_minor_version >= 16 ? "GDK_DISABLE" : "GDK_DEBUG";
  if (current == NULL || current[0] == '\0')
    return g_strdup (flag);
  return g_strconcat (current, ",", flag, NULL);
}

/* Before GTK is initialized: GDK reads the variable once, at gtk_init(). */
void
cob_renderer_policy_force_no_gl (guint gtk_minor_version)
{
  const char *variable = NULL;
  g_autofree char *value = NULL;

  value = cob_renderer_policy_disable_gl_value (g_getenv (gtk_minor_version >= 16 ? "GDK_DISABLE" : "GDK_DEBUG"),
                                                gtk_minor_version, &variable);
  g_setenv (variable, value, TRUE);
  /* Without it GTK 4.8 still tries its GL renderer first, and says so on
   * the terminal at every window. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  applied_choice = COB_RENDERER_NO_GL;
}

CobRendererChoice
cob_renderer_policy_apply (guint gtk_minor_version)
{
  CobRendererEnvironment environment = {
    .gsk_renderer = g_getenv ("GSK_RENDERER"),
    .gdk_debug = g_getenv ("GDK_DEBUG"),
    .gdk_disable = g_getenv ("GDK_DISABLE"),
    .libgl_always_software = g_getenv ("LIBGL_ALWAYS_SOFTWARE"),
    .gallium_driver = g_getenv ("GALLIUM_DRIVER"),
  };
  CobRendererChoice choice;

  choice = cob_renderer_policy_decide (&environment, cob_renderer_policy_have_gpu_device ("/dev"));
  if (choice == COB_RENDERER_NO_GL)
    cob_renderer_policy_force_no_gl (gtk_minor_version);
  applied_choice = choice;
  return choice;
}

CobRendererChoice
cob_renderer_policy_get_choice (void)
{
  return applied_choice;
}

/* For the About window's troubleshooting text: not translated. */
const char *
cob_renderer_choice_describe (CobRendererChoice choice)
{
  switch (choice)
    {
    case COB_RENDERER_GTK_DEFAULT:
      return "GTK's default (a GPU device is present)";
    case COB_RENDERER_USER_CHOICE:
      return "as set in GSK_RENDERER, GDK_DISABLE or GDK_DEBUG";
    case COB_RENDERER_NO_GL:
      return "cairo, GL disabled (no GPU device, GL would be software)";
    default:
      g_return_val_if_reached ("unknown");
    }
}
