/* cob-application.h: the cost-ops-bench application.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define COB_TYPE_APPLICATION (cob_application_get_type ())
G_DECLARE_FINAL_TYPE (CobApplication, cob_application, COB, APPLICATION, AdwApplication)

CobApplication *cob_application_new (void);

G_END_DECLS
