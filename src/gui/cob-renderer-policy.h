/* cob-renderer-policy.h: draw without GL when GL could only be software.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  /* A GPU device can be opened: GTK picks its renderer as usual. */
  COB_RENDERER_GTK_DEFAULT,
  /* GSK_RENDERER, GDK_DISABLE or a GL flag in GDK_DEBUG was set: kept. */
  COB_RENDERER_USER_CHOICE,
  /* No GPU (or Mesa told to render in software): GL is disabled and GTK
   * draws with cairo, without loading Mesa at all. */
  COB_RENDERER_NO_GL,
} CobRendererChoice;

/* What one process's environment says; NULL for an unset variable. */
typedef struct
{
  const char *gsk_renderer;
  const char *gdk_debug;
  const char *gdk_disable;
  const char *libgl_always_software;
  const char *gallium_driver;
} CobRendererEnvironment;

CobRendererChoice  cob_renderer_policy_decide          (const CobRendererEnvironment *environment,
                                                        gboolean                      have_gpu_device);
gboolean           cob_renderer_policy_have_gpu_device (const char                   *dev_dir);
char              *cob_renderer_policy_disable_gl_value (const char                  *current,
                                                        guint                         gtk_minor_version,
                                                        const char                  **variable);
CobRendererChoice  cob_renderer_policy_apply           (guint                         gtk_minor_version);
void               cob_renderer_policy_force_no_gl     (guint                         gtk_minor_version);
CobRendererChoice  cob_renderer_policy_get_choice      (void);
const char        *cob_renderer_choice_describe        (CobRendererChoice             choice);

G_END_DECLS
