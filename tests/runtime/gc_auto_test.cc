// The collector in automatic mode under the scheduler: heap triggers, mark
// workers and assists, runtime.GC, bgsweep, gctrace, determinism.
#include <doctest/doctest.h>

#include <sstream>

#include "gc/verifier.h"
#include "runtime/heap.h"
#include "tests/testing.h"

namespace gostep {
namespace {

using runtime::Options;
using runtime::OutcomeKind;
using runtime::Result;

struct Stats {
  uint32_t cycles = 0;
  int list_length = 0;
  uint64_t freed = 0;
  size_t violations = 0;
};

// GarbageProgram allocates 1,000,000 16-byte objects (15 MiB), keeping one
// in 500 on a linked list, from `workers` goroutines.
std::function<void()> GarbageProgram(Stats* st, int workers) {
  return [st, workers] {
    const gc::Type* node = Types().Struct("main.node", 16, {0});
    Global head;
    head = New(node);
    Mutex mu;
    WaitGroup wg;
    wg.Add(workers);
    for (int w = 0; w < workers; ++w) {
      Go([&] {
        for (int i = 0; i < 1000000 / workers; ++i) {
          Local garbage = New(node);
          if (i % 500 == 0) {
            Local n = New(node);
            mu.Lock();
            Store(n, 0, Load(head, 0));
            Store(head, 0, n);
            mu.Unlock();
          }
        }
        wg.Done();
      });
    }
    wg.Wait();
    st->cycles = Gc().cycles();
    for (gc::Ref p = head; !p.nil(); p = Load(p, 0)) ++st->list_length;
    for (gc::ObjectId id = 1; id <= Gc().history().last_id(); ++id) st->freed += Gc().IsFreed(id);
    st->violations = Gc().violations().size();
  };
}

TEST_CASE("auto: garbage-heavy allocation runs cycles, frees the garbage, keeps the list") {
  for (int procs : {1, 2}) {
    CAPTURE(procs);
    Options o = testing::Opts("1.19", procs);
    o.godebug = "gctrace=1";
    o.gc_verify = true;  // at every phase transition
    Stats st;
    Result r = testing::Run(o, GarbageProgram(&st, procs));
    REQUIRE(r.outcome == OutcomeKind::kExit);
    // 15 MiB of garbage over a live heap of a few KiB: the goal stays at the
    // 4 MiB minimum, so a cycle at least every 4 MiB; every cycle prints one
    // gctrace line.
    CHECK(st.cycles >= 3);
    size_t lines = 0;
    std::stringstream err(r.stderr_text);
    for (std::string line; std::getline(err, line);) lines += line.rfind("gc ", 0) == 0;
    CHECK(lines == st.cycles);
    CHECK(st.list_length == 1 + 1000000 / 500);
    // Sweeping is lazy: what allocation reused, and what bgsweep got to,
    // is freed; at least every object allocated before the last cycle but
    // one (whole cycles' garbage: 250,000 objects per 4 MiB).
    CHECK(st.freed > 250000 * (st.cycles - 1));
    CHECK(st.violations == 0);
  }
}

TEST_CASE("auto: runtime.GC from several goroutines, each returns after a whole cycle and its sweep") {
  Options o = testing::Opts("1.19", 2);
  o.gc_verify = true;
  Result r = testing::Run(o, [] {
    const gc::Type* node = Types().Struct("main.node", 16, {0});
    WaitGroup wg;
    wg.Add(3);
    for (int g = 0; g < 3; ++g) {
      Go([&] {
        gc::Ref garbage = New(node);
        uint32_t before = Gc().cycles();
        GC();
        CHECK(Gc().cycles() >= before + 1);
        CHECK(Gc().phase() == gc::GcPhase::kOff);  // swept
        CHECK(Gc().IsFreed(garbage.id));
        wg.Done();
      });
    }
    wg.Wait();
  });
  CHECK(r.outcome == OutcomeKind::kExit);
}

TEST_CASE("auto: the same seed gives byte-identical output, gctrace, events and schedule") {
  auto run = [] {
    Options o = testing::Opts("1.19", 2, "random", 42);
    o.godebug = "gctrace=1";
    o.events = true;
    Stats st;
    return testing::Run(o, GarbageProgram(&st, 2));
  };
  Result a = run();
  Result b = run();
  REQUIRE(a.outcome == OutcomeKind::kExit);
  CHECK(a.stderr_text.find("gc 1 @") == 0);
  CHECK(a.stdout_text == b.stdout_text);
  CHECK(a.stderr_text == b.stderr_text);
  CHECK(a.events == b.events);
  CHECK(a.schedule == b.schedule);
}

TEST_CASE("auto: the forced GC runs two minutes after the last cycle (gcTriggerTime)") {
  Options o = testing::Opts("1.19", 1);
  o.godebug = "gctrace=1";
  Result r = testing::Run(o, [] {
    const gc::Type* node = Types().Struct("main.node", 16, {0});
    Local keep = New(node);
    Sleep(3 * kMinute);
    // No cycle has run: last_gc_nanotime is 0, and gcTrigger.test never
    // forces a first one.
    CHECK(Gc().cycles() == 0);
    GC();
    // sysmon sleeps at most forcegcperiod/2 while every P is idle, then
    // wakes forcegchelper once more than 2 minutes passed since that cycle.
    Sleep(3 * kMinute);
    CHECK(Gc().cycles() == 2);
  });
  CHECK(r.outcome == OutcomeKind::kExit);
  CHECK(r.stderr_text.find("gc 1 @180.0") == 0);
  CHECK(r.stderr_text.find("(forced)\ngc 2 @300.0") != std::string::npos);
  CHECK(r.stderr_text.find("gc 2 @300.0") != std::string::npos);
  CHECK(r.stderr_text.find("(forced)", r.stderr_text.find("gc 2")) == std::string::npos);  // time-triggered
}

}  // namespace
}  // namespace gostep
