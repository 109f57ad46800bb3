/* cob-format.h: numbers for people, as the app shows them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Rounds to an integer and groups thousands with the locale's separator
 * (a comma when the locale has none): 24512345.6 → "24,512,346". */
char *cob_format_grouped      (double value);
/* A duration with three significant digits in ns, µs, ms or s:
 * 40.81 → "40.8 ns", 3512 → "3.51 µs", 12300000 → "12.3 ms". */
char *cob_format_duration_ns  (double nanoseconds);
/* A ratio as a percentage with one decimal: 0.042 → "4.2 %". */
char *cob_format_percent      (double ratio);
/* Elapsed wall time: "0.4 s", "12.3 s", "2:05". */
char *cob_format_elapsed      (gint64 microseconds);

G_END_DECLS
