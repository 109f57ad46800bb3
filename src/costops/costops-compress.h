/* costops-compress.h: zstd compression of buffers, streams and files.
 *
 * Every frame is written with its content checksum, so decompression detects
 * damaged data. Decompression always takes a limit on the output size: a
 * frame that would decompress to more is refused (COSTOPS_ERROR_TOO_LARGE)
 * before the memory is spent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Levels: negative values are the fast levels (zstd --fast=N), 0 means the
 * library default (3), 1..19 trade speed for ratio. The ultra levels 20..22
 * need huge windows and are deliberately not offered. */
#define COSTOPS_COMPRESS_LEVEL_MIN     (-131072)
#define COSTOPS_COMPRESS_LEVEL_MAX     19
#define COSTOPS_COMPRESS_LEVEL_DEFAULT 3

gboolean costops_compress_level_is_valid (int level);
/* Upper bound of the compressed size of @size bytes (one frame). */
gsize    costops_compress_bound          (gsize size);

#define COSTOPS_TYPE_COMPRESSOR (costops_compressor_get_type ())
G_DECLARE_FINAL_TYPE (CostopsCompressor, costops_compressor, COSTOPS, COMPRESSOR, GObject)

/* A compressor keeps its zstd contexts between calls, so repeated operations
 * do not reallocate them. Not thread-safe: use one per thread. */
CostopsCompressor *costops_compressor_new       (int                 level,
                                                 GError            **error);
int                costops_compressor_get_level (CostopsCompressor  *self);
gboolean           costops_compressor_set_level (CostopsCompressor  *self,
                                                 int                 level,
                                                 GError            **error);

/* One frame holding @size bytes of @data, stored in @dest (its previous
 * contents are replaced; its allocation is reused). */
gboolean  costops_compressor_compress_into   (CostopsCompressor  *self,
                                              const void         *data,
                                              gsize               size,
                                              GByteArray         *dest,
                                              GError            **error);
/* Decompresses every frame in @data into @dest (contents replaced). Fails
 * with COSTOPS_ERROR_TOO_LARGE when the result would exceed @max_size bytes,
 * COSTOPS_ERROR_CORRUPT_DATA when @data is empty, not zstd, damaged (bad
 * checksum) or truncated. On failure @dest is emptied. */
gboolean  costops_compressor_decompress_into (CostopsCompressor  *self,
                                              const void         *data,
                                              gsize               size,
                                              gsize               max_size,
                                              GByteArray         *dest,
                                              GError            **error);
GBytes   *costops_compressor_compress        (CostopsCompressor  *self,
                                              GBytes             *data,
                                              GError            **error);
GBytes   *costops_compressor_decompress      (CostopsCompressor  *self,
                                              GBytes             *data,
                                              gsize               max_size,
                                              GError            **error);
/* For data from outside (a file anyone could have written): the same
 * result and errors, but memory is allocated as the frames really produce
 * output (never from the size a frame header declares), so a small file
 * claiming a large size costs nothing. Slower than the above for large
 * data. */
GBytes   *costops_compressor_decompress_untrusted (CostopsCompressor  *self,
                                                   GBytes             *data,
                                                   gsize               max_size,
                                                   GError            **error);

/* Streams: read @in to its end, write to @out. Neither stream is closed.
 * The number of bytes written to @out is stored in @bytes_written when not
 * NULL. */
gboolean  costops_compressor_compress_stream   (CostopsCompressor  *self,
                                                GInputStream       *in,
                                                GOutputStream      *out,
                                                guint64            *bytes_written,
                                                GCancellable       *cancellable,
                                                GError            **error);
gboolean  costops_compressor_decompress_stream (CostopsCompressor  *self,
                                                GInputStream       *in,
                                                GOutputStream      *out,
                                                guint64             max_size,
                                                guint64            *bytes_written,
                                                GCancellable       *cancellable,
                                                GError            **error);

/* Files: @dest is written under a temporary name and renamed into place only
 * when everything succeeded; on failure an existing @dest is left untouched. */
gboolean  costops_compress_file   (GFile         *source,
                                   GFile         *dest,
                                   int            level,
                                   GCancellable  *cancellable,
                                   GError       **error);
gboolean  costops_decompress_file (GFile         *source,
                                   GFile         *dest,
                                   guint64        max_size,
                                   GCancellable  *cancellable,
                                   GError       **error);

G_END_DECLS
