/* check-app-icons.c: GTK draws the icons the app shows, the way librsvg draws
 * them. GTK 4.8 loads SVG icons through gdk-pixbuf's SVG loader (package
 * librsvg2-common, only a recommendation of GTK); without it every SVG icon
 * becomes GTK's "image-missing" picture, e.g. the app's symbolic icon on the
 * start page. Each icon is looked up as the app looks it up (its own symbolic
 * icon from the app's resources, the others from the icon theme) and must be
 * found as its own file (GTK passes over SVG files it cannot load), then drawn
 * by GTK and compared with rsvg-convert's drawing of the same file: the drawn
 * areas must mostly overlap. GTK's drawings are saved as
 * icon-gtk-NAME-SIZE.png into OUTPUT_DIR.
 *
 * usage: check-app-icons RSVG_CONVERT APP_ICON.svg OUTPUT_DIR
 * Exits 77 (skipped) without a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gtk/gtk.h>
#include <stdio.h>
#include <string.h>

/* Share of the pixels drawn by either that both draw (alpha >= 50%). */
#define LEAST_OVERLAP 0.8

static const char *rsvg_convert;
static const char *output_dir;

static guchar *
download (GdkTexture *texture,
          gsize      *stride)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  guchar *pixels;

  *stride = (gsize) width * 4;
  pixels = g_malloc0 (*stride * (gsize) height);
  gdk_texture_download (texture, pixels, *stride);
  return pixels;
}

/* The alpha byte of a pixel in cairo's premultiplied ARGB32 layout. */
static guchar
alpha_at (const guchar *pixels,
          gsize         stride,
          int           x,
          int           y)
{
  guint32 pixel;

  memcpy (&pixel, pixels + (gsize) y * stride + (gsize) x * 4, 4);
  return pixel >> 24;
}

/* The drawing librsvg makes of ICON_FILE at SIZE px, or NULL with a reason. */
static GdkTexture *
reference_texture (GFile  *icon_file,
                   int     size,
                   char  **reason)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;
  g_autofree char *svg = g_build_filename (output_dir, "icon-reference.svg", NULL);
  g_autofree char *png = g_build_filename (output_dir, "icon-reference.png", NULL);
  g_autofree char *size_text = g_strdup_printf ("%d", size);
  g_autofree char *err = NULL;
  int status = 0;
  const char *argv[] = { rsvg_convert, "-w", size_text, "-h", size_text, svg, "-o", png, NULL };
  g_autoptr(GFile) png_file = NULL;
  GdkTexture *texture;

  /* The file may be inside the app's resources: give rsvg-convert a copy. */
  if (!g_file_load_contents (icon_file, NULL, &contents, &length, NULL, &error) ||
      !g_file_set_contents (svg, contents, (gssize) length, &error))
    {
      *reason = g_strdup (error->message);
      return NULL;
    }
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, &err, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      *reason = g_strdup_printf ("rsvg-convert: %s %s", error->message, err != NULL ? err : "");
      return NULL;
    }
  png_file = g_file_new_for_path (png);
  texture = gdk_texture_new_from_file (png_file, &error);
  if (texture == NULL)
    *reason = g_strdup (error->message);
  return texture;
}

/* Draws PAINTABLE at SIZE px with GTK and compares it with the drawing of
 * ICON_FILE; returns FALSE after printing why when they differ. */
static gboolean
check_drawing (const char   *name,
               GdkPaintable *paintable,
               GFile        *icon_file,
               int           size)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr(GdkTexture) drawn = NULL;
  g_autoptr(GdkTexture) reference = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *file_name = g_strdup_printf ("icon-gtk-%s-%d.png", name, size);
  g_autofree char *saved = g_build_filename (output_dir, file_name, NULL);
  g_autofree char *uri = g_file_get_uri (icon_file);
  g_autofree guchar *drawn_pixels = NULL;
  g_autofree guchar *reference_pixels = NULL;
  gsize drawn_stride, reference_stride;
  int both = 0, either = 0, gtk_only = 0;
  double overlap;

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), size, size);
  node = gtk_snapshot_to_node (snapshot);
  if (node == NULL)
    {
      printf ("%s at %d px: GTK draws nothing\n", name, size);
      return FALSE;
    }
  if (!gsk_renderer_realize (renderer, NULL, &error))
    {
      printf ("cannot use the cairo renderer: %s\n", error->message);
      return FALSE;
    }
  drawn = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, size, size));
  gsk_renderer_unrealize (renderer);
  gdk_texture_save_to_png (drawn, saved);

  if (g_str_has_suffix (uri, ".svg"))
    reference = reference_texture (icon_file, size, &reason);
  else
    reference = gdk_texture_new_from_file (icon_file, &error);
  if (reference == NULL)
    {
      printf ("%s at %d px: no reference drawing of %s: %s\n", name, size, uri,
              reason != NULL ? reason : error->message);
      return FALSE;
    }
  if (gdk_texture_get_width (reference) != size || gdk_texture_get_height (reference) != size)
    {
      printf ("%s at %d px: %s is %dx%d; not compared\n", name, size, uri,
              gdk_texture_get_width (reference), gdk_texture_get_height (reference));
      return TRUE;
    }

  drawn_pixels = download (drawn, &drawn_stride);
  reference_pixels = download (reference, &reference_stride);
  for (int y = 0; y < size; y++)
    for (int x = 0; x < size; x++)
      {
        gboolean in_drawn = alpha_at (drawn_pixels, drawn_stride, x, y) >= 128;
        gboolean in_reference = alpha_at (reference_pixels, reference_stride, x, y) >= 128;

        both += in_drawn && in_reference;
        either += in_drawn || in_reference;
        gtk_only += in_drawn && !in_reference;
      }
  overlap = either > 0 ? (double) both / either : 0.0;
  printf ("%s at %d px (%s): GTK draws %d px, %s %d px, overlap %.2f -> %s\n",
          name, size, uri, both + gtk_only, g_str_has_suffix (uri, ".svg") ? "librsvg" : "the file",
          both + (either - both - gtk_only), overlap, saved);
  if (both == 0 || overlap < LEAST_OVERLAP)
    {
      printf ("  GTK does not draw %s as librsvg does (overlap %.2f, at least %.2f expected): "
              "is gdk-pixbuf's SVG loader (librsvg2-common) installed?\n",
              name, overlap, LEAST_OVERLAP);
      return FALSE;
    }
  return TRUE;
}

static gboolean
has_svg_loader (void)
{
  g_autoptr(GSList) formats = gdk_pixbuf_get_formats ();

  for (GSList *l = formats; l != NULL; l = l->next)
    {
      g_autofree char *name = gdk_pixbuf_format_get_name (l->data);

      if (g_str_equal (name, "svg"))
        return TRUE;
    }
  return FALSE;
}

int
main (int   argc,
      char *argv[])
{
  /* The icons on the start page, the target rows and the history page. */
  static const struct { const char *name; int size; } themed[] = {
    { "io.github.costops.Bench-symbolic", 128 },
    { "io.github.costops.Bench-symbolic", 16 },
    { "emblem-ok-symbolic", 16 },
    { "dialog-error-symbolic", 16 },
    { "dialog-warning-symbolic", 16 },
    { "folder-symbolic", 16 },
  };
  GtkIconTheme *theme;
  gboolean ok = TRUE;

  if (argc != 4)
    {
      fprintf (stderr, "usage: %s RSVG_CONVERT APP_ICON.svg OUTPUT_DIR\n", argv[0]);
      return 2;
    }
  rsvg_convert = argv[1];
  output_dir = argv[3];
  if (!gtk_init_check ())
    {
      printf ("SKIP: no display (DISPLAY or WAYLAND_DISPLAY)\n");
      return 77;
    }
  g_mkdir_with_parents (output_dir, 0755);

  if (!has_svg_loader ())
    {
      printf ("gdk-pixbuf has no SVG loader, so GTK cannot draw SVG icons "
              "(the app's own icons, Adwaita's symbolic icons): install librsvg2-common\n");
      ok = FALSE;
    }

  /* As GtkApplication does for the app: its resources' icons/ folder. */
  theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  gtk_icon_theme_add_resource_path (theme, "/io/github/costops/Bench/icons");
  for (gsize i = 0; i < G_N_ELEMENTS (themed); i++)
    {
      g_autoptr(GtkIconPaintable) icon =
        gtk_icon_theme_lookup_icon (theme, themed[i].name, NULL, themed[i].size, 1,
                                    GTK_TEXT_DIR_LTR, 0);
      g_autoptr(GFile) file = gtk_icon_paintable_get_file (icon);
      g_autofree char *base = file != NULL ? g_file_get_basename (file) : NULL;

      /* Without a loader for its only file GTK gives "image-missing". */
      if (base == NULL || !g_str_has_prefix (base, themed[i].name) ||
          base[strlen (themed[i].name)] != '.')
        {
          printf ("%s at %d px: GTK finds no file of it that it can load, and shows %s instead\n",
                  themed[i].name, themed[i].size, base != NULL ? base : "nothing");
          ok = FALSE;
          continue;
        }
      ok &= check_drawing (themed[i].name, GDK_PAINTABLE (icon), file, themed[i].size);
    }

  /* The full-color app icon, as the About window shows it. */
  for (int size = 64; size <= 128; size *= 2)
    {
      g_autoptr(GFile) file = g_file_new_for_path (argv[2]);
      g_autoptr(GtkIconPaintable) icon = gtk_icon_paintable_new_for_file (file, size, 1);

      ok &= check_drawing ("io.github.costops.Bench", GDK_PAINTABLE (icon), file, size);
    }

  printf (ok ? "GTK draws every icon checked\n" : "FAIL\n");
  return ok ? 0 : 1;
}
