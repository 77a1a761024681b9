// Package time on the virtual clock: runtime/time.go and time/sleep.go,
// tick.go; the go1.23 synchronous timer channels (Go issue 37196).
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "tests/testing.h"

namespace gostep {
namespace {

using testing::Opts;
using testing::OutcomeKind;
using testing::Run;

TEST_CASE("time: an hour of sleep costs no wall time, and timers fire in deadline order") {
  std::vector<std::string> order;
  sched::Nanos woke = 0;
  auto r = Run(Opts("1.19", 2), [&] {
    auto wg = std::make_shared<WaitGroup>();
    for (int i : {3, 1, 2}) {
      wg->Add(1);
      Go([&, i, wg] {
        Sleep(i * kMillisecond);
        order.push_back(std::to_string(i));
        wg->Done();
      });
    }
    wg->Wait();
    Sleep(60 * kMinute);
    woke = Now();
  });
  CHECK(r.outcome == OutcomeKind::kExit);
  CHECK(order == std::vector<std::string>{"1", "2", "3"});
  CHECK(woke >= 60 * kMinute + 3 * kMillisecond);
  CHECK(woke < 60 * kMinute + 4 * kMillisecond);
}

TEST_CASE("time: Sleep(0) and negative durations return at once") {
  sched::Nanos t0 = 0, t1 = 0;
  auto r = Run(Opts(), [&] {
    t0 = Now();
    Sleep(0);
    Sleep(-5);
    t1 = Now();
  });
  CHECK(r.outcome == OutcomeKind::kExit);
  CHECK(t1 - t0 < kMicrosecond);
}

TEST_CASE("time: AfterFunc runs f in its own goroutine, created by time.goFunc") {
  bool ran = false;
  uint64_t goid = 0;
  auto r = Run(Opts("1.19", 1), [&] {
    AfterFunc(kMillisecond, [&] {
      ran = true;
      goid = S().CurrentG()->goid;
      Chan<int>().Recv();  // block, to show up in the dump
    });
    Sleep(2 * kMillisecond);
    Chan<int>().Recv();
  });
  CHECK(ran);
  CHECK(goid == 5);
  CHECK(r.outcome == OutcomeKind::kFatal);
  CHECK(r.stderr_text.find("goroutine 5 [chan receive (nil chan)]:") != std::string::npos);
  CHECK(r.stderr_text.find("created by time.goFunc\n\t/usr/local/go/src/time/sleep.go:176 +0x0\n") !=
        std::string::npos);
}

TEST_CASE("time: Stop before and after the timer fires") {
  for (const char* v : {"1.22", "1.23"}) {
    CAPTURE(v);
    bool before = false, after = true, got_value = true;
    auto r = Run(Opts(v), [&] {
      Timer t = NewTimer(kMillisecond);
      before = t.Stop();  // stopped before it fired
      Timer u = NewTimer(kMillisecond);
      Sleep(2 * kMillisecond);
      bool drained = false;
      sched::Nanos x;
      drained = u.C.TryRecv(&x);  // receive the value it sent
      after = u.Stop();           // already fired and received
      got_value = drained;
    });
    CHECK(r.outcome == OutcomeKind::kExit);
    CHECK(before);
    CHECK(!after);
    CHECK(got_value);
  }
}

// Before go1.23 a timer that fired leaves its value in the 1-element buffer:
// Reset returns false and the next receive gets the stale value (the old
// deadline's time). From go1.23 (Go issue 37196) nothing was sent because
// nobody was receiving: Reset reports the timer as still active, drains, and
// the receive waits for the new deadline and gets its time.
TEST_CASE("time: a stale value after Reset before go1.23, none from go1.23") {
  struct Got {
    bool reset = false;
    sched::Nanos value = 0;
    int cap = -1;
  };
  auto body = [](Got* g) {
    return [g] {
      Timer t = NewTimer(kMillisecond);
      g->cap = t.C.Cap();
      Sleep(2 * kMillisecond);
      g->reset = t.Reset(kMillisecond);
      g->value = t.C.Recv();
    };
  };
  Got g22, g23, g23async;
  CHECK(Run(Opts("1.22"), body(&g22)).outcome == OutcomeKind::kExit);
  CHECK(Run(Opts("1.23"), body(&g23)).outcome == OutcomeKind::kExit);
  runtime::Options async = Opts("1.23");
  async.godebug = "asynctimerchan=1";
  CHECK(Run(async, body(&g23async)).outcome == OutcomeKind::kExit);
  CHECK(g22.cap == 1);
  CHECK(!g22.reset);
  CHECK(g22.value >= kMillisecond);
  CHECK(g22.value < 2 * kMillisecond);  // the stale value, sent at the first deadline
  CHECK(g23.cap == 0);
  CHECK(g23.reset);
  CHECK(g23.value >= 3 * kMillisecond);  // the new deadline
  CHECK(g23.value < 4 * kMillisecond);
  CHECK(g23async.cap == 1);  // GODEBUG=asynctimerchan=1 restores the old channels
  CHECK(!g23async.reset);
  CHECK(g23async.value < 2 * kMillisecond);
}

// A pending timer keeps checkdead quiet (proc.go: "if len(pp.timers) > 0 {
// return }") until it fires. A go1.23 channel timer nobody waits on is in no
// heap, so the deadlock is found at once.
TEST_CASE("time: an unwatched timer delays deadlock detection before go1.23 only") {
  auto body = [] {
    NewTimer(kMinute);
    Chan<int>().Recv();
  };
  auto r22 = Run(Opts("1.22"), body);
  auto r23 = Run(Opts("1.23"), body);
  CHECK(r22.outcome == OutcomeKind::kFatal);
  CHECK(r23.outcome == OutcomeKind::kFatal);
  CHECK(r22.virtual_time >= kMinute);
  CHECK(r23.virtual_time < kMillisecond);
}

TEST_CASE("time: a ticker ticks every period and drops ticks for a slow receiver") {
  std::vector<sched::Nanos> ticks;
  auto r = Run(Opts("1.19"), [&] {
    Ticker t = NewTicker(10 * kMicrosecond);
    for (int i = 0; i < 3; ++i) ticks.push_back(t.C.Recv());
    Sleep(55 * kMicrosecond);  // slow: only one tick can wait in the buffer
    ticks.push_back(t.C.Recv());
    ticks.push_back(t.C.Recv());
    t.Stop();
  });
  CHECK(r.outcome == OutcomeKind::kExit);
  REQUIRE(ticks.size() == 5);
  CHECK(ticks[0] >= 10 * kMicrosecond);
  CHECK(ticks[1] - ticks[0] == 10 * kMicrosecond);
  CHECK(ticks[2] - ticks[1] == 10 * kMicrosecond);
  CHECK(ticks[3] == ticks[2] + 10 * kMicrosecond);  // the buffered tick, sent while we slept
  CHECK(ticks[4] > ticks[3] + 40 * kMicrosecond);   // the ticks in between were dropped
}

TEST_CASE("time: NewTicker with a non-positive interval panics") {
  auto r = Run(Opts(), [] { NewTicker(0); });
  CHECK(r.outcome == OutcomeKind::kPanic);
  CHECK(r.stderr_text.starts_with("panic: non-positive interval for NewTicker\n"));
}

TEST_CASE("time: select with a timeout") {
  int which = -1;
  auto r = Run(Opts(), [&] {
    auto never = MakeChan<int>(0);
    which = Select({RecvCase(never), RecvCase(After(kMillisecond))});
  });
  CHECK(r.outcome == OutcomeKind::kExit);
  CHECK(which == 1);
  CHECK(r.virtual_time >= kMillisecond);
}

}  // namespace
}  // namespace gostep
