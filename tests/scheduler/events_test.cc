// The event log records the scheduler's life: goroutines, state changes with
// wait reasons, runs, preemption, stop-the-world and timers.
#include <doctest/doctest.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "tests/testing.h"

namespace gostep {
namespace {

using testing::Opts;
using testing::OutcomeKind;
using testing::Run;

TEST_CASE("events: the log is JSON lines in step order, with every kind of event") {
  runtime::Options o = Opts("1.19", 2);
  o.events = true;
  auto r = Run(o, [] {
    auto mu = std::make_shared<Mutex>();
    auto stop = std::make_shared<bool>(false);
    mu->Lock();
    Go([mu] { mu->Lock(); });
    Go([stop] {
      while (!*stop) Call();
    });
    Sleep(15 * kMillisecond);  // sysmon preempts the busy goroutine meanwhile
    StopTheWorld("test");
    *stop = true;
    StartTheWorld();
  });
  REQUIRE(r.outcome == OutcomeKind::kExit);
  std::set<std::string> kinds;
  std::set<std::string> reasons;
  uint64_t last_step = 0;
  for (const std::string& line : testing::Lines(r.events)) {
    nlohmann::json e = nlohmann::json::parse(line);
    CHECK(e["step"].get<uint64_t>() >= last_step);
    last_step = e["step"].get<uint64_t>();
    kinds.insert(e["ev"].get<std::string>());
    if (e.contains("reason")) reasons.insert(e["reason"].get<std::string>());
  }
  for (const char* k : {"go", "run", "status", "wakep", "idle", "preempt-request", "preempt", "stw-begin",
                        "stw-stopped", "stw-end", "timer-add", "timer-fire", "netpoll-wake", "gcstop"}) {
    CAPTURE(k);
    CHECK(kinds.count(k) == 1);
  }
  CHECK(reasons.count("sleep") == 1);
  CHECK(reasons.count("semacquire") == 1);
  CHECK(reasons.count("test") == 1);
}

TEST_CASE("events: off by default, and then empty") {
  auto r = Run(Opts(), [] { Go([] {}); });
  CHECK(r.outcome == OutcomeKind::kExit);
  CHECK(r.events.empty());
}

}  // namespace
}  // namespace gostep
