/* test-storage-records.c: usage and cost records in a real database file.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "storage-test-util.h"

#define T0 G_GINT64_CONSTANT (1714521600000000) /* 2024-05-01T00:00:00Z */

static CostopsStorage *
open_storage (const char *path)
{
  g_autoptr(GError) error = NULL;
  CostopsStorage *storage = costops_storage_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (storage);
  return storage;
}

static gint64
count_rows (const char *path,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  return raw_query_int (path, sql);
}

static void
test_usage_roundtrip (TmpDb *fx, gconstpointer data)
{
  g_autoptr(CostopsStorage) storage = open_storage (fx->path);
  g_autoptr(CostopsUsageRecord) full = make_usage ("u-full", "org-a", T0);
  g_autoptr(CostopsUsageRecord) bare = make_usage ("u-bare", "org-a", T0 + 1);
  g_autoptr(CostopsUsageRecord) custom = make_usage ("u-custom", "org-a", -5);
  g_autoptr(CostopsUsageRecord) got = NULL;
  g_autoptr(GError) error = NULL;

  /* Every optional field absent. */
  bare->model_version = NULL;
  bare->project_id = NULL;
  g_clear_pointer (&bare->user_id, g_free);
  g_clear_pointer (&bare->tags, g_strfreev);
  bare->context_window = 0;
  bare->has_cached_tokens = bare->has_reasoning_tokens = bare->has_latency = FALSE;
  bare->cached_tokens = bare->reasoning_tokens = 0;
  bare->latency_ms = 0;

  /* A provider this code does not know, and the largest storable count. */
  custom->provider = COSTOPS_PROVIDER_CUSTOM;
  custom->provider_name = costops_dimension_intern ("in-house-llm");
  custom->prompt_tokens = G_MAXINT64 - 1;
  custom->completion_tokens = 1;
  custom->total_tokens = G_MAXINT64;

  g_assert_true (costops_storage_insert_usage (storage, full, &error));
  g_assert_no_error (error);
  g_assert_true (costops_storage_insert_usage (storage, bare, &error));
  g_assert_no_error (error);
  g_assert_true (costops_storage_insert_usage (storage, custom, &error));
  g_assert_no_error (error);

  got = costops_storage_get_usage (storage, "u-full", &error);
  g_assert_no_error (error);
  assert_usage_equal (got, full);
  /* Read back with interned dimensions (costops-records.h). */
  g_assert_true (got->model_name == costops_dimension_intern ("claude-3-5-sonnet"));
  g_assert_true (got->model_version == costops_dimension_intern ("20241022"));
  g_assert_true (got->organization_id == costops_dimension_intern ("org-a"));
  g_assert_true (got->project_id == costops_dimension_intern ("project-7"));
  g_clear_pointer (&got, costops_usage_record_free);

  got = costops_storage_get_usage (storage, "u-bare", &error);
  g_assert_no_error (error);
  assert_usage_equal (got, bare);
  g_assert_null (got->tags);
  g_clear_pointer (&got, costops_usage_record_free);

  got = costops_storage_get_usage (storage, "u-custom", &error);
  g_assert_no_error (error);
  assert_usage_equal (got, custom);
}

static void
test_usage_tags_written_elsewhere (TmpDb *fx, gconstpointer data)
{
  static const char * const bad[] = {
    "[\"a\",]", "{\"a\": 1}", "[\"a\" \"b\"]", "[1]", "[\"a\"] x", "[\"\\ud800\"]",
    "[\"\\u0000\"]", "[\"unterminated]", "",
  };
  g_autoptr(CostopsStorage) storage = open_storage (fx->path);
  g_autoptr(CostopsUsageRecord) r = make_usage ("u1", "org-a", T0);
  g_autoptr(CostopsUsageRecord) got = NULL;
  g_autoptr(GError) error = NULL;
  const char *expected[] = { "caf\xc3\xa9", "\xf0\x9f\x98\x80", "x/y", "tab\there", NULL };

  g_assert_true (costops_storage_insert_usage (storage, r, &error));
  g_assert_no_error (error);

  /* Valid JSON as another program may write it: spaces and \u escapes. */
  raw_exec (fx->path, "UPDATE usage_records SET tags = "
                      "' [ \"caf\\u00e9\" , \"\\ud83d\\ude00\",\"x\\/y\", \"tab\\there\" ] '");
  got = costops_storage_get_usage (storage, "u1", &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (got->tags, expected);
  g_clear_pointer (&got, costops_usage_record_free);

  raw_exec (fx->path, "UPDATE usage_records SET tags = '[]'");
  got = costops_storage_get_usage (storage, "u1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (got->tags);
  g_assert_null (got->tags[0]);
  g_clear_pointer (&got, costops_usage_record_free);

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *sql = g_strdup_printf ("UPDATE usage_records SET tags = '%s'", bad[i]);

      raw_exec (fx->path, sql);
      got = costops_storage_get_usage (storage, "u1", &error);
      g_assert_null (got);
      g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_CORRUPT_DATABASE);
      g_assert_nonnull (strstr (error->message, "tags"));
      g_clear_error (&error);
    }
}

static void
test_usage_provider_canonical (TmpDb *fx, gconstpointer data)
{
  g_autoptr(CostopsStorage) storage = open_storage (fx->path);
  g_autoptr(CostopsUsageRecord) r = make_usage ("u1", "org-a", T0);
  g_autoptr(CostopsUsageRecord) got = NULL;
  g_autoptr(GError) error = NULL;

  /* A known provider is stored under its canonical name, whatever the
   * spelling in provider_name, so lookups by provider find it. */
  r->provider = COSTOPS_PROVIDER_OPENAI;
  r->provider_name = costops_dimension_intern ("OpenAI");
  g_assert_true (costops_storage_insert_usage (storage, r, &error));
  g_assert_no_error (error);

  got = costops_storage_get_usage (storage, "u1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (got->provider, ==, COSTOPS_PROVIDER_OPENAI);
  g_assert_cmpstr (got->provider_name, ==, "openai");
}

static void
test_usage_invalid (TmpDb *fx, gconstpointer data)
{
  g_autoptr(CostopsStorage) storage = open_storage (fx->path);
  g_autoptr(CostopsUsageRecord) r = make_usage ("u1", "", T0);
  g_autoptr(GError) error = NULL;

  g_assert_false (costops_storage_insert_usage (storage, r, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD);
  g_assert_nonnull (strstr (error->message, "organization_id"));
  g_assert_nonnull (strstr (error->message, "u1"));
  g_clear_error (&error);

  r->organization_id = costops_dimension_intern ("org-a");
  r->model_name = NULL;
  g_assert_false (costops_storage_insert_usage (storage, r, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD);
  g_assert_nonnull (strstr (error->message, "model_name"));
  g_clear_error (&error);

  r->model_name = costops_dimension_intern ("bad \xff utf-8");
  g_assert_false (costops_storage_insert_usage (storage, r, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD);
  g_assert_nonnull (strstr (error->message, "UTF-8"));
  g_clear_error (&error);

  r->model_name = costops_dimension_intern ("m");
  r->total_tokens = (guint64) G_MAXINT64 + 1;
  g_assert_false (costops_storage_insert_usage (storage, r, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD);
  g_assert_nonnull (strstr (error->message, "total_tokens"));
  g_clear_error (&error);

  g_assert_cmpint (count_rows (fx->path, "usage_records"), ==, 0);
}

static void
test_usage_not_found (TmpDb *fx, gconstpointer data)
{
  g_autoptr(CostopsStorage) storage = open_storage (fx->path);
  g_autoptr(CostopsUsageRecord) got = NULL;
  g_autoptr(GError) error = NULL;

  got = costops_storage_get_usage (storage, "missing-id", &error);
  g_assert_null (got);
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "missing-id"));
}

static void
test_usage_duplicate (TmpDb *fx, gconstpointer data)
{
  g_autoptr(CostopsStorage) storage = open_storage (fx->path);
  g_autoptr(CostopsUsageRecord) first = make_usage ("dup", "org-a", T0);
  g_autoptr(CostopsUsageRecord) second = make_usage ("dup", "org-b", T0 + 7);
  g_autoptr(CostopsUsageRecord) got = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (costops_storage_insert_usage (storage, first, &error));
  g_assert_no_error (error);
  g_assert_false (costops_storage_insert_usage (storage, second, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "“dup”"));
  g_assert_nonnull (strstr (error->message, fx->path));
  g_clear_error (&error);

  /* The stored record is the first one, untouched. */
  got = costops_storage_get_usage (storage, "dup", &error);
  g_assert_no_error (error);
  assert_usage_equal (got, first);
}

static CostopsUsageRecord *
make_batch (const char *prefix,
            gsize       n,
            gint64      start_us)
{
  CostopsUsageRecord *records = g_new0 (CostopsUsageRecord, n);

  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("%s-%04" G_GSIZE_FORMAT, prefix, i);
      g_autoptr(CostopsUsageRecord) r = make_usage (id, i % 2 ? "org-odd" : "org-even",
                                                    start_us + (gint64) i);
      r->prompt_tokens = i;
      records[i] = *r;
      g_free (g_steal_pointer (&r));
    }
  return records;
}

static void
free_batch (CostopsUsageRecord *records,
            gsize               n)
{
  for (gsize i = 0; i < n; i++)
    costops_usage_record_clear (&records[i]);
  g_free (records);
}

static void
test_usage_batch (TmpDb *fx, gconstpointer data)
{
  g_autoptr(CostopsStorage) storage = open_storage (fx->path);
  CostopsUsageRecord *records = make_batch ("b", 500, T0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) odd = NULL;

  g_assert_true (costops_storage_insert_usage_batch (storage, records, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fx->path, "usage_records"), ==, 0);

  g_assert_true (costops_storage_insert_usage_batch (storage, records, 500, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fx->path, "usage_records"), ==, 500);

  odd = costops_storage_list_usage (storage, "org-odd", T0, T0 + 500, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (odd->len, ==, 250);
  for (guint i = 0; i < odd->len; i++)
    assert_usage_equal (g_ptr_array_index (odd, i), &records[2 * i + 1]);

  free_batch (records, 500);
}

/* A batch that fails at record @bad_index leaves the file as it was and the
 * handle usable. */
static void
check_batch_rolled_back (TmpDb              *fx,
                         CostopsStorage     *storage,
                         CostopsUsageRecord *records,
                         gsize               n,
                         gsize               bad_index,
                         gint64              rows_before,
                         CostopsError        expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *at = g_strdup_printf ("at record %" G_GSIZE_FORMAT ":", bad_index + 1);
  CostopsUsageRecord *after = make_batch ("after", 3, T0);

  g_assert_false (costops_storage_insert_usage_batch (storage, records, n, &error));
  g_assert_error (error, COSTOPS_ERROR, (gint) expected);
  g_assert_nonnull (strstr (error->message, "rolled back"));
  g_assert_nonnull (strstr (error->message, at));
  g_assert_nonnull (strstr (error->message, records[bad_index].id));
  g_clear_error (&error);

  g_assert_cmpint (count_rows (fx->path, "usage_records"), ==, rows_before);

  g_assert_true (costops_storage_insert_usage_batch (storage, after, 3, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fx->path, "usage_records"), ==, rows_before + 3);
  free_batch (after, 3);
}

static void
test_usage_batch_rollback (TmpDb *fx, gconstpointer data)
{
  g_autoptr(CostopsStorage) storage = open_storage (fx->path);
  CostopsUsageRecord *records = make_batch ("r", 400, T0);
  g_autoptr(CostopsUsageRecord) existing = make_usage ("r-0250", "org-x", T0);
  g_autoptr(GError) error = NULL;

  /* Duplicate of a record already in the file. */
  g_assert_true (costops_storage_insert_usage (storage, existing, &error));
  g_assert_no_error (error);
  check_batch_rolled_back (fx, storage, records, 400, 250, 1, COSTOPS_ERROR_DUPLICATE);

  /* Duplicate inside the batch itself. */
  raw_exec (fx->path, "DELETE FROM usage_records");
  g_free (records[300].id);
  records[300].id = g_strdup ("r-0010");
  check_batch_rolled_back (fx, storage, records, 400, 300, 0, COSTOPS_ERROR_DUPLICATE);

  /* An invalid field in the last record. */
  raw_exec (fx->path, "DELETE FROM usage_records");
  g_free (records[300].id);
  records[300].id = g_strdup ("r-0300");
  records[399].organization_id = costops_dimension_intern ("");
  check_batch_rolled_back (fx, storage, records, 400, 399, 0, COSTOPS_ERROR_INVALID_FIELD);

  free_batch (records, 400);
}

static void
test_usage_range (TmpDb *fx, gconstpointer data)
{
  static const struct {
    const char *id;
    const char *org;
    gint64      offset;
  } rows[] = {
    { "late",        "org-a", 1000 },  /* first in the file, last in time */
    { "start",       "org-a", 0 },
    { "just-after",  "org-a", 1 },
    { "tie-1",       "org-a", 500 },
    { "tie-2",       "org-a", 500 },
    { "other-org",   "org-b", 500 },
    { "just-before", "org-a", 999 },
    { "too-early",   "org-a", -1 },
  };
  g_autoptr(CostopsStorage) storage = open_storage (fx->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  const char *expected[] = { "start", "just-after", "tie-1", "tie-2", "just-before" };

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(CostopsUsageRecord) r = make_usage (rows[i].id, rows[i].org, T0 + rows[i].offset);

      g_assert_true (costops_storage_insert_usage (storage, r, &error));
      g_assert_no_error (error);
    }

  /* [T0, T0 + 1000): the start is in, the end is out, by time then in
   * insertion order, other organizations excluded. */
  list = costops_storage_list_usage (storage, "org-a", T0, T0 + 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < list->len; i++)
    g_assert_cmpstr (((CostopsUsageRecord *) g_ptr_array_index (list, i))->id, ==, expected[i]);
  g_clear_pointer (&list, g_ptr_array_unref);

  list = costops_storage_list_usage (storage, "org-a", T0 + 1, T0 + 1001, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 5);
  g_assert_cmpstr (((CostopsUsageRecord *) g_ptr_array_index (list, 0))->id, ==, "just-after");
  g_assert_cmpstr (((CostopsUsageRecord *) g_ptr_array_index (list, 4))->id, ==, "late");
  g_clear_pointer (&list, g_ptr_array_unref);

  /* An empty range and an unknown organization give no records. */
  list = costops_storage_list_usage (storage, "org-a", T0, T0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = costops_storage_list_usage (storage, "org-zzz", G_MININT64, G_MAXINT64, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  list = costops_storage_list_usage (storage, "org-b", G_MININT64, G_MAXINT64, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);

  list = costops_storage_list_usage (storage, "org-a", T0 + 5, T0, &error);
  g_assert_null (list);
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD);
  g_assert_nonnull (strstr (error->message, "org-a"));
}

static CostopsCostRecord *
make_cost (const char *usage_id,
           const char *input,
           const char *output,
           const char *total)
{
  CostopsCostRecord *c = g_new0 (CostopsCostRecord, 1);
  g_autoptr(GError) error = NULL;

  c->usage_id = g_strdup (usage_id);
  c->timestamp_us = T0;
  c->provider = COSTOPS_PROVIDER_ANTHROPIC;
  c->provider_name = costops_dimension_intern ("anthropic");
  c->model_name = costops_dimension_intern ("claude-3-5-sonnet");
  c->organization_id = costops_dimension_intern ("org-a");
  c->project_id = costops_dimension_intern ("project-7");
  c->currency = COSTOPS_CURRENCY_EUR;
  g_assert_true (costops_money_parse (input, &c->input_cost, &error));
  g_assert_true (costops_money_parse (output, &c->output_cost, &error));
  g_assert_true (costops_money_parse (total, &c->total_cost, &error));
  g_assert_no_error (error);
  return c;
}

static void
test_cost_roundtrip (TmpDb *fx, gconstpointer data)
{
  g_autoptr(CostopsStorage) storage = open_storage (fx->path);
  g_autoptr(CostopsUsageRecord) usage = make_usage ("u1", "org-a", T0);
  /* Values a double cannot hold exactly. */
  g_autoptr(CostopsCostRecord) cost = make_cost ("u1", "0.0000000001", "123456789012.3456789012",
                                                 "123456789012.3456789013");
  g_autoptr(CostopsCostRecord) got = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *type = NULL;

  g_assert_true (costops_storage_insert_usage (storage, usage, &error));
  g_assert_true (costops_storage_insert_cost (storage, cost, &error));
  g_assert_no_error (error);

  got = costops_storage_get_cost (storage, "u1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->usage_id, ==, "u1");
  g_assert_cmpint (got->timestamp_us, ==, T0);
  g_assert_cmpint (got->provider, ==, COSTOPS_PROVIDER_ANTHROPIC);
  g_assert_cmpstr (got->model_name, ==, cost->model_name);
  g_assert_true (got->model_name == cost->model_name);
  g_assert_cmpstr (got->organization_id, ==, "org-a");
  g_assert_cmpstr (got->project_id, ==, "project-7");
  g_assert_cmpint (got->currency, ==, COSTOPS_CURRENCY_EUR);
  g_assert_cmpint (costops_money_compare (got->input_cost, cost->input_cost), ==, 0);
  g_assert_cmpint (costops_money_compare (got->output_cost, cost->output_cost), ==, 0);
  g_assert_cmpint (costops_money_compare (got->total_cost, cost->total_cost), ==, 0);

  /* On disk: exact decimal text, not a REAL. */
  type = raw_query_text (fx->path, "SELECT typeof(total_cost) FROM cost_records");
  stored = raw_query_text (fx->path, "SELECT total_cost FROM cost_records");
  g_assert_cmpstr (type, ==, "text");
  g_assert_cmpstr (stored, ==, "123456789012.3456789013");
}

static void
test_cost_foreign_key (TmpDb *fx, gconstpointer data)
{
  g_autoptr(CostopsStorage) storage = open_storage (fx->path);
  g_autoptr(CostopsCostRecord) cost = make_cost ("no-such-usage", "1", "2", "3");
  g_autoptr(GError) error = NULL;

  g_assert_false (costops_storage_insert_cost (storage, cost, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_FOREIGN_KEY);
  g_assert_nonnull (strstr (error->message, "no-such-usage"));
  g_assert_cmpint (count_rows (fx->path, "cost_records"), ==, 0);
}

static void
test_cost_duplicate_and_missing (TmpDb *fx, gconstpointer data)
{
  g_autoptr(CostopsStorage) storage = open_storage (fx->path);
  g_autoptr(CostopsUsageRecord) usage = make_usage ("u1", "org-a", T0);
  g_autoptr(CostopsCostRecord) cost = make_cost ("u1", "1", "2", "3");
  g_autoptr(CostopsCostRecord) again = make_cost ("u1", "5", "5", "10");
  g_autoptr(CostopsCostRecord) got = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (costops_storage_insert_usage (storage, usage, &error));
  g_assert_true (costops_storage_insert_cost (storage, cost, &error));
  g_assert_no_error (error);
  g_assert_false (costops_storage_insert_cost (storage, again, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "u1"));
  g_clear_error (&error);

  got = costops_storage_get_cost (storage, "u1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (costops_money_compare (got->total_cost, cost->total_cost), ==, 0);
  g_clear_pointer (&got, costops_cost_record_free);

  got = costops_storage_get_cost (storage, "u2", &error);
  g_assert_null (got);
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "u2"));
}

static void
test_cost_corrupt_money (TmpDb *fx, gconstpointer data)
{
  g_autoptr(CostopsStorage) storage = open_storage (fx->path);
  g_autoptr(CostopsUsageRecord) usage = make_usage ("u1", "org-a", T0);
  g_autoptr(CostopsCostRecord) cost = make_cost ("u1", "1", "2", "3");
  g_autoptr(CostopsCostRecord) got = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (costops_storage_insert_usage (storage, usage, &error));
  g_assert_true (costops_storage_insert_cost (storage, cost, &error));
  g_assert_no_error (error);

  /* Another program wrote a float where exact text belongs. */
  raw_exec (fx->path, "UPDATE cost_records SET output_cost = '2.5e-3'");
  got = costops_storage_get_cost (storage, "u1", &error);
  g_assert_null (got);
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_CORRUPT_DATABASE);
  g_assert_nonnull (strstr (error->message, "output_cost"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/storage/" name, TmpDb, NULL, tmp_db_setup, func, tmp_db_teardown)
  ADD ("usage/roundtrip", test_usage_roundtrip);
  ADD ("usage/provider-canonical", test_usage_provider_canonical);
  ADD ("usage/tags-written-elsewhere", test_usage_tags_written_elsewhere);
  ADD ("usage/invalid", test_usage_invalid);
  ADD ("usage/not-found", test_usage_not_found);
  ADD ("usage/duplicate", test_usage_duplicate);
  ADD ("usage/batch", test_usage_batch);
  ADD ("usage/batch-rollback", test_usage_batch_rollback);
  ADD ("usage/range", test_usage_range);
  ADD ("cost/roundtrip", test_cost_roundtrip);
  ADD ("cost/foreign-key", test_cost_foreign_key);
  ADD ("cost/duplicate-and-missing", test_cost_duplicate_and_missing);
  ADD ("cost/corrupt-money", test_cost_corrupt_money);
#undef ADD

  return g_test_run ();
}
