// Preemption, stop-the-world and parallel Ps: proc.go's sysmon/retake,
// preemptone, stopTheWorldWithSema; Go issue 10958 (tight loops).
#include <doctest/doctest.h>

#include <atomic>
#include <memory>
#include <string>

#include "tests/testing.h"

namespace gostep {
namespace {

using testing::Opts;
using testing::OutcomeKind;
using testing::Run;

// A loop that never yields at a call: only asynchronous preemption can stop it.
void Spin(const bool* stop) {
  while (!*stop) Loop();
}

TEST_CASE("preemption: sysmon preempts a long-running goroutine after ~10 ms") {
  // At GOMAXPROCS=1, main spins; the other goroutine only runs once sysmon
  // preempts main (retake: 10 ms on one schedtick, seen at a sysmon tick).
  for (bool async_off : {false, true}) {
    CAPTURE(async_off);
    sched::Nanos other_ran = -1;
    runtime::Options o = Opts("1.19", 1);
    if (async_off) o.godebug = "asyncpreemptoff=1";
    auto r = Run(o, [&] {
      bool stop = false;
      Go([&] {
        other_ran = Now();
        stop = true;
      });
      // Loop() alone is preemptible only asynchronously; Call() at every
      // 100th iteration is a synchronous preemption point too.
      for (int i = 0; !stop; ++i) {
        if (i % 100 == 0) {
          Call();
        } else {
          Loop();
        }
      }
    });
    CHECK(r.outcome == OutcomeKind::kExit);
    CHECK(other_ran >= 10 * kMillisecond);
    CHECK(other_ran < 25 * kMillisecond);
  }
}

TEST_CASE("preemption: a call-free loop is preempted only with asynchronous preemption") {
  runtime::Options on = Opts("1.19", 1);
  runtime::Options off = Opts("1.19", 1);
  off.godebug = "asyncpreemptoff=1";
  off.limits.max_virtual_time = 15 * kMillisecond;
  auto body = [] {
    bool stop = false;
    Go([&] { stop = true; });
    Spin(&stop);
  };
  auto r_on = Run(on, body);
  CHECK(r_on.outcome == OutcomeKind::kExit);
  CHECK(r_on.virtual_time < 25 * kMillisecond);
  auto r_off = Run(off, body);
  CHECK(r_off.outcome == OutcomeKind::kLimit);  // the other goroutine never runs
  CHECK(r_off.message.find("max-virtual-time") != std::string::npos);
}

// Go issue 10958: stopTheWorldWithSema waits until every running G reaches a
// safe point. A call-free loop has none without asynchronous preemption.
TEST_CASE("stw: completes against a call-free loop with async preemption, reported blocked without") {
  for (bool async_off : {false, true}) {
    CAPTURE(async_off);
    bool stopped = false;
    runtime::Options o = Opts("1.19", 2);
    o.limits.stw_timeout = 5 * kMillisecond;
    if (async_off) o.godebug = "asyncpreemptoff=1";
    auto r = Run(o, [&] {
      auto stop = std::make_shared<bool>(false);
      Go([stop] { Spin(stop.get()); });
      Sleep(100 * kMicrosecond);  // the spinner now runs on a P
      StopTheWorld("GC");
      stopped = S().world_stopped();
      *stop = true;
      StartTheWorld();
    });
    if (!async_off) {
      CHECK(r.outcome == OutcomeKind::kExit);
      CHECK(stopped);
    } else {
      CHECK(r.outcome == OutcomeKind::kLimit);
      CHECK(r.exit_code == 3);
      CHECK(!stopped);
      CHECK(r.message.find("stop-the-world (GC) did not finish within 5ms of virtual time: goroutine 5 on P") !=
            std::string::npos);
      CHECK(r.message.find("golang.org/issue/10958") != std::string::npos);
      CHECK(r.stderr_text.find("goroutine 5 [running]:") != std::string::npos);
    }
  }
}

TEST_CASE("stw: a loop with calls stops even without async preemption") {
  runtime::Options o = Opts("1.19", 2);
  o.godebug = "asyncpreemptoff=1";
  auto r = Run(o, [] {
    auto stop = std::make_shared<bool>(false);
    Go([stop] {
      while (!*stop) Call();
    });
    Sleep(100 * kMicrosecond);
    StopTheWorld("GC");
    *stop = true;
    StartTheWorld();
  });
  CHECK(r.outcome == OutcomeKind::kExit);
}

TEST_CASE("stw: only the stopping goroutine runs while the world is stopped") {
  int progress_during = -1;
  auto r = Run(Opts("1.19", 4), [&] {
    auto count = std::make_shared<int>(0);
    auto stop = std::make_shared<bool>(false);
    for (int i = 0; i < 3; ++i) {
      Go([count, stop] {
        while (!*stop) {
          ++*count;
          Call();
        }
      });
    }
    Sleep(50 * kMicrosecond);
    StopTheWorld("test");
    int before = *count;
    for (int i = 0; i < 1000; ++i) Call();
    progress_during = *count - before;
    *stop = true;
    StartTheWorld();
  });
  CHECK(r.outcome == OutcomeKind::kExit);
  CHECK(progress_during == 0);
}

TEST_CASE("parallelism: two CPU-bound goroutines on two Ps take half the virtual time of one P") {
  auto body = [] {
    auto wg = std::make_shared<WaitGroup>();
    for (int g = 0; g < 2; ++g) {
      wg->Add(1);
      Go([wg] {
        for (int i = 0; i < 100'000; ++i) Loop();
        wg->Done();
      });
    }
    wg->Wait();
  };
  auto one = Run(Opts("1.19", 1), body);
  auto two = Run(Opts("1.19", 2), body);
  REQUIRE(one.outcome == OutcomeKind::kExit);
  REQUIRE(two.outcome == OutcomeKind::kExit);
  CHECK(one.virtual_time > 190 * kMicrosecond);  // 200,000 iterations at 1 ns
  CHECK(two.virtual_time < one.virtual_time * 6 / 10);
}

}  // namespace
}  // namespace gostep
