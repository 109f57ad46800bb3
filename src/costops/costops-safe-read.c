/* costops-safe-read.c: bounded reading of outside files and a pre-scan of
 * JSON text (see the header).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "costops-safe-read.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "costops-error.h"

/* Longer number tokens are refused rather than copied for conversion. */
#define MAX_NUMBER_CHARS 400

static const char *
describe_file_type (mode_t mode)
{
  if (S_ISDIR (mode))
    return "a folder";
  if (S_ISFIFO (mode))
    return "a FIFO (named pipe)";
  if (S_ISCHR (mode))
    return "a character device";
  if (S_ISBLK (mode))
    return "a block device";
  if (S_ISSOCK (mode))
    return "a socket";
  return "not a regular file";
}

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *doing)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               "cannot %s it: %s", doing, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
set_too_large (GError **error,
               gsize    max_size)
{
  g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_TOO_LARGE,
               "the file is larger than the limit of %" G_GSIZE_FORMAT " bytes", max_size);
  return FALSE;
}

GBytes *
costops_safe_read_file (const char  *path,
                        gsize        max_size,
                        GError     **error)
{
  g_autofree char *buffer = NULL;
  gsize allocated;
  gsize length = 0;
  struct stat st;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (max_size < G_MAXSIZE - 1, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* O_NONBLOCK: opening a FIFO with no writer must not hang; it is refused
   * below. O_NOCTTY: a terminal device must not become ours. */
  fd = open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0)
    {
      set_errno_error (error, errno, "open");
      return NULL;
    }
  if (fstat (fd, &st) != 0)
    {
      set_errno_error (error, errno, "examine");
      close (fd);
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "it is %s, not a regular file", describe_file_type (st.st_mode));
      close (fd);
      return NULL;
    }
  if (st.st_size < 0 || (guint64) st.st_size > max_size)
    {
      set_too_large (error, max_size);
      close (fd);
      return NULL;
    }

  /* What fstat() said, plus one byte to see the end (or growth); the
   * buffer grows only while the file keeps giving data, up to the limit
   * plus one byte. */
  allocated = (gsize) st.st_size + 2;
  buffer = g_malloc (allocated);
  for (;;)
    {
      gsize room;
      gssize got;

      if (length + 1 == allocated)
        {
          if (length > max_size)
            break;
          allocated = MIN (MAX (allocated * 2, 4096), max_size + 2);
          buffer = g_realloc (buffer, allocated);
        }
      room = allocated - 1 - length;
      got = read (fd, buffer + length, room);
      if (got < 0)
        {
          if (errno == EINTR)
            continue;
          set_errno_error (error, errno, "read");
          close (fd);
          return NULL;
        }
      if (got == 0)
        break;
      length += (gsize) got;
    }
  close (fd);
  if (length > max_size)
    {
      set_too_large (error, max_size);
      return NULL;
    }
  buffer[length] = '\0';
  return g_bytes_new_take (g_steal_pointer (&buffer), length);
}

/* --- the JSON pre-scan --- */

typedef struct {
  const char *p;
  const char *end;
  guint       line;
  gboolean    multiline;      /* else no line number in messages */
  const char *last_string;    /* the previous token, when it was a string */
  gsize       last_key_len;
  const char *key;            /* the latest member name */
  gsize       key_len;
} Scan;

static gboolean G_GNUC_PRINTF (3, 4)
scan_error (Scan        *scan,
            GError     **error,
            const char  *format,
            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (scan->multiline)
    g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_PARSE, "line %u: %s", scan->line, message);
  else
    g_set_error_literal (error, COSTOPS_ERROR, COSTOPS_ERROR_PARSE, message);
  return FALSE;
}

/* “name”: for messages about the value of the latest member. */
static char *
describe_key (Scan *scan)
{
  g_autofree char *raw = NULL;
  g_autofree char *valid = NULL;

  if (scan->key == NULL)
    return g_strdup ("a number");
  raw = g_strndup (scan->key, MIN (scan->key_len, 64));
  valid = g_utf8_make_valid (raw, -1);
  return g_strdup_printf ("member “%s”", valid);
}

static gboolean
read_hex4 (const char *p,
           const char *end,
           guint      *value)
{
  *value = 0;
  if (end - p < 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return FALSE;
      *value = *value * 16 + (guint) digit;
    }
  return TRUE;
}

/* A string as RFC 8259 has it: no raw control characters, only the known
 * escapes, \u with four hex digits and surrogates in pairs. json-glib 1.6
 * leaks memory on each of these errors, so they never reach it. */
static gboolean
scan_string (Scan    *scan,
             GError **error)
{
  const char *start = ++scan->p;

  while (scan->p < scan->end && *scan->p != '"')
    {
      guchar c = (guchar) *scan->p;
      guint code;

      if (c < 0x20)
        return scan_error (scan, error, "not JSON: a control character (0x%02x) in a string", c);
      if (c != '\\')
        {
          scan->p++;
          continue;
        }
      if (scan->end - scan->p < 2)
        return scan_error (scan, error, "truncated: a string is not closed");
      if (scan->p[1] != 'u')
        {
          if (strchr ("\"\\/bfnrt", scan->p[1]) == NULL || scan->p[1] == '\0')
            return scan_error (scan, error, "not JSON: an unknown escape in a string");
          scan->p += 2;
          continue;
        }
      if (!read_hex4 (scan->p + 2, scan->end, &code))
        return scan_error (scan, error, "not JSON: \\u without four hex digits in a string");
      scan->p += 6;
      if (code >= 0xdc00 && code <= 0xdfff)
        return scan_error (scan, error, "not JSON: an unpaired surrogate \\u%04x in a string", code);
      if (code >= 0xd800 && code <= 0xdbff)
        {
          guint low;

          if (scan->end - scan->p < 6 || scan->p[0] != '\\' || scan->p[1] != 'u' ||
              !read_hex4 (scan->p + 2, scan->end, &low) || low < 0xdc00 || low > 0xdfff)
            return scan_error (scan, error, "not JSON: an unpaired surrogate \\u%04x in a string", code);
          scan->p += 6;
        }
    }
  if (scan->p >= scan->end)
    return scan_error (scan, error, "truncated: a string is not closed");
  scan->last_string = start;
  scan->last_key_len = (gsize) (scan->p - start);
  scan->p++;
  return TRUE;
}

static gboolean
is_number_char (char c)
{
  return g_ascii_isalnum (c) || c == '.' || c == '+' || c == '-';
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static gboolean
is_json_number (const char *text,
                gsize       length,
                gboolean   *is_integer)
{
  const char *p = text;
  const char *end = text + length;

  *is_integer = TRUE;
  if (p < end && *p == '-')
    p++;
  if (p >= end || !g_ascii_isdigit (*p))
    return FALSE;
  if (*p == '0')
    p++;
  else
    while (p < end && g_ascii_isdigit (*p))
      p++;
  if (p < end && *p == '.')
    {
      *is_integer = FALSE;
      if (++p >= end || !g_ascii_isdigit (*p))
        return FALSE;
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      *is_integer = FALSE;
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (p >= end || !g_ascii_isdigit (*p))
        return FALSE;
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }
  return p == end;
}

static gboolean
scan_number (Scan    *scan,
             GError **error)
{
  const char *start = scan->p;
  char text[MAX_NUMBER_CHARS + 1];
  gboolean is_integer;
  gsize length;

  while (scan->p < scan->end && is_number_char (*scan->p))
    scan->p++;
  length = (gsize) (scan->p - start);
  if (length > MAX_NUMBER_CHARS)
    return scan_error (scan, error, "a number of more than %d characters", MAX_NUMBER_CHARS);
  memcpy (text, start, length);
  text[length] = '\0';
  if (!is_json_number (text, length, &is_integer))
    return scan_error (scan, error, "not JSON: “%s” is not a number", text);

  if (is_integer)
    {
      gboolean negative = text[0] == '-';
      const char *digits = negative ? text + 1 : text;
      const char *limit = negative ? "9223372036854775808" : "9223372036854775807";
      gsize n = length - (negative ? 1 : 0);

      if (n > 19 || (n == 19 && strcmp (digits, limit) > 0))
        {
          g_autofree char *what = describe_key (scan);

          return scan_error (scan, error, "%s: %s is too %s (the limit is %s%s)", what, text,
                             negative ? "small" : "large", negative ? "-" : "", limit);
        }
    }
  else if (!isfinite (g_ascii_strtod (text, NULL)))
    {
      g_autofree char *what = describe_key (scan);

      return scan_error (scan, error, "%s: %s is out of range (the limit is about ±1.8e308)",
                         what, text);
    }
  return TRUE;
}

gboolean
costops_json_check (const char  *data,
                    gsize        length,
                    gsize        max_values,
                    GError     **error)
{
  Scan scan = { NULL, NULL, 1, FALSE, NULL, 0, NULL, 0 };
  guint depth = 0;
  gsize values = 0;
  gsize top_level = 0;
  gboolean any_text = FALSE;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (data == NULL)
    data = "";   /* no arithmetic on a NULL pointer */
  scan.p = data;
  scan.end = data + length;
  scan.multiline = length > 0 && memchr (data, '\n', length) != NULL;
  while (scan.p < scan.end)
    {
      char c = *scan.p;
      const char *before = scan.last_string;

      /* A string directly before a colon (whitespace aside) names a member;
       * the parser refuses anything else there. */
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
        {
          scan.line += c == '\n';
          scan.p++;
          continue;
        }
      scan.last_string = NULL;
      /* json-glib 1.6 leaks what follows the first top-level value. */
      if (depth == 0 && c != ']' && c != '}' && c != ',' && c != ':' && ++top_level > 1)
        return scan_error (&scan, error, "not JSON: more than one value at the top level");
      switch (c)
        {
        case '[': case '{':
          if (++depth > COSTOPS_JSON_MAX_DEPTH)
            return scan_error (&scan, error, "arrays and objects nested deeper than %d levels",
                               COSTOPS_JSON_MAX_DEPTH);
          values++;
          scan.p++;
          break;
        case ']': case '}':
          depth = depth > 0 ? depth - 1 : 0;   /* json-glib reports the mismatch */
          scan.p++;
          break;
        case ',':
          scan.p++;
          break;
        case ':':
          if (before != NULL)
            {
              scan.key = before;
              scan.key_len = scan.last_key_len;
            }
          scan.p++;
          break;
        case '"':
          if (!scan_string (&scan, error))
            return FALSE;
          values++;
          break;
        default:
          if (c == '-' || g_ascii_isdigit (c))
            {
              if (!scan_number (&scan, error))
                return FALSE;
            }
          else if (g_ascii_isalpha (c))
            {
              while (scan.p < scan.end && g_ascii_isalnum (*scan.p))
                scan.p++;
            }
          else if (g_ascii_isprint (c))
            return scan_error (&scan, error, "not JSON: unexpected character “%c”", c);
          else
            return scan_error (&scan, error, "not JSON: unexpected byte 0x%02x",
                               (guint) (guchar) c);
          values++;
          break;
        }
      any_text = TRUE;
      if (max_values > 0 && values > max_values)
        {
          g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_TOO_LARGE,
                       "more than %" G_GSIZE_FORMAT " values", max_values);
          return FALSE;
        }
    }
  if (!any_text)
    {
      g_set_error_literal (error, COSTOPS_ERROR, COSTOPS_ERROR_PARSE,
                           length == 0 ? "empty (no JSON value)" : "only whitespace (no JSON value)");
      return FALSE;
    }
  return TRUE;
}

JsonNode *
costops_json_parse_checked (const char  *data,
                            gsize        length,
                            gsize        max_values,
                            GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (data == NULL)
    data = "";
  if (!costops_json_check (data, length, max_values, error))
    return NULL;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_PARSE,
                   "not valid JSON: %s", local_error->message);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, COSTOPS_ERROR, COSTOPS_ERROR_PARSE, "no JSON value");
      return NULL;
    }
  return json_parser_steal_root (parser);
}
