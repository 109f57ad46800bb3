/* test-calculator.c: the worked example, each pricing structure with
 * hand-computed results, rounding, and every error the calculator reports.
 * The random comparison against Python's decimal is test-oracle.c.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib.h>
#include <string.h>

#include "costops-calculator.h"
#include "costops-error.h"

/* 2025-06-01T12:00:00Z and 2025-01-01T00:00:00Z */
#define JUNE_FIRST_US  (G_GINT64_CONSTANT (1748779200) * G_USEC_PER_SEC)
#define NEW_YEAR_US    (G_GINT64_CONSTANT (1735689600) * G_USEC_PER_SEC)
#define NOW_US         (JUNE_FIRST_US + G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)

static CostopsMoney
money (const char *text)
{
  g_autoptr(GError) error = NULL;
  CostopsMoney value;

  g_assert_true (costops_money_parse (text, &value, &error));
  g_assert_no_error (error);
  return value;
}

static void
assert_money (CostopsMoney  value,
              const char   *expected)
{
  char buf[COSTOPS_MONEY_STRING_SIZE];

  costops_money_format (value, buf);
  g_assert_cmpstr (buf, ==, expected);
}

static void
usage_init (CostopsUsageRecord *usage,
            guint64             prompt,
            guint64             completion)
{
  memset (usage, 0, sizeof *usage);
  usage->id = g_strdup ("req-1");
  usage->timestamp_us = JUNE_FIRST_US;
  usage->provider = COSTOPS_PROVIDER_OPENAI;
  usage->provider_name = costops_dimension_intern ("openai");
  usage->model_name = costops_dimension_intern ("gpt-4o");
  usage->organization_id = costops_dimension_intern ("org-1");
  usage->project_id = costops_dimension_intern ("project-a");
  usage->prompt_tokens = prompt;
  usage->completion_tokens = completion;
  usage->total_tokens = prompt + completion;
}

static void
table_init (CostopsPricingTable *table,
            CostopsPricingKind   kind)
{
  memset (table, 0, sizeof *table);
  table->provider = COSTOPS_PROVIDER_OPENAI;
  table->provider_name = costops_dimension_intern ("openai");
  table->model_name = costops_dimension_intern ("gpt-4o");
  table->effective_us = NEW_YEAR_US;
  table->currency = COSTOPS_CURRENCY_USD;
  table->kind = kind;
}

static void
per_token_init (CostopsPricingTable *table,
                const char          *in,
                const char          *out,
                const char          *discount)
{
  table_init (table, COSTOPS_PRICING_PER_TOKEN);
  table->per_token.input_per_million = money (in);
  table->per_token.output_per_million = money (out);
  if (discount != NULL)
    {
      table->per_token.has_cached_discount = TRUE;
      table->per_token.cached_discount = money (discount);
    }
}

static void
assert_costs (const CostopsUsageRecord  *usage,
              const CostopsPricingTable *pricing,
              const char                *input,
              const char                *output,
              const char                *total)
{
  g_autoptr(GError) error = NULL;
  CostopsCostBreakdown costs;

  g_assert_true (costops_calculator_compute (usage, pricing, NOW_US, &costs, &error));
  g_assert_no_error (error);
  assert_money (costs.input_cost, input);
  assert_money (costs.output_cost, output);
  assert_money (costs.total_cost, total);
}

static void
assert_fails (const CostopsUsageRecord  *usage,
              const CostopsPricingTable *pricing,
              CostopsError               code,
              const char                *in_message)
{
  g_autoptr(GError) error = NULL;
  CostopsCostBreakdown costs;

  g_assert_false (costops_calculator_compute (usage, pricing, NOW_US, &costs, &error));
  g_assert_error (error, COSTOPS_ERROR, (gint) code);
  if (in_message != NULL && strstr (error->message, in_message) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, in_message);
}

/* The worked example, through the allocating entry point. */
static void
test_worked_example (void)
{
  CostopsUsageRecord usage;
  CostopsPricingTable pricing;
  g_autoptr(CostopsCostRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  usage_init (&usage, 1000, 500);
  per_token_init (&pricing, "10", "30", NULL);
  pricing.currency = COSTOPS_CURRENCY_EUR;

  record = costops_calculator_calculate (&usage, &pricing, &error);
  g_assert_no_error (error);
  g_assert_nonnull (record);
  assert_money (record->input_cost, "0.0100000000");
  assert_money (record->output_cost, "0.0150000000");
  assert_money (record->total_cost, "0.0250000000");
  g_assert_cmpstr (record->usage_id, ==, "req-1");
  g_assert_cmpint (record->timestamp_us, ==, JUNE_FIRST_US);
  g_assert_cmpint (record->provider, ==, COSTOPS_PROVIDER_OPENAI);
  g_assert_cmpstr (record->provider_name, ==, "openai");
  g_assert_cmpstr (record->model_name, ==, "gpt-4o");
  g_assert_cmpstr (record->organization_id, ==, "org-1");
  g_assert_cmpstr (record->project_id, ==, "project-a");
  g_assert_cmpint (record->currency, ==, COSTOPS_CURRENCY_EUR);

  costops_usage_record_clear (&usage);
  costops_pricing_table_clear (&pricing);
}

/* Records filled by hand may point their dimensions at strings that are
 * not interned: matching compares text, and the cost record gets interned
 * copies that outlive the caller's buffers. */
static void
test_borrowed_dimensions (void)
{
  CostopsUsageRecord usage;
  CostopsPricingTable pricing;
  g_autoptr(CostopsCostRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  char model[] = "gpt-4o";
  char organization[] = "org-borrowed";
  char project[] = "project-borrowed";

  usage_init (&usage, 1000, 500);
  per_token_init (&pricing, "10", "30", NULL);
  usage.model_name = model;
  usage.organization_id = organization;
  usage.project_id = project;
  g_assert_true (usage.model_name != pricing.model_name);

  record = costops_calculator_calculate (&usage, &pricing, &error);
  g_assert_no_error (error);
  assert_money (record->total_cost, "0.0250000000");
  g_assert_true (record->model_name == costops_dimension_intern ("gpt-4o"));
  g_assert_true (record->organization_id == costops_dimension_intern ("org-borrowed"));
  g_assert_true (record->project_id == costops_dimension_intern ("project-borrowed"));
  g_assert_true (record->provider_name == costops_dimension_intern ("openai"));
  /* The caller's buffer may change or die; the record does not care. */
  model[0] = 'X';
  organization[0] = 'X';
  g_assert_cmpstr (record->model_name, ==, "gpt-4o");
  g_assert_cmpstr (record->organization_id, ==, "org-borrowed");

  /* Same length, other text, other buffer: still a mismatch. */
  assert_fails (&usage, &pricing, COSTOPS_ERROR_MODEL_MISMATCH, "Xpt-4o");

  costops_usage_record_clear (&usage);
  costops_pricing_table_clear (&pricing);
}

static void
test_per_token (void)
{
  CostopsUsageRecord usage;
  CostopsPricingTable pricing;

  usage_init (&usage, 10000, 5000);
  usage.has_cached_tokens = TRUE;
  usage.cached_tokens = 2000;

  /* 0.03 − 2000 × 3 / 10^6 × 0.5 = 0.027; 5000 × 15 / 10^6 = 0.075 */
  per_token_init (&pricing, "3", "15", "0.5");
  assert_costs (&usage, &pricing, "0.0270000000", "0.0750000000", "0.1020000000");
  costops_pricing_table_clear (&pricing);

  /* Without a discount cached tokens cost the full price. */
  per_token_init (&pricing, "3", "15", NULL);
  assert_costs (&usage, &pricing, "0.0300000000", "0.0750000000", "0.1050000000");
  costops_pricing_table_clear (&pricing);

  /* A discount of 1 makes cached tokens free: 8000 × 3 / 10^6. */
  per_token_init (&pricing, "3", "15", "1");
  assert_costs (&usage, &pricing, "0.0240000000", "0.0750000000", "0.0990000000");
  costops_pricing_table_clear (&pricing);

  costops_usage_record_clear (&usage);
}

/* Each part is rounded once, half-even, to ten places. */
static void
test_per_token_rounding (void)
{
  static const struct {
    guint64 completion;
    const char *output;
  } ties[] = {
    /* 0.00005 per million = 500,000 units / 10^6: half a unit per token. */
    { 1, "0.0000000000" },   /* 0.5 -> 0 */
    { 3, "0.0000000002" },   /* 1.5 -> 2 */
    { 5, "0.0000000002" },   /* 2.5 -> 2 */
    { 7, "0.0000000004" },   /* 3.5 -> 4 */
    { 8, "0.0000000004" },   /* 4.0 */
  };
  CostopsUsageRecord usage;
  CostopsPricingTable pricing;

  per_token_init (&pricing, "0", "0.00005", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (ties); i++)
    {
      usage_init (&usage, 1, ties[i].completion);
      assert_costs (&usage, &pricing, "0.0000000000", ties[i].output, ties[i].output);
      costops_usage_record_clear (&usage);
    }
  costops_pricing_table_clear (&pricing);

  /* 26 × 0.00001 / 10^6 = 2.6 units, minus 4 × ... × 0.5 = 0.2 units:
   * exactly 2.4, so 2 units. Rounding each term first would give 3 − 0. */
  usage_init (&usage, 26, 0);
  usage.completion_tokens = 1;
  usage.total_tokens = 27;
  usage.has_cached_tokens = TRUE;
  usage.cached_tokens = 4;
  per_token_init (&pricing, "0.00001", "0", "0.5");
  assert_costs (&usage, &pricing, "0.0000000002", "0.0000000000", "0.0000000002");
  costops_pricing_table_clear (&pricing);
  costops_usage_record_clear (&usage);
}

static void
test_per_request (void)
{
  CostopsUsageRecord usage;
  CostopsPricingTable pricing;

  table_init (&pricing, COSTOPS_PRICING_PER_REQUEST);
  pricing.per_request.price_per_request = money ("0.002");
  pricing.per_request.included_tokens = 1000;
  pricing.per_request.overage_per_million = money ("1.5");

  /* 0.002 + 500 × 1.5 / 10^6 = 0.00275; input 0.00275 × 1000 / 1500. */
  usage_init (&usage, 1000, 500);
  assert_costs (&usage, &pricing, "0.0018333333", "0.0009166667", "0.0027500000");
  costops_usage_record_clear (&usage);

  /* Within the included tokens: the price alone, split 3:1. */
  usage_init (&usage, 600, 200);
  assert_costs (&usage, &pricing, "0.0015000000", "0.0005000000", "0.0020000000");
  costops_usage_record_clear (&usage);

  /* Exactly the included tokens: no overage. */
  usage_init (&usage, 500, 500);
  assert_costs (&usage, &pricing, "0.0010000000", "0.0010000000", "0.0020000000");
  costops_usage_record_clear (&usage);
  costops_pricing_table_clear (&pricing);

  /* The split rounds the input half-even; the output is the remainder. */
  table_init (&pricing, COSTOPS_PRICING_PER_REQUEST);
  pricing.per_request.price_per_request = money ("0.0000000003");
  usage_init (&usage, 1, 1);
  assert_costs (&usage, &pricing, "0.0000000002", "0.0000000001", "0.0000000003");
  costops_usage_record_clear (&usage);
  pricing.per_request.price_per_request = money ("0.0000000005");
  usage_init (&usage, 1, 1);
  assert_costs (&usage, &pricing, "0.0000000002", "0.0000000003", "0.0000000005");
  costops_usage_record_clear (&usage);
  costops_pricing_table_clear (&pricing);
}

static void
tiered_init (CostopsPricingTable *pricing)
{
  table_init (pricing, COSTOPS_PRICING_TIERED);
  pricing->tiered.n_tiers = 3;
  pricing->tiered.tiers = g_new0 (CostopsPricingTier, 3);
  pricing->tiered.tiers[0] = (CostopsPricingTier) { 0, TRUE, 1000, money ("1"), money ("2") };
  pricing->tiered.tiers[1] = (CostopsPricingTier) { 1001, TRUE, 10000, money ("0.5"), money ("1") };
  pricing->tiered.tiers[2] = (CostopsPricingTier) { 20000, FALSE, 0, money ("0.25"), money ("0.5") };
}

static void
test_tiered (void)
{
  CostopsUsageRecord usage;
  CostopsPricingTable pricing;

  tiered_init (&pricing);

  /* The tier of the total prices the whole request. */
  usage_init (&usage, 1000, 500);
  assert_costs (&usage, &pricing, "0.0005000000", "0.0005000000", "0.0010000000");
  costops_usage_record_clear (&usage);

  /* Bounds are inclusive. */
  usage_init (&usage, 600, 400);
  assert_costs (&usage, &pricing, "0.0006000000", "0.0008000000", "0.0014000000");
  costops_usage_record_clear (&usage);
  usage_init (&usage, 1001, 0);
  assert_costs (&usage, &pricing, "0.0005005000", "0.0000000000", "0.0005005000");
  costops_usage_record_clear (&usage);

  /* No maximum: unbounded. */
  usage_init (&usage, 40000, 10000);
  assert_costs (&usage, &pricing, "0.0100000000", "0.0050000000", "0.0150000000");
  costops_usage_record_clear (&usage);

  /* The gap between 10,000 and 20,000. */
  usage_init (&usage, 10000, 5000);
  assert_fails (&usage, &pricing, COSTOPS_ERROR_NO_TIER, "no tier covers 15000 tokens");
  costops_usage_record_clear (&usage);

  costops_pricing_table_clear (&pricing);
}

static void
test_validation_errors (void)
{
  CostopsUsageRecord usage;
  CostopsPricingTable pricing;

  per_token_init (&pricing, "10", "30", NULL);

  usage_init (&usage, 0, 0);
  assert_fails (&usage, &pricing, COSTOPS_ERROR_TOTAL_TOKENS_ZERO, "req-1");
  costops_usage_record_clear (&usage);

  usage_init (&usage, 1000, 500);
  usage.total_tokens = 1499;
  assert_fails (&usage, &pricing, COSTOPS_ERROR_TOKEN_SUM_MISMATCH, "1499");
  costops_usage_record_clear (&usage);

  usage_init (&usage, 1000, 500);
  usage.organization_id = costops_dimension_intern ("");
  assert_fails (&usage, &pricing, COSTOPS_ERROR_EMPTY_ORGANIZATION, "organization_id");
  costops_usage_record_clear (&usage);

  usage_init (&usage, 1000, 500);
  usage.has_cached_tokens = TRUE;
  usage.cached_tokens = 1001;
  assert_fails (&usage, &pricing, COSTOPS_ERROR_CACHED_EXCEEDS_PROMPT, "cached_tokens");
  costops_usage_record_clear (&usage);

  usage_init (&usage, 1000, 500);
  usage.timestamp_us = NOW_US + 1;
  assert_fails (&usage, &pricing, COSTOPS_ERROR_TIMESTAMP_IN_FUTURE, "future");
  costops_usage_record_clear (&usage);

  costops_pricing_table_clear (&pricing);
}

static void
test_match_errors (void)
{
  CostopsUsageRecord usage;
  CostopsPricingTable pricing;

  per_token_init (&pricing, "10", "30", NULL);
  usage_init (&usage, 1000, 500);

  usage.provider = COSTOPS_PROVIDER_ANTHROPIC;
  assert_fails (&usage, &pricing, COSTOPS_ERROR_PROVIDER_MISMATCH, "anthropic");
  usage.provider = COSTOPS_PROVIDER_OPENAI;

  usage.model_name = costops_dimension_intern ("gpt-4o-mini");
  assert_fails (&usage, &pricing, COSTOPS_ERROR_MODEL_MISMATCH, "gpt-4o-mini");
  usage.model_name = costops_dimension_intern ("gpt-4o");

  /* In effect from effective_us (included) until end_us (excluded). */
  usage.timestamp_us = NEW_YEAR_US - 1;
  assert_fails (&usage, &pricing, COSTOPS_ERROR_PRICING_NOT_IN_EFFECT, "2024-12-31T23:59:59.999999Z");
  assert_fails (&usage, &pricing, COSTOPS_ERROR_PRICING_NOT_IN_EFFECT,
                "(effective from 2025-01-01T00:00:00Z with no end date)");
  usage.timestamp_us = NEW_YEAR_US;
  assert_costs (&usage, &pricing, "0.0100000000", "0.0150000000", "0.0250000000");
  pricing.has_end = TRUE;
  pricing.end_us = JUNE_FIRST_US;
  usage.timestamp_us = JUNE_FIRST_US - 1;
  assert_costs (&usage, &pricing, "0.0100000000", "0.0150000000", "0.0250000000");
  usage.timestamp_us = JUNE_FIRST_US;
  assert_fails (&usage, &pricing, COSTOPS_ERROR_PRICING_NOT_IN_EFFECT, "not in effect");
  assert_fails (&usage, &pricing, COSTOPS_ERROR_PRICING_NOT_IN_EFFECT,
                "(effective from 2025-01-01T00:00:00Z until 2025-06-01T12:00:00Z)");
  costops_pricing_table_clear (&pricing);
  costops_usage_record_clear (&usage);

  /* Custom providers match by name, ignoring case. */
  per_token_init (&pricing, "10", "30", NULL);
  pricing.provider = COSTOPS_PROVIDER_CUSTOM;
  pricing.provider_name = costops_dimension_intern ("Together");
  usage_init (&usage, 1000, 500);
  usage.provider = COSTOPS_PROVIDER_CUSTOM;
  usage.provider_name = costops_dimension_intern ("together");
  assert_costs (&usage, &pricing, "0.0100000000", "0.0150000000", "0.0250000000");
  usage.provider_name = costops_dimension_intern ("fireworks");
  assert_fails (&usage, &pricing, COSTOPS_ERROR_PROVIDER_MISMATCH, "fireworks");
  costops_pricing_table_clear (&pricing);
  costops_usage_record_clear (&usage);
}

static void
test_arithmetic_errors (void)
{
  CostopsUsageRecord usage;
  CostopsPricingTable pricing;

  /* 10^19 per million (10^29 units) × 10^18 tokens does not fit 128 bits. */
  usage_init (&usage, G_GUINT64_CONSTANT (1000000000000000000), 1);
  per_token_init (&pricing, "10000000000000000000", "0", NULL);
  assert_fails (&usage, &pricing, COSTOPS_ERROR_OVERFLOW, "input");
  costops_pricing_table_clear (&pricing);
  per_token_init (&pricing, "0", "10000000000000000000", NULL);
  costops_usage_record_clear (&usage);
  usage_init (&usage, 1, G_GUINT64_CONSTANT (1000000000000000000));
  assert_fails (&usage, &pricing, COSTOPS_ERROR_OVERFLOW, "output");
  costops_pricing_table_clear (&pricing);
  costops_usage_record_clear (&usage);

  /* The discounted path overflows too rather than wrapping. */
  usage_init (&usage, G_GUINT64_CONSTANT (1000000000000000000), 1);
  usage.has_cached_tokens = TRUE;
  usage.cached_tokens = 1;
  per_token_init (&pricing, "10000000000", "0", "0.5");
  assert_fails (&usage, &pricing, COSTOPS_ERROR_OVERFLOW, "input");
  costops_pricing_table_clear (&pricing);
  costops_usage_record_clear (&usage);

  /* Hand-built tables with impossible values are refused. */
  usage_init (&usage, 1000, 500);
  per_token_init (&pricing, "-1", "30", NULL);
  assert_fails (&usage, &pricing, COSTOPS_ERROR_INVALID_FIELD, "input_per_million");
  costops_pricing_table_clear (&pricing);
  per_token_init (&pricing, "1", "30", "1.5");
  usage.has_cached_tokens = TRUE;
  usage.cached_tokens = 10;
  assert_fails (&usage, &pricing, COSTOPS_ERROR_INVALID_FIELD, "cached_input_discount");
  costops_pricing_table_clear (&pricing);
  table_init (&pricing, COSTOPS_PRICING_PER_REQUEST);
  pricing.per_request.overage_per_million = money ("-2");
  assert_fails (&usage, &pricing, COSTOPS_ERROR_INVALID_FIELD, "overage_per_million");
  costops_pricing_table_clear (&pricing);
  costops_usage_record_clear (&usage);
}

static CostopsPricingTable *
new_table (CostopsProviderKind  provider,
           const char          *model,
           gint64               effective_us,
           gint64               end_us,
           const char          *in)
{
  CostopsPricingTable *table = g_new0 (CostopsPricingTable, 1);

  per_token_init (table, in, "1", NULL);
  table->provider = provider;
  table->provider_name = costops_dimension_intern (costops_provider_to_string (provider, NULL));
  table->model_name = costops_dimension_intern (model);
  table->effective_us = effective_us;
  table->has_end = end_us != 0;
  table->end_us = end_us;
  return table;
}

static void
test_select_pricing (void)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func ((GDestroyNotify) costops_pricing_table_free);
  gint64 year = G_GINT64_CONSTANT (365) * 24 * 3600 * G_USEC_PER_SEC;
  const CostopsPricingTable *found;
  CostopsUsageRecord usage;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (tables, new_table (COSTOPS_PROVIDER_OPENAI, "gpt-4o", NEW_YEAR_US - year, NEW_YEAR_US, "5"));
  g_ptr_array_add (tables, new_table (COSTOPS_PROVIDER_OPENAI, "gpt-4o", NEW_YEAR_US, 0, "2.5"));
  /* Overlaps the one above from June: the later effective date wins. */
  g_ptr_array_add (tables, new_table (COSTOPS_PROVIDER_OPENAI, "gpt-4o", JUNE_FIRST_US, 0, "2"));
  g_ptr_array_add (tables, new_table (COSTOPS_PROVIDER_OPENAI, "gpt-4o-mini", NEW_YEAR_US, 0, "0.15"));
  g_ptr_array_add (tables, new_table (COSTOPS_PROVIDER_ANTHROPIC, "claude", NEW_YEAR_US, 0, "3"));

  usage_init (&usage, 1000, 500);
  usage.timestamp_us = JUNE_FIRST_US - 1;
  found = costops_calculator_select_pricing (tables, &usage, &error);
  g_assert_no_error (error);
  g_assert_true (found == g_ptr_array_index (tables, 1));
  usage.timestamp_us = JUNE_FIRST_US;
  found = costops_calculator_select_pricing (tables, &usage, &error);
  g_assert_true (found == g_ptr_array_index (tables, 2));
  usage.timestamp_us = NEW_YEAR_US - 1;
  found = costops_calculator_select_pricing (tables, &usage, &error);
  g_assert_true (found == g_ptr_array_index (tables, 0));

  usage.timestamp_us = NEW_YEAR_US - 2 * year;
  g_assert_null (costops_calculator_select_pricing (tables, &usage, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_PRICING_NOT_IN_EFFECT);
  g_clear_error (&error);
  usage.timestamp_us = JUNE_FIRST_US;

  usage.model_name = costops_dimension_intern ("o3");
  g_assert_null (costops_calculator_select_pricing (tables, &usage, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_MODEL_MISMATCH);
  g_assert_nonnull (strstr (error->message, "o3"));
  g_clear_error (&error);

  usage.provider = COSTOPS_PROVIDER_GOOGLE;
  g_assert_null (costops_calculator_select_pricing (tables, &usage, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_PROVIDER_MISMATCH);
  g_assert_nonnull (strstr (error->message, "google"));

  costops_usage_record_clear (&usage);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/calculator/worked-example", test_worked_example);
  g_test_add_func ("/calculator/borrowed-dimensions", test_borrowed_dimensions);
  g_test_add_func ("/calculator/per-token", test_per_token);
  g_test_add_func ("/calculator/per-token-rounding", test_per_token_rounding);
  g_test_add_func ("/calculator/per-request", test_per_request);
  g_test_add_func ("/calculator/tiered", test_tiered);
  g_test_add_func ("/calculator/errors/validation", test_validation_errors);
  g_test_add_func ("/calculator/errors/match", test_match_errors);
  g_test_add_func ("/calculator/errors/arithmetic", test_arithmetic_errors);
  g_test_add_func ("/calculator/select-pricing", test_select_pricing);

  return g_test_run ();
}
