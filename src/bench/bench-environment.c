/* bench-environment.c: machine and build facts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "git-version.h"

#include "bench-environment.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <zstd.h>

#include "bench-history.h"
#include "bench-private.h"

static const char * const cpu_model_keys[] = { "model name", "Model", "Hardware", "cpu" };

/* Libraries added by the programs that link the framework (the app: GTK). */
G_LOCK_DEFINE_STATIC (registered_libraries);
static GPtrArray *registered_names;
static GPtrArray *registered_versions;

/* The value after "key:" on the first line of @text whose key is @key. */
static char *
find_colon_value (const char *text,
                  const char *key)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *colon = strchr (lines[i], ':');
      g_autofree char *name = NULL;

      if (colon == NULL)
        continue;
      name = g_strstrip (g_strndup (lines[i], colon - lines[i]));
      if (g_strcmp0 (name, key) == 0)
        return g_strstrip (g_strdup (colon + 1));
    }
  return NULL;
}

char *
bench_environment_parse_cpu_model (const char *cpuinfo)
{
  g_return_val_if_fail (cpuinfo != NULL, NULL);

  /* Keys in order of preference: the first key found anywhere wins. */
  for (guint k = 0; k < G_N_ELEMENTS (cpu_model_keys); k++)
    {
      g_autofree char *value = find_colon_value (cpuinfo, cpu_model_keys[k]);

      if (value != NULL && *value != '\0')
        return g_steal_pointer (&value);
    }
  return NULL;
}

/* The first line of a small file below @root, stripped; NULL when it cannot
 * be read (a container without cpufreq, a kernel without the file). */
static char *
read_line (const char *root,
           const char *relative)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);
  g_autofree char *text = NULL;
  char *newline;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  newline = strchr (text, '\n');
  if (newline != NULL)
    *newline = '\0';
  g_strstrip (text);
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static char *
read_kernel (void)
{
  struct utsname names;

  if (uname (&names) != 0)
    return g_strdup ("unknown");
  return g_strdup_printf ("%s %s %s", names.sysname, names.release, names.machine);
}

static gboolean
parse_uint64 (const char *text,
              guint64    *value)
{
  char *end = NULL;

  if (text == NULL || !g_ascii_isdigit (*text))
    return FALSE;
  errno = 0;
  *value = g_ascii_strtoull (text, &end, 10);
  return errno == 0 && end != text;
}

static guint64
read_memory_total (const char *proc_root)
{
  g_autofree char *path = g_build_filename (proc_root, "meminfo", NULL);
  g_autofree char *text = NULL;
  g_autofree char *value = NULL;
  guint64 kib;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return 0;
  value = find_colon_value (text, "MemTotal");
  /* "24684092 kB": the kernel's kB are KiB. */
  if (!parse_uint64 (value, &kib) || !g_str_has_suffix (value, " kB"))
    return 0;
  return kib * 1024;
}

static void
read_load_average (const char *proc_root,
                   double      load[3])
{
  g_autofree char *line = read_line (proc_root, "loadavg");
  g_auto(GStrv) fields = NULL;

  load[0] = load[1] = load[2] = -1.0;
  if (line == NULL)
    return;
  fields = g_strsplit (line, " ", -1);
  if (g_strv_length (fields) < 3)
    return;
  for (guint i = 0; i < 3; i++)
    {
      char *end = NULL;
      double value = g_ascii_strtod (fields[i], &end);

      if (end == fields[i] || *end != '\0' || value < 0.0)
        {
          load[0] = load[1] = load[2] = -1.0;
          return;
        }
      load[i] = value;
    }
}

/* "cpu2" before "cpu10". */
static int
compare_cpu_names (gconstpointer a,
                   gconstpointer b)
{
  guint64 x = g_ascii_strtoull (*(const char * const *) a + 3, NULL, 10);
  guint64 y = g_ascii_strtoull (*(const char * const *) b + 3, NULL, 10);

  return (x > y) - (x < y);
}

/* The governors of every CPU that has cpufreq, each distinct one once, in
 * CPU order; "unknown" when no CPU says. */
static char *
read_governors (const char *sys_root)
{
  g_autofree char *cpu_dir = g_build_filename (sys_root, "devices", "system", "cpu", NULL);
  g_autoptr(GDir) dir = g_dir_open (cpu_dir, 0, NULL);
  g_autoptr(GPtrArray) cpus = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) governors = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  /* cpu0, cpu1, …; not cpufreq, cpuidle or the like. */
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_prefix (name, "cpu") && name[3] != '\0' &&
          strspn (name + 3, "0123456789") == strlen (name + 3))
        g_ptr_array_add (cpus, g_strdup (name));
    }
  g_ptr_array_sort (cpus, compare_cpu_names);
  for (guint i = 0; i < cpus->len; i++)
    {
      g_autofree char *relative = g_build_filename ("devices", "system", "cpu",
                                                    (char *) g_ptr_array_index (cpus, i),
                                                    "cpufreq", "scaling_governor", NULL);
      g_autofree char *governor = read_line (sys_root, relative);

      if (governor != NULL &&
          !g_ptr_array_find_with_equal_func (governors, governor, g_str_equal, NULL))
        g_ptr_array_add (governors, g_steal_pointer (&governor));
    }
  if (governors->len == 0)
    return g_strdup ("unknown");
  g_ptr_array_add (governors, NULL);
  return g_strjoinv (", ", (char **) governors->pdata);
}

static char *
read_boost (const char *sys_root)
{
  g_autofree char *boost = read_line (sys_root, "devices/system/cpu/cpufreq/boost");
  g_autofree char *no_turbo = NULL;

  /* acpi-cpufreq and amd-pstate: 1 means boost on. */
  if (g_strcmp0 (boost, "1") == 0)
    return g_strdup ("on");
  if (g_strcmp0 (boost, "0") == 0)
    return g_strdup ("off");
  /* intel_pstate says it the other way round. */
  no_turbo = read_line (sys_root, "devices/system/cpu/intel_pstate/no_turbo");
  if (g_strcmp0 (no_turbo, "0") == 0)
    return g_strdup ("on");
  if (g_strcmp0 (no_turbo, "1") == 0)
    return g_strdup ("off");
  return g_strdup ("unknown");
}

static guint
read_cpu_mhz (const char *sys_root,
              const char *cpuinfo)
{
  g_autofree char *max_khz = read_line (sys_root, "devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq");
  g_autofree char *current = NULL;
  guint64 khz;

  if (parse_uint64 (max_khz, &khz) && khz > 0)
    return (guint) ((khz + 500) / 1000);
  /* Without cpufreq (virtual machines) /proc/cpuinfo still has the clock. */
  if (cpuinfo != NULL && (current = find_colon_value (cpuinfo, "cpu MHz")) != NULL)
    {
      double mhz = g_ascii_strtod (current, NULL);

      if (mhz > 0.0 && mhz < 1e6)
        return (guint) (mhz + 0.5);
    }
  return 0;
}

static char *
trimmed_or_unknown (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));

  return *copy != '\0' ? g_steal_pointer (&copy) : g_strdup ("unknown");
}

/* zstd and SQLite are asked directly rather than through the engine: the
 * engine's compression and storage modules run on these same shared
 * libraries in this same process, so the versions are the ones the targets
 * measured, and the framework need not depend on the storage module just to
 * name a version. json-glib has no run-time version call, so its version is
 * the one the program was built against. */
static void
collect_libraries (BenchEnvironment *environment)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) versions = g_strv_builder_new ();
  g_autofree char *glib = g_strdup_printf ("%u.%u.%u", glib_major_version,
                                           glib_minor_version, glib_micro_version);

  g_strv_builder_add (names, "GLib");
  g_strv_builder_add (versions, glib);
  g_strv_builder_add (names, "json-glib");
  g_strv_builder_add (versions, JSON_VERSION_S);
  g_strv_builder_add (names, "zstd");
  g_strv_builder_add (versions, ZSTD_versionString ());
  g_strv_builder_add (names, "SQLite");
  g_strv_builder_add (versions, sqlite3_libversion ());

  G_LOCK (registered_libraries);
  for (guint i = 0; registered_names != NULL && i < registered_names->len; i++)
    {
      g_strv_builder_add (names, g_ptr_array_index (registered_names, i));
      g_strv_builder_add (versions, g_ptr_array_index (registered_versions, i));
    }
  G_UNLOCK (registered_libraries);

  environment->library_names = g_strv_builder_end (names);
  environment->library_versions = g_strv_builder_end (versions);
}

void
bench_environment_register_library (const char *name,
                                    const char *version)
{
  guint index;

  g_return_if_fail (name != NULL && *name != '\0');
  g_return_if_fail (version != NULL);

  G_LOCK (registered_libraries);
  if (registered_names == NULL)
    {
      registered_names = g_ptr_array_new_with_free_func (g_free);
      registered_versions = g_ptr_array_new_with_free_func (g_free);
    }
  if (g_ptr_array_find_with_equal_func (registered_names, name, g_str_equal, &index))
    {
      g_free (registered_versions->pdata[index]);
      registered_versions->pdata[index] = g_strdup (version);
    }
  else
    {
      g_ptr_array_add (registered_names, g_strdup (name));
      g_ptr_array_add (registered_versions, g_strdup (version));
    }
  G_UNLOCK (registered_libraries);
}

BenchEnvironment *
bench_environment_collect_at (const char *proc_root,
                              const char *sys_root)
{
  BenchEnvironment *environment = g_new0 (BenchEnvironment, 1);
  g_autofree char *cpuinfo_path = NULL;
  g_autofree char *cpuinfo = NULL;
  char *model = NULL;

  g_return_val_if_fail (proc_root != NULL, NULL);
  g_return_val_if_fail (sys_root != NULL, NULL);

  cpuinfo_path = g_build_filename (proc_root, "cpuinfo", NULL);
  if (g_file_get_contents (cpuinfo_path, &cpuinfo, NULL, NULL))
    model = bench_environment_parse_cpu_model (cpuinfo);

  environment->run_id = bench_run_id_generate ();
  environment->hostname = g_strdup (g_get_host_name ());
  environment->cpu_model = model != NULL ? model : g_strdup ("unknown");
  environment->n_cpus = g_get_num_processors ();
  environment->kernel = read_kernel ();
  environment->memory_total_bytes = read_memory_total (proc_root);
  environment->cpu_mhz = read_cpu_mhz (sys_root, cpuinfo);
  environment->cpu_governor = read_governors (sys_root);
  if (g_strcmp0 (environment->cpu_governor, "unknown") == 0)
    environment->cpu_scaling = g_strdup ("unknown");
  else
    environment->cpu_scaling = g_strdup (g_str_equal (environment->cpu_governor, "performance") ? "off" : "on");
  environment->cpu_boost = read_boost (sys_root);
  read_load_average (proc_root, environment->load_average);

  environment->compiler = g_strdup (BUILD_COMPILER);
  environment->compiler_flags = trimmed_or_unknown (BUILD_CFLAGS);
  environment->build_type = g_strdup (BUILD_TYPE);
  environment->version = g_strdup (PACKAGE_VERSION);
  environment->git_commit = g_strdup (GIT_COMMIT);
  environment->git_tree_state = g_strdup (GIT_TREE_STATE);
  collect_libraries (environment);
  return environment;
}

BenchEnvironment *
bench_environment_collect (void)
{
  return bench_environment_collect_at ("/proc", "/sys");
}

void
bench_environment_free (BenchEnvironment *environment)
{
  if (environment == NULL)
    return;

  g_free (environment->hostname);
  g_free (environment->cpu_model);
  g_free (environment->kernel);
  g_free (environment->compiler);
  g_free (environment->build_type);
  g_free (environment->version);
  g_free (environment->git_commit);
  g_free (environment->git_tree_state);
  g_free (environment->run_id);
  g_free (environment->compiler_flags);
  g_free (environment->cpu_governor);
  g_free (environment->cpu_scaling);
  g_free (environment->cpu_boost);
  g_strfreev (environment->library_names);
  g_strfreev (environment->library_versions);
  g_free (environment);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value != NULL ? value : "unknown");
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

JsonNode *
bench_environment_to_json (const BenchEnvironment *environment)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (environment != NULL, NULL);

  json_builder_begin_object (builder);
  add_string (builder, "run_id", environment->run_id);
  add_string (builder, "hostname", environment->hostname);
  add_string (builder, "kernel", environment->kernel);
  add_string (builder, "cpu_model", environment->cpu_model);
  add_int (builder, "logical_cores", environment->n_cpus);
  add_int (builder, "memory_total_bytes", (gint64) MIN (environment->memory_total_bytes, (guint64) G_MAXINT64));
  add_int (builder, "cpu_mhz", environment->cpu_mhz);
  add_string (builder, "cpu_governor", environment->cpu_governor);
  add_string (builder, "cpu_scaling", environment->cpu_scaling);
  add_string (builder, "cpu_boost", environment->cpu_boost);
  json_builder_set_member_name (builder, "load_average");
  if (environment->load_average[0] >= 0.0)
    {
      json_builder_begin_array (builder);
      for (guint i = 0; i < 3; i++)
        json_builder_add_double_value (builder, environment->load_average[i]);
      json_builder_end_array (builder);
    }
  else
    json_builder_add_null_value (builder);
  add_string (builder, "compiler", environment->compiler);
  add_string (builder, "compiler_flags", environment->compiler_flags);
  add_string (builder, "build_type", environment->build_type);
  add_string (builder, "app_version", environment->version);
  add_string (builder, "git_commit", environment->git_commit);
  add_string (builder, "git_tree_state", environment->git_tree_state);
  json_builder_set_member_name (builder, "libraries");
  json_builder_begin_object (builder);
  for (guint i = 0; environment->library_names != NULL && environment->library_names[i] != NULL; i++)
    add_string (builder, environment->library_names[i], environment->library_versions[i]);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static JsonNode *
value_member (JsonObject *object,
              const char *name,
              GType       type)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != type)
    return NULL;
  return node;
}

/* @name, else @older (what runs before this version called it). */
static char *
dup_string (JsonObject *object,
            const char *name,
            const char *older)
{
  JsonNode *node = value_member (object, name, G_TYPE_STRING);

  if (node == NULL && older != NULL)
    node = value_member (object, older, G_TYPE_STRING);
  return trimmed_or_unknown (node != NULL ? json_node_get_string (node) : NULL);
}

static gint64
get_int (JsonObject *object,
         const char *name,
         const char *older)
{
  JsonNode *node = value_member (object, name, G_TYPE_INT64);

  if (node == NULL && older != NULL)
    node = value_member (object, older, G_TYPE_INT64);
  return node != NULL ? MAX (json_node_get_int (node), 0) : 0;
}

static void
read_json_load (JsonObject *object,
                double      load[3])
{
  JsonNode *node = json_object_get_member (object, "load_average");
  JsonArray *array;

  load[0] = load[1] = load[2] = -1.0;
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;
  array = json_node_get_array (node);
  if (json_array_get_length (array) != 3)
    return;
  for (guint i = 0; i < 3; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) ||
          (json_node_get_value_type (element) != G_TYPE_DOUBLE &&
           json_node_get_value_type (element) != G_TYPE_INT64))
        {
          load[0] = load[1] = load[2] = -1.0;
          return;
        }
      load[i] = json_node_get_double (element);
    }
}

static void
read_json_libraries (JsonObject       *object,
                     BenchEnvironment *environment)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) versions = g_strv_builder_new ();
  JsonNode *node = json_object_get_member (object, "libraries");

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *libraries = json_node_get_object (node);
      /* In the order written, which json_object_iter_init() does not keep. */
      g_autoptr(GList) members = json_object_get_members (libraries);

      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *value = json_object_get_member (libraries, l->data);

          if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
            continue;
          g_strv_builder_add (names, l->data);
          g_strv_builder_add (versions, json_node_get_string (value));
        }
    }
  environment->library_names = g_strv_builder_end (names);
  environment->library_versions = g_strv_builder_end (versions);
}

BenchEnvironment *
bench_environment_from_json (JsonObject *object)
{
  BenchEnvironment *environment = g_new0 (BenchEnvironment, 1);
  g_autoptr(JsonObject) empty = json_object_new ();

  if (object == NULL)
    object = empty;

  environment->run_id = dup_string (object, "run_id", NULL);
  environment->hostname = dup_string (object, "hostname", NULL);
  environment->kernel = dup_string (object, "kernel", NULL);
  environment->cpu_model = dup_string (object, "cpu_model", NULL);
  environment->n_cpus = (guint) MIN (get_int (object, "logical_cores", "n_cpus"), G_MAXUINT);
  environment->memory_total_bytes = (guint64) get_int (object, "memory_total_bytes", NULL);
  environment->cpu_mhz = (guint) MIN (get_int (object, "cpu_mhz", NULL), G_MAXUINT);
  environment->cpu_governor = dup_string (object, "cpu_governor", NULL);
  environment->cpu_scaling = dup_string (object, "cpu_scaling", NULL);
  environment->cpu_boost = dup_string (object, "cpu_boost", NULL);
  read_json_load (object, environment->load_average);
  environment->compiler = dup_string (object, "compiler", NULL);
  environment->compiler_flags = dup_string (object, "compiler_flags", NULL);
  environment->build_type = dup_string (object, "build_type", NULL);
  environment->version = dup_string (object, "app_version", "version");
  environment->git_commit = dup_string (object, "git_commit", NULL);
  environment->git_tree_state = dup_string (object, "git_tree_state", NULL);
  read_json_libraries (object, environment);
  return environment;
}

/* g_strv_builder_take() is newer than GLib 2.74. */
static void
builder_add_take (GStrvBuilder *builder,
                  char         *text)
{
  g_strv_builder_add (builder, text);
  g_free (text);
}

static gboolean
is_debug_build (const BenchEnvironment *environment)
{
  g_auto(GStrv) flags = NULL;

  if (g_strcmp0 (environment->build_type, "debug") == 0)
    return TRUE;
  /* "plain" and custom builds: what counts is the optimisation level. */
  flags = g_strsplit (environment->compiler_flags != NULL ? environment->compiler_flags : "", " ", -1);
  return g_strv_contains ((const char * const *) flags, "-O0");
}

BenchEnvironmentWarnings
bench_environment_get_warnings (const BenchEnvironment *environment)
{
  BenchEnvironmentWarnings warnings = BENCH_ENVIRONMENT_WARNING_NONE;

  g_return_val_if_fail (environment != NULL, BENCH_ENVIRONMENT_WARNING_NONE);

  if (g_strcmp0 (environment->cpu_governor, "unknown") != 0 &&
      g_strcmp0 (environment->cpu_governor, "performance") != 0)
    warnings |= BENCH_ENVIRONMENT_WARNING_GOVERNOR;
  if (environment->load_average[0] >= 0.0 && environment->n_cpus > 0 &&
      environment->load_average[0] > 0.5 * environment->n_cpus)
    warnings |= BENCH_ENVIRONMENT_WARNING_HIGH_LOAD;
  if (is_debug_build (environment))
    warnings |= BENCH_ENVIRONMENT_WARNING_DEBUG_BUILD;
  return warnings;
}

GStrv
bench_environment_dup_warning_messages (const BenchEnvironment *environment)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  BenchEnvironmentWarnings warnings;

  g_return_val_if_fail (environment != NULL, NULL);

  warnings = bench_environment_get_warnings (environment);
  if (warnings & BENCH_ENVIRONMENT_WARNING_GOVERNOR)
    builder_add_take (builder,
                         g_strdup_printf ("The CPU frequency governor is “%s”, not “performance”: "
                                          "the clock may change while targets run.",
                                          environment->cpu_governor));
  if (warnings & BENCH_ENVIRONMENT_WARNING_HIGH_LOAD)
    {
      g_autofree char *load = bench_format_double ("%.2f", environment->load_average[0]);

      builder_add_take (builder,
                        g_strdup_printf ("The load average was %s at the start, high for %u "
                                         "logical CPUs: other work competes with the targets.",
                                         load, environment->n_cpus));
    }
  if (warnings & BENCH_ENVIRONMENT_WARNING_DEBUG_BUILD)
    builder_add_take (builder,
                         g_strdup_printf ("This is an unoptimised build (“%s”, %s): its figures "
                                          "say little about a release build.",
                                          environment->build_type, environment->compiler_flags));
  return g_strv_builder_end (builder);
}

GStrv
bench_environment_fingerprint_differences (JsonObject *baseline,
                                           JsonObject *current)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(BenchEnvironment) a = NULL;
  g_autoptr(BenchEnvironment) b = NULL;
  g_autofree char *cores_a = NULL;
  g_autofree char *cores_b = NULL;
  struct {
    const char *what;
    const char *from;
    const char *to;
  } fields[4];

  if (baseline == NULL || current == NULL)
    {
      g_strv_builder_add (builder, baseline == NULL ? "the baseline recorded no environment"
                                                    : "the current run recorded no environment");
      return g_strv_builder_end (builder);
    }

  a = bench_environment_from_json (baseline);
  b = bench_environment_from_json (current);
  cores_a = g_strdup_printf ("%u", a->n_cpus);
  cores_b = g_strdup_printf ("%u", b->n_cpus);
  fields[0].what = "host name", fields[0].from = a->hostname, fields[0].to = b->hostname;
  fields[1].what = "CPU model", fields[1].from = a->cpu_model, fields[1].to = b->cpu_model;
  fields[2].what = "logical cores", fields[2].from = cores_a, fields[2].to = cores_b;
  fields[3].what = "build type", fields[3].from = a->build_type, fields[3].to = b->build_type;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (g_strcmp0 (fields[i].from, fields[i].to) != 0)
        builder_add_take (builder, g_strdup_printf ("%s: %s → %s", fields[i].what,
                                                       fields[i].from, fields[i].to));
    }
  return g_strv_builder_end (builder);
}
