// Channels and select: runtime/chan.go and select.go semantics and texts.
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

TEST_CASE("chan: unbuffered handoff and buffered FIFO with len and cap") {
  std::vector<int> got;
  int len = -1, cap = -1;
  auto r = Run(Opts(), [&] {
    auto c = MakeChan<int>(3);
    c.Send(1);
    c.Send(2);
    c.Send(3);
    len = c.Len();
    cap = c.Cap();
    auto u = MakeChan<int>(0);
    Go([=] {
      for (int i = 0; i < 3; ++i) u.Send(c.Recv() * 10);
    });
    for (int i = 0; i < 3; ++i) got.push_back(u.Recv());
  });
  CHECK(r.outcome == OutcomeKind::kExit);
  CHECK(len == 3);
  CHECK(cap == 3);
  CHECK(got == std::vector<int>{10, 20, 30});
}

// chan.go:chanrecv: a closed channel still yields its buffered values, then
// zero values with ok == false.
TEST_CASE("chan: receive from a closed channel drains the buffer, then gives zero and !ok") {
  std::vector<std::pair<int, bool>> got;
  auto r = Run(Opts(), [&] {
    auto c = MakeChan<int>(2);
    c.Send(7);
    c.Close();
    for (int i = 0; i < 2; ++i) got.push_back(c.Recv2());
  });
  CHECK(r.outcome == OutcomeKind::kExit);
  CHECK(got == std::vector<std::pair<int, bool>>{{7, true}, {0, false}});
}

// chan.go:closechan collects the waiters in a gList (push = push front) and
// readies them popping from the front: the last one dequeued is readied
// first. Each ready() puts the G in runnext and kicks the previous one to the
// local ring. Receivers queued A, B, C -> readied C, B, A -> runnext A, ring
// [C, B] -> they run A, C, B.
TEST_CASE("chan: close wakes every waiter, in closechan's gList order") {
  auto order = std::make_shared<std::vector<std::string>>();
  auto r = Run(Opts("1.19", 1), [order] {
    auto c = MakeChan<int>(0);
    auto wg = std::make_shared<WaitGroup>();
    for (const char* name : {"A", "B", "C"}) {
      wg->Add(1);
      Go([=] {
        auto [v, ok] = c.Recv2();
        order->push_back(std::string(name) + (ok ? "!" : ""));
        wg->Done();
      });
      Sleep(kMicrosecond);  // let it block, so the receivers queue A, B, C
    }
    c.Close();
    wg->Wait();
  });
  CHECK(r.outcome == OutcomeKind::kExit);
  CHECK(*order == std::vector<std::string>{"A", "C", "B"});
}

TEST_CASE("chan: misuse panics with Go's texts") {
  struct Case {
    const char* name;
    std::function<void()> body;
    const char* text;
  };
  std::vector<Case> cases = {
      {"close closed", [] { auto c = MakeChan<int>(0); c.Close(); c.Close(); }, "panic: close of closed channel\n"},
      {"close nil", [] { Chan<int>().Close(); }, "panic: close of nil channel\n"},
      {"send closed", [] { auto c = MakeChan<int>(1); c.Close(); c.Send(1); }, "panic: send on closed channel\n"},
      {"send closed while blocked",
       [] {
         auto c = MakeChan<int>(0);
         Go([c] { c.Close(); });
         c.Send(1);
       },
       "panic: send on closed channel\n"},
      {"make negative", [] { MakeChan<int>(-1); }, "panic: makechan: size out of range\n"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    auto r = Run(Opts(), c.body);
    CHECK(r.outcome == OutcomeKind::kPanic);
    CHECK(r.exit_code == 2);
    CHECK(r.stderr_text.starts_with(std::string(c.text) + "\ngoroutine 1 [running]:\nmain.main()\n"));
  }
}

TEST_CASE("chan: a recovered panic is an ordinary value (recover)") {
  std::string recovered;
  auto r = Run(Opts(), [&] {
    try {
      Chan<int>().Close();
    } catch (const sched::GoPanic& p) {
      recovered = p.value;
    }
  });
  CHECK(r.outcome == OutcomeKind::kExit);
  CHECK(recovered == "close of nil channel");
}

TEST_CASE("chan: nil channels block forever, and the deadlock names them") {
  auto r = Run(Opts(), [] {
    Go([] { Chan<int>().Send(1); });
    Chan<int>().Recv();
  });
  CHECK(r.outcome == OutcomeKind::kFatal);
  CHECK(r.exit_code == 2);
  CHECK(r.stderr_text.starts_with(
      "fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [chan receive (nil chan)]:\n"));
  CHECK(r.stderr_text.find("\ngoroutine 5 [chan send (nil chan)]:\n") != std::string::npos);
}

// select.go: pollorder is a random permutation (one fastrandn per case), so
// among ready cases each is chosen about equally often.
TEST_CASE("select: picks uniformly among ready cases, using the decision stream") {
  int first = 0, total = 200;
  for (int seed = 1; seed <= total; ++seed) {
    int chosen = -1;
    Run(Opts("1.19", 1, "go", static_cast<uint64_t>(seed)), [&] {
      auto a = MakeChan<int>(1), b = MakeChan<int>(1);
      a.Send(1);
      b.Send(2);
      chosen = Select({RecvCase(a), RecvCase(b)});
    });
    first += chosen == 0;
  }
  CHECK(first > total * 35 / 100);
  CHECK(first < total * 65 / 100);
}

TEST_CASE("select: default, nil cases, closed channels and send cases") {
  int with_default = -2, closed_case = -2, send_case = -2, recv_val = 0;
  bool ok = true;
  auto r = Run(Opts(), [&] {
    auto a = MakeChan<int>(0);
    with_default = Select({RecvCase(a), RecvCase(Chan<int>())}, /*has_default=*/true);
    auto closed = MakeChan<int>(0);
    closed.Close();
    int v = 5;
    closed_case = Select({RecvCase(Chan<int>()), RecvCase(closed, &v, &ok)});
    recv_val = v;
    auto buf = MakeChan<int>(1);
    send_case = Select({RecvCase(a), SendCase(buf, 42)});
  });
  CHECK(r.outcome == OutcomeKind::kExit);
  CHECK(with_default == -1);
  CHECK(closed_case == 1);
  CHECK(!ok);
  CHECK(recv_val == 0);
  CHECK(send_case == 1);
}

TEST_CASE("select: a blocked select is woken by one case only, the others are dequeued") {
  std::vector<int> got;
  auto r = Run(Opts("1.19", 2, "random", 3), [&] {
    auto a = MakeChan<int>(0), b = MakeChan<int>(0);
    Go([=] { a.Send(1); });
    Go([=] { b.Send(2); });
    for (int i = 0; i < 2; ++i) {
      int v = 0;
      Select({RecvCase(a, &v), RecvCase(b, &v)});
      got.push_back(v);
    }
  });
  CHECK(r.outcome == OutcomeKind::kExit);
  std::sort(got.begin(), got.end());
  CHECK(got == std::vector<int>{1, 2});
}

TEST_CASE("select: select {} blocks forever") {
  auto r = Run(Opts(), [] { Select(std::vector<Case>{}); });
  CHECK(r.outcome == OutcomeKind::kFatal);
  CHECK(r.stderr_text.find("goroutine 1 [select (no cases)]:") != std::string::npos);
}

TEST_CASE("select: send on a closed channel panics") {
  auto r = Run(Opts(), [] {
    auto c = MakeChan<int>(0);
    c.Close();
    Select({SendCase(c, 1)});
  });
  CHECK(r.outcome == OutcomeKind::kPanic);
  CHECK(r.stderr_text.starts_with("panic: send on closed channel\n"));
}

}  // namespace
}  // namespace gostep
