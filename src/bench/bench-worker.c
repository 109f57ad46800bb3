/* bench-worker.c: runs one target in the worker process and reports it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "bench-worker.h"

#include <errno.h>
#include <unistd.h>

#include "bench-history.h"
#include "bench-private.h"
#include "bench-registry.h"
#include "bench-speed-probe.h"

typedef struct {
  int fd;
} Worker;

static void
send_line (Worker     *worker,
           const char *kind,
           const char *text)
{
  g_autofree char *line = g_strconcat (kind, " ", text, "\n", NULL);
  gsize left = strlen (line);
  const char *p = line;

  while (left > 0)
    {
      gssize n = write (worker->fd, p, left);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        _exit (3);   /* the supervisor is gone: nobody to report to */
      p += n;
      left -= (gsize) n;
    }
}

static void
on_progress (guint              index,
             const BenchTarget *target,
             BenchTargetState   state,
             double             fraction,
             BenchResult       *result,
             gpointer           user_data)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (state == BENCH_TARGET_STATE_RUNNING)
    send_line (user_data, "progress", g_ascii_formatd (buffer, sizeof buffer, "%.4f", fraction));
}

static void
on_stage (BenchStage stage,
          gpointer   user_data)
{
  send_line (user_data, "stage", bench_stage_to_string (stage));
}

static gboolean
parse_int64 (const char *text,
             gint64      min,
             gint64     *value)
{
  return text != NULL && g_ascii_string_to_signed (text, 10, min, G_MAXINT64, value, NULL);
}

int
bench_worker_main (const BenchTarget * const *registry,
                   int                        argc,
                   char                     **argv)
{
  g_autoptr(BenchResult) result = NULL;
  g_autoptr(BenchRunRecord) record = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const BenchTarget *target;
  BenchRunOptions options = { 0 };
  gint64 fd, index, measure_us, warmup_us, min_samples;
  Worker worker;

  /* cost-ops-worker FD TARGET INDEX WARMUP_US MEASURE_US MIN_SAMPLES
   * [instructions] */
  if (argc < 7 || argc > 8 || (argc == 8 && g_strcmp0 (argv[7], "instructions") != 0) ||
      !parse_int64 (argv[1], 3, &fd) || fd > G_MAXINT ||
      !parse_int64 (argv[3], 0, &index) || index > G_MAXUINT ||
      !parse_int64 (argv[4], 0, &warmup_us) || !parse_int64 (argv[5], 1, &measure_us) ||
      !parse_int64 (argv[6], 1, &min_samples) || min_samples > G_MAXUINT)
    {
      g_printerr ("cost-ops-worker is started by cost-ops and cost-ops-bench, not by hand\n");
      return 2;
    }
  worker.fd = (int) fd;

  target = bench_registry_lookup (registry, argv[2]);
  if (target == NULL)
    {
      g_autofree char *message = g_strdup_printf ("this worker has no target “%s”", argv[2]);

      send_line (&worker, "error", message);
      return 2;
    }

  options.isolation = BENCH_ISOLATION_IN_PROCESS;
  options.warmup_us = warmup_us;
  options.min_measure_us = measure_us;
  options.min_samples = (guint) min_samples;

  /* The machine's best speed seen so far in the run (bench-speed-probe.c). */
  if (g_getenv ("COST_OPS_SPEED_REFERENCE_NS") != NULL)
    bench_speed_probe_offer (g_ascii_strtod (g_getenv ("COST_OPS_SPEED_REFERENCE_NS"), NULL));

  /* No cancellable: the supervisor stops a worker with a signal. */
  if (argc == 8)
    result = bench_callgrind_run_target_here (target, (guint) index, on_progress, &worker,
                                              on_stage, &worker, &error);
  else
    result = bench_run_target_here (target, &options, (guint) index, on_progress, &worker,
                                    on_stage, &worker, NULL, &error);
  if (result == NULL)
    {
      send_line (&worker, "error", error->message);
      return 1;
    }

  results = g_ptr_array_new_with_free_func ((GDestroyNotify) bench_result_unref);
  g_ptr_array_add (results, g_steal_pointer (&result));
  now = g_date_time_new_now_utc ();
  {
    g_autofree char *id = bench_run_id_generate ();

    record = bench_run_record_new (id, now, NULL, results);
  }
  node = bench_run_record_to_json (record);
  generator = json_generator_new ();
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  send_line (&worker, "result", text);
  return 0;
}
