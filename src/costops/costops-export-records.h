/* costops-export-records.h: cost records themselves as JSON, and the
 * deterministic synthetic records that the benchmarks, their tests and the
 * peer scripts share (so every side measures the same data).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "costops-records.h"

G_BEGIN_DECLS

/* Appends a JSON array of the records, one object per line:
 * {"usage_id", "timestamp" (RFC 3339 UTC, microseconds), "provider",
 *  "model", "organization_id", "project_id" (or null), "input_cost",
 *  "output_cost", "total_cost" (exact decimal text), "currency"}.
 * NULL text fields are written as null. Text that is not UTF-8 or a
 * timestamp outside years 1..9999 is COSTOPS_ERROR_INVALID_FIELD naming the
 * record and field; @out is then left as it was. */
gboolean   costops_cost_records_format_json (const CostopsCostRecord * const *records,
                                             gsize                            n_records,
                                             GString                         *out,
                                             GError                         **error);

/* @n_records cost records over seven providers (two models each), five
 * organizations, twenty projects (and some requests without one), one week
 * from 2025-01-06, mostly USD with some EUR. The same @seed gives the same
 * records on every machine. Element type CostopsCostRecord, owned. */
/* The seed of the benchmark workload (targets compression and export, and
 * the data their peer scripts compare against). */
#define COSTOPS_COST_RECORDS_SAMPLE_SEED 20250106

GPtrArray *costops_cost_records_sample      (guint                            n_records,
                                             guint32                          seed);

G_END_DECLS
