/* test-normalizer.c: token estimates and the one-token consistency rule.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib.h>
#include <string.h>

#include "costops-error.h"
#include "costops-normalizer.h"

static void
test_estimate (void)
{
  static const struct {
    const char *text;
    guint64 tokens;
  } cases[] = {
    { "", 0 },
    { "a", 1 },
    { "abc", 1 },
    { "abcd", 1 },
    { "abcde", 2 },
    { "abcdefgh", 2 },
    { "abcdefghi", 3 },
    /* Bytes, not characters: "é" is two bytes, "€" three. */
    { "é", 1 },
    { "ééé", 2 },
    { "€€€", 3 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpuint (costops_normalizer_estimate_tokens (cases[i].text, -1), ==, cases[i].tokens);
      g_assert_cmpuint (costops_normalizer_estimate_tokens (cases[i].text, (gssize) strlen (cases[i].text)),
                        ==, cases[i].tokens);
    }

  /* An explicit length counts embedded NULs and ignores what follows. */
  g_assert_cmpuint (costops_normalizer_estimate_tokens ("ab\0cd\0ef", 8), ==, 2);
  g_assert_cmpuint (costops_normalizer_estimate_tokens ("abcdefgh", 5), ==, 2);
  g_assert_cmpuint (costops_normalizer_estimate_tokens (NULL, 0), ==, 0);

  /* ceil (n / 4) for every length of a long text. */
  {
    g_autofree char *text = g_strnfill (4099, 'x');

    for (gssize len = 0; len <= 4099; len++)
      g_assert_cmpuint (costops_normalizer_estimate_tokens (text, len), ==, (guint64) (len + 3) / 4);
  }
}

static void
test_consistent (void)
{
  g_assert_true (costops_normalizer_counts_consistent (10, 10));
  g_assert_true (costops_normalizer_counts_consistent (10, 11));
  g_assert_true (costops_normalizer_counts_consistent (11, 10));
  g_assert_true (costops_normalizer_counts_consistent (0, 1));
  g_assert_false (costops_normalizer_counts_consistent (10, 12));
  g_assert_false (costops_normalizer_counts_consistent (12, 10));
  g_assert_false (costops_normalizer_counts_consistent (G_MAXUINT64, 0));
  g_assert_false (costops_normalizer_counts_consistent (0, G_MAXUINT64));
  g_assert_true (costops_normalizer_counts_consistent (G_MAXUINT64, G_MAXUINT64 - 1));
}

static void
test_check_text (void)
{
  g_autoptr(GError) error = NULL;

  /* 10 bytes: about 3 tokens; 2, 3 and 4 are within one. */
  g_assert_true (costops_normalizer_check_text ("prompt", "0123456789", -1, 2, &error));
  g_assert_true (costops_normalizer_check_text ("prompt", "0123456789", -1, 3, &error));
  g_assert_true (costops_normalizer_check_text ("prompt", "0123456789", -1, 4, &error));
  g_assert_no_error (error);

  g_assert_false (costops_normalizer_check_text ("prompt", "0123456789", -1, 5, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_TOKEN_SUM_MISMATCH);
  g_assert_nonnull (strstr (error->message, "prompt"));
  g_assert_nonnull (strstr (error->message, "5 tokens"));
  g_clear_error (&error);
  g_assert_false (costops_normalizer_check_text ("completion", "0123456789", -1, 1, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_TOKEN_SUM_MISMATCH);
}

static void
test_normalize (void)
{
  CostopsUsageRecord record = { 0 };
  g_autoptr(GError) error = NULL;

  record.id = g_strdup ("req-7");
  record.prompt_tokens = 100;
  record.completion_tokens = 50;

  /* A missing total becomes the sum. */
  g_assert_true (costops_normalizer_normalize (&record, &error));
  g_assert_cmpuint (record.total_tokens, ==, 150);

  /* Off by one either way: corrected to the sum. */
  record.total_tokens = 151;
  g_assert_true (costops_normalizer_normalize (&record, &error));
  g_assert_cmpuint (record.total_tokens, ==, 150);
  record.total_tokens = 149;
  g_assert_true (costops_normalizer_normalize (&record, &error));
  g_assert_cmpuint (record.total_tokens, ==, 150);
  g_assert_no_error (error);

  /* Off by two: an error naming the record, and nothing changed. */
  record.total_tokens = 152;
  g_assert_false (costops_normalizer_normalize (&record, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_TOKEN_SUM_MISMATCH);
  g_assert_nonnull (strstr (error->message, "req-7"));
  g_assert_nonnull (strstr (error->message, "152"));
  g_assert_cmpuint (record.total_tokens, ==, 152);
  g_clear_error (&error);

  /* A normalised record passes validation's sum rule. */
  record.total_tokens = 151;
  record.organization_id = costops_dimension_intern ("org");
  g_assert_true (costops_normalizer_normalize (&record, &error));
  g_assert_true (costops_usage_record_validate (&record, G_MAXINT64, &error));
  g_assert_no_error (error);

  /* A sum beyond 64 bits is an overflow, not a wrapped total. */
  record.prompt_tokens = G_MAXUINT64;
  record.completion_tokens = 1;
  record.total_tokens = 0;
  g_assert_false (costops_normalizer_normalize (&record, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_OVERFLOW);
  g_assert_cmpuint (record.total_tokens, ==, 0);

  costops_usage_record_clear (&record);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/normalizer/estimate", test_estimate);
  g_test_add_func ("/normalizer/consistent", test_consistent);
  g_test_add_func ("/normalizer/check-text", test_check_text);
  g_test_add_func ("/normalizer/normalize", test_normalize);

  return g_test_run ();
}
