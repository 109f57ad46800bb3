/* costops-anomaly.c: z-score, IQR and modified z-score detectors.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "costops-anomaly.h"

#include <math.h>
#include <stdlib.h>

#include "costops-error.h"
#include "costops-forecast.h"

/* 0.6745 is the 75th percentile of the standard normal: it makes the MAD of
 * normal data comparable with its standard deviation. */
#define MODIFIED_Z_FACTOR 0.6745

double
costops_anomaly_default_threshold (CostopsAnomalyMethod method)
{
  switch (method)
    {
    case COSTOPS_ANOMALY_Z_SCORE:
      return 3.0;
    case COSTOPS_ANOMALY_IQR:
      return 1.5;
    case COSTOPS_ANOMALY_MODIFIED_Z_SCORE:
      return 3.5;
    default:
      g_return_val_if_reached (3.0);
    }
}

CostopsAnomalySeverity
costops_anomaly_severity_for (double score,
                              double threshold)
{
  if (score >= 2.0 * threshold)
    return COSTOPS_ANOMALY_SEVERITY_CRITICAL;
  if (score >= 1.5 * threshold)
    return COSTOPS_ANOMALY_SEVERITY_HIGH;
  if (score >= 1.2 * threshold)
    return COSTOPS_ANOMALY_SEVERITY_MEDIUM;
  return COSTOPS_ANOMALY_SEVERITY_LOW;
}

const char *
costops_anomaly_method_to_string (CostopsAnomalyMethod method)
{
  switch (method)
    {
    case COSTOPS_ANOMALY_Z_SCORE:
      return "z_score";
    case COSTOPS_ANOMALY_IQR:
      return "iqr";
    case COSTOPS_ANOMALY_MODIFIED_Z_SCORE:
      return "modified_z_score";
    default:
      return "unknown";
    }
}

const char *
costops_anomaly_severity_to_string (CostopsAnomalySeverity severity)
{
  switch (severity)
    {
    case COSTOPS_ANOMALY_SEVERITY_LOW:
      return "low";
    case COSTOPS_ANOMALY_SEVERITY_MEDIUM:
      return "medium";
    case COSTOPS_ANOMALY_SEVERITY_HIGH:
      return "high";
    case COSTOPS_ANOMALY_SEVERITY_CRITICAL:
      return "critical";
    default:
      return "unknown";
    }
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Quantile @p of sorted data by linear interpolation between the two
 * nearest ranks (position p × (n - 1)). */
static double
sorted_quantile (const double *sorted,
                 gsize         n,
                 double        p)
{
  double position = p * (double) (n - 1);
  gsize below = (gsize) floor (position);
  double fraction = position - (double) below;

  if (below + 1 >= n)
    return sorted[n - 1];
  return sorted[below] + fraction * (sorted[below + 1] - sorted[below]);
}

static double
sorted_median (const double *sorted,
               gsize         n)
{
  return sorted_quantile (sorted, n, 0.5);
}

/* The distance beyond zero spread: infinite when it exists at all. */
static inline double
scaled (double distance,
        double spread)
{
  if (spread > 0.0)
    return distance / spread;
  return distance > 0.0 ? INFINITY : 0.0;
}

static void
flag (GArray *anomalies,
      gsize   index,
      double  value,
      double  score,
      double  threshold)
{
  CostopsAnomaly anomaly = {
    .index = index,
    .value = value,
    .score = score,
    .severity = costops_anomaly_severity_for (score, threshold),
  };

  g_array_append_val (anomalies, anomaly);
}

static gboolean
detect_z_score (const double *values,
                gsize         n_values,
                double        threshold,
                GArray       *anomalies,
                GError      **error)
{
  double mean = 0.0, var = 0.0, sd;

  for (gsize i = 0; i < n_values; i++)
    mean += values[i];
  mean /= (double) n_values;
  for (gsize i = 0; i < n_values; i++)
    var += (values[i] - mean) * (values[i] - mean);
  sd = sqrt (var / (double) n_values);

  if (!isfinite (sd))
    {
      g_set_error_literal (error, COSTOPS_ERROR, COSTOPS_ERROR_OVERFLOW,
                           "The standard deviation overflowed; the series values are too large");
      return FALSE;
    }
  /* All points equal: nothing stands out from anything. */
  if (sd == 0.0)
    return TRUE;

  for (gsize i = 0; i < n_values; i++)
    {
      double score = fabs (values[i] - mean) / sd;

      if (score > threshold)
        flag (anomalies, i, values[i], score, threshold);
    }
  return TRUE;
}

static gboolean
detect_iqr (const double *values,
            gsize         n_values,
            const double *sorted,
            double        k,
            GArray       *anomalies,
            GError      **error)
{
  double q1 = sorted_quantile (sorted, n_values, 0.25);
  double q3 = sorted_quantile (sorted, n_values, 0.75);
  double iqr = q3 - q1;

  if (!isfinite (iqr))
    {
      g_set_error_literal (error, COSTOPS_ERROR, COSTOPS_ERROR_OVERFLOW,
                           "The interquartile range overflowed; the series values are too large");
      return FALSE;
    }

  for (gsize i = 0; i < n_values; i++)
    {
      double x = values[i];
      double beyond = x > q3 ? x - q3 : (x < q1 ? q1 - x : 0.0);
      double score = scaled (beyond, iqr);

      /* score > k is exactly "outside the fence q3 + k × iqr". */
      if (score > k)
        flag (anomalies, i, x, score, k);
    }
  return TRUE;
}

static gboolean
detect_modified_z (const double *values,
                   gsize         n_values,
                   double       *scratch,
                   double        threshold,
                   GArray       *anomalies,
                   GError      **error)
{
  /* @scratch arrives sorted; it is reused for the absolute deviations. */
  double median = sorted_median (scratch, n_values);
  double mad;

  for (gsize i = 0; i < n_values; i++)
    scratch[i] = fabs (values[i] - median);
  qsort (scratch, n_values, sizeof (double), compare_doubles);
  mad = sorted_median (scratch, n_values);

  if (!isfinite (mad))
    {
      g_set_error_literal (error, COSTOPS_ERROR, COSTOPS_ERROR_OVERFLOW,
                           "The median absolute deviation overflowed; the series values are too large");
      return FALSE;
    }

  for (gsize i = 0; i < n_values; i++)
    {
      double score = scaled (MODIFIED_Z_FACTOR * fabs (values[i] - median), mad);

      if (score > threshold)
        flag (anomalies, i, values[i], score, threshold);
    }
  return TRUE;
}

GArray *
costops_anomaly_detect (const double          *values,
                        gsize                  n_values,
                        CostopsAnomalyMethod   method,
                        double                 threshold,
                        GError               **error)
{
  g_autoptr(GArray) anomalies = NULL;
  g_autofree double *sorted = NULL;
  gboolean ok;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!costops_forecast_check_series (values, n_values, "series", error))
    return NULL;
  if (n_values < COSTOPS_ANOMALY_MIN_POINTS)
    {
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INSUFFICIENT_DATA,
                   "Anomaly detection needs at least %d points, the series has %"
                   G_GSIZE_FORMAT, COSTOPS_ANOMALY_MIN_POINTS, n_values);
      return NULL;
    }
  /* Written so that NaN fails too. */
  if (!(threshold > 0.0 && isfinite (threshold)))
    {
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD,
                   "The anomaly threshold is %g; it must be a positive number",
                   threshold);
      return NULL;
    }

  anomalies = g_array_new (FALSE, FALSE, sizeof (CostopsAnomaly));

  switch (method)
    {
    case COSTOPS_ANOMALY_Z_SCORE:
      ok = detect_z_score (values, n_values, threshold, anomalies, error);
      break;
    case COSTOPS_ANOMALY_IQR:
    case COSTOPS_ANOMALY_MODIFIED_Z_SCORE:
      sorted = g_memdup2 (values, n_values * sizeof (double));
      qsort (sorted, n_values, sizeof (double), compare_doubles);
      if (method == COSTOPS_ANOMALY_IQR)
        ok = detect_iqr (values, n_values, sorted, threshold, anomalies, error);
      else
        ok = detect_modified_z (values, n_values, sorted, threshold, anomalies, error);
      break;
    default:
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD,
                   "Unknown anomaly detection method %d", (int) method);
      ok = FALSE;
      break;
    }

  return ok ? g_steal_pointer (&anomalies) : NULL;
}
