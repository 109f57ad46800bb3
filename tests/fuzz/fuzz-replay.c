/* fuzz-replay.c: the main() of the replay programs the normal test run
 * builds (any compiler, no sanitizer needed): every file in the folders
 * given is passed to the harness's LLVMFuzzerTestOneInput() in turn, as
 * libFuzzer would. The first folder (the seed corpus) must exist; the
 * others (crashes found so far) may not exist yet.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "fuzz-common.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static guint
replay_dir (const char *path,
            gboolean    required)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    {
      if (required || !g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_error ("%s", error->message);
      return 0;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.' && g_strcmp0 (name, "README") != 0)
      g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *contents = NULL;
      gsize length;

      if (!g_file_get_contents (file, &contents, &length, &error))
        g_error ("%s", error->message);
      /* Printed first, so a crash names its input. */
      printf ("# %s (%" G_GSIZE_FORMAT " bytes)\n", file, length);
      fflush (stdout);
      LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
    }
  return names->len;
}

int
main (int   argc,
      char *argv[])
{
  guint total = 0;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s CORPUS-DIR [MORE-DIRS...]\n", argv[0]);
      return 2;
    }
  for (int i = 1; i < argc; i++)
    total += replay_dir (argv[i], i == 1);
  if (total == 0)
    g_error ("no inputs in %s", argv[1]);
  printf ("%u inputs replayed without a failure\n", total);
  return 0;
}
