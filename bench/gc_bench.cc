// bench/gc_bench.cc — the host cost of gostep's heap and collector (part of
// gostep_bench; bench/go/bench has the real-Go counterparts).
//
// Every benchmark here builds one Runtime (profile 1.19, go policy, verifier
// off, no event log) and times its loop inside the simulated program, as the
// rest of gostep_bench does (bench/bench_util.h). The object is Go's
//
//   type node struct { next *node; val int }   // 16 bytes, one pointer word
//
// in every benchmark, as in bench/go/bench.
//
//   BM_GcFullCycle/manual/procs:1  one full cycle, Gc().RunCycle() in manual mode
//                                  (Options::gc_manual: the caller steps the whole
//                                  cycle, sweep included), over a live list of
//                                  kGcNodes nodes. Go: runtime.GC() on the same list.
//   BM_GcFullCycle/auto/procs:P    the same cycle as gostep::GC() (runtime.GC) in
//                                  automatic mode: the caller parks while background
//                                  mark workers, bgsweep and the caller's own sweep
//                                  loop do the work under the scheduler.
//   BM_GcAlloc/gogc100/procs:1     one `sink = new(node)`: gostep::New + a store to a
//                                  Global, automatic mode, GOGC=100 (cycles run as the
//                                  pacer triggers them: their cost is in the figure)
//   BM_GcAlloc/gogcoff/procs:1     the same with GOGC=off: allocation alone
//   BM_GcPtrStore/<kind>_off       one `ns[i&mask].next = ns[(i*7+1)&mask]` through
//                                  gostep::Store, collector phase off (no barrier)
//   BM_GcPtrStore/<kind>_mark      the same in the mark phase (manual mode, the
//                                  cycle started and stepped to kMark, then left
//                                  there): the barrier <kind> records into the P's
//                                  buffer, and every full buffer (512 words: 256
//                                  hybrid stores, 512 others) is flushed, shading
//                                  the recorded pointers (none: nothing recorded)
//
// Counters (per operation unless said): cpu_ns (thread CPU); full cycle:
// virt_cycle_ms (virtual time of the cycle on the caller's P clock, sweep
// included), vclock_stw1_ms / vclock_mark_ms / vclock_stw2_ms (the gctrace
// clock fields of the last timed cycle), marked_mb (its heap2), sched_steps
// and gc_steps (scheduler steps and collector SingleSteps per cycle);
// allocation: gc_cycles (cycles started in the window), virt_ns, steps_per_op;
// stores: barrier_on (1 when the barrier was enabled throughout the window),
// flushes_per_kop (barrier-buffer flushes per 1000 stores), steps_per_op.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "bench/bench_util.h"
#include "runtime/go.h"
#include "runtime/heap.h"
#include "runtime/runtime.h"

namespace gostep::bench {
namespace {

using gc::GcPhase;

// kGcNodes is the live heap of the full-cycle benchmark: 1M nodes of 16
// bytes (16 MB), the "1M small live objects" of the real-Go baseline in
// ../shared/reference/toolchain-notes.md.
constexpr int kGcNodes = 1'000'000;

// kWarmAllocs allocations before the allocation window: the heap has grown to
// its steady state (GOGC=100 with a tiny live heap cycles every 4 MB, 256k
// nodes) and the first cycles' worker goroutines exist.
constexpr uint64_t kWarmAllocs = 300'000;

// kStoreNodes nodes are stored into and pointed to by the store benchmark
// (a power of two: the index is masked). 4096 × 16 B = 64 KiB, in cache.
constexpr uint64_t kStoreNodes = 4096;
constexpr uint64_t kWarmStores = 100'000;

// NodeType returns main.node: {next *node; val int}.
const gc::Type* NodeType() { return Types().Struct("main.node", 16, {0}); }

// BuildList makes head the first of n nodes: head = &node{next: head, val: i}
// for i in [0, n), the list bench/go builds, in the same allocation order.
void BuildList(const gc::Type* node, int n, Local& head) {
  Local fresh;
  for (int i = 0; i < n; ++i) {
    fresh = New(node);
    InitStore(fresh, 0, head);
    StoreInt(fresh, 8, static_cast<uint64_t>(i));
    head = fresh;
  }
}

// ListLength returns the number of nodes reachable from head.
int ListLength(gc::Ref head) {
  int n = 0;
  for (gc::Ref p = head; !p.nil(); p = Load(p, 0)) ++n;
  return n;
}

// GcTraceClock is the clock fields and heap2 of one gctrace line.
struct GcTraceClock {
  double stw1_ms = 0, mark_ms = 0, stw2_ms = 0, marked_mb = 0;
  bool ok = false;
};

// LastGcTrace parses the last "gc N @…" line of stderr (gc/gctrace.h).
GcTraceClock LastGcTrace(const std::string& err) {
  GcTraceClock c;
  size_t at = err.rfind("gc ");
  while (at != std::string::npos && at != 0 && err[at - 1] != '\n') at = err.rfind("gc ", at - 1);
  if (at == std::string::npos) return c;
  double cpu[5], heap0, heap1;
  int n = std::sscanf(err.c_str() + at, "gc %*u @%*fs %*d%%: %lf+%lf+%lf ms clock, %lf+%lf/%lf/%lf+%lf ms cpu, %lf->%lf->%lf MB",
                      &c.stw1_ms, &c.mark_ms, &c.stw2_ms, &cpu[0], &cpu[1], &cpu[2], &cpu[3], &cpu[4], &heap0, &heap1,
                      &c.marked_mb);
  c.ok = n == 11;
  return c;
}

// ==== Full cycle over a 1M-node heap =========================================

// GcFullCycle builds the list, runs one untimed cycle (the build's garbage
// freed, everything swept), then times one cycle per benchmark iteration.
// The list is walked at the end: all kGcNodes nodes must have survived.
void GcFullCycle(benchmark::State& state, bool manual) {
  runtime::Options o = Opts(static_cast<int>(state.range(0)), "go");
  o.gc_manual = manual;
  o.gc_verify = false;
  o.godebug = "gctrace=1";
  double cpu = 0, virt = 0;
  uint64_t sched_steps = 0, gc_steps = 0, cycles = 0;
  int survived = 0;
  runtime::Result r = RunProgramResult(state, o, [&] {
    Local head;
    BuildList(NodeType(), kGcNodes, head);
    auto cycle = [manual] { manual ? Gc().RunCycle() : gostep::GC(); };
    cycle();
    for (auto _ : state) {
      gc::Collector& c = Gc();
      uint64_t s0 = S().step(), g0 = c.collector_steps();
      gc::Nanos v0 = c.world().Now();
      Timed t;
      t.Start();
      cycle();
      t.Stop();
      state.SetIterationTime(t.wall());
      cpu += t.cpu();
      virt += static_cast<double>(c.world().Now() - v0);
      sched_steps += S().step() - s0;
      gc_steps += c.collector_steps() - g0;
      ++cycles;
    }
    survived = ListLength(head);
  });
  if (r.outcome != runtime::OutcomeKind::kExit || cycles == 0) return;
  if (survived != kGcNodes) {
    state.SkipWithError(("the list lost nodes: " + std::to_string(survived) + " left").c_str());
    return;
  }
  GcTraceClock tr = LastGcTrace(r.stderr_text);
  if (!tr.ok) {
    state.SkipWithError("no gctrace line on the simulated stderr");
    return;
  }
  double n = static_cast<double>(cycles);
  state.counters["cpu_ns"] = cpu * 1e9 / n;
  state.counters["virt_cycle_ms"] = virt / 1e6 / n;
  state.counters["vclock_stw1_ms"] = tr.stw1_ms;
  state.counters["vclock_mark_ms"] = tr.mark_ms;
  state.counters["vclock_stw2_ms"] = tr.stw2_ms;
  state.counters["marked_mb"] = tr.marked_mb;
  state.counters["sched_steps"] = static_cast<double>(sched_steps) / n;
  state.counters["gc_steps"] = static_cast<double>(gc_steps) / n;
}

void BM_GcFullCycle(benchmark::State& state, bool manual) { GcFullCycle(state, manual); }
BENCHMARK_CAPTURE(BM_GcFullCycle, manual, true)
    ->ArgName("procs")
    ->Arg(1)
    ->Iterations(3)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true)
    ->UseManualTime();
BENCHMARK_CAPTURE(BM_GcFullCycle, auto, false)
    ->ArgName("procs")
    ->Arg(1)
    ->Arg(2)
    ->Iterations(3)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true)
    ->UseManualTime();

// ==== Allocation throughput ==================================================

// GcAlloc times `sink = new(node)` in automatic mode: every node is garbage
// once the next one replaces it in the Global. With GOGC=100 the pacer starts
// cycles (their marking, sweeping and assists are in the figure); with
// GOGC=off none runs.
void GcAlloc(benchmark::State& state, const char* gogc) {
  runtime::Options o = Opts(static_cast<int>(state.range(0)), "go");
  o.gogc = gogc;
  o.gc_verify = false;
  while (state.KeepRunningBatch(state.max_iterations)) {
    const uint64_t n = static_cast<uint64_t>(state.max_iterations);
    Timed t;
    uint64_t steps = 0;
    uint32_t cycles = 0;
    gc::Nanos virt = 0;
    bool ok = RunProgram(state, o, [&] {
      const gc::Type* node = NodeType();
      Global sink;
      for (uint64_t i = 0; i < kWarmAllocs; ++i) sink = New(node);
      gc::Collector& c = Gc();
      uint64_t s0 = S().step();
      uint32_t c0 = c.cycles();
      gc::Nanos v0 = c.world().Now();
      t.Start();
      for (uint64_t i = 0; i < n; ++i) sink = New(node);
      t.Stop();
      steps = S().step() - s0;
      cycles = c.cycles() - c0;
      virt = c.world().Now() - v0;
    });
    if (!ok) return;
    double ops = static_cast<double>(n);
    t.Report(state, ops);
    state.counters["gc_cycles"] = cycles;
    state.counters["virt_ns"] = static_cast<double>(virt) / ops;
    state.counters["steps_per_op"] = static_cast<double>(steps) / ops;
  }
}

void BM_GcAlloc(benchmark::State& state, const char* gogc) { GcAlloc(state, gogc); }
BENCHMARK_CAPTURE(BM_GcAlloc, gogc100, "100")
    ->ArgName("procs")
    ->Arg(1)
    ->Iterations(2'000'000)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true)
    ->UseManualTime();
BENCHMARK_CAPTURE(BM_GcAlloc, gogcoff, "off")
    ->ArgName("procs")
    ->Arg(1)
    ->Iterations(2'000'000)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true)
    ->UseManualTime();

// ==== Pointer stores through the barrier =====================================

// GcPtrStore times `ns[i&mask].next = ns[(i*7+1)&mask]` over kStoreNodes
// nodes rooted by a []*node, in manual mode. With `mark`, a cycle is started
// and stepped to kMark (root jobs not yet run) and left there: no collector
// step runs during the window, so the figure is the barrier itself, its
// buffer and the flushes (after the warm-up every node is already marked, as
// a small working set is in Go: a flush finds each pointer marked).
// Nine repetitions, not five: a run is only ~0.15 s, and on a loaded machine
// a burst of contention can spoil two of five (their median moved by 50%).
void GcPtrStore(benchmark::State& state, const char* barrier, bool mark) {
  runtime::Options o = Opts(1, "go");
  o.gc_manual = true;
  o.gc_verify = false;
  o.barrier = barrier;
  while (state.KeepRunningBatch(state.max_iterations)) {
    const uint64_t n = static_cast<uint64_t>(state.max_iterations);
    Timed t;
    uint64_t steps = 0, flushes = 0;
    bool on = false;
    bool ok = RunProgram(state, o, [&] {
      gc::Collector& c = Gc();
      const gc::Type* node = NodeType();
      Local ns = New(Types().Pointer(), kStoreNodes);  // roots every node
      std::vector<gc::Ref> nodes(kStoreNodes);         // raw copies: rooted by ns
      for (uint64_t k = 0; k < kStoreNodes; ++k) {
        Local fresh = New(node);
        Store(ns, k * 8, fresh);
        nodes[k] = fresh;
      }
      if (mark) {
        c.Start(gc::TriggerKind::kCycle);
        while (c.phase() != GcPhase::kMark && c.SingleStep()) {
        }
      }
      constexpr uint64_t kMask = kStoreNodes - 1;
      for (uint64_t i = 0; i < kWarmStores; ++i) Store(nodes[i & kMask], 0, nodes[(i * 7 + 1) & kMask]);
      bool on0 = c.barrier_enabled();
      uint64_t s0 = S().step(), f0 = c.wbbuf_flushes();
      t.Start();
      for (uint64_t i = 0; i < n; ++i) Store(nodes[i & kMask], 0, nodes[(i * 7 + 1) & kMask]);
      t.Stop();
      steps = S().step() - s0;
      flushes = c.wbbuf_flushes() - f0;
      on = on0 && c.barrier_enabled();
      c.RunUntil(GcPhase::kOff);
    });
    if (!ok) return;
    if (on != mark) {
      state.SkipWithError(mark ? "the barrier was not on throughout the window" : "the barrier was on");
      return;
    }
    double ops = static_cast<double>(n);
    t.Report(state, ops);
    state.counters["barrier_on"] = on ? 1 : 0;
    state.counters["flushes_per_kop"] = static_cast<double>(flushes) * 1000 / ops;
    state.counters["steps_per_op"] = static_cast<double>(steps) / ops;
  }
}

void BM_GcPtrStore(benchmark::State& state, const char* barrier, bool mark) { GcPtrStore(state, barrier, mark); }
#define GOSTEP_PTR_STORE(name, barrier, mark)        \
  BENCHMARK_CAPTURE(BM_GcPtrStore, name, barrier, mark) \
      ->Iterations(5'000'000)                       \
      ->Repetitions(9)                              \
      ->ReportAggregatesOnly(true)                  \
      ->UseManualTime()
GOSTEP_PTR_STORE(hybrid_off, "hybrid", false);
GOSTEP_PTR_STORE(hybrid_mark, "hybrid", true);
GOSTEP_PTR_STORE(dijkstra_off, "dijkstra", false);
GOSTEP_PTR_STORE(dijkstra_mark, "dijkstra", true);
GOSTEP_PTR_STORE(yuasa_off, "yuasa", false);
GOSTEP_PTR_STORE(yuasa_mark, "yuasa", true);
GOSTEP_PTR_STORE(none_off, "none", false);
GOSTEP_PTR_STORE(none_mark, "none", true);
#undef GOSTEP_PTR_STORE

}  // namespace
}  // namespace gostep::bench
