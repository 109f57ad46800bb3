/* test-transaction.c: the output folder's lock, staging and switch-over,
 * and what a run killed at any point leaves behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench-error.h"
#include "bench-output.h"
#include "bench-transaction.h"
#include "test-targets.h"
#include "test-util.h"

/* A folder with an earlier run in it: raw/ with two files, summary.md. */
static char *
make_earlier_run (void)
{
  char *dir = test_make_tmpdir ();
  g_autofree char *raw = g_build_filename (dir, "raw", NULL);
  g_autofree char *a = g_build_filename (raw, "old_a.json", NULL);
  g_autofree char *b = g_build_filename (raw, "old_b.json", NULL);
  g_autofree char *summary = g_build_filename (dir, "summary.md", NULL);

  g_assert_cmpint (g_mkdir (raw, 0755), ==, 0);
  test_write_file (a, "{ \"old\": \"a\" }\n");
  test_write_file (b, "{ \"old\": \"b\" }\n");
  test_write_file (summary, "# the earlier run\n");
  return dir;
}

static BenchRunRecord *
run_fast (BenchTransaction *transaction)
{
  g_autoptr(GPtrArray) targets = target_list (&fast_target, NULL);
  g_autoptr(GError) error = NULL;
  BenchRunOptions options = { 0 };
  BenchRunRecord *record;

  short_options (&options);
  record = bench_runner_run_record (targets, &options, transaction, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return record;
}

static void
test_second_run_is_refused (void)
{
  g_autofree char *dir = make_earlier_run ();
  g_autofree char *raw = g_build_filename (dir, "raw", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(BenchTransaction) first = NULL;
  g_autoptr(BenchTransaction) second = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;
  g_auto(GStrv) top = NULL;

  first = bench_transaction_begin (dir, &error);
  g_assert_no_error (error);
  before = test_snapshot_tree (dir);
  second = bench_transaction_begin (dir, &error);
  g_assert_null (second);
  g_assert_error (error, BENCH_ERROR, BENCH_ERROR_OUTPUT_BUSY);
  g_assert_nonnull (strstr (error->message, dir));
  /* The refused run touched nothing. */
  after = test_snapshot_tree (dir);
  g_assert_cmpstr (after, ==, before);

  /* The first, never committed, leaves the earlier run as it was. */
  g_clear_pointer (&first, bench_transaction_free);
  top = test_list_dir (dir);
  g_assert_cmpstrv (top, ((const char * const[]) { "raw", "summary.md", NULL }));
  files = test_list_dir (raw);
  g_assert_cmpstrv (files, ((const char * const[]) { "old_a.json", "old_b.json", NULL }));
  test_rm_rf (dir);
}

static void
test_commit_replaces_run (void)
{
  g_autofree char *dir = make_earlier_run ();
  g_autofree char *raw = g_build_filename (dir, "raw", NULL);
  g_autofree char *summary_file = g_build_filename (dir, "summary.md", NULL);
  g_autofree char *summary = NULL;
  g_autofree char *summary_path = NULL;
  g_autofree char *history_path = NULL;
  g_autoptr(BenchTransaction) transaction = NULL;
  g_autoptr(BenchRunRecord) record = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;
  g_auto(GStrv) top = NULL;

  transaction = bench_transaction_begin (dir, &error);
  g_assert_no_error (error);
  record = run_fast (transaction);

  /* Until the commit, the folder still shows the earlier run. */
  files = test_list_dir (raw);
  g_assert_cmpstrv (files, ((const char * const[]) { "old_a.json", "old_b.json", NULL }));
  g_clear_pointer (&files, g_strfreev);

  g_assert_true (bench_transaction_commit (transaction, record, TRUE, NULL,
                                           &summary_path, &history_path, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (summary_path, ==, summary_file);
  g_assert_true (g_file_test (history_path, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&transaction, bench_transaction_free);

  files = test_list_dir (raw);
  g_assert_cmpstrv (files, ((const char * const[]) { "fast.json", NULL }));
  summary = test_read_file (summary_file);
  g_assert_nonnull (strstr (summary, bench_run_record_get_id (record)));
  runs = bench_history_list (dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 1);
  g_assert_cmpstr (bench_run_record_get_id (g_ptr_array_index (runs, 0)), ==,
                   bench_run_record_get_id (record));
  /* No staging, commit or lock file is left. */
  top = test_list_dir (dir);
  g_assert_cmpstrv (top, ((const char * const[]) { "history", "raw", "summary.md", NULL }));
  test_rm_rf (dir);
}

/* --no-summary: an older summary.md would describe another run. */
static void
test_no_summary_removes_stale (void)
{
  g_autofree char *dir = make_earlier_run ();
  g_autofree char *summary_path = NULL;
  g_autoptr(BenchTransaction) transaction = NULL;
  g_autoptr(BenchRunRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) top = NULL;

  transaction = bench_transaction_begin (dir, &error);
  g_assert_no_error (error);
  record = run_fast (transaction);
  g_assert_true (bench_transaction_commit (transaction, record, FALSE, NULL, &summary_path, NULL, &error));
  g_assert_null (summary_path);
  top = test_list_dir (dir);
  g_assert_cmpstrv (top, ((const char * const[]) { "history", "raw", NULL }));
  test_rm_rf (dir);
}

/* A process killed while it runs (here: exits without cleaning up) leaves
 * the earlier run whole; the next run removes its staging folder. */
static void
test_killed_before_commit (void)
{
  g_autofree char *dir = make_earlier_run ();
  g_autofree char *summary = g_build_filename (dir, "summary.md", NULL);
  g_autofree char *earlier = NULL;
  g_autoptr(BenchTransaction) next = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) top = NULL;
  pid_t pid;
  int status;

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      BenchTransaction *transaction = bench_transaction_begin (dir, NULL);

      if (transaction == NULL)
        _exit (1);
      bench_run_record_unref (run_fast (transaction));
      _exit (0);   /* no commit, no free: as after SIGKILL */
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);

  /* The earlier run is what a reader sees (the staging folder is hidden). */
  bench_transaction_recover (dir);
  {
    g_autofree char *raw = g_build_filename (dir, "raw", NULL);
    g_auto(GStrv) files = test_list_dir (raw);

    g_assert_cmpstrv (files, ((const char * const[]) { "old_a.json", "old_b.json", NULL }));
  }
  /* The next run cleans up what the killed one staged. */
  next = bench_transaction_begin (dir, &error);
  g_assert_no_error (error);
  g_clear_pointer (&next, bench_transaction_free);
  earlier = test_read_file (summary);
  g_assert_cmpstr (earlier, ==, "# the earlier run\n");
  top = test_list_dir (dir);
  g_assert_cmpstrv (top, ((const char * const[]) { "raw", "summary.md", NULL }));
  test_rm_rf (dir);
}

/* The switch-over interrupted after its decisive rename, at each later
 * step: whoever opens the folder next completes it. */
static void
test_roll_forward (void)
{
  for (guint step = 0; step < 4; step++)
    {
      g_autofree char *dir = make_earlier_run ();
      g_autofree char *commit = g_build_filename (dir, ".cost-ops-commit", NULL);
      g_autofree char *commit_raw = g_build_filename (commit, "raw", NULL);
      g_autofree char *commit_history = g_build_filename (commit, "history", NULL);
      g_autofree char *new_result = g_build_filename (commit_raw, "fresh.json", NULL);
      g_autofree char *new_summary = g_build_filename (commit, "summary.md", NULL);
      g_autofree char *new_record = g_build_filename (commit_history, "20260101T000000Z-0000abcd.json.zst", NULL);
      g_autofree char *raw = g_build_filename (dir, "raw", NULL);
      g_autofree char *old_raw = g_build_filename (dir, ".cost-ops-old-raw", NULL);
      g_autofree char *summary = g_build_filename (dir, "summary.md", NULL);
      g_autofree char *record = g_build_filename (dir, "history", "20260101T000000Z-0000abcd.json.zst", NULL);
      g_autofree char *text = NULL;
      g_auto(GStrv) files = NULL;
      g_auto(GStrv) top = NULL;

      g_assert_cmpint (g_mkdir_with_parents (commit_raw, 0755), ==, 0);
      g_assert_cmpint (g_mkdir_with_parents (commit_history, 0755), ==, 0);
      test_write_file (new_result, "{ \"fresh\": true }\n");
      test_write_file (new_summary, "# the new run\n");
      test_write_file (new_record, "record");
      /* step 1: old raw moved aside; 2: new raw in place; 3: summary too. */
      if (step >= 1)
        g_assert_cmpint (g_rename (raw, old_raw), ==, 0);
      if (step >= 2)
        g_assert_cmpint (g_rename (commit_raw, raw), ==, 0);
      if (step >= 3)
        g_assert_cmpint (g_rename (new_summary, summary), ==, 0);

      bench_transaction_recover (dir);

      files = test_list_dir (raw);
      g_assert_cmpstrv (files, ((const char * const[]) { "fresh.json", NULL }));
      text = test_read_file (summary);
      g_assert_cmpstr (text, ==, "# the new run\n");
      g_assert_true (g_file_test (record, G_FILE_TEST_IS_REGULAR));
      top = test_list_dir (dir);
      g_assert_cmpstrv (top, ((const char * const[]) { "history", "raw", "summary.md", NULL }));
      test_rm_rf (dir);
    }
}

/* A full disk (here: a file size limit) while saving: the error names both
 * files that could not be written, and the folder keeps the earlier run. */
static void
test_full_disk (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = make_earlier_run ();
      g_autofree char *raw = g_build_filename (dir, "raw", NULL);
      g_autofree char *summary = g_build_filename (dir, "summary.md", NULL);
      g_autofree char *text = NULL;
      g_auto(GStrv) files = NULL;
      g_auto(GStrv) top = NULL;
      g_autoptr(BenchTransaction) transaction = NULL;
      g_autoptr(BenchRunRecord) record = NULL;
      g_autoptr(GError) error = NULL;
      struct rlimit limit = { 64, 64 };
      BenchResult *result;

      transaction = bench_transaction_begin (dir, &error);
      g_assert_no_error (error);
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      record = run_fast (transaction);
      result = g_ptr_array_index (bench_run_record_get_results (record), 0);
      g_assert_false (bench_result_is_success (result));
      g_assert_nonnull (strstr (bench_result_get_error (result)->message, "Result could not be saved"));

      g_assert_false (bench_transaction_commit (transaction, record, TRUE, NULL, NULL, NULL, &error));
      g_assert_error (error, BENCH_ERROR, BENCH_ERROR_OUTPUT_NOT_WRITABLE);
      g_assert_nonnull (strstr (error->message, "summary.md could not be written"));
      g_assert_nonnull (strstr (error->message, "could not be added to the history"));
      g_assert_nonnull (strstr (error->message, "still holds the previous run"));
      g_clear_pointer (&transaction, bench_transaction_free);
      top = test_list_dir (dir);
      g_assert_cmpstrv (top, ((const char * const[]) { "raw", "summary.md", NULL }));
      files = test_list_dir (raw);
      g_assert_cmpstrv (files, ((const char * const[]) { "old_a.json", "old_b.json", NULL }));
      text = test_read_file (summary);
      g_assert_cmpstr (text, ==, "# the earlier run\n");
      test_rm_rf (dir);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/transaction/second-run-refused", test_second_run_is_refused);
  g_test_add_func ("/transaction/commit-replaces-run", test_commit_replaces_run);
  g_test_add_func ("/transaction/no-summary-removes-stale", test_no_summary_removes_stale);
  g_test_add_func ("/transaction/killed-before-commit", test_killed_before_commit);
  g_test_add_func ("/transaction/roll-forward", test_roll_forward);
  g_test_add_func ("/transaction/full-disk", test_full_disk);

  return g_test_run ();
}
