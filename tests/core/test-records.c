/* test-records.c: providers, currencies, time helpers, usage validation and
 * the copy/free functions of the record structs.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib.h>
#include <string.h>

#include "costops-error.h"
#include "costops-records.h"

/* 2025-06-01T12:00:00Z */
#define JUNE_FIRST_US (G_GINT64_CONSTANT (1748779200) * G_USEC_PER_SEC)

static void
test_providers (void)
{
  static const struct {
    const char *name;
    CostopsProviderKind kind;
  } known[] = {
    { "openai", COSTOPS_PROVIDER_OPENAI },
    { "anthropic", COSTOPS_PROVIDER_ANTHROPIC },
    { "google", COSTOPS_PROVIDER_GOOGLE },
    { "azure", COSTOPS_PROVIDER_AZURE },
    { "aws", COSTOPS_PROVIDER_AWS },
    { "cohere", COSTOPS_PROVIDER_COHERE },
    { "mistral", COSTOPS_PROVIDER_MISTRAL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      g_autofree char *upper = g_ascii_strup (known[i].name, -1);

      g_assert_cmpint (costops_provider_from_string (known[i].name), ==, known[i].kind);
      g_assert_cmpint (costops_provider_from_string (upper), ==, known[i].kind);
      g_assert_cmpstr (costops_provider_to_string (known[i].kind, "ignored"), ==, known[i].name);
    }

  g_assert_cmpint (costops_provider_from_string ("together"), ==, COSTOPS_PROVIDER_CUSTOM);
  g_assert_cmpint (costops_provider_from_string ("openai2"), ==, COSTOPS_PROVIDER_CUSTOM);
  g_assert_cmpstr (costops_provider_to_string (COSTOPS_PROVIDER_CUSTOM, "together"), ==, "together");
  g_assert_cmpstr (costops_provider_to_string (COSTOPS_PROVIDER_CUSTOM, NULL), ==, "custom");
}

static void
test_currencies (void)
{
  const char *codes[] = { "USD", "EUR", "GBP", "JPY" };
  CostopsCurrency currency;

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autofree char *lower = g_ascii_strdown (codes[i], -1);

      g_assert_true (costops_currency_from_string (codes[i], &currency));
      g_assert_cmpstr (costops_currency_to_string (currency), ==, codes[i]);
      g_assert_true (costops_currency_from_string (lower, &currency));
      g_assert_cmpstr (costops_currency_to_string (currency), ==, codes[i]);
    }
  g_assert_false (costops_currency_from_string ("CHF", &currency));
  g_assert_false (costops_currency_from_string ("", &currency));
}

static void
test_time (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *micro = NULL;
  g_autofree char *before_epoch = NULL;
  gint64 us;

  text = costops_time_format (JUNE_FIRST_US);
  g_assert_cmpstr (text, ==, "2025-06-01T12:00:00Z");
  micro = costops_time_format (JUNE_FIRST_US + 1234);
  g_assert_cmpstr (micro, ==, "2025-06-01T12:00:00.001234Z");
  /* Floor division before 1970: 1969-12-31T23:59:59.5Z. */
  before_epoch = costops_time_format (-500000);
  g_assert_cmpstr (before_epoch, ==, "1969-12-31T23:59:59.500000Z");

  g_assert_true (costops_time_parse ("2025-06-01T12:00:00Z", &us, &error));
  g_assert_cmpint (us, ==, JUNE_FIRST_US);
  g_assert_true (costops_time_parse ("2025-06-01T14:00:00+02:00", &us, &error));
  g_assert_cmpint (us, ==, JUNE_FIRST_US);
  g_assert_true (costops_time_parse ("2025-06-01T12:00:00.001234Z", &us, &error));
  g_assert_cmpint (us, ==, JUNE_FIRST_US + 1234);
  g_assert_true (costops_time_parse ("2025-06-01", &us, &error));
  g_assert_cmpint (us, ==, JUNE_FIRST_US - G_GINT64_CONSTANT (12) * 3600 * G_USEC_PER_SEC);
  g_assert_true (costops_time_parse ("1969-12-31T23:59:59.5Z", &us, &error));
  g_assert_cmpint (us, ==, -500000);
  g_assert_no_error (error);

  /* No zone: refused rather than read as local time. */
  g_assert_false (costops_time_parse ("2025-06-01T12:00:00", &us, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_PARSE);
  g_clear_error (&error);
  g_assert_false (costops_time_parse ("yesterday", &us, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "yesterday"));
  g_clear_error (&error);
  g_assert_false (costops_time_parse ("2025-13-01", &us, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_PARSE);
}

static void
test_dimension_intern (void)
{
  g_autofree char *a = g_strdup ("org-intern-test");
  g_autofree char *b = g_strdup ("org-intern-test");
  const char *shared = costops_dimension_intern (a);

  g_assert_cmpstr (shared, ==, "org-intern-test");
  /* Equal text, one pointer, which is neither buffer. */
  g_assert_true (costops_dimension_intern (b) == shared);
  g_assert_true (shared != a && shared != b);
  g_assert_true (costops_dimension_intern ("org-intern-tesT") != shared);
  g_assert_null (costops_dimension_intern (NULL));
}

static void
fill_usage (CostopsUsageRecord *usage)
{
  usage->id = g_strdup ("req-1");
  usage->timestamp_us = JUNE_FIRST_US;
  usage->provider = COSTOPS_PROVIDER_OPENAI;
  usage->provider_name = costops_dimension_intern ("openai");
  usage->model_name = costops_dimension_intern ("gpt-4o");
  usage->organization_id = costops_dimension_intern ("org-1");
  usage->prompt_tokens = 1000;
  usage->completion_tokens = 500;
  usage->total_tokens = 1500;
}

static void
test_validate (void)
{
  CostopsUsageRecord usage = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 now = JUNE_FIRST_US + G_USEC_PER_SEC;

  fill_usage (&usage);
  g_assert_true (costops_usage_record_validate (&usage, now, &error));
  g_assert_no_error (error);
  /* "Now" itself is not the future. */
  g_assert_true (costops_usage_record_validate (&usage, usage.timestamp_us, &error));

  usage.total_tokens = 0;
  usage.prompt_tokens = usage.completion_tokens = 0;
  g_assert_false (costops_usage_record_validate (&usage, now, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_TOTAL_TOKENS_ZERO);
  g_assert_nonnull (strstr (error->message, "req-1"));
  g_clear_error (&error);

  usage.prompt_tokens = 1000;
  usage.completion_tokens = 500;
  usage.total_tokens = 1501;
  g_assert_false (costops_usage_record_validate (&usage, now, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_TOKEN_SUM_MISMATCH);
  g_assert_nonnull (strstr (error->message, "1501"));
  g_clear_error (&error);

  /* A sum that wraps around 64 bits is a mismatch, not a match. */
  usage.prompt_tokens = G_MAXUINT64;
  usage.completion_tokens = 2;
  usage.total_tokens = 1;
  g_assert_false (costops_usage_record_validate (&usage, now, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_TOKEN_SUM_MISMATCH);
  g_clear_error (&error);
  usage.prompt_tokens = 1000;
  usage.completion_tokens = 500;
  usage.total_tokens = 1500;

  usage.organization_id = costops_dimension_intern ("");
  g_assert_false (costops_usage_record_validate (&usage, now, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_EMPTY_ORGANIZATION);
  g_clear_error (&error);
  usage.organization_id = NULL;
  g_assert_false (costops_usage_record_validate (&usage, now, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_EMPTY_ORGANIZATION);
  g_clear_error (&error);
  usage.organization_id = costops_dimension_intern ("org-1");

  usage.has_cached_tokens = TRUE;
  usage.cached_tokens = 1000;
  g_assert_true (costops_usage_record_validate (&usage, now, &error));
  usage.cached_tokens = 1001;
  g_assert_false (costops_usage_record_validate (&usage, now, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_CACHED_EXCEEDS_PROMPT);
  g_clear_error (&error);
  /* Cached tokens only count when present. */
  usage.has_cached_tokens = FALSE;
  g_assert_true (costops_usage_record_validate (&usage, now, &error));

  usage.timestamp_us = now + 1;
  g_assert_false (costops_usage_record_validate (&usage, now, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_TIMESTAMP_IN_FUTURE);
  g_assert_nonnull (strstr (error->message, "2025-06-01T12:00:01.000001Z"));
  g_clear_error (&error);

  costops_usage_record_clear (&usage);
  g_assert_null (usage.id);
}

static void
test_copy_free (void)
{
  CostopsUsageRecord usage = { 0 };
  g_autoptr(CostopsUsageRecord) usage_copy = NULL;
  CostopsCostRecord cost = { 0 };
  g_autoptr(CostopsCostRecord) cost_copy = NULL;
  CostopsPricingTable table = { 0 };
  g_autoptr(CostopsPricingTable) table_copy = NULL;
  const char *tags[] = { "batch", "eval", NULL };
  char project[] = "p";

  fill_usage (&usage);
  /* A hand-filled record may borrow its dimensions; the copy interns them,
   * so it does not depend on the borrowed buffer. */
  usage.project_id = project;
  usage.tags = g_strdupv ((char **) tags);
  usage_copy = costops_usage_record_copy (&usage);
  g_assert_cmpstr (usage_copy->id, ==, "req-1");
  g_assert_true (usage_copy->id != usage.id);
  g_assert_cmpstr (usage_copy->project_id, ==, "p");
  g_assert_true (usage_copy->project_id == costops_dimension_intern ("p"));
  g_assert_true (usage_copy->model_name == usage.model_name);
  g_assert_null (usage_copy->user_id);
  g_assert_cmpstrv (usage_copy->tags, tags);
  g_assert_cmpuint (usage_copy->total_tokens, ==, 1500);
  costops_usage_record_clear (&usage);
  /* Clearing lets go of the shared strings without freeing them. */
  g_assert_null (usage.project_id);
  g_assert_null (usage.model_name);
  g_assert_cmpstr (costops_dimension_intern ("gpt-4o"), ==, "gpt-4o");

  cost.usage_id = g_strdup ("req-1");
  cost.model_name = costops_dimension_intern ("gpt-4o");
  cost.total_cost = costops_money_from_units (42);
  cost_copy = costops_cost_record_copy (&cost);
  g_assert_cmpstr (cost_copy->usage_id, ==, "req-1");
  g_assert_true (cost_copy->total_cost.units == 42);
  costops_cost_record_clear (&cost);

  table.kind = COSTOPS_PRICING_TIERED;
  table.model_name = costops_dimension_intern ("m");
  table.tiered.n_tiers = 2;
  table.tiered.tiers = g_new0 (CostopsPricingTier, 2);
  table.tiered.tiers[1].min_tokens = 77;
  table_copy = costops_pricing_table_copy (&table);
  g_assert_true (table_copy->tiered.tiers != table.tiered.tiers);
  g_assert_cmpuint (table_copy->tiered.tiers[1].min_tokens, ==, 77);
  costops_pricing_table_clear (&table);
  g_assert_null (table.tiered.tiers);

  /* Freeing NULL is allowed, like g_free(). */
  costops_usage_record_free (NULL);
  costops_cost_record_free (NULL);
  costops_pricing_table_free (NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/records/providers", test_providers);
  g_test_add_func ("/records/currencies", test_currencies);
  g_test_add_func ("/records/time", test_time);
  g_test_add_func ("/records/dimension-intern", test_dimension_intern);
  g_test_add_func ("/records/validate", test_validate);
  g_test_add_func ("/records/copy-free", test_copy_free);

  return g_test_run ();
}
