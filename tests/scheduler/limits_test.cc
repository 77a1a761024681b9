// Runaway programs end at a limit whose message names it; the host goes on.
#include <doctest/doctest.h>

#include <string>

#include "tests/testing.h"

namespace gostep {
namespace {

using testing::Opts;
using testing::OutcomeKind;
using testing::Run;

TEST_CASE("limits: steps, goroutines, virtual time and wall time each stop a runaway program") {
  SUBCASE("steps") {
    runtime::Options o = Opts();
    o.limits.max_steps = 10'000;
    auto r = Run(o, [] {
      for (;;) Call();
    });
    CHECK(r.outcome == OutcomeKind::kLimit);
    CHECK(r.exit_code == 3);
    CHECK(r.message == "gostep: step limit reached: 10000 steps (--max-steps)");
  }
  SUBCASE("goroutines") {
    runtime::Options o = Opts();
    o.limits.max_goroutines = 100;
    auto r = Run(o, [] {
      for (;;) Go([] { Chan<int>().Recv(); });
    });
    CHECK(r.outcome == OutcomeKind::kLimit);
    CHECK(r.message == "gostep: goroutine limit reached: 100 live goroutines (--max-goroutines)");
  }
  SUBCASE("virtual time") {
    runtime::Options o = Opts();
    o.limits.max_virtual_time = kSecond;
    auto r = Run(o, [] {
      for (;;) Sleep(kMillisecond);
    });
    CHECK(r.outcome == OutcomeKind::kLimit);
    CHECK(r.message == "gostep: virtual time limit reached: 1000000000 ns (max-virtual-time)");
  }
  SUBCASE("wall time") {
    runtime::Options o = Opts();
    o.limits.max_steps = 0;
    o.limits.max_wall_seconds = 0.2;
    auto r = Run(o, [] {
      for (;;) Loop();
    });
    CHECK(r.outcome == OutcomeKind::kLimit);
    CHECK(r.message == "gostep: wall-time limit reached: 0.2 s (--timeout)");
  }
}

TEST_CASE("limits: bad options are errors, not crashes") {
  runtime::Options o;
  o.version = "1.13";
  CHECK_THROWS_WITH_AS(runtime::Runtime{o},
                       "unknown Go version \"1.13\" (gostep models go1.14.1, go1.14, go1.15.0, go1.15, go1.16, go1.17, "
                       "go1.18, go1.19, go1.20, go1.21, go1.22, go1.23)",
                       runtime::OptionsError);
  o = runtime::Options();
  o.policy = "dfs";
  CHECK_THROWS_AS(runtime::Runtime{o}, runtime::OptionsError);
  o = runtime::Options();
  o.gomaxprocs = 0;
  CHECK_THROWS_AS(runtime::Runtime{o}, runtime::OptionsError);
  o = runtime::Options();
  o.granularity = "instruction";
  CHECK_THROWS_AS(runtime::Runtime{o}, runtime::OptionsError);
}

TEST_CASE("exit: os.Exit ends the program with its code, main returning ends it with 0") {
  auto r = Run(Opts("1.19", 2), [] {
    Go([] {
      for (;;) Call();  // still running when main exits
    });
    Exit(7);
  });
  CHECK(r.outcome == OutcomeKind::kExit);
  CHECK(r.exit_code == 7);
  auto r0 = Run(Opts("1.19", 2), [] {
    Go([] {
      for (;;) Call();
    });
  });
  CHECK(r0.outcome == OutcomeKind::kExit);
  CHECK(r0.exit_code == 0);
}

// proc.go:checkdead: main called runtime.Goexit, and no other goroutine is left.
TEST_CASE("exit: main calling Goexit ends in 'no goroutines' once the others finish") {
  bool other_finished = false;
  auto r = Run(Opts("1.19"), [&] {
    Go([&] {
      Sleep(kMillisecond);
      other_finished = true;
    });
    Goexit();
  });
  CHECK(other_finished);
  CHECK(r.outcome == OutcomeKind::kFatal);
  CHECK(r.stderr_text == "fatal error: no goroutines (main called runtime.Goexit) - deadlock!\n");
}

}  // namespace
}  // namespace gostep
