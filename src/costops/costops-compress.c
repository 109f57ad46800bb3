/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Placeholder: this module is being written. */
#include "costops-error.h"
