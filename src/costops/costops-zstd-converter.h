/* costops-zstd-converter.h: zstd as a GConverter, for GConverterOutputStream
 * and GConverterInputStream (e.g. writing a report straight to a .zst file).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  COSTOPS_ZSTD_COMPRESS,
  COSTOPS_ZSTD_DECOMPRESS,
} CostopsZstdDirection;

GType costops_zstd_direction_get_type (void) G_GNUC_CONST;
#define COSTOPS_TYPE_ZSTD_DIRECTION (costops_zstd_direction_get_type ())

#define COSTOPS_TYPE_ZSTD_CONVERTER (costops_zstd_converter_get_type ())
G_DECLARE_FINAL_TYPE (CostopsZstdConverter, costops_zstd_converter, COSTOPS, ZSTD_CONVERTER, GObject)

/* Compresses into one frame with a content checksum. */
CostopsZstdConverter *costops_zstd_converter_new_compressor   (int       level,
                                                               GError  **error);
/* Decompresses any number of frames; more than @max_output_size bytes of
 * output is COSTOPS_ERROR_TOO_LARGE, input that ends inside a frame is
 * COSTOPS_ERROR_CORRUPT_DATA. */
CostopsZstdConverter *costops_zstd_converter_new_decompressor (guint64   max_output_size);

CostopsZstdDirection  costops_zstd_converter_get_direction    (CostopsZstdConverter *self);
/* Bytes produced since creation or the last g_converter_reset(). */
guint64               costops_zstd_converter_get_total_out    (CostopsZstdConverter *self);

G_END_DECLS
