/* bench-callgrind.h: instruction counts from Valgrind's Callgrind.
 *
 * With BENCH_MEASURE_INSTRUCTIONS the supervisor starts each worker under
 * `valgrind --tool=callgrind --collect-atstart=no`. The worker sets the
 * target up, warms it up, and switches collection on (client requests of
 * valgrind/callgrind.h) only around one run_iterations(N) call; it reads the
 * count back from the dump Callgrind writes into the worker's private
 * TMPDIR. N is fixed per target: a power of two chosen from the instruction
 * count of one operation, so that the same build gives the same N on every
 * run, however loaded the machine is.
 *
 * The figures count user-space instructions only: the kernel's work in
 * system calls, waiting for I/O, page faults and lock contention are not
 * seen, and cache effects are only estimated (simulated caches).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bench-compare.h"
#include "bench-result.h"
#include "bench-runner.h"

G_BEGIN_DECLS

/* A change of the instructions per operation counts beyond this (0.5%):
 * identical runs differ by far less. */
#define BENCH_CALLGRIND_NOISE 0.005

/* The measured run_iterations() call executes about this many instructions
 * or more (N is the power of two that reaches it, at most 2^30). */
#define BENCH_CALLGRIND_INSTRUCTION_BUDGET G_GUINT64_CONSTANT (50000000)

/* The counters Callgrind reports (with the cache simulation) for the
 * measured operations, all of them together. */
typedef struct {
  guint64 ir;                    /* instructions executed */
  guint64 dr, dw;                /* data reads and writes */
  guint64 i1mr, d1mr, d1mw;      /* L1 misses */
  guint64 ilmr, dlmr, dlmw;      /* last-level misses */
  gboolean has_cache;            /* the cache counters were simulated */
} BenchCallgrindCounts;

/* The valgrind program in PATH, or NULL. */
char        *bench_callgrind_find_valgrind   (void);
/* TRUE when valgrind is in PATH: the app offers the mode then. */
gboolean     bench_callgrind_is_available    (void);

/* @worker_argv (NULL-terminated) run under Callgrind, which writes its
 * counts below @tmp_dir. NULL with an error that says what to install
 * when valgrind is not in PATH. */
char       **bench_callgrind_wrap_argv       (char * const *worker_argv,
                                              const char   *tmp_dir,
                                              GError      **error);

/* The time limit of a target counted under Callgrind, which runs code 20 to
 * 100 times slower: @options->target_timeout_us when set, else 600 s. */
gint64       bench_callgrind_get_timeout_us  (const BenchRunOptions *options);

/* Reads the "events:" and "totals:" (or "summary:") lines of a Callgrind
 * output file. */
gboolean     bench_callgrind_parse_counts    (const char            *text,
                                              BenchCallgrindCounts  *counts,
                                              GError               **error);

/* iai-callgrind's estimate: L1 hits + 5 × last-level hits + 35 × memory
 * accesses. 0 without the cache counters. */
double       bench_callgrind_estimated_cycles (const BenchCallgrindCounts *counts);

/* TRUE when @result counted instructions (its "measure" metric). */
gboolean     bench_callgrind_result_is_instructions (const BenchResult *result);
/* Its instructions per operation; 0 when it has none. */
double       bench_callgrind_get_instructions       (const BenchResult *result);
/* "12345.6 instructions/op" (C locale), or NULL for a timed result. */
char        *bench_callgrind_dup_figure             (const BenchResult *result);
/* "12345.6 instr" for comparison tables. */
char        *bench_callgrind_format_instructions    (double             instructions);

/* Compares two successful results by instructions per operation when either
 * counted instructions: TRUE when it did (then @out or @reason is filled:
 * @reason, newly allocated, when only one side counted instructions or a
 * count is missing). The verdict needs no statistics: the counts are
 * deterministic, so a change beyond @noise_threshold is real. @out's
 * median fields hold instructions per operation, its interval is the change
 * itself and its p-value 0 (1 for no change). */
gboolean     bench_callgrind_compare        (const BenchResult *baseline,
                                             const BenchResult *current,
                                             double             noise_threshold,
                                             BenchComparison   *out,
                                             char             **reason);

G_END_DECLS
