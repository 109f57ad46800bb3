/* test-environment.c: machine facts for the summary header, and the sample
 * statistics the metrics come from.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "bench-environment.h"
#include "bench-stats.h"

static void
test_cpu_model_parse (void)
{
  struct {
    const char *cpuinfo;
    const char *expected;
  } cases[] = {
    { "processor\t: 0\nvendor_id\t: GenuineIntel\ncpu family\t: 6\n"
      "model\t\t: 85\nmodel name\t: Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz\ncpu MHz\t\t: 2400.000\n"
      "\nprocessor\t: 1\nmodel name\t: Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz\n",
      "Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz" },
    /* Raspberry Pi style ARM: no "model name", a "Model" line at the end. */
    { "processor\t: 0\nBogoMIPS\t: 108.00\nCPU implementer\t: 0x41\n\nHardware\t: BCM2835\n"
      "Model\t\t: Raspberry Pi 4 Model B Rev 1.4\n",
      "Raspberry Pi 4 Model B Rev 1.4" },
    { "processor\t: 0\nHardware\t: Qualcomm Technologies, Inc SM8250\n",
      "Qualcomm Technologies, Inc SM8250" },
    { "processor\t: 0\ncpu\t\t: POWER9 (architected), altivec supported\nclock\t\t: 2200.000000MHz\n",
      "POWER9 (architected), altivec supported" },
    /* "cpu family" and "cpu MHz" are not the model. */
    { "cpu family\t: 6\ncpu MHz\t\t: 2400.000\nmodel name\t: \n", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *model = bench_environment_parse_cpu_model (cases[i].cpuinfo);

      g_assert_cmpstr (model, ==, cases[i].expected);
    }
}

static void
test_collect (void)
{
  g_autoptr(BenchEnvironment) environment = bench_environment_collect ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *cpuinfo = NULL;
  JsonObject *object;
  const char * const strings[] = {
    "hostname", "cpu_model", "kernel", "compiler", "build_type", "version",
    "git_commit", "git_tree_state",
  };

  g_assert_cmpstr (environment->hostname, ==, g_get_host_name ());
  g_assert_cmpuint (environment->n_cpus, ==, g_get_num_processors ());
  g_assert_cmpstr (environment->compiler, ==, BUILD_COMPILER);
  g_assert_cmpstr (environment->build_type, ==, BUILD_TYPE);
  g_assert_cmpstr (environment->version, ==, PACKAGE_VERSION);
  g_assert_true (g_str_has_prefix (environment->kernel, "Linux "));

  /* The model is the one /proc/cpuinfo names, when it names one. */
  if (g_file_get_contents ("/proc/cpuinfo", &cpuinfo, NULL, NULL))
    {
      g_autofree char *model = bench_environment_parse_cpu_model (cpuinfo);

      g_assert_cmpstr (environment->cpu_model, ==, model != NULL ? model : "unknown");
    }
  g_assert_cmpstr (environment->cpu_model, !=, "");

  node = bench_environment_to_json (environment);
  object = json_node_get_object (node);
  g_assert_cmpuint (json_object_get_size (object), ==, G_N_ELEMENTS (strings) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      JsonNode *member = json_object_get_member (object, strings[i]);

      g_assert_nonnull (member);
      g_assert_cmpint (json_node_get_value_type (member), ==, G_TYPE_STRING);
    }
  g_assert_cmpstr (json_object_get_string_member (object, "hostname"), ==, environment->hostname);
  g_assert_cmpint (json_object_get_int_member (object, "n_cpus"), ==, environment->n_cpus);
}

static void
test_stats (void)
{
  /* 10, 20, ... 100 shuffled: type-7 percentiles are 10 + 90 × p. */
  const double values[] = { 70, 10, 100, 40, 30, 90, 20, 60, 80, 50 };
  double copy[G_N_ELEMENTS (values)];
  BenchSampleStats stats;

  memcpy (copy, values, sizeof values);
  bench_sample_stats_compute (copy, G_N_ELEMENTS (copy), &stats);
  g_assert_cmpmem (copy, sizeof copy, values, sizeof values);   /* not sorted in place */

  g_assert_cmpuint (stats.n, ==, 10);
  g_assert_cmpfloat (stats.min, ==, 10);
  g_assert_cmpfloat (stats.max, ==, 100);
  g_assert_cmpfloat_with_epsilon (stats.mean, 55, 1e-9);
  g_assert_cmpfloat_with_epsilon (stats.median, 55, 1e-9);
  g_assert_cmpfloat_with_epsilon (stats.p5, 14.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (stats.p95, 95.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (stats.p99, 99.1, 1e-9);
  /* Σ (x - 55)² = 8250 over n - 1 = 9. */
  g_assert_cmpfloat_with_epsilon (stats.stddev, sqrt (8250.0 / 9.0), 1e-9);
  g_assert_cmpfloat_with_epsilon (bench_sample_stats_spread (&stats), 81.0 / 55.0, 1e-9);
}

static void
test_stats_small (void)
{
  const double one = 42.0;
  BenchSampleStats stats;

  bench_sample_stats_compute (&one, 1, &stats);
  g_assert_cmpfloat (stats.median, ==, 42.0);
  g_assert_cmpfloat (stats.p99, ==, 42.0);
  g_assert_cmpfloat (stats.stddev, ==, 0.0);
  g_assert_cmpfloat (bench_sample_stats_spread (&stats), ==, 0.0);

  bench_sample_stats_compute (NULL, 0, &stats);
  g_assert_cmpuint (stats.n, ==, 0);
  g_assert_cmpfloat (stats.median, ==, 0.0);
  g_assert_cmpfloat (bench_sample_stats_spread (&stats), ==, 0.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/environment/cpu-model", test_cpu_model_parse);
  g_test_add_func ("/environment/collect", test_collect);
  g_test_add_func ("/stats/values", test_stats);
  g_test_add_func ("/stats/small", test_stats_small);

  return g_test_run ();
}
