/* test-isolation.c: targets in worker processes. A target that crashes,
 * aborts, hangs, eats memory or passes a file-size limit fails with the
 * reason in words; the others still run and are written; nothing of a
 * worker is left behind; Cancel and a killed supervisor end the worker.
 * COST_OPS_WORKER names tests/framework/test-worker (meson sets it).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench-registry.h"
#include "bench-runner.h"
#include "bench-supervisor.h"
#include "crash-targets.h"
#include "test-util.h"

static void
worker_options (BenchRunOptions *options)
{
  bench_run_options_init_quick (options);
  options->isolation = BENCH_ISOLATION_WORKER;
  options->target_timeout_us = 3 * G_USEC_PER_SEC;
  options->memory_limit_mb = 256;
}

static GPtrArray *
select_targets (const char *ids)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *targets = bench_registry_select (crash_targets_get_all (), ids, FALSE, &error);

  g_assert_no_error (error);
  return targets;
}

/* The worker folders in TMPDIR (cost-ops-worker-*). */
static guint
count_worker_folders (void)
{
  return test_count_entries (g_get_tmp_dir (), "cost-ops-worker-");
}

static const char *
error_of (GPtrArray  *results,
          guint       index)
{
  BenchResult *result = g_ptr_array_index (results, index);

  g_assert_false (bench_result_is_success (result));
  g_test_message ("%s: %s", bench_result_get_target_id (result), bench_result_get_error (result)->message);
  return bench_result_get_error (result)->message;
}

static void
test_every_failure_reported (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *raw = g_build_filename (dir, "raw", NULL);
  g_autofree char *summary_path = g_build_filename (dir, "summary.md", NULL);
  g_autofree char *summary = NULL;
  g_autoptr(GPtrArray) targets =
    select_targets ("crash_segv,steady,crash_abort,hang,alloc_forever,file_too_big,exits_early");
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;
  BenchRunOptions options;
  gboolean cancelled = TRUE;

  worker_options (&options);
  g_assert_cmpuint (count_worker_folders (), ==, 0);
  results = bench_runner_run (targets, &options, dir, TRUE, NULL, NULL, NULL, &cancelled, &error);
  g_assert_no_error (error);
  g_assert_false (cancelled);
  g_assert_cmpuint (results->len, ==, 7);

  g_assert_true (g_str_has_prefix (error_of (results, 0),
                                   "crashed: segmentation fault (SIGSEGV) while warming up"));
  g_assert_true (bench_result_is_success (g_ptr_array_index (results, 1)));
  g_assert_true (g_str_has_prefix (error_of (results, 2),
                                   "crashed: aborted (SIGABRT) while setting up; its last message: "
                                   "crash_abort: assertion failed: state != NULL"));
  g_assert_cmpstr (error_of (results, 3), ==,
                   "timed out after 3 s while warming up (the limit is --target-timeout)");
  g_assert_cmpstr (error_of (results, 4), ==, "ran out of memory (limit 256 MiB) while warming up");
  g_assert_true (g_str_has_prefix (error_of (results, 5),
                                   "crashed: file size limit exceeded (SIGXFSZ) while setting up"));
  g_assert_true (g_str_has_prefix (error_of (results, 6),
                                   "exited unexpectedly with status 7 while warming up"));

  /* Every target has its file, the failures with their reason. */
  files = test_list_dir (raw);
  g_assert_cmpstrv (files, ((const char * const[]) {
    "alloc_forever.json", "crash_abort.json", "crash_segv.json", "exits_early.json",
    "file_too_big.json", "hang.json", "steady.json", NULL }));
  summary = test_read_file (summary_path);
  g_assert_nonnull (strstr (summary, "| steady |"));
  g_assert_nonnull (strstr (summary, "- `hang`: timed out after 3 s while warming up"));
  g_assert_nonnull (strstr (summary, "- `crash_segv`: crashed: segmentation fault (SIGSEGV)"));

  /* The workers' TMPDIRs went with them, file_too_big's file too. */
  g_assert_cmpuint (count_worker_folders (), ==, 0);
  test_rm_rf (dir);
}

typedef struct {
  GCancellable *cancellable;
  gint64        cancelled_at;
  gint64        returned_at;
  GPtrArray    *results;
  gboolean      cancelled;
} CancelRun;

static gboolean
cancel_soon (gpointer data)
{
  CancelRun *run = data;

  run->cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (run->cancellable);
  return G_SOURCE_REMOVE;
}

static gpointer
cancel_thread (gpointer data)
{
  CancelRun *run = data;
  g_autoptr(GPtrArray) targets = select_targets ("steady,hang");
  BenchRunOptions options;

  worker_options (&options);
  options.target_timeout_us = 60 * G_USEC_PER_SEC;
  run->results = bench_runner_run (targets, &options, NULL, FALSE, NULL, NULL, run->cancellable,
                                   &run->cancelled, NULL);
  run->returned_at = g_get_monotonic_time ();
  return NULL;
}

/* Cancel while a worker loops: control is back at once, the worker is
 * gone, and the finished target is kept. */
static void
test_cancel_stops_worker (void)
{
  CancelRun run = { .cancellable = g_cancellable_new () };
  GThread *thread;
  gint64 latency_ms;

  thread = g_thread_new ("run", cancel_thread, &run);
  g_timeout_add (1500, cancel_soon, &run);
  while (run.cancelled_at == 0)
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);

  latency_ms = (run.returned_at - run.cancelled_at) / 1000;
  g_test_message ("cancel to return: %" G_GINT64_FORMAT " ms", latency_ms);
  g_assert_true (run.cancelled);
  g_assert_cmpuint (run.results->len, ==, 1);
  g_assert_true (bench_result_is_success (g_ptr_array_index (run.results, 0)));
  /* SIGTERM ends a worker at once; the grace before SIGKILL is 50 ms. */
  g_assert_cmpint (latency_ms, <, 200);
  g_assert_cmpuint (count_worker_folders (), ==, 0);
  g_ptr_array_unref (run.results);
  g_object_unref (run.cancellable);
}

/* Processes whose command line is the test worker running @target. */
static guint
count_workers (const char *target)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;
  guint n = 0;

  while (proc != NULL && (name = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc", name, "cmdline", NULL);
      g_autofree char *cmdline = NULL;
      gsize length;

      if (!g_ascii_isdigit (name[0]) || !g_file_get_contents (path, &cmdline, &length, NULL))
        continue;
      /* argv[0] NUL FD NUL TARGET NUL … */
      if (length > 0 && g_str_has_suffix (cmdline, "test-worker"))
        {
          const char *fd = cmdline + strlen (cmdline) + 1;
          const char *id = fd < cmdline + length ? fd + strlen (fd) + 1 : NULL;

          if (id != NULL && id < cmdline + length && g_strcmp0 (id, target) == 0)
            n++;
        }
    }
  return n;
}

/* No worker outlives its supervisor, even one killed with SIGKILL. */
static void
test_worker_dies_with_supervisor (void)
{
  pid_t pid;
  int status;

  g_assert_cmpuint (count_workers ("hang"), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(GPtrArray) targets = select_targets ("hang");
      g_autoptr(GPtrArray) results = NULL;
      BenchRunOptions options;

      worker_options (&options);
      options.target_timeout_us = 60 * G_USEC_PER_SEC;
      results = bench_runner_run (targets, &options, NULL, FALSE, NULL, NULL, NULL, NULL, NULL);
      _exit (0);
    }
  for (guint i = 0; i < 500 && count_workers ("hang") == 0; i++)
    g_usleep (10 * 1000);
  g_assert_cmpuint (count_workers ("hang"), ==, 1);
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  for (guint i = 0; i < 500 && count_workers ("hang") > 0; i++)
    g_usleep (10 * 1000);
  g_assert_cmpuint (count_workers ("hang"), ==, 0);

  /* Its TMPDIR is left to the next run, which removes it. */
  {
    g_autoptr(GPtrArray) targets = select_targets ("steady");
    g_autoptr(GPtrArray) results = NULL;
    BenchRunOptions options;

    worker_options (&options);
    results = bench_runner_run (targets, &options, NULL, FALSE, NULL, NULL, NULL, NULL, NULL);
    g_assert_true (bench_result_is_success (g_ptr_array_index (results, 0)));
    g_assert_cmpuint (count_worker_folders (), ==, 0);
  }
}

/* A worker program that is not there fails the target, saying where it looked. */
static void
test_missing_worker_is_failure (void)
{
  g_autoptr(GPtrArray) targets = select_targets ("steady");
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *saved = g_strdup (g_getenv ("COST_OPS_WORKER"));
  BenchRunOptions options;

  worker_options (&options);
  g_setenv ("COST_OPS_WORKER", "/nonexistent/cost-ops-worker", TRUE);
  results = bench_runner_run (targets, &options, NULL, FALSE, NULL, NULL, NULL, NULL, NULL);
  g_setenv ("COST_OPS_WORKER", saved, TRUE);
  g_assert_nonnull (strstr (error_of (results, 0), "COST_OPS_WORKER names “/nonexistent/cost-ops-worker”"));
}

static void
test_signal_words (void)
{
  g_autofree char *segv = bench_describe_signal (SIGSEGV);
  g_autofree char *xfsz = bench_describe_signal (SIGXFSZ);

  g_assert_cmpstr (segv, ==, "segmentation fault (SIGSEGV)");
  g_assert_cmpstr (xfsz, ==, "file size limit exceeded (SIGXFSZ)");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = NULL;

  /* A TMPDIR of this test's own, to count worker folders in; set before
   * GLib reads (and caches) TMPDIR. */
  tmp = g_build_filename (g_getenv ("TMPDIR") != NULL ? g_getenv ("TMPDIR") : "/tmp",
                          "test-isolation-XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp (tmp));
  g_setenv ("TMPDIR", tmp, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/isolation/every-failure-reported", test_every_failure_reported);
  g_test_add_func ("/isolation/cancel-stops-worker", test_cancel_stops_worker);
  g_test_add_func ("/isolation/worker-dies-with-supervisor", test_worker_dies_with_supervisor);
  g_test_add_func ("/isolation/missing-worker", test_missing_worker_is_failure);
  g_test_add_func ("/isolation/signal-words", test_signal_words);

  {
    int status = g_test_run ();

    test_rm_rf (tmp);
    return status;
  }
}
