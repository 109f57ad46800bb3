/* test-safe-read.c: the bounded file reader and the JSON pre-scan every
 * loader of outside data goes through: files that are not regular files
 * or are too large, and text that is empty, not JSON, nested too deep or
 * holds numbers json-glib would silently change.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "costops-error.h"
#include "costops-safe-read.h"

static char *
make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("costops-safe-read-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
write_file (const char *path,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, contents, length, &error));
  g_assert_no_error (error);
}

static void
test_read_regular (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "a.json", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.json", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data;

  write_file (path, "[1,2,3]", -1);
  bytes = costops_safe_read_file (path, 7, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &size);
  g_assert_cmpuint (size, ==, 7);
  g_assert_cmpstr (data, ==, "[1,2,3]");   /* NUL-terminated */
  g_clear_pointer (&bytes, g_bytes_unref);

  /* One byte over the limit. */
  g_assert_null (costops_safe_read_file (path, 6, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "6 bytes"));
  g_clear_error (&error);

  write_file (empty, "", 0);
  bytes = costops_safe_read_file (empty, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 0);

  g_assert_null (costops_safe_read_file (dir, 10, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  g_assert_nonnull (strstr (error->message, "folder"));
  g_clear_error (&error);

  g_unlink (path);
  g_unlink (empty);
  g_rmdir (dir);
}

static void
test_read_not_regular (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *fifo = g_build_filename (dir, "fifo.json", NULL);
  g_autofree char *link = g_build_filename (dir, "random.json", NULL);
  g_autoptr(GError) error = NULL;

  /* A FIFO with no writer: refused at once, not waited on. */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_null (costops_safe_read_file (fifo, 1024, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  g_assert_nonnull (strstr (error->message, "FIFO"));
  g_clear_error (&error);

  /* A device behind a symbolic link: the link is followed, the device is
   * refused before a byte is read. */
  g_assert_cmpint (symlink ("/dev/urandom", link), ==, 0);
  g_assert_null (costops_safe_read_file (link, 1024, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  g_assert_nonnull (strstr (error->message, "character device"));
  g_clear_error (&error);

  g_assert_null (costops_safe_read_file ("/dev/null", 1024, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  g_clear_error (&error);

  g_unlink (fifo);
  g_unlink (link);
  g_rmdir (dir);
}

static void
assert_check_fails (const char   *text,
                    gsize         max_values,
                    int           code,
                    const char   *needle)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (costops_json_parse_checked (text, strlen (text), max_values, &error));
  g_assert_error (error, COSTOPS_ERROR, code);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%.40s”: message “%s” lacks “%s”", text, error->message, needle);
}

static void
assert_check_passes (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  g_assert_true (costops_json_check (text, strlen (text), 0, &error));
  g_assert_no_error (error);
  node = costops_json_parse_checked (text, strlen (text), 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
}

static char *
nested (guint depth)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, ']');
  return g_string_free (text, FALSE);
}

static void
test_json_text (void)
{
  g_autofree char *deep_ok = nested (COSTOPS_JSON_MAX_DEPTH);
  g_autofree char *too_deep = nested (COSTOPS_JSON_MAX_DEPTH + 1);
  g_autofree char *very_deep = g_strnfill (100000, '[');
  g_autoptr(GError) error = NULL;

  assert_check_passes ("{\"a\": [1, -2, 3.5e3, \"x\\\"]\", true, null], \"b\": {}}");
  assert_check_passes ("\n 42 \n");

  assert_check_fails ("", 0, COSTOPS_ERROR_PARSE, "empty");
  assert_check_fails (" \n\t\r\n", 0, COSTOPS_ERROR_PARSE, "only whitespace");
  assert_check_fails ("{\"a\": \"never closed", 0, COSTOPS_ERROR_PARSE, "truncated");
  assert_check_fails ("[\"ends in a backslash\\", 0, COSTOPS_ERROR_PARSE, "truncated");
  assert_check_fails ("[\"escaped quote\\\"]", 0, COSTOPS_ERROR_PARSE, "truncated");
  /* Strings json-glib 1.6 leaks memory on: refused before it sees them. */
  assert_check_passes ("[\"\\ud83d\\ude00 \\u00e9 \\\" \\\\ \\/ \\b\\f\\n\\r\\t\"]");
  assert_check_fails ("{\"provif\\ud800\\ud800\",\"m\"}", 0, COSTOPS_ERROR_PARSE, "unpaired surrogate \\ud800");
  assert_check_fails ("[\"\\udc00\"]", 0, COSTOPS_ERROR_PARSE, "unpaired surrogate \\udc00");
  assert_check_fails ("[\"\\ud800\"]", 0, COSTOPS_ERROR_PARSE, "unpaired surrogate");
  assert_check_fails ("[\"\\u12\"]", 0, COSTOPS_ERROR_PARSE, "four hex digits");
  assert_check_fails ("[\"\\x41\"]", 0, COSTOPS_ERROR_PARSE, "unknown escape");
  assert_check_fails ("[\"a\nb\"]", 0, COSTOPS_ERROR_PARSE, "control character (0x0a)");
  assert_check_fails ("{\"a\": 1 /* comment */}", 0, COSTOPS_ERROR_PARSE, "unexpected character “/”");
  assert_check_fails ("{'a': 1}", 0, COSTOPS_ERROR_PARSE, "unexpected character “'”");
  assert_check_fails ("# comment\n[1]", 0, COSTOPS_ERROR_PARSE, "line 1:");
  assert_check_fails ("[0x10]", 0, COSTOPS_ERROR_PARSE, "“0x10” is not a number");
  assert_check_fails ("[01]", 0, COSTOPS_ERROR_PARSE, "“01” is not a number");
  assert_check_fails ("[\x01]", 0, COSTOPS_ERROR_PARSE, "byte 0x01");
  assert_check_fails ("{\"a\": [1, 2]", 0, COSTOPS_ERROR_PARSE, "not valid JSON");
  /* json-glib 1.6 leaked the value after the first. */
  assert_check_fails ("9223372036854775807{\"a\": [1]}", 0, COSTOPS_ERROR_PARSE,
                      "more than one value at the top level");
  assert_check_fails ("{}\n[]", 0, COSTOPS_ERROR_PARSE, "line 2: not JSON: more than one value");
  assert_check_fails ("\"a\" \"b\"", 0, COSTOPS_ERROR_PARSE, "more than one value");

  /* Depth: the limit passes, one more fails, and 100,000 levels are
   * refused by the scan (json-glib's recursion would overflow the stack). */
  assert_check_passes (deep_ok);
  assert_check_fails (too_deep, 0, COSTOPS_ERROR_PARSE, "nested deeper than 64 levels");
  assert_check_fails (very_deep, 0, COSTOPS_ERROR_PARSE, "nested deeper than 64 levels");

  /* Whole numbers json-glib would wrap, and fractions it would make
   * infinite. */
  assert_check_passes ("[9223372036854775807, -9223372036854775808]");
  assert_check_fails ("{\"prompt_tokens\": 9223372036854775808}", 0, COSTOPS_ERROR_PARSE,
                      "member “prompt_tokens”: 9223372036854775808 is too large (the limit is 9223372036854775807)");
  assert_check_fails ("{\"n\": 18446744073709551616}", 0, COSTOPS_ERROR_PARSE, "“n”: 18446744073709551616 is too large");
  assert_check_fails ("[-9223372036854775809]", 0, COSTOPS_ERROR_PARSE, "is too small");
  assert_check_fails ("{\"x\": {\"y\": 1e999}}", 0, COSTOPS_ERROR_PARSE, "member “y”: 1e999 is out of range");
  assert_check_fails ("[1,\n2,\n-1e400]", 0, COSTOPS_ERROR_PARSE, "line 3: a number: -1e400");

  /* The count of values. */
  g_assert_true (costops_json_check ("[1,2]", 5, 3, &error));
  g_assert_no_error (error);
  assert_check_fails ("[1,2,3]", 3, COSTOPS_ERROR_TOO_LARGE, "more than 3 values");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/safe-read/regular-file", test_read_regular);
  g_test_add_func ("/safe-read/not-a-regular-file", test_read_not_regular);
  g_test_add_func ("/safe-read/json-text", test_json_text);

  return g_test_run ();
}
