/* costops-anomaly.h: points of a cost series that stand out.
 *
 * Three detectors, each giving every flagged point a score in units of its
 * threshold so that severities compare across methods. Statistics in double
 * precision on purpose: a score is a judgement, not an amount.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  /* |x - mean| / standard deviation (of the whole series, n in the
   * denominator); flagged above the threshold (default 3). */
  COSTOPS_ANOMALY_Z_SCORE,
  /* Outside the fences Q1 - k × IQR and Q3 + k × IQR (quartiles by linear
   * interpolation); the score is the distance beyond the nearer quartile in
   * IQRs, so it is flagged when the score exceeds k (default 1.5). */
  COSTOPS_ANOMALY_IQR,
  /* 0.6745 × |x - median| / MAD, MAD the median absolute deviation;
   * flagged above the threshold (default 3.5). */
  COSTOPS_ANOMALY_MODIFIED_Z_SCORE,
} CostopsAnomalyMethod;

typedef enum {
  COSTOPS_ANOMALY_SEVERITY_LOW,      /* score below 1.2 × threshold */
  COSTOPS_ANOMALY_SEVERITY_MEDIUM,   /* at least 1.2 × threshold */
  COSTOPS_ANOMALY_SEVERITY_HIGH,     /* at least 1.5 × threshold */
  COSTOPS_ANOMALY_SEVERITY_CRITICAL, /* at least 2 × threshold */
} CostopsAnomalySeverity;

typedef struct {
  gsize                  index;    /* position in the series */
  double                 value;
  /* Never negative. Infinite when the spread is zero (every other point
   * equal, an IQR or MAD of 0) yet this point differs: such a point is
   * critical. */
  double                 score;
  CostopsAnomalySeverity severity;
} CostopsAnomaly;

/* Detectors need at least this many points. */
#define COSTOPS_ANOMALY_MIN_POINTS 3

double                 costops_anomaly_default_threshold (CostopsAnomalyMethod method);

/* Severity of a flagged @score for @threshold (> 0). */
CostopsAnomalySeverity costops_anomaly_severity_for      (double score,
                                                          double threshold);

/* Returns a GArray of CostopsAnomaly in series order (empty when nothing
 * stands out), or NULL with @error set for an empty or too short series, a
 * NaN or infinite value, an unknown method, or a threshold that is not a
 * positive finite number. */
GArray                *costops_anomaly_detect            (const double          *values,
                                                          gsize                  n_values,
                                                          CostopsAnomalyMethod   method,
                                                          double                 threshold,
                                                          GError               **error);

/* "z_score", "iqr", "modified_z_score" */
const char            *costops_anomaly_method_to_string   (CostopsAnomalyMethod   method);
/* "low", "medium", "high", "critical" */
const char            *costops_anomaly_severity_to_string (CostopsAnomalySeverity severity);

G_END_DECLS
