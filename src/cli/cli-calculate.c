/* cli-calculate.c: `cost-ops calculate`, pricing usage records.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cli.h"

#include <glib/gi18n.h>

#include "costops-calculator.h"
#include "costops-pricing.h"

int
cli_calculate (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) tables = NULL;
  g_autoptr(GPtrArray) usage = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pricing_path = NULL;
  g_autofree char *usage_path = NULL;
  g_autofree char *usage_name = NULL;
  gboolean version = FALSE;
  int exit_code = CLI_EXIT_OK;
  GOptionEntry entries[] = {
    { "pricing", 'p', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &pricing_path,
      N_("Pricing tables (one JSON object or an array)"), N_("FILE") },
    { "usage", 'u', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, &usage_path,
      N_("Usage records (a JSON array or JSON Lines)"), N_("FILE") },
    CLI_VERSION_ENTRY (&version),
    G_OPTION_ENTRY_NULL,
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Prices every usage record with the pricing table for its provider "
                                  "and model in effect at its timestamp, and prints one cost record "
                                  "per line as JSON (amounts as exact decimal strings)."));
  g_option_context_set_description (context,
                                    _("Exit status: 0 when every record was priced, 1 when a record "
                                      "failed (the others are still printed) or a file cannot be read, "
                                      "2 for a usage error."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!cli_parse_options (context, "calculate", &argc, &argv, &version, &exit_code))
    return exit_code;
  if (argc > 1)
    {
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”"), argv[1]);

      return cli_usage_error ("calculate", message);
    }
  if (pricing_path == NULL)
    return cli_usage_error ("calculate", _("--pricing FILE is required"));
  if (usage_path == NULL)
    return cli_usage_error ("calculate", _("--usage FILE is required"));

  /* Both files are read in full before anything is printed, so a broken
   * file produces no partial output. */
  tables = costops_pricing_tables_load_file (pricing_path, &error);
  if (tables == NULL)
    {
      cli_print_error ("calculate", error->message);
      return CLI_EXIT_FAILED;
    }
  usage = costops_usage_records_load_file (usage_path, &error);
  if (usage == NULL)
    {
      cli_print_error ("calculate", error->message);
      return CLI_EXIT_FAILED;
    }

  usage_name = g_path_get_basename (usage_path);
  for (guint i = 0; i < usage->len; i++)
    {
      const CostopsUsageRecord *record = g_ptr_array_index (usage, i);
      g_autoptr(CostopsCostRecord) cost = NULL;
      g_autoptr(GError) record_error = NULL;
      const CostopsPricingTable *pricing;

      pricing = costops_calculator_select_pricing (tables, record, &record_error);
      if (pricing != NULL)
        cost = costops_calculator_calculate (record, pricing, &record_error);
      if (cost == NULL)
        {
          /* TRANSLATORS: “usage.jsonl: record 3 (req-3): <why>” */
          g_autofree char *message = g_strdup_printf (_("%s: record %u (%s): %s"), usage_name, i + 1,
                                                      record->id != NULL ? record->id : "?",
                                                      record_error->message);

          cli_print_error ("calculate", message);
          exit_code = CLI_EXIT_FAILED;
          continue;
        }

      {
        g_autofree char *line = costops_cost_record_to_json_line (cost);

        g_print ("%s\n", line);
      }
    }
  return exit_code;
}
