/* bench-registry.c: selecting targets by id.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "bench-registry.h"

#include "bench-error.h"

const BenchTarget *
bench_registry_lookup (const BenchTarget * const *targets,
                       const char                *id)
{
  g_return_val_if_fail (targets != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; targets[i] != NULL; i++)
    {
      if (g_strcmp0 (targets[i]->id, id) == 0)
        return targets[i];
    }
  return NULL;
}

static char *
list_ids (const BenchTarget * const *targets)
{
  GString *ids = g_string_new (NULL);

  for (guint i = 0; targets[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (ids, ", ");
      g_string_append (ids, targets[i]->id);
    }
  return g_string_free (ids, FALSE);
}

GPtrArray *
bench_registry_select (const BenchTarget * const *targets,
                       const char                *selection,
                       gboolean                   empty_means_all,
                       GError                   **error)
{
  g_autoptr(GPtrArray) selected = g_ptr_array_new ();
  g_auto(GStrv) items = NULL;

  g_return_val_if_fail (targets != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (selection == NULL || *selection == '\0')
    {
      if (!empty_means_all)
        {
          g_autofree char *ids = list_ids (targets);

          g_set_error (error, BENCH_ERROR, BENCH_ERROR_EMPTY_SELECTION,
                       "No targets selected; valid targets are: %s", ids);
          return NULL;
        }
      for (guint i = 0; targets[i] != NULL; i++)
        g_ptr_array_add (selected, (gpointer) targets[i]);
      return g_steal_pointer (&selected);
    }

  items = g_strsplit (selection, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      const char *id = g_strstrip (items[i]);
      const BenchTarget *target;

      if (*id == '\0')
        {
          g_set_error (error, BENCH_ERROR, BENCH_ERROR_EMPTY_SELECTION,
                       "Empty target name in selection “%s”", selection);
          return NULL;
        }

      target = bench_registry_lookup (targets, id);
      if (target == NULL)
        {
          g_autofree char *ids = list_ids (targets);

          g_set_error (error, BENCH_ERROR, BENCH_ERROR_UNKNOWN_TARGET,
                       "Unknown target “%s”; valid targets are: %s", id, ids);
          return NULL;
        }
      if (g_ptr_array_find (selected, target, NULL))
        {
          g_set_error (error, BENCH_ERROR, BENCH_ERROR_DUPLICATE_TARGET,
                       "Target “%s” is selected more than once", id);
          return NULL;
        }
      g_ptr_array_add (selected, (gpointer) target);
    }
  return g_steal_pointer (&selected);
}

GPtrArray *
bench_registry_filter (GPtrArray   *selected,
                       const char  *pattern,
                       GError     **error)
{
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  g_return_val_if_fail (selected != NULL, NULL);
  g_return_val_if_fail (pattern != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  regex = g_regex_new (pattern, G_REGEX_DEFAULT, G_REGEX_MATCH_DEFAULT, error);
  if (regex == NULL)
    return NULL;
  for (guint i = 0; i < selected->len; i++)
    {
      const BenchTarget *target = g_ptr_array_index (selected, i);

      if (g_regex_match (regex, target->id, G_REGEX_MATCH_DEFAULT, NULL))
        g_ptr_array_add (kept, (gpointer) target);
    }
  if (kept->len == 0)
    {
      g_set_error (error, BENCH_ERROR, BENCH_ERROR_EMPTY_SELECTION,
                   "No selected target matches “%s”", pattern);
      return NULL;
    }
  return g_steal_pointer (&kept);
}
