/* bench-environment.h: facts about the machine and the build that a result
 * depends on, recorded once per run: in summary.md's header, in every raw
 * result (under "environment") and in the run's history record, so that a
 * later comparison can tell whether two runs are comparable at all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct {
  char    *hostname;
  char    *cpu_model;       /* "unknown" when /proc/cpuinfo does not say */
  guint    n_cpus;          /* logical processors available to this process */
  char    *kernel;          /* "Linux 6.1.0-18-amd64 x86_64" */
  char    *compiler;        /* "gcc 12.2.0" */
  char    *build_type;      /* meson buildtype, e.g. "debugoptimized" */
  char    *version;         /* PACKAGE_VERSION */
  char    *git_commit;      /* short hash or "unknown" */
  char    *git_tree_state;  /* "clean", "dirty" or "unknown" */

  char    *run_id;          /* 8 hex digits, new for every collection */
  char    *compiler_flags;  /* the build's C flags and optimisation level */
  guint64  memory_total_bytes;  /* 0 when unknown */
  guint    cpu_mhz;         /* highest clock of CPU 0; 0 when unknown */
  char    *cpu_governor;    /* "performance", "powersave", "a, b" when the
                             * CPUs differ, or "unknown" */
  char    *cpu_scaling;     /* "on" when a governor other than "performance"
                             * may change the clock, "off", or "unknown" */
  char    *cpu_boost;       /* turbo / boost: "on", "off" or "unknown" */
  double   load_average[3]; /* 1, 5 and 15 minutes at the start; negative
                             * when unknown */
  /* Library names ("GLib", "json-glib", "zstd", "SQLite", then whatever
   * bench_environment_register_library() added) and their versions, as two
   * NULL-terminated arrays of the same length. */
  GStrv    library_names;
  GStrv    library_versions;
} BenchEnvironment;

/* Reads the running machine. Never fails: what cannot be read is "unknown"
 * (numbers: 0, load averages: negative). */
BenchEnvironment *bench_environment_collect (void);
/* The same, reading /proc and /sys below @proc_root and @sys_root instead of
 * "/proc" and "/sys"; for tests. */
BenchEnvironment *bench_environment_collect_at (const char *proc_root,
                                                const char *sys_root);
void              bench_environment_free    (BenchEnvironment *environment);

/* The CPU model from the text of /proc/cpuinfo: "model name" (x86),
 * "Model" or "Hardware" (ARM), "cpu" (POWER); NULL when none is there. */
char             *bench_environment_parse_cpu_model (const char *cpuinfo);

/* Adds a library every later collection reports, e.g. the app registers
 * ("GTK", "4.8.3") at start-up, since the framework itself links no GTK.
 * Registering a name again replaces its version. Thread-safe. */
void              bench_environment_register_library (const char *name,
                                                      const char *version);

/* {"run_id", "hostname", "kernel", "cpu_model", "logical_cores",
 *  "memory_total_bytes", "cpu_mhz", "cpu_governor", "cpu_scaling",
 *  "cpu_boost", "load_average": [1, 5, 15 min] or null, "compiler",
 *  "compiler_flags", "build_type", "app_version", "git_commit",
 *  "git_tree_state", "libraries": {name: version}} */
JsonNode         *bench_environment_to_json   (const BenchEnvironment *environment);
/* Reads what bench_environment_to_json() wrote. Lenient, since environments
 * of older runs may lack members: anything missing or of the wrong type is
 * "unknown" (0, negative load). Never fails. */
BenchEnvironment *bench_environment_from_json (JsonObject             *object);

/* Conditions that make measurements noisy or unrepresentative. */
typedef enum {
  BENCH_ENVIRONMENT_WARNING_NONE        = 0,
  BENCH_ENVIRONMENT_WARNING_GOVERNOR    = 1 << 0,  /* known, not "performance" */
  BENCH_ENVIRONMENT_WARNING_HIGH_LOAD   = 1 << 1,  /* 1-min load > ½ × cores */
  BENCH_ENVIRONMENT_WARNING_DEBUG_BUILD = 1 << 2,  /* "debug" build or -O0 */
} BenchEnvironmentWarnings;

BenchEnvironmentWarnings bench_environment_get_warnings (const BenchEnvironment *environment);
/* One English sentence per warning, in the order of the flags; an empty
 * array when there is none. The app may show its own translated text per
 * flag instead. */
GStrv             bench_environment_dup_warning_messages (const BenchEnvironment *environment);

/* How the machines of two runs differ in what decides whether their figures
 * can be compared: host name, CPU model, logical cores and build type. One
 * English item per difference ("host name: a → b"); an empty array when they
 * match. A NULL environment (a run that recorded none) is one difference. */
GStrv             bench_environment_fingerprint_differences (JsonObject *baseline,
                                                             JsonObject *current);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchEnvironment, bench_environment_free)

G_END_DECLS
