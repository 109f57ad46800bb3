/* bench-environment.c: machine and build facts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bench-environment.h"

#include <string.h>
#include <sys/utsname.h>

static const char * const cpu_model_keys[] = { "model name", "Model", "Hardware", "cpu" };

char *
bench_environment_parse_cpu_model (const char *cpuinfo)
{
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (cpuinfo != NULL, NULL);

  lines = g_strsplit (cpuinfo, "\n", -1);
  /* Keys in order of preference: the first key found anywhere wins. */
  for (guint k = 0; k < G_N_ELEMENTS (cpu_model_keys); k++)
    {
      for (guint i = 0; lines[i] != NULL; i++)
        {
          const char *colon = strchr (lines[i], ':');
          g_autofree char *key = NULL;
          g_autofree char *value = NULL;

          if (colon == NULL)
            continue;
          key = g_strstrip (g_strndup (lines[i], colon - lines[i]));
          if (g_strcmp0 (key, cpu_model_keys[k]) != 0)
            continue;
          value = g_strstrip (g_strdup (colon + 1));
          if (*value != '\0')
            return g_steal_pointer (&value);
        }
    }
  return NULL;
}

static char *
read_cpu_model (void)
{
  g_autofree char *text = NULL;
  char *model = NULL;

  if (g_file_get_contents ("/proc/cpuinfo", &text, NULL, NULL))
    model = bench_environment_parse_cpu_model (text);
  return model != NULL ? model : g_strdup ("unknown");
}

static char *
read_kernel (void)
{
  struct utsname names;

  if (uname (&names) != 0)
    return g_strdup ("unknown");
  return g_strdup_printf ("%s %s %s", names.sysname, names.release, names.machine);
}

BenchEnvironment *
bench_environment_collect (void)
{
  BenchEnvironment *environment = g_new0 (BenchEnvironment, 1);

  environment->hostname = g_strdup (g_get_host_name ());
  environment->cpu_model = read_cpu_model ();
  environment->n_cpus = g_get_num_processors ();
  environment->kernel = read_kernel ();
  environment->compiler = g_strdup (BUILD_COMPILER);
  environment->build_type = g_strdup (BUILD_TYPE);
  environment->version = g_strdup (PACKAGE_VERSION);
  environment->git_commit = g_strdup (GIT_COMMIT);
  environment->git_tree_state = g_strdup (GIT_TREE_STATE);
  return environment;
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
  g_free (environment);
}

JsonNode *
bench_environment_to_json (const BenchEnvironment *environment)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (environment != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "hostname");
  json_builder_add_string_value (builder, environment->hostname);
  json_builder_set_member_name (builder, "cpu_model");
  json_builder_add_string_value (builder, environment->cpu_model);
  json_builder_set_member_name (builder, "n_cpus");
  json_builder_add_int_value (builder, environment->n_cpus);
  json_builder_set_member_name (builder, "kernel");
  json_builder_add_string_value (builder, environment->kernel);
  json_builder_set_member_name (builder, "compiler");
  json_builder_add_string_value (builder, environment->compiler);
  json_builder_set_member_name (builder, "build_type");
  json_builder_add_string_value (builder, environment->build_type);
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, environment->version);
  json_builder_set_member_name (builder, "git_commit");
  json_builder_add_string_value (builder, environment->git_commit);
  json_builder_set_member_name (builder, "git_tree_state");
  json_builder_add_string_value (builder, environment->git_tree_state);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
