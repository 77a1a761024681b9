// Policies: random and pct explore interleavings; the runtime grain lets two
// Ps overlap inside runtime operations (DESIGN.md, "The concurrency model").
#include <doctest/doctest.h>

#include <memory>
#include <set>
#include <string>

#include "scheduler/cost_model.h"
#include "scheduler/scheduler.h"
#include "tests/testing.h"

namespace gostep {
namespace {

using testing::Opts;
using testing::OutcomeKind;
using testing::Run;

std::string TwoWriters(const runtime::Options& o) {
  auto log = std::make_shared<std::string>();
  auto r = Run(o, [log] {
    auto wg = std::make_shared<WaitGroup>();
    for (char name : {'A', 'B'}) {
      wg->Add(1);
      Go([=] {
        *log += std::string(1, name) + "1 ";
        Call();
        *log += std::string(1, name) + "2 ";
        wg->Done();
      });
    }
    wg->Wait();
  });
  REQUIRE(r.outcome == OutcomeKind::kExit);
  return *log;
}

TEST_CASE("policy: random and pct explore the interleavings of two goroutines") {
  // All C(4,2) = 6 interleavings of A1 A2 with B1 B2 come up at random; PCT
  // needs its d-1 = 2 change points at the right steps for some of them.
  std::set<std::string> random, pct;
  for (uint64_t seed = 1; seed <= 300; ++seed) {
    random.insert(TwoWriters(Opts("1.21", 1, "random", seed)));
    pct.insert(TwoWriters(Opts("1.21", 1, "pct:3:50", seed)));
  }
  CHECK(random.size() == 6);
  CHECK(pct.size() >= 4);
  std::set<std::string> go;
  for (uint64_t seed = 1; seed <= 50; ++seed) go.insert(TwoWriters(Opts("1.21", 1, "go", seed)));
  CHECK(go.size() == 1);  // Go's own order does not depend on the seed here
}

// A read-modify-write split by a runtime-internal yield point, the shape of
// the flag toggles inside runtime operations (mapassign's hashWriting).
void RuntimeRmw(int* counter) {
  static constexpr sched::YieldPoint kInside{"test.rmw", sched::YieldKind::kRuntime, sched::cost::kRuntimeNs};
  int v = *counter;
  S().Yield(kInside);
  *counter = v + 1;
}

int LostUpdates(int procs, const char* granularity, const char* policy) {
  runtime::Options o = Opts("1.19", procs, policy, 1);
  o.granularity = granularity;
  int counter = 0;
  auto r = Run(o, [&] {
    auto wg = std::make_shared<WaitGroup>();
    for (int g = 0; g < 2; ++g) {
      wg->Add(1);
      Go([&, wg] {
        for (int i = 0; i < 20000; ++i) {  // long enough for the second P to join
          RuntimeRmw(&counter);
          Call();
        }
        wg->Done();
      });
    }
    wg->Wait();
  });
  REQUIRE(r.outcome == OutcomeKind::kExit);
  return 40000 - counter;
}

TEST_CASE("granularity: only the runtime grain with two Ps overlaps runtime operations") {
  CHECK(LostUpdates(2, "runtime", "go") > 0);        // Ps advance in turn, inside the operation too
  CHECK(LostUpdates(2, "statement", "go") == 0);     // runtime operations are atomic at this grain
  CHECK(LostUpdates(1, "runtime", "go") == 0);       // one P: never preempted inside the runtime
  CHECK(LostUpdates(1, "runtime", "random") == 0);
  CHECK(LostUpdates(2, "runtime", "random") > 0);
}

TEST_CASE("policy: parse and name") {
  sched::PolicyConfig c;
  CHECK(sched::ParsePolicy("pct:5:1000", &c));
  CHECK(c.kind == sched::PolicyKind::kPct);
  CHECK(c.pct_depth == 5);
  CHECK(c.pct_steps == 1000);
  CHECK(sched::PolicyName(c) == "pct:5:1000");
  CHECK(sched::ParsePolicy("random", &c));
  CHECK(!sched::ParsePolicy("random:3", &c));
  CHECK(!sched::ParsePolicy("pct:0", &c));
  CHECK(!sched::ParsePolicy("fifo", &c));
}

}  // namespace
}  // namespace gostep

namespace gostep {
namespace {

// Scheduler::Verify recomputes the scheduler's counters from scratch; it must
// agree at every point a goroutine can observe, under every policy.
TEST_CASE("invariants: run queues and P counters agree with a recount at every step") {
  for (const char* policy : {"go", "random", "pct"}) {
    for (uint64_t seed = 1; seed <= 20; ++seed) {
      CAPTURE(policy);
      CAPTURE(seed);
      runtime::Options o = Opts("1.21", 3, policy, seed);
      o.granularity = "runtime";
      auto r = Run(o, [] {
        auto mu = std::make_shared<Mutex>();
        auto wg = std::make_shared<WaitGroup>();
        auto c = MakeChan<int>(1);
        for (int g = 0; g < 5; ++g) {
          wg->Add(1);
          Go([=] {
            for (int i = 0; i < 10; ++i) {
              mu->Lock();
              REQUIRE(S().Verify() == "");
              mu->Unlock();
              if (i % 3 == 0) {
                c.Send(i);
                c.Recv();
              }
              if (i % 4 == 0) Sleep(kMicrosecond);
              REQUIRE(S().Verify() == "");
              Gosched();
            }
            wg->Done();
          });
        }
        wg->Wait();
        REQUIRE(S().Verify() == "");
      });
      CHECK(r.outcome == OutcomeKind::kExit);
    }
  }
}

}  // namespace
}  // namespace gostep
