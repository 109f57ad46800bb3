/* test-util.h: temporary directories and file helpers for the framework
 * and CLI tests. SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A new empty directory under the system's temporary directory. */
char     *test_make_tmpdir   (void);
/* Removes @path and everything below it. */
void      test_rm_rf         (const char *path);
/* Sorted names in @dir (without "." and ".."); NULL when it cannot be read. */
GStrv     test_list_dir      (const char *dir);
char     *test_read_file     (const char *path);
void      test_write_file    (const char *path,
                              const char *contents);
/* Every file below @dir as "relative/path\ncontents\n..." for comparing a
 * whole tree byte for byte, with the mode and modification time of each. */
char     *test_snapshot_tree (const char *dir);
/* How many entries of @dir have names starting with @prefix. */
guint     test_count_entries (const char *dir,
                              const char *prefix);

G_END_DECLS
