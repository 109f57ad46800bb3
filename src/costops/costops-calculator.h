/* costops-calculator.h: prices one usage record with one pricing table.
 *
 * Rounding, exactly (every step is integer arithmetic on 10^-10 units):
 *
 *   per_token   input  = prompt × in / 10^6 − cached × in / 10^6 × discount,
 *                        computed exactly, then rounded half-even to 10 places;
 *               output = completion × out / 10^6, rounded half-even.
 *               Without a discount, cached tokens cost the full input price.
 *   per_request cost   = price + max(0, total − included) × overage / 10^6,
 *                        rounded half-even to 10 places; then
 *               input  = cost × prompt / total, rounded half-even,
 *               output = cost − input (so input + output = cost exactly).
 *   tiered      the first tier (in table order) with min ≤ total ≤ max (no
 *               max: unbounded) prices the whole request like per_token
 *               without a discount.
 *   total = input + output, exact.
 *
 * Intermediate products are exact in 128 bits; a product that does not fit
 * is COSTOPS_ERROR_OVERFLOW, never a wrapped value.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "costops-records.h"

G_BEGIN_DECLS

typedef struct {
  CostopsMoney    input_cost;
  CostopsMoney    output_cost;
  CostopsMoney    total_cost;
  CostopsCurrency currency;
} CostopsCostBreakdown;

/* The hot path: validates @usage (costops_usage_record_validate() with
 * @now_us), checks that @pricing is for the same provider and model and in
 * effect at the usage timestamp, then prices it into @out. Allocates nothing
 * unless it fails. Errors: the validation codes, PROVIDER_MISMATCH,
 * MODEL_MISMATCH, PRICING_NOT_IN_EFFECT, NO_TIER ("no tier covers N
 * tokens"), OVERFLOW, INVALID_FIELD (a negative price or a discount outside
 * 0..1 in a table that was not loaded from JSON). */
gboolean  costops_calculator_compute (const CostopsUsageRecord  *usage,
                                      const CostopsPricingTable *pricing,
                                      gint64                     now_us,
                                      CostopsCostBreakdown      *out,
                                      GError                   **error);

/* The same, returning a full cost record (usage id, timestamp, provider,
 * model, organization, project, costs, currency). Uses g_get_real_time() as
 * "now" for the future-timestamp rule. */
CostopsCostRecord *costops_calculator_calculate (const CostopsUsageRecord  *usage,
                                                 const CostopsPricingTable *pricing,
                                                 GError                   **error);
CostopsCostRecord *costops_calculator_calculate_at (const CostopsUsageRecord  *usage,
                                                    const CostopsPricingTable *pricing,
                                                    gint64                     now_us,
                                                    GError                   **error);

/* Picks, among @tables (CostopsPricingTable *), the one for the usage's
 * provider and model in effect at its timestamp (the latest effective date
 * wins if several are). When none fits, the error says why, most specific
 * first: PRICING_NOT_IN_EFFECT when the provider and model are known but not
 * at that time, else MODEL_MISMATCH, else PROVIDER_MISMATCH. */
const CostopsPricingTable *costops_calculator_select_pricing (GPtrArray                 *tables,
                                                              const CostopsUsageRecord  *usage,
                                                              GError                   **error);

G_END_DECLS
