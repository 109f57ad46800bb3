/* costops-normalizer.c: token estimates and consistency (see the header).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "costops-normalizer.h"

#include <string.h>

#include "costops-error.h"

#define BYTES_PER_TOKEN 4

guint64
costops_normalizer_estimate_tokens (const char *text,
                                    gssize      length)
{
  gsize bytes;

  g_return_val_if_fail (text != NULL || length == 0, 0);

  bytes = length < 0 ? strlen (text) : (gsize) length;
  /* Rounded up without (bytes + 3) overflowing for huge lengths. */
  return bytes / BYTES_PER_TOKEN + (bytes % BYTES_PER_TOKEN != 0);
}

gboolean
costops_normalizer_counts_consistent (guint64 a,
                                      guint64 b)
{
  guint64 difference = a > b ? a - b : b - a;

  return difference <= COSTOPS_NORMALIZER_TOLERANCE;
}

gboolean
costops_normalizer_check_text (const char  *field,
                               const char  *text,
                               gssize       length,
                               guint64      reported_tokens,
                               GError     **error)
{
  guint64 estimate;

  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (text != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  estimate = costops_normalizer_estimate_tokens (text, length);
  if (costops_normalizer_counts_consistent (estimate, reported_tokens))
    return TRUE;

  g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_TOKEN_SUM_MISMATCH,
               "%s: %" G_GUINT64_FORMAT " tokens reported but the text is about %"
               G_GUINT64_FORMAT " tokens (tolerance %d)",
               field, reported_tokens, estimate, COSTOPS_NORMALIZER_TOLERANCE);
  return FALSE;
}

gboolean
costops_normalizer_normalize (CostopsUsageRecord  *record,
                              GError             **error)
{
  guint64 sum;

  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (__builtin_add_overflow (record->prompt_tokens, record->completion_tokens, &sum))
    {
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_OVERFLOW,
                   "usage record “%s”: prompt_tokens + completion_tokens does not fit 64 bits",
                   record->id != NULL ? record->id : "(no id)");
      return FALSE;
    }

  if (record->total_tokens != 0
      && !costops_normalizer_counts_consistent (sum, record->total_tokens))
    {
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_TOKEN_SUM_MISMATCH,
                   "usage record “%s”: prompt_tokens (%" G_GUINT64_FORMAT
                   ") + completion_tokens (%" G_GUINT64_FORMAT
                   ") differs from total_tokens (%" G_GUINT64_FORMAT
                   ") by more than %d",
                   record->id != NULL ? record->id : "(no id)",
                   record->prompt_tokens, record->completion_tokens,
                   record->total_tokens, COSTOPS_NORMALIZER_TOLERANCE);
      return FALSE;
    }

  record->total_tokens = sum;
  return TRUE;
}
