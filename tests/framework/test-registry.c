/* test-registry.c: selecting targets by exact id, and the errors for
 * empty, unknown and duplicate selections.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "bench-error.h"
#include "bench-registry.h"
#include "test-targets.h"

static const BenchTarget * const registry[] = {
  &fast_target, &busy_target, &unimplemented_target, NULL,
};

static void
test_select (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) chosen = NULL;

  chosen = bench_registry_select (registry, "unimplemented,fast", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chosen->len, ==, 2);
  g_assert_true (g_ptr_array_index (chosen, 0) == &unimplemented_target);
  g_assert_true (g_ptr_array_index (chosen, 1) == &fast_target);
  g_clear_pointer (&chosen, g_ptr_array_unref);

  chosen = bench_registry_select (registry, NULL, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chosen->len, ==, 3);
  g_assert_true (g_ptr_array_index (chosen, 0) == &fast_target);
  g_assert_true (g_ptr_array_index (chosen, 2) == &unimplemented_target);
  g_clear_pointer (&chosen, g_ptr_array_unref);

  g_assert_true (bench_registry_lookup (registry, "busy") == &busy_target);
  g_assert_null (bench_registry_lookup (registry, "bus"));
}

static void
test_select_errors (void)
{
  struct {
    const char *selection;
    int         code;
    const char *message_part;
  } cases[] = {
    { NULL, BENCH_ERROR_EMPTY_SELECTION, "fast, busy, unimplemented" },
    { "", BENCH_ERROR_EMPTY_SELECTION, "fast, busy, unimplemented" },
    { "fast,,busy", BENCH_ERROR_EMPTY_SELECTION, "fast,,busy" },
    { "fast,", BENCH_ERROR_EMPTY_SELECTION, "fast," },
    { "nope", BENCH_ERROR_UNKNOWN_TARGET, "Unknown target “nope”; valid targets are: fast, busy, unimplemented" },
    { "fast,Fast", BENCH_ERROR_UNKNOWN_TARGET, "“Fast”" },
    { "fas", BENCH_ERROR_UNKNOWN_TARGET, "“fas”" },
    { "busy,fast,busy", BENCH_ERROR_DUPLICATE_TARGET, "“busy”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) chosen = bench_registry_select (registry, cases[i].selection, FALSE, &error);

      g_assert_null (chosen);
      g_assert_error (error, BENCH_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].message_part));
    }
}

static void
test_target_ids (void)
{
  g_assert_true (bench_target_id_is_valid ("cost_calculator"));
  g_assert_true (bench_target_id_is_valid ("a1"));
  g_assert_false (bench_target_id_is_valid (""));
  g_assert_false (bench_target_id_is_valid (NULL));
  g_assert_false (bench_target_id_is_valid ("Cost"));
  g_assert_false (bench_target_id_is_valid ("a-b"));
  g_assert_false (bench_target_id_is_valid ("../x"));
  g_assert_false (bench_target_id_is_valid ("a b"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/registry/select", test_select);
  g_test_add_func ("/registry/select-errors", test_select_errors);
  g_test_add_func ("/registry/target-ids", test_target_ids);

  return g_test_run ();
}
