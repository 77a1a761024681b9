// Maps in a running simulation: determinism and replay (every map draw is a
// recorded draw of the decision stream), the map options, and GODEBUG's
// cpu.aes=off.
#include <doctest/doctest.h>

#include <string>

#include "runtime/map.h"
#include "tests/testing.h"

namespace gostep {
namespace {

using maps::KeyKind;
using runtime::Options;
using runtime::Result;

// A program whose output is the map's iteration order (random start and
// offset, hash placement); two writers take turns under a mutex.
void Program() {
  GoMap m = GoMap::Make(KeyKind::kInt64);
  auto mu = std::make_shared<Mutex>();
  auto done = MakeChan<int>(2);
  for (int g = 0; g < 2; ++g) {
    Go([m, mu, done, g]() mutable {
      for (int64_t i = 0; i < 40; ++i) {
        mu->Lock();
        m.Set(g * 100 + i, i);
        mu->Unlock();
      }
      done.Send(1);
    });
  }
  done.Recv();
  done.Recv();
  std::string order;
  m.Range([&](const maps::Key& k, int64_t) {
    order += std::to_string(static_cast<int64_t>(k.bits)) + " ";
    return true;
  });
  Print(order + "\n");
}

Options Opts(uint64_t seed) {
  Options o = testing::Opts("1.19", 2, "random", seed);
  o.granularity = "runtime";
  o.events = true;
  return o;
}

TEST_CASE("maps in a run: the same seed gives byte-identical output, schedule and events, and replays") {
  for (uint64_t seed : {1, 2, 3}) {
    Result a = testing::Run(Opts(seed), Program);
    Result b = testing::Run(Opts(seed), Program);
    INFO(a.message << " | " << a.stderr_text.substr(0, 600));
    REQUIRE(a.outcome == runtime::OutcomeKind::kExit);
    CHECK(a.stdout_text == b.stdout_text);
    CHECK(a.schedule == b.schedule);
    CHECK(a.events == b.events);
    CHECK(a.events.find("\"ev\":\"map_grow\"") != std::string::npos);
    Options r = Opts(seed);
    r.replay = a.schedule;
    Result c = testing::Run(r, Program);
    CHECK(c.outcome == a.outcome);
    CHECK(c.stdout_text == a.stdout_text);
    CHECK(c.events == a.events);
  }
  // Another seed draws other hash seeds and iteration starts.
  CHECK(testing::Run(Opts(1), Program).stdout_text != testing::Run(Opts(2), Program).stdout_text);
}

TEST_CASE("maps in a run: GODEBUG=cpu.aes=off is the fallback hash, as map_hash=fallback") {
  Options aes = Opts(5), fb = Opts(5), env = Opts(5);
  fb.map_hash = "fallback";
  env.godebug = "cpu.aes=off";
  Result ra = testing::Run(aes, Program), rf = testing::Run(fb, Program), re = testing::Run(env, Program);
  CHECK(rf.stdout_text == re.stdout_text);
  CHECK(rf.stdout_text != ra.stdout_text);  // other hashes: other buckets, another order
}

TEST_CASE("maps in a run: bad map options are errors that name them") {
  Options o = Opts(1);
  o.map_hash = "sha";
  CHECK_THROWS_WITH_AS(runtime::Runtime{o}, "unknown map_hash \"sha\" (want aes or fallback)", runtime::OptionsError);
  o = Opts(1);
  o.map_faults = "untraced-iterator,oops";
  CHECK_THROWS_WITH_AS(runtime::Runtime{o},
                       "unknown map fault \"oops\" (want untraced-iterator, no-misuse-detection or "
                       "no-write-barrier-on-map-store)",
                       runtime::OptionsError);
}

}  // namespace
}  // namespace gostep
