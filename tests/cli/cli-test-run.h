/* cli-test-run.h: running the built cost-ops binary (COST_OPS_BIN) in the
 * CLI tests and keeping what it printed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct {
  int   status;
  char *out;
  char *err;
} CliRun;

void cli_run_clear (CliRun *run);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliRun, cli_run_clear)

/* Runs cost-ops with the NULL-terminated arguments in @cwd (NULL: here),
 * in the C locale, and waits for it. */
void run_cli  (CliRun     *run,
               const char *cwd,
               ...) G_GNUC_NULL_TERMINATED;
/* The same with the arguments in an array. */
void run_cliv (CliRun              *run,
               const char          *cwd,
               const char * const  *args);

G_END_DECLS
