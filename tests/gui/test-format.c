/* test-format.c: numbers as the app shows them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "cob-format.h"

static void
check (char       *formatted,
       const char *expected)
{
  g_assert_cmpstr (formatted, ==, expected);
  g_free (formatted);
}

static void
test_grouped (void)
{
  check (cob_format_grouped (0), "0");
  check (cob_format_grouped (999), "999");
  check (cob_format_grouped (1000), "1,000");
  check (cob_format_grouped (24512345.6), "24,512,346");
  check (cob_format_grouped (123456789012.0), "123,456,789,012");
  check (cob_format_grouped (-1234567), "-1,234,567");
  check (cob_format_grouped (-0.3), "0");
  check (cob_format_grouped (999.5), "1,000");
}

static void
test_duration (void)
{
  check (cob_format_duration_ns (0), "0 ns");
  check (cob_format_duration_ns (4.0812), "4.08 ns");
  check (cob_format_duration_ns (40.81), "40.8 ns");
  check (cob_format_duration_ns (408.1), "408 ns");
  check (cob_format_duration_ns (999.7), "1.00 µs");
  check (cob_format_duration_ns (3512), "3.51 µs");
  check (cob_format_duration_ns (12300000), "12.3 ms");
  check (cob_format_duration_ns (2.5e9), "2.50 s");
}

static void
test_percent_and_elapsed (void)
{
  check (cob_format_percent (0.042), "4.2 %");
  check (cob_format_percent (0), "0.0 %");
  check (cob_format_elapsed (400000), "0.4 s");
  check (cob_format_elapsed (12345678), "12.3 s");
  check (cob_format_elapsed (125 * G_USEC_PER_SEC), "2:05");
}

int
main (int   argc,
      char *argv[])
{
  /* LC_ALL=C.UTF-8 in the test environment: no locale grouping, so the
   * fallback separator is what is checked. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/format/grouped", test_grouped);
  g_test_add_func ("/format/duration", test_duration);
  g_test_add_func ("/format/percent-and-elapsed", test_percent_and_elapsed);
  return g_test_run ();
}
