/* cli.h: the `cost-ops` command's subcommands.
 *
 * Each subcommand gets its own argv (argv[0] is the subcommand's name),
 * parses it with its own GOptionContext and returns the process exit code.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stdio.h>

#include "bench-environment.h"
#include "bench-history.h"
#include "bench-run-comparison.h"
#include "bench-target.h"

G_BEGIN_DECLS

typedef enum {
  CLI_EXIT_OK = 0,      /* everything succeeded */
  CLI_EXIT_FAILED = 1,  /* a target (or a record) failed */
  CLI_EXIT_USAGE = 2,   /* bad arguments; nothing was run or written */
  CLI_EXIT_REGRESSION = 3,  /* --fail-on-regression and a target regressed */
  CLI_EXIT_INTERRUPTED = 130,  /* Ctrl+C: 128 + SIGINT, as shells report it */
  CLI_EXIT_TERMINATED = 143,   /* SIGTERM: 128 + SIGTERM */
} CliExit;

int  cli_main          (int    argc,
                        char **argv);
/* cli_main() with another set of targets than the product's (tests). */
int  cli_main_with_targets (const BenchTarget * const *targets,
                            int                        argc,
                            char                     **argv);
/* The targets `list` and `run` offer: bench_targets_get_all() unless
 * cli_main_with_targets() chose others. */
const BenchTarget * const *cli_get_targets (void);

int  cli_run           (int    argc,
                        char **argv);
int  cli_list          (int    argc,
                        char **argv);
int  cli_calculate     (int    argc,
                        char **argv);
int  cli_history       (int    argc,
                        char **argv);
int  cli_compare       (int    argc,
                        char **argv);
int  cli_export        (int    argc,
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

/* Where `run` writes and the other commands read: benchmarks/output. */
#define CLI_DEFAULT_OUTPUT "benchmarks/output"

/* --noise-threshold: a percentage ("2", "2.5", "2%") between 0 and 100,
 * stored as a fraction. FALSE with a message for the user. */
gboolean cli_parse_noise_threshold (const char  *text,
                                    double      *fraction,
                                    char       **message);
/* bench_history_list() of @output; skipped files are reported on stderr as
 * "cost-ops @command: skipped <file>: <reason>". NULL (error printed) when
 * the history folder cannot be read. */
GPtrArray *cli_load_history        (const char  *command,
                                    const char  *output);
/* Resolves RUN|latest|FILE in @runs; "latest" is the newest run before
 * @before when @before is not NULL. */
BenchRunRecord *cli_find_run       (GPtrArray       *runs,
                                    const char      *spec,
                                    BenchRunRecord  *before,
                                    GError         **error);
/* "2026-11-29 10:05:01 UTC" */
char     *cli_format_time          (GDateTime   *time);
/* "host (CPU model, N logical CPUs, build type)" */
char     *cli_describe_machine     (JsonObject  *environment);
/* The noisy-machine warnings of @environment, one "Warning: …" line each,
 * translated; @which ("the baseline") names the run when not NULL. */
void      cli_print_environment_warnings (FILE       *stream,
                                          JsonObject *environment,
                                          const char *which);
/* The comparison as a table, a warning when the machines differ and a
 * count of the verdicts. */
void      cli_print_comparison     (FILE               *stream,
                                    BenchRunComparison *comparison);
/* Google Benchmark JSON of @record on stdout. */
void      cli_print_gbench         (BenchRunRecord     *record);

G_END_DECLS
