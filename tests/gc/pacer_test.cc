// gc/pacer: goals, triggers, workers, cons/mark, GOMEMLIMIT and the CPU
// limiter, per release, against numbers worked out by hand from the Go source.
//
// The synthetic program (Driver): a live set of L = 64 MiB made by one large
// allocation, then garbage in 1 MiB steps with no pointers (dHeapScan = 0).
// Each cycle marks exactly L, with heap scan work 32 MiB, stack work 256 KiB
// and globals work 1 MiB (go1.18+), one dedicated worker (GOMAXPROCS 4) for
// 10 ms, and Commit(sweep_done = false) at mark termination as
// gcMarkTermination does. Every expected value below is derived in the
// comment above it; "⌊x⌋" is Go's uint64(x) truncation.
#include <doctest/doctest.h>

#include <cstdint>

#include "base/version_profile.h"
#include "gc/cpu_limiter.h"
#include "gc/gc_env.h"
#include "gc/pacer.h"

namespace gostep::gc {
namespace {

constexpr uint64_t MiB = 1 << 20;
constexpr uint64_t kLive = 64 * MiB;          // 67108864
constexpr uint64_t kStep = 1 * MiB;           // 1048576
constexpr int64_t kHeapWork = 32 * MiB;       // 33554432
constexpr int64_t kStackWork = 256 << 10;     // 262144
constexpr int64_t kGlobalsWork = 1 * MiB;     // 1048576
constexpr int64_t kMarkTime = 10'000'000;     // 10 ms

const base::VersionProfile& Profile(const char* name) {
  const base::VersionProfile* p = base::FindProfile(name);
  REQUIRE(p != nullptr);
  return *p;
}

PacerSettings Settings(int32_t gogc = 100, int64_t limit = kNoMemoryLimit, uint64_t globals = 0) {
  PacerSettings s;
  s.gogc = gogc;
  s.memory_limit = limit;
  s.gomaxprocs = 4;
  s.globals_scan = globals;
  return s;
}

struct CycleSpec {
  int64_t assist = 0;             // assist time (ns)
  uint64_t alloc_during_mark = 0; // bytes allocated while marking
  bool forced = false;
};

// Driver runs the synthetic program against a Pacer.
struct Driver {
  Pacer* p;
  int64_t now = 1'000'000'000;
  uint64_t non_heap = 4 * MiB;  // mappedReady − heapAlloc, with heapFree = 0
  bool track_memory = false;

  void SyncMemory() {
    if (!track_memory) return;
    MemoryStats m;
    m.heap_alloc = p->heap_live();
    m.mapped_ready = m.heap_alloc + non_heap;
    p->SetMemoryStats(m);
  }
  void Alloc(uint64_t n) {
    p->Update(static_cast<int64_t>(n), 0);
    SyncMemory();
  }
  // AllocUntilTrigger allocates kStep at a time until the heap trigger fires
  // and returns the number of steps.
  int AllocUntilTrigger() {
    int steps = 0;
    while (!p->TestHeapTrigger()) {
      Alloc(kStep);
      ++steps;
      REQUIRE(steps < 100000);
    }
    return steps;
  }
  // Start: sweep termination, one dedicated worker, allocation during mark.
  void Start(const CycleSpec& c = {}) {
    p->StartCycle(now, 4, c.forced ? GcTriggerKind::kCycle : GcTriggerKind::kHeap);
    REQUIRE(p->FindRunnableGcWorker(now, true, true, 0) == MarkWorkerMode::kDedicated);
    if (c.alloc_during_mark != 0) Alloc(c.alloc_during_mark);
  }
  // Finish: the scan work, 10 ms of mark, mark done and mark termination.
  void Finish(const CycleSpec& c = {}) {
    p->AddScanWork(ScanWorkKind::kHeap, kHeapWork);
    p->AddScanWork(ScanWorkKind::kStack, kStackWork);
    p->AddScanWork(ScanWorkKind::kGlobals, kGlobalsWork);
    p->Revise();
    p->AddAssistTime(c.assist);
    now += kMarkTime;
    p->MarkWorkerStop(MarkWorkerMode::kDedicated, kMarkTime);
    p->EndCycle(now, 4, c.forced);
    p->ResetLive(kLive);
    p->Commit(/*sweep_done=*/false);
    SyncMemory();
    now += 1'000'000;
  }
  void Cycle(const CycleSpec& c = {}) {
    Start(c);
    Finish(c);
  }
};

// ==== go1.14–1.17: the trigger-ratio controller ===============================

TEST_CASE("pacer go1.17: initial trigger and goal") {
  Pacer p(Profile("1.17"), Settings());
  // init: triggerRatio 7/8, heapMarked = ⌊4194304 / 1.875⌋ = ⌊2236962.13⌋ = 2236962.
  CHECK(p.heap_marked() == 2236962);
  // goal = 2236962 + 2236962×100/100 = 4473924; trigger = ⌊2236962 × 1.875⌋ =
  // 4194303, raised to heapMinimum 4194304 (sweep done at gcinit).
  CHECK(p.HeapGoal() == 4473924);
  CHECK(p.Trigger() == 4194304);
  CHECK(p.trigger_ratio() == 0.875);
}

TEST_CASE("pacer go1.17: a fixed program, cycle by cycle") {
  Pacer p(Profile("1.17"), Settings());
  Driver d{&p};
  d.Alloc(kLive);  // heapLive 67108864 ≥ 4194304
  REQUIRE(p.TestHeapTrigger());
  d.Cycle();
  // Cycle 1: StartCycle raised the goal to heapLive + 1 MiB = 68157440.
  // endCycle (heapMarked is still the fake 2236962):
  //   goalGrowth = (68157440−2236962)/2236962 = 29.4686, actual = 67108864/2236962 − 1 = 29.0000,
  //   u = 0.25, error = 29.4686 − 0.875 − (0.25/0.30)(29.0000 − 0.875) = 5.156,
  //   ratio = 0.875 + 0.5 × 5.156 = 3.45 → commit clamps to 0.95 × 100/100.
  // trigger = ⌊67108864 × 1.95⌋ = ⌊130862284.8⌋ = 130862284 (> heapLive + 1 MiB),
  // goal = 67108864 × 2 = 134217728.
  CHECK(p.TraceHeapGoal() == 68157440);
  CHECK(p.trigger_ratio() == doctest::Approx(0.95));
  CHECK(p.Trigger() == 130862284);
  CHECK(p.HeapGoal() == 134217728);

  // Cycle 2: ⌈(130862284 − 67108864)/1048576⌉ = ⌈60.8⌉ = 61 steps → heapLive 131072000.
  CHECK(d.AllocUntilTrigger() == 61);
  CHECK(p.heap_live() == 131072000);
  d.Start();
  // revise: goal max(134217728, 131072000 + 1 MiB) = 134217728; expected scan work =
  // ⌊heapScan × 100/200⌋ = 33554432/2 = 16777216; remaining heap = 134217728 − 131072000
  // = 3145728 → assistWorkPerByte = 16777216/3145728 = 16/3.
  CHECK(p.assist_work_per_byte() == doctest::Approx(16.0 / 3.0));
  CHECK(p.dedicated_mark_workers_needed() == 0);  // the one dedicated worker is running
  //   actual = 131072000/67108864 − 1 = 0.953125 (= 61/64),
  //   error = 1 − 0.95 − (0.25/0.30)(0.953125 − 0.95) = 0.0473958,
  //   ratio = 0.95 + 0.0236979 = 0.9737 → clamped to 0.95 again by commit.
  p.AddScanWork(ScanWorkKind::kHeap, kHeapWork);
  d.now += kMarkTime;
  p.MarkWorkerStop(MarkWorkerMode::kDedicated, kMarkTime);
  p.EndCycle(d.now, 4, false);
  CHECK(p.trigger_ratio() == doctest::Approx(0.9736979167));
  p.ResetLive(kLive);
  p.Commit(false);
  CHECK(p.trigger_ratio() == doctest::Approx(0.95));
  CHECK(p.Trigger() == 130862284);
  CHECK(p.HeapGoal() == 134217728);

  // Cycle 3: 61 steps again (heapLive 131072000); during mark the program
  // allocates 8 MiB more (heapLive 139460608) and assists take 4 ms of the
  // 10 ms × 4 Ps:  u = 0.25 + 4e6/4e7 = 0.35, actual = 139460608/67108864 − 1
  // = 1.078125 = 69/64, error = 1 − 0.95 − (0.35/0.30)(1.078125 − 0.95)
  // = 0.05 − (7/6)(41/320) = −191/1920, ratio = 0.95 − 191/3840 = 3457/3840
  // = 0.9002604 (inside [0.6, 0.95]).
  // trigger = ⌊67108864 × 7297/3840⌋ = ⌊127524317.87⌋ = 127524317.
  CHECK(d.AllocUntilTrigger() == 61);
  d.Cycle({.assist = 4'000'000, .alloc_during_mark = 8 * MiB});
  CHECK(p.trigger_ratio() == doctest::Approx(3457.0 / 3840.0));
  CHECK(p.Trigger() == 127524317);
  CHECK(p.HeapGoal() == 134217728);
  // Cycle 4 starts ⌈(127524317 − 67108864)/1048576⌉ = ⌈57.6⌉ = 58 steps later.
  CHECK(d.AllocUntilTrigger() == 58);
}

TEST_CASE("pacer go1.17: number of cycles for a total allocation") {
  Pacer p(Profile("1.17"), Settings());
  Driver d{&p};
  d.Alloc(kLive);
  d.Cycle();
  // Without assists every later cycle clamps to ratio 0.95 (see the cycle 2
  // arithmetic above), so one cycle per 61 steps: 200 steps → cycles after
  // steps 61, 122, 183; heapLive ends at 64 MiB + 17 MiB.
  int cycles = 0;
  for (int step = 0; step < 200; ++step) {
    d.Alloc(kStep);
    if (p.TestHeapTrigger()) {
      d.Cycle();
      ++cycles;
      CHECK(p.Trigger() == 130862284);
    }
  }
  CHECK(cycles == 3);
  CHECK(p.heap_live() == kLive + 17 * MiB);
}

TEST_CASE("pacer go1.17: GOGC=50 and GOGC=200 scale the goal and the ratio bounds") {
  SUBCASE("GOGC=50") {
    Pacer p(Profile("1.17"), Settings(50));
    // heapMinimum = 4 MiB × 50/100 = 2097152. init: goal = 2236962 + 1118481 = 3355443;
    // ratio 0.875 > 0.95 × 0.5 = 0.475 → 0.475; trigger = ⌊2236962 × 1.475⌋ = 3299518.
    CHECK(p.heap_minimum() == 2097152);
    CHECK(p.HeapGoal() == 3355443);
    CHECK(p.Trigger() == 3299518);
    Driver d{&p};
    d.Alloc(kLive);
    d.Cycle();
    // goal = 67108864 × 1.5 = 100663296; ratio clamps to 0.475:
    // trigger = ⌊67108864 × 1.475⌋ = ⌊98985574.4⌋ = 98985574.
    CHECK(p.HeapGoal() == 100663296);
    CHECK(p.Trigger() == 98985574);
  }
  SUBCASE("GOGC=200") {
    Pacer p(Profile("1.17"), Settings(200));
    // heapMinimum = 8 MiB. init: goal = 2236962 × 3 = 6710886; ratio 0.875 < 0.6 × 2
    // → 1.2; trigger = ⌊2236962 × 2.2⌋ = 4921316 < heapMinimum → 8388608, and the
    // goal is raised to the trigger.
    CHECK(p.Trigger() == 8388608);
    CHECK(p.HeapGoal() == 8388608);
    Driver d{&p};
    d.Alloc(kLive);
    d.Cycle();
    // goal = 3 × 67108864 = 201326592; ratio clamps to 0.95 × 2 = 1.9:
    // trigger = ⌊67108864 × 2.9⌋ = ⌊194615705.6⌋ = 194615705.
    CHECK(p.HeapGoal() == 201326592);
    CHECK(p.Trigger() == 194615705);
  }
}

TEST_CASE("pacer go1.14.1 unscaled minTriggerRatio vs go1.14.2+ (Go issue 37927), GOGC=50") {
  // Both: cycle 1 as in the GOGC=50 case (trigger 98985574, goal 100663296).
  // Cycle 2 starts after ⌈(98985574 − 67108864)/1048576⌉ = 31 steps (heapLive
  // 99614720), allocates to 128 MiB during mark, and assists fill half the CPU:
  //   u = 0.25 + 2e7/4e7 = 0.75, goalGrowth = (100663296 − 67108864)/67108864 = 0.5,
  //   actual = 134217728/67108864 − 1 = 1, error = 0.5 − 0.475 − (0.75/0.30)(1 − 0.475)
  //   = −1.2875, ratio = 0.475 − 0.64375 = −0.16875.
  for (const char* version : {"1.14.1", "1.14", "1.15"}) {
    CAPTURE(version);
    Pacer p(Profile(version), Settings(50));
    Driver d{&p};
    d.Alloc(kLive);
    d.Cycle();
    CHECK(p.Trigger() == 98985574);
    CHECK(d.AllocUntilTrigger() == 31);
    d.Cycle({.assist = 20'000'000, .alloc_during_mark = 2 * kLive - 99614720});  // to 128 MiB
    if (p.traits().unscaled_min_trigger) {
      // go1.14.1: −0.16875 < 0.6 → 0.6 (never scaled, above the 0.475 cap):
      // trigger = ⌊67108864 × 1.6⌋ = ⌊107374182.4⌋ = 107374182 > goal 100663296,
      // so the goal is pushed up to the trigger: GOGC=50 paces like GOGC=60.
      CHECK(p.trigger_ratio() == doctest::Approx(0.6));
      CHECK(p.Trigger() == 107374182);
      CHECK(p.HeapGoal() == 107374182);
    } else {
      // go1.14.2+: clamped to 0.6 × 0.5 = 0.3: trigger = ⌊67108864 × 1.3⌋ = 87241523.
      CHECK(p.trigger_ratio() == doctest::Approx(0.3));
      CHECK(p.Trigger() == 87241523);
      CHECK(p.HeapGoal() == 100663296);
    }
  }
}

TEST_CASE("pacer: a forced cycle leaves the trigger ratio alone before go1.18") {
  Pacer p(Profile("1.16"), Settings());
  Driver d{&p};
  d.Alloc(kLive);
  d.Cycle({.forced = true});
  // endCycle returns the old ratio 0.875; commit keeps it inside [0.6, 0.95]:
  // trigger = ⌊67108864 × 1.875⌋ = 125829120.
  CHECK(p.trigger_ratio() == 0.875);
  CHECK(p.Trigger() == 125829120);
}

// ==== go1.18: the redesign with a stored goal =================================

TEST_CASE("pacer go1.18: stacks and globals in the goal, PI-smoothed cons/mark") {
  Pacer p(Profile("1.18"), Settings(100, kNoMemoryLimit, /*globals=*/1 * MiB));
  // init: heapMarked 0, goal = 0 + (0 + 0 + 1 MiB) × 1 = 1048576; minTrigger =
  // heapMinimum 4194304; maxTrigger = ⌊0.95 × 1048576⌋ = 996147 → raised to 4194304;
  // trigger = goal − 0 → 4194304, and the goal is raised to the trigger.
  CHECK(p.Trigger() == 4194304);
  CHECK(p.HeapGoal() == 4194304);
  p.AddScannableStack(nullptr, 512 << 10);  // goroutine stacks: 512 KiB allocated
  Driver d{&p};
  d.Alloc(kLive);
  d.Cycle();
  // startCycle: stackScan = 524288; goal raised to heapLive + 64 KiB = 67174400.
  CHECK(p.TraceHeapGoal() == 67174400);
  CHECK(p.TraceStackScan() == 524288);
  // endCycle: scan work = 33554432 + 262144 + 1048576 = 34865152 (= 133 × 256 KiB),
  // cons/mark = (67108864 − 4194304) × 0.25 / (34865152 × 0.75) = 60/99.75 = 0.6015038;
  // PI from 0: output = 0.9 × 0.6015038 = 0.5413534 (integral 0.225 × 0.6015038).
  CHECK(p.cons_mark() == doctest::Approx(0.9 * 60 / 99.75));
  // commit: goal = 67108864 + (67108864 + 524288 + 1048576) = 135790592;
  // minTrigger = max(heapMinimum, heapLive + 1 MiB, 67108864 + ⌊0.7 × 68681728⌋)
  //            = 67108864 + 48077209 = 115186073;
  // runway = ⌊0.5413534 × 3 × (33554432 + 524288 + 1048576)⌋ = ⌊35127296 × 648/399⌋ = 57048841;
  // goal − runway = 78741751 < minTrigger → trigger = 115186073.
  CHECK(p.runway() == 57048841);
  CHECK(p.HeapGoal() == 135790592);
  CHECK(p.Trigger() == 115186073);

  // Cycle 2: ⌈(115186073 − 67108864)/1048576⌉ = ⌈45.85⌉ = 46 steps → heapLive 115343360.
  CHECK(d.AllocUntilTrigger() == 46);
  d.Cycle();
  // cons/mark = (115343360 − 115186073) × 0.25 / 26148864 = 0.0015038;
  // PI: 0.9 × (0.0015038 − 0.5413534) + 0.225 × 0.6015038 = −0.3505263.
  CHECK(p.cons_mark() == doctest::Approx(0.9 * (157287 * 0.25 / 26148864 - 0.9 * 60 / 99.75) +
                                         0.225 * 60 / 99.75));
  // A negative runway converts to a huge uint64 (amd64), "runway > goal":
  // trigger = minTrigger = 115186073 again.
  CHECK(p.Trigger() == 115186073);
  CHECK(p.HeapGoal() == 135790592);
}

// ==== go1.19: dynamic goal, GOMEMLIMIT ========================================

TEST_CASE("pacer go1.19: initial trigger is 45/64..61/64 of the way to 4 MiB") {
  Pacer p(Profile("1.19"), Settings());
  // gcPercentHeapGoal = max(0, heapMinimum) = 4194304; trigger() with heapMarked 0:
  // lower = (4194304/64) × 45 = 2949120, upper = 65536 × 61 = 3997696, runway 0
  // → goal − 0 clamped to 3997696. (Real go1.19 prints "3->3->3 MB, 4 MB goal" first.)
  CHECK(p.HeapGoal() == 4194304);
  CHECK(p.Trigger() == 3997696);
}

// Runs cycle 1 of the go1.19 program; shared by the limit / no-limit tests.
void Go119Cycle1(Pacer* p, Driver* d) {
  p->AddScannableStack(nullptr, 512 << 10);
  d->Alloc(kLive);
  REQUIRE(p->TestHeapTrigger());
  d->Cycle();
  // triggered = trigger() at startCycle = 3997696 (go1.19: the precomputed trigger).
  // cons/mark = (67108864 − 3997696) × 0.25 / 26148864 = 60.1875/99.75 = 0.6033835,
  // PI output 0.9 × that; runway = ⌊2.7 × 0.6033835 × 34865152⌋ = ⌊216.675 × 262144⌋
  // = ⌊56800051.2⌋ = 56800051; lastStackScan = 262144 (scanned, not allocated).
  CHECK(p->cons_mark() == doctest::Approx(0.9 * 60.1875 / 99.75));
  CHECK(p->runway() == 56800051);
  CHECK(p->last_stack_scan() == 262144);
  CHECK(p->TraceStackScan() == 524288);  // go1.19 prints maxStackScan
}

TEST_CASE("pacer go1.19: without a memory limit") {
  Pacer p(Profile("1.19"), Settings(100, kNoMemoryLimit, 1 * MiB));
  Driver d{&p};
  Go119Cycle1(&p, &d);
  // gcPercentHeapGoal = 67108864 + (67108864 + 262144 + 1048576) = 135528448.
  // trigger: lower = ((135528448 − 67108864)/64) × 45 + 67108864 = 1069056 × 45
  // + 67108864 = 115216384 (> sweep bound 68157440); upper = 1069056 × 61 +
  // 67108864 = 132321280; goal − runway = 78728397 → raised to 115216384.
  CHECK(p.HeapGoal() == 135528448);
  CHECK(p.Trigger() == 115216384);
  CHECK(p.TraceHeapGoal() == 4194304);  // lastHeapGoal: the goal when cycle 1 ended
}

TEST_CASE("pacer go1.19: GOMEMLIMIT below the GOGC goal, three cycles") {
  // GOMEMLIMIT = 100 MiB, 4 MiB of non-heap memory (mappedReady = heapAlloc + 4 MiB).
  Pacer p(Profile("1.19"), Settings(100, 100 * MiB, 1 * MiB));
  Driver d{&p, 1'000'000'000, 4 * MiB, true};
  d.SyncMemory();
  Go119Cycle1(&p, &d);
  // memoryLimitHeapGoal = 104857600 − (4194304 + 0) − 1 MiB = 99614720 < 135528448:
  // the memory-limited regime (no sweep bound, no minRunway).
  // trigger: lower = ((99614720 − 67108864)/64) × 45 + 67108864 = 507904 × 45 +
  // 67108864 = 89964544; upper = 507904 × 61 + 67108864 = 98091008 (goal − 4 MiB =
  // 95420416 is smaller); goal − runway = 42814669 → 89964544.
  CHECK(p.HeapGoal() == 99614720);
  CHECK(p.Trigger() == 89964544);
  // Cycle 2 after ⌈(89964544 − 67108864)/1048576⌉ = ⌈21.8⌉ = 22 steps (heapLive 90177536).
  CHECK(d.AllocUntilTrigger() == 22);
  d.Start();
  // revise: expected work 34865152 over 99614720 − 90177536 = 9437184 bytes:
  // assistWorkPerByte = 133/36.
  CHECK(p.triggered() == 89964544);
  CHECK(p.assist_work_per_byte() == doctest::Approx(133.0 / 36.0));
  // Finish cycle 2: cons/mark c2 = (90177536 − 89964544) × 0.25 / 26148864 = 0.0020363;
  // PI: 0.9 × (c2 − 0.5430451) + 0.225 × 0.6033835 = −0.3511466; negative runway → trigger =
  // the lower bound 89964544 again.
  d.Finish();
  const double c1 = 60.1875 / 99.75, c2 = 212992 * 0.25 / 26148864;
  const double m2 = 0.9 * (c2 - 0.9 * c1) + 0.225 * c1;
  CHECK(p.cons_mark() == doctest::Approx(m2));
  CHECK(p.TraceHeapGoal() == 99614720);
  CHECK(p.Trigger() == 89964544);
  // Cycle 3: 22 steps, same c; PI: 0.9 × (c2 − m2) + integral (0.225 c1 + 0.225 (c2 − 0.9 c1))
  // = 0.3318990 → runway ⌊0.995697 × 34865152⌋ ≈ 34.7 MB; goal − runway ≈ 64.9 MB
  // < lower bound → trigger 89964544.
  CHECK(d.AllocUntilTrigger() == 22);
  d.Cycle();
  CHECK(p.cons_mark() == doctest::Approx(0.9 * (c2 - m2) + 0.225 * c1 + 0.225 * (c2 - 0.9 * c1)));
  CHECK(p.Trigger() == 89964544);
  CHECK(p.HeapGoal() == 99614720);
  CHECK(p.Trigger() <= p.HeapGoal());
}

TEST_CASE("pacer go1.19+: memoryLimitHeapGoal corner cases and the go1.21 3% headroom") {
  auto goal = [](const char* version, int64_t limit, MemoryStats m) {
    Pacer p(Profile(version), Settings(-1, limit));  // GOGC=off: only the limit sets the goal
    p.SetMemoryStats(m);
    return p.HeapGoal();
  };
  // 100 MiB limit, 4 MiB non-heap: 104857600 − 4194304 = 100663296, minus 1 MiB (go1.19)
  // = 99614720, or minus ⌊100663296/100⌋ × 3 = 3019896 (go1.21) = 97643400.
  MemoryStats four_mib{4 * MiB, 0, 0};
  CHECK(goal("1.19", 100 * MiB, four_mib) == 99614720);
  CHECK(goal("1.20", 100 * MiB, four_mib) == 99614720);
  CHECK(goal("1.21", 100 * MiB, four_mib) == 97643400);
  // Over the limit: mappedReady 110 MiB with 100 MiB of objects: nonHeap 10 MiB,
  // overage 10 MiB → 100 − 20 − 1 = 79 MiB.
  CHECK(goal("1.19", 100 * MiB, {110 * MiB, 0, 100 * MiB}) == 79 * MiB);
  // heapFree is not counted against the limit: 20 MiB free, 50 MiB objects, 74 MiB mapped
  // → nonHeap 4 MiB → 99614720 again.
  CHECK(goal("1.19", 100 * MiB, {74 * MiB, 20 * MiB, 50 * MiB}) == 99614720);
  // Small limits: 3 MiB − 1 MiB non-heap = 2 MiB → 2 MiB − 1 MiB = 1 MiB;
  // 2.5 MiB → 1.5 MiB, and 1.5 − 1 < 1 → the headroom itself, 1 MiB.
  CHECK(goal("1.19", 3 * MiB, {1 * MiB, 0, 0}) == 1 * MiB);
  CHECK(goal("1.19", 5 * MiB / 2, {1 * MiB, 0, 0}) == 1 * MiB);
  // Non-heap memory alone over the limit: the goal is heapMarked (0 here).
  CHECK(goal("1.19", 3 * MiB, {3 * MiB, 0, 0}) == 0);
  // Before go1.19 GOMEMLIMIT does not exist: GOGC=off means no goal at all.
  CHECK(goal("1.18", 100 * MiB, four_mib) == kNoGoal);
}

TEST_CASE("pacer: GOGC=off — no heap trigger, no goal (but GOMEMLIMIT still applies in go1.19+)") {
  for (const base::VersionProfile& v : base::AllProfiles()) {
    CAPTURE(v.name);
    Pacer p(v, Settings(-1));
    CHECK(p.gc_percent() == -1);
    p.Update(int64_t{1} << 40, 0);  // 1 TiB allocated
    CHECK_FALSE(p.TestHeapTrigger());
    CHECK_FALSE(p.TestTimeTrigger(10 * kForceGcPeriod, 1));
    if (!v.memory_limit) {
      // go1.14–1.18: goal ^uint64(0). (go1.18's trigger is 0.7 × 2^64, not ^0.)
      CHECK(p.HeapGoal() == kNoGoal);
    } else {
      // go1.19+: the memory-limit goal with limit MaxInt64 and zero stats:
      // 9223372036854775807 − 1048576 = 9223372036853727231 (go1.19/1.20); go1.21+
      // takes ⌊(2^63−1)/100⌋ × 3 = 276701161105643274 instead of 1 MiB.
      uint64_t want = v.pacer == base::PacerModel::kConsMarkMax4 ? 9223372036854775807ull - 276701161105643274ull
                                                                   : 9223372036853727231ull;
      CHECK(p.HeapGoal() == want);
      CHECK(p.Trigger() == want - kDefaultHeapMinimum);  // upper bound goal − 4 MiB
    }
  }
}

TEST_CASE("pacer: heapMinimum = 4 MiB × GOGC/100 holds small heaps up") {
  // A 1 MiB live heap: the GOGC goal would be 2 MiB.
  for (const char* version : {"1.17", "1.19"}) {
    CAPTURE(version);
    for (int32_t gogc : {100, 200}) {
      CAPTURE(gogc);
      Pacer p(Profile(version), Settings(gogc));
      uint64_t minimum = kDefaultHeapMinimum * static_cast<uint64_t>(gogc) / 100;
      CHECK(p.heap_minimum() == minimum);
      p.Update(static_cast<int64_t>(minimum), 0);
      p.StartCycle(0, 4, GcTriggerKind::kHeap);
      p.EndCycle(1'000'000, 4, false);
      p.ResetLive(1 * MiB);
      p.Commit(true);
      // go1.17: trigger = max(1 MiB × (1 + ratio), heapMinimum) = heapMinimum, goal raised to it.
      // go1.19: gcPercentHeapGoal = max(1 MiB × (1 + GOGC/100), heapMinimum) = heapMinimum.
      CHECK(p.HeapGoal() == minimum);
      CHECK(p.Trigger() <= minimum);
      CHECK(p.Trigger() > 1 * MiB);
    }
  }
}

TEST_CASE("pacer: the time trigger (forcegcperiod = 2 min, off with GOGC<0)") {
  Pacer p(Profile("1.19"), Settings());
  CHECK_FALSE(p.TestTimeTrigger(kForceGcPeriod + 100, 0));    // no GC yet: lastgc == 0
  CHECK_FALSE(p.TestTimeTrigger(kForceGcPeriod + 100, 100));  // exactly 2 min: not >
  CHECK(p.TestTimeTrigger(kForceGcPeriod + 101, 100));
  p.SetGcPercent(-1, true);
  CHECK_FALSE(p.TestTimeTrigger(10 * kForceGcPeriod, 100));
}

// ==== Cons/mark smoothing and the trigger point, go1.20 and go1.21 ============

TEST_CASE("pacer go1.20/1.21: triggered = heapLive at startCycle, average of 2 vs max of 4") {
  // Cycle 1 starts at heapLive = 64 MiB = triggered, allocates nothing while
  // marking: heapLive − triggered = 0 and endCycle updates nothing.
  // Cycle 2 allocates 4 MiB while marking: c2 = 4194304 × 0.25 / 26148864 = 4/99.75.
  // Cycle 3 allocates 2 MiB: c3 = 2/99.75.
  //   go1.20: consMark = (c + previous c)/2: c2/2, then (c3 + c2)/2.
  //   go1.21: consMark = max(c, last 4):     c2,   then max(c3, c2) = c2.
  const double c2 = 4 / 99.75, c3 = 2 / 99.75;
  for (const char* version : {"1.20", "1.21"}) {
    CAPTURE(version);
    Pacer p(Profile(version), Settings(100, kNoMemoryLimit, 1 * MiB));
    Driver d{&p};
    d.Alloc(kLive);
    d.Start();
    CHECK(p.triggered() == kLive);
    d.Finish();
    CHECK(p.cons_mark() == 0);
    CHECK(d.AllocUntilTrigger() > 0);
    d.Cycle({.alloc_during_mark = 4 * MiB});
    bool avg = p.traits().smoothing == ConsMarkSmoothing::kAvg2;
    CHECK(p.cons_mark() == doctest::Approx(avg ? c2 / 2 : c2));
    CHECK(d.AllocUntilTrigger() > 0);
    d.Cycle({.alloc_during_mark = 2 * MiB});
    CHECK(p.cons_mark() == doctest::Approx(avg ? (c3 + c2) / 2 : c2));
    CHECK(p.Trigger() <= p.HeapGoal());
  }
}

// ==== Workers ==================================================================

TEST_CASE("pacer: dedicated and fractional workers for GOMAXPROCS 1,2,3,4,6,8") {
  // total = 0.25 × procs, dedicated = ⌊total + 0.5⌋; if |dedicated/total − 1| > 0.3,
  // drop one if over and fractional = (total − dedicated)/procs:
  //   1: 0.25 → 0 (error −1)       → 0 + 0.25/1
  //   2: 0.5  → 1 (error +1, over) → 0 + 0.5/2 = 0.25
  //   3: 0.75 → 1 (error +1/3)     → 0 + 0.75/3 = 0.25
  //   4: 1    → 1 (error 0)        → 1 + 0
  //   6: 1.5  → 2 (error +1/3)     → 1 + 0.5/6
  //   8: 2    → 2                  → 2 + 0
  struct Want {
    int32_t procs;
    int64_t dedicated;
    double fractional;
  };
  for (Want w : {Want{1, 0, 0.25}, Want{2, 0, 0.25}, Want{3, 0, 0.25}, Want{4, 1, 0}, Want{6, 1, 0.5 / 6},
                 Want{8, 2, 0}}) {
    CAPTURE(w.procs);
    Pacer p(Profile("1.19"), Settings());
    p.StartCycle(0, w.procs, GcTriggerKind::kHeap);
    CHECK(p.dedicated_mark_workers_needed() == w.dedicated);
    CHECK(p.fractional_utilization_goal() == doctest::Approx(w.fractional));
    CHECK(p.max_idle_mark_workers() == w.procs - w.dedicated);
    p.StartCycle(0, w.procs, GcTriggerKind::kTime);  // periodic GC, Go issue 44163
    CHECK(p.max_idle_mark_workers() == (w.dedicated > 0 ? 0 : 1));
  }
}

TEST_CASE("pacer: findRunnableGCWorker chooses dedicated, then fractional while behind") {
  Pacer p(Profile("1.19"), Settings());
  p.StartCycle(1000, 6, GcTriggerKind::kHeap);  // 1 dedicated + fractional 1/12
  CHECK(p.FindRunnableGcWorker(1000, false, true, 0) == MarkWorkerMode::kNotWorker);  // no work
  CHECK(p.FindRunnableGcWorker(1000, true, false, 0) == MarkWorkerMode::kNotWorker);  // no worker G
  CHECK(p.FindRunnableGcWorker(1000, true, true, 0) == MarkWorkerMode::kDedicated);
  CHECK(p.dedicated_mark_workers_needed() == 0);
  // 12 ms after mark start a P with 1 ms of fractional time is at 1/12: not above
  // the goal → fractional; with 1.1 ms it is ahead → none.
  CHECK(p.FindRunnableGcWorker(1000 + 12'000'000, true, true, 1'000'000) == MarkWorkerMode::kFractional);
  CHECK(p.FindRunnableGcWorker(1000 + 12'000'000, true, true, 1'100'000) == MarkWorkerMode::kNotWorker);
  // pollFractionalWorkerExit: exit above 1.2 × 1/12 = 0.1 of the elapsed time
  // (1.1 ms / 12 ms = 0.092 stays, 1.3 ms / 12 ms = 0.108 exits).
  CHECK_FALSE(p.PollFractionalWorkerExit(1000 + 12'000'000, 1'100'000));
  CHECK(p.PollFractionalWorkerExit(1000 + 12'000'000, 1'300'000));
  p.MarkWorkerStop(MarkWorkerMode::kDedicated, 5'000'000);
  CHECK(p.dedicated_mark_workers_needed() == 1);
  CHECK(p.dedicated_mark_time() == 5'000'000);
  // Idle workers: at most 6 − 1 = 5 at once in go1.19.
  for (int i = 0; i < 5; ++i) CHECK(p.AddIdleMarkWorker());
  CHECK_FALSE(p.AddIdleMarkWorker());
  p.MarkWorkerStop(MarkWorkerMode::kIdle, 2'000'000);
  CHECK(p.NeedIdleMarkWorker());
  CHECK(p.idle_mark_time() == 2'000'000);
  // Before go1.19 there is no maximum.
  Pacer old(Profile("1.18"), Settings());
  old.StartCycle(0, 6, GcTriggerKind::kTime);
  for (int i = 0; i < 10; ++i) CHECK(old.AddIdleMarkWorker());
}

// ==== The GC CPU limiter (go1.19+) ===============================================

TEST_CASE("cpu limiter: fills with GC time, drains with mutator time") {
  GcCpuLimiter l;
  l.ResetCapacity(0, 2);  // capacity = 2 × 1 s
  CHECK(l.capacity() == 2'000'000'000);
  l.SetNumGc(7);
  // Sweep termination at t = 1 s: the first second (2 cpu-s of mutator) drains an
  // empty bucket; then a 1 ms pause counts 2 × 1 ms of GC time.
  l.StartGcTransition(true, 1'000'000'000);
  CHECK(l.fill() == 0);
  l.FinishGcTransition(1'001'000'000);
  CHECK(l.fill() == 2'000'000);
  CHECK_FALSE(l.Limiting());
  // One second of mark on 2 Ps with 1.5 cpu-s of assists: GC = 1.5e9 + 0.25 × 2e9
  // = 2e9, mutator 0 → +2e9 > headroom 1.998e9: full, limiting, 2e6 overflow.
  l.AddAssistTime(1'500'000'000);
  CHECK(l.NeedUpdate(1'001'000'000 + 10'000'001));
  l.Update(2'001'000'000);
  CHECK(l.Limiting());
  CHECK(l.fill() == 2'000'000'000);
  CHECK(l.overflow() == 2'000'000);
  CHECK(l.LastEnabledCycle() == 8);
  // Mark done 100 ms later: 2e8 total, GC 0.25 × 2e8 = 5e7, mutator 1.5e8 →
  // drains 1e8 and turns the limiter off.
  l.StartGcTransition(false, 2'101'000'000);
  CHECK_FALSE(l.Limiting());
  CHECK(l.fill() == 1'900'000'000);
  l.FinishGcTransition(2'101'000'000);  // a zero-length pause adds nothing
  CHECK(l.fill() == 1'900'000'000);
  // 400 ms of mutator on 2 Ps, half of it idle: idle time comes off the total
  // (8e8 − 4e8 = 4e8 mutator, no GC) → 1.5e9.
  l.AddIdleTime(400'000'000);
  l.Update(2'501'000'000);
  CHECK(l.fill() == 1'500'000'000);
  // A long idle-free stretch empties it; the bucket never goes negative.
  l.Update(10'000'000'000);
  CHECK(l.fill() == 0);
  // Shrinking GOMAXPROCS below the fill turns it on.
  l.Accumulate(0, 1'500'000'000);
  l.ResetCapacity(10'000'000'000, 1);
  CHECK(l.fill() == 1'000'000'000);
  CHECK(l.Limiting());
}

TEST_CASE("pacer: assists are disabled while the limiter limits, from go1.19") {
  for (const char* version : {"1.18", "1.19"}) {
    CAPTURE(version);
    Pacer p(Profile(version), Settings());
    p.limiter().ResetCapacity(0, 1);
    p.limiter().Accumulate(0, 2'000'000'000);  // more GC time than the 1 s capacity
    CHECK(p.limiter().Limiting());
    CHECK(p.AssistsDisabled() == p.traits().memory_limit);
  }
}

// ==== Invariants over every profile ==============================================

TEST_CASE("pacer: trigger never exceeds the goal after commit, every release") {
  for (const base::VersionProfile& v : base::AllProfiles()) {
    CAPTURE(v.name);
    Pacer p(v, Settings(100, 100 * MiB, 1 * MiB));
    Driver d{&p, 1'000'000'000, 4 * MiB, true};
    d.SyncMemory();
    p.AddScannableStack(nullptr, 512 << 10);
    d.Alloc(kLive);
    for (int cycle = 0; cycle < 8; ++cycle) {
      CHECK(p.Trigger() <= p.HeapGoal());
      d.AllocUntilTrigger();
      d.Cycle({.assist = cycle % 3 == 0 ? 5'000'000 : 0, .alloc_during_mark = (cycle % 4) * MiB});
      CHECK(p.heap_marked() == kLive);
      CHECK(p.Trigger() <= p.HeapGoal());
      CHECK(p.Trigger() > kLive);
    }
  }
}

TEST_CASE("pacer: per-P stack deltas are batched by 8 KiB") {
  Pacer p(Profile("1.19"), Settings());
  int64_t delta = 0;
  p.AddScannableStack(&delta, 4096);
  CHECK(p.max_stack_scan() == 0);
  CHECK(delta == 4096);
  p.AddScannableStack(&delta, 4096);  // reaches 8 KiB: flushed
  CHECK(p.max_stack_scan() == 8192);
  CHECK(delta == 0);
  p.AddScannableStack(&delta, -8192);  // ≤ −8 KiB flushes too
  CHECK(p.max_stack_scan() == 0);
}

// ==== GOGC and GOMEMLIMIT parsing ===================================================

TEST_CASE("gc_env: ParseGogc as readGOGC") {
  CHECK(ParseGogc("off") == -1);
  CHECK(ParseGogc("50") == 50);
  CHECK(ParseGogc("0") == 0);
  CHECK(ParseGogc("-5") == -5);           // setGCPercent later makes it −1
  CHECK(ParseGogc("") == 100);
  CHECK(ParseGogc("OFF") == 100);
  CHECK(ParseGogc("+7") == 100);          // atoi64 takes no '+'
  CHECK(ParseGogc("1e3") == 100);
  CHECK(ParseGogc("2147483647") == 2147483647);
  CHECK(ParseGogc("2147483648") == 100);  // not an int32
  CHECK(ParseGogc("-2147483648") == -2147483648);
  Pacer p(Profile("1.19"), Settings(ParseGogc("-5")));
  CHECK(p.gc_percent() == -1);
}

TEST_CASE("gc_env: ParseMemoryLimit as readGOMEMLIMIT / parseByteCount") {
  CHECK(ParseMemoryLimit("").limit == kNoMemoryLimit);
  CHECK(ParseMemoryLimit("off").limit == kNoMemoryLimit);
  CHECK(ParseMemoryLimit("0").limit == 0);
  CHECK(ParseMemoryLimit("12345").limit == 12345);
  CHECK(ParseMemoryLimit("12345B").limit == 12345);
  CHECK(ParseMemoryLimit("3KiB").limit == 3072);
  CHECK(ParseMemoryLimit("64MiB").limit == 67108864);
  CHECK(ParseMemoryLimit("2GiB").limit == 2147483648);
  CHECK(ParseMemoryLimit("1TiB").limit == 1099511627776);
  CHECK(ParseMemoryLimit("8388607TiB").limit == 8388607 * 1099511627776);  // < 2^63
  CHECK(ParseMemoryLimit("9223372036854775807").limit == kNoMemoryLimit);
  for (const char* bad : {"-1", "B", "MiB", "1KB", "12kB", "1.5GiB", "1PiB", "8388608TiB", " 1", "1 ",
                          "9223372036854775808", "OFF", "0x10"}) {
    CAPTURE(bad);
    MemoryLimitSetting s = ParseMemoryLimit(bad);
    CHECK(s.limit == kNoMemoryLimit);
    CHECK(s.fatal_error == std::string("GOMEMLIMIT=") + bad +
                               "\nfatal error: malformed GOMEMLIMIT; see `go doc runtime/debug.SetMemoryLimit`\n");
  }
}

}  // namespace
}  // namespace gostep::gc
