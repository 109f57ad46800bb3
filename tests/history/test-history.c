/* History: round trip, listing order, baseline lookup, pruning, and corrupt
 * files reported by name and skipped.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench-error.h"
#include "bench-history.h"
#include "bench-history-export.h"
#include "costops-compress.h"

typedef struct {
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("cost-ops-history-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);
        remove_tree (child);
      }
  g_remove (path);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  remove_tree (f->dir);
  g_free (f->dir);
}

static BenchResult *
make_result (const char *id, double base_ns, guint n)
{
  g_autoptr(JsonObject) metrics = json_object_new ();
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 29, 10, 0, 0.25);
  g_autofree double *samples = g_new (double, n);

  for (guint i = 0; i < n; i++)
    samples[i] = base_ns + i * 0.125;
  json_object_set_double_member (metrics, "operations_per_second", 1e9 / base_ns);
  json_object_set_int_member (metrics, "avg_duration_ns", (gint64) base_ns);
  json_object_set_int_member (metrics, "total_iterations", 1000 * n);
  return bench_result_new_success (id, metrics, now, samples, n);
}

static BenchRunRecord *
make_run (const char *run_id, int minute, double base_ns)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) bench_result_unref);
  g_autoptr(GDateTime) started = g_date_time_new_utc (2026, 11, 29, 10, minute, 1.5);
  g_autoptr(JsonObject) env = json_object_new ();
  g_autoptr(GError) failure = g_error_new_literal (BENCH_ERROR, BENCH_ERROR_TARGET_FAILED, "disk full");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  json_object_set_string_member (env, "hostname", "testhost");
  json_object_set_int_member (env, "logical_cores", 2);
  g_ptr_array_add (results, make_result ("alpha", base_ns, 12));
  g_ptr_array_add (results, make_result ("beta", base_ns * 10, 5));
  g_ptr_array_add (results, bench_result_new_failure ("gamma", failure, now));
  return bench_run_record_new (run_id, started, env, results);
}

static void
test_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr(BenchRunRecord) run = make_run ("0badcafe", 5, 100.0);
  g_autoptr(BenchRunRecord) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  const double *samples;
  guint n = 0;
  BenchResult *alpha, *gamma;

  g_assert_true (bench_history_append (f->dir, run, &path, &error));
  g_assert_no_error (error);
  name = g_path_get_basename (path);
  g_assert_cmpstr (name, ==, "20261129T100501Z-0badcafe.json.zst");

  loaded = bench_history_load_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bench_run_record_get_id (loaded), ==, "0badcafe");
  g_assert_cmpint (g_date_time_to_unix (bench_run_record_get_started (loaded)), ==,
                   g_date_time_to_unix (bench_run_record_get_started (run)));
  g_assert_cmpstr (json_object_get_string_member (bench_run_record_get_environment (loaded), "hostname"), ==, "testhost");
  g_assert_cmpuint (bench_run_record_get_results (loaded)->len, ==, 3);

  alpha = bench_run_record_lookup (loaded, "alpha");
  g_assert_nonnull (alpha);
  samples = bench_result_get_samples (alpha, &n);
  g_assert_cmpuint (n, ==, 12);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat (samples[i], ==, 100.0 + i * 0.125);  /* exact: no precision lost */
  g_assert_cmpint (json_object_get_int_member (bench_result_get_metrics (alpha), "total_iterations"), ==, 12000);

  gamma = bench_run_record_lookup (loaded, "gamma");
  g_assert_nonnull (gamma);
  g_assert_false (bench_result_is_success (gamma));
  g_assert_nonnull (strstr (bench_result_get_error (gamma)->message, "disk full"));
  g_assert_null (bench_run_record_lookup (loaded, "delta"));
}

static void
append_runs (Fixture *f, guint count)
{
  for (guint i = 0; i < count; i++)
    {
      g_autofree char *id = g_strdup_printf ("run%05u", i);
      g_autoptr(BenchRunRecord) run = make_run (id, (int) i, 100.0 + i);
      g_autoptr(GError) error = NULL;

      g_assert_true (bench_history_append (f->dir, run, NULL, &error));
      g_assert_no_error (error);
    }
}

static void
test_list_and_find (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(BenchRunRecord) latest = NULL;
  g_autoptr(BenchRunRecord) by_id = NULL;
  g_autoptr(BenchRunRecord) by_path = NULL;
  g_autoptr(BenchRunRecord) none = NULL;
  g_autoptr(GError) error = NULL;

  /* No history folder yet: an empty history. */
  runs = bench_history_list (f->dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 0);
  none = bench_history_find (runs, "latest", &error);
  g_assert_null (none);
  g_assert_error (error, BENCH_ERROR, BENCH_ERROR_FAILED);
  g_clear_error (&error);
  g_clear_pointer (&runs, g_ptr_array_unref);

  append_runs (f, 4);
  runs = bench_history_list (f->dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *id = g_strdup_printf ("run%05u", i);
      g_assert_cmpstr (bench_run_record_get_id (g_ptr_array_index (runs, i)), ==, id);
    }

  latest = bench_history_find (runs, "latest", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bench_run_record_get_id (latest), ==, "run00003");
  by_id = bench_history_find (runs, "run00001", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bench_run_record_get_id (by_id), ==, "run00001");
  by_path = bench_history_find (runs, bench_run_record_get_path (by_id), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bench_run_record_get_id (by_path), ==, "run00001");

  g_assert_null (bench_history_find (runs, "run", &error));   /* ambiguous prefix */
  g_assert_nonnull (strstr (error->message, "ambiguous"));
  g_clear_error (&error);
  g_assert_null (bench_history_find (runs, "nosuchrun", &error));
  g_assert_nonnull (strstr (error->message, "nosuchrun"));
}

static BenchRunRecord *
make_run_at (const char *run_id, double seconds)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) bench_result_unref);
  g_autoptr(GDateTime) started = g_date_time_new_utc (2026, 11, 29, 10, 0, seconds);

  g_ptr_array_add (results, make_result ("alpha", 100.0, 4));
  return bench_run_record_new (run_id, started, NULL, results);
}

/* Two runs in one second: their file names sort by run id, the history by
 * start time, and "the run before" follows the start time. */
static void
test_order_and_previous (Fixture *f, gconstpointer data)
{
  g_autoptr(BenchRunRecord) early = make_run_at ("ffff0000", 0.125);
  g_autoptr(BenchRunRecord) late = make_run_at ("aaaa0000", 0.875);
  g_autoptr(BenchRunRecord) latest = NULL;
  g_autoptr(BenchRunRecord) previous = NULL;
  g_autoptr(BenchRunRecord) none = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (bench_history_append (f->dir, late, NULL, &error));
  g_assert_true (bench_history_append (f->dir, early, NULL, &error));
  g_assert_no_error (error);
  runs = bench_history_list (f->dir, NULL, &error);
  g_assert_cmpuint (runs->len, ==, 2);
  g_assert_cmpstr (bench_run_record_get_id (g_ptr_array_index (runs, 0)), ==, "ffff0000");
  g_assert_cmpstr (bench_run_record_get_id (g_ptr_array_index (runs, 1)), ==, "aaaa0000");

  latest = bench_history_find (runs, "latest", &error);
  g_assert_cmpstr (bench_run_record_get_id (latest), ==, "aaaa0000");
  previous = bench_history_find_previous (runs, latest, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bench_run_record_get_id (previous), ==, "ffff0000");
  none = bench_history_find_previous (runs, previous, &error);
  g_assert_null (none);
  g_assert_error (error, BENCH_ERROR, BENCH_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "ffff0000"));
}

static void
test_prepare (Fixture *f, gconstpointer data)
{
  g_autofree char *history = g_build_filename (f->dir, "history", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;

  /* Nothing there yet: fine, and nothing created. */
  g_assert_true (bench_history_prepare (f->dir, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (history, G_FILE_TEST_EXISTS));

  /* An existing folder: fine, and no probe left behind. */
  g_assert_cmpint (g_mkdir (history, 0755), ==, 0);
  g_assert_true (bench_history_prepare (f->dir, &error));
  dir = g_dir_open (history, 0, &error);
  g_assert_null (g_dir_read_name (dir));

  /* A file in its place: refused, by name. */
  g_assert_cmpint (g_rmdir (history), ==, 0);
  g_assert_true (g_file_set_contents (history, "x", 1, NULL));
  g_assert_false (bench_history_prepare (f->dir, &error));
  g_assert_error (error, BENCH_ERROR, BENCH_ERROR_OUTPUT_NOT_WRITABLE);
  g_assert_nonnull (strstr (error->message, history));
}

static void
test_prune (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;
  guint removed = 99;

  append_runs (f, 5);
  g_assert_true (bench_history_prune (f->dir, 2, &removed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (removed, ==, 3);
  runs = bench_history_list (f->dir, NULL, &error);
  g_assert_cmpuint (runs->len, ==, 2);
  g_assert_cmpstr (bench_run_record_get_id (g_ptr_array_index (runs, 0)), ==, "run00003");
  g_assert_cmpstr (bench_run_record_get_id (g_ptr_array_index (runs, 1)), ==, "run00004");

  /* Keeping more than exist removes nothing. */
  g_assert_true (bench_history_prune (f->dir, 10, &removed, &error));
  g_assert_cmpuint (removed, ==, 0);
}

static void
write_file (Fixture *f, const char *name, const void *data, gsize size)
{
  g_autofree char *path = g_build_filename (f->dir, "history", name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, size, &error);
  g_assert_no_error (error);
}

static void
test_corrupt_files_skipped (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GPtrArray) skipped = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *good = NULL;
  g_autofree char *packed = NULL;
  g_autoptr(BenchRunRecord) run = make_run ("feedface", 30, 50.0);
  gsize size;
  guint removed;

  append_runs (f, 1);
  g_assert_true (bench_history_append (f->dir, run, &good, &error));
  g_assert_true (g_file_get_contents (good, &packed, &size, &error));

  write_file (f, "20261129T110000Z-truncated.json.zst", packed, size / 2);
  write_file (f, "20261129T110001Z-garbage.json.zst", "not zstd at all", 15);
  write_file (f, "20261129T110002Z-empty.json.zst", "", 0);
  write_file (f, "notes.txt", "ignored: not a history file", 27);

  runs = bench_history_list (f->dir, skipped, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 2);
  g_assert_cmpuint (skipped->len, ==, 3);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (skipped, 0), "20261129T110000Z-truncated.json.zst: "));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (skipped, 1), "20261129T110001Z-garbage.json.zst: "));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (skipped, 2), "20261129T110002Z-empty.json.zst: "));

  /* Pruning never deletes the damaged files: a person should see them. */
  g_assert_true (bench_history_prune (f->dir, 0, &removed, &error));
  g_assert_cmpuint (removed, ==, 2);
  g_clear_pointer (&skipped, g_ptr_array_unref);
  skipped = g_ptr_array_new_with_free_func (g_free);
  g_clear_pointer (&runs, g_ptr_array_unref);
  runs = bench_history_list (f->dir, skipped, &error);
  g_assert_cmpuint (runs->len, ==, 0);
  g_assert_cmpuint (skipped->len, ==, 3);
}

static void
write_packed (Fixture *f, const char *name, const char *text)
{
  g_autoptr(CostopsCompressor) compressor = costops_compressor_new (3, NULL);
  g_autoptr(GBytes) plain = g_bytes_new (text, strlen (text));
  g_autoptr(GBytes) packed = costops_compressor_compress (compressor, plain, NULL);

  g_assert_nonnull (packed);
  write_file (f, name, g_bytes_get_data (packed, NULL), g_bytes_get_size (packed));
}

/* A zstd frame whose header declares @declared bytes but holds one. */
static void
write_lying_frame (Fixture *f, const char *name, guint64 declared)
{
  guint8 frame[4 + 1 + 8 + 3 + 1] = { 0x28, 0xb5, 0x2f, 0xfd, 0xe0 };

  for (guint i = 0; i < 8; i++)
    frame[5 + i] = (guint8) (declared >> (8 * i));
  frame[13] = 0x09;   /* the last block, raw, one byte */
  frame[16] = '{';
  write_file (f, name, frame, sizeof frame);
}

#define RECORD_HEAD "{\"format\":1,\"run_id\":\"0badf00d\",\"started\":\"2026-11-29T10:00:00.000Z\","
#define RESULT_HEAD "{\"target_id\":\"alpha\",\"timestamp\":\"2026-11-29T10:00:00.250Z\"," \
                    "\"metrics\":{\"operations_per_second\":1,\"avg_duration_ns\":1,\"total_iterations\":"

/* Every way a history file was seen to crash, hang or exhaust a loader:
 * each is skipped with its name and the reason, and the good run loads. A
 * critical (json-glib's typed getters on a wrong type) would abort here. */
static void
test_damaged_files (Fixture *f, gconstpointer data)
{
  g_autoptr(BenchRunRecord) run = make_run ("feedface", 30, 50.0);
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GPtrArray) skipped = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *deep = g_strnfill (100000, '[');
  g_autoptr(GString) many = g_string_new (RECORD_HEAD "\"results\":[" RESULT_HEAD "1},\"samples_ns_per_op\":[");
  g_autofree char *history = g_build_filename (f->dir, "history", NULL);
  g_autofree char *path = NULL;
  struct { const char *name; const char *text; const char *reason; } packed[] = {
    /* printf '\n' | zstd -c: a NULL error was dereferenced */
    { "a-newline.json.zst", "\n", "only whitespace" },
    { "a-blank.json.zst", " \t \r\n ", "only whitespace" },
    { "a-nothing.json.zst", "", "empty" },
    { "a-deep.json.zst", deep, "nested deeper than 64 levels" },
    { "a-text.json.zst", "hello", "not valid JSON" },
    { "a-cut.json.zst", RECORD_HEAD "\"results\":[", "not valid JSON" },
    { "a-array.json.zst", "[1]", "the top level is not an object" },
    { "a-format.json.zst", "{\"format\":\"1\"}", "unknown format version" },
    { "a-env.json.zst", RECORD_HEAD "\"environment\":\"x\",\"results\":[]}", "environment is not an object" },
    { "a-results.json.zst", RECORD_HEAD "\"results\":{}}", "no results" },
    { "a-no-samples.json.zst", RECORD_HEAD "\"results\":[" RESULT_HEAD "1}}]}", "no samples_ns_per_op" },
    { "a-samples-text.json.zst", RECORD_HEAD "\"results\":[" RESULT_HEAD "1},\"samples_ns_per_op\":\"x\"}]}",
      "no samples_ns_per_op" },
    { "a-sample-text.json.zst", RECORD_HEAD "\"results\":[" RESULT_HEAD "1},\"samples_ns_per_op\":[\"x\"]}]}",
      "a sample is not a number" },
    { "a-metrics.json.zst", RECORD_HEAD "\"results\":[{\"target_id\":\"alpha\",\"timestamp\":"
      "\"2026-11-29T10:00:00Z\",\"metrics\":[]}]}", "“metrics” is missing or not an object" },
    { "a-inf.json.zst", RECORD_HEAD "\"results\":[" RESULT_HEAD "1},\"samples_ns_per_op\":[1e999]}]}",
      "1e999 is out of range" },
    { "a-huge.json.zst", RECORD_HEAD "\"results\":[" RESULT_HEAD "9223372036854775808}}]}",
      "“total_iterations”: 9223372036854775808 is too large" },
    { "a-started-range.json.zst", "{\"format\":1,\"run_id\":\"a\",\"started\":\"9999-12-31T23:59:59-12:00\",\"results\":[]}",
      "the start time is out of range in UTC" },
    { "a-timestamp-range.json.zst", RECORD_HEAD "\"results\":[{\"target_id\":\"alpha\",\"timestamp\":"
      "\"0001-01-01T00:00:00+12:00\",\"metrics\":{}}]}", "“timestamp” is out of range in UTC" },
    { "a-many.json.zst", NULL, "100001 samples, more than the limit of 100000" },
  };
  struct { const char *name; const char *reason; } other[] = {
    { "b-lying-large.json.zst", "declares 1073741824 bytes, more than the limit" },
    { "b-lying-small.json.zst", "Error decompressing" },
    { "b-fifo.json.zst", "FIFO" },
    { "b-random.json.zst", "character device" },
    { "b-folder.json.zst", "folder" },
    { "b-big.json.zst", "larger than the limit of 16777216 bytes" },
  };

  for (guint i = 0; i <= BENCH_HISTORY_MAX_SAMPLES; i++)
    g_string_append (many, i > 0 ? ",1" : "1");
  g_string_append (many, "]}]}");
  packed[G_N_ELEMENTS (packed) - 1].text = many->str;

  g_assert_true (bench_history_append (f->dir, run, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (packed); i++)
    write_packed (f, packed[i].name, packed[i].text);
  write_lying_frame (f, other[0].name, G_GUINT64_CONSTANT (1) << 30);
  write_lying_frame (f, other[1].name, G_GUINT64_CONSTANT (1) << 20);
  path = g_build_filename (history, other[2].name, NULL);
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  g_free (path);
  path = g_build_filename (history, other[3].name, NULL);
  g_assert_cmpint (symlink ("/dev/urandom", path), ==, 0);
  g_free (path);
  path = g_build_filename (history, other[4].name, NULL);
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  g_free (path);
  path = g_build_filename (history, other[5].name, NULL);
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  g_assert_cmpint (truncate (path, 16 * 1024 * 1024 + 1), ==, 0);   /* sparse */

  runs = bench_history_list (f->dir, skipped, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 1);
  g_assert_cmpstr (bench_run_record_get_id (g_ptr_array_index (runs, 0)), ==, "feedface");
  g_assert_cmpuint (skipped->len, ==, G_N_ELEMENTS (packed) + G_N_ELEMENTS (other));
  for (guint i = 0; i < skipped->len; i++)
    g_test_message ("skipped %s", (const char *) g_ptr_array_index (skipped, i));
  for (guint i = 0; i < G_N_ELEMENTS (packed) + G_N_ELEMENTS (other); i++)
    {
      gboolean is_packed = i < G_N_ELEMENTS (packed);
      const char *name = is_packed ? packed[i].name : other[i - G_N_ELEMENTS (packed)].name;
      const char *reason = is_packed ? packed[i].reason : other[i - G_N_ELEMENTS (packed)].reason;
      g_autofree char *prefix = g_strconcat (name, ": ", NULL);
      const char *line = NULL;

      for (guint j = 0; j < skipped->len && line == NULL; j++)
        if (g_str_has_prefix (g_ptr_array_index (skipped, j), prefix))
          line = g_ptr_array_index (skipped, j);
      if (line == NULL)
        g_error ("%s was not skipped", name);
      if (strstr (line, reason) == NULL)
        g_error ("“%s” lacks “%s”", line, reason);
    }
}

static void
test_gbench_and_csv (Fixture *f, gconstpointer data)
{
  g_autoptr(BenchRunRecord) run = make_run ("abcdef01", 1, 200.0);
  g_autoptr(JsonNode) root = bench_run_record_to_gbench (run);
  g_autofree char *csv = bench_run_record_to_samples_csv (run);
  g_auto(GStrv) lines = NULL;
  JsonArray *benchmarks;
  JsonObject *first, *failed;
  guint n_alpha = 0;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (root), "context"), "host_name"), ==, "testhost");
  benchmarks = json_object_get_array_member (json_node_get_object (root), "benchmarks");
  /* One row per target (each ran once), whatever its number of samples;
   * tests/history/test-gbench-export.c checks the rows in detail. */
  g_assert_cmpuint (json_array_get_length (benchmarks), ==, 3);
  first = json_array_get_object_element (benchmarks, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "name"), ==, "alpha");
  g_assert_cmpstr (json_object_get_string_member (first, "run_type"), ==, "iteration");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (first, "real_time"), 200.0, 1e-9);
  g_assert_cmpint (json_object_get_int_member (first, "iterations"), ==, 12000);
  g_assert_cmpint (json_object_get_int_member (first, "repetitions"), ==, 1);
  failed = json_array_get_object_element (benchmarks, 2);
  g_assert_cmpstr (json_object_get_string_member (failed, "name"), ==, "gamma");
  g_assert_true (json_object_get_boolean_member (failed, "error_occurred"));
  g_assert_cmpstr (json_object_get_string_member (failed, "error_message"), ==, "disk full");

  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "run_id,target_id,sample,ns_per_op");
  g_assert_cmpstr (lines[1], ==, "abcdef01,alpha,1,200");
  for (guint i = 1; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "abcdef01,alpha,"))
      n_alpha++;
  g_assert_cmpuint (n_alpha, ==, 12);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 12 + 5 + 1);  /* header, rows, trailing "" */
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/history/round-trip", Fixture, NULL, fixture_set_up, test_round_trip, fixture_tear_down);
  g_test_add ("/history/list-and-find", Fixture, NULL, fixture_set_up, test_list_and_find, fixture_tear_down);
  g_test_add ("/history/order-and-previous", Fixture, NULL, fixture_set_up, test_order_and_previous, fixture_tear_down);
  g_test_add ("/history/prepare", Fixture, NULL, fixture_set_up, test_prepare, fixture_tear_down);
  g_test_add ("/history/prune", Fixture, NULL, fixture_set_up, test_prune, fixture_tear_down);
  g_test_add ("/history/corrupt-files-skipped", Fixture, NULL, fixture_set_up, test_corrupt_files_skipped, fixture_tear_down);
  g_test_add ("/history/damaged-files", Fixture, NULL, fixture_set_up, test_damaged_files, fixture_tear_down);
  g_test_add ("/history/gbench-and-csv", Fixture, NULL, fixture_set_up, test_gbench_and_csv, fixture_tear_down);
  return g_test_run ();
}
