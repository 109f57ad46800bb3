/* target-compression.c: zstd level 3 round trip of 10,000 cost records.
 *
 * The payload is the records serialised as JSON (the seed's workload). Each
 * operation compresses it into a reused buffer and decompresses it back,
 * reusing the zstd contexts. setup() checks the round trip byte for byte;
 * each operation checks it cheaply: both sizes, the frame's content checksum
 * (verified by the decoder, since every frame carries one) and the bytes at
 * both ends. Compression and decompression are also measured on their own
 * for the throughput metrics.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "bench-error.h"
#include "bench-targets.h"
#include "costops-compress.h"
#include "costops-export-records.h"

#define N_RECORDS 10000
#define LEVEL     COSTOPS_COMPRESS_LEVEL_DEFAULT
/* Bytes compared at each end of the payload after every round trip. */
#define EDGE      64
/* Throughput in MB of 10^6 bytes per second, as zstd -b reports it. */
#define MB        1e6

typedef struct {
  GString           *payload;
  CostopsCompressor *compressor;
  GByteArray        *packed;
  GByteArray        *unpacked;
  gsize              compressed_size;
} CompressionState;

static void
compression_teardown (gpointer data)
{
  CompressionState *state = data;

  if (state->payload != NULL)
    g_string_free (state->payload, TRUE);
  g_clear_object (&state->compressor);
  g_clear_pointer (&state->packed, g_byte_array_unref);
  g_clear_pointer (&state->unpacked, g_byte_array_unref);
  g_free (state);
}

static gboolean
round_trip_failed (GError     **error,
                   const char  *what)
{
  g_set_error (error, BENCH_ERROR, BENCH_ERROR_TARGET_FAILED,
               "compression round trip failed: %s", what);
  return FALSE;
}

static gpointer
compression_setup (const BenchTarget  *target,
                   GError            **error)
{
  g_autoptr(GPtrArray) records = NULL;
  CompressionState *state = g_new0 (CompressionState, 1);

  records = costops_cost_records_sample (N_RECORDS, COSTOPS_COST_RECORDS_SAMPLE_SEED);
  state->payload = g_string_sized_new (3 * 1024 * 1024);
  if (!costops_cost_records_format_json ((const CostopsCostRecord * const *) records->pdata,
                                         records->len, state->payload, error))
    {
      compression_teardown (state);
      return NULL;
    }
  state->packed = g_byte_array_sized_new (costops_compress_bound (state->payload->len));
  state->unpacked = g_byte_array_sized_new (state->payload->len);

  state->compressor = costops_compressor_new (LEVEL, error);
  if (state->compressor == NULL ||
      !costops_compressor_compress_into (state->compressor, state->payload->str,
                                         state->payload->len, state->packed, error) ||
      !costops_compressor_decompress_into (state->compressor, state->packed->data,
                                           state->packed->len, state->payload->len,
                                           state->unpacked, error))
    {
      compression_teardown (state);
      return NULL;
    }
  if (state->unpacked->len != state->payload->len ||
      memcmp (state->unpacked->data, state->payload->str, state->payload->len) != 0)
    {
      round_trip_failed (error, "the decompressed data differs from the payload");
      compression_teardown (state);
      return NULL;
    }
  state->compressed_size = state->packed->len;
  return state;
}

static gboolean
compress_once (CompressionState  *state,
               GError           **error)
{
  if (!costops_compressor_compress_into (state->compressor, state->payload->str,
                                         state->payload->len, state->packed, error))
    return FALSE;
  if (state->packed->len != state->compressed_size)
    return round_trip_failed (error, "the compressed size changed between runs");
  return TRUE;
}

static gboolean
decompress_once (CompressionState  *state,
                 GError           **error)
{
  const gsize size = state->payload->len;

  /* The limit is the payload's size: anything larger is an error. */
  if (!costops_compressor_decompress_into (state->compressor, state->packed->data,
                                           state->packed->len, size, state->unpacked, error))
    return FALSE;
  if (state->unpacked->len != size ||
      memcmp (state->unpacked->data, state->payload->str, EDGE) != 0 ||
      memcmp (state->unpacked->data + size - EDGE, state->payload->str + size - EDGE, EDGE) != 0)
    return round_trip_failed (error, "the decompressed data differs from the payload");
  return TRUE;
}

static gboolean
compression_run_round_trip (gpointer   data,
                            guint64    iterations,
                            GError   **error)
{
  CompressionState *state = data;

  for (guint64 i = 0; i < iterations; i++)
    {
      if (!compress_once (state, error) || !decompress_once (state, error))
        return FALSE;
      bench_keep (state->unpacked->data[state->unpacked->len / 2]);
    }
  return TRUE;
}

static gboolean
compression_run_compress (gpointer   data,
                          guint64    iterations,
                          GError   **error)
{
  CompressionState *state = data;

  for (guint64 i = 0; i < iterations; i++)
    {
      if (!compress_once (state, error))
        return FALSE;
      bench_keep (state->packed->data[state->packed->len / 2]);
    }
  return TRUE;
}

static gboolean
compression_run_decompress (gpointer   data,
                            guint64    iterations,
                            GError   **error)
{
  CompressionState *state = data;

  /* Variants run after the headline, so packed holds the frame. */
  for (guint64 i = 0; i < iterations; i++)
    {
      if (!decompress_once (state, error))
        return FALSE;
      bench_keep (state->unpacked->data[state->unpacked->len / 2]);
    }
  return TRUE;
}

static gboolean
compression_add_metrics (gpointer       data,
                         BenchContext  *context,
                         JsonObject    *metrics,
                         GError       **error)
{
  CompressionState *state = data;
  const double size = (double) state->payload->len;
  double compress_ops, decompress_ops;

  if (!bench_context_measure (context, compression_run_compress, state, &compress_ops, error))
    return FALSE;
  bench_context_report_progress (context, 0.5);
  if (!bench_context_measure (context, compression_run_decompress, state, &decompress_ops, error))
    return FALSE;

  json_object_set_string_member (metrics, "workload",
                                 "10000 cost records as JSON, zstd level 3 with checksum, round trip");
  json_object_set_int_member (metrics, "records", N_RECORDS);
  json_object_set_int_member (metrics, "compression_level", LEVEL);
  json_object_set_int_member (metrics, "uncompressed_size_bytes", state->payload->len);
  json_object_set_int_member (metrics, "compressed_size_bytes", state->compressed_size);
  json_object_set_double_member (metrics, "compression_ratio", size / (double) state->compressed_size);
  json_object_set_double_member (metrics, "throughput_mb_per_sec", compress_ops * size / MB);
  json_object_set_double_member (metrics, "decompression_throughput_mb_per_sec",
                                 decompress_ops * size / MB);
  json_object_set_double_member (metrics, "compress_operations_per_second", compress_ops);
  json_object_set_double_member (metrics, "decompress_operations_per_second", decompress_ops);
  return TRUE;
}

const BenchTarget bench_target_compression = {
  .id = "compression",
  .display_name = N_("Compression"),
  .category = "io",
  .description = N_("zstd level 3 round trip of 10,000 cost records as JSON"),
  .setup = compression_setup,
  .run_iterations = compression_run_round_trip,
  .add_metrics = compression_add_metrics,
  .teardown = compression_teardown,
};
