// Go-order fidelity: the `go` policy schedules in the order of
// runtime/proc.go. Every expectation below is derived by hand from the cited
// proc.go code (go1.19.8), not from gostep's output.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "scheduler/scheduler.h"
#include "tests/testing.h"

namespace gostep {
namespace {

using testing::Opts;
using testing::Run;

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : " ") + s;
  return out;
}

// proc.go:newproc -> runqput(pp, newg, true): a new goroutine goes to runnext,
// and runqput kicks the previous runnext out to the tail of the local ring.
TEST_CASE("go order: a new goroutine goes to runnext and kicks the old one to the ring's tail") {
  auto log = std::make_shared<std::vector<std::string>>();
  std::string state;
  auto r = Run(Opts("1.19", 1), [&] {
    WaitGroup wg;
    wg.Add(3);
    for (const char* name : {"A", "B", "C"}) {
      Go([log, &wg, name] {
        log->push_back(name);
        wg.Done();
      });
    }
    sched::P* p = S().ps()[0].get();
    state = std::to_string(p->runq.runnext->goid) + " ring=" + std::to_string(p->runq.size());
    wg.Wait();  // main blocks: runqget takes runnext (C), then the ring in order (A, B)
  });
  CHECK(r.outcome == testing::OutcomeKind::kExit);
  CHECK(state == "7 ring=2");  // goroutines 5, 6, 7 = A, B, C; C in runnext, A and B in the ring
  CHECK(Join(*log) == "C A B");
}

// proc.go:Gosched -> goschedImpl: the goroutine goes to the *global* queue
// (globrunqput), not to its P's local queue.
TEST_CASE("go order: Gosched puts the goroutine on the global run queue") {
  sched::QueueLoc main_where = sched::QueueLoc::kNone;
  int32_t global = -1;
  bool after = false;
  auto r = Run(Opts("1.19", 1), [&] {
    sched::G* main_g = S().CurrentG();
    Go([&] {
      main_where = main_g->where;
      global = S().runqs().global_size();
    });
    Gosched();  // the new G (runnext) runs first, then main from the global queue
    after = true;
  });
  CHECK(after);
  CHECK(r.outcome == testing::OutcomeKind::kExit);
  CHECK(main_where == sched::QueueLoc::kGlobal);
  CHECK(global == 1);
}

// proc.go:findRunnable: `if pp.schedtick%61 == 0 && sched.runqsize > 0` the
// global queue is served before the local one; execute() increments schedtick
// for every G that does not inherit the time slice (i.e. not from runnext).
// The expected order is what a real go1.19.8 binary prints for this program
// at GOMAXPROCS=1 in most runs (tests/go/order_global61): main.main starts
// with schedtick 4, so
//   Gosched #1: global=[main]; tick 4: runnext G200 (inherits), then
//   G1..G57 take ticks 5..61; at tick 61, 61 % 61 == 0: main (tick 62).
//   Gosched #2: G58..G117 take ticks 63..122; 122 % 61 == 0: main again.
TEST_CASE("go order: the global queue is polled every 61 schedticks") {
  auto log = std::make_shared<std::vector<std::string>>();
  auto r = Run(Opts("1.19", 1), [log] {
    for (int i = 1; i <= 200; ++i) {
      Go([log, i] { log->push_back(std::to_string(i)); });
    }
    Gosched();
    log->push_back("main#1");
    Gosched();
    log->push_back("main#2");
    for (int i = 0; i < 200; ++i) Gosched();
  });
  CHECK(r.outcome == testing::OutcomeKind::kExit);
  std::vector<std::string> want = {"200"};
  for (int i = 1; i <= 57; ++i) want.push_back(std::to_string(i));
  want.push_back("main#1");
  for (int i = 58; i <= 117; ++i) want.push_back(std::to_string(i));
  want.push_back("main#2");
  for (int i = 118; i <= 199; ++i) want.push_back(std::to_string(i));
  CHECK(Join(*log) == Join(want));
}

// Go issue 52934's mechanism: runqget returns runnext with inheritTime=true,
// so a pair that wakes each other through runnext never ends its time slice
// (schedtick does not move) and a goroutine in the local ring waits. Only
// sysmon's retake ends it: after forcePreemptNS = 10 ms on one schedtick,
// preemptone; the preempted G goes to the global queue and the ring runs.
//
// When sysmon acts follows from proc.go:sysmon's sleep schedule: 20 µs sleeps
// for the first 51 iterations (idle <= 50), then doubling — ticks at 20, 40,
// …, 1020 µs, 1060, 1140, 1300, 1620, 2260, 3540, 6100, 11220 µs, … It first
// sees the pair's schedtick at 20 µs (schedwhen = 20 µs), so the first tick
// with schedwhen + 10 ms <= now is at 11.22 ms.
TEST_CASE("go order: a runnext ping-pong pair starves a third goroutine until sysmon preempts (issue 52934)") {
  sched::Nanos c_started = -1;
  int round_trips = 0;
  // main spawns X then Y (runnext=Y, X in the ring) and blocks; Y runs and
  // blocks on ping; X runs from the ring (schedtick 5), spawns C (runnext),
  // sends ping: Y goes to runnext and kicks C to the ring. From then on X and
  // Y hand the P to each other through runnext.
  auto r = Run(Opts("1.19", 1), [&] {
    auto ping = MakeChan<int>(0);
    auto pong = MakeChan<int>(0);
    Go([&, ping, pong] {  // X
      Go([&] { c_started = Now(); });  // C
      while (c_started < 0) {
        ping.Send(1);
        pong.Recv();
        ++round_trips;
      }
      Exit(0);
    });
    Go([&, ping, pong] {  // Y
      for (;;) {
        ping.Recv();
        pong.Send(1);
      }
    });
    Chan<int>().Recv();  // main blocks forever
  });
  CHECK(r.outcome == testing::OutcomeKind::kExit);
  CHECK(c_started >= 11'220 * kMicrosecond);
  CHECK(c_started < 11'220 * kMicrosecond + 5 * kMicrosecond);
  CHECK(round_trips > 10'000);
}

// proc.go:wakep starts one spinning M when work is queued and a P is idle;
// findRunnable -> stealWork -> runqsteal/runqgrab takes n - n/2 of the
// victim's ring and runs the last one taken.
// Trace at GOMAXPROCS=2: main spawns G1..G10 (runnext G10, ring G1..G9; the
// first spawn woke P1, due 5 µs later) and blocks; P0 runs G10 (a 10 µs
// loop); P1 wakes, steals 9 - 9/2 = 5 goroutines, G1..G5, and runs G5, then
// G1..G4. P0 runs G6..G9 after G10.
TEST_CASE("go order: an idle P woken by wakep steals half of a busy P's run queue") {
  auto ran_on = std::make_shared<std::map<int, int>>();
  auto r = Run(Opts("1.19", 2), [ran_on] {
    auto wg = std::make_shared<WaitGroup>();
    for (int i = 1; i <= 10; ++i) {
      wg->Add(1);
      Go([ran_on, wg, i] {
        (*ran_on)[i] = S().CurrentP()->id;
        for (int k = 0; k < 10'000; ++k) Loop();
        wg->Done();
      });
    }
    wg->Wait();
  });
  CHECK(r.outcome == testing::OutcomeKind::kExit);
  std::vector<int> on_p1;
  for (auto [g, p] : *ran_on) {
    if (p == 1) on_p1.push_back(g);
  }
  CHECK(on_p1 == std::vector<int>{1, 2, 3, 4, 5});
}

// proc.go:forEachP runs fn for idle Ps and the caller's P at once, and for
// running Ps at their next scheduling round, after preempting their Gs.
TEST_CASE("safe points: ForEachP reaches every P, the running ones at a safe point") {
  std::vector<int> visited;
  auto r = Run(Opts("1.19", 3), [&] {
    auto stop = std::make_shared<bool>(false);
    Go([stop] {
      while (!*stop) Loop();  // reached only by asynchronous preemption
    });
    Sleep(100 * kMicrosecond);
    S().ForEachP([&](sched::P* p) { visited.push_back(p->id); });
    *stop = true;
  });
  CHECK(r.outcome == testing::OutcomeKind::kExit);
  std::sort(visited.begin(), visited.end());
  CHECK(visited == std::vector<int>{0, 1, 2});
}

}  // namespace
}  // namespace gostep
