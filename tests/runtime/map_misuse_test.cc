// The map misuse detector under the scheduler (maps issue, acceptance 4):
// two goroutines on two Ps at the runtime grain, the random policy, at most
// 1,000 seeds per message; the traceback of throw (go1.18) and fatal
// (go1.19+); and the article's iterate-while-writing program, which never
// crashes at GOMAXPROCS=1 under the go policy, as on real Go.
#include <doctest/doctest.h>

#include <string>

#include "runtime/map.h"
#include "tests/go_programs.h"
#include "tests/testing.h"

namespace gostep {
namespace {

using maps::KeyKind;
using runtime::Options;
using runtime::OutcomeKind;
using runtime::Result;

Options MisuseOptions(const std::string& version, uint64_t seed, int procs = 2) {
  Options o = testing::Opts(version, procs, "random", seed);
  o.granularity = "runtime";
  o.limits.max_steps = 2'000'000;
  return o;
}

// The two goroutines of each case: `a` writes, `b` does the other thing.
enum class Misuse { kWrites, kReadWrite, kIterWrite, kCloneWrite };

Result RunMisuse(Misuse kind, const std::string& version, uint64_t seed, int procs = 2,
                 const std::string& policy = "random") {
  Options o = MisuseOptions(version, seed, procs);
  o.policy = policy;
  return testing::Run(o, [kind] {
    GoMap m = GoMap::Make(KeyKind::kInt64);
    for (int64_t k = 0; k < 16; ++k) m.Set(k, k);
    auto done = MakeChan<int>(2);
    Go([m, done]() mutable {
      for (int64_t i = 0; i < 64; ++i) m.Set(100 + i, i);
      done.Send(1);
    });
    Go([m, done, kind]() mutable {
      for (int i = 0; i < 8; ++i) {
        int64_t v;
        switch (kind) {
          case Misuse::kWrites: m.Set(1000 + i, i); break;
          case Misuse::kReadWrite: m.Get(i, &v); break;
          case Misuse::kIterWrite: m.Range([](const maps::Key&, int64_t) { return true; }); break;
          case Misuse::kCloneWrite: m.Clone(); break;
        }
      }
      done.Send(1);
    });
    done.Recv();
    done.Recv();
  });
}

// FirstCrash runs seeds 1..1000 and returns the first fatal run's seed (0: none).
uint64_t FirstCrash(Misuse kind, const std::string& version, Result* out) {
  for (uint64_t seed = 1; seed <= 1000; ++seed) {
    Result r = RunMisuse(kind, version, seed);
    if (r.outcome == OutcomeKind::kFatal) {
      *out = r;
      return seed;
    }
    REQUIRE(r.outcome == OutcomeKind::kExit);
  }
  return 0;
}

void CheckFound(Misuse kind, const std::string& version, const std::string& message) {
  Result r;
  uint64_t seed = FirstCrash(kind, version, &r);
  INFO("profile " << version << ", message " << message);
  REQUIRE(seed != 0);
  MESSAGE(version << ": \"" << message << "\" at seed " << seed);
  CHECK(r.message == message);
  CHECK(r.exit_code == 2);
  CHECK(r.stderr_text.rfind("fatal error: " + message + "\n", 0) == 0);
  // The same seed is the same run.
  Result again = RunMisuse(kind, version, seed);
  CHECK(again.stderr_text == r.stderr_text);
  CHECK(again.schedule == r.schedule);
}

TEST_CASE("map misuse: two writers die with concurrent map writes") {
  CheckFound(Misuse::kWrites, "1.19", "concurrent map writes");
}

TEST_CASE("map misuse: a reader and a writer die with concurrent map read and map write") {
  CheckFound(Misuse::kReadWrite, "1.19", "concurrent map read and map write");
}

TEST_CASE("map misuse: a range and a writer die with concurrent map iteration and map write") {
  CheckFound(Misuse::kIterWrite, "1.19", "concurrent map iteration and map write");
}

TEST_CASE("map misuse: maps.Clone and a writer die with concurrent map clone and map write (go1.21)") {
  CheckFound(Misuse::kCloneWrite, "1.21", "concurrent map clone and map write");
}

// throw (go1.18) prints the runtime frames of the detecting function with
// fp/sp/pc; fatal (go1.19) prints none (CL 390421, Go issue 51485).
TEST_CASE("map misuse: go1.18 throws with runtime frames, go1.19 calls fatal without them") {
  Result r18, r19;
  REQUIRE(FirstCrash(Misuse::kWrites, "1.18", &r18) != 0);
  REQUIRE(FirstCrash(Misuse::kWrites, "1.19", &r19) != 0);
  CHECK(r18.stderr_text.find("\nruntime.throw({") != std::string::npos);
  CHECK(r18.stderr_text.find("\nruntime.mapassign_fast64(") != std::string::npos);
  CHECK(r18.stderr_text.find(" fp=0x") != std::string::npos);
  CHECK(r19.stderr_text.find("runtime.") == std::string::npos);
  CHECK(r19.stderr_text.find("runtime.fatal") == std::string::npos);
  CHECK(r19.stderr_text.find(" fp=0x") == std::string::npos);
}

// The article's snippet (tests/go/map_iter_write): one goroutine ranges over
// the map in a loop while main inserts and deletes 100k times. Real Go 1.19
// dies with "concurrent map iteration and map write" at GOMAXPROCS=2 (20 runs
// of 20, toolchain-notes.md) and never at GOMAXPROCS=1: at one P the
// iterator never runs inside a write's flag window.
Result RunIterWrite(int procs) {
  Options o = testing::Opts("1.19", procs, "go", 1);
  o.granularity = "runtime";
  o.limits.max_steps = 5'000'000;
  return testing::Run(o, [] {
    GoMap m = GoMap::Make(KeyKind::kInt64, 0, /*small=*/true);
    Go([m]() mutable {
      for (;;) m.Range([](const maps::Key&, int64_t) { return true; });
    });
    for (int64_t i = 0; i < 100000; ++i) {
      m.Set(i, i);
      m.Delete(i - 1);
    }
    Print("no crash\n");
  });
}

TEST_CASE("map misuse: the article's iterate-while-writing program dies at GOMAXPROCS=2 and not at 1, as real Go 1.19") {
  // Real Go: the GOMAXPROCS=2 crash needs both goroutines on CPUs at once,
  // which a loaded 2-CPU machine (ctest runs two tests at a time) may not
  // give: up to 20 runs, stopping at the first crash. Seeing none is reported
  // as a warning about the machine, not as a failure of gostep; the checks
  // that can fail are the GOMAXPROCS=1 runs below and gostep's own runs.
  REQUIRE(testing::GoBuildError() == "");
  int crashes2 = 0;
  for (int i = 0; i < 20 && crashes2 == 0; ++i) {
    testing::Proc p = testing::RunGoCase("map_iter_write", {"GOMAXPROCS=2"});
    REQUIRE(p.failure.empty());
    if (p.err.rfind("fatal error: concurrent map iteration and map write\n", 0) == 0) ++crashes2;
  }
  WARN_MESSAGE(crashes2 > 0, "real Go 1.19 did not crash in 20 runs at GOMAXPROCS=2: the machine was too busy to run both goroutines at once");
  for (int i = 0; i < 3; ++i) {
    testing::Proc p = testing::RunGoCase("map_iter_write", {"GOMAXPROCS=1"});
    REQUIRE(p.failure.empty());
    CHECK(p.status == 0);
    CHECK(p.err == "no crash\n");
  }
  // gostep under the go policy, deterministic.
  Result two = RunIterWrite(2);
  CHECK(two.outcome == OutcomeKind::kFatal);
  CHECK(two.message == "concurrent map iteration and map write");
  Result one = RunIterWrite(1);
  CHECK(one.outcome == OutcomeKind::kExit);
  CHECK(one.stdout_text == "no crash\n");
}

TEST_CASE("map misuse: iterate-while-writing never crashes at GOMAXPROCS=1 under the go policy") {
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    Result r = RunMisuse(Misuse::kIterWrite, "1.19", seed, 1, "go");
    CHECK(r.outcome == OutcomeKind::kExit);
  }
}

TEST_CASE("map misuse: the no-misuse-detection fault lets the same races run to the end") {
  Result found;
  uint64_t seed = FirstCrash(Misuse::kWrites, "1.19", &found);
  REQUIRE(seed != 0);
  Options o = MisuseOptions("1.19", seed);
  o.map_faults = "no-misuse-detection";
  Result r = testing::Run(o, [] {
    GoMap m = GoMap::Make(KeyKind::kInt64);
    auto done = MakeChan<int>(2);
    for (int g = 0; g < 2; ++g) {
      Go([m, done, g]() mutable {
        for (int64_t i = 0; i < 64; ++i) m.Set(g * 1000 + i, i);
        done.Send(1);
      });
    }
    done.Recv();
    done.Recv();
  });
  CHECK(r.outcome != OutcomeKind::kFatal);
}

}  // namespace
}  // namespace gostep
