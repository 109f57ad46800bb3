/* costops-pricing.h: JSON in and out for pricing tables, usage records and
 * cost records (json-glib).
 *
 * A pricing file holds one table object or an array of them:
 *
 *   { "provider": "openai", "model": "gpt-4o",
 *     "effective_date": "2025-01-01T00:00:00Z",   (or "2025-01-01")
 *     "end_date": "2026-01-01",                    (optional, excluded)
 *     "currency": "USD",                           (optional, default USD)
 *     "structure": { "type": "per_token",
 *                    "input_per_million": "2.5", "output_per_million": "10",
 *                    "cached_input_discount": "0.5" } }          (optional)
 *   structure { "type": "per_request", "price_per_request": "0.002",
 *               "included_tokens": 1000, "overage_per_million": "1.5" }
 *   structure { "type": "tiered", "tiers": [ { "min_tokens": 0,
 *               "max_tokens": 10000, "input_per_million": "3",
 *               "output_per_million": "15" }, ... ] }   (max optional)
 *
 * Prices are decimal strings (exact) or JSON integers; a JSON fraction such
 * as 0.5 is refused, because json-glib has already turned it into binary
 * floating point. Tiers must not overlap.
 *
 * A usage file is a JSON array of usage objects or JSON Lines (one object
 * per line; blank lines are skipped):
 *
 *   { "id": "req-1", "timestamp": "2025-06-01T12:00:00Z",
 *     "provider": "openai", "model": "gpt-4o"  (or { "name", "version",
 *     "context_window" }), "organization_id": "org-1",
 *     "project_id": "p", "user_id": "u",       (optional)
 *     "prompt_tokens": 1000, "completion_tokens": 500,
 *     "total_tokens": 1500,                    (optional: the sum)
 *     "cached_tokens": 0, "reasoning_tokens": 0, "latency_ms": 120,
 *     "tags": ["batch"] }                      (optional)
 *
 * The loaders only check shape and types; the rules of a usage record are
 * costops_usage_record_validate()'s. Every error (COSTOPS_ERROR_PARSE for
 * malformed JSON, COSTOPS_ERROR_INVALID_FIELD for a wrong field) names the
 * source, the record and the field, e.g.
 *   prices.json: pricing 2: structure.tiers[1].max_tokens: must be ...
 *
 * The file loaders read through costops_safe_read_file() and every
 * document through costops_json_parse_checked() (costops-safe-read.h): a
 * file that is not a regular file, or is larger than the limit below, is
 * refused before it is read; so is JSON nested deeper than
 * COSTOPS_JSON_MAX_DEPTH or holding a whole number that does not fit in
 * 64 bits (json-glib would wrap it: a token count of 2^63 is "too large",
 * never "-1").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "costops-records.h"

G_BEGIN_DECLS

/* Pricing tables are a few kilobytes; usage files can be long exports.
 * A document (a pricing file, a usage array, one JSON Line) also holds at
 * most so many JSON values, which bounds the memory json-glib takes (about
 * 80 bytes a value): 8,000,000 is some 500,000 usage records in one array;
 * JSON Lines, parsed a line at a time, have no such limit. */
#define COSTOPS_PRICING_MAX_FILE_BYTES (4 * 1024 * 1024)
#define COSTOPS_USAGE_MAX_FILE_BYTES   (256 * 1024 * 1024)
#define COSTOPS_PRICING_MAX_VALUES     1000000
#define COSTOPS_USAGE_MAX_VALUES       8000000

/* @where prefixes error messages, e.g. "prices.json: pricing 2". */
CostopsPricingTable *costops_pricing_table_from_json (JsonNode     *node,
                                                      const char   *where,
                                                      GError      **error);
/* Returns CostopsPricingTable * elements, freed with the array. */
GPtrArray *costops_pricing_tables_load_data (const char  *data,
                                             gssize       length,
                                             const char  *source_name,
                                             GError     **error);
GPtrArray *costops_pricing_tables_load_file (const char  *path,
                                             GError     **error);

CostopsUsageRecord  *costops_usage_record_from_json (JsonNode     *node,
                                                     const char   *where,
                                                     GError      **error);
/* A JSON array or JSON Lines. Returns CostopsUsageRecord * elements. */
GPtrArray *costops_usage_records_load_data (const char  *data,
                                            gssize       length,
                                            const char  *source_name,
                                            GError     **error);
GPtrArray *costops_usage_records_load_file (const char  *path,
                                            GError     **error);

/* { "usage_id", "timestamp", "provider", "model", "organization_id",
 *   "project_id" (null when none), "input_cost", "output_cost",
 *   "total_cost" (decimal strings with ten places), "currency" } */
JsonNode            *costops_cost_record_to_json      (const CostopsCostRecord *record);
/* The same as one line of compact JSON, without the newline. */
char                *costops_cost_record_to_json_line (const CostopsCostRecord *record);
/* The inverse of costops_cost_record_to_json(). */
CostopsCostRecord   *costops_cost_record_from_json    (JsonNode     *node,
                                                       const char   *where,
                                                       GError      **error);

G_END_DECLS
