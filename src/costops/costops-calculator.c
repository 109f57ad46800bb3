/* costops-calculator.c: exact cost calculation (rules in costops-calculator.h).
 *
 * Prices are held as 10^-10 units per million tokens, so a cost in units is
 * tokens × price_units / 10^6, and the cached-token discount (also in 10^-10
 * units, 0..10^10) adds a further / 10^10. Each part is formed as one exact
 * numerator and divided once, rounding half-even, so there is exactly one
 * rounding per part as the rules require.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "costops-calculator.h"

#include <string.h>

#include "costops-error.h"
#include "costops-int128-private.h"

#define PER_MILLION      G_GUINT64_CONSTANT (1000000)
#define DISCOUNT_SCALE   G_GUINT64_CONSTANT (10000000000)        /* 1.0 as money units */
#define PER_MILLION_DISC G_GUINT64_CONSTANT (10000000000000000)  /* 10^6 × 10^10 */

/* a × b, FALSE when the product does not fit 128 bits. The common case,
 * both factors within 64 bits, cannot overflow and needs one multiply. */
static inline gboolean
mul_u128 (costops_u128  a,
          costops_u128  b,
          costops_u128 *product)
{
  if (G_LIKELY (COSTOPS_U128_HI (a) == 0 && COSTOPS_U128_HI (b) == 0))
    {
      *product = a * b;
      return TRUE;
    }
  return !__builtin_mul_overflow (a, b, product);
}

static G_GNUC_NO_INLINE gboolean
fail_overflow (const CostopsUsageRecord *usage,
               const char               *part,
               GError                  **error)
{
  g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_OVERFLOW,
               "usage record “%s”: the %s cost overflows exact 128-bit arithmetic",
               usage->id != NULL ? usage->id : "(no id)", part);
  return FALSE;
}

static G_GNUC_NO_INLINE gboolean
fail_bad_price (const CostopsPricingTable *pricing,
                const char                *field,
                GError                   **error)
{
  g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD,
               "pricing for model “%s”: %s must be %s",
               pricing->model_name != NULL ? pricing->model_name : "(none)", field,
               g_str_equal (field, "cached_input_discount") ? "between 0 and 1" : "0 or more");
  return FALSE;
}

static G_GNUC_NO_INLINE gboolean
fail_mismatch (const CostopsUsageRecord  *usage,
               const CostopsPricingTable *pricing,
               CostopsError               code,
               GError                   **error)
{
  const char *id = usage->id != NULL ? usage->id : "(no id)";

  switch (code)
    {
    case COSTOPS_ERROR_PROVIDER_MISMATCH:
      g_set_error (error, COSTOPS_ERROR, code,
                   "usage record “%s”: provider “%s” does not match the pricing provider “%s”",
                   id, costops_provider_to_string (usage->provider, usage->provider_name),
                   costops_provider_to_string (pricing->provider, pricing->provider_name));
      break;
    case COSTOPS_ERROR_MODEL_MISMATCH:
      g_set_error (error, COSTOPS_ERROR, code,
                   "usage record “%s”: model “%s” does not match the pricing model “%s”",
                   id, usage->model_name != NULL ? usage->model_name : "(none)",
                   pricing->model_name != NULL ? pricing->model_name : "(none)");
      break;
    case COSTOPS_ERROR_PRICING_NOT_IN_EFFECT:
      {
        g_autofree char *when_s = costops_time_format (usage->timestamp_us);
        g_autofree char *from_s = costops_time_format (pricing->effective_us);
        g_autofree char *end_s = pricing->has_end ? costops_time_format (pricing->end_us) : NULL;
        g_autofree char *until_s = end_s != NULL ? g_strdup_printf ("until %s", end_s)
                                                 : g_strdup ("with no end date");

        g_set_error (error, COSTOPS_ERROR, code,
                     "usage record “%s”: pricing for model “%s” is not in effect at %s (effective from %s %s)",
                     id, pricing->model_name != NULL ? pricing->model_name : "(none)",
                     when_s, from_s, until_s);
      }
      break;
    case COSTOPS_ERROR_NO_TIER:
      g_set_error (error, COSTOPS_ERROR, code,
                   "no tier covers %" G_GUINT64_FORMAT " tokens (usage record “%s”, model “%s”)",
                   usage->total_tokens, id,
                   pricing->model_name != NULL ? pricing->model_name : "(none)");
      break;
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

static inline gboolean
provider_matches (const CostopsUsageRecord  *usage,
                  const CostopsPricingTable *pricing)
{
  if (usage->provider != pricing->provider)
    return FALSE;
  if (usage->provider != COSTOPS_PROVIDER_CUSTOM)
    return TRUE;
  return usage->provider_name != NULL && pricing->provider_name != NULL
         && g_ascii_strcasecmp (usage->provider_name, pricing->provider_name) == 0;
}

static inline gboolean
model_matches (const CostopsUsageRecord  *usage,
               const CostopsPricingTable *pricing)
{
  /* Interned names (see costops-records.h) match by pointer; the strcmp
   * is for records and tables filled by hand. */
  if (usage->model_name == pricing->model_name)
    return usage->model_name != NULL;
  return usage->model_name != NULL && pricing->model_name != NULL
         && strcmp (usage->model_name, pricing->model_name) == 0;
}

static inline gboolean
in_effect (const CostopsPricingTable *pricing,
           gint64                     timestamp_us)
{
  return timestamp_us >= pricing->effective_us
         && (!pricing->has_end || timestamp_us < pricing->end_us);
}

/* tokens × price / 10^6, rounded half-even. */
static inline gboolean
tokens_times_price (guint64       tokens,
                    __int128      price_units,
                    __int128     *cost)
{
  costops_u128 n;

  if (G_UNLIKELY (!mul_u128 (tokens, (costops_u128) price_units, &n)))
    return FALSE;
  *cost = (__int128) costops_udiv_round_half_even (n, PER_MILLION);
  return TRUE;
}

static inline gboolean
compute_per_token (const CostopsUsageRecord  *usage,
                   const CostopsPricingTable *pricing,
                   CostopsCostBreakdown      *out,
                   GError                   **error)
{
  __int128 in_price = pricing->per_token.input_per_million.units;
  __int128 out_price = pricing->per_token.output_per_million.units;
  __int128 discount = pricing->per_token.has_cached_discount
                      ? pricing->per_token.cached_discount.units : 0;
  guint64 cached = usage->has_cached_tokens ? usage->cached_tokens : 0;

  if (G_UNLIKELY (in_price < 0))
    return fail_bad_price (pricing, "input_per_million", error);
  if (G_UNLIKELY (out_price < 0))
    return fail_bad_price (pricing, "output_per_million", error);
  if (G_UNLIKELY (discount < 0 || discount > (__int128) DISCOUNT_SCALE))
    return fail_bad_price (pricing, "cached_input_discount", error);

  if (discount == 0 || cached == 0)
    {
      if (G_UNLIKELY (!tokens_times_price (usage->prompt_tokens, in_price, &out->input_cost.units)))
        return fail_overflow (usage, "input", error);
    }
  else
    {
      /* in × (prompt × 10^10 − cached × discount) / 10^16: one exact
       * numerator, one rounding. Both products fit (2^64 × 2^34), and the
       * difference is >= 0 because cached <= prompt and discount <= 1. */
      costops_u128 weighted = (costops_u128) usage->prompt_tokens * DISCOUNT_SCALE
                              - (costops_u128) cached * (guint64) discount;
      costops_u128 n;

      if (G_UNLIKELY (!mul_u128 ((costops_u128) in_price, weighted, &n)))
        return fail_overflow (usage, "input", error);
      out->input_cost.units = (__int128) costops_udiv_round_half_even (n, PER_MILLION_DISC);
    }

  if (G_UNLIKELY (!tokens_times_price (usage->completion_tokens, out_price, &out->output_cost.units)))
    return fail_overflow (usage, "output", error);
  return TRUE;
}

static inline gboolean
compute_per_request (const CostopsUsageRecord  *usage,
                     const CostopsPricingTable *pricing,
                     CostopsCostBreakdown      *out,
                     GError                   **error)
{
  __int128 price = pricing->per_request.price_per_request.units;
  __int128 overage_price = pricing->per_request.overage_per_million.units;
  guint64 included = pricing->per_request.included_tokens;
  guint64 overage_tokens = usage->total_tokens > included ? usage->total_tokens - included : 0;
  costops_u128 scaled_price, overage, n;
  __int128 cost;

  if (G_UNLIKELY (price < 0))
    return fail_bad_price (pricing, "price_per_request", error);
  if (G_UNLIKELY (overage_price < 0))
    return fail_bad_price (pricing, "overage_per_million", error);

  /* (price × 10^6 + overage tokens × overage price) / 10^6: the whole
   * cost is rounded once. Rounding the overage alone and adding the price
   * would break half-even ties the wrong way when the price is odd. */
  if (G_UNLIKELY (!mul_u128 ((costops_u128) price, PER_MILLION, &scaled_price)
                  || !mul_u128 (overage_tokens, (costops_u128) overage_price, &overage)
                  || __builtin_add_overflow (scaled_price, overage, &n)))
    return fail_overflow (usage, "request", error);
  cost = (__int128) costops_udiv_round_half_even (n, PER_MILLION);   /* < 2^108 */

  /* Input share rounded half-even; output takes the rest, so the parts
   * always add up to the request's cost. total_tokens > 0 (validated). */
  if (G_UNLIKELY (!mul_u128 ((costops_u128) cost, usage->prompt_tokens, &n)))
    return fail_overflow (usage, "input", error);
  out->input_cost.units = (__int128) costops_udiv_round_half_even (n, usage->total_tokens);
  out->output_cost.units = cost - out->input_cost.units;
  return TRUE;
}

static inline gboolean
compute_tiered (const CostopsUsageRecord  *usage,
                const CostopsPricingTable *pricing,
                CostopsCostBreakdown      *out,
                GError                   **error)
{
  guint64 total = usage->total_tokens;

  for (guint i = 0; i < pricing->tiered.n_tiers; i++)
    {
      const CostopsPricingTier *tier = &pricing->tiered.tiers[i];

      if (total < tier->min_tokens || (tier->has_max_tokens && total > tier->max_tokens))
        continue;

      if (G_UNLIKELY (tier->input_per_million.units < 0))
        return fail_bad_price (pricing, "tiers.input_per_million", error);
      if (G_UNLIKELY (tier->output_per_million.units < 0))
        return fail_bad_price (pricing, "tiers.output_per_million", error);
      if (G_UNLIKELY (!tokens_times_price (usage->prompt_tokens, tier->input_per_million.units,
                                           &out->input_cost.units)))
        return fail_overflow (usage, "input", error);
      if (G_UNLIKELY (!tokens_times_price (usage->completion_tokens, tier->output_per_million.units,
                                           &out->output_cost.units)))
        return fail_overflow (usage, "output", error);
      return TRUE;
    }

  return fail_mismatch (usage, pricing, COSTOPS_ERROR_NO_TIER, error);
}

gboolean
costops_calculator_compute (const CostopsUsageRecord  *usage,
                            const CostopsPricingTable *pricing,
                            gint64                     now_us,
                            CostopsCostBreakdown      *out,
                            GError                   **error)
{
  gboolean ok;

  g_return_val_if_fail (usage != NULL, FALSE);
  g_return_val_if_fail (pricing != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!costops_usage_record_validate (usage, now_us, error))
    return FALSE;
  if (G_UNLIKELY (!provider_matches (usage, pricing)))
    return fail_mismatch (usage, pricing, COSTOPS_ERROR_PROVIDER_MISMATCH, error);
  if (G_UNLIKELY (!model_matches (usage, pricing)))
    return fail_mismatch (usage, pricing, COSTOPS_ERROR_MODEL_MISMATCH, error);
  if (G_UNLIKELY (!in_effect (pricing, usage->timestamp_us)))
    return fail_mismatch (usage, pricing, COSTOPS_ERROR_PRICING_NOT_IN_EFFECT, error);

  switch (pricing->kind)
    {
    case COSTOPS_PRICING_PER_TOKEN:
      ok = compute_per_token (usage, pricing, out, error);
      break;
    case COSTOPS_PRICING_PER_REQUEST:
      ok = compute_per_request (usage, pricing, out, error);
      break;
    case COSTOPS_PRICING_TIERED:
      ok = compute_tiered (usage, pricing, out, error);
      break;
    default:
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD,
                   "pricing for model “%s”: unknown structure %d",
                   pricing->model_name != NULL ? pricing->model_name : "(none)",
                   (int) pricing->kind);
      return FALSE;
    }
  if (!ok)
    return FALSE;

  if (G_UNLIKELY (__builtin_add_overflow (out->input_cost.units, out->output_cost.units,
                                          &out->total_cost.units)))
    return fail_overflow (usage, "total", error);
  out->currency = pricing->currency;
  return TRUE;
}

CostopsCostRecord *
costops_calculator_calculate_at (const CostopsUsageRecord  *usage,
                                 const CostopsPricingTable *pricing,
                                 gint64                     now_us,
                                 GError                   **error)
{
  CostopsCostBreakdown costs;
  CostopsCostRecord *record;

  g_return_val_if_fail (usage != NULL, NULL);
  g_return_val_if_fail (pricing != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!costops_calculator_compute (usage, pricing, now_us, &costs, error))
    return NULL;

  record = g_new0 (CostopsCostRecord, 1);
  record->usage_id = g_strdup (usage->id);
  record->timestamp_us = usage->timestamp_us;
  record->provider = usage->provider;
  /* Interned again (only a lookup when @usage's already are): a
   * hand-filled usage record may borrow strings that die before the cost
   * record does. */
  record->provider_name = costops_dimension_intern (costops_provider_to_string (usage->provider,
                                                                                usage->provider_name));
  record->model_name = costops_dimension_intern (usage->model_name);
  record->organization_id = costops_dimension_intern (usage->organization_id);
  record->project_id = costops_dimension_intern (usage->project_id);
  record->input_cost = costs.input_cost;
  record->output_cost = costs.output_cost;
  record->total_cost = costs.total_cost;
  record->currency = costs.currency;
  return record;
}

CostopsCostRecord *
costops_calculator_calculate (const CostopsUsageRecord  *usage,
                              const CostopsPricingTable *pricing,
                              GError                   **error)
{
  return costops_calculator_calculate_at (usage, pricing, g_get_real_time (), error);
}

const CostopsPricingTable *
costops_calculator_select_pricing (GPtrArray                *tables,
                                   const CostopsUsageRecord *usage,
                                   GError                  **error)
{
  const CostopsPricingTable *best = NULL;
  const CostopsPricingTable *same_model = NULL;
  const CostopsPricingTable *same_provider = NULL;

  g_return_val_if_fail (tables != NULL, NULL);
  g_return_val_if_fail (usage != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; i < tables->len; i++)
    {
      const CostopsPricingTable *table = g_ptr_array_index (tables, i);

      if (!provider_matches (usage, table))
        continue;
      same_provider = table;
      if (!model_matches (usage, table))
        continue;
      same_model = table;
      if (!in_effect (table, usage->timestamp_us))
        continue;
      if (best == NULL || table->effective_us > best->effective_us)
        best = table;
    }

  if (best != NULL)
    return best;

  if (same_model != NULL)
    fail_mismatch (usage, same_model, COSTOPS_ERROR_PRICING_NOT_IN_EFFECT, error);
  else if (same_provider != NULL)
    g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_MODEL_MISMATCH,
                 "usage record “%s”: no pricing for model “%s” of provider “%s”",
                 usage->id != NULL ? usage->id : "(no id)",
                 usage->model_name != NULL ? usage->model_name : "(none)",
                 costops_provider_to_string (usage->provider, usage->provider_name));
  else
    g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_PROVIDER_MISMATCH,
                 "usage record “%s”: no pricing for provider “%s”",
                 usage->id != NULL ? usage->id : "(no id)",
                 costops_provider_to_string (usage->provider, usage->provider_name));
  return NULL;
}
