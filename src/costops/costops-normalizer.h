/* costops-normalizer.h: token estimates and token-count consistency.
 *
 * Providers report token counts that sometimes disagree by one (a trailing
 * special token counted in the total but not in the parts, for example).
 * The normalizer accepts such a difference of at most
 * COSTOPS_NORMALIZER_TOLERANCE tokens and rewrites the record so that it
 * passes costops_usage_record_validate(); anything larger is an error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "costops-records.h"

G_BEGIN_DECLS

#define COSTOPS_NORMALIZER_TOLERANCE 1

/* ceil(@length / 4) tokens for @length bytes of text (-1: NUL-terminated).
 * The usual rule of thumb of four bytes per token; 0 for empty text. */
guint64   costops_normalizer_estimate_tokens (const char *text,
                                              gssize      length);

/* TRUE when @a and @b differ by at most COSTOPS_NORMALIZER_TOLERANCE. */
gboolean  costops_normalizer_counts_consistent (guint64 a,
                                                guint64 b);

/* Checks a reported token count against the estimate for @text; the error
 * (COSTOPS_ERROR_TOKEN_SUM_MISMATCH) names both figures and @field. */
gboolean  costops_normalizer_check_text (const char  *field,
                                         const char  *text,
                                         gssize       length,
                                         guint64      reported_tokens,
                                         GError     **error);

/* Makes @record's token counts consistent: a missing total (0) becomes
 * prompt + completion; a total within the tolerance of prompt + completion
 * is replaced by that sum. Returns FALSE (TOKEN_SUM_MISMATCH, naming the
 * record and the three counts) when they differ by more, or OVERFLOW when
 * prompt + completion does not fit 64 bits; @record is then unchanged. */
gboolean  costops_normalizer_normalize (CostopsUsageRecord  *record,
                                        GError             **error);

G_END_DECLS
