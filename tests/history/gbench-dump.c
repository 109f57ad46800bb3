/* gbench-dump: builds a run record from a JSON description on standard
 * input and prints its Google Benchmark export, for gbench_reading.py.
 *
 * {"results": [{"id": "alpha", "ns": 16.4, "cpu_ns": 15.0, "iterations": 1000,
 *               "samples": [16.1, 16.7]},
 *              {"id": "gamma", "error": "crashed"}]}
 *
 * "cpu_ns" may be left out (a run recorded without CPU time).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>

#include "bench-error.h"
#include "bench-history.h"
#include "bench-history-export.h"

static BenchResult *
make_result (JsonObject *spec,
             GDateTime  *now)
{
  g_autoptr(JsonObject) metrics = json_object_new ();
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  const char *id = json_object_get_string_member (spec, "id");
  JsonArray *array;
  double ns;

  if (json_object_has_member (spec, "error"))
    {
      g_autoptr(GError) error =
        g_error_new_literal (BENCH_ERROR, BENCH_ERROR_TARGET_FAILED,
                             json_object_get_string_member (spec, "error"));

      return bench_result_new_failure (id, error, now);
    }
  ns = json_object_get_double_member (spec, "ns");
  array = json_object_get_array_member (spec, "samples");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      double value = json_array_get_double_element (array, i);

      g_array_append_val (samples, value);
    }
  /* As bench-runner.c records them. */
  json_object_set_double_member (metrics, "operations_per_second", 1e9 / ns);
  json_object_set_int_member (metrics, "avg_duration_ns", (gint64) (ns + 0.5));
  json_object_set_int_member (metrics, "total_iterations",
                              json_object_get_int_member (spec, "iterations"));
  if (json_object_has_member (spec, "cpu_ns"))
    json_object_set_double_member (metrics, "cpu_avg_duration_ns",
                                   json_object_get_double_member (spec, "cpu_ns"));
  return bench_result_new_success (id, metrics, now, (const double *) (gconstpointer) samples->data,
                                   samples->len);
}

int
main (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GIOChannel) input = g_io_channel_unix_new (0);
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) bench_result_unref);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 29, 10, 0, 0.0);
  g_autoptr(JsonObject) env = json_object_new ();
  g_autoptr(BenchRunRecord) record = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *output = NULL;
  JsonArray *specs;

  if (g_io_channel_read_to_end (input, &text, NULL, &error) != G_IO_STATUS_NORMAL ||
      !json_parser_load_from_data (parser, text, -1, &error))
    {
      fprintf (stderr, "gbench-dump: %s\n", error->message);
      return 1;
    }
  specs = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "results");
  for (guint i = 0; i < json_array_get_length (specs); i++)
    g_ptr_array_add (results, make_result (json_array_get_object_element (specs, i), now));

  json_object_set_string_member (env, "hostname", "dumphost");
  json_object_set_int_member (env, "logical_cores", 2);
  json_object_set_string_member (env, "build_type", "debugoptimized");
  json_object_set_string_member (env, "app_version", "0.1.0");
  record = bench_run_record_new ("d0d0d0d0", now, env, results);
  root = bench_run_record_to_gbench (record);
  json_generator_set_root (generator, root);
  output = json_generator_to_data (generator, NULL);
  printf ("%s\n", output);
  return 0;
}
