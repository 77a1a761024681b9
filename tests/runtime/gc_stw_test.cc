// The collector's stop-the-world and call-free loops (Go issue 10958): with
// asynchronous preemption off, a goroutine spinning in a loop without calls
// cannot be stopped, so the GC's sweep termination waits for the loop to end.
#include <doctest/doctest.h>

#include "runtime/heap.h"
#include "tests/testing.h"

namespace gostep {
namespace {

using runtime::Options;
using runtime::OutcomeKind;
using runtime::Result;

// StwWait returns how long (virtual) the collector's first step, the
// stop-the-world of sweep termination, took while another goroutine spins
// 10,000 iterations of 1 µs each (10 ms) in a loop without calls.
Nanos StwWait(const std::string& godebug) {
  Options o = testing::Opts("1.19", 2);
  o.godebug = godebug;
  o.gc_manual = true;
  Nanos wait = -1;
  Result r = testing::Run(o, [&] {
    static constexpr sched::YieldPoint kSpin{"main.spin", sched::YieldKind::kLoop, kMicrosecond};
    bool started = false;
    Go([&] {
      started = true;
      for (int i = 0; i < 10000; ++i) S().Yield(kSpin);  // a back-edge: no call
    });
    while (!started) Gosched();
    Gc().Start(gc::TriggerKind::kCycle);
    Nanos before = Now();
    REQUIRE(Gc().SingleStep());
    CHECK(Gc().world().WorldStopped());
    wait = Now() - before;
    Gc().RunCycle();
  });
  CHECK(r.outcome == OutcomeKind::kExit);
  return wait;
}

TEST_CASE("gc STW: asyncpreemptoff=1 makes the collector wait for a call-free loop (Go issue 10958)") {
  Nanos blocked = StwWait("asyncpreemptoff=1");
  Nanos preempted = StwWait("");
  CHECK(blocked >= 9 * kMillisecond);    // the rest of the 10 ms loop
  CHECK(preempted < 200 * kMicrosecond); // the loop is preempted asynchronously
}

}  // namespace
}  // namespace gostep
