/* costops-error.h: the engine's error domain.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define COSTOPS_ERROR (costops_error_quark ())

/* One code per kind of failure, so callers (and tests) can tell them apart.
 * Messages always name the offending field, record or file. */
typedef enum {
  COSTOPS_ERROR_PARSE,              /* malformed text: a number, a date, JSON */
  COSTOPS_ERROR_OVERFLOW,           /* exact arithmetic would overflow */
  COSTOPS_ERROR_INVALID_FIELD,      /* a field is missing or has a wrong type or value */
  /* usage record validation, one per rule */
  COSTOPS_ERROR_TOTAL_TOKENS_ZERO,
  COSTOPS_ERROR_TOKEN_SUM_MISMATCH,
  COSTOPS_ERROR_EMPTY_ORGANIZATION,
  COSTOPS_ERROR_CACHED_EXCEEDS_PROMPT,
  COSTOPS_ERROR_TIMESTAMP_IN_FUTURE,
  /* pricing */
  COSTOPS_ERROR_PROVIDER_MISMATCH,
  COSTOPS_ERROR_MODEL_MISMATCH,
  COSTOPS_ERROR_PRICING_NOT_IN_EFFECT,
  COSTOPS_ERROR_NO_TIER,
  COSTOPS_ERROR_CURRENCY_MISMATCH,
  /* forecasting */
  COSTOPS_ERROR_INSUFFICIENT_DATA,
  /* compression */
  COSTOPS_ERROR_CORRUPT_DATA,
  COSTOPS_ERROR_TOO_LARGE,
  /* storage */
  COSTOPS_ERROR_DUPLICATE,
  COSTOPS_ERROR_NOT_FOUND,
  COSTOPS_ERROR_FOREIGN_KEY,
  COSTOPS_ERROR_BUSY,
  COSTOPS_ERROR_CORRUPT_DATABASE,
  COSTOPS_ERROR_SCHEMA_TOO_NEW,
  /* anything else an underlying library reported */
  COSTOPS_ERROR_FAILED,
} CostopsError;

GQuark costops_error_quark (void);

G_END_DECLS
