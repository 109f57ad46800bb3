/* target-aggregator.c: aggregation of 1,000 cost records per operation.
 *
 * The records span seven providers (three models each), five organisations,
 * twenty projects and one week. They are made the way the engine makes
 * them: usage records whose dimension strings come from
 * costops_dimension_intern() (as the JSON and database loaders do), priced
 * by costops_calculator_select_pricing() and
 * costops_calculator_calculate_at() with per-token prices that use all ten
 * decimal places. So the aggregator sees exactly the records that
 * `cost-ops calculate` or a storage read would give it, interned strings
 * and all. One operation is the total, count and average, the four
 * breakdowns and hourly windows over the week.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bench-targets.h"
#include "costops-aggregator.h"
#include "costops-calculator.h"

#define N_RECORDS        1000
#define N_PROVIDERS      7
#define N_MODELS_EACH    3
#define N_ORGANIZATIONS  5
#define N_PROJECTS       20
#define WINDOW_HOURS     1
#define WEEK_US          (G_GINT64_CONSTANT (7) * 24 * 3600 * G_USEC_PER_SEC)
/* 2025-12-01T00:00:00Z, a Monday: fixed so that every run sees the same data. */
#define WEEK_START_US    (G_GINT64_CONSTANT (1764547200) * G_USEC_PER_SEC)
#define SEED             20251201

typedef struct {
  CostopsCostRecord *records[N_RECORDS];
  CostopsAggregator *aggregator;
} AggregatorState;

static const char * const model_names[N_PROVIDERS][N_MODELS_EACH] = {
  { "gpt-4o", "gpt-4o-mini", "o3-mini" },
  { "claude-sonnet-4-5", "claude-haiku-4-5", "claude-opus-4-1" },
  { "gemini-2.5-pro", "gemini-2.5-flash", "gemini-2.0-flash-lite" },
  { "azure-gpt-4o", "azure-gpt-4.1", "azure-o4-mini" },
  { "amazon.nova-pro-v1", "amazon.nova-lite-v1", "meta.llama3-70b" },
  { "command-r-plus", "command-r", "command-light" },
  { "mistral-large-latest", "mistral-small-latest", "codestral-latest" },
};

static void
aggregator_teardown (gpointer data)
{
  AggregatorState *state = data;

  for (guint i = 0; i < N_RECORDS; i++)
    costops_cost_record_free (state->records[i]);
  costops_aggregator_free (state->aggregator);
  g_free (state);
}

/* A price per million tokens from 0.05 to 15 with all ten decimal places. */
static CostopsMoney
random_price (GRand *rand)
{
  return costops_money_from_units ((__int128) g_rand_int_range (rand, 5000000, 1500000000) * 100);
}

/* One per-token table per model, in effect for the whole week; every
 * other one discounts cached input. */
static GPtrArray *
make_pricing_tables (GRand *rand)
{
  GPtrArray *tables = g_ptr_array_new_with_free_func ((GDestroyNotify) costops_pricing_table_free);

  for (guint p = 0; p < N_PROVIDERS; p++)
    for (guint m = 0; m < N_MODELS_EACH; m++)
      {
        CostopsPricingTable *table = g_new0 (CostopsPricingTable, 1);

        table->provider = (CostopsProviderKind) p;
        table->provider_name = costops_dimension_intern (costops_provider_to_string (table->provider, NULL));
        table->model_name = costops_dimension_intern (model_names[p][m]);
        table->effective_us = WEEK_START_US - WEEK_US;
        table->currency = COSTOPS_CURRENCY_USD;
        table->kind = COSTOPS_PRICING_PER_TOKEN;
        table->per_token.input_per_million = random_price (rand);
        table->per_token.output_per_million = random_price (rand);
        table->per_token.has_cached_discount = tables->len % 2 == 0;
        table->per_token.cached_discount = costops_money_from_units (G_GINT64_CONSTANT (5000000000));
        g_ptr_array_add (tables, table);
      }
  return tables;
}

/* A usage record as a loader returns it: owned ids, interned dimensions. */
static void
make_usage (CostopsUsageRecord *usage,
            guint               index,
            GRand              *rand)
{
  guint provider = (guint) g_rand_int_range (rand, 0, N_PROVIDERS);
  char text[32];

  memset (usage, 0, sizeof *usage);
  usage->id = g_strdup_printf ("usage-%06u", index);
  usage->timestamp_us = WEEK_START_US + (gint64) (g_rand_double (rand) * (double) WEEK_US);
  usage->provider = (CostopsProviderKind) provider;
  usage->provider_name = costops_dimension_intern (costops_provider_to_string (usage->provider, NULL));
  usage->model_name = costops_dimension_intern (model_names[provider][g_rand_int_range (rand, 0, N_MODELS_EACH)]);
  g_snprintf (text, sizeof text, "org-%02d", g_rand_int_range (rand, 1, N_ORGANIZATIONS + 1));
  usage->organization_id = costops_dimension_intern (text);
  g_snprintf (text, sizeof text, "project-%02d", g_rand_int_range (rand, 1, N_PROJECTS + 1));
  usage->project_id = costops_dimension_intern (text);
  usage->prompt_tokens = (guint64) g_rand_int_range (rand, 50, 20000);
  usage->completion_tokens = (guint64) g_rand_int_range (rand, 10, 4000);
  usage->total_tokens = usage->prompt_tokens + usage->completion_tokens;
  usage->has_cached_tokens = g_rand_boolean (rand);
  usage->cached_tokens = usage->has_cached_tokens ? usage->prompt_tokens / 3 : 0;
}

static gpointer
aggregator_setup (const BenchTarget  *target,
                  GError            **error)
{
  AggregatorState *state = g_new0 (AggregatorState, 1);
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autoptr(GPtrArray) tables = make_pricing_tables (rand);

  for (guint i = 0; i < N_RECORDS; i++)
    {
      CostopsUsageRecord usage;
      const CostopsPricingTable *pricing;

      make_usage (&usage, i, rand);
      pricing = costops_calculator_select_pricing (tables, &usage, error);
      if (pricing != NULL)
        state->records[i] = costops_calculator_calculate_at (&usage, pricing,
                                                             WEEK_START_US + WEEK_US, error);
      costops_usage_record_clear (&usage);
      if (state->records[i] == NULL)
        {
          aggregator_teardown (state);
          return NULL;
        }
    }

  state->aggregator = costops_aggregator_new ();
  return state;
}

static gboolean
aggregator_run (gpointer   data,
                guint64    iterations,
                GError   **error)
{
  AggregatorState *state = data;

  for (guint64 i = 0; i < iterations; i++)
    {
      if (!costops_aggregator_run (state->aggregator, (const CostopsCostRecord * const *) state->records,
                                   N_RECORDS, WEEK_START_US, WEEK_START_US + WEEK_US, WINDOW_HOURS, error))
        return FALSE;
      bench_keep ((guint64) costops_aggregator_get_total_cost (state->aggregator).units);
    }
  return TRUE;
}

static gboolean
aggregator_add_metrics (gpointer       data,
                        BenchContext  *context,
                        JsonObject    *metrics,
                        GError       **error)
{
  AggregatorState *state = data;
  static const struct {
    CostopsDimension dimension;
    const char      *name;
  } dimensions[] = {
    { COSTOPS_DIMENSION_PROVIDER, "providers" },
    { COSTOPS_DIMENSION_MODEL, "models" },
    { COSTOPS_DIMENSION_ORGANIZATION, "organizations" },
    { COSTOPS_DIMENSION_PROJECT, "projects" },
  };
  char buf[COSTOPS_MONEY_STRING_SIZE];
  gsize n;

  /* One more run so that the figures describe exactly what was measured. */
  if (!aggregator_run (state, 1, error))
    return FALSE;

  json_object_set_int_member (metrics, "records_per_operation", N_RECORDS);
  json_object_set_int_member (metrics, "records_in_period",
                              (gint64) costops_aggregator_get_request_count (state->aggregator));
  for (guint i = 0; i < G_N_ELEMENTS (dimensions); i++)
    {
      costops_aggregator_get_groups (state->aggregator, dimensions[i].dimension, &n);
      json_object_set_int_member (metrics, dimensions[i].name, (gint64) n);
    }
  costops_aggregator_get_windows (state->aggregator, &n);
  json_object_set_int_member (metrics, "window_hours", WINDOW_HOURS);
  json_object_set_int_member (metrics, "windows", (gint64) n);
  costops_money_format (costops_aggregator_get_total_cost (state->aggregator), buf);
  json_object_set_string_member (metrics, "total_cost", buf);
  costops_money_format (costops_aggregator_get_average_cost (state->aggregator), buf);
  json_object_set_string_member (metrics, "average_cost", buf);
  return TRUE;
}

const BenchTarget bench_target_aggregator = {
  .id = "aggregator",
  .display_name = N_("Aggregator"),
  .category = "engine",
  .description = N_("Totals, breakdowns and hourly windows over 1,000 cost records of one week"),
  .setup = aggregator_setup,
  .run_iterations = aggregator_run,
  .add_metrics = aggregator_add_metrics,
  .teardown = aggregator_teardown,
};
