/* target-aggregator.c: aggregation of 1,000 cost records per operation.
 *
 * The records span seven providers (three models each), five organisations,
 * twenty projects and one week, with every string owned by its record as it
 * would be after loading them from a file or a database, so grouping cannot
 * take shortcuts through shared pointers. One operation is the total,
 * count and average, the four breakdowns and hourly windows over the week.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "bench-targets.h"
#include "costops-aggregator.h"

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
  CostopsCostRecord  records[N_RECORDS];
  const CostopsCostRecord *pointers[N_RECORDS];
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
    costops_cost_record_clear (&state->records[i]);
  costops_aggregator_free (state->aggregator);
  g_free (state);
}

static gpointer
aggregator_setup (const BenchTarget  *target,
                  GError            **error)
{
  AggregatorState *state = g_new0 (AggregatorState, 1);
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);

  for (guint i = 0; i < N_RECORDS; i++)
    {
      CostopsCostRecord *record = &state->records[i];
      guint provider = (guint) g_rand_int_range (rand, 0, N_PROVIDERS);
      /* Costs up to 0.5 with all ten decimal places in use. */
      __int128 input = g_rand_int_range (rand, 0, 1000000000) * (__int128) 3;
      __int128 output = g_rand_int_range (rand, 0, 1000000000) * (__int128) 2;

      record->usage_id = g_strdup_printf ("usage-%06u", i);
      record->timestamp_us = WEEK_START_US + (gint64) (g_rand_double (rand) * (double) WEEK_US);
      record->provider = (CostopsProviderKind) provider;
      record->provider_name = g_strdup (costops_provider_to_string (record->provider, NULL));
      record->model_name = g_strdup (model_names[provider][g_rand_int_range (rand, 0, N_MODELS_EACH)]);
      record->organization_id = g_strdup_printf ("org-%02d", g_rand_int_range (rand, 1, N_ORGANIZATIONS + 1));
      record->project_id = g_strdup_printf ("project-%02d", g_rand_int_range (rand, 1, N_PROJECTS + 1));
      record->input_cost = costops_money_from_units (input);
      record->output_cost = costops_money_from_units (output);
      record->total_cost = costops_money_from_units (input + output);
      record->currency = COSTOPS_CURRENCY_USD;
      state->pointers[i] = record;
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
      if (!costops_aggregator_run (state->aggregator, state->pointers, N_RECORDS,
                                   WEEK_START_US, WEEK_START_US + WEEK_US, WINDOW_HOURS, error))
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
