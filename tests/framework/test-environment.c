/* test-environment.c: machine facts for the summary header, raw results and
 * history (read from fake /proc and /sys trees too), the noisy-machine
 * warnings and fingerprints, and the sample statistics the metrics come
 * from.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "git-version.h"

#include <math.h>
#include <string.h>

#include "bench-environment.h"
#include "bench-stats.h"
#include "test-util.h"

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

/* Every member bench_environment_to_json() promises, with its JSON type. */
static void
assert_typed (JsonObject *object)
{
  const char * const strings[] = {
    "run_id", "hostname", "kernel", "cpu_model", "cpu_governor", "cpu_scaling", "cpu_boost",
    "compiler", "compiler_flags", "build_type", "app_version", "git_commit", "git_tree_state",
  };
  const char * const integers[] = { "logical_cores", "memory_total_bytes", "cpu_mhz" };
  JsonNode *load;
  JsonObject *libraries;

  g_assert_cmpuint (json_object_get_size (object),
                    ==, G_N_ELEMENTS (strings) + G_N_ELEMENTS (integers) + 2);
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      JsonNode *member = json_object_get_member (object, strings[i]);

      g_assert_nonnull (member);
      g_assert_cmpint (json_node_get_value_type (member), ==, G_TYPE_STRING);
      g_assert_cmpstr (json_node_get_string (member), !=, "");
    }
  for (guint i = 0; i < G_N_ELEMENTS (integers); i++)
    {
      JsonNode *member = json_object_get_member (object, integers[i]);

      g_assert_nonnull (member);
      g_assert_cmpint (json_node_get_value_type (member), ==, G_TYPE_INT64);
      g_assert_cmpint (json_node_get_int (member), >=, 0);
    }
  load = json_object_get_member (object, "load_average");
  g_assert_nonnull (load);
  if (!JSON_NODE_HOLDS_NULL (load))
    {
      JsonArray *array = json_node_get_array (load);

      g_assert_cmpuint (json_array_get_length (array), ==, 3);
      for (guint i = 0; i < 3; i++)
        g_assert_cmpfloat (json_array_get_double_element (array, i), >=, 0.0);
    }
  libraries = json_object_get_object_member (object, "libraries");
  g_assert_nonnull (libraries);
  g_assert_true (g_regex_match_simple ("^[0-9a-f]{8}$",
                                       json_object_get_string_member (object, "run_id"), 0, 0));
}

static void
test_collect (void)
{
  g_autoptr(BenchEnvironment) environment = bench_environment_collect ();
  g_autoptr(BenchEnvironment) other = bench_environment_collect ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *cpuinfo = NULL;
  g_autofree char *glib = g_strdup_printf ("%u.%u.%u", glib_major_version, glib_minor_version,
                                           glib_micro_version);
  JsonObject *object;
  JsonObject *libraries;

  g_assert_cmpstr (environment->hostname, ==, g_get_host_name ());
  g_assert_cmpuint (environment->n_cpus, ==, g_get_num_processors ());
  g_assert_cmpstr (environment->compiler, ==, BUILD_COMPILER);
  g_assert_cmpstr (environment->build_type, ==, BUILD_TYPE);
  g_assert_cmpstr (environment->version, ==, PACKAGE_VERSION);
  g_assert_cmpstr (environment->git_commit, ==, GIT_COMMIT);
  g_assert_cmpstr (environment->git_tree_state, ==, GIT_TREE_STATE);
  /* The commit is the one built, not the one configured: a commit made
   * after `meson setup` is what the build names. */
  {
    g_autofree char *cmd = g_strdup_printf ("git -C '%s' rev-parse --short=12 HEAD", g_test_get_dir (G_TEST_DIST));
    g_autofree char *head = NULL;
    int status = -1;

    if (g_spawn_command_line_sync (cmd, &head, NULL, &status, NULL) && status == 0)
      g_assert_cmpstr (environment->git_commit, ==, g_strstrip (head));
    else
      g_test_message ("not a git checkout: the commit is not compared");
  }
  g_assert_true (g_str_has_prefix (environment->kernel, "Linux "));
  /* Every collection is a new run. */
  g_assert_cmpstr (environment->run_id, !=, other->run_id);

  /* The model is the one /proc/cpuinfo names, when it names one. */
  if (g_file_get_contents ("/proc/cpuinfo", &cpuinfo, NULL, NULL))
    {
      g_autofree char *model = bench_environment_parse_cpu_model (cpuinfo);

      g_assert_cmpstr (environment->cpu_model, ==, model != NULL ? model : "unknown");
    }
  g_assert_cmpstr (environment->cpu_model, !=, "");

  node = bench_environment_to_json (environment);
  object = json_node_get_object (node);
  assert_typed (object);
  g_assert_cmpstr (json_object_get_string_member (object, "hostname"), ==, environment->hostname);
  g_assert_cmpint (json_object_get_int_member (object, "logical_cores"), ==, environment->n_cpus);
  g_assert_cmpstr (json_object_get_string_member (object, "run_id"), ==, environment->run_id);

  /* GLib as it runs, not as it was built; the others all named. */
  libraries = json_object_get_object_member (object, "libraries");
  g_assert_cmpstr (json_object_get_string_member (libraries, "GLib"), ==, glib);
  g_assert_true (json_object_has_member (libraries, "json-glib"));
  g_assert_true (json_object_has_member (libraries, "zstd"));
  g_assert_true (json_object_has_member (libraries, "SQLite"));
  g_assert_false (json_object_has_member (libraries, "GTK"));
}

static void
make_file (const char *root,
           const char *relative,
           const char *contents)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  test_write_file (path, contents);
}

/* A machine with cpufreq: governors differ between CPUs, intel_pstate says
 * turbo is on, and the load is far above any number of cores. */
static void
test_collect_fake_machine (void)
{
  g_autofree char *root = test_make_tmpdir ();
  g_autofree char *proc = g_build_filename (root, "proc", NULL);
  g_autofree char *sys = g_build_filename (root, "sys", NULL);
  g_autoptr(BenchEnvironment) environment = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray *load;

  make_file (proc, "cpuinfo", "processor\t: 0\nmodel name\t: Fake CPU 9000\ncpu MHz\t\t: 1234.567\n");
  make_file (proc, "meminfo", "MemTotal:       16384 kB\nMemFree:         1024 kB\n");
  make_file (proc, "loadavg", "1000.50 2.25 0.75 3/400 12345\n");
  make_file (sys, "devices/system/cpu/cpu0/cpufreq/scaling_governor", "powersave\n");
  make_file (sys, "devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq", "3600000\n");
  make_file (sys, "devices/system/cpu/cpu1/cpufreq/scaling_governor", "performance\n");
  make_file (sys, "devices/system/cpu/cpu10/cpufreq/scaling_governor", "powersave\n");
  make_file (sys, "devices/system/cpu/cpufreq/policy0/scaling_governor", "schedutil\n");
  make_file (sys, "devices/system/cpu/intel_pstate/no_turbo", "0\n");

  environment = bench_environment_collect_at (proc, sys);
  g_assert_cmpstr (environment->cpu_model, ==, "Fake CPU 9000");
  g_assert_cmpuint (environment->memory_total_bytes, ==, 16384 * 1024);
  /* The maximum clock from cpufreq beats the current one of cpuinfo. */
  g_assert_cmpuint (environment->cpu_mhz, ==, 3600);
  /* Each governor once, in CPU order; policy folders are not CPUs. */
  g_assert_cmpstr (environment->cpu_governor, ==, "powersave, performance");
  g_assert_cmpstr (environment->cpu_scaling, ==, "on");
  g_assert_cmpstr (environment->cpu_boost, ==, "on");
  g_assert_cmpfloat (environment->load_average[0], ==, 1000.5);
  g_assert_cmpfloat (environment->load_average[1], ==, 2.25);
  g_assert_cmpfloat (environment->load_average[2], ==, 0.75);

  g_assert_true (bench_environment_get_warnings (environment) & BENCH_ENVIRONMENT_WARNING_GOVERNOR);
  g_assert_true (bench_environment_get_warnings (environment) & BENCH_ENVIRONMENT_WARNING_HIGH_LOAD);

  node = bench_environment_to_json (environment);
  assert_typed (json_node_get_object (node));
  load = json_object_get_array_member (json_node_get_object (node), "load_average");
  g_assert_cmpfloat (json_array_get_double_element (load, 0), ==, 1000.5);

  /* All CPUs on "performance", boost off the acpi-cpufreq way, idle. */
  test_rm_rf (root);
  make_file (proc, "loadavg", "0.00 0.01 0.05 1/100 99\n");
  make_file (sys, "devices/system/cpu/cpu0/cpufreq/scaling_governor", "performance\n");
  make_file (sys, "devices/system/cpu/cpufreq/boost", "0\n");
  make_file (sys, "devices/system/cpu/intel_pstate/no_turbo", "0\n");
  g_clear_pointer (&environment, bench_environment_free);
  environment = bench_environment_collect_at (proc, sys);
  g_assert_cmpstr (environment->cpu_governor, ==, "performance");
  g_assert_cmpstr (environment->cpu_scaling, ==, "off");
  g_assert_cmpstr (environment->cpu_boost, ==, "off");
  g_assert_false (bench_environment_get_warnings (environment) &
                  (BENCH_ENVIRONMENT_WARNING_GOVERNOR | BENCH_ENVIRONMENT_WARNING_HIGH_LOAD));
  test_rm_rf (root);
}

/* Nothing readable (a container without /proc or /sys): "unknown", never
 * a guess, and no warning that depends on what could not be read. */
static void
test_collect_nothing_readable (void)
{
  g_autofree char *root = test_make_tmpdir ();
  g_autoptr(BenchEnvironment) environment = bench_environment_collect_at (root, root);
  g_autoptr(JsonNode) node = bench_environment_to_json (environment);
  JsonObject *object = json_node_get_object (node);

  g_assert_cmpstr (environment->cpu_model, ==, "unknown");
  g_assert_cmpstr (environment->cpu_governor, ==, "unknown");
  g_assert_cmpstr (environment->cpu_scaling, ==, "unknown");
  g_assert_cmpstr (environment->cpu_boost, ==, "unknown");
  g_assert_cmpuint (environment->cpu_mhz, ==, 0);
  g_assert_cmpuint (environment->memory_total_bytes, ==, 0);
  g_assert_cmpfloat (environment->load_average[0], <, 0.0);
  g_assert_false (bench_environment_get_warnings (environment) &
                  (BENCH_ENVIRONMENT_WARNING_GOVERNOR | BENCH_ENVIRONMENT_WARNING_HIGH_LOAD));

  assert_typed (object);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (object, "load_average")));
  g_assert_cmpstr (json_object_get_string_member (object, "cpu_governor"), ==, "unknown");
  test_rm_rf (root);
}

static void
test_json_round_trip (void)
{
  g_autoptr(BenchEnvironment) environment = bench_environment_collect ();
  g_autoptr(JsonNode) node = bench_environment_to_json (environment);
  g_autoptr(BenchEnvironment) back = bench_environment_from_json (json_node_get_object (node));
  g_autoptr(JsonNode) again = bench_environment_to_json (back);

  g_assert_cmpstr (back->run_id, ==, environment->run_id);
  g_assert_cmpstr (back->cpu_governor, ==, environment->cpu_governor);
  g_assert_cmpuint (back->memory_total_bytes, ==, environment->memory_total_bytes);
  g_assert_cmpfloat (back->load_average[2], ==, environment->load_average[2]);
  g_assert_cmpstrv (back->library_names, environment->library_names);
  g_assert_cmpstrv (back->library_versions, environment->library_versions);
  g_assert_true (json_node_equal (node, again));
}

/* Runs recorded before this version, or damaged ones, still read. */
static void
test_json_lenient (void)
{
  g_autoptr(JsonNode) older = json_from_string ("{\"hostname\": \"old\", \"n_cpus\": 4, "
                                                "\"version\": \"0.0.9\", \"cpu_mhz\": \"fast\", "
                                                "\"load_average\": [1, \"x\", 2], "
                                                "\"libraries\": {\"zstd\": \"1.5\", \"bad\": 3}}", NULL);
  g_autoptr(BenchEnvironment) environment = bench_environment_from_json (json_node_get_object (older));
  g_autoptr(BenchEnvironment) empty = bench_environment_from_json (NULL);

  g_assert_cmpstr (environment->hostname, ==, "old");
  g_assert_cmpuint (environment->n_cpus, ==, 4);
  g_assert_cmpstr (environment->version, ==, "0.0.9");
  g_assert_cmpuint (environment->cpu_mhz, ==, 0);
  g_assert_cmpfloat (environment->load_average[0], <, 0.0);
  g_assert_cmpstr (environment->cpu_model, ==, "unknown");
  g_assert_cmpstrv (environment->library_names, ((const char * const[]) { "zstd", NULL }));

  g_assert_cmpstr (empty->hostname, ==, "unknown");
  g_assert_cmpuint (empty->n_cpus, ==, 0);
  g_assert_cmpuint (bench_environment_get_warnings (empty), ==, BENCH_ENVIRONMENT_WARNING_NONE);
}

static BenchEnvironment *
environment_from (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  return bench_environment_from_json (json_node_get_object (node));
}

static void
test_warnings (void)
{
  struct {
    const char               *json;
    BenchEnvironmentWarnings  expected;
    const char               *message_part;
  } cases[] = {
    { "{\"logical_cores\": 4, \"load_average\": [1.0, 0, 0], \"cpu_governor\": \"performance\","
      " \"build_type\": \"release\", \"compiler_flags\": \"-O3\"}",
      BENCH_ENVIRONMENT_WARNING_NONE, NULL },
    /* Exactly half the cores is still fine; above it is not. */
    { "{\"logical_cores\": 4, \"load_average\": [2.0, 0, 0], \"build_type\": \"release\"}",
      BENCH_ENVIRONMENT_WARNING_NONE, NULL },
    { "{\"logical_cores\": 4, \"load_average\": [2.01, 0, 0], \"build_type\": \"release\"}",
      BENCH_ENVIRONMENT_WARNING_HIGH_LOAD, "2.01" },
    { "{\"cpu_governor\": \"powersave\", \"build_type\": \"release\"}",
      BENCH_ENVIRONMENT_WARNING_GOVERNOR, "powersave" },
    { "{\"build_type\": \"debug\", \"compiler_flags\": \"-O0\"}",
      BENCH_ENVIRONMENT_WARNING_DEBUG_BUILD, "debug" },
    { "{\"build_type\": \"plain\", \"compiler_flags\": \"-g -O0\"}",
      BENCH_ENVIRONMENT_WARNING_DEBUG_BUILD, "plain" },
    { "{\"logical_cores\": 1, \"load_average\": [5, 5, 5], \"cpu_governor\": \"ondemand\","
      " \"build_type\": \"debug\"}",
      BENCH_ENVIRONMENT_WARNING_GOVERNOR | BENCH_ENVIRONMENT_WARNING_HIGH_LOAD |
      BENCH_ENVIRONMENT_WARNING_DEBUG_BUILD, "ondemand" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BenchEnvironment) environment = environment_from (cases[i].json);
      g_auto(GStrv) messages = bench_environment_dup_warning_messages (environment);
      g_autofree char *all = g_strjoinv ("\n", messages);
      guint expected_count = 0;

      g_assert_cmpuint (bench_environment_get_warnings (environment), ==, cases[i].expected);
      for (guint bit = 1; bit <= BENCH_ENVIRONMENT_WARNING_DEBUG_BUILD; bit <<= 1)
        expected_count += (cases[i].expected & bit) != 0;
      g_assert_cmpuint (g_strv_length (messages), ==, expected_count);
      if (cases[i].message_part != NULL)
        g_assert_nonnull (strstr (all, cases[i].message_part));
    }
}

static void
test_register_library (void)
{
  g_autoptr(BenchEnvironment) first = NULL;
  g_autoptr(BenchEnvironment) second = NULL;
  guint n;

  bench_environment_register_library ("GTK", "4.8.3");
  first = bench_environment_collect ();
  n = g_strv_length (first->library_names);
  g_assert_cmpstr (first->library_names[n - 1], ==, "GTK");
  g_assert_cmpstr (first->library_versions[n - 1], ==, "4.8.3");

  /* Registering again replaces, never duplicates. */
  bench_environment_register_library ("GTK", "4.8.4");
  second = bench_environment_collect ();
  g_assert_cmpuint (g_strv_length (second->library_names), ==, n);
  g_assert_cmpstr (second->library_versions[n - 1], ==, "4.8.4");
}

static void
test_fingerprint (void)
{
  g_autoptr(JsonNode) a = json_from_string ("{\"hostname\": \"a\", \"cpu_model\": \"X\", "
                                            "\"logical_cores\": 2, \"build_type\": \"release\", "
                                            "\"load_average\": [3, 3, 3]}", NULL);
  /* Load and kernel do not make another machine. */
  g_autoptr(JsonNode) same = json_from_string ("{\"hostname\": \"a\", \"cpu_model\": \"X\", "
                                               "\"logical_cores\": 2, \"build_type\": \"release\", "
                                               "\"kernel\": \"Linux 7\"}", NULL);
  g_autoptr(JsonNode) other = json_from_string ("{\"hostname\": \"b\", \"cpu_model\": \"X\", "
                                                "\"logical_cores\": 8, \"build_type\": \"release\"}", NULL);
  g_auto(GStrv) none = bench_environment_fingerprint_differences (json_node_get_object (a),
                                                                   json_node_get_object (same));
  g_auto(GStrv) two = bench_environment_fingerprint_differences (json_node_get_object (a),
                                                                  json_node_get_object (other));
  g_auto(GStrv) missing = bench_environment_fingerprint_differences (NULL, json_node_get_object (a));

  g_assert_cmpstrv (none, ((const char * const[]) { NULL }));
  g_assert_cmpstrv (two, ((const char * const[]) { "host name: a → b", "logical cores: 2 → 8", NULL }));
  g_assert_cmpuint (g_strv_length (missing), ==, 1);
  g_assert_nonnull (strstr (missing[0], "baseline"));
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

/* The one percentile implementation every median goes through. */
static void
test_percentile_sorted (void)
{
  const double sorted[] = { 1, 2, 4, 8 };

  g_assert_true (isnan (bench_stats_percentile_sorted (NULL, 0, 0.5)));
  g_assert_cmpfloat (bench_stats_percentile_sorted (sorted, 4, 0.5), ==, 3.0);
  g_assert_cmpfloat (bench_stats_percentile_sorted (sorted, 3, 0.5), ==, 2.0);
  g_assert_cmpfloat (bench_stats_percentile_sorted (sorted, 4, 0.0), ==, 1.0);
  g_assert_cmpfloat (bench_stats_percentile_sorted (sorted, 4, 1.0), ==, 8.0);
  /* Out of range fractions are clamped, not read past the ends. */
  g_assert_cmpfloat (bench_stats_percentile_sorted (sorted, 4, -1.0), ==, 1.0);
  g_assert_cmpfloat (bench_stats_percentile_sorted (sorted, 4, 2.0), ==, 8.0);
  /* h = 0.25 × 3 = 0.75: 1 + 0.75 × (2 − 1) */
  g_assert_cmpfloat (bench_stats_percentile_sorted (sorted, 4, 0.25), ==, 1.75);
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
  g_test_add_func ("/environment/fake-machine", test_collect_fake_machine);
  g_test_add_func ("/environment/nothing-readable", test_collect_nothing_readable);
  g_test_add_func ("/environment/json-round-trip", test_json_round_trip);
  g_test_add_func ("/environment/json-lenient", test_json_lenient);
  g_test_add_func ("/environment/warnings", test_warnings);
  g_test_add_func ("/environment/register-library", test_register_library);
  g_test_add_func ("/environment/fingerprint", test_fingerprint);
  g_test_add_func ("/stats/percentile-sorted", test_percentile_sorted);
  g_test_add_func ("/stats/values", test_stats);
  g_test_add_func ("/stats/small", test_stats_small);

  return g_test_run ();
}
