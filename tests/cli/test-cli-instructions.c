/* test-cli-instructions.c: `cost-ops run --instructions` end to end with
 * the real cost_calculator target under Callgrind: the ✓ line, summary.md,
 * the history, --compare-to and `compare` on counts; without valgrind in
 * PATH the target fails saying so. The runs under Valgrind are skipped,
 * saying so, when valgrind is not installed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-test-run.h"
#include "test-util.h"

#define TARGET "cost_calculator"

static gboolean
skip_without_valgrind (void)
{
  g_autofree char *valgrind = g_find_program_in_path ("valgrind");

  if (valgrind != NULL)
    return FALSE;
  g_test_skip ("valgrind is not installed: instructions cannot be counted here");
  g_printerr ("# skipped: valgrind is not in PATH\n");
  return TRUE;
}

static void
test_counted_and_compared (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *summary_path = NULL;
  g_autofree char *summary = NULL;
  g_auto(CliRun) first = { 0 };
  g_auto(CliRun) second = { 0 };
  g_auto(CliRun) history = { 0 };
  g_auto(CliRun) compare = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *target;

  if (skip_without_valgrind ())
    return;
  dir = test_make_tmpdir ();
  summary_path = g_build_filename (dir, "summary.md", NULL);

  run_cli (&first, NULL, "run", "--instructions", "--targets", TARGET, "--output", dir, NULL);
  g_assert_cmpint (first.status, ==, 0);
  g_assert_true (g_regex_match_simple ("^✓ " TARGET " - [0-9]+\\.[0-9] instructions/op$",
                                       first.out, G_REGEX_MULTILINE, 0));
  g_assert_null (strstr (first.out, "ops/sec"));
  summary = test_read_file (summary_path);
  g_assert_nonnull (strstr (summary, "instructions/op, counted by Callgrind"));

  /* Counts compare by their own threshold: the same build is no change. */
  run_cli (&second, NULL, "run", "--instructions", "--targets", TARGET, "--output", dir,
           "--compare-to", "latest", "--fail-on-regression", NULL);
  g_assert_cmpint (second.status, ==, 0);
  g_assert_nonnull (strstr (second.out, " instr "));
  g_assert_true (g_regex_match_simple ("^ *" TARGET " .* no change *$", second.out, G_REGEX_MULTILINE, 0));

  run_cli (&history, NULL, "history", "--output", dir, NULL);
  g_assert_cmpint (history.status, ==, 0);
  g_assert_true (g_regex_match_simple ("^    " TARGET "  [0-9.]+ instructions/op$",
                                       history.out, G_REGEX_MULTILINE, 0));

  run_cli (&compare, NULL, "compare", "--output", dir, "--json", NULL);
  g_assert_cmpint (compare.status, ==, 0);
  root = json_from_string (compare.out, &error);
  g_assert_no_error (error);
  target = json_array_get_object_element (json_object_get_array_member (json_node_get_object (root),
                                                                        "targets"), 0);
  g_assert_cmpstr (json_object_get_string_member (target, "measure"), ==, "instructions");
  g_assert_cmpstr (json_object_get_string_member (target, "verdict"), ==, "no change");
  g_assert_cmpfloat (json_object_get_double_member (target, "change"), ==, 0.0);
  test_rm_rf (dir);
}

static void
test_without_valgrind (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *empty = test_make_tmpdir ();
  g_autofree char *path = g_strdup (g_getenv ("PATH"));
  g_auto(CliRun) run = { 0 };

  g_setenv ("PATH", empty, TRUE);
  run_cli (&run, NULL, "run", "--instructions", "--targets", TARGET, "--output", dir, NULL);
  g_setenv ("PATH", path, TRUE);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "✗ " TARGET " - Counting instructions needs Valgrind"));
  test_rm_rf (dir);
  test_rm_rf (empty);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-instructions/counted-and-compared", test_counted_and_compared);
  g_test_add_func ("/cli-instructions/without-valgrind", test_without_valgrind);
  return g_test_run ();
}
