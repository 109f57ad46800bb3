/* bench-run-comparison.h: one run against a baseline run, target by target.
 *
 * For every target of the current run: the change of the median ns/op with
 * its 95% bootstrap interval, the Mann-Whitney p-value and the verdict
 * (bench-compare.h), or why the target could not be compared. Also whether
 * the two runs come from different machines, which makes any verdict
 * doubtful.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bench-compare.h"
#include "bench-history.h"

G_BEGIN_DECLS

typedef enum {
  BENCH_TARGET_COMPARED,         /* stats and verdict are valid */
  BENCH_TARGET_NOT_IN_BASELINE,  /* the baseline did not run it */
  BENCH_TARGET_FAILED,           /* it failed in one of the two runs */
  BENCH_TARGET_NOT_COMPARABLE,   /* too few samples, or none recorded */
} BenchTargetComparisonStatus;

typedef struct {
  const char                 *target_id;
  BenchTargetComparisonStatus status;
  BenchComparison             stats;   /* all 0 unless COMPARED */
  /* English: why it was not compared, or why its verdict is unreliable, or
   * what the confirmation found; NULL otherwise. */
  const char                 *reason;
  gboolean                    confirmed;  /* a second measurement agreed */
  /* Both runs counted instructions (bench-callgrind.h): stats' medians are
   * instructions per operation, the threshold BENCH_CALLGRIND_NOISE. */
  gboolean                    instructions;
} BenchTargetComparison;

typedef struct _BenchRunComparison BenchRunComparison;

#define BENCH_TYPE_RUN_COMPARISON (bench_run_comparison_get_type ())
GType               bench_run_comparison_get_type (void) G_GNUC_CONST;

/* Compares every target of @current with the same target of @baseline; a
 * change counts only beyond @noise_threshold (a fraction: 0.02 is 2%). */
BenchRunComparison *bench_run_comparison_new   (BenchRunRecord     *baseline,
                                                BenchRunRecord     *current,
                                                double              noise_threshold);
BenchRunComparison *bench_run_comparison_ref   (BenchRunComparison *self);
void                bench_run_comparison_unref (BenchRunComparison *self);

BenchRunRecord     *bench_run_comparison_get_baseline        (BenchRunComparison *self);
BenchRunRecord     *bench_run_comparison_get_current         (BenchRunComparison *self);
double              bench_run_comparison_get_noise_threshold (BenchRunComparison *self);
/* In the order of the current run's results. */
guint               bench_run_comparison_get_n_targets (BenchRunComparison *self);
const BenchTargetComparison *
                    bench_run_comparison_get_target    (BenchRunComparison *self,
                                                        guint               index);
const BenchTargetComparison *
                    bench_run_comparison_lookup        (BenchRunComparison *self,
                                                        const char         *target_id);
/* TRUE when any target's verdict is BENCH_VERDICT_REGRESSED. Verdicts are
 * BENCH_VERDICT_UNRELIABLE, with the reason, where either side was
 * disturbed (bench_result_is_disturbed()) or the machines differ. */
gboolean            bench_run_comparison_has_regression (BenchRunComparison *self);
/* The ids of the targets whose verdict is REGRESSED, NULL-terminated. */
GStrv               bench_run_comparison_dup_regressed (BenchRunComparison *self);
/* Checks a regression of @target_id with a second measurement of the
 * current side (@confirmation, same target): when it is slower than the
 * baseline too, the verdict stays REGRESSED and is marked confirmed;
 * otherwise it becomes UNRELIABLE ("not reproduced by a second
 * measurement: +0.4%"). Returns FALSE for a target that is not regressed. */
gboolean            bench_run_comparison_confirm (BenchRunComparison *self,
                                                  const char         *target_id,
                                                  BenchResult        *confirmation);
/* One line for each regression, for the exit status 3 of
 * --fail-on-regression: "aggregator: +12.3% [+10.1%, +14.2%], p = 0.001,
 * confirmed by a second measurement"; NULL when none regressed. */
char               *bench_run_comparison_dup_regression_lines (BenchRunComparison *self);
/* bench_environment_fingerprint_differences() of the two runs: empty when
 * they come from the same kind of machine and build. */
const char * const *bench_run_comparison_get_machine_differences (BenchRunComparison *self);

/* {"baseline_run_id", "current_run_id", "noise_threshold",
 *  "machine_differences": [...], "targets": [{"target_id", "status":
 *  "compared"|"not_in_baseline"|"failed"|"not_comparable", and either
 *  "baseline_median_ns", "current_median_ns", "change", "ci_low", "ci_high",
 *  "p_value", "verdict": "no change"|"improved"|"regressed", or "reason"}]} */
JsonNode           *bench_run_comparison_to_json (BenchRunComparison *self);
const char         *bench_target_comparison_status_to_string (BenchTargetComparisonStatus status);

/* Median nanoseconds per operation for tables: "40.12 ns", "16331 ns". */
char               *bench_format_duration_ns (double ns);
/* A signed percentage of a fraction: 0.0127 → "+1.27%". */
char               *bench_format_change      (double change);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchRunComparison, bench_run_comparison_unref)

G_END_DECLS
