// bench/bench_util.h — what every gostep_bench source shares: the two clocks
// of a timed window, the options of a benchmark run, running a program.
//
// A simulation benchmark builds one Runtime per benchmark run and runs its
// whole measured loop inside the simulated program. The program times itself
// (Timed) between two points of its own loop, after a warm-up, and reports
// the wall time with SetIterationTime (manual time) and the benchmark
// thread's CPU time as the counter cpu_ns, per operation. Every fiber of a
// run executes on the benchmark thread, so the thread's CPU time is the CPU
// the simulator spent, whatever other processes on the machine do.
#pragma once

#include <benchmark/benchmark.h>

#include <time.h>

#include <chrono>
#include <functional>
#include <string>
#include <utility>

#include "runtime/runtime.h"

namespace gostep::bench {

using Clock = std::chrono::steady_clock;

inline double Seconds(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); }

// CpuSeconds returns this thread's CPU time.
inline double CpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Timed is one timed section: wall time (reported as the benchmark's manual
// time) and thread CPU time (reported as the counter cpu_ns, per operation).
struct Timed {
  Clock::time_point w0, w1;
  double c0 = 0, c1 = 0;
  void Start() {
    c0 = CpuSeconds();
    w0 = Clock::now();
  }
  void Stop() {
    w1 = Clock::now();
    c1 = CpuSeconds();
  }
  double wall() const { return Seconds(w0, w1); }
  double cpu() const { return c1 - c0; }
  // Report sets the manual time of `ops` operations and the cpu_ns counter.
  void Report(benchmark::State& state, double ops) const {
    state.SetIterationTime(wall() * static_cast<double>(state.max_iterations) / ops);
    state.counters["cpu_ns"] = cpu() * 1e9 / ops;
  }
};

// Opts returns the options of a benchmark run: Go 1.19 (the real-Go
// baseline), no limits, no event log.
inline runtime::Options Opts(int procs, const char* policy) {
  runtime::Options o;
  o.version = "1.19";
  o.seed = 1;
  o.gomaxprocs = procs;
  o.policy = policy;
  o.limits.max_steps = 0;  // unlimited
  o.limits.max_goroutines = 0;
  o.limits.max_virtual_time = 0;
  o.limits.max_wall_seconds = 0;
  o.events = false;
  return o;
}

// RunProgram runs main in a fresh Runtime and fails the benchmark if the
// program did not exit normally; it returns the run's Result (outcome kExit
// on success).
inline runtime::Result RunProgramResult(benchmark::State& state, runtime::Options o, std::function<void()> main) {
  runtime::Runtime rt(std::move(o));
  runtime::Result r = rt.Run(std::move(main));
  if (r.outcome != runtime::OutcomeKind::kExit || r.exit_code != 0) {
    state.SkipWithError(("simulated program ended with " + runtime::OutcomeText(r)).c_str());
  }
  return r;
}

// RunProgram reports whether main ran to a normal exit (see RunProgramResult).
inline bool RunProgram(benchmark::State& state, runtime::Options o, std::function<void()> main) {
  runtime::Result r = RunProgramResult(state, std::move(o), std::move(main));
  return r.outcome == runtime::OutcomeKind::kExit && r.exit_code == 0;
}

}  // namespace gostep::bench
