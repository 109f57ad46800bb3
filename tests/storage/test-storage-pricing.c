/* test-storage-pricing.c: pricing tables in a real database file.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "storage-test-util.h"

#define JAN1 G_GINT64_CONSTANT (1704067200000000) /* 2024-01-01T00:00:00Z */
#define FEB1 G_GINT64_CONSTANT (1706745600000000)
#define MAR1 G_GINT64_CONSTANT (1709251200000000)

static CostopsMoney
money (const char *text)
{
  g_autoptr(GError) error = NULL;
  CostopsMoney m = COSTOPS_MONEY_ZERO;

  g_assert_true (costops_money_parse (text, &m, &error));
  g_assert_no_error (error);
  return m;
}

static void
assert_money (CostopsMoney  value,
              const char   *expected)
{
  g_autofree char *text = costops_money_to_string (value);
  g_autofree char *want = costops_money_to_string (money (expected));

  g_assert_cmpstr (text, ==, want);
}

static CostopsPricingTable *
per_token (const char *model,
           gint64      effective_us,
           gint64      end_us,      /* 0: no end */
           const char *input)
{
  CostopsPricingTable *t = g_new0 (CostopsPricingTable, 1);

  t->provider = COSTOPS_PROVIDER_OPENAI;
  t->provider_name = costops_dimension_intern ("openai");
  t->model_name = costops_dimension_intern (model);
  t->effective_us = effective_us;
  t->has_end = end_us != 0;
  t->end_us = end_us;
  t->currency = COSTOPS_CURRENCY_USD;
  t->kind = COSTOPS_PRICING_PER_TOKEN;
  t->per_token.input_per_million = money (input);
  t->per_token.output_per_million = money ("10");
  return t;
}

static CostopsStorage *
open_storage (const char *path)
{
  g_autoptr(GError) error = NULL;
  CostopsStorage *storage = costops_storage_open (path, &error);

  g_assert_no_error (error);
  return storage;
}

static void
insert_ok (CostopsStorage      *storage,
           CostopsPricingTable *table)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (costops_storage_insert_pricing (storage, table, &error));
  g_assert_no_error (error);
  costops_pricing_table_free (table);
}

/* The input price of the table in effect, or NULL with @error checked to be
 * NOT_FOUND. */
static char *
price_at (CostopsStorage *storage,
          const char     *provider,
          const char     *model,
          gint64          at_us)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CostopsPricingTable) t = costops_storage_get_pricing (storage, provider, model,
                                                                  at_us, &error);
  if (t == NULL)
    {
      g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_NOT_FOUND);
      g_assert_nonnull (strstr (error->message, model));
      return NULL;
    }
  g_assert_no_error (error);
  return costops_money_to_string (t->per_token.input_per_million);
}

static void
check_price (CostopsStorage *storage,
             const char     *provider,
             const char     *model,
             gint64          at_us,
             const char     *expected)
{
  g_autofree char *got = price_at (storage, provider, model, at_us);
  g_autofree char *want = expected != NULL ? costops_money_to_string (money (expected)) : NULL;

  g_assert_cmpstr (got, ==, want);
}

static void
test_in_effect (TmpDb *fx, gconstpointer data)
{
  g_autoptr(CostopsStorage) storage = open_storage (fx->path);

  insert_ok (storage, per_token ("gpt-4o", JAN1, MAR1, "5"));
  insert_ok (storage, per_token ("gpt-4o", MAR1, 0, "2.5"));
  insert_ok (storage, per_token ("gpt-4o-mini", JAN1, 0, "0.15"));
  /* Open-ended, then superseded by a later start without an end. */
  insert_ok (storage, per_token ("o1", JAN1, 0, "15"));
  insert_ok (storage, per_token ("o1", FEB1, 0, "12"));

  check_price (storage, "openai", "gpt-4o", JAN1 - 1, NULL);
  check_price (storage, "openai", "gpt-4o", JAN1, "5");
  check_price (storage, "openai", "gpt-4o", MAR1 - 1, "5");
  check_price (storage, "openai", "gpt-4o", MAR1, "2.5");
  check_price (storage, "openai", "gpt-4o", G_MAXINT64, "2.5");
  check_price (storage, "openai", "gpt-4o-mini", FEB1, "0.15");
  check_price (storage, "OpenAI", "gpt-4o-mini", FEB1, "0.15");
  check_price (storage, "openai", "o1", FEB1 - 1, "15");
  check_price (storage, "openai", "o1", FEB1, "12");
  check_price (storage, "anthropic", "gpt-4o", FEB1, NULL);
  check_price (storage, "openai", "gpt-5", FEB1, NULL);
}

static void
test_kinds_roundtrip (TmpDb *fx, gconstpointer data)
{
  g_autoptr(CostopsStorage) storage = open_storage (fx->path);
  g_autoptr(CostopsPricingTable) tok = per_token ("gpt-4o", JAN1, 0, "2.5");
  g_autoptr(CostopsPricingTable) req = g_new0 (CostopsPricingTable, 1);
  g_autoptr(CostopsPricingTable) tier = g_new0 (CostopsPricingTable, 1);
  g_autoptr(CostopsPricingTable) got = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  tok->per_token.has_cached_discount = TRUE;
  tok->per_token.cached_discount = money ("0.5");

  req->provider = COSTOPS_PROVIDER_CUSTOM;
  req->provider_name = costops_dimension_intern ("acme");
  req->model_name = costops_dimension_intern ("flat");
  req->effective_us = FEB1;
  req->currency = COSTOPS_CURRENCY_GBP;
  req->kind = COSTOPS_PRICING_PER_REQUEST;
  req->per_request.price_per_request = money ("0.002");
  req->per_request.included_tokens = 4096;
  req->per_request.overage_per_million = money ("1.25");

  tier->provider = COSTOPS_PROVIDER_GOOGLE;
  tier->provider_name = costops_dimension_intern ("google");
  tier->model_name = costops_dimension_intern ("gemini-1.5-pro");
  tier->effective_us = JAN1;
  tier->has_end = TRUE;
  tier->end_us = MAR1;
  tier->currency = COSTOPS_CURRENCY_JPY;
  tier->kind = COSTOPS_PRICING_TIERED;
  tier->tiered.n_tiers = 2;
  tier->tiered.tiers = g_new0 (CostopsPricingTier, 2);
  tier->tiered.tiers[0] = (CostopsPricingTier) { 0, TRUE, 128000, money ("1.25"), money ("5") };
  tier->tiered.tiers[1] = (CostopsPricingTier) { 128001, FALSE, 0, money ("2.5"), money ("10") };

  g_assert_true (costops_storage_insert_pricing (storage, req, &error));
  g_assert_true (costops_storage_insert_pricing (storage, tier, &error));
  g_assert_true (costops_storage_insert_pricing (storage, tok, &error));
  g_assert_no_error (error);

  got = costops_storage_get_pricing (storage, "openai", "gpt-4o", FEB1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (got->kind, ==, COSTOPS_PRICING_PER_TOKEN);
  g_assert_false (got->has_end);
  g_assert_cmpint (got->currency, ==, COSTOPS_CURRENCY_USD);
  assert_money (got->per_token.input_per_million, "2.5");
  assert_money (got->per_token.output_per_million, "10");
  g_assert_true (got->per_token.has_cached_discount);
  assert_money (got->per_token.cached_discount, "0.5");
  g_clear_pointer (&got, costops_pricing_table_free);

  got = costops_storage_get_pricing (storage, "acme", "flat", FEB1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (got->provider, ==, COSTOPS_PROVIDER_CUSTOM);
  g_assert_cmpstr (got->provider_name, ==, "acme");
  g_assert_true (got->provider_name == costops_dimension_intern ("acme"));
  g_assert_true (got->model_name == costops_dimension_intern ("flat"));
  g_assert_cmpint (got->kind, ==, COSTOPS_PRICING_PER_REQUEST);
  g_assert_cmpint (got->currency, ==, COSTOPS_CURRENCY_GBP);
  assert_money (got->per_request.price_per_request, "0.002");
  g_assert_cmpuint (got->per_request.included_tokens, ==, 4096);
  assert_money (got->per_request.overage_per_million, "1.25");
  g_clear_pointer (&got, costops_pricing_table_free);

  got = costops_storage_get_pricing (storage, "google", "gemini-1.5-pro", JAN1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (got->kind, ==, COSTOPS_PRICING_TIERED);
  g_assert_true (got->has_end);
  g_assert_cmpint (got->end_us, ==, MAR1);
  g_assert_cmpint (got->currency, ==, COSTOPS_CURRENCY_JPY);
  g_assert_cmpuint (got->tiered.n_tiers, ==, 2);
  g_assert_cmpuint (got->tiered.tiers[0].min_tokens, ==, 0);
  g_assert_true (got->tiered.tiers[0].has_max_tokens);
  g_assert_cmpuint (got->tiered.tiers[0].max_tokens, ==, 128000);
  assert_money (got->tiered.tiers[0].input_per_million, "1.25");
  assert_money (got->tiered.tiers[0].output_per_million, "5");
  g_assert_cmpuint (got->tiered.tiers[1].min_tokens, ==, 128001);
  g_assert_false (got->tiered.tiers[1].has_max_tokens);
  assert_money (got->tiered.tiers[1].output_per_million, "10");

  /* All of them, by provider, model and start. */
  all = costops_storage_list_pricing (storage, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_cmpstr (((CostopsPricingTable *) all->pdata[0])->provider_name, ==, "acme");
  g_assert_cmpstr (((CostopsPricingTable *) all->pdata[1])->provider_name, ==, "google");
  g_assert_cmpuint (((CostopsPricingTable *) all->pdata[1])->tiered.n_tiers, ==, 2);
  g_assert_cmpstr (((CostopsPricingTable *) all->pdata[2])->model_name, ==, "gpt-4o");
}

static void
test_duplicate_and_invalid (TmpDb *fx, gconstpointer data)
{
  g_autoptr(CostopsStorage) storage = open_storage (fx->path);
  g_autoptr(CostopsPricingTable) same_start = per_token ("gpt-4o", JAN1, 0, "9");
  g_autoptr(CostopsPricingTable) backwards = per_token ("gpt-4o", FEB1, JAN1, "9");
  g_autoptr(CostopsPricingTable) no_tiers = per_token ("tiered", JAN1, 0, "1");
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  insert_ok (storage, per_token ("gpt-4o", JAN1, 0, "5"));

  g_assert_false (costops_storage_insert_pricing (storage, same_start, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "openai/gpt-4o from 2024-01-01T00:00:00Z"));
  g_clear_error (&error);

  g_assert_false (costops_storage_insert_pricing (storage, backwards, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD);
  g_assert_nonnull (strstr (error->message, "end_us"));
  g_clear_error (&error);

  no_tiers->kind = COSTOPS_PRICING_TIERED;
  memset (&no_tiers->tiered, 0, sizeof no_tiers->tiered);
  g_assert_false (costops_storage_insert_pricing (storage, no_tiers, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD);
  g_assert_nonnull (strstr (error->message, "tiers"));
  g_clear_error (&error);

  /* Only the first table is stored, with its price. */
  all = costops_storage_list_pricing (storage, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);
  check_price (storage, "openai", "gpt-4o", FEB1, "5");
  g_assert_cmpint (raw_query_int (fx->path, "SELECT count(*) FROM pricing_tiers"), ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/storage/pricing/" name, TmpDb, NULL, tmp_db_setup, func, tmp_db_teardown)
  ADD ("in-effect", test_in_effect);
  ADD ("kinds-roundtrip", test_kinds_roundtrip);
  ADD ("duplicate-and-invalid", test_duplicate_and_invalid);
#undef ADD

  return g_test_run ();
}
