/* cli-run.c: `cost-ops run`, the seed's benchmark run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cli.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <stdio.h>

#include "bench-callgrind.h"
#include "bench-environment.h"
#include "bench-error.h"
#include "bench-output.h"
#include "bench-registry.h"
#include "bench-runner.h"
#include "bench-targets.h"

typedef enum {
  FORMAT_TEXT,
  FORMAT_JSON,
  FORMAT_GBENCH,
} RunFormat;

typedef struct {
  /* With --json, stdout carries only the JSON document. */
  FILE *lines;
} RunPrinter;

static void
print_progress (guint              index,
                const BenchTarget *target,
                BenchTargetState   state,
                double             fraction,
                BenchResult       *result,
                gpointer           user_data)
{
  RunPrinter *printer = user_data;

  if (state == BENCH_TARGET_STATE_DONE && bench_callgrind_result_is_instructions (result))
    {
      g_autofree char *figure = bench_callgrind_dup_figure (result);

      /* TRANSLATORS: first %s is a target id, second e.g. "12345.6 instructions/op". */
      fprintf (printer->lines, _("✓ %s - %s\n"), target->id, figure);
    }
  else if (state == BENCH_TARGET_STATE_DONE)
    {
      g_autofree char *ops = g_strdup_printf ("%.0f", bench_result_get_ops_per_second (result));
      g_autofree char *spread = bench_result_dup_spread (result);
      g_autofree char *disturbed = bench_result_dup_disturbed_note (result);

      /* TRANSLATORS: first %s is a target id, second the operations per second. */
      fprintf (printer->lines, _("✓ %s - %s ops/sec"), target->id, ops);
      if (spread != NULL)
        fprintf (printer->lines, " %s", spread);
      if (disturbed != NULL)
        fprintf (printer->lines, " (%s)", disturbed);
      if (bench_result_get_metric_double (result, "repetitions", 1) > 1)
        /* TRANSLATORS: across repetitions: their number, then the mean,
         * median and standard deviation of their ops/sec. */
        fprintf (printer->lines, _(" [%.0f repetitions: mean %.0f, median %.0f, stddev %.0f]"),
                 bench_result_get_metric_double (result, "repetitions", 1),
                 bench_result_get_metric_double (result, "repetitions_mean_ops_per_second", 0),
                 bench_result_get_metric_double (result, "repetitions_median_ops_per_second", 0),
                 bench_result_get_metric_double (result, "repetitions_stddev_ops_per_second", 0));
      fputc ('\n', printer->lines);
    }
  else if (state == BENCH_TARGET_STATE_FAILED)
    {
      /* TRANSLATORS: first %s is a target id, second the error message. */
      fprintf (printer->lines, _("✗ %s - %s\n"), target->id, bench_result_get_error (result)->message);
    }
  fflush (printer->lines);
}

static void
print_confirmation (guint              index,
                    const BenchTarget *target,
                    BenchTargetState   state,
                    double             fraction,
                    BenchResult       *result,
                    gpointer           user_data)
{
  RunPrinter *printer = user_data;

  if (state == BENCH_TARGET_STATE_RUNNING && fraction == 0.0)
    {
      /* TRANSLATORS: %s is a target id; it seemed slower than the baseline. */
      fprintf (printer->lines, _("Measuring %s again to confirm a regression…\n"), target->id);
      fflush (printer->lines);
    }
}

/* The run happens on a worker thread so that the main thread can turn
 * Ctrl+C into a cancellation: the runner then stops between two samples,
 * keeps the results that were finished and leaves no temporary file. */
typedef struct {
  GPtrArray             *targets;
  const BenchRunOptions *options;
  BenchTransaction      *transaction;
  RunPrinter            *printer;
  GCancellable          *cancellable;
  GMainContext          *context;
  gint                   finished;   /* atomic */
  int                    signal_number;  /* the first SIGINT, SIGTERM or SIGHUP */
  GSource               *signals[3];
  BenchRunRecord        *record;
  BenchRunComparison    *confirm;   /* set: confirm its regressions instead */
  gboolean               cancelled;
  GError                *error;
} RunJob;

static gpointer
run_job_thread (gpointer data)
{
  RunJob *job = data;

  /* Saving (summary.md, history) is left to cli_run(), which has the
   * baseline to compare with and reports a failure to save like any other. */
  if (job->confirm != NULL)
    bench_runner_confirm_regressions (job->confirm, cli_get_targets (), job->options,
                                      print_confirmation, job->printer, job->cancellable);
  else
    job->record = bench_runner_run_record (job->targets, job->options, job->transaction,
                                           print_progress, job->printer, job->cancellable,
                                           &job->cancelled, &job->error);
  /* A flag and a wake-up, not g_main_loop_quit(): a quit that comes before
   * the loop runs would be lost, and the command would wait for ever. */
  g_atomic_int_set (&job->finished, 1);
  g_main_context_wakeup (job->context);
  return NULL;
}

/* One per caught signal: the job and the signal's number. */
typedef struct {
  RunJob *job;
  int     number;
} SignalWatch;

static gboolean
on_signal (gpointer data)
{
  SignalWatch *watch = data;

  if (watch->job->signal_number == 0)
    watch->job->signal_number = watch->number;
  g_cancellable_cancel (watch->job->cancellable);
  return G_SOURCE_CONTINUE;
}

/* SIGINT, SIGTERM and SIGHUP (the terminal went away) are caught from
 * before the output folder is locked until the run is saved: a signal
 * cancels the run, and one during the save lets the save finish; either
 * way the exit status says which signal came. */
static void
watch_signals (RunJob *job)
{
  static const int numbers[G_N_ELEMENTS (job->signals)] = { SIGINT, SIGTERM, SIGHUP };

  job->context = g_main_context_new ();
  job->cancellable = g_cancellable_new ();
  for (guint i = 0; i < G_N_ELEMENTS (job->signals); i++)
    {
      SignalWatch *watch = g_new (SignalWatch, 1);

      *watch = (SignalWatch) { job, numbers[i] };
      job->signals[i] = g_unix_signal_source_new (numbers[i]);
      g_source_set_callback (job->signals[i], on_signal, watch, g_free);
      g_source_attach (job->signals[i], job->context);
    }
}

static void
unwatch_signals (RunJob *job)
{
  /* Deliver a signal that came while nobody was iterating. */
  while (g_main_context_iteration (job->context, FALSE))
    ;
  for (guint i = 0; i < G_N_ELEMENTS (job->signals); i++)
    {
      g_source_destroy (job->signals[i]);
      g_clear_pointer (&job->signals[i], g_source_unref);
    }
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->context, g_main_context_unref);
}

static void
run_job (RunJob *job)
{
  GThread *thread;

  g_main_context_push_thread_default (job->context);
  thread = g_thread_new ("cost-ops-run", run_job_thread, job);
  while (!g_atomic_int_get (&job->finished))
    g_main_context_iteration (job->context, TRUE);
  g_thread_join (thread);
  g_main_context_pop_thread_default (job->context);
}

static void
add_path (JsonBuilder *builder,
          const char  *path)
{
  g_autofree char *text = NULL;

  if (path == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }
  text = g_filename_display_name (path);
  json_builder_add_string_value (builder, text);
}

static void
print_json (BenchRunRecord     *record,
            const char         *output,
            const char         *summary_path,
            const char         *history_path,
            BenchRunComparison *comparison)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  GPtrArray *results = bench_run_record_get_results (record);
  JsonNode *environment = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (environment, bench_run_record_get_environment (record));
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, PACKAGE_VERSION);
  json_builder_set_member_name (builder, "run_id");
  json_builder_add_string_value (builder, bench_run_record_get_id (record));
  json_builder_set_member_name (builder, "environment");
  json_builder_add_value (builder, environment);
  /* Paths are bytes; JSON strings are UTF-8 (U+FFFD for what is not). */
  json_builder_set_member_name (builder, "output");
  add_path (builder, output);
  json_builder_set_member_name (builder, "summary");
  add_path (builder, summary_path);
  json_builder_set_member_name (builder, "history");
  add_path (builder, history_path);
  json_builder_set_member_name (builder, "results");
  json_builder_begin_array (builder);
  for (guint i = 0; i < results->len; i++)
    json_builder_add_value (builder, bench_result_to_json (g_ptr_array_index (results, i)));
  json_builder_end_array (builder);
  if (comparison != NULL)
    {
      json_builder_set_member_name (builder, "comparison");
      json_builder_add_value (builder, bench_run_comparison_to_json (comparison));
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static gboolean
parse_format (const char *text,
              gboolean    json,
              RunFormat  *format,
              char      **message)
{
  if (text == NULL || g_strcmp0 (text, "text") == 0)
    *format = FORMAT_TEXT;
  else if (g_strcmp0 (text, "json") == 0)
    *format = FORMAT_JSON;
  else if (g_strcmp0 (text, "gbench") == 0)
    *format = FORMAT_GBENCH;
  else
    {
      /* TRANSLATORS: %s is what the user gave to --format. */
      *message = g_strdup_printf (_("Unknown format “%s”: use text, json or gbench"), text);
      return FALSE;
    }
  if (json && *format == FORMAT_GBENCH)
    {
      *message = g_strdup (_("--json and --format=gbench cannot be combined"));
      return FALSE;
    }
  if (json)
    *format = FORMAT_JSON;
  return TRUE;
}

/* A number of seconds for @option, "90" or "2.5": above 0, or 0 too when
 * @zero_ok; at most a week. */
static gboolean
parse_seconds (const char  *option,
               const char  *text,
               gboolean     zero_ok,
               gint64      *us,
               char       **message)
{
  char *end = NULL;
  double seconds = g_ascii_strtod (text, &end);

  if (end == text || *end != '\0' || !(zero_ok ? seconds >= 0.0 : seconds > 0.0) || seconds > 86400.0 * 7)
    {
      /* TRANSLATORS: first %s is an option (--min-time), second what the user gave. */
      *message = g_strdup_printf (zero_ok ? _("%s takes a number of seconds, 0 or more, not “%s”")
                                          : _("%s takes a number of seconds above 0, not “%s”"),
                                  option, text);
      return FALSE;
    }
  *us = (gint64) (seconds * G_USEC_PER_SEC);
  return TRUE;
}

/* Finds the baseline before anything runs, so that "latest" is the newest
 * run before this one and a wrong run id is a usage error. Returns FALSE
 * with *@exit_code set when the command must stop; an empty history with
 * "latest" only means there is nothing to compare with yet. */
static gboolean
find_baseline (const char      *spec,
               const char      *output,
               FILE            *lines,
               BenchRunRecord **baseline,
               int             *exit_code)
{
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;

  *baseline = NULL;
  if (spec == NULL)
    return TRUE;
  runs = cli_load_history ("run", output);
  if (runs == NULL)
    {
      *exit_code = CLI_EXIT_FAILED;
      return FALSE;
    }
  *baseline = cli_find_run (runs, spec, NULL, &error);
  if (*baseline != NULL)
    return TRUE;
  if (g_strcmp0 (spec, "latest") == 0 && runs->len == 0)
    {
      fprintf (lines, "%s\n", _("No earlier run to compare with: this run starts the history"));
      return TRUE;
    }
  *exit_code = cli_usage_error ("run", error->message);
  return FALSE;
}

int
cli_run (int    argc,
         char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(BenchRunRecord) record = NULL;
  g_autoptr(BenchRunRecord) baseline = NULL;
  g_autoptr(BenchRunComparison) comparison = NULL;
  g_autoptr(BenchTransaction) transaction = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *selection = NULL;
  g_autofree char *output = NULL;
  g_autofree char *summary_path = NULL;
  g_autofree char *history_path = NULL;
  g_autofree char *compare_to = NULL;
  g_autofree char *noise_text = NULL;
  g_autofree char *format_text = NULL;
  g_autofree char *timeout_text = NULL;
  g_autofree char *min_time_text = NULL;
  g_autofree char *warmup_text = NULL;
  g_autofree char *filter = NULL;
  gint64 min_time_us = 0;
  int repetitions = 1;
  gint64 warmup_us = -1;
  g_autofree char *memory_limit_text = NULL;
  gint64 target_timeout_us = 0;
  guint64 memory_limit_mb = 0;
  gboolean instructions = FALSE;
  gboolean no_summary = FALSE;
  gboolean quick = FALSE;
  gboolean json = FALSE;
  gboolean fail_on_regression = FALSE;
  gboolean version = FALSE;
  double noise = BENCH_COMPARE_DEFAULT_NOISE;
  int exit_code = CLI_EXIT_OK;
  RunFormat format;
  BenchRunOptions options;
  RunPrinter printer;
  RunJob job;
  GPtrArray *results;
  GOptionEntry entries[] = {
    { "targets", 't', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &selection,
      N_("Run only these targets (comma-separated ids, see “cost-ops list”)"), N_("ID,…") },
    { "output", 'o', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &output,
      N_("Write results to DIR (default: benchmarks/output)"), N_("DIR") },
    { "no-summary", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &no_summary,
      N_("Do not write summary.md"), NULL },
    { "quick", 'q', G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &quick,
      N_("Measure for about 0.1 s per target instead of 0.5 s"), NULL },
    { "json", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &json,
      N_("Print the results as one JSON document on standard output"), NULL },
    { "format", 'f', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &format_text,
      N_("What standard output carries: “text” (the default), “json” (as --json) or “gbench” "
         "(Google Benchmark JSON)"), N_("FORMAT") },
    { "compare-to", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &compare_to,
      N_("Compare with a recorded run: a run id, “latest” (the newest run before this one) or a "
         "history file"), N_("RUN") },
    { "noise-threshold", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &noise_text,
      N_("Count a change only beyond PCT percent (default: 2)"), N_("PCT") },
    { "fail-on-regression", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &fail_on_regression,
      N_("Exit with status 3 when a target regressed against --compare-to"), NULL },
    { "filter", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &filter,
      N_("Run only the targets whose id matches the regular expression REGEX (with --targets: "
         "of those)"), N_("REGEX") },
    { "min-time", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &min_time_text,
      N_("Measure each target for at least SECONDS (default: 0.5, or 0.1 with --quick)"), N_("SECONDS") },
    { "warmup", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &warmup_text,
      N_("Warm each target up for SECONDS before measuring (default: 0.1, or 0.02 with --quick)"),
      N_("SECONDS") },
    { "repetitions", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_INT, &repetitions,
      N_("Run each target N times from scratch (own worker, set-up and calibration) and report "
         "the figures over all of them, with the mean, median and standard deviation across them"),
      N_("N") },
    { "target-timeout", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &timeout_text,
      N_("Stop a target that takes longer than SECONDS and report it failed (default: 30 s plus "
         "60 times its warm-up and measuring time)"), N_("SECONDS") },
    { "memory-limit", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, &memory_limit_text,
      N_("Limit each target's worker process to MIB mebibytes of address space (default: 4096; "
         "0 for none)"), N_("MIB") },
    { "instructions", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, &instructions,
      N_("Count instructions per operation under Valgrind's Callgrind instead of measuring time "
         "(slow, but the same on a busy machine)"), NULL },
    CLI_VERSION_ENTRY (&version),
    G_OPTION_ENTRY_NULL,
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Runs the benchmark targets one after another and writes "
                                  "DIR/raw/<target>.json and DIR/summary.md, and records the run "
                                  "in DIR/history/."));
  g_option_context_set_description (context,
                                    _("Exit status: 0 when every target passed, 1 when a target "
                                      "failed, 2 for a usage error (nothing is run or written), "
                                      "3 when --fail-on-regression is given and a target regressed "
                                      "(and none failed), 130 when interrupted with Ctrl+C and 143 "
                                      "with SIGTERM (finished results are saved)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!cli_parse_options (context, "run", &argc, &argv, &version, &exit_code))
    return exit_code;
  if (argc > 1)
    {
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”"), argv[1]);

      return cli_usage_error ("run", message);
    }

  /* Every usage error is found before the first target runs. */
  {
    g_autofree char *message = NULL;

    if (!parse_format (format_text, json, &format, &message))
      return cli_usage_error ("run", message);
    if (noise_text != NULL && !cli_parse_noise_threshold (noise_text, &noise, &message))
      return cli_usage_error ("run", message);
    if (timeout_text != NULL && !parse_seconds ("--target-timeout", timeout_text, FALSE, &target_timeout_us, &message))
      return cli_usage_error ("run", message);
    if (min_time_text != NULL && !parse_seconds ("--min-time", min_time_text, FALSE, &min_time_us, &message))
      return cli_usage_error ("run", message);
    if (warmup_text != NULL && !parse_seconds ("--warmup", warmup_text, TRUE, &warmup_us, &message))
      return cli_usage_error ("run", message);
    if (repetitions < 1 || repetitions > 1000)
      return cli_usage_error ("run", _("--repetitions takes a whole number from 1 to 1000"));
    if (memory_limit_text != NULL &&
        !g_ascii_string_to_unsigned (memory_limit_text, 10, 0, G_MAXUINT / 2, &memory_limit_mb, NULL))
      {
        /* TRANSLATORS: %s is what the user gave to --memory-limit. */
        message = g_strdup_printf (_("--memory-limit takes a whole number of MiB (0 for none), not “%s”"),
                                   memory_limit_text);
        return cli_usage_error ("run", message);
      }
  }
  if (fail_on_regression && compare_to == NULL)
    return cli_usage_error ("run", _("--fail-on-regression needs --compare-to"));
  targets = bench_registry_select (cli_get_targets (), selection, selection == NULL, &error);
  if (targets == NULL)
    return cli_usage_error ("run", error->message);
  if (filter != NULL)
    {
      g_autoptr(GPtrArray) all = g_steal_pointer (&targets);

      targets = bench_registry_filter (all, filter, &error);
      if (targets == NULL)
        return cli_usage_error ("run", error->message);
    }
  if (output == NULL)
    output = g_strdup (CLI_DEFAULT_OUTPUT);
  printer.lines = format == FORMAT_TEXT ? stdout : stderr;
  /* Reading only, before the output is prepared: a wrong run id touches
   * nothing. */
  if (!find_baseline (compare_to, output, printer.lines, &baseline, &exit_code))
    return exit_code;
  if (quick)
    bench_run_options_init_quick (&options);
  else
    bench_run_options_init_default (&options);
  if (min_time_us > 0)
    options.min_measure_us = min_time_us;
  if (warmup_us >= 0)
    options.warmup_us = warmup_us;
  options.target_timeout_us = target_timeout_us;
  options.repetitions = (guint) repetitions;
  if (memory_limit_text != NULL)
    options.memory_limit_mb = (guint) memory_limit_mb;
  if (instructions)
    options.measure = BENCH_MEASURE_INSTRUCTIONS;

  job = (RunJob) {
    .targets = targets,
    .options = &options,
    .printer = &printer,
  };
  watch_signals (&job);
  transaction = bench_transaction_begin (output, &error);
  if (transaction == NULL)
    {
      unwatch_signals (&job);
      return cli_usage_error ("run", error->message);
    }

  job.transaction = transaction;
  run_job (&job);
  record = g_steal_pointer (&job.record);
  g_clear_error (&job.error);
  results = bench_run_record_get_results (record);
  for (guint i = 0; i < results->len; i++)
    {
      if (!bench_result_is_success (g_ptr_array_index (results, i)))
        exit_code = CLI_EXIT_FAILED;
    }

  if (baseline != NULL && !job.cancelled)
    {
      comparison = bench_run_comparison_new (baseline, record, noise);
      /* A regression is reported only when a second measurement of the
       * target reproduces it. */
      if (bench_run_comparison_has_regression (comparison))
        {
          job.confirm = comparison;
          job.finished = 0;
          run_job (&job);
        }
    }
  /* A cancelled run is saved too: its finished targets, and summary.md
   * says which did not run. */
  if (!bench_transaction_commit (transaction, record, !no_summary, comparison,
                                 &summary_path, &history_path, &error))
    {
      cli_print_error ("run", error->message);
      exit_code = CLI_EXIT_FAILED;
    }
  g_clear_pointer (&transaction, bench_transaction_free);
  unwatch_signals (&job);

  if (job.signal_number != 0)
    {
      if (!job.cancelled)
        /* TRANSLATORS: a signal came while a finished run was being saved. */
        cli_print_error ("run", _("Interrupted; the run had finished and was saved"));
      else if (summary_path != NULL || history_path != NULL)
        /* TRANSLATORS: after Ctrl+C during “cost-ops run”. */
        cli_print_error ("run", _("Interrupted; the results of the targets that finished were saved"));
      else
        cli_print_error ("run", _("Interrupted before any target finished; nothing was saved"));
      /* 128 + the signal, as a shell reports a process it killed. */
      return 128 + job.signal_number;
    }

  cli_print_environment_warnings (printer.lines, bench_run_record_get_environment (record), NULL);
  if (comparison != NULL)
    cli_print_comparison (printer.lines, comparison);
  if (summary_path != NULL)
    {
      g_autofree char *shown = g_filename_display_name (summary_path);

      /* TRANSLATORS: %s is the path of summary.md. */
      fprintf (printer.lines, _("Summary written to %s\n"), shown);
    }

  if (format == FORMAT_JSON)
    print_json (record, output, summary_path, history_path, comparison);
  else if (format == FORMAT_GBENCH)
    cli_print_gbench (record);

  if (exit_code == CLI_EXIT_OK && fail_on_regression &&
      comparison != NULL && bench_run_comparison_has_regression (comparison))
    {
      g_autofree char *lines = bench_run_comparison_dup_regression_lines (comparison);
      /* TRANSLATORS: %s lists the regressed targets, one per line. */
      g_autofree char *message = g_strdup_printf (_("exit status 3: regressed against the baseline:\n%s"),
                                                  lines);

      cli_print_error ("run", message);
      exit_code = CLI_EXIT_REGRESSION;
    }
  return exit_code;
}
