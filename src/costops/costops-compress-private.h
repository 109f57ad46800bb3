/* costops-compress-private.h: helpers shared by the compression sources only.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <zstd.h>

G_BEGIN_DECLS

/* Turns a zstd error code into a GError in COSTOPS_ERROR: damaged or cut-off
 * frames become COSTOPS_ERROR_CORRUPT_DATA, frames that need more memory than
 * allowed COSTOPS_ERROR_TOO_LARGE, anything else COSTOPS_ERROR_FAILED.
 * @what names the operation ("decompressing", "compressing"). */
void      costops_zstd_set_error      (GError     **error,
                                       size_t       code,
                                       const char  *what);

/* Applies @level and the frame checksum to @cctx. */
gboolean  costops_zstd_configure_cctx (ZSTD_CCtx   *cctx,
                                       int          level,
                                       GError     **error);

G_END_DECLS
