/* test-oracle.c: compares the calculator with an independent implementation.
 *
 * Generates ORACLE_CASES random cases of all three pricing structures from a
 * fixed seed (cached tokens, discounts, ties, token counts up to 2^62),
 * prices them with costops_calculator_compute(), writes inputs and results
 * to a file, and runs oracle.py, which recomputes every case with Python's
 * decimal module (ROUND_HALF_EVEN) and exits non-zero on any difference.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "costops-calculator.h"
#include "costops-error.h"

#define ORACLE_CASES 120000
#define ORACLE_SEED  20251202
#define MAX_TIERS    5

#define NOW_US       (G_GINT64_CONSTANT (1748779200) * G_USEC_PER_SEC)

static guint64
rand_u64 (GRand *rand)
{
  return ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);
}

/* Uniform enough in [0, bound]: the modulo bias is irrelevant here. */
static guint64
rand_below (GRand   *rand,
            guint64  bound)
{
  if (bound == G_MAXUINT64)
    return rand_u64 (rand);
  return rand_u64 (rand) % (bound + 1);
}

/* Token counts and the largest prices (in 10^-10 units per million) that
 * go with them, so that exact 128-bit arithmetic never overflows: the
 * calculator's overflow errors are tested in test-calculator.c. */
typedef struct {
  guint64 max_tokens;
  guint64 max_price;
  guint64 max_overage;
} Scale;

static const Scale scales[] = {
  { 200000, G_GUINT64_CONSTANT (10000000000000), G_GUINT64_CONSTANT (10000000000000) },
  { 1000000000, G_GUINT64_CONSTANT (10000000000000), G_GUINT64_CONSTANT (10000000000000) },
  { G_GUINT64_CONSTANT (1000000000000000), G_GUINT64_CONSTANT (1000000000000), G_GUINT64_CONSTANT (1000000000000) },
  { G_GUINT64_CONSTANT (4611686018427387904), 1000000000, 1000000 },
};

static const Scale *
pick_scale (GRand *rand)
{
  guint r = (guint) g_rand_int_range (rand, 0, 100);

  if (r < 55)
    return &scales[0];
  if (r < 80)
    return &scales[1];
  if (r < 93)
    return &scales[2];
  return &scales[3];
}

static guint64
rand_price (GRand       *rand,
            const Scale *scale,
            guint64      max)
{
  switch (g_rand_int_range (rand, 0, 6))
    {
    case 0:
      /* Whole cents per million, like most price lists. */
      return rand_below (rand, max / 100000000) * 100000000;
    case 1:
      /* A tie maker: tokens × (k × 10^6 + 500000) / 10^6 ends in .5. */
      return MIN (max, rand_below (rand, 1000) * 1000000 + 500000);
    case 2:
      return rand_below (rand, MIN (max, 1000000));
    default:
      /* All ten decimal places in use. */
      return rand_below (rand, max);
    }
}

static void
set_price (CostopsMoney *money,
           guint64       units)
{
  money->units = (__int128) units;
}

static void
write_result (GString                   *out,
              const CostopsUsageRecord  *usage,
              const CostopsPricingTable *pricing)
{
  g_autoptr(GError) error = NULL;
  CostopsCostBreakdown costs;
  char in[COSTOPS_MONEY_STRING_SIZE], outp[COSTOPS_MONEY_STRING_SIZE], total[COSTOPS_MONEY_STRING_SIZE];

  if (!costops_calculator_compute (usage, pricing, NOW_US, &costs, &error))
    {
      g_string_append_printf (out, " ERR %s\n",
                              g_error_matches (error, COSTOPS_ERROR, COSTOPS_ERROR_NO_TIER)
                              ? "NO_TIER" : error->message);
      return;
    }
  costops_money_format (costs.input_cost, in);
  costops_money_format (costs.output_cost, outp);
  costops_money_format (costs.total_cost, total);
  g_string_append_printf (out, " OK %s %s %s\n", in, outp, total);
}

static void
generate_case (GRand   *rand,
               guint    index,
               GString *out)
{
  const Scale *scale = pick_scale (rand);
  CostopsUsageRecord usage = { 0 };
  CostopsPricingTable pricing = { 0 };
  CostopsPricingTier tiers[MAX_TIERS];
  guint kind = index % 3;

  usage.id = (char *) "oracle";
  usage.timestamp_us = NOW_US - 1;
  usage.provider = COSTOPS_PROVIDER_OPENAI;
  usage.model_name = "m";
  usage.organization_id = "o";
  usage.prompt_tokens = rand_below (rand, scale->max_tokens);
  usage.completion_tokens = rand_below (rand, scale->max_tokens);
  if (usage.prompt_tokens + usage.completion_tokens == 0)
    usage.completion_tokens = 1;
  usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
  if (g_rand_int_range (rand, 0, 10) < 6)
    {
      usage.has_cached_tokens = TRUE;
      switch (g_rand_int_range (rand, 0, 4))
        {
        case 0:
          usage.cached_tokens = 0;
          break;
        case 1:
          usage.cached_tokens = usage.prompt_tokens;
          break;
        default:
          usage.cached_tokens = rand_below (rand, usage.prompt_tokens);
        }
    }

  pricing.provider = COSTOPS_PROVIDER_OPENAI;
  pricing.model_name = "m";
  pricing.effective_us = 0;

  g_string_append_printf (out, "%u %c %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT, index,
                          "TRX"[kind], usage.prompt_tokens, usage.completion_tokens);
  if (usage.has_cached_tokens)
    g_string_append_printf (out, " %" G_GUINT64_FORMAT, usage.cached_tokens);
  else
    g_string_append (out, " -");

  if (kind == 0)
    {
      guint64 in = rand_price (rand, scale, scale->max_price);
      guint64 outp = rand_price (rand, scale, scale->max_price);

      pricing.kind = COSTOPS_PRICING_PER_TOKEN;
      set_price (&pricing.per_token.input_per_million, in);
      set_price (&pricing.per_token.output_per_million, outp);
      g_string_append_printf (out, " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT, in, outp);
      if (g_rand_int_range (rand, 0, 4) > 0)
        {
          static const guint64 special[] = { 0, G_GUINT64_CONSTANT (10000000000), 5000000000, 2500000000 };
          guint64 discount = g_rand_boolean (rand)
                             ? special[g_rand_int_range (rand, 0, G_N_ELEMENTS (special))]
                             : rand_below (rand, G_GUINT64_CONSTANT (10000000000));

          pricing.per_token.has_cached_discount = TRUE;
          set_price (&pricing.per_token.cached_discount, discount);
          g_string_append_printf (out, " %" G_GUINT64_FORMAT, discount);
        }
      else
        {
          g_string_append (out, " -");
        }
    }
  else if (kind == 1)
    {
      guint64 price = rand_price (rand, scale, scale->max_price);
      guint64 included = g_rand_boolean (rand) ? rand_below (rand, scale->max_tokens) : 0;
      guint64 overage = rand_price (rand, scale, scale->max_overage);

      pricing.kind = COSTOPS_PRICING_PER_REQUEST;
      set_price (&pricing.per_request.price_per_request, price);
      pricing.per_request.included_tokens = included;
      set_price (&pricing.per_request.overage_per_million, overage);
      g_string_append_printf (out, " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT,
                              price, included, overage);
    }
  else
    {
      guint n = (guint) g_rand_int_range (rand, 1, MAX_TIERS + 1);
      guint64 width = MAX (scale->max_tokens / n, 1);
      guint64 next = g_rand_boolean (rand) ? 0 : rand_below (rand, width);

      pricing.kind = COSTOPS_PRICING_TIERED;
      pricing.tiered.tiers = tiers;
      pricing.tiered.n_tiers = n;
      g_string_append_printf (out, " %u", n);
      for (guint t = 0; t < n; t++)
        {
          CostopsPricingTier *tier = &tiers[t];

          tier->min_tokens = next;
          /* Only the last tier may be open-ended, and often is; gaps
           * between tiers make some totals fall outside every tier. */
          tier->has_max_tokens = t + 1 < n || g_rand_boolean (rand);
          tier->max_tokens = tier->min_tokens + rand_below (rand, 2 * width);
          set_price (&tier->input_per_million, rand_price (rand, scale, scale->max_price));
          set_price (&tier->output_per_million, rand_price (rand, scale, scale->max_price));
          next = tier->max_tokens + 1 + (g_rand_int_range (rand, 0, 4) == 0 ? rand_below (rand, width / 4) : 0);

          g_string_append_printf (out, " %" G_GUINT64_FORMAT, tier->min_tokens);
          if (tier->has_max_tokens)
            g_string_append_printf (out, " %" G_GUINT64_FORMAT, tier->max_tokens);
          else
            g_string_append (out, " -");
          g_string_append_printf (out, " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT,
                                  (guint64) tier->input_per_million.units,
                                  (guint64) tier->output_per_million.units);
        }
    }

  write_result (out, &usage, &pricing);
}

static void
test_oracle (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (ORACLE_SEED);
  g_autoptr(GString) cases = g_string_sized_new (ORACLE_CASES * 96);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *script = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected_line = NULL;
  int fd, status;

  for (guint i = 0; i < ORACLE_CASES; i++)
    generate_case (rand, i, cases);

  fd = g_file_open_tmp ("costops-oracle-XXXXXX.txt", &path, &error);
  g_assert_no_error (error);
  g_close (fd, NULL);
  g_assert_true (g_file_set_contents (path, cases->str, (gssize) cases->len, &error));
  g_assert_no_error (error);

  script = g_test_build_filename (G_TEST_DIST, "core", "oracle.py", NULL);
  {
    const char *argv[] = { ORACLE_PYTHON, script, path, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, &err, &status, &error));
  }
  g_assert_no_error (error);
  g_test_message ("oracle.py: %s%s", out, err);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);

  /* The script must have checked every case, not merely exited 0. */
  expected_line = g_strdup_printf ("checked %u cases, 0 differences", ORACLE_CASES);
  g_assert_nonnull (strstr (out, expected_line));

  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/calculator/oracle", test_oracle);

  return g_test_run ();
}
