/* cli-run.c: `cost-ops run`, the seed's benchmark run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cli.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <stdio.h>

#include "bench-environment.h"
#include "bench-error.h"
#include "bench-output.h"
#include "bench-registry.h"
#include "bench-runner.h"
#include "bench-targets.h"

#define DEFAULT_OUTPUT "benchmarks/output"

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

  if (state == BENCH_TARGET_STATE_DONE)
    {
      g_autofree char *ops = g_strdup_printf ("%.0f", bench_result_get_ops_per_second (result));

      /* TRANSLATORS: first %s is a target id, second the operations per second. */
      fprintf (printer->lines, _("✓ %s - %s ops/sec\n"), target->id, ops);
    }
  else if (state == BENCH_TARGET_STATE_FAILED)
    {
      /* TRANSLATORS: first %s is a target id, second the error message. */
      fprintf (printer->lines, _("✗ %s - %s\n"), target->id, bench_result_get_error (result)->message);
    }
  fflush (printer->lines);
}

/* The run happens on a worker thread so that the main thread can turn
 * Ctrl+C into a cancellation: the runner then stops between two samples,
 * keeps the results that were finished and leaves no temporary file. */
typedef struct {
  GPtrArray             *targets;
  const BenchRunOptions *options;
  const char            *output;
  RunPrinter            *printer;
  GCancellable          *cancellable;
  GMainLoop             *loop;
  GPtrArray             *results;
  gboolean               cancelled;
  GError                *error;
} RunJob;

static gpointer
run_job_thread (gpointer data)
{
  RunJob *job = data;

  /* The summary is written by cli_run() rather than by the runner so that
   * a failure to write it is reported like any other. */
  job->results = bench_runner_run (job->targets, job->options, job->output, FALSE,
                                   print_progress, job->printer, job->cancellable,
                                   &job->cancelled, &job->error);
  g_main_loop_quit (job->loop);
  return NULL;
}

static gboolean
on_interrupt (gpointer data)
{
  RunJob *job = data;

  g_cancellable_cancel (job->cancellable);
  return G_SOURCE_CONTINUE;
}

static void
run_job (RunJob *job)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GSource) sigint = g_unix_signal_source_new (SIGINT);
  g_autoptr(GSource) sigterm = g_unix_signal_source_new (SIGTERM);
  GThread *thread;

  g_main_context_push_thread_default (context);
  job->loop = g_main_loop_new (context, FALSE);
  job->cancellable = g_cancellable_new ();
  g_source_set_callback (sigint, on_interrupt, job, NULL);
  g_source_set_callback (sigterm, on_interrupt, job, NULL);
  g_source_attach (sigint, context);
  g_source_attach (sigterm, context);

  thread = g_thread_new ("cost-ops-run", run_job_thread, job);
  g_main_loop_run (job->loop);
  g_thread_join (thread);

  g_source_destroy (sigint);
  g_source_destroy (sigterm);
  g_clear_pointer (&job->loop, g_main_loop_unref);
  g_clear_object (&job->cancellable);
  g_main_context_pop_thread_default (context);
}

static void
print_json (GPtrArray  *results,
            const char *output,
            const char *summary_path)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(BenchEnvironment) environment = bench_environment_collect ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, PACKAGE_VERSION);
  json_builder_set_member_name (builder, "environment");
  json_builder_add_value (builder, bench_environment_to_json (environment));
  json_builder_set_member_name (builder, "output");
  json_builder_add_string_value (builder, output);
  json_builder_set_member_name (builder, "summary");
  if (summary_path != NULL)
    json_builder_add_string_value (builder, summary_path);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "results");
  json_builder_begin_array (builder);
  for (guint i = 0; i < results->len; i++)
    json_builder_add_value (builder, bench_result_to_json (g_ptr_array_index (results, i)));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

int
cli_run (int    argc,
         char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *selection = NULL;
  g_autofree char *output = NULL;
  g_autofree char *summary_path = NULL;
  gboolean no_summary = FALSE;
  gboolean quick = FALSE;
  gboolean json = FALSE;
  gboolean version = FALSE;
  int exit_code = CLI_EXIT_OK;
  BenchRunOptions options;
  RunPrinter printer;
  RunJob job;
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
    CLI_VERSION_ENTRY (&version),
    G_OPTION_ENTRY_NULL,
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Runs the benchmark targets one after another and writes "
                                  "DIR/raw/<target>.json and DIR/summary.md."));
  g_option_context_set_description (context,
                                    _("Exit status: 0 when every target passed, 1 when a target "
                                      "failed, 2 for a usage error (nothing is run or written), "
                                      "130 when interrupted (finished results are kept)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!cli_parse_options (context, "run", &argc, &argv, &version, &exit_code))
    return exit_code;
  if (argc > 1)
    {
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”"), argv[1]);

      return cli_usage_error ("run", message);
    }

  /* Every usage error is found before the first target runs. */
  targets = bench_registry_select (bench_targets_get_all (), selection, selection == NULL, &error);
  if (targets == NULL)
    return cli_usage_error ("run", error->message);
  if (output == NULL)
    output = g_strdup (DEFAULT_OUTPUT);
  if (!bench_output_prepare (output, &error))
    return cli_usage_error ("run", error->message);

  if (quick)
    bench_run_options_init_quick (&options);
  else
    bench_run_options_init_default (&options);
  printer.lines = json ? stderr : stdout;

  job = (RunJob) {
    .targets = targets,
    .options = &options,
    .output = output,
    .printer = &printer,
  };
  run_job (&job);
  results = g_steal_pointer (&job.results);
  if (results == NULL)
    {
      cli_print_error ("run", job.error->message);
      g_clear_error (&job.error);
      return CLI_EXIT_FAILED;
    }
  if (job.cancelled)
    {
      /* TRANSLATORS: after Ctrl+C during “cost-ops run”. */
      cli_print_error ("run", _("Interrupted; the results of the targets that finished were written"));
      return CLI_EXIT_INTERRUPTED;
    }
  for (guint i = 0; i < results->len; i++)
    {
      if (!bench_result_is_success (g_ptr_array_index (results, i)))
        exit_code = CLI_EXIT_FAILED;
    }

  if (!no_summary)
    {
      summary_path = g_build_filename (output, "summary.md", NULL);
      if (bench_output_write_summary (output, results, &error))
        {
          /* TRANSLATORS: %s is the path of summary.md. */
          fprintf (printer.lines, _("Summary written to %s\n"), summary_path);
        }
      else
        {
          cli_print_error ("run", error->message);
          g_clear_pointer (&summary_path, g_free);
          exit_code = CLI_EXIT_FAILED;
        }
    }

  if (json)
    print_json (results, output, summary_path);
  return exit_code;
}
