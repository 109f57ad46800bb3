/* bench-supervisor.c: a worker process per target, watched over a pipe.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE   /* sigabbrev_np() */
#include "bench-supervisor.h"
#include "bench-speed-probe.h"

#include <errno.h>
#include <fcntl.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench-callgrind.h"
#include "bench-error.h"
#include "bench-history.h"
#include "bench-private.h"

/* A worker gets this long to go after SIGTERM before SIGKILL. */
#define STOP_GRACE_US (50 * G_TIME_SPAN_MILLISECOND)
/* More than this on the pipe is no result of ours. */
#define MAX_PROTOCOL_BYTES (64 * 1024 * 1024)
/* The end of the worker's standard error kept for the reason. */
#define STDERR_TAIL_BYTES 4096
#define TMP_PREFIX "cost-ops-worker-"

static const char * const stage_words[BENCH_N_STAGES] = {
  [BENCH_STAGE_SETUP] = "while setting up",
  [BENCH_STAGE_WARMUP] = "while warming up",
  [BENCH_STAGE_MEASURE] = "while measuring",
  [BENCH_STAGE_METRICS] = "while adding its metrics",
  [BENCH_STAGE_TEARDOWN] = "while tearing down",
};

char *
bench_describe_signal (int signal_number)
{
  static const struct { int number; const char *words; } known[] = {
    { SIGSEGV, "segmentation fault" },
    { SIGABRT, "aborted" },
    { SIGBUS, "bus error" },
    { SIGFPE, "arithmetic exception" },
    { SIGILL, "illegal instruction" },
    { SIGTRAP, "trace trap" },
    { SIGKILL, "killed" },
    { SIGTERM, "terminated" },
    { SIGXFSZ, "file size limit exceeded" },
    { SIGXCPU, "CPU time limit exceeded" },
    { SIGPIPE, "broken pipe" },
  };
  const char *abbrev = sigabbrev_np (signal_number);
  g_autofree char *words = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      if (known[i].number == signal_number)
        words = g_strdup (known[i].words);
    }
  if (words == NULL)
    words = g_ascii_strdown (strsignal (signal_number), -1);
  if (abbrev == NULL)
    return g_strdup_printf ("%s (signal %d)", words, signal_number);
  return g_strdup_printf ("%s (SIG%s)", words, abbrev);
}

char *
bench_supervisor_find_worker (GError **error)
{
  const char *from_env = g_getenv ("COST_OPS_WORKER");
  g_autofree char *self = NULL;

  if (from_env != NULL && *from_env != '\0')
    {
      if (g_file_test (from_env, G_FILE_TEST_IS_EXECUTABLE))
        return g_strdup (from_env);
      g_set_error (error, BENCH_ERROR, BENCH_ERROR_TARGET_FAILED,
                   "COST_OPS_WORKER names “%s”, which is not an executable file", from_env);
      return NULL;
    }

  /* Run from the build tree, use the worker built beside it. */
  self = g_file_read_link ("/proc/self/exe", NULL);
  if (self != NULL && g_str_has_prefix (self, BENCH_BUILD_ROOT G_DIR_SEPARATOR_S) &&
      g_file_test (BENCH_WORKER_BUILD_PATH, G_FILE_TEST_IS_EXECUTABLE))
    return g_strdup (BENCH_WORKER_BUILD_PATH);

  if (self != NULL && !g_path_is_absolute (BENCH_WORKER_BESIDE))
    {
      g_autofree char *bindir = g_path_get_dirname (self);
      g_autofree char *beside = g_build_filename (bindir, BENCH_WORKER_BESIDE, NULL);

      if (g_file_test (beside, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&beside);
    }
  if (g_file_test (BENCH_WORKER_PATH, G_FILE_TEST_IS_EXECUTABLE))
    return g_strdup (BENCH_WORKER_PATH);
  g_set_error (error, BENCH_ERROR, BENCH_ERROR_TARGET_FAILED,
               "The worker program %s is missing: reinstall cost-ops, or set COST_OPS_WORKER",
               BENCH_WORKER_PATH);
  return NULL;
}

void
bench_supervisor_sweep (void)
{
  const char *tmp = g_get_tmp_dir ();
  g_autoptr(GDir) dir = g_dir_open (tmp, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      gint64 pid;
      char *end = NULL;

      if (!g_str_has_prefix (name, TMP_PREFIX))
        continue;
      pid = g_ascii_strtoll (name + strlen (TMP_PREFIX), &end, 10);
      if (end == NULL || *end != '-' || pid <= 0 || pid > G_MAXINT)
        continue;
      if (kill ((pid_t) pid, 0) != 0 && errno == ESRCH)
        {
          g_autofree char *path = g_build_filename (tmp, name, NULL);

          bench_remove_tree (path);
        }
    }
}

typedef struct {
  pid_t  parent;
  rlim_t memory_limit;   /* bytes; 0 for none */
} ChildSetup;

/* In the child between fork and exec: async-signal-safe calls only. */
static void
child_setup (gpointer data)
{
  const ChildSetup *setup = data;

  /* SIGKILL when the thread that started us ends, whatever way. */
  if (prctl (PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid () != setup->parent)
    _exit (127);
  if (setup->memory_limit > 0)
    {
      struct rlimit limit = { setup->memory_limit, setup->memory_limit };

      setrlimit (RLIMIT_AS, &limit);
    }
}

typedef struct {
  const BenchTarget *target;
  guint              index;
  BenchProgressFunc  progress;
  gpointer           progress_data;

  GString           *protocol;      /* unread part of the pipe */
  gsize              protocol_total;
  GString           *stderr_tail;
  BenchStage         stage;
  gboolean           started;       /* a stage was reported */
  BenchResult       *result;
  char              *worker_error;  /* an "error" line */
  char              *protocol_error;
} Watch;

static void
watch_clear (Watch *watch)
{
  g_string_free (watch->protocol, TRUE);
  g_string_free (watch->stderr_tail, TRUE);
  g_clear_pointer (&watch->result, bench_result_unref);
  g_free (watch->worker_error);
  g_free (watch->protocol_error);
}

static void
handle_line (Watch      *watch,
             const char *line)
{
  if (g_str_has_prefix (line, "progress "))
    {
      double fraction = g_ascii_strtod (line + 9, NULL);

      if (watch->progress != NULL && fraction >= 0.0 && fraction <= 1.0)
        watch->progress (watch->index, watch->target, BENCH_TARGET_STATE_RUNNING, fraction,
                         NULL, watch->progress_data);
    }
  else if (g_str_has_prefix (line, "stage "))
    {
      if (bench_stage_from_string (line + 6, &watch->stage))
        watch->started = TRUE;
    }
  else if (g_str_has_prefix (line, "result ") && watch->result == NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      g_autoptr(BenchRunRecord) record = NULL;
      g_autoptr(GError) error = NULL;
      GPtrArray *results;

      if (json_parser_load_from_data (parser, line + 7, -1, &error))
        record = bench_run_record_from_json (json_parser_get_root (parser), &error);
      if (record == NULL)
        {
          g_free (watch->protocol_error);
          watch->protocol_error = g_strdup_printf ("sent a result that cannot be read (%s)",
                                                   error->message);
          return;
        }
      results = bench_run_record_get_results (record);
      if (results->len != 1 ||
          g_strcmp0 (bench_result_get_target_id (g_ptr_array_index (results, 0)),
                     watch->target->id) != 0)
        {
          g_free (watch->protocol_error);
          watch->protocol_error = g_strdup ("sent the result of another target");
          return;
        }
      watch->result = bench_result_ref (g_ptr_array_index (results, 0));
    }
  else if (g_str_has_prefix (line, "error ") && watch->worker_error == NULL)
    watch->worker_error = g_strdup (line + 6);
}

/* FALSE at end of file or on an error. */
static gboolean
read_protocol (Watch *watch,
               int    fd)
{
  char buffer[65536];
  gssize n;
  char *newline;

  n = read (fd, buffer, sizeof buffer);
  if (n < 0 && (errno == EINTR || errno == EAGAIN))
    return TRUE;
  if (n <= 0)
    return FALSE;
  watch->protocol_total += (gsize) n;
  if (watch->protocol_total > MAX_PROTOCOL_BYTES)
    {
      g_free (watch->protocol_error);
      watch->protocol_error = g_strdup ("sent more than 64 MiB of messages");
      return FALSE;
    }
  g_string_append_len (watch->protocol, buffer, n);
  while ((newline = memchr (watch->protocol->str, '\n', watch->protocol->len)) != NULL)
    {
      gsize length = (gsize) (newline - watch->protocol->str);

      *newline = '\0';
      handle_line (watch, watch->protocol->str);
      g_string_erase (watch->protocol, 0, (gssize) length + 1);
    }
  return TRUE;
}

static gboolean
read_stderr (Watch *watch,
             int    fd)
{
  char buffer[4096];
  gssize n;

  n = read (fd, buffer, sizeof buffer);
  if (n < 0 && (errno == EINTR || errno == EAGAIN))
    return TRUE;
  if (n <= 0)
    return FALSE;
  g_string_append_len (watch->stderr_tail, buffer, n);
  if (watch->stderr_tail->len > STDERR_TAIL_BYTES)
    g_string_erase (watch->stderr_tail, 0, (gssize) (watch->stderr_tail->len - STDERR_TAIL_BYTES));
  return TRUE;
}

/* Waits for @pid until @deadline_us (monotonic); 0 = for ever. TRUE once
 * reaped, with its status. */
static gboolean
reap (pid_t   pid,
      gint64  deadline_us,
      int    *status)
{
  for (;;)
    {
      pid_t got = waitpid (pid, status, deadline_us == 0 ? 0 : WNOHANG);

      if (got == pid)
        return TRUE;
      if (got < 0 && errno != EINTR)
        {
          *status = 0;
          return TRUE;   /* not ours to wait for any more */
        }
      if (deadline_us != 0 && g_get_monotonic_time () >= deadline_us)
        return FALSE;
      if (deadline_us != 0)
        g_usleep (1000);
    }
}

/* SIGTERM, a short grace, then SIGKILL. */
static void
stop_worker (pid_t  pid,
             int   *status)
{
  kill (pid, SIGTERM);
  if (reap (pid, g_get_monotonic_time () + STOP_GRACE_US, status))
    return;
  kill (pid, SIGKILL);
  reap (pid, 0, status);
}

/* "==1234== …": Valgrind's report around a worker that counted
 * instructions, not the target's words. */
static gboolean
is_valgrind_line (const char *line)
{
  const char *p = line + 2;

  if (!g_str_has_prefix (line, "==") || !g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  return g_str_has_prefix (p, "==");
}

/* The last non-empty line the worker wrote to standard error, if any. */
static char *
last_stderr_line (Watch *watch)
{
  g_auto(GStrv) lines = g_strsplit (watch->stderr_tail->str, "\n", -1);

  for (guint i = g_strv_length (lines); i > 0; i--)
    {
      char *line = g_strstrip (lines[i - 1]);

      if (*line != '\0' && !is_valgrind_line (line))
        return g_utf8_make_valid (line, -1);
    }
  return NULL;
}

static char *
describe_end (Watch                 *watch,
              const BenchRunOptions *options,
              int                    status,
              gboolean               timed_out,
              gint64                 timeout_us)
{
  const char *when = watch->started ? stage_words[watch->stage] : "before it started";
  g_autofree char *last = last_stderr_line (watch);
  g_autofree char *reason = NULL;

  if (timed_out)
    {
      g_autofree char *limit = bench_format_double ("%.0f", (double) timeout_us / G_USEC_PER_SEC);

      return g_strdup_printf ("timed out after %s s %s (the limit is --target-timeout)", limit, when);
    }
  if (watch->protocol_error != NULL)
    return g_strdup_printf ("the worker %s", watch->protocol_error);
  if (WIFSIGNALED (status))
    {
      int sig = WTERMSIG (status);
      g_autofree char *what = bench_describe_signal (sig);
      const char *tail = watch->stderr_tail->str;

      if (options->memory_limit_mb > 0 &&
          (strstr (tail, "failed to allocate") != NULL || strstr (tail, "out of memory") != NULL ||
           strstr (tail, "Cannot allocate memory") != NULL || strstr (tail, "bad_alloc") != NULL))
        return g_strdup_printf ("ran out of memory (limit %u MiB) %s", options->memory_limit_mb, when);
      if (sig == SIGKILL)
        reason = g_strdup_printf ("was killed (SIGKILL) %s; the system may have run out of memory", when);
      else
        reason = g_strdup_printf ("crashed: %s %s", what, when);
    }
  else if (WIFEXITED (status) && watch->worker_error != NULL)
    reason = g_strdup_printf ("the worker could not run it: %s", watch->worker_error);
  else if (WIFEXITED (status))
    reason = g_strdup_printf ("exited unexpectedly with status %d %s", WEXITSTATUS (status), when);
  else
    reason = g_strdup_printf ("ended unexpectedly %s", when);

  if (last != NULL && watch->worker_error == NULL)
    return g_strdup_printf ("%s; its last message: %s", reason, last);
  return g_steal_pointer (&reason);
}

static BenchResult *
failure (const BenchTarget *target,
         const char        *message)
{
  g_autoptr(GError) error = g_error_new_literal (BENCH_ERROR, BENCH_ERROR_TARGET_FAILED, message);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return bench_result_new_failure (target->id, error, now);
}

static char **
worker_argv (const char            *worker,
             const BenchTarget     *target,
             const BenchRunOptions *options,
             guint                  index)
{
  GPtrArray *argv = g_ptr_array_new ();

  /* WORKER FD TARGET INDEX WARMUP_US MEASURE_US MIN_SAMPLES [instructions]
   * (bench-worker.c) */
  g_ptr_array_add (argv, g_strdup (worker));
  g_ptr_array_add (argv, g_strdup ("3"));
  g_ptr_array_add (argv, g_strdup (target->id));
  g_ptr_array_add (argv, g_strdup_printf ("%u", index));
  g_ptr_array_add (argv, g_strdup_printf ("%" G_GINT64_FORMAT, MAX (options->warmup_us, 0)));
  g_ptr_array_add (argv, g_strdup_printf ("%" G_GINT64_FORMAT, MAX (options->min_measure_us, 1)));
  g_ptr_array_add (argv, g_strdup_printf ("%u", MAX (options->min_samples, 1)));
  if (options->measure == BENCH_MEASURE_INSTRUCTIONS)
    g_ptr_array_add (argv, g_strdup ("instructions"));
  g_ptr_array_add (argv, NULL);
  return (char **) g_ptr_array_free (argv, FALSE);
}

BenchResult *
bench_supervisor_run_target (const BenchTarget     *target,
                             const BenchRunOptions *options,
                             guint                  index,
                             BenchProgressFunc      progress,
                             gpointer               progress_data,
                             GCancellable          *cancellable,
                             GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *worker = NULL;
  g_autofree char *tmp_template = NULL;
  g_autofree char *tmp_dir = NULL;
  g_auto(GStrv) argv = NULL;
  g_auto(GStrv) envp = NULL;
  Watch watch = { 0 };
  ChildSetup setup;
  GPollFD cancel_fd = { -1, 0, 0 };
  gboolean have_cancel_fd = FALSE;
  gboolean cancelled = FALSE, timed_out = FALSE, reaped = FALSE;
  int protocol_pipe[2] = { -1, -1 };
  int stderr_fd = -1;
  int source_fds[1], target_fds[1];
  int status = 0;
  gint64 timeout_us, deadline;
  GPid pid;
  BenchResult *result;

  g_return_val_if_fail (target != NULL && options != NULL, NULL);

  if (progress != NULL)
    progress (index, target, BENCH_TARGET_STATE_RUNNING, 0.0, NULL, progress_data);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      if (progress != NULL)
        progress (index, target, BENCH_TARGET_STATE_CANCELLED, 0.0, NULL, progress_data);
      return NULL;
    }

  worker = bench_supervisor_find_worker (&local_error);
  if (worker == NULL)
    return failure (target, local_error->message);

  /* Whatever the worker leaves in its TMPDIR goes with it. */
  tmp_template = g_strdup_printf (TMP_PREFIX "%d-XXXXXX", (int) getpid ());
  tmp_dir = g_dir_make_tmp (tmp_template, &local_error);
  if (tmp_dir == NULL)
    {
      g_autofree char *message = g_strdup_printf ("Setup failed: no temporary folder for the worker: %s",
                                                  local_error->message);

      return failure (target, message);
    }

  if (!g_unix_open_pipe (protocol_pipe, FD_CLOEXEC, &local_error))
    {
      bench_remove_tree (tmp_dir);
      return failure (target, local_error->message);
    }

  argv = worker_argv (worker, target, options, index);
  if (options->measure == BENCH_MEASURE_INSTRUCTIONS)
    {
      g_auto(GStrv) plain = g_steal_pointer (&argv);

      argv = bench_callgrind_wrap_argv (plain, tmp_dir, &local_error);
      if (argv == NULL)
        {
          close (protocol_pipe[0]);
          close (protocol_pipe[1]);
          bench_remove_tree (tmp_dir);
          return failure (target, local_error->message);
        }
    }
  envp = g_get_environ ();
  envp = g_environ_setenv (envp, "TMPDIR", tmp_dir, TRUE);
  /* The machine's best speed in this run so far, for judging samples
   * from the worker's first window on. */
  for (guint i = 0; i < 8; i++)
    bench_speed_probe_ns ();
  {
    g_autofree char *reference = g_strdup_printf ("%.0f", bench_speed_probe_reference ());

    envp = g_environ_setenv (envp, "COST_OPS_SPEED_REFERENCE_NS", reference, TRUE);
  }
  setup.parent = getpid ();
#if defined(__SANITIZE_ADDRESS__)
  setup.memory_limit = 0;   /* AddressSanitizer reserves terabytes of address space */
#else
  setup.memory_limit = (rlim_t) options->memory_limit_mb * 1024 * 1024;
#endif
  source_fds[0] = protocol_pipe[1];
  target_fds[0] = 3;
  if (!g_spawn_async_with_pipes_and_fds (NULL, (const char * const *) argv,
                                         (const char * const *) envp,
                                         G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDIN_FROM_DEV_NULL |
                                         G_SPAWN_STDOUT_TO_DEV_NULL,
                                         child_setup, &setup, -1, -1, -1,
                                         source_fds, target_fds, 1,
                                         &pid, NULL, NULL, &stderr_fd, &local_error))
    {
      g_autofree char *message = g_strdup_printf ("The worker could not be started: %s",
                                                  local_error->message);

      close (protocol_pipe[0]);
      close (protocol_pipe[1]);
      bench_remove_tree (tmp_dir);
      return failure (target, message);
    }
  close (protocol_pipe[1]);

  watch = (Watch) {
    .target = target,
    .index = index,
    .progress = progress,
    .progress_data = progress_data,
    .protocol = g_string_new (NULL),
    .stderr_tail = g_string_new (NULL),
    .stage = BENCH_STAGE_SETUP,
  };
  have_cancel_fd = g_cancellable_make_pollfd (cancellable, &cancel_fd);
  timeout_us = options->measure == BENCH_MEASURE_INSTRUCTIONS
               ? bench_callgrind_get_timeout_us (options)
               : bench_run_options_get_timeout_us (options);
  deadline = g_get_monotonic_time () + timeout_us;

  {
    int protocol_fd = protocol_pipe[0];

    while (protocol_fd >= 0 || stderr_fd >= 0)
      {
        struct pollfd fds[3];
        nfds_t n = 0;
        gint64 left = deadline - g_get_monotonic_time ();
        int ready;

        if (g_cancellable_is_cancelled (cancellable))
          {
            cancelled = TRUE;
            break;
          }
        if (left <= 0)
          {
            timed_out = TRUE;
            break;
          }
        fds[n++] = (struct pollfd) { protocol_fd, POLLIN, 0 };
        fds[n++] = (struct pollfd) { stderr_fd, POLLIN, 0 };
        if (have_cancel_fd)
          fds[n++] = (struct pollfd) { cancel_fd.fd, POLLIN, 0 };
        ready = poll (fds, n, (int) MIN ((left + 999) / 1000, 1000));
        if (ready < 0 && errno != EINTR)
          break;
        if (ready <= 0)
          continue;
        if (fds[0].revents != 0 && !read_protocol (&watch, protocol_fd))
          {
            close (protocol_fd);
            protocol_fd = -1;
            if (watch.protocol_error != NULL)
              break;
          }
        if (fds[1].revents != 0 && !read_stderr (&watch, stderr_fd))
          {
            close (stderr_fd);
            stderr_fd = -1;
          }
      }
    if (protocol_fd >= 0)
      close (protocol_fd);
  }

  if (cancelled || timed_out || watch.protocol_error != NULL)
    {
      stop_worker (pid, &status);
      reaped = TRUE;
    }
  else
    {
      /* Both pipes closed: the worker is ending. */
      reaped = reap (pid, MAX (deadline, g_get_monotonic_time () + G_USEC_PER_SEC), &status);
      if (!reaped)
        {
          timed_out = TRUE;
          stop_worker (pid, &status);
        }
    }
  if (stderr_fd >= 0)
    {
      /* What it printed before it died tells why. */
      while (read_stderr (&watch, stderr_fd))
        ;
      close (stderr_fd);
    }
  g_spawn_close_pid (pid);
  if (have_cancel_fd)
    g_cancellable_release_fd (cancellable);
  bench_remove_tree (tmp_dir);

  if (cancelled)
    {
      if (progress != NULL)
        progress (index, target, BENCH_TARGET_STATE_CANCELLED, 0.0, NULL, progress_data);
      watch_clear (&watch);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "The run was cancelled");
      return NULL;
    }

  if (!timed_out && watch.result != NULL && WIFEXITED (status) && WEXITSTATUS (status) == 0)
    {
      result = bench_result_ref (watch.result);
      bench_speed_probe_offer (bench_result_get_metric_double (result, "reference_loop_ns", 0.0));
    }
  else
    {
      g_autofree char *reason = describe_end (&watch, options, status, timed_out, timeout_us);

      result = failure (target, reason);
    }
  watch_clear (&watch);
  return result;
}
