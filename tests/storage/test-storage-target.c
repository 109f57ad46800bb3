/* test-storage-target.c: the storage benchmark target through the real
 * runner: it succeeds, its query reads exactly its own operation's rows, and
 * it leaves nothing behind in the temporary directory.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>

#include "bench-runner.h"
#include "bench-targets.h"

static char *private_tmp;

static guint
count_entries (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
test_target_runs_and_cleans_up (void)
{
  BenchRunOptions options;
  g_autoptr(BenchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *metrics;

  bench_run_options_init_quick (&options);
  result = bench_run_target (&bench_target_storage, &options, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  if (!bench_result_is_success (result))
    g_error ("storage target failed: %s", bench_result_get_error (result)->message);

  metrics = bench_result_get_metrics (result);
  {
    g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), metrics);
    g_autofree char *text = json_to_string (node, FALSE);

    g_test_message ("metrics: %s", text);
  }
  g_assert_cmpfloat (bench_result_get_ops_per_second (result), >, 0.0);
  g_assert_cmpint (json_object_get_int_member (metrics, "rows_per_operation"), ==, 1000);
  g_assert_cmpfloat (json_object_get_double_member (metrics, "rows_inserted_per_second"), >, 0.0);
  g_assert_cmpint (json_object_get_int_member (metrics, "query_latency_ns"), >, 0);
  /* One organization of ten over one operation's time range: its 100 rows,
   * none from earlier operations. */
  g_assert_cmpint (json_object_get_int_member (metrics, "query_rows_returned"), ==, 100);
  g_assert_cmpint (json_object_get_int_member (metrics, "rows_in_database"), >=, 2000);
  g_assert_cmpstr (json_object_get_string_member (metrics, "sqlite_journal_mode"), ==, "wal");
  g_assert_cmpstr (json_object_get_string_member (metrics, "sqlite_synchronous"), ==, "normal");

  /* The database and its directory are gone. */
  g_assert_cmpuint (count_entries (private_tmp), ==, 0);
}

int
main (int argc, char *argv[])
{
  const char *base = g_getenv ("TMPDIR");
  int status;

  /* A temporary directory of our own, so that leftovers are ours to see.
   * Set before anything calls g_get_tmp_dir(), which caches it. */
  private_tmp = g_build_filename (base != NULL && *base != '\0' ? base : "/tmp",
                                  "costops-storage-target-XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp (private_tmp));
  g_setenv ("TMPDIR", private_tmp, TRUE);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/storage/target/runs-and-cleans-up", test_target_runs_and_cleans_up);
  status = g_test_run ();

  g_rmdir (private_tmp);
  g_free (private_tmp);
  return status;
}
