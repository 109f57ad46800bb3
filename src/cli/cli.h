/* cli.h: the `cost-ops` command's subcommands.
 *
 * Each subcommand gets its own argv (argv[0] is the subcommand's name),
 * parses it with its own GOptionContext and returns the process exit code.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CLI_EXIT_OK = 0,      /* everything succeeded */
  CLI_EXIT_FAILED = 1,  /* a target (or a record) failed */
  CLI_EXIT_USAGE = 2,   /* bad arguments; nothing was run or written */
  CLI_EXIT_INTERRUPTED = 130,  /* Ctrl+C: 128 + SIGINT, as shells report it */
} CliExit;

int  cli_main          (int    argc,
                        char **argv);

int  cli_run           (int    argc,
                        char **argv);
int  cli_list          (int    argc,
                        char **argv);
int  cli_calculate     (int    argc,
                        char **argv);

/* Every subcommand accepts --version. */
#define CLI_VERSION_ENTRY(flag) \
  { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, (flag), \
    N_("Show the version and exit"), NULL }

/* Parses @argv with @context after naming the program "cost-ops @command"
 * (for the "Usage:" line of --help). Returns FALSE with *@exit_code set
 * when the subcommand has nothing more to do: after printing the version
 * (*@version set by the option; exit 0), or on a bad option (the problem
 * and a hint printed to stderr; exit 2). */
gboolean cli_parse_options  (GOptionContext *context,
                             const char     *command,
                             int            *argc,
                             char         ***argv,
                             const gboolean *version,
                             int            *exit_code);
/* Prints "cost-ops @command: <message>" and the --help hint to stderr;
 * returns CLI_EXIT_USAGE. */
int      cli_usage_error    (const char     *command,
                             const char     *message);
/* "cost-ops @command: <message>" to stderr. */
void     cli_print_error    (const char     *command,
                             const char     *message);
void     cli_print_version  (void);

G_END_DECLS
