// The pacer in a whole run (issue 3, acceptance 4): a fixed allocation
// program under automatic GC, whose cycle count, trigger points and heap
// goals are computed by hand below from the formulas of docs/PACER.md.
//
// The program (GOMAXPROCS=1, GOGC=100): 488 live objects of 8 KiB without
// pointers (each its own one-page span, size class 8192: every allocation
// adds exactly 8192 bytes to heapLive), kept on main's stack; then 2000
// garbage objects of the same size. After each allocation that started a
// cycle, main sleeps until the cycle and its sweep are over (an idle mark
// worker and bgsweep do the work), so nothing is allocated during mark:
// heapLive at mark end equals heapLive at the trigger, and every cycle marks
// exactly the live set, M = 488 × 8192 = 3997696 bytes. Main is the only
// goroutine with roots, so the stack term (1.18+) is 2048 (_StackMin) and
// globals are 0.
//
// go1.17 (trigger ratio; startCycle raises the goal to heapLive + 1 MiB):
//   start: triggerRatio 7/8, heapMarked ⌊4 MiB/1.875⌋ = 2236962:
//     trigger max(⌊2236962 × 1.875⌋, heapMinimum 4194304) = 4194304 = 512 × 8 KiB:
//     cycle 1 at allocation 512 = garbage 24.
//   endCycle: goalGrowth (5242880−2236962)/2236962 = 1.34, actual 0.875,
//     error ≈ 0.47 > 0: the ratio rises past the 0.95 cap: 0.95.
//   commit: trigger = max(⌊M × 1.95⌋ = 7795507, 4194304, M + 1 MiB) = 7795507,
//     goal = 2M = 7995392. Next cycle after ⌈(7795507 − M)/8192⌉ = 464 garbage
//     objects; its error is again > 0 (0.26), so the ratio stays 0.95: every 464.
// go1.18 (design 44167; trigger = goal = 4 MiB at start):
//   cycle 1 at garbage 24; cons/mark = 0 (heapLive − trigger = 0), runway 0.
//   goal = M + (M + 2048) = 7997440; bounds: min = max(4 MiB, M + 1 MiB,
//   M + ⌊0.7 × 3999744⌋) = 6797516, max = M + max(⌊0.95 × 3999744⌋ = 3799756,
//   goal − 4 MiB = 3803136) = 7800832; trigger = clamp(goal − 0) = 7800832.
//   Every ⌈(7800832 − M)/8192⌉ = 465 garbage objects. Later cycles overshoot by
//   6144 bytes, so cons/mark becomes a few units: runway = consMark × 3 × 2048
//   stays far below goal − max = 196608, and the trigger stays at max.
// go1.19 (start: goal 4 MiB, trigger M0 + (4 MiB)/64 × 61 = 3997696 = 488 × 8 KiB):
//   cycle 1 at the last live allocation. goal = 7997440 (as 1.18);
//   (goal − M)/64 = 62496: max = M + 62496 × 61 = 7809952, min = M + 62496 × 45;
//   trigger = 7809952 while runway < goal − max = 187488: every
//   ⌈(7809952 − M)/8192⌉ = 466 garbage objects.
// go1.19, GOMEMLIMIT=7 MiB (7340032): the memory-limit goal is limit −
//   (mappedReady − heapFree − heapAlloc) − overage − 1 MiB = 7340032 − 0 − 0 −
//   1048576 = 6291456 (one object per page: no fragmentation; the heap never
//   passes the limit: no overage) < the GOGC goal 7997440, so it binds.
//   (goal − M)/64 = 35840: trigger = M + 35840 × 61 = 6183936 once the
//   cycle and sweep are over (no span cached). While main allocates, though,
//   the span it allocates from is cached and its object is not yet in
//   totalAlloc (mcache.refill counts a span's slots when it is uncached, as
//   in Go), so heapAlloc is 8192 short and nonHeap = 8192: the goal at the
//   trigger test is 6283264, the trigger M + ⌊(6283264 − M)/64⌋ × 61 =
//   6176128, reached after ⌈(6176128 − M)/8192⌉ = 266 garbage objects; the
//   gctrace goal (at endCycle, the span still cached) is 6283264: "5 MB".
#include <doctest/doctest.h>

#include "runtime/heap.h"
#include "runtime/time.h"
#include "tests/testing.h"

namespace gostep {
namespace {

using runtime::Options;
using runtime::OutcomeKind;
using runtime::Result;

struct CycleRecord {
  int garbage_index;  // the garbage allocation that started it (0: a live one)
  uint64_t goal;      // pacer heap goal once the cycle and its sweep are over
  uint64_t trigger;
};

std::vector<CycleRecord> RunProgram(const std::string& version, const std::string& gomemlimit, std::string* trace) {
  Options o = testing::Opts(version, 1);
  o.gomemlimit = gomemlimit;
  o.godebug = "gctrace=1";
  o.limits.max_steps = 0;
  std::vector<CycleRecord> cycles;
  Result r = testing::Run(o, [&] {
    gc::Collector& c = Gc();
    const gc::Type* page = Types().Scalar("[8192]byte", 8192);
    uint32_t seen = 0;
    auto settle = [&](int index) {
      if (c.cycles() == seen) return;
      seen = c.cycles();
      while (c.phase() != gc::GcPhase::kOff) Sleep(kMillisecond);
      cycles.push_back({index, c.pacer().HeapGoal(), c.pacer().Trigger()});
    };
    std::vector<Local> live;
    for (int i = 0; i < 488; ++i) {
      live.emplace_back(New(page));
      settle(0);
    }
    for (int g = 1; g <= 2000; ++g) {
      New(page);  // garbage
      settle(g);
    }
  });
  CHECK(r.outcome == OutcomeKind::kExit);
  *trace = r.stderr_text;
  return cycles;
}

std::vector<int> Indices(const std::vector<CycleRecord>& cs) {
  std::vector<int> out;
  for (const CycleRecord& c : cs) out.push_back(c.garbage_index);
  return out;
}

void CheckSteady(const std::vector<CycleRecord>& cs, uint64_t goal, uint64_t trigger) {
  for (const CycleRecord& c : cs) {
    CAPTURE(c.garbage_index);
    CHECK(c.goal == goal);
    CHECK(c.trigger == trigger);
  }
}

TEST_CASE("pacer run: go1.17, trigger-ratio controller") {
  std::string trace;
  auto cs = RunProgram("1.17", "", &trace);
  CHECK(Indices(cs) == std::vector<int>{24, 488, 952, 1416, 1880});
  CheckSteady(cs, 7995392, 7795507);
  // gctrace: cycle 1 starts at 4 MiB, its goal raised to heapLive + 1 MiB.
  CHECK(trace.find("gc 1 @") == 0);
  CHECK(trace.find("4->4->3 MB, 5 MB goal, 1 P") != std::string::npos);
  CHECK(trace.find("MB stacks") == std::string::npos);  // not printed before go1.18
}

TEST_CASE("pacer run: go1.18, the redesign counting stacks") {
  std::string trace;
  auto cs = RunProgram("1.18", "", &trace);
  CHECK(Indices(cs) == std::vector<int>{24, 489, 954, 1419, 1884});
  CheckSteady(cs, 7997440, 7800832);
}

TEST_CASE("pacer run: go1.19") {
  std::string trace;
  auto cs = RunProgram("1.19", "", &trace);
  CHECK(Indices(cs) == std::vector<int>{0, 466, 932, 1398, 1864});
  CheckSteady(cs, 7997440, 7809952);
  CHECK(trace.find("3->3->3 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 1 P\n") != std::string::npos);
  CHECK(trace.find("7->7->3 MB, 7 MB goal, 0 MB stacks, 0 MB globals, 1 P\n") != std::string::npos);
}

TEST_CASE("pacer run: go1.19 with GOMEMLIMIT below the GOGC goal") {
  std::string trace;
  auto cs = RunProgram("1.19", "7MiB", &trace);
  CHECK(Indices(cs) == std::vector<int>{0, 266, 532, 798, 1064, 1330, 1596, 1862});
  CheckSteady(cs, 6291456, 6183936);
  CHECK(trace.find("5->5->3 MB, 5 MB goal") != std::string::npos);
}

}  // namespace
}  // namespace gostep
