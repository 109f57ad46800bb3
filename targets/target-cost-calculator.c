/* target-cost-calculator.c: one exact cost calculation per operation.
 *
 * The seed's workload: a per-token price for 10,000 prompt tokens (2,000 of
 * them cached) and 5,000 completion tokens. Each operation validates the
 * usage record, matches the pricing table and computes the exact costs, as
 * costops_calculator_compute() always does. The per_request and tiered
 * structures are measured the same way for the target's own metrics.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "bench-targets.h"
#include "costops-calculator.h"

#define PROMPT_TOKENS     10000
#define COMPLETION_TOKENS 5000
#define CACHED_TOKENS     2000

typedef struct {
  CostopsUsageRecord   usage;
  CostopsPricingTable  per_token;
  CostopsPricingTable  per_request;
  CostopsPricingTable  tiered;
  /* "Now" for the future-timestamp rule, read once: the rule is part of
   * every operation, the clock is not. */
  gint64               now_us;
} CalculatorState;

static CostopsMoney
money (const char *text)
{
  CostopsMoney value;

  /* Literals below; a failure here is a programming error. */
  if (!costops_money_parse (text, &value, NULL))
    g_assert_not_reached ();
  return value;
}

static void
init_table (CostopsPricingTable *table,
            CostopsPricingKind   kind,
            gint64               effective_us)
{
  table->provider = COSTOPS_PROVIDER_OPENAI;
  table->provider_name = costops_dimension_intern ("openai");
  table->model_name = costops_dimension_intern ("gpt-4o");
  table->effective_us = effective_us;
  table->currency = COSTOPS_CURRENCY_USD;
  table->kind = kind;
}

static void
calculator_teardown (gpointer data)
{
  CalculatorState *state = data;

  costops_usage_record_clear (&state->usage);
  costops_pricing_table_clear (&state->per_token);
  costops_pricing_table_clear (&state->per_request);
  costops_pricing_table_clear (&state->tiered);
  g_free (state);
}

static gpointer
calculator_setup (const BenchTarget  *target,
                  GError            **error)
{
  CalculatorState *state = g_new0 (CalculatorState, 1);
  gint64 effective_us;

  state->now_us = g_get_real_time ();
  effective_us = state->now_us - G_GINT64_CONSTANT (365) * 24 * 3600 * G_USEC_PER_SEC;

  state->usage.id = g_strdup ("bench-usage-1");
  state->usage.timestamp_us = state->now_us - G_GINT64_CONSTANT (60) * G_USEC_PER_SEC;
  state->usage.provider = COSTOPS_PROVIDER_OPENAI;
  state->usage.provider_name = costops_dimension_intern ("openai");
  state->usage.model_name = costops_dimension_intern ("gpt-4o");
  state->usage.context_window = 128000;
  state->usage.organization_id = costops_dimension_intern ("org-bench");
  state->usage.project_id = costops_dimension_intern ("project-bench");
  state->usage.prompt_tokens = PROMPT_TOKENS;
  state->usage.completion_tokens = COMPLETION_TOKENS;
  state->usage.total_tokens = PROMPT_TOKENS + COMPLETION_TOKENS;
  state->usage.has_cached_tokens = TRUE;
  state->usage.cached_tokens = CACHED_TOKENS;

  init_table (&state->per_token, COSTOPS_PRICING_PER_TOKEN, effective_us);
  state->per_token.per_token.input_per_million = money ("2.5");
  state->per_token.per_token.output_per_million = money ("10");
  state->per_token.per_token.has_cached_discount = TRUE;
  state->per_token.per_token.cached_discount = money ("0.5");

  init_table (&state->per_request, COSTOPS_PRICING_PER_REQUEST, effective_us);
  state->per_request.per_request.price_per_request = money ("0.002");
  state->per_request.per_request.included_tokens = 8000;
  state->per_request.per_request.overage_per_million = money ("1.5");

  /* 15,000 tokens fall in the second tier, so the search is not trivial. */
  init_table (&state->tiered, COSTOPS_PRICING_TIERED, effective_us);
  state->tiered.tiered.n_tiers = 3;
  state->tiered.tiered.tiers = g_new0 (CostopsPricingTier, 3);
  state->tiered.tiered.tiers[0] = (CostopsPricingTier) { 0, TRUE, 8191, money ("3"), money ("15") };
  state->tiered.tiered.tiers[1] = (CostopsPricingTier) { 8192, TRUE, 32767, money ("6"), money ("30") };
  state->tiered.tiered.tiers[2] = (CostopsPricingTier) { 32768, FALSE, 0, money ("12"), money ("60") };

  return state;
}

static inline gboolean
run_with (CalculatorState           *state,
          const CostopsPricingTable *pricing,
          guint64                    iterations,
          GError                   **error)
{
  for (guint64 i = 0; i < iterations; i++)
    {
      CostopsCostBreakdown costs;

      if (!costops_calculator_compute (&state->usage, pricing, state->now_us, &costs, error))
        return FALSE;
      bench_keep ((guint64) costs.total_cost.units);
    }
  return TRUE;
}

static gboolean
calculator_run_per_token (gpointer   data,
                          guint64    iterations,
                          GError   **error)
{
  CalculatorState *state = data;
  return run_with (state, &state->per_token, iterations, error);
}

static gboolean
calculator_run_per_request (gpointer   data,
                            guint64    iterations,
                            GError   **error)
{
  CalculatorState *state = data;
  return run_with (state, &state->per_request, iterations, error);
}

static gboolean
calculator_run_tiered (gpointer   data,
                       guint64    iterations,
                       GError   **error)
{
  CalculatorState *state = data;
  return run_with (state, &state->tiered, iterations, error);
}

static void
add_costs (JsonObject                *metrics,
           const char                *prefix,
           const CostopsCostBreakdown *costs)
{
  char buf[COSTOPS_MONEY_STRING_SIZE];
  g_autofree char *name = g_strconcat (prefix, "_total_cost", NULL);

  costops_money_format (costs->total_cost, buf);
  json_object_set_string_member (metrics, name, buf);
}

static gboolean
calculator_add_metrics (gpointer       data,
                        BenchContext  *context,
                        JsonObject    *metrics,
                        GError       **error)
{
  CalculatorState *state = data;
  const struct {
    const char                *name;
    const CostopsPricingTable *table;
    BenchIterationsFunc        func;
  } variants[] = {
    { "per_token", &state->per_token, NULL },
    { "per_request", &state->per_request, calculator_run_per_request },
    { "tiered", &state->tiered, calculator_run_tiered },
  };

  json_object_set_string_member (metrics, "workload",
                                 "per_token: 10000 prompt (2000 cached) + 5000 completion tokens");
  json_object_set_int_member (metrics, "prompt_tokens", PROMPT_TOKENS);
  json_object_set_int_member (metrics, "completion_tokens", COMPLETION_TOKENS);
  json_object_set_int_member (metrics, "cached_tokens", CACHED_TOKENS);

  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      CostopsCostBreakdown costs;

      /* The exact result, so a reader can check what was computed. */
      if (!costops_calculator_compute (&state->usage, variants[i].table, state->now_us, &costs, error))
        return FALSE;
      add_costs (metrics, variants[i].name, &costs);

      if (variants[i].func != NULL)
        {
          g_autofree char *name = g_strconcat (variants[i].name, "_operations_per_second", NULL);
          double ops;

          if (!bench_context_measure (context, variants[i].func, state, &ops, error))
            return FALSE;
          json_object_set_double_member (metrics, name, ops);
        }
    }
  return TRUE;
}

const BenchTarget bench_target_cost_calculator = {
  .id = "cost_calculator",
  .display_name = N_("Cost calculator"),
  .category = "engine",
  .description = N_("Exact per-token cost of 10,000 prompt (2,000 cached) and 5,000 completion tokens"),
  .setup = calculator_setup,
  .run_iterations = calculator_run_per_token,
  .add_metrics = calculator_add_metrics,
  .teardown = calculator_teardown,
};
