/* test-money.c: exact decimal money: parsing, printing, arithmetic,
 * half-even rounding and overflow.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib.h>
#include <string.h>

#include "costops-error.h"
#include "costops-money.h"

/* The extremes of a 128-bit count of 10^-10 units, written out by hand
 * from 2^127 − 1 = 170141183460469231731687303715884105727. */
#define MAX_TEXT "17014118346046923173168730371.5884105727"
#define MIN_TEXT "-17014118346046923173168730371.5884105728"
#define I128_MAX ((__int128) (((unsigned __int128) 1 << 127) - 1))
#define I128_MIN (-I128_MAX - 1)

static CostopsMoney
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  CostopsMoney value = { 0 };

  g_assert_true (costops_money_parse (text, &value, &error));
  g_assert_no_error (error);
  return value;
}

static void
assert_units (CostopsMoney value,
              gint64       expected)
{
  g_assert_true (value.units == (__int128) expected);
}

static void
assert_text (CostopsMoney  value,
             const char   *expected)
{
  g_autofree char *text = costops_money_to_string (value);
  char buf[COSTOPS_MONEY_STRING_SIZE];
  gsize len = costops_money_format (value, buf);

  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpstr (buf, ==, expected);
  g_assert_cmpuint (len, ==, strlen (expected));
}

static void
test_parse_valid (void)
{
  assert_units (parse_ok ("10"), G_GINT64_CONSTANT (100000000000));
  assert_units (parse_ok ("0.5"), G_GINT64_CONSTANT (5000000000));
  assert_units (parse_ok ("0.0000025"), 25000);
  assert_units (parse_ok ("0.0000000001"), 1);
  assert_units (parse_ok ("-3.1"), G_GINT64_CONSTANT (-31000000000));
  assert_units (parse_ok ("+2"), G_GINT64_CONSTANT (20000000000));
  assert_units (parse_ok ("0"), 0);
  assert_units (parse_ok ("-0"), 0);
  assert_units (parse_ok ("007.50"), G_GINT64_CONSTANT (75000000000));
  assert_units (parse_ok ("1234567.8901234567"), G_GINT64_CONSTANT (12345678901234567));
}

static void
test_parse_invalid (void)
{
  const char *bad[] = {
    "", "-", "+", ".5", "5.", "1e-6", "1E3", " 1", "1 ", "1,000", "abc",
    "--1", "+-1", "0x10", "1.2.3", "0.00000000001", "1.5f", "١",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      CostopsMoney value = { 42 };

      g_test_message ("parsing “%s”", bad[i]);
      g_assert_false (costops_money_parse (bad[i], &value, &error));
      g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_PARSE);
      /* The message quotes the text, so a user can find it. */
      g_assert_nonnull (strstr (error->message, bad[i]));
      g_assert_true (value.units == 42);
    }
}

static void
test_parse_limits (void)
{
  const char *too_big[] = {
    "17014118346046923173168730371.5884105728",
    "-17014118346046923173168730371.5884105729",
    "17014118346046923173168730372",
    "99999999999999999999999999999999999999999",
  };

  g_assert_true (parse_ok (MAX_TEXT).units == I128_MAX);
  g_assert_true (parse_ok (MIN_TEXT).units == I128_MIN);
  assert_text (parse_ok (MAX_TEXT), MAX_TEXT);
  assert_text (parse_ok (MIN_TEXT), MIN_TEXT);

  for (guint i = 0; i < G_N_ELEMENTS (too_big); i++)
    {
      g_autoptr(GError) error = NULL;
      CostopsMoney value;

      g_assert_false (costops_money_parse (too_big[i], &value, &error));
      g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_OVERFLOW);
    }
}

static void
test_print (void)
{
  assert_text (COSTOPS_MONEY_ZERO, "0.0000000000");
  assert_text (costops_money_from_units (250000000), "0.0250000000");
  assert_text (costops_money_from_units (G_GINT64_CONSTANT (-31000000000)), "-3.1000000000");
  assert_text (costops_money_from_units (-1), "-0.0000000001");
  assert_text (costops_money_from_units (1), "0.0000000001");
  assert_text (costops_money_from_int (3), "3.0000000000");
  assert_text (costops_money_from_int (-7), "-7.0000000000");
  /* 10^19 units: the formatter's 19-digit chunk boundary. */
  assert_text (costops_money_from_units ((__int128) G_GUINT64_CONSTANT (10000000000000000000)),
               "1000000000.0000000000");
  assert_text (costops_money_from_units ((__int128) G_GUINT64_CONSTANT (10000000000000000000) * 10 + 7),
               "10000000000.0000000007");
}

/* Printing then parsing gives back every value, including 128-bit ones. */
static void
test_round_trip (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4711);

  for (guint i = 0; i < 20000; i++)
    {
      unsigned __int128 bits = ((unsigned __int128) g_rand_int (rand) << 96)
                               | ((unsigned __int128) g_rand_int (rand) << 64)
                               | ((unsigned __int128) g_rand_int (rand) << 32)
                               | g_rand_int (rand);
      /* Vary the magnitude so that short values are covered too. */
      __int128 units = (__int128) (bits >> g_rand_int_range (rand, 0, 128));
      g_autofree char *text = NULL;
      CostopsMoney back;

      if (g_rand_boolean (rand))
        units = -units;
      text = costops_money_to_string (costops_money_from_units (units));
      back = parse_ok (text);
      if (back.units != units)
        g_error ("round trip of %s changed the value", text);
    }
}

static void
test_add_sub (void)
{
  g_autoptr(GError) error = NULL;
  CostopsMoney r;

  /* 0.1 + 0.2 is exactly 0.3, unlike binary floating point. */
  g_assert_true (costops_money_add (parse_ok ("0.1"), parse_ok ("0.2"), &r, &error));
  assert_text (r, "0.3000000000");
  g_assert_true (costops_money_sub (parse_ok ("0.3"), parse_ok ("0.1"), &r, &error));
  assert_text (r, "0.2000000000");
  g_assert_true (costops_money_sub (parse_ok ("1"), parse_ok ("2.5"), &r, &error));
  assert_text (r, "-1.5000000000");
  g_assert_no_error (error);

  g_assert_false (costops_money_add (costops_money_from_units (I128_MAX), costops_money_from_units (1), &r, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_OVERFLOW);
  g_clear_error (&error);
  g_assert_false (costops_money_sub (costops_money_from_units (I128_MIN), costops_money_from_units (1), &r, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_OVERFLOW);
  g_clear_error (&error);
  g_assert_false (costops_money_sub (COSTOPS_MONEY_ZERO, costops_money_from_units (I128_MIN), &r, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_OVERFLOW);
}

static void
test_mul_int (void)
{
  g_autoptr(GError) error = NULL;
  CostopsMoney r;

  g_assert_true (costops_money_mul_int (parse_ok ("0.0000025"), 1000000, &r, &error));
  assert_text (r, "2.5000000000");
  g_assert_true (costops_money_mul_int (parse_ok ("-0.3"), 3, &r, &error));
  assert_text (r, "-0.9000000000");
  g_assert_true (costops_money_mul_int (parse_ok ("123.45"), 0, &r, &error));
  assert_text (r, "0.0000000000");
  /* Large token counts stay exact. */
  g_assert_true (costops_money_mul_int (parse_ok ("0.0000000001"), G_MAXUINT64, &r, &error));
  assert_text (r, "1844674407.3709551615");
  g_assert_no_error (error);

  g_assert_false (costops_money_mul_int (costops_money_from_units (I128_MAX / 2 + 1), 2, &r, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_OVERFLOW);
  g_clear_error (&error);
  g_assert_false (costops_money_mul_int (parse_ok ("10000000000000000000"), G_MAXUINT64, &r, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_OVERFLOW);
}

static void
test_div_int (void)
{
  static const struct {
    gint64 units;
    guint64 divisor;
    gint64 expected;
  } cases[] = {
    { 5, 10, 0 },      /* 0.5 -> 0 (even) */
    { 15, 10, 2 },     /* 1.5 -> 2 */
    { 25, 10, 2 },     /* 2.5 -> 2 */
    { 35, 10, 4 },     /* 3.5 -> 4 */
    { 26, 10, 3 },
    { 24, 10, 2 },
    { -5, 10, 0 },
    { -15, 10, -2 },
    { -25, 10, -2 },
    { -35, 10, -4 },
    { -26, 10, -3 },
    { 1, 3, 0 },
    { 2, 3, 1 },
    { G_GINT64_CONSTANT (10000000000), 3, 3333333333 },
    { G_GINT64_CONSTANT (20000000000), 3, 6666666667 },
    { 7, 1, 7 },
  };
  g_autoptr(GError) error = NULL;
  CostopsMoney r;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_true (costops_money_div_int (costops_money_from_units (cases[i].units),
                                            cases[i].divisor, &r, &error));
      g_assert_no_error (error);
      if (r.units != cases[i].expected)
        g_error ("%" G_GINT64_FORMAT " / %" G_GUINT64_FORMAT ": expected %" G_GINT64_FORMAT
                 ", got %" G_GINT64_FORMAT,
                 cases[i].units, cases[i].divisor, cases[i].expected, (gint64) r.units);
    }

  /* The most negative value divides without overflowing. */
  g_assert_true (costops_money_div_int (costops_money_from_units (I128_MIN), 2, &r, &error));
  g_assert_true (r.units == I128_MIN / 2);
  g_assert_true (costops_money_div_int (costops_money_from_units (I128_MAX), G_MAXUINT64, &r, &error));
  g_assert_true (r.units > 0);

  g_assert_false (costops_money_div_int (parse_ok ("1"), 0, &r, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_OVERFLOW);
}

static void
test_quantize (void)
{
  static const struct {
    const char *value;
    guint digits;
    const char *expected;
  } cases[] = {
    { "2.5", 0, "2.0000000000" },
    { "3.5", 0, "4.0000000000" },
    { "-2.5", 0, "-2.0000000000" },
    { "-3.5", 0, "-4.0000000000" },
    { "2.51", 0, "3.0000000000" },
    { "-2.49", 0, "-2.0000000000" },
    { "0.125", 2, "0.1200000000" },
    { "0.135", 2, "0.1400000000" },
    { "-0.125", 2, "-0.1200000000" },
    { "0.1250000001", 2, "0.1300000000" },
    { "1.2345678901", 10, "1.2345678901" },
    { "1.2345678901", 42, "1.2345678901" },
    { "1.2345678905", 9, "1.2345678900" },
    { "1.2345678915", 9, "1.2345678920" },
    { "0.4", 0, "0.0000000000" },
    { "-0.4", 0, "0.0000000000" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      assert_text (costops_money_quantize (parse_ok (cases[i].value), cases[i].digits),
                   cases[i].expected);
    }
}

static void
test_quantize_limits (void)
{
  g_autoptr(GError) error = NULL;
  CostopsMoney r;

  /* MAX ends in .5884105727: rounding to whole units goes up, out of range. */
  g_assert_false (costops_money_quantize_checked (costops_money_from_units (I128_MAX), 0, &r, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_OVERFLOW);
  g_clear_error (&error);
  /* The unchecked variant rounds toward zero there instead. */
  assert_text (costops_money_quantize (costops_money_from_units (I128_MAX), 0),
               "17014118346046923173168730371.0000000000");
  assert_text (costops_money_quantize (costops_money_from_units (I128_MIN), 0),
               "-17014118346046923173168730371.0000000000");
  /* Nine places round ...7 up, past the limit; eight round ...27 down. */
  g_assert_false (costops_money_quantize_checked (costops_money_from_units (I128_MAX), 9, &r, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_OVERFLOW);
  g_clear_error (&error);
  g_assert_true (costops_money_quantize_checked (costops_money_from_units (I128_MAX), 8, &r, &error));
  assert_text (r, "17014118346046923173168730371.5884105700");
  g_assert_no_error (error);
}

static void
test_compare_and_double (void)
{
  g_assert_cmpint (costops_money_compare (parse_ok ("1"), parse_ok ("2")), ==, -1);
  g_assert_cmpint (costops_money_compare (parse_ok ("2"), parse_ok ("1")), ==, 1);
  g_assert_cmpint (costops_money_compare (parse_ok ("-0"), parse_ok ("0")), ==, 0);
  g_assert_cmpint (costops_money_compare (costops_money_from_units (I128_MIN),
                                          costops_money_from_units (I128_MAX)), ==, -1);
  g_assert_cmpfloat_with_epsilon (costops_money_to_double (parse_ok ("0.025")), 0.025, 1e-15);
  g_assert_cmpfloat_with_epsilon (costops_money_to_double (parse_ok ("-1234.5")), -1234.5, 1e-9);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/money/parse/valid", test_parse_valid);
  g_test_add_func ("/money/parse/invalid", test_parse_invalid);
  g_test_add_func ("/money/parse/limits", test_parse_limits);
  g_test_add_func ("/money/print", test_print);
  g_test_add_func ("/money/round-trip", test_round_trip);
  g_test_add_func ("/money/add-sub", test_add_sub);
  g_test_add_func ("/money/mul-int", test_mul_int);
  g_test_add_func ("/money/div-int", test_div_int);
  g_test_add_func ("/money/quantize", test_quantize);
  g_test_add_func ("/money/quantize-limits", test_quantize_limits);
  g_test_add_func ("/money/compare-double", test_compare_and_double);

  return g_test_run ();
}
