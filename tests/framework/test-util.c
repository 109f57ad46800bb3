/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "test-util.h"

#include <glib/gstdio.h>
#include <string.h>

char *
test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("cost-ops-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
test_rm_rf (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;
  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          test_rm_rf (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

GStrv
test_list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  if (dir == NULL)
    return NULL;
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

char *
test_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

void
test_write_file (const char *path,
                 const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
snapshot (GString    *out,
          const char *root,
          const char *relative)
{
  g_autofree char *path = relative[0] != '\0' ? g_build_filename (root, relative, NULL)
                                              : g_strdup (root);
  GStatBuf st;

  g_assert_cmpint (g_lstat (path, &st), ==, 0);
  g_string_append_printf (out, "%s mode=%o mtime=%" G_GINT64_FORMAT ".%09ld\n",
                          relative, (guint) st.st_mode, (gint64) st.st_mtim.tv_sec,
                          (long) st.st_mtim.tv_nsec);
  if (S_ISDIR (st.st_mode))
    {
      g_auto(GStrv) names = test_list_dir (path);

      for (guint i = 0; names != NULL && names[i] != NULL; i++)
        {
          g_autofree char *child = relative[0] != '\0' ? g_build_filename (relative, names[i], NULL)
                                                       : g_strdup (names[i]);

          snapshot (out, root, child);
        }
    }
  else
    {
      g_autofree char *contents = test_read_file (path);

      g_string_append_printf (out, "%s\n", contents);
    }
}

char *
test_snapshot_tree (const char *dir)
{
  GString *out = g_string_new (NULL);

  snapshot (out, dir, "");
  return g_string_free (out, FALSE);
}

guint
test_count_entries (const char *dir,
                    const char *prefix)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      if (g_str_has_prefix (name, prefix))
        n++;
    }
  return n;
}
