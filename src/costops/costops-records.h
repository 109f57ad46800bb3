/* costops-records.h: usage records, cost records and pricing tables.
 *
 * Plain C structs: they are created by the thousands in benchmarks, so they are
 * not GObjects. *_clear() frees the contents, *_free() the struct too.
 *
 * Two kinds of strings:
 *  - ids (id, usage_id, user_id, tags) are owned by the struct and freed;
 *  - dimensions (provider_name, model_name, model_version, organization_id,
 *    project_id), marked "dimension" below, are `const char *` and never
 *    freed by the struct. Everything in the engine that creates a record
 *    (the JSON and database loaders, the calculator, *_copy(), the sample
 *    generators) points them at strings interned with
 *    costops_dimension_intern(). Code that fills a struct by hand may point
 *    them at any string that outlives the record, but only interned strings
 *    get the fast paths (the aggregator groups by pointer first).
 *
 * Why interned: dimensions are bounded vocabularies (providers, models,
 * organisations, projects: tens to thousands of values, repeated over
 * millions of records). Interning stores each value once for the life of
 * the process, makes a record cheaper to create and free, and turns
 * grouping by dimension into pointer comparisons, which is what lets the
 * aggregator group 1,000 records without hashing 3,000 strings. The cost
 * is the one GLib accepts for quarks: interned strings are never freed, so
 * memory grows with the number of distinct values ever seen, not with the
 * number of records. g_intern_string() is thread-safe.
 *
 * Time is always UTC, in microseconds since the Unix epoch (gint64), the unit of
 * g_get_real_time() and costops_time_from_date_time().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "costops-money.h"

G_BEGIN_DECLS

typedef enum {
  COSTOPS_PROVIDER_OPENAI,
  COSTOPS_PROVIDER_ANTHROPIC,
  COSTOPS_PROVIDER_GOOGLE,
  COSTOPS_PROVIDER_AZURE,
  COSTOPS_PROVIDER_AWS,
  COSTOPS_PROVIDER_COHERE,
  COSTOPS_PROVIDER_MISTRAL,
  COSTOPS_PROVIDER_CUSTOM, /* name in provider_name */
} CostopsProviderKind;

typedef enum {
  COSTOPS_CURRENCY_USD,
  COSTOPS_CURRENCY_EUR,
  COSTOPS_CURRENCY_GBP,
  COSTOPS_CURRENCY_JPY,
} CostopsCurrency;

/* "openai" ... "mistral"; anything else non-empty is CUSTOM. */
CostopsProviderKind costops_provider_from_string (const char *name);
/* Canonical lowercase name for known kinds, @custom_name for CUSTOM. */
const char  *costops_provider_to_string (CostopsProviderKind kind,
                                         const char         *custom_name);
gboolean     costops_currency_from_string (const char       *code,
                                           CostopsCurrency  *out);
const char  *costops_currency_to_string   (CostopsCurrency   currency);

/* The shared copy of @text for a dimension field (see the top of this
 * file): equal strings give the same pointer, valid for the life of the
 * process. NULL for NULL. Thread-safe. */
const char  *costops_dimension_intern (const char *text);

/* Time helpers (GLib 2.74 has no microsecond GDateTime constructors).
 * NULL / FALSE outside years 1..9999. */
GDateTime   *costops_time_to_date_time   (gint64       timestamp_us);
gint64       costops_time_from_date_time (GDateTime   *date_time);
/* RFC 3339 in UTC: "2025-12-02T12:34:56Z", with ".ffffff" when the
 * microseconds are not zero. Out of range: "(out of range)". */
char        *costops_time_format         (gint64       timestamp_us);
/* RFC 3339 with a zone ("...Z", "...+02:00"), or a bare date "2025-12-02"
 * meaning midnight UTC. */
gboolean     costops_time_parse          (const char  *text,
                                          gint64      *timestamp_us,
                                          GError     **error);

typedef struct {
  char        *id;
  gint64       timestamp_us;
  CostopsProviderKind provider;
  const char  *provider_name;      /* dimension; canonical name, for CUSTOM the custom name */
  const char  *model_name;         /* dimension */
  const char  *model_version;      /* dimension, nullable */
  guint32      context_window;     /* 0 when unknown */
  const char  *organization_id;    /* dimension */
  const char  *project_id;         /* dimension, nullable */
  char        *user_id;            /* nullable */
  guint64      prompt_tokens;
  guint64      completion_tokens;
  guint64      total_tokens;
  gboolean     has_cached_tokens;
  guint64      cached_tokens;
  gboolean     has_reasoning_tokens;
  guint64      reasoning_tokens;
  gboolean     has_latency;
  guint32      latency_ms;
  char       **tags;               /* nullable, NULL-terminated */
} CostopsUsageRecord;

void      costops_usage_record_clear (CostopsUsageRecord *record);
void      costops_usage_record_free  (CostopsUsageRecord *record);
CostopsUsageRecord *costops_usage_record_copy (const CostopsUsageRecord *record);
/* Applies every rule; each failure has its own error code (costops-error.h):
 * total > 0, prompt + completion = total, organization not empty,
 * cached <= prompt, timestamp not after @now_us. */
gboolean  costops_usage_record_validate (const CostopsUsageRecord *record,
                                         gint64                    now_us,
                                         GError                  **error);

typedef struct {
  char        *usage_id;
  gint64       timestamp_us;
  CostopsProviderKind provider;
  const char  *provider_name;      /* dimension */
  const char  *model_name;         /* dimension */
  const char  *organization_id;    /* dimension */
  const char  *project_id;         /* dimension, nullable */
  CostopsMoney input_cost;
  CostopsMoney output_cost;
  CostopsMoney total_cost;
  CostopsCurrency currency;
} CostopsCostRecord;

void      costops_cost_record_clear (CostopsCostRecord *record);
void      costops_cost_record_free  (CostopsCostRecord *record);
CostopsCostRecord *costops_cost_record_copy (const CostopsCostRecord *record);

typedef enum {
  COSTOPS_PRICING_PER_TOKEN,
  COSTOPS_PRICING_PER_REQUEST,
  COSTOPS_PRICING_TIERED,
} CostopsPricingKind;

typedef struct {
  guint64      min_tokens;
  gboolean     has_max_tokens;
  guint64      max_tokens;         /* inclusive */
  CostopsMoney input_per_million;
  CostopsMoney output_per_million;
} CostopsPricingTier;

typedef struct {
  CostopsProviderKind provider;
  const char  *provider_name;      /* dimension */
  const char  *model_name;         /* dimension */
  gint64       effective_us;       /* in effect from this instant ... */
  gboolean     has_end;
  gint64       end_us;             /* ... until (excluded) this one */
  CostopsCurrency currency;
  CostopsPricingKind kind;
  union {
    struct {
      CostopsMoney input_per_million;
      CostopsMoney output_per_million;
      gboolean     has_cached_discount;
      CostopsMoney cached_discount;   /* 0..1, as exact decimal */
    } per_token;
    struct {
      CostopsMoney price_per_request;
      guint64      included_tokens;
      CostopsMoney overage_per_million;
    } per_request;
    struct {
      CostopsPricingTier *tiers;
      guint               n_tiers;
    } tiered;
  };
} CostopsPricingTable;

void      costops_pricing_table_clear (CostopsPricingTable *table);
void      costops_pricing_table_free  (CostopsPricingTable *table);
CostopsPricingTable *costops_pricing_table_copy (const CostopsPricingTable *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CostopsUsageRecord, costops_usage_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CostopsCostRecord, costops_cost_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CostopsPricingTable, costops_pricing_table_free)

G_END_DECLS
