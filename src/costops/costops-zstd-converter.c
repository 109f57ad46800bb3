/* costops-zstd-converter.c: zstd behind the GConverter interface.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "costops-zstd-converter.h"

#include <zstd.h>

#include "costops-compress.h"
#include "costops-compress-private.h"
#include "costops-error.h"

struct _CostopsZstdConverter {
  GObject               parent_instance;

  CostopsZstdDirection  direction;
  int                   level;
  guint64               max_output_size;

  ZSTD_CCtx            *cctx;
  ZSTD_DCtx            *dctx;
  guint64               total_out;
  gboolean              saw_input;
  gboolean              in_frame;   /* decompression stopped inside a frame */
};

enum {
  PROP_0,
  PROP_DIRECTION,
  PROP_LEVEL,
  PROP_MAX_OUTPUT_SIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void costops_zstd_converter_iface_init (GConverterIface *iface);

G_DEFINE_ENUM_TYPE (CostopsZstdDirection, costops_zstd_direction,
                    G_DEFINE_ENUM_VALUE (COSTOPS_ZSTD_COMPRESS, "compress"),
                    G_DEFINE_ENUM_VALUE (COSTOPS_ZSTD_DECOMPRESS, "decompress"))

G_DEFINE_FINAL_TYPE_WITH_CODE (CostopsZstdConverter, costops_zstd_converter, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_CONVERTER,
                                                      costops_zstd_converter_iface_init))

static void
costops_zstd_converter_finalize (GObject *object)
{
  CostopsZstdConverter *self = COSTOPS_ZSTD_CONVERTER (object);

  ZSTD_freeCCtx (self->cctx);
  ZSTD_freeDCtx (self->dctx);

  G_OBJECT_CLASS (costops_zstd_converter_parent_class)->finalize (object);
}

static void
costops_zstd_converter_constructed (GObject *object)
{
  CostopsZstdConverter *self = COSTOPS_ZSTD_CONVERTER (object);

  G_OBJECT_CLASS (costops_zstd_converter_parent_class)->constructed (object);

  /* Contexts are created here rather than lazily so that an out-of-memory
   * failure shows up at construction, not in the middle of a stream. */
  if (self->direction == COSTOPS_ZSTD_COMPRESS)
    {
      g_autoptr(GError) error = NULL;

      self->cctx = ZSTD_createCCtx ();
      g_assert (self->cctx != NULL);
      /* The level went through the property's range check already. */
      if (!costops_zstd_configure_cctx (self->cctx, self->level, &error))
        g_critical ("%s", error->message);
    }
  else
    {
      self->dctx = ZSTD_createDCtx ();
      g_assert (self->dctx != NULL);
    }
}

static void
costops_zstd_converter_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CostopsZstdConverter *self = COSTOPS_ZSTD_CONVERTER (object);

  switch (prop_id)
    {
    case PROP_DIRECTION:
      g_value_set_enum (value, self->direction);
      break;
    case PROP_LEVEL:
      g_value_set_int (value, self->level);
      break;
    case PROP_MAX_OUTPUT_SIZE:
      g_value_set_uint64 (value, self->max_output_size);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
costops_zstd_converter_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  CostopsZstdConverter *self = COSTOPS_ZSTD_CONVERTER (object);

  switch (prop_id)
    {
    case PROP_DIRECTION:
      self->direction = g_value_get_enum (value);
      break;
    case PROP_LEVEL:
      self->level = g_value_get_int (value);
      break;
    case PROP_MAX_OUTPUT_SIZE:
      self->max_output_size = g_value_get_uint64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
costops_zstd_converter_class_init (CostopsZstdConverterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = costops_zstd_converter_finalize;
  object_class->constructed = costops_zstd_converter_constructed;
  object_class->get_property = costops_zstd_converter_get_property;
  object_class->set_property = costops_zstd_converter_set_property;

  properties[PROP_DIRECTION] =
    g_param_spec_enum ("direction", NULL, NULL,
                       COSTOPS_TYPE_ZSTD_DIRECTION, COSTOPS_ZSTD_COMPRESS,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                       G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LEVEL] =
    g_param_spec_int ("level", NULL, NULL,
                      COSTOPS_COMPRESS_LEVEL_MIN, COSTOPS_COMPRESS_LEVEL_MAX,
                      COSTOPS_COMPRESS_LEVEL_DEFAULT,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                      G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_OUTPUT_SIZE] =
    g_param_spec_uint64 ("max-output-size", NULL, NULL,
                         0, G_MAXUINT64, G_MAXUINT64,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
costops_zstd_converter_init (CostopsZstdConverter *self)
{
  self->level = COSTOPS_COMPRESS_LEVEL_DEFAULT;
  self->max_output_size = G_MAXUINT64;
}

static GConverterResult
convert_compress (CostopsZstdConverter *self,
                  ZSTD_inBuffer        *in,
                  ZSTD_outBuffer       *out,
                  GConverterFlags       flags,
                  GError              **error)
{
  ZSTD_EndDirective directive = ZSTD_e_continue;
  size_t remaining;

  if (flags & G_CONVERTER_INPUT_AT_END)
    directive = ZSTD_e_end;
  else if (flags & G_CONVERTER_FLUSH)
    directive = ZSTD_e_flush;

  remaining = ZSTD_compressStream2 (self->cctx, out, in, directive);
  if (ZSTD_isError (remaining))
    {
      costops_zstd_set_error (error, remaining, "compressing");
      return G_CONVERTER_ERROR;
    }
  self->total_out += out->pos;

  if (directive != ZSTD_e_continue && remaining == 0 && in->pos == in->size)
    return directive == ZSTD_e_end ? G_CONVERTER_FINISHED : G_CONVERTER_FLUSHED;

  if (in->pos == 0 && out->pos == 0)
    {
      if (directive == ZSTD_e_continue && in->size == 0)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                             "Need more input");
      else
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                             "Output buffer too small");
      return G_CONVERTER_ERROR;
    }

  return G_CONVERTER_CONVERTED;
}

static GConverterResult
convert_decompress (CostopsZstdConverter *self,
                    ZSTD_inBuffer        *in,
                    ZSTD_outBuffer       *out,
                    GConverterFlags       flags,
                    GError              **error)
{
  gboolean at_end = (flags & G_CONVERTER_INPUT_AT_END) != 0;
  size_t ret = 0;

  if (in->size > 0 || self->in_frame)
    {
      ret = ZSTD_decompressStream (self->dctx, out, in);
      if (ZSTD_isError (ret))
        {
          costops_zstd_set_error (error, ret, "decompressing");
          return G_CONVERTER_ERROR;
        }
      self->in_frame = (ret != 0);
    }
  if (in->pos > 0)
    self->saw_input = TRUE;

  if (out->pos > self->max_output_size - self->total_out)
    {
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_TOO_LARGE,
                   "Decompressed data is larger than the limit of %" G_GUINT64_FORMAT " bytes",
                   self->max_output_size);
      return G_CONVERTER_ERROR;
    }
  self->total_out += out->pos;

  /* The decoder flushes everything it can; room left in @out means it is
   * waiting for input. */
  if (in->pos == in->size && out->pos < out->size)
    {
      if (at_end)
        {
          if (!self->saw_input)
            {
              g_set_error_literal (error, COSTOPS_ERROR, COSTOPS_ERROR_CORRUPT_DATA,
                                   "Compressed data is empty: no zstd frame found");
              return G_CONVERTER_ERROR;
            }
          if (self->in_frame)
            {
              g_set_error_literal (error, COSTOPS_ERROR, COSTOPS_ERROR_CORRUPT_DATA,
                                   "Compressed data is truncated: the input ends inside a zstd frame");
              return G_CONVERTER_ERROR;
            }
          return G_CONVERTER_FINISHED;
        }
      if (flags & G_CONVERTER_FLUSH)
        return G_CONVERTER_FLUSHED;
    }

  if (in->pos == 0 && out->pos == 0)
    {
      if (out->size == 0)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                             "Output buffer too small");
      else
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                             "Need more input");
      return G_CONVERTER_ERROR;
    }

  return G_CONVERTER_CONVERTED;
}

static GConverterResult
costops_zstd_converter_convert (GConverter      *converter,
                                const void      *inbuf,
                                gsize            inbuf_size,
                                void            *outbuf,
                                gsize            outbuf_size,
                                GConverterFlags  flags,
                                gsize           *bytes_read,
                                gsize           *bytes_written,
                                GError         **error)
{
  CostopsZstdConverter *self = COSTOPS_ZSTD_CONVERTER (converter);
  ZSTD_inBuffer in = { inbuf, inbuf_size, 0 };
  ZSTD_outBuffer out = { outbuf, outbuf_size, 0 };
  GConverterResult result;

  if (self->direction == COSTOPS_ZSTD_COMPRESS)
    result = convert_compress (self, &in, &out, flags, error);
  else
    result = convert_decompress (self, &in, &out, flags, error);

  *bytes_read = in.pos;
  *bytes_written = out.pos;
  return result;
}

static void
costops_zstd_converter_reset (GConverter *converter)
{
  CostopsZstdConverter *self = COSTOPS_ZSTD_CONVERTER (converter);

  if (self->cctx != NULL)
    ZSTD_CCtx_reset (self->cctx, ZSTD_reset_session_only);
  if (self->dctx != NULL)
    ZSTD_DCtx_reset (self->dctx, ZSTD_reset_session_only);
  self->total_out = 0;
  self->saw_input = FALSE;
  self->in_frame = FALSE;
}

static void
costops_zstd_converter_iface_init (GConverterIface *iface)
{
  iface->convert = costops_zstd_converter_convert;
  iface->reset = costops_zstd_converter_reset;
}

CostopsZstdConverter *
costops_zstd_converter_new_compressor (int      level,
                                       GError **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!costops_compress_level_is_valid (level))
    {
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD,
                   "Compression level %d is out of range (%d to %d)",
                   level, COSTOPS_COMPRESS_LEVEL_MIN, COSTOPS_COMPRESS_LEVEL_MAX);
      return NULL;
    }

  return g_object_new (COSTOPS_TYPE_ZSTD_CONVERTER,
                       "direction", COSTOPS_ZSTD_COMPRESS,
                       "level", level,
                       NULL);
}

CostopsZstdConverter *
costops_zstd_converter_new_decompressor (guint64 max_output_size)
{
  return g_object_new (COSTOPS_TYPE_ZSTD_CONVERTER,
                       "direction", COSTOPS_ZSTD_DECOMPRESS,
                       "max-output-size", max_output_size,
                       NULL);
}

CostopsZstdDirection
costops_zstd_converter_get_direction (CostopsZstdConverter *self)
{
  g_return_val_if_fail (COSTOPS_IS_ZSTD_CONVERTER (self), COSTOPS_ZSTD_COMPRESS);

  return self->direction;
}

guint64
costops_zstd_converter_get_total_out (CostopsZstdConverter *self)
{
  g_return_val_if_fail (COSTOPS_IS_ZSTD_CONVERTER (self), 0);

  return self->total_out;
}
