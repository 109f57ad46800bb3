/* costops-compress.c: zstd compression of buffers, streams and files.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "costops-compress.h"

#include <zstd.h>
#include <zstd_errors.h>

#include "costops-compress-private.h"
#include "costops-error.h"
#include "costops-zstd-converter.h"

struct _CostopsCompressor {
  GObject    parent_instance;

  int        level;
  ZSTD_CCtx *cctx;
  ZSTD_DCtx *dctx;
};

enum {
  PROP_0,
  PROP_LEVEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CostopsCompressor, costops_compressor, G_TYPE_OBJECT)

gboolean
costops_compress_level_is_valid (int level)
{
  /* The library's own minimum may be closer to zero on other versions. */
  return level >= MAX (COSTOPS_COMPRESS_LEVEL_MIN, ZSTD_minCLevel ()) &&
         level <= COSTOPS_COMPRESS_LEVEL_MAX;
}

gsize
costops_compress_bound (gsize size)
{
  return ZSTD_compressBound (size);
}

void
costops_zstd_set_error (GError     **error,
                        size_t       code,
                        const char  *what)
{
  const char *reason = ZSTD_getErrorName (code);

  switch (ZSTD_getErrorCode (code))
    {
    case ZSTD_error_prefix_unknown:
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_CORRUPT_DATA,
                   "Error %s: the data is not zstd-compressed (unknown frame header)", what);
      break;
    case ZSTD_error_srcSize_wrong:
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_CORRUPT_DATA,
                   "Error %s: the compressed data is truncated or has trailing garbage (%s)",
                   what, reason);
      break;
    case ZSTD_error_checksum_wrong:
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_CORRUPT_DATA,
                   "Error %s: the frame checksum does not match, the data is damaged", what);
      break;
    case ZSTD_error_corruption_detected:
    case ZSTD_error_frameParameter_unsupported:
    case ZSTD_error_dictionary_corrupted:
    case ZSTD_error_dictionary_wrong:
    case ZSTD_error_version_unsupported:
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_CORRUPT_DATA,
                   "Error %s: the compressed data is corrupt (%s)", what, reason);
      break;
    case ZSTD_error_frameParameter_windowTooLarge:
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_TOO_LARGE,
                   "Error %s: the frame needs a larger window than allowed (%s)", what, reason);
      break;
    default:
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_FAILED,
                   "Error %s: %s", what, reason);
      break;
    }
}

gboolean
costops_zstd_configure_cctx (ZSTD_CCtx  *cctx,
                             int         level,
                             GError    **error)
{
  size_t ret;

  ret = ZSTD_CCtx_setParameter (cctx, ZSTD_c_compressionLevel, level);
  if (!ZSTD_isError (ret))
    ret = ZSTD_CCtx_setParameter (cctx, ZSTD_c_checksumFlag, 1);
  if (ZSTD_isError (ret))
    {
      costops_zstd_set_error (error, ret, "configuring the compressor");
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_level (int      level,
             GError **error)
{
  if (costops_compress_level_is_valid (level))
    return TRUE;

  g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD,
               "Compression level %d is out of range (%d to %d)",
               level, MAX (COSTOPS_COMPRESS_LEVEL_MIN, ZSTD_minCLevel ()),
               COSTOPS_COMPRESS_LEVEL_MAX);
  return FALSE;
}

static void
costops_compressor_finalize (GObject *object)
{
  CostopsCompressor *self = COSTOPS_COMPRESSOR (object);

  ZSTD_freeCCtx (self->cctx);
  ZSTD_freeDCtx (self->dctx);

  G_OBJECT_CLASS (costops_compressor_parent_class)->finalize (object);
}

static void
costops_compressor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CostopsCompressor *self = COSTOPS_COMPRESSOR (object);

  switch (prop_id)
    {
    case PROP_LEVEL:
      g_value_set_int (value, self->level);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
costops_compressor_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CostopsCompressor *self = COSTOPS_COMPRESSOR (object);

  switch (prop_id)
    {
    case PROP_LEVEL:
      {
        g_autoptr(GError) error = NULL;

        if (!costops_compressor_set_level (self, g_value_get_int (value), &error))
          g_critical ("%s", error->message);
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
costops_compressor_class_init (CostopsCompressorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = costops_compressor_finalize;
  object_class->get_property = costops_compressor_get_property;
  object_class->set_property = costops_compressor_set_property;

  properties[PROP_LEVEL] =
    g_param_spec_int ("level", NULL, NULL,
                      COSTOPS_COMPRESS_LEVEL_MIN, COSTOPS_COMPRESS_LEVEL_MAX,
                      COSTOPS_COMPRESS_LEVEL_DEFAULT,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT |
                      G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
costops_compressor_init (CostopsCompressor *self)
{
  self->level = COSTOPS_COMPRESS_LEVEL_DEFAULT;
  self->cctx = ZSTD_createCCtx ();
  self->dctx = ZSTD_createDCtx ();
  g_assert (self->cctx != NULL && self->dctx != NULL);
}

CostopsCompressor *
costops_compressor_new (int      level,
                        GError **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_level (level, error))
    return NULL;

  return g_object_new (COSTOPS_TYPE_COMPRESSOR, "level", level, NULL);
}

int
costops_compressor_get_level (CostopsCompressor *self)
{
  g_return_val_if_fail (COSTOPS_IS_COMPRESSOR (self), 0);

  return self->level;
}

gboolean
costops_compressor_set_level (CostopsCompressor  *self,
                              int                 level,
                              GError            **error)
{
  g_return_val_if_fail (COSTOPS_IS_COMPRESSOR (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_level (level, error) ||
      !costops_zstd_configure_cctx (self->cctx, level, error))
    return FALSE;

  if (self->level != level)
    {
      self->level = level;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEVEL]);
    }
  return TRUE;
}

gboolean
costops_compressor_compress_into (CostopsCompressor  *self,
                                  const void         *data,
                                  gsize               size,
                                  GByteArray         *dest,
                                  GError            **error)
{
  size_t written;

  g_return_val_if_fail (COSTOPS_IS_COMPRESSOR (self), FALSE);
  g_return_val_if_fail (data != NULL || size == 0, FALSE);
  g_return_val_if_fail (dest != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* GByteArray keeps its allocation when shrunk, so a reused @dest is only
   * grown once; the bound guarantees one call is enough. */
  g_byte_array_set_size (dest, ZSTD_compressBound (size));
  written = ZSTD_compress2 (self->cctx, dest->data, dest->len, data, size);
  if (ZSTD_isError (written))
    {
      g_byte_array_set_size (dest, 0);
      costops_zstd_set_error (error, written, "compressing");
      return FALSE;
    }
  g_byte_array_set_size (dest, written);
  return TRUE;
}

static gboolean
set_too_large (GError             **error,
               unsigned long long   needed,
               gsize                max_size)
{
  g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_TOO_LARGE,
               "Compressed data declares %llu bytes, more than the limit of %" G_GSIZE_FORMAT " bytes",
               needed, max_size);
  return FALSE;
}

/* For frames that do not record their size (written by a stream): grow the
 * output step by step, never beyond @max_size. */
static gboolean
decompress_unknown_size (CostopsCompressor  *self,
                         const void         *data,
                         gsize               size,
                         gsize               max_size,
                         GByteArray         *dest,
                         GError            **error)
{
  ZSTD_inBuffer in = { data, size, 0 };
  gsize produced = 0;
  size_t ret = 0;

  ZSTD_DCtx_reset (self->dctx, ZSTD_reset_session_only);
  while (in.pos < in.size || ret != 0)
    {
      ZSTD_outBuffer out;

      if (produced == dest->len)
        {
          /* Room for one byte beyond the limit is enough to detect that
           * the data is too large. */
          gsize limit = max_size < G_MAXSIZE ? max_size + 1 : G_MAXSIZE;
          gsize grow = MAX (ZSTD_DStreamOutSize (), produced);

          g_byte_array_set_size (dest, produced + MIN (grow, limit - produced));
        }

      out = (ZSTD_outBuffer) { dest->data + produced, dest->len - produced, 0 };
      ret = ZSTD_decompressStream (self->dctx, &out, &in);
      if (ZSTD_isError (ret))
        {
          costops_zstd_set_error (error, ret, "decompressing");
          return FALSE;
        }
      produced += out.pos;
      if (produced > max_size)
        {
          g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_TOO_LARGE,
                       "Decompressed data is larger than the limit of %" G_GSIZE_FORMAT " bytes",
                       max_size);
          return FALSE;
        }
      if (ret != 0 && in.pos == in.size && out.pos < out.size)
        {
          g_set_error_literal (error, COSTOPS_ERROR, COSTOPS_ERROR_CORRUPT_DATA,
                               "Error decompressing: the compressed data is truncated");
          return FALSE;
        }
    }
  g_byte_array_set_size (dest, produced);
  return TRUE;
}

static gboolean
is_skippable_frame (const guint8 *data,
                    gsize         size)
{
  guint32 magic;

  if (size < 4)
    return FALSE;
  magic = (guint32) data[0] | (guint32) data[1] << 8 |
          (guint32) data[2] << 16 | (guint32) data[3] << 24;
  return (magic & ZSTD_MAGIC_SKIPPABLE_MASK) == ZSTD_MAGIC_SKIPPABLE_START;
}

/* Sums the sizes the frame headers declare (ZSTD_CONTENTSIZE_UNKNOWN when
 * a frame does not record its size). Walking the frames also finds a cut-off
 * last frame before anything is allocated. */
static gboolean
find_content_size (const guint8        *data,
                   gsize                size,
                   unsigned long long  *total,
                   GError             **error)
{
  gsize offset = 0;

  *total = 0;
  while (offset < size)
    {
      unsigned long long frame_content;
      size_t frame_size;

      frame_size = ZSTD_findFrameCompressedSize (data + offset, size - offset);
      if (ZSTD_isError (frame_size))
        {
          costops_zstd_set_error (error, frame_size, "decompressing");
          return FALSE;
        }
      frame_content = ZSTD_getFrameContentSize (data + offset, size - offset);
      if (frame_content == ZSTD_CONTENTSIZE_ERROR)
        {
          /* Skippable frames carry no content. */
          if (is_skippable_frame (data + offset, size - offset))
            frame_content = 0;
          else
            {
              g_set_error_literal (error, COSTOPS_ERROR, COSTOPS_ERROR_CORRUPT_DATA,
                                   "Error decompressing: the compressed data is corrupt (bad frame header)");
              return FALSE;
            }
        }
      if (frame_content == ZSTD_CONTENTSIZE_UNKNOWN)
        {
          *total = ZSTD_CONTENTSIZE_UNKNOWN;
          return TRUE;
        }
      if (frame_content > G_MAXUINT64 / 4 - *total)
        {
          g_set_error_literal (error, COSTOPS_ERROR, COSTOPS_ERROR_TOO_LARGE,
                               "Error decompressing: the frames declare an impossible size");
          return FALSE;
        }
      *total += frame_content;
      offset += frame_size;
    }
  return TRUE;
}

gboolean
costops_compressor_decompress_into (CostopsCompressor  *self,
                                    const void         *data,
                                    gsize               size,
                                    gsize               max_size,
                                    GByteArray         *dest,
                                    GError            **error)
{
  unsigned long long content_size;
  size_t ret;

  g_return_val_if_fail (COSTOPS_IS_COMPRESSOR (self), FALSE);
  g_return_val_if_fail (data != NULL || size == 0, FALSE);
  g_return_val_if_fail (dest != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (size == 0)
    {
      g_byte_array_set_size (dest, 0);
      g_set_error_literal (error, COSTOPS_ERROR, COSTOPS_ERROR_CORRUPT_DATA,
                           "Error decompressing: the compressed data is empty");
      return FALSE;
    }

  if (!find_content_size (data, size, &content_size, error))
    {
      g_byte_array_set_size (dest, 0);
      return FALSE;
    }
  if (content_size == ZSTD_CONTENTSIZE_UNKNOWN)
    {
      g_byte_array_set_size (dest, 0);
      if (!decompress_unknown_size (self, data, size, max_size, dest, error))
        {
          g_byte_array_set_size (dest, 0);
          return FALSE;
        }
      return TRUE;
    }
  if (content_size > max_size)
    {
      g_byte_array_set_size (dest, 0);
      return set_too_large (error, content_size, max_size);
    }

  g_byte_array_set_size (dest, content_size);
  ret = ZSTD_decompressDCtx (self->dctx, dest->data, dest->len, data, size);
  if (ZSTD_isError (ret) || ret != content_size)
    {
      g_byte_array_set_size (dest, 0);
      if (ZSTD_isError (ret))
        costops_zstd_set_error (error, ret, "decompressing");
      else
        g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_CORRUPT_DATA,
                     "Error decompressing: the frames declare %llu bytes but hold %" G_GSIZE_FORMAT,
                     content_size, (gsize) ret);
      return FALSE;
    }
  return TRUE;
}

GBytes *
costops_compressor_compress (CostopsCompressor  *self,
                             GBytes             *data,
                             GError            **error)
{
  g_autoptr(GByteArray) dest = g_byte_array_new ();
  gconstpointer bytes;
  gsize size;

  g_return_val_if_fail (COSTOPS_IS_COMPRESSOR (self), NULL);
  g_return_val_if_fail (data != NULL, NULL);

  bytes = g_bytes_get_data (data, &size);
  if (!costops_compressor_compress_into (self, size > 0 ? bytes : "", size, dest, error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&dest));
}

GBytes *
costops_compressor_decompress (CostopsCompressor  *self,
                               GBytes             *data,
                               gsize               max_size,
                               GError            **error)
{
  g_autoptr(GByteArray) dest = g_byte_array_new ();
  gconstpointer bytes;
  gsize size;

  g_return_val_if_fail (COSTOPS_IS_COMPRESSOR (self), NULL);
  g_return_val_if_fail (data != NULL, NULL);

  bytes = g_bytes_get_data (data, &size);
  if (!costops_compressor_decompress_into (self, size > 0 ? bytes : "", size,
                                           max_size, dest, error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&dest));
}

GBytes *
costops_compressor_decompress_untrusted (CostopsCompressor  *self,
                                         GBytes             *data,
                                         gsize               max_size,
                                         GError            **error)
{
  g_autoptr(GByteArray) dest = g_byte_array_new ();
  unsigned long long declared;
  gconstpointer bytes;
  gsize size;

  g_return_val_if_fail (COSTOPS_IS_COMPRESSOR (self), NULL);
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = g_bytes_get_data (data, &size);
  if (size == 0)
    {
      g_set_error_literal (error, COSTOPS_ERROR, COSTOPS_ERROR_CORRUPT_DATA,
                           "Error decompressing: the compressed data is empty");
      return NULL;
    }
  /* The declared sizes only refuse early; the buffer grows with what the
   * frames really produce. */
  if (!find_content_size (bytes, size, &declared, error))
    return NULL;
  if (declared != ZSTD_CONTENTSIZE_UNKNOWN && declared > max_size)
    {
      set_too_large (error, declared, max_size);
      return NULL;
    }
  if (!decompress_unknown_size (self, bytes, size, max_size, dest, error))
    return NULL;
  if (declared != ZSTD_CONTENTSIZE_UNKNOWN && dest->len != declared)
    {
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_CORRUPT_DATA,
                   "Error decompressing: the frames declare %llu bytes but hold %u",
                   declared, dest->len);
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&dest));
}

/* Both stream directions go through the converter, so GIO's converter
 * streams do the buffering and partial writes. The converter streams must
 * not close the caller's streams. */
static gboolean
splice_through (GConverter     *converter,
                GInputStream   *in,
                GOutputStream  *out,
                gboolean        convert_output,
                guint64        *bytes_written,
                GCancellable   *cancellable,
                GError        **error)
{
  g_autoptr(GInputStream) source = NULL;
  g_autoptr(GOutputStream) sink = NULL;
  gssize n;

  if (convert_output)
    {
      source = g_object_ref (in);
      sink = g_converter_output_stream_new (out, converter);
      g_filter_output_stream_set_close_base_stream (G_FILTER_OUTPUT_STREAM (sink), FALSE);
      n = g_output_stream_splice (sink, source, G_OUTPUT_STREAM_SPLICE_NONE,
                                  cancellable, error);
      /* Closing the converter stream ends the frame; after a failure it is
       * closed with a cancelled cancellable so that it does not try to. */
      if (n >= 0)
        {
          if (!g_output_stream_close (sink, cancellable, error))
            return FALSE;
        }
      else
        {
          g_autoptr(GCancellable) abandon = g_cancellable_new ();

          g_cancellable_cancel (abandon);
          g_output_stream_close (sink, abandon, NULL);
        }
    }
  else
    {
      source = g_converter_input_stream_new (in, converter);
      g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (source), FALSE);
      sink = g_object_ref (out);
      n = g_output_stream_splice (sink, source, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE,
                                  cancellable, error);
    }

  if (n < 0)
    return FALSE;
  if (bytes_written != NULL)
    *bytes_written = convert_output
      ? costops_zstd_converter_get_total_out (COSTOPS_ZSTD_CONVERTER (converter))
      : (guint64) n;
  return TRUE;
}

gboolean
costops_compressor_compress_stream (CostopsCompressor  *self,
                                    GInputStream       *in,
                                    GOutputStream      *out,
                                    guint64            *bytes_written,
                                    GCancellable       *cancellable,
                                    GError            **error)
{
  g_autoptr(CostopsZstdConverter) converter = NULL;

  g_return_val_if_fail (COSTOPS_IS_COMPRESSOR (self), FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (in), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  converter = costops_zstd_converter_new_compressor (self->level, error);
  if (converter == NULL)
    return FALSE;
  return splice_through (G_CONVERTER (converter), in, out, TRUE, bytes_written,
                         cancellable, error);
}

gboolean
costops_compressor_decompress_stream (CostopsCompressor  *self,
                                      GInputStream       *in,
                                      GOutputStream      *out,
                                      guint64             max_size,
                                      guint64            *bytes_written,
                                      GCancellable       *cancellable,
                                      GError            **error)
{
  g_autoptr(CostopsZstdConverter) converter = NULL;

  g_return_val_if_fail (COSTOPS_IS_COMPRESSOR (self), FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (in), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  converter = costops_zstd_converter_new_decompressor (max_size);
  return splice_through (G_CONVERTER (converter), in, out, FALSE, bytes_written,
                         cancellable, error);
}

/* Copies @source through @converter into a replacement of @dest. On any
 * failure the replacement is abandoned (closing a GFileOutputStream with a
 * cancelled cancellable discards the temporary file) so @dest stays as it
 * was. */
static gboolean
convert_file (GFile         *source,
              GFile         *dest,
              GConverter    *converter,
              gboolean       convert_output,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) local_error = NULL;

  in = g_file_read (source, cancellable, error);
  if (in == NULL)
    return FALSE;
  out = g_file_replace (dest, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                        cancellable, error);
  if (out == NULL)
    return FALSE;

  if (!splice_through (converter, G_INPUT_STREAM (in), G_OUTPUT_STREAM (out),
                       convert_output, NULL, cancellable, &local_error))
    {
      g_autoptr(GCancellable) abandon = g_cancellable_new ();
      g_autofree char *name = g_file_get_parse_name (source);

      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (out), abandon, NULL);
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", name);
      return FALSE;
    }

  return g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, error);
}

gboolean
costops_compress_file (GFile         *source,
                       GFile         *dest,
                       int            level,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(CostopsZstdConverter) converter = NULL;

  g_return_val_if_fail (G_IS_FILE (source), FALSE);
  g_return_val_if_fail (G_IS_FILE (dest), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  converter = costops_zstd_converter_new_compressor (level, error);
  if (converter == NULL)
    return FALSE;
  return convert_file (source, dest, G_CONVERTER (converter), TRUE, cancellable, error);
}

gboolean
costops_decompress_file (GFile         *source,
                         GFile         *dest,
                         guint64        max_size,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(CostopsZstdConverter) converter = NULL;

  g_return_val_if_fail (G_IS_FILE (source), FALSE);
  g_return_val_if_fail (G_IS_FILE (dest), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  converter = costops_zstd_converter_new_decompressor (max_size);
  return convert_file (source, dest, G_CONVERTER (converter), FALSE, cancellable, error);
}
