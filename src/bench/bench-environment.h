/* bench-environment.h: facts about the machine and the build that a result
 * depends on, for the summary header (and for history, which compares runs
 * only when they come from comparable machines).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct {
  char  *hostname;
  char  *cpu_model;       /* "unknown" when /proc/cpuinfo does not say */
  guint  n_cpus;          /* logical processors available to this process */
  char  *kernel;          /* "Linux 6.1.0-18-amd64 x86_64" */
  char  *compiler;        /* "gcc 12.2.0" */
  char  *build_type;      /* meson buildtype, e.g. "debugoptimized" */
  char  *version;         /* PACKAGE_VERSION */
  char  *git_commit;      /* short hash or "unknown" */
  char  *git_tree_state;  /* "clean", "dirty" or "unknown" */
} BenchEnvironment;

/* Reads the running machine. Never fails: what cannot be read is "unknown". */
BenchEnvironment *bench_environment_collect (void);
void              bench_environment_free    (BenchEnvironment *environment);

/* The CPU model from the text of /proc/cpuinfo: "model name" (x86),
 * "Model" or "Hardware" (ARM), "cpu" (POWER); NULL when none is there. */
char             *bench_environment_parse_cpu_model (const char *cpuinfo);

/* {"hostname", "cpu_model", "n_cpus", "kernel", "compiler", "build_type",
 *  "version", "git_commit", "git_tree_state"} */
JsonNode         *bench_environment_to_json (const BenchEnvironment *environment);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchEnvironment, bench_environment_free)

G_END_DECLS
