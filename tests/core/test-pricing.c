/* test-pricing.c: the JSON loaders for pricing tables and usage records,
 * their errors (which must name the source, the record and the field), and
 * cost records as JSON.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "costops-calculator.h"
#include "costops-error.h"
#include "costops-pricing.h"

/* 2025-01-01T00:00:00Z */
#define NEW_YEAR_US (G_GINT64_CONSTANT (1735689600) * G_USEC_PER_SEC)

static void
assert_money (CostopsMoney  value,
              const char   *expected)
{
  char buf[COSTOPS_MONEY_STRING_SIZE];

  costops_money_format (value, buf);
  g_assert_cmpstr (buf, ==, expected);
}

static GPtrArray *
load_pricing_ok (const char *json)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *tables = costops_pricing_tables_load_data (json, -1, "prices.json", &error);

  g_assert_no_error (error);
  g_assert_nonnull (tables);
  return tables;
}

static void
test_pricing_valid (void)
{
  g_autoptr(GPtrArray) tables = NULL;
  const CostopsPricingTable *t;

  tables = load_pricing_ok (
    "[ { \"provider\": \"OpenAI\", \"model\": \"gpt-4o\","
    "    \"effective_date\": \"2025-01-01T00:00:00Z\", \"end_date\": \"2026-01-01\","
    "    \"currency\": \"EUR\","
    "    \"structure\": { \"type\": \"per_token\", \"input_per_million\": \"2.5\","
    "                     \"output_per_million\": 10, \"cached_input_discount\": \"0.5\" } },"
    "  { \"provider\": \"together\", \"model\": \"llama\", \"effective_date\": \"2025-01-01\","
    "    \"structure\": { \"type\": \"per_request\", \"price_per_request\": \"0.002\","
    "                     \"included_tokens\": 1000, \"overage_per_million\": \"1.5\" } },"
    "  { \"provider\": \"anthropic\", \"model\": \"claude\", \"effective_date\": \"2025-01-01T01:00:00+01:00\","
    "    \"structure\": { \"type\": \"tiered\", \"tiers\": ["
    "      { \"min_tokens\": 0, \"max_tokens\": 1000, \"input_per_million\": \"3\", \"output_per_million\": \"15\" },"
    "      { \"min_tokens\": 1001, \"input_per_million\": \"2\", \"output_per_million\": \"10\" } ] } } ]");
  g_assert_cmpuint (tables->len, ==, 3);

  t = g_ptr_array_index (tables, 0);
  g_assert_cmpint (t->provider, ==, COSTOPS_PROVIDER_OPENAI);
  g_assert_cmpstr (t->provider_name, ==, "openai");
  g_assert_cmpstr (t->model_name, ==, "gpt-4o");
  /* Interned, the canonical provider name too. */
  g_assert_true (t->provider_name == costops_dimension_intern ("openai"));
  g_assert_true (t->model_name == costops_dimension_intern ("gpt-4o"));
  g_assert_cmpint (t->effective_us, ==, NEW_YEAR_US);
  g_assert_true (t->has_end);
  g_assert_cmpint (t->end_us, ==, NEW_YEAR_US + G_GINT64_CONSTANT (365) * 24 * 3600 * G_USEC_PER_SEC);
  g_assert_cmpint (t->currency, ==, COSTOPS_CURRENCY_EUR);
  g_assert_cmpint (t->kind, ==, COSTOPS_PRICING_PER_TOKEN);
  assert_money (t->per_token.input_per_million, "2.5000000000");
  assert_money (t->per_token.output_per_million, "10.0000000000");
  g_assert_true (t->per_token.has_cached_discount);
  assert_money (t->per_token.cached_discount, "0.5000000000");

  t = g_ptr_array_index (tables, 1);
  g_assert_cmpint (t->provider, ==, COSTOPS_PROVIDER_CUSTOM);
  g_assert_cmpstr (t->provider_name, ==, "together");
  g_assert_false (t->has_end);
  g_assert_cmpint (t->currency, ==, COSTOPS_CURRENCY_USD);
  g_assert_cmpint (t->kind, ==, COSTOPS_PRICING_PER_REQUEST);
  assert_money (t->per_request.price_per_request, "0.0020000000");
  g_assert_cmpuint (t->per_request.included_tokens, ==, 1000);
  assert_money (t->per_request.overage_per_million, "1.5000000000");

  t = g_ptr_array_index (tables, 2);
  g_assert_cmpint (t->effective_us, ==, NEW_YEAR_US);
  g_assert_cmpint (t->kind, ==, COSTOPS_PRICING_TIERED);
  g_assert_cmpuint (t->tiered.n_tiers, ==, 2);
  g_assert_true (t->tiered.tiers[0].has_max_tokens);
  g_assert_cmpuint (t->tiered.tiers[0].max_tokens, ==, 1000);
  g_assert_false (t->tiered.tiers[1].has_max_tokens);
  g_assert_cmpuint (t->tiered.tiers[1].min_tokens, ==, 1001);
  assert_money (t->tiered.tiers[1].output_per_million, "10.0000000000");

  /* A single object is one table. */
  g_clear_pointer (&tables, g_ptr_array_unref);
  tables = load_pricing_ok ("{ \"provider\": \"aws\", \"model\": \"nova\", \"effective_date\": \"2025-01-01\","
                            "  \"structure\": { \"type\": \"per_token\", \"input_per_million\": \"0.8\","
                            "                   \"output_per_million\": \"3.2\" } }");
  g_assert_cmpuint (tables->len, ==, 1);
  g_assert_false (((CostopsPricingTable *) g_ptr_array_index (tables, 0))->per_token.has_cached_discount);
}

/* Each bad document, the error code, and text its message must contain. */
static void
test_pricing_errors (void)
{
#define TABLE(structure) \
  "{ \"provider\": \"openai\", \"model\": \"m\", \"effective_date\": \"2025-01-01\", \"structure\": " structure " }"
#define PER_TOKEN(fields) TABLE ("{ \"type\": \"per_token\", \"input_per_million\": \"1\", \"output_per_million\": \"2\"" fields " }")
  static const struct {
    const char *json;
    CostopsError code;
    const char *needles[3];
  } cases[] = {
    { "{ \"provider\": ", COSTOPS_ERROR_PARSE, { "prices.json", "not valid JSON" } },
    { "", COSTOPS_ERROR_PARSE, { "prices.json" } },
    { "42", COSTOPS_ERROR_INVALID_FIELD, { "prices.json", "JSON object" } },
    { "[]", COSTOPS_ERROR_INVALID_FIELD, { "prices.json", "no pricing table" } },
    { "{ \"model\": \"m\", \"effective_date\": \"2025-01-01\", \"structure\": {} }",
      COSTOPS_ERROR_INVALID_FIELD, { "prices.json: provider: missing" } },
    { "{ \"provider\": \"\", \"model\": \"m\", \"effective_date\": \"2025-01-01\", \"structure\": {} }",
      COSTOPS_ERROR_INVALID_FIELD, { "provider: must not be empty" } },
    { "{ \"provider\": \"openai\", \"model\": 4, \"effective_date\": \"2025-01-01\", \"structure\": {} }",
      COSTOPS_ERROR_INVALID_FIELD, { "model: must be a string" } },
    { "{ \"provider\": \"openai\", \"model\": \"m\", \"effective_date\": \"2025-13-45\", \"structure\": {} }",
      COSTOPS_ERROR_INVALID_FIELD, { "effective_date:", "2025-13-45" } },
    { "{ \"provider\": \"openai\", \"model\": \"m\", \"effective_date\": \"2025-01-01\","
      "  \"end_date\": \"2024-01-01\", \"structure\": {} }",
      COSTOPS_ERROR_INVALID_FIELD, { "end_date: must be after effective_date" } },
    { "{ \"provider\": \"openai\", \"model\": \"m\", \"effective_date\": \"2025-01-01\","
      "  \"currency\": \"CHF\", \"structure\": {} }",
      COSTOPS_ERROR_INVALID_FIELD, { "currency:", "CHF" } },
    { "{ \"provider\": \"openai\", \"model\": \"m\", \"effective_date\": \"2025-01-01\" }",
      COSTOPS_ERROR_INVALID_FIELD, { "structure: missing" } },
    { TABLE ("{ \"type\": \"flat\" }"), COSTOPS_ERROR_INVALID_FIELD, { "structure.type:", "flat" } },
    { TABLE ("{ \"type\": \"per_token\", \"input_per_million\": 0.5, \"output_per_million\": \"1\" }"),
      COSTOPS_ERROR_INVALID_FIELD, { "structure.input_per_million:", "decimal string" } },
    { TABLE ("{ \"type\": \"per_token\", \"input_per_million\": \"-1\", \"output_per_million\": \"1\" }"),
      COSTOPS_ERROR_INVALID_FIELD, { "structure.input_per_million: must be 0 or more" } },
    { TABLE ("{ \"type\": \"per_token\", \"input_per_million\": \"1e-6\", \"output_per_million\": \"1\" }"),
      COSTOPS_ERROR_INVALID_FIELD, { "structure.input_per_million:", "1e-6" } },
    { TABLE ("{ \"type\": \"per_token\", \"input_per_million\": \"1\" }"),
      COSTOPS_ERROR_INVALID_FIELD, { "structure.output_per_million: missing" } },
    { PER_TOKEN (", \"cached_input_discount\": \"1.5\""),
      COSTOPS_ERROR_INVALID_FIELD, { "structure.cached_input_discount: must be between 0 and 1" } },
    { TABLE ("{ \"type\": \"per_request\", \"price_per_request\": \"1\", \"included_tokens\": -5 }"),
      COSTOPS_ERROR_INVALID_FIELD, { "structure.included_tokens: must be 0 or more" } },
    { TABLE ("{ \"type\": \"per_request\", \"price_per_request\": \"1\", \"included_tokens\": 1.5 }"),
      COSTOPS_ERROR_INVALID_FIELD, { "structure.included_tokens: must be a whole number" } },
    { TABLE ("{ \"type\": \"tiered\", \"tiers\": [] }"),
      COSTOPS_ERROR_INVALID_FIELD, { "structure.tiers: must have at least one tier" } },
    { TABLE ("{ \"type\": \"tiered\", \"tiers\": {} }"),
      COSTOPS_ERROR_INVALID_FIELD, { "structure.tiers: must be an array" } },
    { TABLE ("{ \"type\": \"tiered\", \"tiers\": [ { \"min_tokens\": 0, \"max_tokens\": 10,"
             " \"input_per_million\": \"1\", \"output_per_million\": \"1\" }, { \"max_tokens\": 20 } ] }"),
      COSTOPS_ERROR_INVALID_FIELD, { "structure.tiers[1].min_tokens: missing" } },
    { TABLE ("{ \"type\": \"tiered\", \"tiers\": [ { \"min_tokens\": 10, \"max_tokens\": 5,"
             " \"input_per_million\": \"1\", \"output_per_million\": \"1\" } ] }"),
      COSTOPS_ERROR_INVALID_FIELD, { "structure.tiers[0].max_tokens:", "below min_tokens" } },
    { TABLE ("{ \"type\": \"tiered\", \"tiers\": [ { \"min_tokens\": 0, \"max_tokens\": 10,"
             " \"input_per_million\": \"1\", \"output_per_million\": \"1\" }, { \"min_tokens\": 10,"
             " \"input_per_million\": \"1\", \"output_per_million\": \"1\" } ] }"),
      COSTOPS_ERROR_INVALID_FIELD, { "structure.tiers[1]: overlaps tiers[0]" } },
    { TABLE ("{ \"type\": \"tiered\", \"tiers\": [ 3 ] }"),
      COSTOPS_ERROR_INVALID_FIELD, { "structure.tiers[0]: must be a JSON object" } },
    { "[ " PER_TOKEN ("") ", " PER_TOKEN (", \"cached_input_discount\": true") " ]",
      COSTOPS_ERROR_INVALID_FIELD, { "prices.json: pricing 2: structure.cached_input_discount" } },
  };
#undef PER_TOKEN
#undef TABLE

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) tables = NULL;

      g_test_message ("document %u: %s", i, cases[i].json);
      tables = costops_pricing_tables_load_data (cases[i].json, -1, "prices.json", &error);
      g_assert_null (tables);
      g_assert_error (error, COSTOPS_ERROR, (gint) cases[i].code);
      for (guint j = 0; j < G_N_ELEMENTS (cases[i].needles) && cases[i].needles[j] != NULL; j++)
        if (strstr (error->message, cases[i].needles[j]) == NULL)
          g_error ("document %u: “%s” does not contain “%s”", i, error->message, cases[i].needles[j]);
    }
}

static void
test_pricing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("costops-pricing-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "prices.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
  g_autoptr(GPtrArray) tables = NULL;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path,
                                      "{ \"provider\": \"openai\", \"model\": \"m\", \"effective_date\": \"2025-01-01\","
                                      "  \"structure\": { \"type\": \"per_token\", \"input_per_million\": \"1\","
                                      "  \"output_per_million\": 2.25 } }", -1, &error));
  tables = costops_pricing_tables_load_file (path, &error);
  g_assert_null (tables);
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD);
  /* The file's path leads the message. */
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, "output_per_million"));
  g_clear_error (&error);

  g_assert_null (costops_pricing_tables_load_file (missing, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);

  g_unlink (path);
  g_rmdir (dir);
}

/* What no loader may crash or hang on: every case is an error naming the
 * source. */
static void
test_hostile_input (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("costops-pricing-XXXXXX", &error);
  g_autofree char *fifo = g_build_filename (dir, "fifo.json", NULL);
  g_autofree char *deep_file = g_build_filename (dir, "deep.json", NULL);
  g_autofree char *brackets = g_strnfill (100000, '[');
  g_autofree char *deep_line = g_strconcat ("{\"id\": ", brackets, NULL);
  const char *blank[] = { "", " \n\t " };

  g_assert_no_error (error);

  /* 100,000 nested arrays overflowed json-glib's recursive parser. */
  g_assert_null (costops_pricing_tables_load_data (brackets, -1, "prices.json", &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "prices.json: "));
  g_assert_nonnull (strstr (error->message, "nested deeper than 64 levels"));
  g_clear_error (&error);
  g_assert_null (costops_usage_records_load_data (brackets, -1, "usage.json", &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "usage.json: "));
  g_clear_error (&error);
  g_assert_null (costops_usage_records_load_data (deep_line, -1, "usage.jsonl", &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "usage.jsonl: record 1 (line 1): "));
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (deep_file, brackets, -1, &error));
  g_assert_null (costops_pricing_tables_load_file (deep_file, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, deep_file));
  g_clear_error (&error);

  /* Too many values for one document: refused before json-glib builds
   * them all. */
  {
    GString *many = g_string_new ("[");

    for (guint i = 0; i <= COSTOPS_PRICING_MAX_VALUES; i++)
      g_string_append (many, i > 0 ? ",0" : "0");
    g_string_append_c (many, ']');
    g_assert_null (costops_pricing_tables_load_data (many->str, (gssize) many->len, "prices.json", &error));
    g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_TOO_LARGE);
    g_assert_nonnull (strstr (error->message, "prices.json: more than 1000000 values"));
    g_clear_error (&error);
    g_string_free (many, TRUE);
  }

  /* An empty pricing file, and empty and blank pricing documents. */
  g_assert_true (g_file_set_contents (deep_file, "", 0, &error));
  g_assert_null (costops_pricing_tables_load_file (deep_file, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, deep_file));
  g_assert_nonnull (strstr (error->message, "empty"));
  g_clear_error (&error);
  for (guint i = 0; i < G_N_ELEMENTS (blank); i++)
    {
      g_assert_null (costops_pricing_tables_load_data (blank[i], -1, "prices.json", &error));
      g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_PARSE);
      g_assert_true (g_str_has_prefix (error->message, "prices.json: "));
      g_clear_error (&error);
    }

  /* A FIFO is refused, not waited on, and so is a device. */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_null (costops_pricing_tables_load_file (fifo, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  g_assert_true (g_str_has_prefix (error->message, fifo));
  g_clear_error (&error);
  g_assert_null (costops_usage_records_load_file (fifo, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  g_clear_error (&error);
  g_assert_null (costops_usage_records_load_file ("/dev/zero", &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  g_assert_nonnull (strstr (error->message, "/dev/zero: "));
  g_clear_error (&error);

  g_unlink (fifo);
  g_unlink (deep_file);
  g_rmdir (dir);
}

/* json-glib wraps a whole number of 2^63 or more into a negative one; the
 * loader must say it is too large rather than "must be 0 or more, not -1". */
static void
test_usage_number_too_large (void)
{
#define RECORD(tokens) "{\"id\":\"x\",\"timestamp\":\"2025-01-01\",\"provider\":\"aws\",\"model\":\"n\"," \
                       "\"organization_id\":\"o\",\"prompt_tokens\":" tokens ",\"completion_tokens\":1}"
  const char *too_large[] = { "9223372036854775808", "18446744073709551615", "18446744073709551616" };
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  records = costops_usage_records_load_data (RECORD ("9223372036854775807"), -1, "usage.jsonl", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (((CostopsUsageRecord *) g_ptr_array_index (records, 0))->prompt_tokens, ==, G_MAXINT64);

  for (guint i = 0; i < G_N_ELEMENTS (too_large); i++)
    {
      g_autofree char *line = g_strdup_printf (RECORD ("%s"), too_large[i]);
      g_autofree char *array = g_strdup_printf ("[\n" RECORD ("%s") "\n]", too_large[i]);
      g_autofree char *expected = g_strdup_printf ("prompt_tokens”: %s is too large (the limit is "
                                                   "9223372036854775807)", too_large[i]);

      g_assert_null (costops_usage_records_load_data (line, -1, "usage.jsonl", &error));
      g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_PARSE);
      g_assert_true (g_str_has_prefix (error->message, "usage.jsonl: record 1 (line 1): "));
      g_assert_nonnull (strstr (error->message, expected));
      g_assert_null (strstr (error->message, "-1"));
      g_clear_error (&error);

      g_assert_null (costops_usage_records_load_data (array, -1, "usage.json", &error));
      g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_PARSE);
      g_assert_true (g_str_has_prefix (error->message, "usage.json: line 2: "));
      g_assert_nonnull (strstr (error->message, expected));
      g_clear_error (&error);
    }
#undef RECORD
}

static void
test_usage_array_and_lines (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  const CostopsUsageRecord *r;
  const char *tags[] = { "batch", "eval", NULL };

  records = costops_usage_records_load_data (
    "  [ { \"id\": \"a\", \"timestamp\": \"2025-01-01T00:00:00Z\", \"provider\": \"OpenAI\","
    "      \"model\": \"gpt-4o\", \"organization_id\": \"org\", \"prompt_tokens\": 1000,"
    "      \"completion_tokens\": 500 },"
    "    { \"id\": \"b\", \"timestamp\": \"2025-01-01T00:00:01Z\", \"provider\": \"together\","
    "      \"model\": { \"name\": \"llama\", \"version\": \"3.1\", \"context_window\": 8192 },"
    "      \"organization_id\": \"org\", \"project_id\": \"p\", \"user_id\": null,"
    "      \"prompt_tokens\": 10, \"completion_tokens\": 5, \"total_tokens\": 16,"
    "      \"cached_tokens\": 4, \"reasoning_tokens\": 2, \"latency_ms\": 120,"
    "      \"tags\": [\"batch\", \"eval\"] } ]", -1, "usage.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 2);

  r = g_ptr_array_index (records, 0);
  g_assert_cmpstr (r->id, ==, "a");
  g_assert_cmpint (r->timestamp_us, ==, NEW_YEAR_US);
  g_assert_cmpint (r->provider, ==, COSTOPS_PROVIDER_OPENAI);
  g_assert_cmpstr (r->provider_name, ==, "openai");
  g_assert_cmpstr (r->model_name, ==, "gpt-4o");
  g_assert_null (r->model_version);
  g_assert_null (r->project_id);
  /* A missing total is the sum. */
  g_assert_cmpuint (r->total_tokens, ==, 1500);
  g_assert_false (r->has_cached_tokens);
  g_assert_false (r->has_latency);
  g_assert_null (r->tags);

  r = g_ptr_array_index (records, 1);
  g_assert_cmpint (r->provider, ==, COSTOPS_PROVIDER_CUSTOM);
  g_assert_cmpstr (r->provider_name, ==, "together");
  g_assert_cmpstr (r->model_name, ==, "llama");
  g_assert_cmpstr (r->model_version, ==, "3.1");
  g_assert_true (r->model_name == costops_dimension_intern ("llama"));
  g_assert_true (r->model_version == costops_dimension_intern ("3.1"));
  g_assert_true (r->organization_id == ((CostopsUsageRecord *) g_ptr_array_index (records, 0))->organization_id);
  g_assert_true (r->project_id == costops_dimension_intern ("p"));
  g_assert_cmpuint (r->context_window, ==, 8192);
  g_assert_cmpstr (r->project_id, ==, "p");
  g_assert_null (r->user_id);
  /* A given total is kept as is: validation judges it, not the loader. */
  g_assert_cmpuint (r->total_tokens, ==, 16);
  g_assert_true (r->has_cached_tokens);
  g_assert_cmpuint (r->cached_tokens, ==, 4);
  g_assert_true (r->has_reasoning_tokens);
  g_assert_cmpuint (r->reasoning_tokens, ==, 2);
  g_assert_true (r->has_latency);
  g_assert_cmpuint (r->latency_ms, ==, 120);
  g_assert_cmpstrv (r->tags, tags);

  /* JSON Lines, blank lines skipped, no newline at the end. */
  g_clear_pointer (&records, g_ptr_array_unref);
  records = costops_usage_records_load_data (
    "{\"id\":\"x\",\"timestamp\":\"2025-01-01\",\"provider\":\"aws\",\"model\":\"n\",\"organization_id\":\"o\",\"prompt_tokens\":1,\"completion_tokens\":1}\n"
    "\n   \n"
    "{\"id\":\"y\",\"timestamp\":\"2025-01-02\",\"provider\":\"aws\",\"model\":\"n\",\"organization_id\":\"\",\"prompt_tokens\":0,\"completion_tokens\":0}",
    -1, "usage.jsonl", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 2);
  /* Dimensions are interned: the two records share their strings. */
  g_assert_true (((CostopsUsageRecord *) g_ptr_array_index (records, 0))->model_name ==
                 ((CostopsUsageRecord *) g_ptr_array_index (records, 1))->model_name);
  g_assert_true (((CostopsUsageRecord *) g_ptr_array_index (records, 0))->provider_name ==
                 costops_dimension_intern ("aws"));
  r = g_ptr_array_index (records, 1);
  g_assert_cmpstr (r->id, ==, "y");
  /* Loaded as written; the rules are validation's business. */
  g_assert_cmpstr (r->organization_id, ==, "");
  g_assert_cmpuint (r->total_tokens, ==, 0);

  g_clear_pointer (&records, g_ptr_array_unref);
  records = costops_usage_records_load_data ("", -1, "empty.jsonl", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 0);
}

static void
test_usage_errors (void)
{
#define LINE "{\"id\":\"x\",\"timestamp\":\"2025-01-01\",\"provider\":\"aws\",\"model\":\"n\",\"organization_id\":\"o\",\"prompt_tokens\":1,\"completion_tokens\":1}\n"
  static const struct {
    const char *data;
    CostopsError code;
    const char *needle;
  } cases[] = {
    { LINE "\n{ \"id\": \n", COSTOPS_ERROR_PARSE, "usage.json: record 2 (line 3): not valid JSON" },
    { LINE "[1]\n", COSTOPS_ERROR_INVALID_FIELD, "usage.json: record 2 (line 2): must be a JSON object" },
    { "[ " LINE ", {} ]", COSTOPS_ERROR_INVALID_FIELD, "usage.json: record 2: id: missing" },
    { "[ {\"id\":\"x\",\"timestamp\":\"2025-01-01\",\"provider\":\"aws\",\"model\":\"n\",\"organization_id\":\"o\",\"prompt_tokens\":-1,\"completion_tokens\":1} ]",
      COSTOPS_ERROR_INVALID_FIELD, "record 1: prompt_tokens: must be 0 or more" },
    { "[ {\"id\":\"x\",\"timestamp\":\"2025-01-01\",\"provider\":\"aws\",\"model\":\"n\",\"organization_id\":\"o\",\"prompt_tokens\":\"1\",\"completion_tokens\":1} ]",
      COSTOPS_ERROR_INVALID_FIELD, "record 1: prompt_tokens: must be a whole number" },
    { "[ {\"id\":\"x\",\"timestamp\":\"noon\",\"provider\":\"aws\",\"model\":\"n\",\"organization_id\":\"o\",\"prompt_tokens\":1,\"completion_tokens\":1} ]",
      COSTOPS_ERROR_INVALID_FIELD, "record 1: timestamp:" },
    { "[ {\"id\":\"x\",\"timestamp\":\"2025-01-01\",\"provider\":\"aws\",\"model\":{\"version\":\"1\"},\"organization_id\":\"o\",\"prompt_tokens\":1,\"completion_tokens\":1} ]",
      COSTOPS_ERROR_INVALID_FIELD, "record 1: model.name: missing" },
    { "[ {\"id\":\"x\",\"timestamp\":\"2025-01-01\",\"provider\":\"aws\",\"model\":\"n\",\"organization_id\":\"o\",\"prompt_tokens\":1,\"completion_tokens\":1,\"tags\":[\"a\",2]} ]",
      COSTOPS_ERROR_INVALID_FIELD, "record 1: tags: element 1 must be a string" },
    { "[ {\"id\":\"x\",\"timestamp\":\"2025-01-01\",\"provider\":\"aws\",\"model\":\"n\",\"prompt_tokens\":1,\"completion_tokens\":1} ]",
      COSTOPS_ERROR_INVALID_FIELD, "record 1: organization_id: missing" },
    { "[ {\"id\":\"x\",\"timestamp\":\"2025-01-01\",\"provider\":\"aws\",\"model\":\"n\",\"organization_id\":\"o\",\"prompt_tokens\":1,\"completion_tokens\":1,\"latency_ms\":5000000000} ]",
      COSTOPS_ERROR_INVALID_FIELD, "record 1: latency_ms: is too large" },
  };
#undef LINE

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) records = NULL;

      records = costops_usage_records_load_data (cases[i].data, -1, "usage.json", &error);
      g_assert_null (records);
      g_assert_error (error, COSTOPS_ERROR, (gint) cases[i].code);
      if (strstr (error->message, cases[i].needle) == NULL)
        g_error ("case %u: “%s” does not contain “%s”", i, error->message, cases[i].needle);
    }
}

static void
test_cost_record_json (void)
{
  CostopsCostRecord record = { 0 };
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CostopsCostRecord) back = NULL;
  g_autofree char *line = NULL;
  JsonObject *object;

  record.usage_id = g_strdup ("req-1");
  record.timestamp_us = NEW_YEAR_US + 1500;
  record.provider = COSTOPS_PROVIDER_ANTHROPIC;
  record.provider_name = costops_dimension_intern ("anthropic");
  record.model_name = costops_dimension_intern ("claude");
  record.organization_id = costops_dimension_intern ("org");
  record.input_cost = costops_money_from_units (100000000);
  record.output_cost = costops_money_from_units (150000000);
  record.total_cost = costops_money_from_units (250000000);
  record.currency = COSTOPS_CURRENCY_GBP;

  line = costops_cost_record_to_json_line (&record);
  g_assert_null (strchr (line, '\n'));
  g_assert_true (json_parser_load_from_data (parser, line, -1, &error));
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));

  g_assert_cmpstr (json_object_get_string_member (object, "usage_id"), ==, "req-1");
  g_assert_cmpstr (json_object_get_string_member (object, "timestamp"), ==, "2025-01-01T00:00:00.001500Z");
  g_assert_cmpstr (json_object_get_string_member (object, "provider"), ==, "anthropic");
  g_assert_cmpstr (json_object_get_string_member (object, "model"), ==, "claude");
  g_assert_cmpstr (json_object_get_string_member (object, "organization_id"), ==, "org");
  g_assert_true (json_object_get_null_member (object, "project_id"));
  /* Exact decimals travel as strings, never as JSON numbers. */
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (object, "total_cost")), ==, G_TYPE_STRING);
  g_assert_cmpstr (json_object_get_string_member (object, "input_cost"), ==, "0.0100000000");
  g_assert_cmpstr (json_object_get_string_member (object, "output_cost"), ==, "0.0150000000");
  g_assert_cmpstr (json_object_get_string_member (object, "total_cost"), ==, "0.0250000000");
  g_assert_cmpstr (json_object_get_string_member (object, "currency"), ==, "GBP");
  g_assert_cmpuint (json_object_get_size (object), ==, 10);

  node = costops_cost_record_to_json (&record);
  back = costops_cost_record_from_json (node, "line 1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->usage_id, ==, record.usage_id);
  g_assert_cmpint (back->timestamp_us, ==, record.timestamp_us);
  g_assert_cmpint (back->provider, ==, record.provider);
  g_assert_null (back->project_id);
  g_assert_true (back->model_name == record.model_name);
  g_assert_true (back->organization_id == record.organization_id);
  g_assert_true (back->total_cost.units == record.total_cost.units);
  g_assert_cmpint (back->currency, ==, COSTOPS_CURRENCY_GBP);

  costops_cost_record_clear (&record);
}

/* What `cost-ops calculate` does: load, select, price, print. */
static void
test_calculate_flow (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tables = NULL;
  g_autoptr(GPtrArray) usage = NULL;
  const char *expected[] = {
    "{\"usage_id\":\"a\",\"timestamp\":\"2025-03-01T00:00:00Z\",\"provider\":\"openai\",\"model\":\"gpt-4o\","
    "\"organization_id\":\"org\",\"project_id\":\"p\",\"input_cost\":\"0.0100000000\","
    "\"output_cost\":\"0.0150000000\",\"total_cost\":\"0.0250000000\",\"currency\":\"USD\"}",
  };

  tables = load_pricing_ok ("{ \"provider\": \"openai\", \"model\": \"gpt-4o\", \"effective_date\": \"2025-01-01\","
                            "  \"structure\": { \"type\": \"per_token\", \"input_per_million\": \"10\","
                            "                   \"output_per_million\": \"30\" } }");
  usage = costops_usage_records_load_data (
    "{\"id\":\"a\",\"timestamp\":\"2025-03-01T00:00:00Z\",\"provider\":\"openai\",\"model\":\"gpt-4o\","
    "\"organization_id\":\"org\",\"project_id\":\"p\",\"prompt_tokens\":1000,\"completion_tokens\":500}\n"
    "{\"id\":\"b\",\"timestamp\":\"2024-03-01T00:00:00Z\",\"provider\":\"openai\",\"model\":\"gpt-4o\","
    "\"organization_id\":\"org\",\"prompt_tokens\":1000,\"completion_tokens\":500}\n",
    -1, "usage.jsonl", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < usage->len; i++)
    {
      const CostopsUsageRecord *u = g_ptr_array_index (usage, i);
      const CostopsPricingTable *t = costops_calculator_select_pricing (tables, u, &error);
      g_autoptr(CostopsCostRecord) cost = NULL;
      g_autofree char *line = NULL;

      if (i == 1)
        {
          /* Before the price list: the error names the record. */
          g_assert_null (t);
          g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_PRICING_NOT_IN_EFFECT);
          g_assert_nonnull (strstr (error->message, "“b”"));
          g_clear_error (&error);
          continue;
        }
      cost = costops_calculator_calculate (u, t, &error);
      g_assert_no_error (error);
      line = costops_cost_record_to_json_line (cost);
      g_assert_cmpstr (line, ==, expected[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pricing/valid", test_pricing_valid);
  g_test_add_func ("/pricing/errors", test_pricing_errors);
  g_test_add_func ("/pricing/file", test_pricing_file);
  g_test_add_func ("/usage/array-and-lines", test_usage_array_and_lines);
  g_test_add_func ("/usage/errors", test_usage_errors);
  g_test_add_func ("/loaders/hostile-input", test_hostile_input);
  g_test_add_func ("/usage/number-too-large", test_usage_number_too_large);
  g_test_add_func ("/cost-record/json", test_cost_record_json);
  g_test_add_func ("/calculate-flow", test_calculate_flow);

  return g_test_run ();
}
