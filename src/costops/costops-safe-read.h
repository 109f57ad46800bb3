/* costops-safe-read.h: reading files and JSON that come from outside.
 *
 * Every loader of outside data (pricing and usage files, run history,
 * raw results) reads through these two steps, so that no file, however
 * damaged or hostile, can crash, hang or exhaust the program:
 *
 * 1. costops_safe_read_file() opens the path (symbolic links followed)
 *    without blocking and without becoming a controlling terminal, checks
 *    the opened file with fstat() and accepts only a regular file: a FIFO,
 *    a device, a socket or a folder is refused before anything is read.
 *    It reads at most @max_size + 1 bytes, so a file over the limit, or one
 *    that grows while it is read, is refused without being read whole.
 *
 * 2. costops_json_parse_checked() scans the text before json-glib sees it
 *    (json-glib's parser is recursive and lenient): it must be standard
 *    JSON text (no comments, no single quotes, no hex numbers, one value
 *    at the top level, strings with only the standard escapes, surrogates
 *    in pairs and no raw control characters: json-glib 1.6 leaks memory
 *    on those errors), nest at
 *    most COSTOPS_JSON_MAX_DEPTH arrays and objects, hold at most
 *    @max_values values when a limit is given (every array, object,
 *    string, number and literal counts, member names too: json-glib takes
 *    about 80 bytes for each), and every number must be
 *    in range: a whole number must fit in a signed 64-bit integer (json-glib
 *    would silently wrap it) and a fraction must be finite. Empty and
 *    whitespace-only text is refused too. Only then is it parsed.
 *
 * Errors do not name the file: each loader puts its name in front. Codes:
 * G_FILE_ERROR for a file that cannot be opened, read or is not a regular
 * file, COSTOPS_ERROR_TOO_LARGE for a size or count over its limit,
 * COSTOPS_ERROR_PARSE for everything wrong with the text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Deeper than any file the programs write (at most 4 levels) by far, and
 * shallow enough for json-glib's recursive parser on any stack. */
#define COSTOPS_JSON_MAX_DEPTH 64

/* The contents of the regular file @path, at most @max_size bytes. The
 * returned bytes are followed by a NUL that is not counted in their size. */
GBytes   *costops_safe_read_file     (const char  *path,
                                      gsize        max_size,
                                      GError     **error);

/* Checks @data as described above without parsing it; @max_values 0 means
 * no limit on the number of values. */
gboolean  costops_json_check         (const char  *data,
                                      gsize        length,
                                      gsize        max_values,
                                      GError     **error);

/* costops_json_check(), then json-glib; the root node, never NULL on
 * success. */
JsonNode *costops_json_parse_checked (const char  *data,
                                      gsize        length,
                                      gsize        max_values,
                                      GError     **error);

G_END_DECLS
