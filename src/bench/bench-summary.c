/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Placeholder: this part of the framework is being written. */
#include "bench-error.h"
