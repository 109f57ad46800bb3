/* test-cli-isolation.c: `cost-ops run` with targets that segfault, abort,
 * loop for ever and allocate without bound. Each is reported failed with its
 * reason, the other targets' results are written, the run exits 1 and no
 * temporary file is left.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cli-test-run.h"
#include "test-util.h"

static void
test_crashing_targets (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *raw = g_build_filename (out, "raw", NULL);
  g_autofree char *history = g_build_filename (out, "history", NULL);
  g_autofree char *summary_path = g_build_filename (out, "summary.md", NULL);
  g_autofree char *summary = NULL;
  g_autofree char *hang = g_build_filename (raw, "hang.json", NULL);
  g_autofree char *hang_text = NULL;
  g_auto(GStrv) files = NULL;
  g_auto(CliRun) run = { 0 };

  run_cli (&run, NULL, "run", "--quick", "--targets",
           "crash_segv,crash_abort,steady,hang,alloc_forever", "--target-timeout", "4",
           "--memory-limit", "256", "--output", out, NULL);
  g_test_message ("%s%s", run.out, run.err);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "✗ crash_segv - crashed: segmentation fault (SIGSEGV) while warming up"));
  g_assert_nonnull (strstr (run.out, "✗ crash_abort - crashed: aborted (SIGABRT) while setting up"));
  g_assert_nonnull (strstr (run.out, "✓ steady - "));
  g_assert_nonnull (strstr (run.out, "✗ hang - timed out after 4 s while warming up"));
  g_assert_nonnull (strstr (run.out, "✗ alloc_forever - ran out of memory (limit 256 MiB) while warming up"));

  files = test_list_dir (raw);
  g_assert_cmpstrv (files, ((const char * const[]) { "alloc_forever.json", "crash_abort.json",
                                                      "crash_segv.json", "hang.json",
                                                      "steady.json", NULL }));
  hang_text = test_read_file (hang);
  g_assert_nonnull (strstr (hang_text, "\"error\" : \"timed out after 4 s"));
  summary = test_read_file (summary_path);
  g_assert_nonnull (strstr (summary, "| steady |"));
  g_assert_nonnull (strstr (summary, "- `alloc_forever`: ran out of memory"));
  g_assert_cmpuint (test_count_entries (history, ""), ==, 1);

  /* No staging folder, no worker's temporary folder (TMPDIR is ours). */
  g_assert_cmpuint (test_count_entries (out, ".cost-ops"), ==, 0);
  g_assert_cmpuint (test_count_entries (g_get_tmp_dir (), "cost-ops-worker-"), ==, 0);
  test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = NULL;

  /* A TMPDIR of our own (for us and cost-ops), set before GLib caches it. */
  tmp = g_build_filename (g_getenv ("TMPDIR") != NULL ? g_getenv ("TMPDIR") : "/tmp",
                          "test-cli-isolation-XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp (tmp));
  g_setenv ("TMPDIR", tmp, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-isolation/crashing-targets", test_crashing_targets);

  {
    int status = g_test_run ();

    test_rm_rf (tmp);
    return status;
  }
}
