/* bench-run-comparison.c: one run against a baseline run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "bench-run-comparison.h"

#include <math.h>

#include "bench-callgrind.h"
#include "bench-environment.h"
#include "bench-private.h"

struct _BenchRunComparison {
  gatomicrefcount        ref_count;
  BenchRunRecord        *baseline;
  BenchRunRecord        *current;
  double                 noise_threshold;
  BenchTargetComparison *targets;
  guint                  n_targets;
  GStrv                  reasons;      /* owns the targets' reasons */
  GPtrArray             *later_reasons;  /* set after construction */
  GStrv                  machine_differences;
};

G_DEFINE_BOXED_TYPE (BenchRunComparison, bench_run_comparison,
                     bench_run_comparison_ref, bench_run_comparison_unref)

/* Fills @out for one target; returns the reason it was not compared (newly
 * allocated) or NULL. */
static char *
compare_target (BenchRunRecord        *baseline,
                BenchResult           *current,
                double                 noise_threshold,
                BenchTargetComparison *out)
{
  const char *id = bench_result_get_target_id (current);
  BenchResult *base = bench_run_record_lookup (baseline, id);
  g_autoptr(GError) error = NULL;
  const double *base_samples, *current_samples;
  guint n_base = 0, n_current = 0;

  out->target_id = id;
  if (base == NULL)
    {
      out->status = BENCH_TARGET_NOT_IN_BASELINE;
      return g_strdup ("not in the baseline");
    }
  if (!bench_result_is_success (current) || !bench_result_is_success (base))
    {
      out->status = BENCH_TARGET_FAILED;
      return g_strdup (bench_result_is_success (current) ? "failed in the baseline"
                                                         : "failed in this run");
    }

  /* Counted instructions are deterministic: a threshold of their own and
   * no statistics. */
  {
    char *reason = NULL;

    if (bench_callgrind_compare (base, current, BENCH_CALLGRIND_NOISE, &out->stats, &reason))
      {
        out->instructions = TRUE;
        out->status = reason == NULL ? BENCH_TARGET_COMPARED : BENCH_TARGET_NOT_COMPARABLE;
        return reason;
      }
  }

  base_samples = bench_result_get_samples (base, &n_base);
  current_samples = bench_result_get_samples (current, &n_current);
  if (!bench_compare_samples (base_samples, n_base, current_samples, n_current,
                              noise_threshold, &out->stats, &error))
    {
      out->status = BENCH_TARGET_NOT_COMPARABLE;
      return g_strdup (error->message);
    }
  out->status = BENCH_TARGET_COMPARED;
  return NULL;
}

static const char *
keep_reason (BenchRunComparison *self,
             char               *reason)
{
  g_ptr_array_add (self->later_reasons, reason);
  return reason;
}

/* A verdict from a disturbed run or another machine cannot be trusted,
 * whatever the statistics say. */
static void
mark_unreliable (BenchRunComparison    *self,
                 BenchTargetComparison *target,
                 BenchRunRecord        *baseline,
                 BenchResult           *current)
{
  BenchResult *base = bench_run_record_lookup (baseline, target->target_id);
  g_autofree char *base_note = NULL;
  g_autofree char *current_note = NULL;

  if (target->status != BENCH_TARGET_COMPARED)
    return;
  base_note = bench_result_dup_disturbed_note (base);
  current_note = bench_result_dup_disturbed_note (current);
  if (current_note != NULL)
    target->reason = keep_reason (self, g_strdup_printf ("this run was %s", current_note));
  else if (base_note != NULL)
    target->reason = keep_reason (self, g_strdup_printf ("the baseline was %s", base_note));
  else if (self->machine_differences[0] != NULL)
    {
      g_autofree char *list = g_strjoinv ("; ", self->machine_differences);

      target->reason = keep_reason (self, g_strdup_printf ("the baseline comes from another "
                                                           "machine or build (%s)", list));
    }
  else
    return;
  target->stats.verdict = BENCH_VERDICT_UNRELIABLE;
}

BenchRunComparison *
bench_run_comparison_new (BenchRunRecord *baseline,
                          BenchRunRecord *current,
                          double          noise_threshold)
{
  g_autoptr(GStrvBuilder) reasons = g_strv_builder_new ();
  BenchRunComparison *self;
  GPtrArray *results;

  g_return_val_if_fail (baseline != NULL, NULL);
  g_return_val_if_fail (current != NULL, NULL);
  g_return_val_if_fail (noise_threshold >= 0.0, NULL);

  results = bench_run_record_get_results (current);
  self = g_new0 (BenchRunComparison, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->baseline = bench_run_record_ref (baseline);
  self->current = bench_run_record_ref (current);
  self->noise_threshold = noise_threshold;
  self->n_targets = results->len;
  self->targets = g_new0 (BenchTargetComparison, MAX (results->len, 1));

  for (guint i = 0; i < results->len; i++)
    {
      char *reason = compare_target (baseline, g_ptr_array_index (results, i),
                                     noise_threshold, &self->targets[i]);

      g_strv_builder_add (reasons, reason != NULL ? reason : "");
      g_free (reason);
    }
  /* The reasons live in one GStrv that the targets point into. */
  self->reasons = g_strv_builder_end (reasons);
  for (guint i = 0; i < self->n_targets; i++)
    self->targets[i].reason = self->targets[i].status == BENCH_TARGET_COMPARED
                              ? NULL : self->reasons[i];

  self->machine_differences =
    bench_environment_fingerprint_differences (bench_run_record_get_environment (baseline),
                                               bench_run_record_get_environment (current));
  self->later_reasons = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->n_targets; i++)
    mark_unreliable (self, &self->targets[i], baseline, g_ptr_array_index (results, i));
  return self;
}

BenchRunComparison *
bench_run_comparison_ref (BenchRunComparison *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
bench_run_comparison_unref (BenchRunComparison *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  bench_run_record_unref (self->baseline);
  bench_run_record_unref (self->current);
  g_free (self->targets);
  g_strfreev (self->reasons);
  g_ptr_array_unref (self->later_reasons);
  g_strfreev (self->machine_differences);
  g_free (self);
}

BenchRunRecord *
bench_run_comparison_get_baseline (BenchRunComparison *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->baseline;
}

BenchRunRecord *
bench_run_comparison_get_current (BenchRunComparison *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->current;
}

double
bench_run_comparison_get_noise_threshold (BenchRunComparison *self)
{
  g_return_val_if_fail (self != NULL, 0.0);
  return self->noise_threshold;
}

guint
bench_run_comparison_get_n_targets (BenchRunComparison *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_targets;
}

const BenchTargetComparison *
bench_run_comparison_get_target (BenchRunComparison *self,
                                 guint               index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_targets, NULL);
  return &self->targets[index];
}

const BenchTargetComparison *
bench_run_comparison_lookup (BenchRunComparison *self,
                             const char         *target_id)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (target_id != NULL, NULL);

  for (guint i = 0; i < self->n_targets; i++)
    {
      if (g_strcmp0 (self->targets[i].target_id, target_id) == 0)
        return &self->targets[i];
    }
  return NULL;
}

gboolean
bench_run_comparison_has_regression (BenchRunComparison *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < self->n_targets; i++)
    {
      if (self->targets[i].status == BENCH_TARGET_COMPARED &&
          self->targets[i].stats.verdict == BENCH_VERDICT_REGRESSED)
        return TRUE;
    }
  return FALSE;
}

GStrv
bench_run_comparison_dup_regressed (BenchRunComparison *self)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->n_targets; i++)
    {
      if (self->targets[i].status == BENCH_TARGET_COMPARED &&
          self->targets[i].stats.verdict == BENCH_VERDICT_REGRESSED)
        g_strv_builder_add (ids, self->targets[i].target_id);
    }
  return g_strv_builder_end (ids);
}

gboolean
bench_run_comparison_confirm (BenchRunComparison *self,
                              const char         *target_id,
                              BenchResult        *confirmation)
{
  BenchTargetComparison *target = NULL;
  BenchTargetComparison second = { 0 };
  g_autofree char *reason = NULL;
  g_autofree char *disturbed = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (target_id != NULL && confirmation != NULL, FALSE);

  for (guint i = 0; i < self->n_targets; i++)
    {
      if (g_strcmp0 (self->targets[i].target_id, target_id) == 0)
        target = &self->targets[i];
    }
  if (target == NULL || target->status != BENCH_TARGET_COMPARED ||
      target->stats.verdict != BENCH_VERDICT_REGRESSED)
    return FALSE;

  reason = compare_target (self->baseline, confirmation, self->noise_threshold, &second);
  disturbed = bench_result_dup_disturbed_note (confirmation);
  if (reason == NULL && disturbed == NULL &&
      second.stats.verdict == BENCH_VERDICT_REGRESSED)
    {
      g_autofree char *change = bench_format_change (second.stats.change);

      target->confirmed = TRUE;
      target->reason = keep_reason (self, g_strdup_printf ("confirmed by a second measurement: %s",
                                                           change));
    }
  else
    {
      g_autofree char *change = reason == NULL ? bench_format_change (second.stats.change) : NULL;

      target->stats.verdict = BENCH_VERDICT_UNRELIABLE;
      target->reason = keep_reason (self, reason == NULL
                                            ? g_strdup_printf ("not reproduced by a second measurement: %s",
                                                               change)
                                            : g_strdup_printf ("not reproduced by a second measurement: %s",
                                                               reason));
    }
  return TRUE;
}

char *
bench_run_comparison_dup_regression_lines (BenchRunComparison *self)
{
  g_autoptr(GString) lines = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->n_targets; i++)
    {
      const BenchTargetComparison *target = &self->targets[i];
      g_autofree char *change = NULL, *low = NULL, *high = NULL, *p = NULL;

      if (target->status != BENCH_TARGET_COMPARED || target->stats.verdict != BENCH_VERDICT_REGRESSED)
        continue;
      change = bench_format_change (target->stats.change);
      low = bench_format_change (target->stats.ci_low);
      high = bench_format_change (target->stats.ci_high);
      p = bench_format_double ("%.3g", target->stats.p_value);
      g_string_append_printf (lines, "%s%s: %s [%s, %s], p = %s%s", lines->len > 0 ? "\n" : "",
                              target->target_id, change, low, high, p,
                              target->confirmed ? ", confirmed by a second measurement" : "");
    }
  return lines->len > 0 ? g_string_free (g_steal_pointer (&lines), FALSE) : NULL;
}

const char * const *
bench_run_comparison_get_machine_differences (BenchRunComparison *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->machine_differences;
}

const char *
bench_target_comparison_status_to_string (BenchTargetComparisonStatus status)
{
  switch (status)
    {
    case BENCH_TARGET_COMPARED:
      return "compared";
    case BENCH_TARGET_NOT_IN_BASELINE:
      return "not_in_baseline";
    case BENCH_TARGET_FAILED:
      return "failed";
    case BENCH_TARGET_NOT_COMPARABLE:
    default:
      return "not_comparable";
    }
}

static void
add_double (JsonBuilder *builder,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, value);
}

JsonNode *
bench_run_comparison_to_json (BenchRunComparison *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "baseline_run_id");
  json_builder_add_string_value (builder, bench_run_record_get_id (self->baseline));
  json_builder_set_member_name (builder, "current_run_id");
  json_builder_add_string_value (builder, bench_run_record_get_id (self->current));
  add_double (builder, "noise_threshold", self->noise_threshold);
  json_builder_set_member_name (builder, "machine_differences");
  json_builder_begin_array (builder);
  for (guint i = 0; self->machine_differences[i] != NULL; i++)
    json_builder_add_string_value (builder, self->machine_differences[i]);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "targets");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->n_targets; i++)
    {
      const BenchTargetComparison *target = &self->targets[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "target_id");
      json_builder_add_string_value (builder, target->target_id);
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, bench_target_comparison_status_to_string (target->status));
      if (target->instructions)
        {
          json_builder_set_member_name (builder, "measure");
          json_builder_add_string_value (builder, "instructions");
        }
      if (target->status == BENCH_TARGET_COMPARED && target->instructions)
        {
          add_double (builder, "baseline_instructions_per_operation", target->stats.baseline_median_ns);
          add_double (builder, "current_instructions_per_operation", target->stats.current_median_ns);
          add_double (builder, "change", target->stats.change);
          add_double (builder, "noise_threshold", BENCH_CALLGRIND_NOISE);
          json_builder_set_member_name (builder, "verdict");
          json_builder_add_string_value (builder, bench_verdict_to_string (target->stats.verdict));
        }
      else if (target->status == BENCH_TARGET_COMPARED)
        {
          add_double (builder, "baseline_median_ns", target->stats.baseline_median_ns);
          add_double (builder, "current_median_ns", target->stats.current_median_ns);
          add_double (builder, "change", target->stats.change);
          add_double (builder, "ci_low", target->stats.ci_low);
          add_double (builder, "ci_high", target->stats.ci_high);
          add_double (builder, "p_value", target->stats.p_value);
          json_builder_set_member_name (builder, "verdict");
          json_builder_add_string_value (builder, bench_verdict_to_string (target->stats.verdict));
          if (target->reason != NULL)
            {
              json_builder_set_member_name (builder, "reason");
              json_builder_add_string_value (builder, target->reason);
            }
        }
      else
        {
          json_builder_set_member_name (builder, "reason");
          json_builder_add_string_value (builder, target->reason);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

char *
bench_format_duration_ns (double ns)
{
  /* Four significant digits or more, never an exponent; C locale. */
  const char *format = ns < 10.0 ? "%.3f" : ns < 100.0 ? "%.2f" : ns < 1000.0 ? "%.1f" : "%.0f";
  g_autofree char *number = NULL;

  if (!isfinite (ns))
    return g_strdup ("-");
  number = bench_format_double (format, ns);
  return g_strconcat (number, " ns", NULL);
}

char *
bench_format_change (double change)
{
  g_autofree char *number = NULL;

  if (!isfinite (change))
    return g_strdup ("-");
  /* "-0.00%" would look like a change with a sign. */
  if (fabs (change) < 0.00005)
    change = 0.0;
  number = bench_format_double ("%+.2f", change * 100.0);
  return g_strconcat (number, "%", NULL);
}
