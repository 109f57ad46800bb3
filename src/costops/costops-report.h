/* costops-report.h: a cost report, the cost records grouped by UTC day,
 * provider, model, organization, project and currency, with exact sums.
 *
 * Built once, then immutable: the writers in costops-export.h format it as
 * CSV, JSON or JSON Lines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "costops-money.h"
#include "costops-records.h"

G_BEGIN_DECLS

/* One group. Strings belong to the report; they are valid UTF-8. */
typedef struct {
  const char      *day;              /* "YYYY-MM-DD", UTC */
  const char      *provider;
  const char      *model;
  const char      *organization_id;
  const char      *project_id;       /* NULL when the records had none */
  guint64          requests;
  CostopsMoney     input_cost;
  CostopsMoney     output_cost;
  CostopsMoney     total_cost;
  CostopsCurrency  currency;
} CostopsReportRow;

/* The sums over all rows of one currency. */
typedef struct {
  CostopsCurrency  currency;
  guint64          requests;
  CostopsMoney     input_cost;
  CostopsMoney     output_cost;
  CostopsMoney     total_cost;
} CostopsReportTotal;

#define COSTOPS_TYPE_REPORT (costops_report_get_type ())
G_DECLARE_FINAL_TYPE (CostopsReport, costops_report, COSTOPS, REPORT, GObject)

/* Groups @records (an array of @n_records pointers). Rows are sorted by day,
 * provider, model, organization, project (none first) and currency.
 * A record without provider, model or organization, with text that is not
 * UTF-8, an unknown currency or a timestamp outside years 1..9999 is a
 * COSTOPS_ERROR_INVALID_FIELD naming the record and the field; a sum too
 * large for CostopsMoney is COSTOPS_ERROR_OVERFLOW. */
CostopsReport            *costops_report_new         (const CostopsCostRecord * const *records,
                                                      gsize                     n_records,
                                                      GError                  **error);

guint                     costops_report_get_n_rows  (CostopsReport *self);
const CostopsReportRow   *costops_report_get_row     (CostopsReport *self,
                                                      guint          index);
/* The number of cost records the report was built from. */
guint64                   costops_report_get_n_records (CostopsReport *self);
/* First and last day with data; NULL for an empty report. */
const char               *costops_report_get_first_day (CostopsReport *self);
const char               *costops_report_get_last_day  (CostopsReport *self);
/* One total per currency present, in currency order. */
const CostopsReportTotal *costops_report_get_totals  (CostopsReport *self,
                                                      guint         *n_totals);

G_END_DECLS
