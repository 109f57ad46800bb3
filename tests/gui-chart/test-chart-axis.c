/* test-chart-axis.c: the chart's value axis: ranges, ticks, labels.
 * Pure computation, no display needed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <math.h>

#include "cob-chart-axis.h"

/* The labels of the major ticks, joined by spaces; minor ticks counted. */
static char *
major_labels (CobChartAxis *axis,
              guint        *n_minor)
{
  const CobChartTick *ticks;
  GString *joined = g_string_new (NULL);
  guint n_ticks;

  *n_minor = 0;
  ticks = cob_chart_axis_get_ticks (axis, &n_ticks);
  for (guint i = 0; i < n_ticks; i++)
    {
      if (i > 0)
        g_assert_cmpfloat (ticks[i].value, >, ticks[i - 1].value);
      if (!ticks[i].major)
        {
          g_assert_null (ticks[i].label);
          (*n_minor)++;
          continue;
        }
      g_assert_nonnull (ticks[i].label);
      if (joined->len > 0)
        g_string_append_c (joined, ' ');
      g_string_append (joined, ticks[i].label);
    }
  return g_string_free (joined, FALSE);
}

static void
assert_range (CobChartAxis *axis,
              double        lower,
              double        upper)
{
  double l, u;

  cob_chart_axis_get_range (axis, &l, &u);
  g_assert_cmpfloat_with_epsilon (l, lower, fabs (lower) * 1e-12 + 1e-15);
  g_assert_cmpfloat_with_epsilon (u, upper, fabs (upper) * 1e-12 + 1e-15);
}

static void
test_log_six_decades (void)
{
  /* Storage near 95 ops/sec, the cost calculator above a million. */
  const double values[] = { 5000, 95.5, 1.25e6, 820, 1.4e6, 80 };
  g_autoptr(CobChartAxis) axis = cob_chart_axis_new (COB_CHART_SCALE_LOGARITHMIC);
  g_autofree char *labels = NULL;
  guint n_minor;

  cob_chart_axis_set_values (axis, values, G_N_ELEMENTS (values));
  assert_range (axis, 10, 1e7);

  labels = major_labels (axis, &n_minor);
  g_assert_cmpstr (labels, ==, "10 100 1k 10k 100k 1M 10M");
  /* 2..9 in each of the six decades. */
  g_assert_cmpuint (n_minor, ==, 6 * 8);

  g_assert_cmpfloat_with_epsilon (cob_chart_axis_map (axis, 10), 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (cob_chart_axis_map (axis, 1e4), 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (cob_chart_axis_map (axis, 1e7), 1.0, 1e-12);
  /* Equal ratios, equal distances. */
  g_assert_cmpfloat_with_epsilon (cob_chart_axis_map (axis, 200) - cob_chart_axis_map (axis, 100),
                                  cob_chart_axis_map (axis, 2e5) - cob_chart_axis_map (axis, 1e5),
                                  1e-12);
}

static void
test_log_exact_decade (void)
{
  /* A lowest value of exactly 1000 must still get a bar: the axis starts a
   * decade lower, and the upper bound may be the value itself. */
  const double values[] = { 1000, 50000, 100000 };
  g_autoptr(CobChartAxis) axis = cob_chart_axis_new (COB_CHART_SCALE_LOGARITHMIC);
  g_autofree char *labels = NULL;
  guint n_minor;

  cob_chart_axis_set_values (axis, values, G_N_ELEMENTS (values));
  assert_range (axis, 100, 100000);
  g_assert_cmpfloat (cob_chart_axis_map (axis, 1000), >, 0.3);

  labels = major_labels (axis, &n_minor);
  g_assert_cmpstr (labels, ==, "100 1k 10k 100k");
  g_assert_cmpuint (n_minor, ==, 3 * 8);
}

static void
test_linear_nice_steps (void)
{
  g_autoptr(CobChartAxis) axis = cob_chart_axis_new (COB_CHART_SCALE_LINEAR);
  const double one[] = { 125000 };
  const double spread[] = { 95.5, 1.25e6, 1.4084e6 };
  const double small[] = { 7.5, 2 };
  const double fractions[] = { 0.33 };
  g_autofree char *labels1 = NULL, *labels2 = NULL, *labels3 = NULL, *labels4 = NULL;
  guint n_minor;

  /* 125000 / 5 = 25000 → step 20000, up to the next multiple: 140000. */
  cob_chart_axis_set_values (axis, one, G_N_ELEMENTS (one));
  assert_range (axis, 0, 140000);
  labels1 = major_labels (axis, &n_minor);
  g_assert_cmpstr (labels1, ==, "0 20k 40k 60k 80k 100k 120k 140k");
  g_assert_cmpuint (n_minor, ==, 0);
  g_assert_cmpfloat_with_epsilon (cob_chart_axis_map (axis, 70000), 0.5, 1e-12);

  /* 1.4084M / 5 ≈ 281680 → step 200k, up to 1.6M. */
  cob_chart_axis_set_values (axis, spread, G_N_ELEMENTS (spread));
  assert_range (axis, 0, 1.6e6);
  labels2 = major_labels (axis, &n_minor);
  g_assert_cmpstr (labels2, ==, "0 200k 400k 600k 800k 1M 1.2M 1.4M 1.6M");

  /* 7.5 / 5 = 1.5 → step 2. */
  cob_chart_axis_set_values (axis, small, G_N_ELEMENTS (small));
  assert_range (axis, 0, 8);
  labels3 = major_labels (axis, &n_minor);
  g_assert_cmpstr (labels3, ==, "0 2 4 6 8");

  /* 0.33 / 5 = 0.066 → step 0.05, up to 0.35. */
  cob_chart_axis_set_values (axis, fractions, G_N_ELEMENTS (fractions));
  assert_range (axis, 0, 0.35);
  labels4 = major_labels (axis, &n_minor);
  g_assert_cmpstr (labels4, ==, "0 0.05 0.1 0.15 0.2 0.25 0.3 0.35");
}

static void
test_single_value (void)
{
  const double value[] = { 5000 };
  g_autoptr(CobChartAxis) log_axis = cob_chart_axis_new (COB_CHART_SCALE_LOGARITHMIC);
  g_autoptr(CobChartAxis) linear_axis = cob_chart_axis_new (COB_CHART_SCALE_LINEAR);
  g_autofree char *log_labels = NULL, *linear_labels = NULL;
  guint n_minor;

  cob_chart_axis_set_values (log_axis, value, 1);
  assert_range (log_axis, 1000, 10000);
  log_labels = major_labels (log_axis, &n_minor);
  g_assert_cmpstr (log_labels, ==, "1k 10k");
  g_assert_cmpuint (n_minor, ==, 8);

  /* 5000 / 5 = 1000 → step 1000; the value is the upper bound. */
  cob_chart_axis_set_values (linear_axis, value, 1);
  assert_range (linear_axis, 0, 5000);
  linear_labels = major_labels (linear_axis, &n_minor);
  g_assert_cmpstr (linear_labels, ==, "0 1k 2k 3k 4k 5k");
  g_assert_cmpfloat_with_epsilon (cob_chart_axis_map (linear_axis, 5000), 1.0, 1e-12);
}

static void
test_zero_negative_guard (void)
{
  const double mixed[] = { 0, -5, NAN, INFINITY, 200 };
  const double nothing[] = { 0, -1 };
  const double negative[] = { -50, 100 };
  g_autoptr(CobChartAxis) axis = cob_chart_axis_new (COB_CHART_SCALE_LOGARITHMIC);
  g_autofree char *labels = NULL;
  guint n_minor;

  /* Log: only 200 can be shown. */
  cob_chart_axis_set_values (axis, mixed, G_N_ELEMENTS (mixed));
  assert_range (axis, 100, 1000);
  g_assert_cmpfloat (cob_chart_axis_map (axis, 0), ==, 0.0);
  g_assert_cmpfloat (cob_chart_axis_map (axis, -5), ==, 0.0);
  g_assert_cmpfloat (cob_chart_axis_map (axis, NAN), ==, 0.0);
  g_assert_cmpfloat (cob_chart_axis_map (axis, 1e9), ==, 1.0);

  cob_chart_axis_set_values (axis, nothing, G_N_ELEMENTS (nothing));
  assert_range (axis, 1, 10);
  cob_chart_axis_set_values (axis, NULL, 0);
  assert_range (axis, 1, 10);

  /* Linear: nothing gives 0..1; a negative value gets room below zero. */
  cob_chart_axis_set_scale (axis, COB_CHART_SCALE_LINEAR);
  assert_range (axis, 0, 1);
  cob_chart_axis_set_values (axis, nothing, G_N_ELEMENTS (nothing));
  assert_range (axis, -1, 0);
  cob_chart_axis_set_values (axis, negative, G_N_ELEMENTS (negative));
  assert_range (axis, -50, 100);
  labels = major_labels (axis, &n_minor);
  g_assert_cmpstr (labels, ==, "-50 0 50 100");
}

static void
test_format_short (void)
{
  const struct { double value; const char *text; } cases[] = {
    { 0, "0" }, { 1, "1" }, { 2.5, "2.5" }, { 95.5, "95.5" }, { 999, "999" },
    { 999.6, "1k" }, { 1000, "1k" }, { 1500, "1.5k" }, { 12500, "12.5k" },
    { 125000, "125k" }, { 1e7, "10M" }, { 12345678, "12.3M" },
    { 0.5, "0.5" }, { -2000, "-2k" }, { 1.5e9, "1.5G" }, { 2e12, "2T" },
    { 999999, "1M" }, { 1.005e6, "1M" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = cob_chart_format_value_short (cases[i].value);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_scale_switch (void)
{
  const double values[] = { 95.5, 1.25e6 };
  g_autoptr(CobChartAxis) axis = cob_chart_axis_new (COB_CHART_SCALE_LOGARITHMIC);
  guint notified = 0;

  g_signal_connect (axis, "notify::scale", G_CALLBACK (count_notify), &notified);
  cob_chart_axis_set_values (axis, values, G_N_ELEMENTS (values));
  assert_range (axis, 10, 1e7);

  cob_chart_axis_set_scale (axis, COB_CHART_SCALE_LINEAR);
  g_assert_cmpuint (notified, ==, 1);
  /* The range follows the scale at once. */
  assert_range (axis, 0, 1.4e6);
  cob_chart_axis_set_scale (axis, COB_CHART_SCALE_LINEAR);
  g_assert_cmpuint (notified, ==, 1);
  g_object_set (axis, "scale", COB_CHART_SCALE_LOGARITHMIC, NULL);
  g_assert_cmpuint (notified, ==, 2);
  assert_range (axis, 10, 1e7);
}

int
main (int   argc,
      char *argv[])
{
  /* Labels use the locale's decimal point; the expected strings are C's. */
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart-axis/log/six-decades", test_log_six_decades);
  g_test_add_func ("/chart-axis/log/exact-decade", test_log_exact_decade);
  g_test_add_func ("/chart-axis/linear/nice-steps", test_linear_nice_steps);
  g_test_add_func ("/chart-axis/single-value", test_single_value);
  g_test_add_func ("/chart-axis/zero-negative", test_zero_negative_guard);
  g_test_add_func ("/chart-axis/format-short", test_format_short);
  g_test_add_func ("/chart-axis/scale-switch", test_scale_switch);

  return g_test_run ();
}
