/* cob-chart-export.c: saving the chart as PNG or SVG.
 *
 * Both formats draw the same render node with cairo: an image surface for
 * PNG, which does not depend on the GPU or on the widget being shown, and
 * an SVG surface for vectors. Files are written with g_file_set_contents(),
 * so a failed export never leaves a half-written file behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-svg.h>
#include <string.h>
#include <glib/gi18n.h>

#include "cob-chart-private.h"

/* Larger exports are surely a mistake and would need gigabytes. */
#define MAX_EXPORT_SIZE 16384

typedef enum {
  FORMAT_UNKNOWN,
  FORMAT_PNG,
  FORMAT_SVG,
} ExportFormat;

static ExportFormat
format_for_path (const char *path)
{
  g_autofree char *basename = g_path_get_basename (path);
  const char *dot = strrchr (basename, '.');
  g_autofree char *extension = NULL;

  if (dot == NULL)
    return FORMAT_UNKNOWN;
  extension = g_ascii_strdown (dot + 1, -1);
  if (g_str_equal (extension, "png"))
    return FORMAT_PNG;
  if (g_str_equal (extension, "svg"))
    return FORMAT_SVG;
  return FORMAT_UNKNOWN;
}

static gboolean
check_cairo (cairo_status_t   status,
             const char      *path,
             GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               _("Could not draw the chart for “%s”: %s"),
               path, cairo_status_to_string (status));
  return FALSE;
}

static GBytes *
render_png (GskRenderNode  *node,
            int             width,
            int             height,
            const char     *path,
            GError        **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr(GBytes) pixels = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int stride;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  if (!check_cairo (cairo_surface_status (surface), path, error))
    {
      cairo_surface_destroy (surface);
      return NULL;
    }

  cr = cairo_create (surface);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* Cairo's ARGB32 is premultiplied, native-endian: GDK_MEMORY_DEFAULT. */
  stride = cairo_image_surface_get_stride (surface);
  pixels = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) stride * height);
  cairo_surface_destroy (surface);

  texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, pixels, stride);
  return gdk_texture_save_to_png_bytes (texture);
}

static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
render_svg (GskRenderNode  *node,
            int             width,
            int             height,
            const char     *path,
            GError        **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  surface = cairo_svg_surface_create_for_stream (append_to_array, data, width, height);
  cr = cairo_create (surface);
  gsk_render_node_draw (node, cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (!check_cairo (status, path, error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

gboolean
cob_chart_export (CobChart    *self,
                  const char  *path,
                  int          width,
                  int          height,
                  GError     **error)
{
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GBytes) bytes = NULL;
  ExportFormat format;

  g_return_val_if_fail (COB_IS_CHART (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  format = format_for_path (path);
  if (format == FORMAT_UNKNOWN)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Cannot export the chart to “%s”: the file name must end in .png or .svg"),
                   path);
      return FALSE;
    }
  if (width <= 0 || height <= 0 || width > MAX_EXPORT_SIZE || height > MAX_EXPORT_SIZE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Cannot export the chart to “%s”: the size %d × %d is not between 1 and %d pixels"),
                   path, width, height, MAX_EXPORT_SIZE);
      return FALSE;
    }

  node = cob_chart_render_node (self, width, height);
  if (format == FORMAT_PNG)
    bytes = render_png (node, width, height, path, error);
  else
    bytes = render_svg (node, width, height, path, error);
  if (bytes == NULL)
    return FALSE;

  return g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                              g_bytes_get_size (bytes), error);
}
