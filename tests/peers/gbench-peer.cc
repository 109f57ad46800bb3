// SPDX-License-Identifier: GPL-3.0-or-later
//
// Our runner against Google Benchmark, timing the same code: each product
// target's run_iterations() callback, measured once by bench_run_target()
// in process (the median ns/op of its samples) and once by Google Benchmark
// with KeepRunningBatch() in batches of the size our calibration chose
// (the median of 10 repetitions). Prints both figures and their ratio.
// A benchmark, not a test: run it on a quiet machine.
//
// usage: gbench-peer [TARGET…]   (default: every target)
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "bench-compare.h"
#include "bench-registry.h"
#include "bench-runner.h"
#include "bench-targets.h"

namespace {

// Keeps the median aggregate of the one benchmark that runs.
class MedianReporter : public benchmark::BenchmarkReporter {
 public:
  double median_ns = 0.0;
  std::string error;

  bool ReportContext (const Context &) override { return true; }
  void ReportRuns (const std::vector<Run> &runs) override
  {
    for (const Run &run : runs)
      {
        if (run.error_occurred)
          error = run.error_message;
        else if (run.run_type == Run::RT_Aggregate && run.aggregate_name == "median")
          median_ns = run.GetAdjustedRealTime ();
      }
  }
};

struct Measured {
  double ours_ns;
  double theirs_ns;
  guint64 batch;
};

bool
measure (const BenchTarget *target, Measured *out)
{
  BenchRunOptions options;
  GError *error = nullptr;

  bench_run_options_init_default (&options);
  options.isolation = BENCH_ISOLATION_IN_PROCESS;   // the same process as Google Benchmark
  BenchResult *result = bench_run_target (target, &options, 0, nullptr, nullptr, nullptr, &error);
  if (result == nullptr || !bench_result_is_success (result))
    {
      std::fprintf (stderr, "%s: our run failed\n", target->id);
      return false;
    }
  guint n = 0;
  const double *samples = bench_result_get_samples (result, &n);
  out->ours_ns = bench_compare_median (samples, n);
  out->batch = (guint64) bench_result_get_metric_double (result, "iterations_per_sample", 1);
  bench_result_unref (result);

  gpointer state = target->setup != nullptr ? target->setup (target, &error) : nullptr;
  if (error != nullptr)
    {
      std::fprintf (stderr, "%s: setup failed: %s\n", target->id, error->message);
      g_error_free (error);
      return false;
    }
  guint64 batch = out->batch;
  benchmark::ClearRegisteredBenchmarks ();
  benchmark::RegisterBenchmark (target->id, [target, state, batch] (benchmark::State &st) {
      while (st.KeepRunningBatch ((benchmark::IterationCount) batch))
        {
          GError *failure = nullptr;

          if (!target->run_iterations (state, batch, &failure))
            {
              st.SkipWithError (failure != nullptr ? failure->message : "failed");
              g_clear_error (&failure);
              break;
            }
        }
    })
    ->Repetitions (10)
    ->MinTime (0.2)
    ->Unit (benchmark::kNanosecond)
    ->UseRealTime ();
  MedianReporter reporter;
  benchmark::RunSpecifiedBenchmarks (&reporter);
  if (target->teardown != nullptr)
    target->teardown (state);
  out->theirs_ns = reporter.median_ns;
  return reporter.error.empty () && reporter.median_ns > 0.0;
}

}  // namespace

int
main (int argc, char **argv)
{
  int gb_argc = 1;
  benchmark::Initialize (&gb_argc, argv);
  const BenchTarget * const *all = bench_targets_get_all ();
  int status = 0;

  std::printf ("%-16s %16s %18s %7s\n", "target", "ours median ns", "Google Benchmark", "ratio");
  for (guint i = 0; all[i] != nullptr; i++)
    {
      bool wanted = argc < 2;
      for (int a = 1; a < argc; a++)
        wanted |= std::strcmp (argv[a], all[i]->id) == 0;
      if (!wanted)
        continue;
      Measured m = {};
      if (!measure (all[i], &m))
        {
          status = 1;
          continue;
        }
      std::printf ("%-16s %16.3f %18.3f %7.3f   (batch %llu)\n", all[i]->id, m.ours_ns, m.theirs_ns,
                   m.ours_ns / m.theirs_ns, (unsigned long long) m.batch);
      std::fflush (stdout);
    }
  return status;
}
