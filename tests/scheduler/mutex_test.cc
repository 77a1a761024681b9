// sync.Mutex, RWMutex, WaitGroup and Once: sync/*.go semantics, modes and
// texts (go1.19.8 source; fatal vs throw per Go issue 51485).
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

TEST_CASE("mutex: mutual exclusion holds under random schedules at the runtime grain") {
  for (uint64_t seed = 1; seed <= 50; ++seed) {
    int final_count = 0;
    runtime::Options o = Opts("1.21", 4, "random", seed);
    o.granularity = "runtime";
    auto r = Run(o, [&] {
      struct S {
        Mutex mu;
        WaitGroup wg;
        int n = 0;
      };
      auto s = std::make_shared<S>();
      for (int g = 0; g < 6; ++g) {
        s->wg.Add(1);
        Go([s] {
          for (int i = 0; i < 20; ++i) {
            s->mu.Lock();
            int v = s->n;
            Loop();  // another P may act here; the lock must keep it out
            s->n = v + 1;
            s->mu.Unlock();
          }
          s->wg.Done();
        });
      }
      s->wg.Wait();
      final_count = s->n;
    });
    REQUIRE(r.outcome == OutcomeKind::kExit);
    CHECK(final_count == 120);
  }
}

// Derived from sync/mutex.go (lockSlow/unlockSlow) at GOMAXPROCS=1, where no
// goroutine spins (runtime_canSpin needs ncpu > 1):
//  1. main holds mu; W calls Lock and queues; main sleeps 2 ms.
//  2. main unlocks: normal mode, W is woken (mutexWoken set). main locks again
//     at once and wins: the CAS from mutexWoken succeeds (barging).
//  3. W runs: it waited 2 ms > starvationThresholdNs (1 ms), so its CAS sets
//     mutexStarving and it re-queues at the front (lifo).
//  4. main unlocks in starvation mode: direct handoff to W (semrelease with
//     handoff, then main yields). W is the last waiter, so it clears
//     mutexStarving: starvation mode ends.
TEST_CASE("mutex: starvation mode is entered after 1 ms of waiting and left by the last waiter") {
  for (sched::Nanos hold : {2 * kMillisecond, 100 * kMicrosecond}) {
    CAPTURE(hold);
    bool starving_after_barge = false, starving_in_w = true;
    std::vector<std::string> order;
    auto r = Run(Opts("1.19", 1), [&] {
      auto mu = std::make_shared<Mutex>();
      mu->Lock();
      Go([&, mu] {
        mu->Lock();
        order.push_back("W");
        starving_in_w = mu->raw().starving();
        mu->Unlock();
      });
      Sleep(hold);
      mu->Unlock();
      mu->Lock();  // barges in before the woken W runs
      order.push_back("main");
      Gosched();   // W runs: re-queues, starving or not
      starving_after_barge = mu->raw().starving();
      mu->Unlock();
      Sleep(kMillisecond);
    });
    REQUIRE(r.outcome == OutcomeKind::kExit);
    CHECK(order == std::vector<std::string>{"main", "W"});
    CHECK(starving_after_barge == (hold > kMillisecond));
    CHECK(!starving_in_w);
  }
}

TEST_CASE("mutex: TryLock") {
  bool a = false, b = true;
  auto r = Run(Opts(), [&] {
    Mutex mu;
    a = mu.TryLock();
    b = mu.TryLock();
    mu.Unlock();
  });
  CHECK(r.outcome == OutcomeKind::kExit);
  CHECK(a);
  CHECK(!b);
}

// sync/mutex.go:unlockSlow calls fatal (go1.19+): all goroutines are printed,
// the sync.fatal frame is shown. Before go1.19 it is sync.throw -> runtime
// throw, which shows the throwing goroutine's runtime frames too.
TEST_CASE("mutex: unlock of an unlocked mutex is a fatal error, shaped per release") {
  auto body = [] {
    Mutex mu;
    mu.Unlock();
  };
  auto r19 = Run(Opts("1.19"), body);
  CHECK(r19.outcome == OutcomeKind::kFatal);
  CHECK(r19.exit_code == 2);
  CHECK(r19.stderr_text.starts_with("fatal error: sync: unlock of unlocked mutex\n\ngoroutine 1 [running]:\n"
                                    "sync.fatal({0x0?, 0x0?})\n"));
  CHECK(r19.stderr_text.find("runtime.fatal") == std::string::npos);
  auto r18 = Run(Opts("1.18"), body);
  CHECK(r18.outcome == OutcomeKind::kFatal);
  CHECK(r18.stderr_text.starts_with("fatal error: sync: unlock of unlocked mutex\n\ngoroutine 1 [running]:\n"
                                    "runtime.throw({0x0?, 0x0?})\n"));
  CHECK(r18.stderr_text.find("sync.throw(") != std::string::npos);
  CHECK(r18.stderr_text.find(" fp=0x0 sp=0x0 pc=0x0\n") != std::string::npos);
}

TEST_CASE("mutex: waiting goroutines show semacquire before go1.20 and sync.Mutex.Lock after") {
  auto body = [] {
    auto mu = std::make_shared<Mutex>();
    mu->Lock();
    Go([mu] { mu->Lock(); });
    Chan<int>().Recv();
  };
  CHECK(Run(Opts("1.19"), body).stderr_text.find("goroutine 5 [semacquire]:") != std::string::npos);
  CHECK(Run(Opts("1.20"), body).stderr_text.find("goroutine 5 [sync.Mutex.Lock]:") != std::string::npos);
}

// sync/rwmutex.go: Lock announces a pending writer (readerCount goes negative)
// before waiting for the active readers, so a reader arriving later blocks
// even though only readers hold the lock: writers are preferred.
TEST_CASE("rwmutex: a pending writer blocks new readers (writer preference)") {
  std::vector<std::string> order;
  auto r = Run(Opts("1.19", 1), [&] {
    auto rw = std::make_shared<RWMutex>();
    rw->RLock();
    Go([&, rw] {  // writer
      rw->Lock();
      order.push_back("writer");
      rw->Unlock();
    });
    Sleep(kMicrosecond);  // the writer is now pending
    Go([&, rw] {          // late reader
      rw->RLock();
      order.push_back("reader2");
      rw->RUnlock();
    });
    Sleep(kMicrosecond);  // the late reader blocks behind the writer
    order.push_back("reader1 done");
    rw->RUnlock();
    Sleep(kMillisecond);
  });
  CHECK(r.outcome == OutcomeKind::kExit);
  CHECK(order == std::vector<std::string>{"reader1 done", "writer", "reader2"});
}

TEST_CASE("rwmutex: readers share the lock") {
  int inside = 0, max_inside = 0;
  auto r = Run(Opts("1.19", 2), [&] {
    auto rw = std::make_shared<RWMutex>();
    auto wg = std::make_shared<WaitGroup>();
    for (int i = 0; i < 3; ++i) {
      wg->Add(1);
      Go([&, rw, wg] {
        rw->RLock();
        max_inside = std::max(max_inside, ++inside);
        Sleep(kMicrosecond);
        --inside;
        rw->RUnlock();
        wg->Done();
      });
    }
    wg->Wait();
  });
  CHECK(r.outcome == OutcomeKind::kExit);
  CHECK(max_inside == 3);
}

TEST_CASE("rwmutex: misuse is fatal with Go's texts") {
  auto r1 = Run(Opts("1.19"), [] { RWMutex rw; rw.RUnlock(); });
  CHECK(r1.outcome == OutcomeKind::kFatal);
  CHECK(r1.stderr_text.starts_with("fatal error: sync: RUnlock of unlocked RWMutex\n"));
  auto r2 = Run(Opts("1.19"), [] { RWMutex rw; rw.Unlock(); });
  CHECK(r2.outcome == OutcomeKind::kFatal);
  CHECK(r2.stderr_text.starts_with("fatal error: sync: Unlock of unlocked RWMutex\n"));
}

TEST_CASE("waitgroup: a negative counter panics, Wait returns at zero") {
  auto r = Run(Opts("1.19"), [] {
    WaitGroup wg;
    wg.Done();
  });
  CHECK(r.outcome == OutcomeKind::kPanic);
  CHECK(r.exit_code == 2);
  CHECK(r.stderr_text.starts_with("panic: sync: negative WaitGroup counter\n\ngoroutine 1 [running]:\n"
                                  "sync.(*WaitGroup).Add(0x0?, 0x0?)\n"));
  CHECK(r.stderr_text.find("sync.(*WaitGroup).Done(...)\n") != std::string::npos);
  int done = 0;
  auto ok = Run(Opts("1.19", 2), [&] {
    auto wg = std::make_shared<WaitGroup>();
    for (int i = 0; i < 5; ++i) {
      wg->Add(1);
      Go([&, wg] {
        Sleep(kMicrosecond * (5 - done));
        ++done;
        wg->Done();
      });
    }
    wg->Wait();
    CHECK(done == 5);
  });
  CHECK(ok.outcome == OutcomeKind::kExit);
}

// sync/waitgroup.go:Wait: after waking, `if *statep != 0 { panic(...) }`. At
// GOMAXPROCS=1, Done readies the waiter (runnext) and main's Add(1) runs
// before it, so the waiter finds the counter non-zero.
TEST_CASE("waitgroup: reuse before Wait has returned panics") {
  auto r = Run(Opts("1.19", 1), [] {
    auto wg = std::make_shared<WaitGroup>();
    wg->Add(1);
    Go([wg] { wg->Wait(); });
    Sleep(kMicrosecond);
    wg->Done();
    wg->Add(1);
    Sleep(kMicrosecond);
  });
  CHECK(r.outcome == OutcomeKind::kPanic);
  CHECK(r.stderr_text.starts_with("panic: sync: WaitGroup is reused before previous Wait has returned\n"
                                  "\ngoroutine 5 [running]:\n"));
}

TEST_CASE("once: f runs once, callers wait for it, a panic in f still marks it done") {
  int calls = 0;
  std::vector<int> seen;
  auto r = Run(Opts("1.19", 2, "random", 5), [&] {
    auto once = std::make_shared<Once>();
    auto wg = std::make_shared<WaitGroup>();
    for (int i = 0; i < 4; ++i) {
      wg->Add(1);
      Go([&, once, wg] {
        once->Do([&] {
          Sleep(kMicrosecond);
          ++calls;
        });
        seen.push_back(calls);  // every caller returns after f completed
        wg->Done();
      });
    }
    wg->Wait();
    Once p;
    std::string recovered;
    try {
      p.Do([] { Panic("in once"); });
    } catch (const sched::GoPanic& e) {
      recovered = e.value;
    }
    CHECK(recovered == "in once");
    bool ran = false;
    p.Do([&] { ran = true; });
    CHECK(!ran);
  });
  CHECK(r.outcome == OutcomeKind::kExit);
  CHECK(calls == 1);
  CHECK(seen == std::vector<int>{1, 1, 1, 1});
}

}  // namespace
}  // namespace gostep
