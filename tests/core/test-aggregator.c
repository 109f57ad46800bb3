/* test-aggregator.c: period filtering, exact sums, averages, breakdowns,
 * windows, key edge cases, errors, and a randomised comparison with a
 * naive reference built on GHashTable.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib.h>
#include <string.h>

#include "costops-aggregator.h"
#include "costops-error.h"

#define HOUR_US       (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)
#define DAY_US        (24 * HOUR_US)
/* 2025-06-01T00:00:00Z */
#define JUNE_FIRST_US (G_GINT64_CONSTANT (1748736000) * G_USEC_PER_SEC)

typedef struct {
  GPtrArray *records;   /* CostopsCostRecord *, owned */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->records = g_ptr_array_new_with_free_func ((GDestroyNotify) costops_cost_record_free);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_ptr_array_unref (fixture->records);
}

static CostopsCostRecord *
add (Fixture             *fixture,
     gint64               timestamp_us,
     CostopsProviderKind  provider,
     const char          *model,
     const char          *organization,
     const char          *project,
     __int128             cost_units)
{
  CostopsCostRecord *record = g_new0 (CostopsCostRecord, 1);

  record->usage_id = g_strdup_printf ("usage-%u", fixture->records->len);
  record->timestamp_us = timestamp_us;
  record->provider = provider;
  record->provider_name = costops_dimension_intern (costops_provider_to_string (provider, "custom"));
  record->model_name = costops_dimension_intern (model);
  record->organization_id = costops_dimension_intern (organization);
  record->project_id = costops_dimension_intern (project);
  record->total_cost = costops_money_from_units (cost_units);
  record->input_cost = record->total_cost;
  record->currency = COSTOPS_CURRENCY_USD;
  g_ptr_array_add (fixture->records, record);
  return record;
}

/* A record filled by hand, as a caller outside the engine may: its
 * dimensions point at the caller's strings, which are not interned. */
static CostopsCostRecord *
add_borrowed (Fixture    *fixture,
              const char *model,
              const char *organization,
              const char *project,
              __int128    cost_units)
{
  CostopsCostRecord *record = add (fixture, JUNE_FIRST_US, COSTOPS_PROVIDER_OPENAI, "m", "o", "p", cost_units);

  record->model_name = model;
  record->organization_id = organization;
  record->project_id = project;
  return record;
}

static gboolean
run (CostopsAggregator  *aggregator,
     Fixture            *fixture,
     gint64              start_us,
     gint64              end_us,
     guint               window_hours,
     GError            **error)
{
  return costops_aggregator_run (aggregator, (const CostopsCostRecord * const *) fixture->records->pdata,
                                 fixture->records->len, start_us, end_us, window_hours, error);
}

static void
assert_money (CostopsMoney  value,
              const char   *expected)
{
  char buf[COSTOPS_MONEY_STRING_SIZE];

  costops_money_format (value, buf);
  g_assert_cmpstr (buf, ==, expected);
}

static const CostopsAggregateGroup *
find_group (const CostopsAggregator *aggregator,
            CostopsDimension         dimension,
            const char              *key)
{
  gsize n;
  const CostopsAggregateGroup *groups = costops_aggregator_get_groups (aggregator, dimension, &n);

  for (gsize i = 0; i < n; i++)
    if (g_strcmp0 (groups[i].key, key) == 0)
      return &groups[i];
  return NULL;
}

static void
assert_group (const CostopsAggregator *aggregator,
              CostopsDimension         dimension,
              const char              *key,
              const char              *cost,
              guint64                  count)
{
  const CostopsAggregateGroup *group = find_group (aggregator, dimension, key);

  if (group == NULL)
    g_error ("no group “%s” in dimension %d", key, dimension);
  assert_money (group->total_cost, cost);
  g_assert_cmpuint (group->request_count, ==, count);
}

static gsize
n_groups (const CostopsAggregator *aggregator,
          CostopsDimension         dimension)
{
  gsize n;

  costops_aggregator_get_groups (aggregator, dimension, &n);
  return n;
}

static void
test_period_and_breakdowns (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(CostopsAggregator) aggregator = costops_aggregator_new ();
  g_autoptr(GError) error = NULL;
  gint64 start = JUNE_FIRST_US, end = JUNE_FIRST_US + DAY_US;
  const CostopsAggregateGroup *groups;
  gsize n;

  /* Included: the start itself and the last microsecond before the end. */
  add (fixture, start, COSTOPS_PROVIDER_OPENAI, "gpt-4o", "org-a", "web", 1000000000);       /* 0.1 */
  add (fixture, start + HOUR_US, COSTOPS_PROVIDER_OPENAI, "gpt-4o-mini", "org-a", "web", 2000000000);
  add (fixture, start + 2 * HOUR_US, COSTOPS_PROVIDER_ANTHROPIC, "claude", "org-b", "api", 3);
  add (fixture, end - 1, COSTOPS_PROVIDER_MISTRAL, "mistral-large", "org-b", NULL, 5000000000);
  /* Excluded: before the start, at the end, long after. */
  add (fixture, start - 1, COSTOPS_PROVIDER_OPENAI, "gpt-4o", "org-a", "web", 700000000000);
  add (fixture, end, COSTOPS_PROVIDER_OPENAI, "gpt-4o", "org-a", "web", 700000000000);
  add (fixture, end + DAY_US, COSTOPS_PROVIDER_GOOGLE, "gemini", "org-c", "web", 700000000000);

  g_assert_true (run (aggregator, fixture, start, end, 0, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (costops_aggregator_get_request_count (aggregator), ==, 4);
  assert_money (costops_aggregator_get_total_cost (aggregator), "0.8000000003");
  /* 8000000003 / 4 = 2000000000.75 -> ...001 */
  assert_money (costops_aggregator_get_average_cost (aggregator), "0.2000000001");
  g_assert_cmpint (costops_aggregator_get_currency (aggregator), ==, COSTOPS_CURRENCY_USD);

  g_assert_cmpuint (n_groups (aggregator, COSTOPS_DIMENSION_PROVIDER), ==, 3);
  assert_group (aggregator, COSTOPS_DIMENSION_PROVIDER, "openai", "0.3000000000", 2);
  assert_group (aggregator, COSTOPS_DIMENSION_PROVIDER, "anthropic", "0.0000000003", 1);
  assert_group (aggregator, COSTOPS_DIMENSION_PROVIDER, "mistral", "0.5000000000", 1);
  g_assert_null (find_group (aggregator, COSTOPS_DIMENSION_PROVIDER, "google"));

  g_assert_cmpuint (n_groups (aggregator, COSTOPS_DIMENSION_MODEL), ==, 4);
  assert_group (aggregator, COSTOPS_DIMENSION_MODEL, "gpt-4o", "0.1000000000", 1);
  assert_group (aggregator, COSTOPS_DIMENSION_MODEL, "gpt-4o-mini", "0.2000000000", 1);

  g_assert_cmpuint (n_groups (aggregator, COSTOPS_DIMENSION_ORGANIZATION), ==, 2);
  assert_group (aggregator, COSTOPS_DIMENSION_ORGANIZATION, "org-a", "0.3000000000", 2);
  assert_group (aggregator, COSTOPS_DIMENSION_ORGANIZATION, "org-b", "0.5000000003", 2);

  /* Records without a project form their own group, keyed NULL. */
  g_assert_cmpuint (n_groups (aggregator, COSTOPS_DIMENSION_PROJECT), ==, 3);
  assert_group (aggregator, COSTOPS_DIMENSION_PROJECT, "web", "0.3000000000", 2);
  assert_group (aggregator, COSTOPS_DIMENSION_PROJECT, "api", "0.0000000003", 1);
  assert_group (aggregator, COSTOPS_DIMENSION_PROJECT, NULL, "0.5000000000", 1);

  /* Groups come by cost, largest first. */
  groups = costops_aggregator_get_groups (aggregator, COSTOPS_DIMENSION_PROJECT, &n);
  g_assert_null (groups[0].key);
  g_assert_cmpstr (groups[1].key, ==, "web");
  g_assert_cmpstr (groups[2].key, ==, "api");

  /* No windows were asked for. */
  costops_aggregator_get_windows (aggregator, &n);
  g_assert_cmpuint (n, ==, 0);
}

/* A thousand records of 0.1 sum to exactly 100: no binary drift. */
static void
test_exact_sums (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(CostopsAggregator) aggregator = costops_aggregator_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 1000; i++)
    add (fixture, JUNE_FIRST_US + i, COSTOPS_PROVIDER_OPENAI, "m", "o", "p", 1000000000);
  /* And costs that only fit 128 bits: 10^28 each, summed exactly. */
  for (guint i = 0; i < 3; i++)
    add (fixture, JUNE_FIRST_US + DAY_US + i, COSTOPS_PROVIDER_AWS, "big", "o", "p",
         (__int128) G_GUINT64_CONSTANT (10000000000000000000) * 1000000000);

  g_assert_true (run (aggregator, fixture, JUNE_FIRST_US, JUNE_FIRST_US + DAY_US, 0, &error));
  assert_money (costops_aggregator_get_total_cost (aggregator), "100.0000000000");
  assert_money (costops_aggregator_get_average_cost (aggregator), "0.1000000000");
  assert_group (aggregator, COSTOPS_DIMENSION_PROJECT, "p", "100.0000000000", 1000);

  g_assert_true (run (aggregator, fixture, JUNE_FIRST_US, G_MAXINT64, 0, &error));
  g_assert_no_error (error);
  assert_money (costops_aggregator_get_total_cost (aggregator), "3000000000000000100.0000000000");
  assert_group (aggregator, COSTOPS_DIMENSION_MODEL, "big", "3000000000000000000.0000000000", 3);
  assert_group (aggregator, COSTOPS_DIMENSION_ORGANIZATION, "o", "3000000000000000100.0000000000", 1003);
}

static void
test_average_half_even (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(CostopsAggregator) aggregator = costops_aggregator_new ();

  /* 1 unit over 2 records = 0.5 -> 0; 3 over 2 = 1.5 -> 2. */
  add (fixture, JUNE_FIRST_US, COSTOPS_PROVIDER_OPENAI, "m", "o", "p", 1);
  add (fixture, JUNE_FIRST_US + 1, COSTOPS_PROVIDER_OPENAI, "m", "o", "p", 0);
  g_assert_true (run (aggregator, fixture, JUNE_FIRST_US, JUNE_FIRST_US + DAY_US, 0, NULL));
  assert_money (costops_aggregator_get_average_cost (aggregator), "0.0000000000");
  ((CostopsCostRecord *) g_ptr_array_index (fixture->records, 1))->total_cost = costops_money_from_units (2);
  g_assert_true (run (aggregator, fixture, JUNE_FIRST_US, JUNE_FIRST_US + DAY_US, 0, NULL));
  assert_money (costops_aggregator_get_average_cost (aggregator), "0.0000000002");

  /* An empty period: nothing, and an average of zero. */
  g_assert_true (run (aggregator, fixture, 0, 1, 24, NULL));
  g_assert_cmpuint (costops_aggregator_get_request_count (aggregator), ==, 0);
  assert_money (costops_aggregator_get_total_cost (aggregator), "0.0000000000");
  assert_money (costops_aggregator_get_average_cost (aggregator), "0.0000000000");
  g_assert_cmpuint (n_groups (aggregator, COSTOPS_DIMENSION_MODEL), ==, 0);
}

static void
test_windows (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(CostopsAggregator) aggregator = costops_aggregator_new ();
  g_autoptr(GError) error = NULL;
  const CostopsAggregateWindow *windows;
  gsize n;

  add (fixture, JUNE_FIRST_US + 10, COSTOPS_PROVIDER_OPENAI, "m", "o", "p", 1);
  add (fixture, JUNE_FIRST_US + HOUR_US - 1, COSTOPS_PROVIDER_OPENAI, "m", "o", "p", 2);
  add (fixture, JUNE_FIRST_US + HOUR_US, COSTOPS_PROVIDER_OPENAI, "m", "o", "p", 4);
  add (fixture, JUNE_FIRST_US + DAY_US - 1, COSTOPS_PROVIDER_OPENAI, "m", "o", "p", 8);
  add (fixture, JUNE_FIRST_US + DAY_US, COSTOPS_PROVIDER_OPENAI, "m", "o", "p", 16);

  /* Hourly, over two days starting mid-hour: windows stay aligned to the
   * epoch, not to the period's start; empty hours are left out. */
  g_assert_true (run (aggregator, fixture, JUNE_FIRST_US + 5, JUNE_FIRST_US + 2 * DAY_US, 1, &error));
  g_assert_no_error (error);
  windows = costops_aggregator_get_windows (aggregator, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpint (windows[0].start_us, ==, JUNE_FIRST_US);
  g_assert_cmpint (windows[0].end_us, ==, JUNE_FIRST_US + HOUR_US);
  assert_money (windows[0].total_cost, "0.0000000003");
  g_assert_cmpuint (windows[0].request_count, ==, 2);
  g_assert_cmpint (windows[1].start_us, ==, JUNE_FIRST_US + HOUR_US);
  assert_money (windows[1].total_cost, "0.0000000004");
  g_assert_cmpint (windows[2].start_us, ==, JUNE_FIRST_US + 23 * HOUR_US);
  assert_money (windows[2].total_cost, "0.0000000008");
  g_assert_cmpint (windows[3].start_us, ==, JUNE_FIRST_US + DAY_US);
  assert_money (windows[3].total_cost, "0.0000000016");

  /* Daily windows: midnight UTC. */
  g_assert_true (run (aggregator, fixture, 0, G_MAXINT64, 24, &error));
  windows = costops_aggregator_get_windows (aggregator, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (windows[0].start_us, ==, JUNE_FIRST_US);
  assert_money (windows[0].total_cost, "0.0000000015");
  g_assert_cmpuint (windows[0].request_count, ==, 4);
  g_assert_cmpint (windows[1].start_us, ==, JUNE_FIRST_US + DAY_US);

  /* Three-hour windows over a period that starts before 1970. */
  g_ptr_array_set_size (fixture->records, 0);
  add (fixture, -1, COSTOPS_PROVIDER_OPENAI, "m", "o", "p", 1);
  add (fixture, -3 * HOUR_US, COSTOPS_PROVIDER_OPENAI, "m", "o", "p", 2);
  add (fixture, -3 * HOUR_US - 1, COSTOPS_PROVIDER_OPENAI, "m", "o", "p", 4);
  add (fixture, 0, COSTOPS_PROVIDER_OPENAI, "m", "o", "p", 8);
  g_assert_true (run (aggregator, fixture, -DAY_US, DAY_US, 3, &error));
  windows = costops_aggregator_get_windows (aggregator, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (windows[0].start_us, ==, -6 * HOUR_US);
  assert_money (windows[0].total_cost, "0.0000000004");
  g_assert_cmpint (windows[1].start_us, ==, -3 * HOUR_US);
  assert_money (windows[1].total_cost, "0.0000000003");
  g_assert_cmpint (windows[2].start_us, ==, 0);
  assert_money (windows[2].total_cost, "0.0000000008");
}

/* Unbounded periods use the sorting path for windows: same results as the
 * dense array of a bounded period. */
static void
test_windows_sparse_matches_dense (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(CostopsAggregator) dense = costops_aggregator_new ();
  g_autoptr(CostopsAggregator) sparse = costops_aggregator_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  const CostopsAggregateWindow *a, *b;
  gsize na, nb;

  for (guint i = 0; i < 2000; i++)
    add (fixture, JUNE_FIRST_US + (gint64) g_rand_int_range (rand, 0, 7 * 24 * 3600) * G_USEC_PER_SEC,
         COSTOPS_PROVIDER_OPENAI, "m", "o", "p", g_rand_int_range (rand, 0, 1000000));

  g_assert_true (run (dense, fixture, JUNE_FIRST_US, JUNE_FIRST_US + 7 * DAY_US, 2, NULL));
  g_assert_true (run (sparse, fixture, G_MININT64, G_MAXINT64, 2, NULL));
  a = costops_aggregator_get_windows (dense, &na);
  b = costops_aggregator_get_windows (sparse, &nb);
  g_assert_cmpuint (na, ==, 84);
  g_assert_cmpuint (na, ==, nb);
  for (gsize i = 0; i < na; i++)
    {
      g_assert_cmpint (a[i].start_us, ==, b[i].start_us);
      g_assert_cmpint (a[i].end_us, ==, a[i].start_us + 2 * HOUR_US);
      g_assert_true (a[i].total_cost.units == b[i].total_cost.units);
      g_assert_cmpuint (a[i].request_count, ==, b[i].request_count);
    }
}

/* Keys that the table's word comparison must still tell apart. */
static void
test_key_edge_cases (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(CostopsAggregator) aggregator = costops_aggregator_new ();
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func (g_free);
  const char alphabet[] = "ab\xc3";
  g_autoptr(GError) error = NULL;

  /* Every string of length 0 to 3 over three bytes ... */
  g_ptr_array_add (keys, g_strdup (""));
  for (guint len = 1; len <= 3; len++)
    for (guint code = 0; code < 27; code++)
      {
        char key[4] = { 0 };
        guint c = code;

        if (len < 3 && code >= (len == 1 ? 3u : 9u))
          break;
        for (guint i = 0; i < len; i++, c /= 3)
          key[i] = alphabet[c % 3];
        g_ptr_array_add (keys, g_strdup (key));
      }
  /* ... keys of 4..7 bytes whose halves overlap differently ... */
  g_ptr_array_add (keys, g_strdup ("abcd"));
  g_ptr_array_add (keys, g_strdup ("abcdd"));
  g_ptr_array_add (keys, g_strdup ("abccd"));
  g_ptr_array_add (keys, g_strdup ("abcdcd"));
  /* ... 17..24 bytes differing only in the middle word ... */
  g_ptr_array_add (keys, g_strdup ("middle-AAAA-difference"));
  g_ptr_array_add (keys, g_strdup ("middle-AAAB-difference"));
  /* ... and long keys equal in their first, middle and last eight bytes,
   * different only in bytes those words do not cover. */
  g_ptr_array_add (keys, g_strdup ("organization-0000-XXXXX-0000-tail-end"));
  g_ptr_array_add (keys, g_strdup ("organization-0000-XXXXY-0000-tail-end"));
  g_ptr_array_add (keys, g_strdup ("organization-1000-XXXXX-0000-tail-end"));
  g_ptr_array_add (keys, g_strdup ("project-alpha-0000000000-1"));
  g_ptr_array_add (keys, g_strdup ("project-alpha-0000000000-2"));

  /* Each key gets 1, 2 or 3 records; every key must be its own group. */
  for (guint i = 0; i < keys->len; i++)
    for (guint r = 0; r <= i % 3; r++)
      add (fixture, JUNE_FIRST_US, COSTOPS_PROVIDER_OPENAI, g_ptr_array_index (keys, i),
           g_ptr_array_index (keys, (i + 7) % keys->len), g_ptr_array_index (keys, i), 1 + i);

  /* Twice: with interned keys (one pointer per key), then with every
   * record carrying its own copy, so that each key is matched by content
   * against all the others. */
  for (guint pass = 0; pass < 2; pass++)
    {
      if (pass == 1)
        {
          g_ptr_array_set_size (fixture->records, 0);
          for (guint i = 0; i < keys->len; i++)
            for (guint r = 0; r <= i % 3; r++)
              {
                char *model = g_strdup (g_ptr_array_index (keys, i));
                char *organization = g_strdup (g_ptr_array_index (keys, (i + 7) % keys->len));
                char *project = g_strdup (g_ptr_array_index (keys, i));

                g_ptr_array_add (copies, model);
                g_ptr_array_add (copies, organization);
                g_ptr_array_add (copies, project);
                add_borrowed (fixture, model, organization, project, 1 + i);
              }
        }

      g_assert_true (run (aggregator, fixture, JUNE_FIRST_US, JUNE_FIRST_US + 1, 0, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n_groups (aggregator, COSTOPS_DIMENSION_MODEL), ==, keys->len);
      g_assert_cmpuint (n_groups (aggregator, COSTOPS_DIMENSION_ORGANIZATION), ==, keys->len);
      g_assert_cmpuint (n_groups (aggregator, COSTOPS_DIMENSION_PROJECT), ==, keys->len);
      for (guint i = 0; i < keys->len; i++)
        {
          const CostopsAggregateGroup *group = find_group (aggregator, COSTOPS_DIMENSION_PROJECT,
                                                           g_ptr_array_index (keys, i));
          g_assert_nonnull (group);
          g_assert_cmpuint (group->request_count, ==, i % 3 + 1);
          g_assert_true (group->total_cost.units == (__int128) (i % 3 + 1) * (1 + i));
        }
    }
}

/* Interned keys group by pointer; callers that fill records by hand may
 * pass equal strings in different buffers, which must still be one group. */
static void
test_equal_keys_in_distinct_buffers (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(CostopsAggregator) aggregator = costops_aggregator_new ();
  const char *long_key = "organisation-with-a-name-longer-than-24-bytes";
  g_autofree char *model_1 = g_strdup ("gpt-4o");
  g_autofree char *model_2 = g_strdup ("gpt-4o");
  g_autofree char *long_1 = g_strdup (long_key);
  g_autofree char *long_2 = g_strdup (long_key);
  g_autofree char *project_1 = g_strdup ("web");
  g_autofree char *project_2 = g_strdup ("web");
  char reused[] = "alpha";
  const CostopsAggregateGroup *group;

  g_assert_true (model_1 != model_2);
  add_borrowed (fixture, model_1, long_1, project_1, 1);
  add_borrowed (fixture, model_2, long_2, project_2, 2);
  /* The interned copy of the same text joins them too. */
  add (fixture, JUNE_FIRST_US, COSTOPS_PROVIDER_OPENAI, "gpt-4o", long_key, "web", 4);
  /* Same length and leading bytes, other text: a group of its own. */
  add_borrowed (fixture, "gpt-4O", long_1, reused, 8);

  g_assert_true (run (aggregator, fixture, JUNE_FIRST_US, JUNE_FIRST_US + 1, 0, NULL));
  g_assert_cmpuint (n_groups (aggregator, COSTOPS_DIMENSION_MODEL), ==, 2);
  assert_group (aggregator, COSTOPS_DIMENSION_MODEL, "gpt-4o", "0.0000000007", 3);
  assert_group (aggregator, COSTOPS_DIMENSION_MODEL, "gpt-4O", "0.0000000008", 1);
  g_assert_cmpuint (n_groups (aggregator, COSTOPS_DIMENSION_ORGANIZATION), ==, 1);
  assert_group (aggregator, COSTOPS_DIMENSION_ORGANIZATION, long_key, "0.0000000015", 4);
  g_assert_cmpuint (n_groups (aggregator, COSTOPS_DIMENSION_PROJECT), ==, 2);
  assert_group (aggregator, COSTOPS_DIMENSION_PROJECT, "web", "0.0000000007", 3);
  assert_group (aggregator, COSTOPS_DIMENSION_PROJECT, "alpha", "0.0000000008", 1);

  /* Addresses are remembered for one run only: a buffer whose text
   * changed between runs is grouped by its new text. */
  memcpy (reused, "gamma", sizeof reused);
  g_assert_true (run (aggregator, fixture, JUNE_FIRST_US, JUNE_FIRST_US + 1, 0, NULL));
  g_assert_null (find_group (aggregator, COSTOPS_DIMENSION_PROJECT, "alpha"));
  group = find_group (aggregator, COSTOPS_DIMENSION_PROJECT, "gamma");
  g_assert_nonnull (group);
  g_assert_true (group->key == reused);
  assert_money (group->total_cost, "0.0000000008");
}

static void
test_custom_providers (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(CostopsAggregator) aggregator = costops_aggregator_new ();
  CostopsCostRecord *record;

  record = add (fixture, JUNE_FIRST_US, COSTOPS_PROVIDER_CUSTOM, "m", "o", "p", 1);
  record->provider_name = costops_dimension_intern ("together");
  record = add (fixture, JUNE_FIRST_US, COSTOPS_PROVIDER_CUSTOM, "m", "o", "p", 2);
  record->provider_name = costops_dimension_intern ("fireworks");
  record = add (fixture, JUNE_FIRST_US, COSTOPS_PROVIDER_CUSTOM, "m", "o", "p", 4);
  record->provider_name = costops_dimension_intern ("together");
  add (fixture, JUNE_FIRST_US, COSTOPS_PROVIDER_COHERE, "m", "o", "p", 8);

  g_assert_true (run (aggregator, fixture, JUNE_FIRST_US, JUNE_FIRST_US + 1, 0, NULL));
  g_assert_cmpuint (n_groups (aggregator, COSTOPS_DIMENSION_PROVIDER), ==, 3);
  assert_group (aggregator, COSTOPS_DIMENSION_PROVIDER, "together", "0.0000000005", 2);
  assert_group (aggregator, COSTOPS_DIMENSION_PROVIDER, "fireworks", "0.0000000002", 1);
  assert_group (aggregator, COSTOPS_DIMENSION_PROVIDER, "cohere", "0.0000000008", 1);
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(CostopsAggregator) aggregator = costops_aggregator_new ();
  g_autoptr(GError) error = NULL;
  __int128 huge = (__int128) (((unsigned __int128) 1 << 126));
  CostopsCostRecord *record;
  gsize n;

  add (fixture, JUNE_FIRST_US, COSTOPS_PROVIDER_OPENAI, "m", "o", "p", 1);

  g_assert_false (run (aggregator, fixture, JUNE_FIRST_US + 1, JUNE_FIRST_US, 0, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD);
  g_clear_error (&error);
  g_assert_false (run (aggregator, fixture, 0, 1, G_MAXUINT, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD);
  g_assert_nonnull (strstr (error->message, "window_hours"));
  g_clear_error (&error);

  record = add (fixture, JUNE_FIRST_US, COSTOPS_PROVIDER_OPENAI, "m", "o", "p", 1);
  record->currency = COSTOPS_CURRENCY_EUR;
  g_assert_false (run (aggregator, fixture, JUNE_FIRST_US, JUNE_FIRST_US + 1, 0, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_CURRENCY_MISMATCH);
  g_assert_nonnull (strstr (error->message, "usage-1"));
  g_assert_nonnull (strstr (error->message, "EUR"));
  g_clear_error (&error);
  /* Failed runs leave no half results behind. */
  g_assert_cmpuint (costops_aggregator_get_request_count (aggregator), ==, 0);
  costops_aggregator_get_groups (aggregator, COSTOPS_DIMENSION_MODEL, &n);
  g_assert_cmpuint (n, ==, 0);
  record->currency = COSTOPS_CURRENCY_USD;

  /* 2^126 twice more overflows the total: an error, not a wrapped sum. */
  add (fixture, JUNE_FIRST_US, COSTOPS_PROVIDER_OPENAI, "m", "o", "p", huge);
  add (fixture, JUNE_FIRST_US, COSTOPS_PROVIDER_OPENAI, "m", "o", "p", huge);
  g_assert_false (run (aggregator, fixture, JUNE_FIRST_US, JUNE_FIRST_US + 1, 1, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_OVERFLOW);
  g_clear_error (&error);
  assert_money (costops_aggregator_get_total_cost (aggregator), "0.0000000000");

  /* With refunds the running total stays in range (2^126, 0, 2^126, 0)
   * but the sum of the group "x" does not. */
  g_ptr_array_set_size (fixture->records, 0);
  add (fixture, JUNE_FIRST_US, COSTOPS_PROVIDER_AWS, "x", "o", "p", huge);
  add (fixture, JUNE_FIRST_US, COSTOPS_PROVIDER_AWS, "y", "o", "p", -huge);
  add (fixture, JUNE_FIRST_US, COSTOPS_PROVIDER_AWS, "x", "o", "p", huge);
  add (fixture, JUNE_FIRST_US, COSTOPS_PROVIDER_AWS, "y", "o", "p", -huge);
  g_assert_false (run (aggregator, fixture, JUNE_FIRST_US, JUNE_FIRST_US + 1, 0, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_OVERFLOW);
}

/* The naive way, for comparison: GHashTable and g_str_hash. */
static void
reference_add (GHashTable *table,
               const char *key,
               __int128    cost)
{
  __int128 *sum = g_hash_table_lookup (table, key != NULL ? key : "(null)");

  if (sum == NULL)
    {
      sum = g_new0 (__int128, 2);
      g_hash_table_insert (table, g_strdup (key != NULL ? key : "(null)"), sum);
    }
  sum[0] += cost;
  sum[1]++;
}

static void
test_random_against_reference (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(CostopsAggregator) aggregator = costops_aggregator_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (99);
  gint64 start = JUNE_FIRST_US, end = JUNE_FIRST_US + 7 * DAY_US;

  /* Several rounds through one aggregator: reuse must not leak results
   * from one run into the next. */
  for (guint round = 0; round < 6; round++)
    {
      GHashTable *reference[COSTOPS_N_DIMENSIONS];
      g_autoptr(GHashTable) windows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
      guint window_hours = 1 + round * 5;
      gint64 length = window_hours * HOUR_US;
      __int128 total = 0;
      guint64 count = 0;
      guint n_records = 200 + round * 700;
      guint n_keys = 3 + round * 60;   /* up to 300+ keys: the table grows */
      const CostopsAggregateWindow *w;
      gsize n_windows;

      for (guint d = 0; d < COSTOPS_N_DIMENSIONS; d++)
        reference[d] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_ptr_array_set_size (fixture->records, 0);

      for (guint i = 0; i < n_records; i++)
        {
          g_autofree char *model = g_strdup_printf ("model-%u", g_rand_int_range (rand, 0, n_keys));
          g_autofree char *org = g_strdup_printf ("organisation-with-a-long-name-%u",
                                                  g_rand_int_range (rand, 0, n_keys));
          g_autofree char *project = g_rand_int_range (rand, 0, 10) == 0
                                     ? NULL : g_strdup_printf ("p%u", g_rand_int_range (rand, 0, n_keys));
          gint64 ts = start - DAY_US + (gint64) (g_rand_double (rand) * 9 * DAY_US);
          /* Odd rounds: costs small enough for the 64-bit sums. */
          __int128 cost = round % 2 ? (__int128) g_rand_int (rand)
                                    : (__int128) g_rand_int (rand) * g_rand_int (rand);
          CostopsProviderKind provider = (CostopsProviderKind) g_rand_int_range (rand, 0, 7);
          CostopsCostRecord *record = add (fixture, ts, provider, model, org, project, cost);

          if (ts < start || ts >= end)
            continue;
          total += cost;
          count++;
          reference_add (reference[COSTOPS_DIMENSION_PROVIDER], record->provider_name, cost);
          reference_add (reference[COSTOPS_DIMENSION_MODEL], model, cost);
          reference_add (reference[COSTOPS_DIMENSION_ORGANIZATION], org, cost);
          reference_add (reference[COSTOPS_DIMENSION_PROJECT], project, cost);
          {
            gint64 index = ts / length;   /* ts > 0 here */
            __int128 *sum = g_hash_table_lookup (windows, &index);

            if (sum == NULL)
              {
                sum = g_new0 (__int128, 2);
                g_hash_table_insert (windows, g_memdup2 (&index, sizeof index), sum);
              }
            sum[0] += cost;
            sum[1]++;
          }
        }

      g_assert_true (run (aggregator, fixture, start, end, window_hours, NULL));
      g_assert_true (costops_aggregator_get_total_cost (aggregator).units == total);
      g_assert_cmpuint (costops_aggregator_get_request_count (aggregator), ==, count);

      for (guint d = 0; d < COSTOPS_N_DIMENSIONS; d++)
        {
          gsize n;
          const CostopsAggregateGroup *groups = costops_aggregator_get_groups (aggregator, d, &n);

          g_assert_cmpuint (n, ==, g_hash_table_size (reference[d]));
          for (gsize i = 0; i < n; i++)
            {
              const __int128 *sum = g_hash_table_lookup (reference[d], groups[i].key != NULL ? groups[i].key : "(null)");

              g_assert_nonnull (sum);
              g_assert_true (groups[i].total_cost.units == sum[0]);
              g_assert_cmpuint (groups[i].request_count, ==, (guint64) sum[1]);
              /* Sorted: cost descending. */
              if (i > 0)
                g_assert_true (groups[i - 1].total_cost.units >= groups[i].total_cost.units);
            }
          g_hash_table_unref (reference[d]);
        }

      w = costops_aggregator_get_windows (aggregator, &n_windows);
      g_assert_cmpuint (n_windows, ==, g_hash_table_size (windows));
      for (gsize i = 0; i < n_windows; i++)
        {
          gint64 index = w[i].start_us / length;
          const __int128 *sum = g_hash_table_lookup (windows, &index);

          g_assert_nonnull (sum);
          g_assert_cmpint (w[i].start_us % length, ==, 0);
          g_assert_true (w[i].total_cost.units == sum[0]);
          g_assert_cmpuint (w[i].request_count, ==, (guint64) sum[1]);
          if (i > 0)
            g_assert_cmpint (w[i - 1].start_us, <, w[i].start_us);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/aggregator/period-and-breakdowns", test_period_and_breakdowns);
  ADD ("/aggregator/exact-sums", test_exact_sums);
  ADD ("/aggregator/average-half-even", test_average_half_even);
  ADD ("/aggregator/windows", test_windows);
  ADD ("/aggregator/windows-sparse-matches-dense", test_windows_sparse_matches_dense);
  ADD ("/aggregator/key-edge-cases", test_key_edge_cases);
  ADD ("/aggregator/equal-keys-in-distinct-buffers", test_equal_keys_in_distinct_buffers);
  ADD ("/aggregator/custom-providers", test_custom_providers);
  ADD ("/aggregator/errors", test_errors);
  ADD ("/aggregator/random-against-reference", test_random_against_reference);
#undef ADD

  return g_test_run ();
}
