// bench/gostep_bench.cc — the host cost of gostep's mechanisms (gostep_bench).
//
// Every simulation benchmark builds one Runtime per benchmark run and runs
// the whole measured loop inside the simulated program: the Google Benchmark
// iteration count is the number of operations the program performs. The
// program times itself between two points of its own loop, after a warm-up,
// and reports that with SetIterationTime (manual time), so building the
// Runtime, starting goroutines, tearing the run down and formatting the
// schedule file are not counted (they are in the "CPU" column, which is the
// whole run's process CPU time per operation). Per operation:
//
//   Time column   wall-clock ns in the window (steady_clock)
//   cpu_ns        CPU ns of the benchmark thread in the window
//                 (CLOCK_THREAD_CPUTIME_ID; all fibers run on that thread)
//
//   BM_BoostFiberSwitch/depth:0  one raw boost::context::fiber switch (two fibers ping-pong)
//   BM_BoostFiberSwitch/depth:N  the same, resumed from N nested calls (1, 4, 8)
//   BM_YieldPointSwitch/procs:2  one gostep::Loop() yield point, go policy, two busy
//                                goroutines: one fiber switch each (switches_per_op
//                                and steps_per_op check it)
//   BM_YieldPointNoSwitch/procs:1  one gostep::Loop() step with no switch (one goroutine)
//   BM_RandomPolicyStep/procs:2  one step under the random policy (its PickP draw and
//                                checkpoint recorded; rec_bytes_per_step)
//   BM_DecisionPathRandN         one DecisionPath::RandN draw, recording
//   BM_WyrandFastrandN           the generator alone
//   BM_GoschedPingPong/procs:1   one round trip: two gostep::Gosched() calls
//   BM_GoroutineCreateExit       one goroutine: gostep::Go of an empty function, run to exit
//   BM_ChanPingPong              one round trip on two unbuffered channels
//
// The heap and collector benchmarks (BM_GcFullCycle, BM_GcAlloc, BM_GcPtrStore)
// are in gc_bench.cc; the helpers both files use in bench_util.h.
//
// bench/README.md explains the figures; bench/run.sh compares them with real Go.
#include <benchmark/benchmark.h>
#include <boost/context/fiber.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "base/decision.h"
#include "base/prng.h"
#include "bench/bench_util.h"
#include "runtime/chan.h"
#include "runtime/go.h"
#include "runtime/runtime.h"
#include "scheduler/scheduler.h"

namespace {

namespace ctx = boost::context;
using gostep::bench::Opts;
using gostep::bench::RunProgram;
using gostep::bench::Timed;

// Window times operations [warm, warm + n) of a loop shared by one or more
// goroutines, and counts how often consecutive operations came from
// different goroutines (a goroutine switch on the host).
struct Window {
  uint64_t warm = 0;
  uint64_t n = 0;
  uint64_t ops = 0;
  int last = -1;
  uint64_t alternations = 0;
  Timed t;
  uint64_t step0 = 0, step1 = 0;
  size_t rec0 = 0, rec1 = 0;  // bytes of the decision-path recording

  // Tick is called by goroutine `id` before each operation; false: stop.
  bool Tick(int id) {
    uint64_t k = ops++;
    if (k == warm) {
      step0 = gostep::S().step();
      rec0 = gostep::S().path().size_bytes();
      t.Start();
    } else if (k == warm + n) {
      t.Stop();
      step1 = gostep::S().step();
      rec1 = gostep::S().path().size_bytes();
    }
    if (k > warm && k < warm + n && id != last) ++alternations;
    last = id;
    return k < warm + n;
  }
};

// Warm-up operations before the window. At gomaxprocs=2 the second P starts
// 5 µs of virtual time late (wakep latency) and its first steal of a running
// P's runnext sleeps 53 µs (runqgrab's usleep(3)): at 1 ns per Loop() that is
// about 60k yield points before the two goroutines alternate.
constexpr uint64_t kWarmLoops = 200'000;

// ==== Raw Boost.Context ======================================================

// ResumeAt resumes `f` from `depth` nested calls that are not inlined, so
// that the return path of the switch unwinds that many frames more, as a
// switch made inside a scheduler's call chain does (gostep's jump is made in
// Scheduler::SwitchAway, below the goroutine's own frame). The depth is part
// of the cost: the CPU's return-address predictor cannot follow a stack
// switch, so returns made after it can be mispredicted.
__attribute__((noinline)) void ResumeAt(int depth, ctx::fiber& f) {
  if (depth <= 1) {
    f = std::move(f).resume();
  } else {
    ResumeAt(depth - 1, f);
  }
  asm volatile("" ::: "memory");  // no tail call: every frame returns
}

inline void Resume(int depth, ctx::fiber& f) {
  if (depth == 0) {
    f = std::move(f).resume();  // the raw switch: resume() inlined in the loop
  } else {
    ResumeAt(depth, f);
  }
}

// Two fibers, A and B, resume each other; every resume() is one switch. The
// benchmark thread starts A; A times the ping-pong. Arg: extra call depth of
// each resume (0: the raw switch, resume() called from the loop itself).
void BM_BoostFiberSwitch(benchmark::State& state) {
  const int depth = static_cast<int>(state.range(0));
  while (state.KeepRunningBatch(state.max_iterations)) {
    const int64_t round_trips = state.max_iterations / 2;
    Timed t;
    ctx::fiber a([&](ctx::fiber&& host) {
      ctx::fiber b([depth](ctx::fiber&& back) {
        for (;;) Resume(depth, back);  // B -> A
        return std::move(back);
      });
      for (int i = 0; i < 1000; ++i) Resume(depth, b);  // warm-up
      t.Start();
      for (int64_t i = 0; i < round_trips; ++i) Resume(depth, b);  // A -> B -> A
      t.Stop();
      return std::move(host);  // destroying b unwinds B
    });
    a = std::move(a).resume();
    t.Report(state, static_cast<double>(2 * round_trips));
  }
}
BENCHMARK(BM_BoostFiberSwitch)
    ->ArgName("depth")
    ->Arg(0)
    ->Arg(1)
    ->Arg(4)
    ->Arg(8)
    ->Iterations(20'000'000)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true)
    ->UseManualTime();

// ==== Yield points ===========================================================

// Two goroutines loop calling gostep::Loop(), one per P. With both Ps busy and
// equal costs (1 ns per Loop) the go policy steps the P with the smaller
// clock, so the Ps alternate and every yield point switches to the other
// goroutine: one fiber switch per yield point. The counters check it:
// switches_per_op counts the alternations between consecutive yield points in
// the window (1.0 = every yield point switched goroutines), steps_per_op the
// scheduler steps per yield point (1.0 = one step each).
void YieldLoop(benchmark::State& state, const char* policy) {
  const int procs = static_cast<int>(state.range(0));
  while (state.KeepRunningBatch(state.max_iterations)) {
    Window w{.warm = kWarmLoops, .n = static_cast<uint64_t>(state.max_iterations)};
    Window* wp = &w;  // lives on the host stack: never swapped out
    bool ok = RunProgram(state, Opts(procs, policy), [wp, procs] {
      if (procs > 1) {
        gostep::Go([wp] {
          while (wp->Tick(2)) gostep::Loop();
        });
      }
      while (wp->Tick(1)) gostep::Loop();
    });
    if (!ok) return;
    double ops = static_cast<double>(w.n);
    double steps = static_cast<double>(w.step1 - w.step0);
    w.t.Report(state, ops);
    state.counters["switches_per_op"] = static_cast<double>(w.alternations) / (ops - 1);
    state.counters["steps_per_op"] = steps / ops;
    state.counters["rec_bytes_per_step"] = static_cast<double>(w.rec1 - w.rec0) / steps;
  }
}

void BM_YieldPointSwitch(benchmark::State& state) { YieldLoop(state, "go"); }
BENCHMARK(BM_YieldPointSwitch)
    ->ArgName("procs")
    ->Arg(2)
    ->Iterations(5'000'000)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true)
    ->UseManualTime();

// The same step without a switch: one goroutine calling gostep::Loop() at
// gomaxprocs=1 (every yield point is a step that picks the same goroutine).
void BM_YieldPointNoSwitch(benchmark::State& state) { YieldLoop(state, "go"); }
BENCHMARK(BM_YieldPointNoSwitch)
    ->ArgName("procs")
    ->Arg(1)
    ->Iterations(5'000'000)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true)
    ->UseManualTime();

// The random policy at gomaxprocs=2: every step draws the P to advance
// (PickP; a P other than the time-ordered default is also checkpointed), and
// a preemption draw is made when some G is runnable. Every draw and
// checkpoint is appended to the decision path. About half the steps switch
// goroutines (the draw picks the other P half the time). One operation is one
// gostep::Loop(), which is one step (steps_per_op).
void BM_RandomPolicyStep(benchmark::State& state) { YieldLoop(state, "random"); }
BENCHMARK(BM_RandomPolicyStep)
    ->ArgName("procs")
    ->Arg(2)
    ->Iterations(2'000'000)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true)
    ->UseManualTime();

// One DecisionPath::RandN draw in recording mode: Wyrand + fastrandn
// reduction + appending the draw to the recording. A fresh path every
// batch of 1M draws (as a run starts with an empty path) keeps memory
// bounded; only the draws are timed.
void BM_DecisionPathRandN(benchmark::State& state) {
  constexpr int64_t kBatch = 1'000'000;
  double wall = 0, cpu = 0;
  int64_t draws = 0;
  size_t rec_bytes = 0;
  while (state.KeepRunningBatch(kBatch)) {
    gostep::base::DecisionPath path(1);
    Timed t;
    t.Start();
    for (int64_t i = 0; i < kBatch; ++i) benchmark::DoNotOptimize(path.RandN(static_cast<uint64_t>(i), 5, 2));
    t.Stop();
    state.SetIterationTime(t.wall());
    rec_bytes += path.size_bytes();
    wall += t.wall();
    cpu += t.cpu();
    draws += kBatch;
  }
  state.counters["cpu_ns"] = cpu * 1e9 / static_cast<double>(draws);
  state.counters["rec_bytes_per_draw"] = static_cast<double>(rec_bytes) / static_cast<double>(draws);
}
BENCHMARK(BM_DecisionPathRandN)->Iterations(10'000'000)->Repetitions(5)->ReportAggregatesOnly(true)->UseManualTime();

// The generator alone (base::Wyrand::FastrandN), for scale: what a draw costs
// before it is recorded.
void BM_WyrandFastrandN(benchmark::State& state) {
  gostep::base::Wyrand rng(1);
  Timed t;
  t.Start();
  for (auto _ : state) benchmark::DoNotOptimize(rng.FastrandN(2));
  t.Stop();
  state.counters["cpu_ns"] = t.cpu() * 1e9 / static_cast<double>(state.iterations());
}
BENCHMARK(BM_WyrandFastrandN)->Repetitions(5)->ReportAggregatesOnly(true);

// ==== runtime.Gosched ========================================================

// Two goroutines call gostep::Gosched() in a loop at gomaxprocs=1: each
// Gosched puts its G on the global queue and the P takes the other. One
// iteration is one round trip (two Gosched calls), as in bench/go.
void BM_GoschedPingPong(benchmark::State& state) {
  while (state.KeepRunningBatch(state.max_iterations)) {
    Window w{.warm = 10'000, .n = 2 * static_cast<uint64_t>(state.max_iterations)};
    Window* wp = &w;
    bool ok = RunProgram(state, Opts(static_cast<int>(state.range(0)), "go"), [wp] {
      gostep::Go([wp] {
        while (wp->Tick(2)) gostep::Gosched();
      });
      while (wp->Tick(1)) gostep::Gosched();
    });
    if (!ok) return;
    w.t.Report(state, static_cast<double>(state.max_iterations));
    state.counters["switches_per_gosched"] = static_cast<double>(w.alternations) / static_cast<double>(w.n - 1);
  }
}
BENCHMARK(BM_GoschedPingPong)
    ->ArgName("procs")
    ->Arg(1)
    ->Iterations(1'000'000)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true)
    ->UseManualTime();

// ==== Goroutine create + exit ================================================

// main starts goroutines running an empty function (it bumps a host counter,
// which has no yield point), 64 at a time, and calls gostep::Gosched() until
// the batch has exited. One iteration is one goroutine created, run and
// exited; the Gosched calls are amortised over the batch. bench/go does the
// same in Go.
constexpr uint64_t kSpawnBatch = 64;

void BM_GoroutineCreateExit(benchmark::State& state) {
  while (state.KeepRunningBatch(state.max_iterations)) {
    const uint64_t n = static_cast<uint64_t>(state.max_iterations);
    Timed timed;
    uint64_t exited = 0;
    uint64_t* done = &exited;  // host stack: never swapped out
    Timed* t = &timed;
    bool ok = RunProgram(state, Opts(static_cast<int>(state.range(0)), "go"), [done, t, n] {
      uint64_t spawned = 0;
      auto run = [&](uint64_t count) {
        for (uint64_t i = 0; i < count;) {
          uint64_t b = std::min(kSpawnBatch, count - i);
          for (uint64_t j = 0; j < b; ++j) gostep::Go([done] { ++*done; });
          spawned += b;
          i += b;
          while (*done < spawned) gostep::Gosched();
        }
      };
      run(10'000);  // warm-up: Gs and stack slots allocated
      t->Start();
      run(n);
      t->Stop();
    });
    if (!ok) return;
    timed.Report(state, static_cast<double>(n));
  }
}
BENCHMARK(BM_GoroutineCreateExit)
    ->ArgName("procs")
    ->Arg(1)
    ->Arg(2)
    ->Iterations(1'000'000)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true)
    ->UseManualTime();

// ==== Channel ping-pong ======================================================

// main sends on ping and receives on pong; a second goroutine receives on
// ping and sends on pong (unbuffered channels). One iteration is one round
// trip: two sends, two receives, two parks and two wake-ups.
void BM_ChanPingPong(benchmark::State& state) {
  while (state.KeepRunningBatch(state.max_iterations)) {
    Window w{.warm = 10'000, .n = static_cast<uint64_t>(state.max_iterations)};
    Window* wp = &w;
    bool ok = RunProgram(state, Opts(static_cast<int>(state.range(0)), "go"), [wp] {
      auto ping = gostep::MakeChan<int>(0);
      auto pong = gostep::MakeChan<int>(0);
      gostep::Go([ping, pong] {
        for (;;) pong.Send(ping.Recv() + 1);
      });
      int v = 0;
      while (wp->Tick(1)) {
        ping.Send(v);
        v = pong.Recv();
      }
    });
    if (!ok) return;
    w.t.Report(state, static_cast<double>(w.n));
  }
}
BENCHMARK(BM_ChanPingPong)
    ->ArgName("procs")
    ->Arg(1)
    ->Arg(2)
    ->Iterations(1'000'000)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true)
    ->UseManualTime();

}  // namespace

BENCHMARK_MAIN();
