/* test-export.c: the cost report (grouping, exact sums, errors) and its CSV,
 * JSON and JSON Lines writers, read back with json-glib.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "costops-compress.h"
#include "costops-error.h"
#include "costops-export.h"
#include "costops-export-records.h"
#include "costops-report.h"

/* 2025-03-01T00:00:00Z */
#define DAY0 G_GINT64_CONSTANT (1740787200000000)
#define HOUR G_GINT64_CONSTANT (3600000000)
#define DAY  (24 * HOUR)

static CostopsMoney
money (const char *text)
{
  CostopsMoney m;
  g_autoptr(GError) error = NULL;

  g_assert_true (costops_money_parse (text, &m, &error));
  g_assert_no_error (error);
  return m;
}

static void
assert_money (CostopsMoney  value,
              const char   *expected)
{
  g_autofree char *text = costops_money_to_string (value);

  g_assert_cmpstr (text, ==, expected);
}

static CostopsCostRecord *
record (gint64      ts,
        const char *provider,
        const char *model,
        const char *org,
        const char *project,
        const char *input,
        const char *output,
        CostopsCurrency currency)
{
  CostopsCostRecord *r = g_new0 (CostopsCostRecord, 1);
  static guint serial;
  CostopsMoney total;

  r->usage_id = g_strdup_printf ("u-%u", ++serial);
  r->timestamp_us = ts;
  r->provider = costops_provider_from_string (provider);
  r->provider_name = costops_dimension_intern (provider);
  r->model_name = costops_dimension_intern (model);
  r->organization_id = costops_dimension_intern (org);
  r->project_id = costops_dimension_intern (project);
  r->input_cost = money (input);
  r->output_cost = money (output);
  g_assert_true (costops_money_add (r->input_cost, r->output_cost, &total, NULL));
  r->total_cost = total;
  r->currency = currency;
  return r;
}

static GPtrArray *
new_records (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) costops_cost_record_free);
}

static CostopsReport *
build (GPtrArray  *records,
       GError    **error)
{
  return costops_report_new ((const CostopsCostRecord * const *) records->pdata,
                             records->len, error);
}

static void
test_grouping (void)
{
  g_autoptr(GPtrArray) recs = new_records ();
  g_autoptr(CostopsReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const CostopsReportRow *row;
  const CostopsReportTotal *totals;
  guint n_totals;

  /* Same group twice (different hours of one day): sums 0.1 + 0.2. */
  g_ptr_array_add (recs, record (DAY0 + 1 * HOUR, "openai", "gpt-4o", "org-a", "p1", "0.1", "0.0000000001", COSTOPS_CURRENCY_USD));
  g_ptr_array_add (recs, record (DAY0 + 23 * HOUR, "openai", "gpt-4o", "org-a", "p1", "0.2", "0.0000000002", COSTOPS_CURRENCY_USD));
  /* The last microsecond of the day and the first of the next. */
  g_ptr_array_add (recs, record (DAY0 + DAY - 1, "openai", "gpt-4o", "org-a", NULL, "1", "2", COSTOPS_CURRENCY_USD));
  g_ptr_array_add (recs, record (DAY0 + DAY, "openai", "gpt-4o", "org-a", NULL, "3", "4", COSTOPS_CURRENCY_USD));
  /* Same key but another currency: a row of its own. */
  g_ptr_array_add (recs, record (DAY0 + 2 * HOUR, "openai", "gpt-4o", "org-a", "p1", "5", "5", COSTOPS_CURRENCY_EUR));
  /* No project and "p1" are different groups; "" counts as no project. */
  g_ptr_array_add (recs, record (DAY0 + 3 * HOUR, "openai", "gpt-4o", "org-a", "", "0.5", "0.25", COSTOPS_CURRENCY_USD));
  /* Before 1970: floor, not truncation, decides the day. */
  g_ptr_array_add (recs, record (-HOUR, "anthropic", "claude", "org-b", NULL, "7", "0", COSTOPS_CURRENCY_USD));

  report = build (recs, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (costops_report_get_n_records (report), ==, 7);
  g_assert_cmpuint (costops_report_get_n_rows (report), ==, 5);
  g_assert_cmpstr (costops_report_get_first_day (report), ==, "1969-12-31");
  g_assert_cmpstr (costops_report_get_last_day (report), ==, "2025-03-02");

  row = costops_report_get_row (report, 0);
  g_assert_cmpstr (row->day, ==, "1969-12-31");
  g_assert_cmpstr (row->provider, ==, "anthropic");
  g_assert_null (row->project_id);

  /* 2025-03-01: no-project row (two records) first, then p1 USD, p1 EUR. */
  row = costops_report_get_row (report, 1);
  g_assert_cmpstr (row->day, ==, "2025-03-01");
  g_assert_null (row->project_id);
  g_assert_cmpuint (row->requests, ==, 2);
  assert_money (row->input_cost, "1.5000000000");
  assert_money (row->output_cost, "2.2500000000");
  assert_money (row->total_cost, "3.7500000000");

  row = costops_report_get_row (report, 2);
  g_assert_cmpstr (row->project_id, ==, "p1");
  g_assert_cmpint (row->currency, ==, COSTOPS_CURRENCY_USD);
  g_assert_cmpuint (row->requests, ==, 2);
  assert_money (row->input_cost, "0.3000000000");
  assert_money (row->output_cost, "0.0000000003");
  assert_money (row->total_cost, "0.3000000003");

  row = costops_report_get_row (report, 3);
  g_assert_cmpint (row->currency, ==, COSTOPS_CURRENCY_EUR);
  assert_money (row->total_cost, "10.0000000000");

  row = costops_report_get_row (report, 4);
  g_assert_cmpstr (row->day, ==, "2025-03-02");
  assert_money (row->total_cost, "7.0000000000");

  totals = costops_report_get_totals (report, &n_totals);
  g_assert_cmpuint (n_totals, ==, 2);
  g_assert_cmpint (totals[0].currency, ==, COSTOPS_CURRENCY_USD);
  g_assert_cmpuint (totals[0].requests, ==, 6);
  assert_money (totals[0].total_cost, "18.0500000003");
  g_assert_cmpint (totals[1].currency, ==, COSTOPS_CURRENCY_EUR);
  assert_money (totals[1].input_cost, "5.0000000000");
}

static void
test_empty_report (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CostopsReport) report = costops_report_new (NULL, 0, &error);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  guint n_totals;

  g_assert_no_error (error);
  g_assert_cmpuint (costops_report_get_n_rows (report), ==, 0);
  g_assert_null (costops_report_get_first_day (report));
  costops_report_get_totals (report, &n_totals);
  g_assert_cmpuint (n_totals, ==, 0);

  costops_report_format (report, COSTOPS_EXPORT_CSV, NULL, out);
  g_assert_cmpstr (out->str, ==,
                   "date,provider,model,organization_id,project_id,requests,"
                   "input_cost,output_cost,total_cost,currency\r\n");
  g_string_truncate (out, 0);
  costops_report_format (report, COSTOPS_EXPORT_JSON_LINES, NULL, out);
  g_assert_cmpuint (out->len, ==, 0);
  g_string_truncate (out, 0);
  costops_report_format (report, COSTOPS_EXPORT_JSON, NULL, out);
  g_assert_true (json_parser_load_from_data (parser, out->str, out->len, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "data")), ==, 0);
  g_assert_cmpint (json_object_get_int_member (root, "count"), ==, 0);
  g_assert_true (json_object_get_null_member (json_object_get_object_member (root, "metadata"),
                                              "first_day"));
}

static void
assert_build_fails (CostopsCostRecord *bad,
                    int                code,
                    const char        *fragment)
{
  g_autoptr(GPtrArray) recs = new_records ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CostopsReport) report = NULL;

  g_ptr_array_add (recs, record (DAY0, "openai", "gpt-4o", "org", "p", "1", "1", COSTOPS_CURRENCY_USD));
  g_ptr_array_add (recs, bad);
  report = build (recs, &error);
  g_assert_null (report);
  g_assert_error (error, COSTOPS_ERROR, code);
  if (strstr (error->message, fragment) == NULL || strstr (error->message, "Cost record 1") == NULL)
    g_error ("message \"%s\" does not name record 1 and \"%s\"", error->message, fragment);
}

static void
test_bad_records (void)
{
  CostopsCostRecord *r;

  r = record (DAY0, "openai", "gpt-4o", "org", "p", "1", "1", COSTOPS_CURRENCY_USD);
  r->model_name = NULL;
  assert_build_fails (r, COSTOPS_ERROR_INVALID_FIELD, "model is missing");

  r = record (DAY0, "openai", "gpt-4o", "", "p", "1", "1", COSTOPS_CURRENCY_USD);
  assert_build_fails (r, COSTOPS_ERROR_INVALID_FIELD, "organization_id is empty");

  r = record (DAY0, "openai", "gpt-4o", "org\xff\xfe", "p", "1", "1", COSTOPS_CURRENCY_USD);
  assert_build_fails (r, COSTOPS_ERROR_INVALID_FIELD, "UTF-8");

  r = record (DAY0, "my-llm", "m", "org", "p", "1", "1", COSTOPS_CURRENCY_USD);
  r->provider_name = NULL;
  assert_build_fails (r, COSTOPS_ERROR_INVALID_FIELD, "provider is missing");

  r = record (DAY0, "openai", "gpt-4o", "org", "p", "1", "1", COSTOPS_CURRENCY_USD);
  r->currency = (CostopsCurrency) 42;
  assert_build_fails (r, COSTOPS_ERROR_INVALID_FIELD, "currency");

  /* Year 10000. */
  r = record (G_GINT64_CONSTANT (253402300800000000), "openai", "gpt-4o", "org", "p", "1", "1",
              COSTOPS_CURRENCY_USD);
  assert_build_fails (r, COSTOPS_ERROR_INVALID_FIELD, "timestamp");

  /* Two amounts that are each representable but not their sum. */
  r = record (DAY0, "openai", "gpt-4o", "org", "p", "1", "1", COSTOPS_CURRENCY_USD);
  r->input_cost = costops_money_from_units ((__int128) 1 << 126);
  {
    g_autoptr(GPtrArray) recs = new_records ();
    g_autoptr(GError) error = NULL;
    g_autoptr(CostopsReport) report = NULL;
    CostopsCostRecord *twin = costops_cost_record_copy (r);

    g_ptr_array_add (recs, r);
    g_ptr_array_add (recs, twin);
    report = build (recs, &error);
    g_assert_null (report);
    g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_OVERFLOW);
    g_assert_nonnull (strstr (error->message, "Cost record 1"));
  }
}

/* Hand-written from RFC 4180: quoting only where needed, quotes doubled,
 * CRLF line ends, no project as an empty field. */
static void
test_csv_quoting (void)
{
  g_autoptr(GPtrArray) recs = new_records ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CostopsReport) report = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  const char *expected =
    "date,provider,model,organization_id,project_id,requests,input_cost,output_cost,total_cost,currency\r\n"
    "2025-03-01,openai,\"gpt \"\"4\"\"\",\"Acme, Inc.\",\"line one\nline two\",1,0.0100000000,0.0150000000,0.0250000000,USD\r\n"
    "2025-03-01,\xc3\xbcnic\xc3\xb6" "de \xe6\x97\xa5\xe6\x9c\xac,m,org,,1,-0.5000000000,0.0000000000,-0.5000000000,JPY\r\n"
    "2025-03-01,\xc3\xbcnic\xc3\xb6" "de \xe6\x97\xa5\xe6\x9c\xac,m,org,\"cr\r\",1,3.0000000000,0.0000000000,3.0000000000,GBP\r\n";

  g_ptr_array_add (recs, record (DAY0, "openai", "gpt \"4\"", "Acme, Inc.", "line one\nline two",
                                 "0.01", "0.015", COSTOPS_CURRENCY_USD));
  g_ptr_array_add (recs, record (DAY0, "ünicöde 日本", "m", "org", NULL, "-0.5", "0", COSTOPS_CURRENCY_JPY));
  g_ptr_array_add (recs, record (DAY0, "ünicöde 日本", "m", "org", "cr\r", "3", "0", COSTOPS_CURRENCY_GBP));
  report = build (recs, &error);
  g_assert_no_error (error);
  costops_report_format (report, COSTOPS_EXPORT_CSV, NULL, out);
  g_assert_cmpstr (out->str, ==, expected);
}

static GPtrArray *
tricky_records (guint n_sample)
{
  g_autoptr(GPtrArray) sample = costops_cost_records_sample (n_sample, 99);
  GPtrArray *recs = new_records ();
  static const char *texts[] = {
    "comma, inside", "quote \" inside", "\"starts with quote", "new\nline", "cr\rlf\r\n",
    "tab\there", "back\\slash", "control \x01\x1f", "ünïcødé", "日本語テキスト", "emoji 😀",
    " leading and trailing ", "",
  };

  for (guint i = 0; i < sample->len; i++)
    g_ptr_array_add (recs, costops_cost_record_copy (g_ptr_array_index (sample, i)));
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      const char *t = texts[i];
      const char *next = texts[(i + 1) % G_N_ELEMENTS (texts)];

      g_ptr_array_add (recs, record (DAY0 + i * HOUR, *t ? t : "x", *next ? next : "y",
                                     *t ? t : "z", t, "0.0000000001", "12345678.9", COSTOPS_CURRENCY_EUR));
    }
  return recs;
}

static void
assert_row_matches_json (const CostopsReportRow *row,
                         JsonObject             *obj)
{
  CostopsMoney m;

  g_assert_cmpuint (json_object_get_size (obj), ==, 10);
  g_assert_cmpstr (json_object_get_string_member (obj, "date"), ==, row->day);
  g_assert_cmpstr (json_object_get_string_member (obj, "provider"), ==, row->provider);
  g_assert_cmpstr (json_object_get_string_member (obj, "model"), ==, row->model);
  g_assert_cmpstr (json_object_get_string_member (obj, "organization_id"), ==, row->organization_id);
  if (row->project_id == NULL)
    g_assert_true (json_object_get_null_member (obj, "project_id"));
  else
    g_assert_cmpstr (json_object_get_string_member (obj, "project_id"), ==, row->project_id);
  g_assert_cmpint (json_object_get_int_member (obj, "requests"), ==, (gint64) row->requests);
  g_assert_true (costops_money_parse (json_object_get_string_member (obj, "input_cost"), &m, NULL));
  g_assert_true (costops_money_compare (m, row->input_cost) == 0);
  g_assert_true (costops_money_parse (json_object_get_string_member (obj, "output_cost"), &m, NULL));
  g_assert_true (costops_money_compare (m, row->output_cost) == 0);
  g_assert_true (costops_money_parse (json_object_get_string_member (obj, "total_cost"), &m, NULL));
  g_assert_true (costops_money_compare (m, row->total_cost) == 0);
  g_assert_cmpstr (json_object_get_string_member (obj, "currency"), ==,
                   costops_currency_to_string (row->currency));
}

static void
test_json_read_back (void)
{
  g_autoptr(GPtrArray) recs = tricky_records (500);
  g_autoptr(GError) error = NULL;
  g_autoptr(CostopsReport) report = build (recs, &error);
  g_autoptr(GDateTime) when = g_date_time_new_utc (2025, 3, 4, 5, 6, 7.891);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *meta;
  JsonArray *data, *totals;
  guint n_rows, n_totals;
  const CostopsReportTotal *t;

  g_assert_no_error (error);
  n_rows = costops_report_get_n_rows (report);
  costops_report_format (report, COSTOPS_EXPORT_JSON, when, out);
  g_assert_true (g_utf8_validate (out->str, out->len, NULL));
  g_assert_true (json_parser_load_from_data (parser, out->str, out->len, &error));
  g_assert_no_error (error);

  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_object_get_size (root), ==, 3);
  data = json_object_get_array_member (root, "data");
  g_assert_cmpuint (json_array_get_length (data), ==, n_rows);
  g_assert_cmpint (json_object_get_int_member (root, "count"), ==, n_rows);
  for (guint i = 0; i < n_rows; i++)
    assert_row_matches_json (costops_report_get_row (report, i), json_array_get_object_element (data, i));

  meta = json_object_get_object_member (root, "metadata");
  g_assert_cmpstr (json_object_get_string_member (meta, "generated_at"), ==, "2025-03-04T05:06:07.891Z");
  g_assert_cmpint (json_object_get_int_member (meta, "source_records"), ==, recs->len);
  g_assert_cmpstr (json_object_get_string_member (meta, "first_day"), ==, costops_report_get_first_day (report));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (meta, "group_by")), ==, 6);
  totals = json_object_get_array_member (meta, "totals");
  t = costops_report_get_totals (report, &n_totals);
  g_assert_cmpuint (json_array_get_length (totals), ==, n_totals);
  for (guint i = 0; i < n_totals; i++)
    {
      JsonObject *o = json_array_get_object_element (totals, i);
      g_autofree char *sum = costops_money_to_string (t[i].total_cost);

      g_assert_cmpstr (json_object_get_string_member (o, "currency"), ==, costops_currency_to_string (t[i].currency));
      g_assert_cmpstr (json_object_get_string_member (o, "total_cost"), ==, sum);
      g_assert_cmpint (json_object_get_int_member (o, "requests"), ==, t[i].requests);
    }
}

static void
test_json_lines_read_back (void)
{
  g_autoptr(GPtrArray) recs = tricky_records (300);
  g_autoptr(GError) error = NULL;
  g_autoptr(CostopsReport) report = build (recs, &error);
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  guint n_rows;

  g_assert_no_error (error);
  n_rows = costops_report_get_n_rows (report);
  costops_report_format (report, COSTOPS_EXPORT_JSON_LINES, NULL, out);
  g_assert_true (g_str_has_suffix (out->str, "}\n"));
  /* Newlines inside values are escaped, so lines are records. */
  lines = g_strsplit (out->str, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, n_rows + 1);
  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      g_assert_true (json_parser_load_from_data (parser, lines[i], -1, &error));
      g_assert_no_error (error);
      assert_row_matches_json (costops_report_get_row (report, i),
                               json_node_get_object (json_parser_get_root (parser)));
    }
}

/* An output stream that records how it is written to. */
#define TYPE_COUNTING_STREAM (counting_stream_get_type ())
G_DECLARE_FINAL_TYPE (CountingStream, counting_stream, COUNTING, STREAM, GOutputStream)

struct _CountingStream {
  GOutputStream parent_instance;
  GString *data;
  guint writes;
  guint failures;
  /* Writes tried after a failure that were not already cancelled. */
  guint uncancelled_attempts_after_failure;
  gsize fail_after;   /* fail once this many bytes were accepted; 0 never */
};

G_DEFINE_FINAL_TYPE (CountingStream, counting_stream, G_TYPE_OUTPUT_STREAM)

static gssize
counting_stream_write (GOutputStream  *stream,
                       const void     *buffer,
                       gsize           count,
                       GCancellable   *cancellable,
                       GError        **error)
{
  CountingStream *self = COUNTING_STREAM (stream);

  /* Like real streams, refuse work once cancelled. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;
  if (self->fail_after > 0 && self->data->len >= self->fail_after)
    {
      /* GIO's converter stream retries a failed write once itself before
       * reporting it; later attempts would come from the writer. */
      if (self->failures >= 2)
        self->uncancelled_attempts_after_failure++;
      self->failures++;
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "disk full");
      return -1;
    }
  self->writes++;
  g_string_append_len (self->data, buffer, count);
  return count;
}

static void
counting_stream_finalize (GObject *object)
{
  g_string_free (COUNTING_STREAM (object)->data, TRUE);
  G_OBJECT_CLASS (counting_stream_parent_class)->finalize (object);
}

static void
counting_stream_class_init (CountingStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = counting_stream_finalize;
  G_OUTPUT_STREAM_CLASS (klass)->write_fn = counting_stream_write;
}

static void
counting_stream_init (CountingStream *self)
{
  self->data = g_string_new (NULL);
}

/* The stream writer produces exactly the in-memory document, in a few large
 * writes rather than one per field or row. */
static void
test_stream_matches_memory (void)
{
  g_autoptr(GPtrArray) recs = tricky_records (10000);
  g_autoptr(GError) error = NULL;
  g_autoptr(CostopsReport) report = build (recs, &error);
  g_autoptr(GDateTime) when = g_date_time_new_utc (2025, 1, 1, 0, 0, 0);

  g_assert_no_error (error);
  for (int f = COSTOPS_EXPORT_CSV; f <= COSTOPS_EXPORT_JSON_LINES; f++)
    {
      g_autoptr(GString) mem = g_string_new (NULL);
      g_autoptr(CountingStream) stream = g_object_new (TYPE_COUNTING_STREAM, NULL);

      costops_report_format (report, f, when, mem);
      g_assert_true (costops_report_write (report, f, COSTOPS_EXPORT_FLAGS_NONE, when,
                                           G_OUTPUT_STREAM (stream), NULL, &error));
      g_assert_no_error (error);
      g_assert_false (g_output_stream_is_closed (G_OUTPUT_STREAM (stream)));
      g_assert_cmpuint (stream->data->len, ==, mem->len);
      g_assert_true (memcmp (stream->data->str, mem->str, mem->len) == 0);
      g_assert_cmpuint (mem->len, >, 400 * 1024);
      g_assert_cmpuint (stream->writes, <=, mem->len / (32 * 1024) + 2);
    }
}

static void
test_stream_error (void)
{
  g_autoptr(GPtrArray) recs = costops_cost_records_sample (5000, 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(CostopsReport) report = build (recs, &error);
  g_autoptr(CountingStream) stream = g_object_new (TYPE_COUNTING_STREAM, NULL);

  stream->fail_after = 100 * 1024;
  g_assert_false (costops_report_write (report, COSTOPS_EXPORT_CSV, COSTOPS_EXPORT_FLAGS_NONE,
                                        NULL, G_OUTPUT_STREAM (stream), NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_clear_error (&error);

  /* Compressed: the stream's own error comes back, and the unfinished
   * frame is abandoned without a write that could succeed. */
  {
    g_autoptr(CountingStream) zstream = g_object_new (TYPE_COUNTING_STREAM, NULL);

    zstream->fail_after = 20 * 1024;
    g_assert_false (costops_report_write (report, COSTOPS_EXPORT_JSON, COSTOPS_EXPORT_FLAGS_COMPRESS,
                                          NULL, G_OUTPUT_STREAM (zstream), NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
    g_assert_cmpuint (zstream->writes, >, 0);
    g_assert_cmpuint (zstream->uncancelled_attempts_after_failure, ==, 0);
    g_assert_false (g_output_stream_is_closed (G_OUTPUT_STREAM (zstream)));
  }
}

static void
test_compressed_output (void)
{
  g_autoptr(GPtrArray) recs = tricky_records (3000);
  g_autoptr(GError) error = NULL;
  g_autoptr(CostopsReport) report = build (recs, &error);
  g_autoptr(CostopsCompressor) c = costops_compressor_new (3, &error);
  g_autoptr(GDateTime) when = g_date_time_new_utc (2025, 1, 1, 0, 0, 0);

  for (int f = COSTOPS_EXPORT_CSV; f <= COSTOPS_EXPORT_JSON_LINES; f++)
    {
      g_autoptr(GString) plain = g_string_new (NULL);
      g_autoptr(GOutputStream) mem = g_memory_output_stream_new_resizable ();
      g_autoptr(GByteArray) back = g_byte_array_new ();
      GMemoryOutputStream *m = G_MEMORY_OUTPUT_STREAM (mem);

      costops_report_format (report, f, when, plain);
      g_assert_true (costops_report_write (report, f, COSTOPS_EXPORT_FLAGS_COMPRESS, when,
                                           mem, NULL, &error));
      g_assert_no_error (error);
      g_assert_false (g_output_stream_is_closed (mem));
      g_assert_cmpuint (g_memory_output_stream_get_data_size (m), <, plain->len / 3);
      g_assert_true (costops_compressor_decompress_into (c, g_memory_output_stream_get_data (m),
                                                         g_memory_output_stream_get_data_size (m),
                                                         G_MAXSIZE, back, &error));
      g_assert_no_error (error);
      g_assert_cmpmem (back->data, back->len, plain->str, plain->len);
    }
}

static void
test_format_names (void)
{
  CostopsExportFormat format;
  CostopsExportFlags flags;
  g_autoptr(GError) error = NULL;

  g_assert_true (costops_export_format_from_filename ("/tmp/a.b/report.csv", &format, &flags, &error));
  g_assert_cmpint (format, ==, COSTOPS_EXPORT_CSV);
  g_assert_cmpint (flags, ==, COSTOPS_EXPORT_FLAGS_NONE);
  g_assert_true (costops_export_format_from_filename ("r.JSON.zst", &format, &flags, &error));
  g_assert_cmpint (format, ==, COSTOPS_EXPORT_JSON);
  g_assert_cmpint (flags, ==, COSTOPS_EXPORT_FLAGS_COMPRESS);
  g_assert_true (costops_export_format_from_filename ("r.ndjson", &format, &flags, &error));
  g_assert_cmpint (format, ==, COSTOPS_EXPORT_JSON_LINES);
  g_assert_cmpstr (costops_export_format_to_string (COSTOPS_EXPORT_JSON_LINES), ==, "jsonl");

  g_assert_false (costops_export_format_from_filename ("report.xlsx", &format, &flags, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD);
  g_assert_nonnull (strstr (error->message, "report.xlsx"));
  g_clear_error (&error);
  g_assert_false (costops_export_format_from_filename (".zst", &format, &flags, &error));
  g_clear_error (&error);
  g_assert_false (costops_export_format_from_string ("xml", &format, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD);
}

static void
test_save_file (void)
{
  g_autoptr(GPtrArray) recs = costops_cost_records_sample (2000, 5);
  g_autoptr(GError) error = NULL;
  g_autoptr(CostopsReport) report = build (recs, &error);
  g_autofree char *dir = g_dir_make_tmp ("costops-export-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "report.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autofree char *contents = NULL;
  g_autofree char *again = NULL;
  gsize len;
  g_autoptr(GDir) d = NULL;
  guint entries = 0;

  g_assert_no_error (error);
  costops_report_format (report, COSTOPS_EXPORT_CSV, NULL, expected);
  g_assert_true (costops_report_save (report, file, COSTOPS_EXPORT_CSV, COSTOPS_EXPORT_FLAGS_NONE,
                                      NULL, NULL, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &contents, &len, &error);
  g_assert_cmpmem (contents, len, expected->str, expected->len);

  /* A failed save leaves the earlier file and nothing else. */
  g_cancellable_cancel (cancelled);
  g_assert_false (costops_report_save (report, file, COSTOPS_EXPORT_JSON, COSTOPS_EXPORT_FLAGS_NONE,
                                       NULL, cancelled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_file_get_contents (path, &again, NULL, NULL);
  g_assert_cmpstr (again, ==, contents);
  d = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (d) != NULL)
    entries++;
  g_assert_cmpuint (entries, ==, 1);

  g_unlink (path);
  g_rmdir (dir);
}

/* The shared synthetic workload: deterministic and plausible. */
static void
test_sample_records (void)
{
  g_autoptr(GPtrArray) a = costops_cost_records_sample (2000, 11);
  g_autoptr(GPtrArray) b = costops_cost_records_sample (2000, 11);
  g_autoptr(GString) ja = g_string_new (NULL);
  g_autoptr(GString) jb = g_string_new (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) providers = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *arr;

  g_assert_true (costops_cost_records_format_json ((const CostopsCostRecord * const *) a->pdata,
                                                   a->len, ja, &error));
  g_assert_true (costops_cost_records_format_json ((const CostopsCostRecord * const *) b->pdata,
                                                   b->len, jb, &error));
  g_assert_cmpstr (ja->str, ==, jb->str);

  g_assert_true (json_parser_load_from_data (parser, ja->str, ja->len, &error));
  g_assert_no_error (error);
  arr = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (arr), ==, 2000);
  for (guint i = 0; i < a->len; i++)
    {
      const CostopsCostRecord *r = g_ptr_array_index (a, i);
      JsonObject *o = json_array_get_object_element (arr, i);
      CostopsMoney sum, total;
      g_autoptr(GDateTime) ts = g_date_time_new_from_iso8601 (json_object_get_string_member (o, "timestamp"), NULL);

      g_assert_true (costops_money_add (r->input_cost, r->output_cost, &sum, NULL));
      g_assert_true (costops_money_compare (sum, r->total_cost) == 0);
      g_assert_true (costops_money_parse (json_object_get_string_member (o, "total_cost"), &total, NULL));
      g_assert_true (costops_money_compare (total, r->total_cost) == 0);
      g_assert_cmpstr (json_object_get_string_member (o, "usage_id"), ==, r->usage_id);
      g_assert_nonnull (ts);
      g_assert_cmpint (g_date_time_to_unix (ts) * G_USEC_PER_SEC + g_date_time_get_microsecond (ts), ==,
                       r->timestamp_us);
      g_hash_table_add (providers, (gpointer) r->provider_name);
    }
  g_assert_cmpuint (g_hash_table_size (providers), ==, 7);
}

static void
test_records_json_errors (void)
{
  g_autoptr(GPtrArray) recs = costops_cost_records_sample (3, 1);
  g_autoptr(GString) out = g_string_new ("kept");
  g_autoptr(GError) error = NULL;
  CostopsCostRecord *bad = g_ptr_array_index (recs, 2);

  bad->model_name = costops_dimension_intern ("bad \xc3\x28 text");
  g_assert_false (costops_cost_records_format_json ((const CostopsCostRecord * const *) recs->pdata,
                                                    recs->len, out, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD);
  g_assert_nonnull (strstr (error->message, "Cost record 2"));
  g_assert_nonnull (strstr (error->message, "model"));
  g_assert_cmpstr (out->str, ==, "kept");
  g_clear_error (&error);

  bad->model_name = NULL;
  bad->timestamp_us = G_MAXINT64;
  g_assert_false (costops_cost_records_format_json ((const CostopsCostRecord * const *) recs->pdata,
                                                    recs->len, out, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD);
  g_assert_nonnull (strstr (error->message, "timestamp"));
  g_assert_cmpstr (out->str, ==, "kept");
  g_clear_error (&error);

  /* A missing model is written as null, not refused. */
  bad->timestamp_us = 0;
  g_assert_true (costops_cost_records_format_json ((const CostopsCostRecord * const *) recs->pdata,
                                                   recs->len, out, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (out->str, "\"timestamp\":\"1970-01-01T00:00:00.000000Z\",\"provider\""));
  g_assert_nonnull (strstr (out->str, "\"model\":null"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/report/grouping", test_grouping);
  g_test_add_func ("/export/report/empty", test_empty_report);
  g_test_add_func ("/export/report/bad-records", test_bad_records);
  g_test_add_func ("/export/csv/quoting", test_csv_quoting);
  g_test_add_func ("/export/json/read-back", test_json_read_back);
  g_test_add_func ("/export/jsonl/read-back", test_json_lines_read_back);
  g_test_add_func ("/export/stream/matches-memory", test_stream_matches_memory);
  g_test_add_func ("/export/stream/error", test_stream_error);
  g_test_add_func ("/export/stream/compressed", test_compressed_output);
  g_test_add_func ("/export/format-names", test_format_names);
  g_test_add_func ("/export/save-file", test_save_file);
  g_test_add_func ("/export/sample-records", test_sample_records);
  g_test_add_func ("/export/records-json-errors", test_records_json_errors);

  return g_test_run ();
}
