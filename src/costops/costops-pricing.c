/* costops-pricing.c: JSON in and out for the engine's records (see header).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "costops-pricing.h"

#include <string.h>

#include "costops-error.h"
#include "costops-safe-read.h"

/* Where a field is, for error messages: "prices.json: pricing 2" and a
 * path prefix inside that record such as "structure.tiers[1].". */
typedef struct {
  const char *where;
  const char *prefix;
} Location;

static gboolean G_GNUC_PRINTF (4, 5)
field_error (GError         **error,
             const Location  *loc,
             const char      *name,
             const char      *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD,
               "%s: %s%s: %s", loc->where, loc->prefix, name, message);
  return FALSE;
}

/* NULL for an absent member and for an explicit null. */
static JsonNode *
get_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? node : NULL;
}

/* The member's text, borrowed from @object; NULL when absent. */
static gboolean
peek_string (JsonObject      *object,
             const Location  *loc,
             const char      *name,
             gboolean         required,
             const char     **out,
             GError         **error)
{
  JsonNode *node = get_member (object, name);

  *out = NULL;
  if (node == NULL)
    return required ? field_error (error, loc, name, "missing (a string is required)") : TRUE;
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return field_error (error, loc, name, "must be a string");
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_string (JsonObject      *object,
            const Location  *loc,
            const char      *name,
            gboolean         required,
            char           **out,
            GError         **error)
{
  const char *text;

  *out = NULL;
  if (!peek_string (object, loc, name, required, &text, error))
    return FALSE;
  *out = g_strdup (text);
  return TRUE;
}

/* A dimension field (costops-records.h): interned, not copied. */
static gboolean
get_dimension (JsonObject      *object,
               const Location  *loc,
               const char      *name,
               gboolean         required,
               const char     **out,
               GError         **error)
{
  const char *text;

  *out = NULL;
  if (!peek_string (object, loc, name, required, &text, error))
    return FALSE;
  *out = costops_dimension_intern (text);
  return TRUE;
}

static gboolean
get_uint64 (JsonObject     *object,
            const Location *loc,
            const char     *name,
            gboolean        required,
            gboolean       *present,
            guint64        *out,
            GError        **error)
{
  JsonNode *node = get_member (object, name);
  gint64 value;

  if (present != NULL)
    *present = FALSE;
  *out = 0;
  if (node == NULL)
    return required ? field_error (error, loc, name, "missing (an integer is required)") : TRUE;
  if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE || json_node_get_value_type (node) != G_TYPE_INT64)
    return field_error (error, loc, name, "must be a whole number");
  value = json_node_get_int (node);
  if (value < 0)
    return field_error (error, loc, name, "must be 0 or more, not %" G_GINT64_FORMAT, value);
  if (present != NULL)
    *present = TRUE;
  *out = (guint64) value;
  return TRUE;
}

static gboolean
get_money (JsonObject     *object,
           const Location *loc,
           const char     *name,
           gboolean        required,
           gboolean       *present,
           CostopsMoney   *out,
           GError        **error)
{
  JsonNode *node = get_member (object, name);
  GType type;

  if (present != NULL)
    *present = FALSE;
  *out = COSTOPS_MONEY_ZERO;
  if (node == NULL)
    return required ? field_error (error, loc, name, "missing (a decimal such as \"2.5\" is required)") : TRUE;
  if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return field_error (error, loc, name, "must be a decimal string such as \"2.5\"");

  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    {
      g_autoptr(GError) local_error = NULL;

      if (!costops_money_parse (json_node_get_string (node), out, &local_error))
        return field_error (error, loc, name, "%s", local_error->message);
    }
  else if (type == G_TYPE_INT64)
    {
      *out = costops_money_from_int (json_node_get_int (node));
    }
  else if (type == G_TYPE_DOUBLE)
    {
      return field_error (error, loc, name,
                          "must be a decimal string such as \"%g\": a JSON fraction is "
                          "binary floating point and not exact", json_node_get_double (node));
    }
  else
    {
      return field_error (error, loc, name, "must be a decimal string such as \"2.5\"");
    }

  if (out->units < 0)
    return field_error (error, loc, name, "must be 0 or more");
  if (present != NULL)
    *present = TRUE;
  return TRUE;
}

static gboolean
get_time (JsonObject     *object,
          const Location *loc,
          const char     *name,
          gboolean        required,
          gboolean       *present,
          gint64         *out,
          GError        **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;

  if (present != NULL)
    *present = FALSE;
  if (!get_string (object, loc, name, required, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  if (!costops_time_parse (text, out, &local_error))
    return field_error (error, loc, name, "%s", local_error->message);
  if (present != NULL)
    *present = TRUE;
  return TRUE;
}

static gboolean
get_nonempty_string (JsonObject      *object,
                     const Location  *loc,
                     const char      *name,
                     char           **out,
                     GError         **error)
{
  if (!get_string (object, loc, name, TRUE, out, error))
    return FALSE;
  if ((*out)[0] == '\0')
    return field_error (error, loc, name, "must not be empty");
  return TRUE;
}

static gboolean
get_nonempty_dimension (JsonObject      *object,
                        const Location  *loc,
                        const char      *name,
                        const char     **out,
                        GError         **error)
{
  const char *text;

  *out = NULL;
  if (!peek_string (object, loc, name, TRUE, &text, error))
    return FALSE;
  if (text[0] == '\0')
    return field_error (error, loc, name, "must not be empty");
  *out = costops_dimension_intern (text);
  return TRUE;
}

static gboolean
get_uint32 (JsonObject     *object,
            const Location *loc,
            const char     *name,
            gboolean       *present,
            guint32        *out,
            GError        **error)
{
  guint64 value;

  if (!get_uint64 (object, loc, name, FALSE, present, &value, error))
    return FALSE;
  if (value > G_MAXUINT32)
    return field_error (error, loc, name, "is too large");
  *out = (guint32) value;
  return TRUE;
}

/* Absent and not required: @out is left as it is (the default). */
static gboolean
get_currency (JsonObject      *object,
              const Location  *loc,
              const char      *name,
              gboolean         required,
              CostopsCurrency *out,
              GError         **error)
{
  g_autofree char *code = NULL;

  if (!get_string (object, loc, name, required, &code, error))
    return FALSE;
  if (code != NULL && !costops_currency_from_string (code, out))
    return field_error (error, loc, name, "“%s” is not one of USD, EUR, GBP, JPY", code);
  return TRUE;
}

/* Known providers get their canonical lowercase name. */
static void
set_provider (CostopsProviderKind  *kind,
              const char          **name)
{
  *kind = costops_provider_from_string (*name);
  if (*kind != COSTOPS_PROVIDER_CUSTOM)
    *name = costops_dimension_intern (costops_provider_to_string (*kind, NULL));
}

static JsonObject *
require_object (JsonNode       *node,
                const Location *loc,
                const char     *name,
                GError        **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      if (name == NULL)
        g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD,
                     "%s: must be a JSON object", loc->where);
      else
        field_error (error, loc, name, node == NULL ? "missing (an object is required)"
                                                    : "must be a JSON object");
      return NULL;
    }
  return json_node_get_object (node);
}

/* --- pricing tables --- */

static gboolean
parse_tiers (JsonObject          *structure,
             CostopsPricingTable *table,
             const Location      *loc,
             GError             **error)
{
  JsonNode *node = get_member (structure, "tiers");
  JsonArray *array;
  guint n;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return field_error (error, loc, "tiers", node == NULL ? "missing (an array of tiers is required)"
                                                          : "must be an array of tiers");
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n == 0)
    return field_error (error, loc, "tiers", "must have at least one tier");

  table->tiered.tiers = g_new0 (CostopsPricingTier, n);
  table->tiered.n_tiers = n;

  for (guint i = 0; i < n; i++)
    {
      CostopsPricingTier *tier = &table->tiered.tiers[i];
      g_autofree char *prefix = g_strdup_printf ("%stiers[%u].", loc->prefix, i);
      Location tier_loc = { loc->where, prefix };
      g_autofree char *name = g_strdup_printf ("tiers[%u]", i);
      JsonObject *object = require_object (json_array_get_element (array, i), loc, name, error);

      if (object == NULL
          || !get_uint64 (object, &tier_loc, "min_tokens", TRUE, NULL, &tier->min_tokens, error)
          || !get_uint64 (object, &tier_loc, "max_tokens", FALSE, &tier->has_max_tokens,
                          &tier->max_tokens, error)
          || !get_money (object, &tier_loc, "input_per_million", TRUE, NULL,
                         &tier->input_per_million, error)
          || !get_money (object, &tier_loc, "output_per_million", TRUE, NULL,
                         &tier->output_per_million, error))
        return FALSE;

      if (tier->has_max_tokens && tier->max_tokens < tier->min_tokens)
        return field_error (error, &tier_loc, "max_tokens",
                            "%" G_GUINT64_FORMAT " is below min_tokens %" G_GUINT64_FORMAT,
                            tier->max_tokens, tier->min_tokens);

      /* Overlapping tiers would make "the tier that contains the total"
       * ambiguous. */
      for (guint j = 0; j < i; j++)
        {
          const CostopsPricingTier *other = &table->tiered.tiers[j];
          gboolean below = tier->has_max_tokens && tier->max_tokens < other->min_tokens;
          gboolean above = other->has_max_tokens && other->max_tokens < tier->min_tokens;

          if (!below && !above)
            return field_error (error, loc, name, "overlaps tiers[%u]", j);
        }
    }
  return TRUE;
}

static gboolean
parse_structure (JsonObject          *object,
                 CostopsPricingTable *table,
                 const Location      *loc,
                 GError             **error)
{
  Location structure_loc = { loc->where, "structure." };
  g_autofree char *type = NULL;
  JsonObject *structure;

  structure = require_object (get_member (object, "structure"), loc, "structure", error);
  if (structure == NULL || !get_string (structure, &structure_loc, "type", TRUE, &type, error))
    return FALSE;

  if (g_str_equal (type, "per_token"))
    {
      table->kind = COSTOPS_PRICING_PER_TOKEN;
      if (!get_money (structure, &structure_loc, "input_per_million", TRUE, NULL,
                      &table->per_token.input_per_million, error)
          || !get_money (structure, &structure_loc, "output_per_million", TRUE, NULL,
                         &table->per_token.output_per_million, error)
          || !get_money (structure, &structure_loc, "cached_input_discount", FALSE,
                         &table->per_token.has_cached_discount,
                         &table->per_token.cached_discount, error))
        return FALSE;
      if (costops_money_compare (table->per_token.cached_discount, costops_money_from_int (1)) > 0)
        return field_error (error, &structure_loc, "cached_input_discount", "must be between 0 and 1");
      return TRUE;
    }
  if (g_str_equal (type, "per_request"))
    {
      table->kind = COSTOPS_PRICING_PER_REQUEST;
      return get_money (structure, &structure_loc, "price_per_request", TRUE, NULL,
                        &table->per_request.price_per_request, error)
             && get_uint64 (structure, &structure_loc, "included_tokens", FALSE, NULL,
                            &table->per_request.included_tokens, error)
             && get_money (structure, &structure_loc, "overage_per_million", FALSE, NULL,
                           &table->per_request.overage_per_million, error);
    }
  if (g_str_equal (type, "tiered"))
    return parse_tiers (structure, table, &structure_loc, error);

  return field_error (error, &structure_loc, "type",
                      "“%s” is not one of per_token, per_request, tiered", type);
}

CostopsPricingTable *
costops_pricing_table_from_json (JsonNode    *node,
                                 const char  *where,
                                 GError     **error)
{
  g_autoptr(CostopsPricingTable) table = NULL;
  Location loc = { where != NULL ? where : "pricing", "" };
  JsonObject *object;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = require_object (node, &loc, NULL, error);
  if (object == NULL)
    return NULL;

  table = g_new0 (CostopsPricingTable, 1);
  /* Tiered until the structure says otherwise, so that clearing a half-built
   * table frees its tiers. */
  table->kind = COSTOPS_PRICING_TIERED;
  table->currency = COSTOPS_CURRENCY_USD;

  if (!get_nonempty_dimension (object, &loc, "provider", &table->provider_name, error)
      || !get_nonempty_dimension (object, &loc, "model", &table->model_name, error)
      || !get_time (object, &loc, "effective_date", TRUE, NULL, &table->effective_us, error)
      || !get_time (object, &loc, "end_date", FALSE, &table->has_end, &table->end_us, error)
      || !get_currency (object, &loc, "currency", FALSE, &table->currency, error))
    return NULL;
  if (table->has_end && table->end_us <= table->effective_us)
    {
      field_error (error, &loc, "end_date", "must be after effective_date");
      return NULL;
    }
  if (!parse_structure (object, table, &loc, error))
    return NULL;

  set_provider (&table->provider, &table->provider_name);
  return g_steal_pointer (&table);
}

/* Every document goes through the bounded pre-scan before json-glib. */
static JsonNode *
parse_document (const char  *data,
                gssize       length,
                gsize        max_values,
                const char  *source_name,
                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  root = costops_json_parse_checked (data, length < 0 ? strlen (data) : (gsize) length, max_values,
                                     &local_error);
  if (root == NULL)
    g_set_error (error, local_error->domain, local_error->code, "%s: %s",
                 source_name, local_error->message);
  return root;
}

GPtrArray *
costops_pricing_tables_load_data (const char  *data,
                                  gssize       length,
                                  const char  *source_name,
                                  GError     **error)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func ((GDestroyNotify) costops_pricing_table_free);
  g_autoptr(JsonNode) root = NULL;
  const char *source = source_name != NULL ? source_name : "pricing";

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = parse_document (data, length, COSTOPS_PRICING_MAX_VALUES, source, error);
  if (root == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *where = g_strdup_printf ("%s: pricing %u", source, i + 1);
          CostopsPricingTable *table = costops_pricing_table_from_json (json_array_get_element (array, i),
                                                                        where, error);
          if (table == NULL)
            return NULL;
          g_ptr_array_add (tables, table);
        }
    }
  else
    {
      CostopsPricingTable *table = costops_pricing_table_from_json (root, source, error);
      if (table == NULL)
        return NULL;
      g_ptr_array_add (tables, table);
    }

  if (tables->len == 0)
    {
      g_set_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD,
                   "%s: no pricing table (an object or a non-empty array is required)", source);
      return NULL;
    }
  return g_steal_pointer (&tables);
}

/* --- usage records --- */

static gboolean
parse_model (JsonObject         *object,
             CostopsUsageRecord *record,
             const Location     *loc,
             GError            **error)
{
  JsonNode *node = get_member (object, "model");
  Location model_loc = { loc->where, "model." };
  JsonObject *model;

  if (node != NULL && JSON_NODE_TYPE (node) == JSON_NODE_VALUE)
    return get_nonempty_dimension (object, loc, "model", &record->model_name, error);

  model = require_object (node, loc, "model", error);
  return model != NULL
         && get_nonempty_dimension (model, &model_loc, "name", &record->model_name, error)
         && get_dimension (model, &model_loc, "version", FALSE, &record->model_version, error)
         && get_uint32 (model, &model_loc, "context_window", NULL, &record->context_window, error);
}

static gboolean
parse_tags (JsonObject         *object,
            CostopsUsageRecord *record,
            const Location     *loc,
            GError            **error)
{
  JsonNode *node = get_member (object, "tags");
  JsonArray *array;
  guint n;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return field_error (error, loc, "tags", "must be an array of strings");

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  record->tags = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_TYPE (element) != JSON_NODE_VALUE
          || json_node_get_value_type (element) != G_TYPE_STRING)
        return field_error (error, loc, "tags", "element %u must be a string", i);
      record->tags[i] = json_node_dup_string (element);
    }
  return TRUE;
}

CostopsUsageRecord *
costops_usage_record_from_json (JsonNode    *node,
                                const char  *where,
                                GError     **error)
{
  g_autoptr(CostopsUsageRecord) record = NULL;
  Location loc = { where != NULL ? where : "usage record", "" };
  gboolean has_total;
  JsonObject *object;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = require_object (node, &loc, NULL, error);
  if (object == NULL)
    return NULL;

  record = g_new0 (CostopsUsageRecord, 1);
  if (!get_nonempty_string (object, &loc, "id", &record->id, error)
      || !get_time (object, &loc, "timestamp", TRUE, NULL, &record->timestamp_us, error)
      || !get_nonempty_dimension (object, &loc, "provider", &record->provider_name, error)
      || !parse_model (object, record, &loc, error)
      || !get_dimension (object, &loc, "organization_id", TRUE, &record->organization_id, error)
      || !get_dimension (object, &loc, "project_id", FALSE, &record->project_id, error)
      || !get_string (object, &loc, "user_id", FALSE, &record->user_id, error)
      || !get_uint64 (object, &loc, "prompt_tokens", TRUE, NULL, &record->prompt_tokens, error)
      || !get_uint64 (object, &loc, "completion_tokens", TRUE, NULL, &record->completion_tokens, error)
      || !get_uint64 (object, &loc, "total_tokens", FALSE, &has_total, &record->total_tokens, error)
      || !get_uint64 (object, &loc, "cached_tokens", FALSE, &record->has_cached_tokens,
                      &record->cached_tokens, error)
      || !get_uint64 (object, &loc, "reasoning_tokens", FALSE, &record->has_reasoning_tokens,
                      &record->reasoning_tokens, error)
      || !get_uint32 (object, &loc, "latency_ms", &record->has_latency, &record->latency_ms, error)
      || !parse_tags (object, record, &loc, error))
    return NULL;

  set_provider (&record->provider, &record->provider_name);

  /* A missing total is the sum; an overflowing sum is left for the
   * validation rule prompt + completion = total to report. */
  if (!has_total)
    record->total_tokens = record->prompt_tokens + record->completion_tokens;

  return g_steal_pointer (&record);
}

static gboolean
is_blank (const char *start,
          const char *end)
{
  for (const char *p = start; p < end; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

GPtrArray *
costops_usage_records_load_data (const char  *data,
                                 gssize       length,
                                 const char  *source_name,
                                 GError     **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) costops_usage_record_free);
  const char *source = source_name != NULL ? source_name : "usage";
  const char *p, *end;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  end = data + (length < 0 ? strlen (data) : (gsize) length);
  for (p = data; p < end && g_ascii_isspace (*p); p++)
    ;

  if (p < end && *p == '[')
    {
      g_autoptr(JsonNode) root = parse_document (data, (gssize) (end - data), COSTOPS_USAGE_MAX_VALUES,
                                                 source, error);
      JsonArray *array;

      if (root == NULL)
        return NULL;
      array = json_node_get_array (root);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *where = g_strdup_printf ("%s: record %u", source, i + 1);
          CostopsUsageRecord *record = costops_usage_record_from_json (json_array_get_element (array, i),
                                                                       where, error);
          if (record == NULL)
            return NULL;
          g_ptr_array_add (records, record);
        }
      return g_steal_pointer (&records);
    }

  /* JSON Lines: one object per line, so that a bad line can be named. */
  for (guint line = 1; p < end; line++)
    {
      const char *start = p;
      const char *newline = memchr (p, '\n', (gsize) (end - p));
      const char *line_end = newline != NULL ? newline : end;
      g_autofree char *where = NULL;
      g_autoptr(JsonNode) node = NULL;
      CostopsUsageRecord *record;

      p = newline != NULL ? newline + 1 : end;
      if (is_blank (start, line_end))
        continue;

      where = g_strdup_printf ("%s: record %u (line %u)", source, records->len + 1, line);
      node = parse_document (start, (gssize) (line_end - start), COSTOPS_USAGE_MAX_VALUES, where, error);
      if (node == NULL)
        return NULL;
      record = costops_usage_record_from_json (node, where, error);
      if (record == NULL)
        return NULL;
      g_ptr_array_add (records, record);
    }
  return g_steal_pointer (&records);
}

/* --- cost records --- */

static void
add_money (JsonBuilder  *builder,
           const char   *name,
           CostopsMoney  value)
{
  char buf[COSTOPS_MONEY_STRING_SIZE];

  costops_money_format (value, buf);
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, buf);
}

JsonNode *
costops_cost_record_to_json (const CostopsCostRecord *record)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autofree char *timestamp = NULL;

  g_return_val_if_fail (record != NULL, NULL);

  timestamp = costops_time_format (record->timestamp_us);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "usage_id");
  json_builder_add_string_value (builder, record->usage_id);
  json_builder_set_member_name (builder, "timestamp");
  json_builder_add_string_value (builder, timestamp);
  json_builder_set_member_name (builder, "provider");
  json_builder_add_string_value (builder, costops_provider_to_string (record->provider,
                                                                      record->provider_name));
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, record->model_name);
  json_builder_set_member_name (builder, "organization_id");
  json_builder_add_string_value (builder, record->organization_id);
  json_builder_set_member_name (builder, "project_id");
  if (record->project_id != NULL)
    json_builder_add_string_value (builder, record->project_id);
  else
    json_builder_add_null_value (builder);
  add_money (builder, "input_cost", record->input_cost);
  add_money (builder, "output_cost", record->output_cost);
  add_money (builder, "total_cost", record->total_cost);
  json_builder_set_member_name (builder, "currency");
  json_builder_add_string_value (builder, costops_currency_to_string (record->currency));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

char *
costops_cost_record_to_json_line (const CostopsCostRecord *record)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (record != NULL, NULL);

  node = costops_cost_record_to_json (record);
  return json_to_string (node, FALSE);
}

CostopsCostRecord *
costops_cost_record_from_json (JsonNode    *node,
                               const char  *where,
                               GError     **error)
{
  g_autoptr(CostopsCostRecord) record = NULL;
  Location loc = { where != NULL ? where : "cost record", "" };
  JsonObject *object;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = require_object (node, &loc, NULL, error);
  if (object == NULL)
    return NULL;

  record = g_new0 (CostopsCostRecord, 1);
  if (!get_string (object, &loc, "usage_id", TRUE, &record->usage_id, error)
      || !get_time (object, &loc, "timestamp", TRUE, NULL, &record->timestamp_us, error)
      || !get_dimension (object, &loc, "provider", TRUE, &record->provider_name, error)
      || !get_dimension (object, &loc, "model", TRUE, &record->model_name, error)
      || !get_dimension (object, &loc, "organization_id", TRUE, &record->organization_id, error)
      || !get_dimension (object, &loc, "project_id", FALSE, &record->project_id, error)
      || !get_money (object, &loc, "input_cost", TRUE, NULL, &record->input_cost, error)
      || !get_money (object, &loc, "output_cost", TRUE, NULL, &record->output_cost, error)
      || !get_money (object, &loc, "total_cost", TRUE, NULL, &record->total_cost, error)
      || !get_currency (object, &loc, "currency", TRUE, &record->currency, error))
    return NULL;

  set_provider (&record->provider, &record->provider_name);
  return g_steal_pointer (&record);
}
