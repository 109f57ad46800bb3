/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "costops-error.h"

G_DEFINE_QUARK (costops-error-quark, costops_error)
