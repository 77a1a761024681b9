// The public C++ API (runtime/runtime.h): the example works as
// written, and a Result carries the outcome, output, schedule and events.
#include <doctest/doctest.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "base/schedule_file.h"
#include "tests/testing.h"
#include "tools/demo.h"

namespace gostep {
namespace {

using runtime::OutcomeKind;

TEST_CASE("runtime API: register goroutines, run them, get everything back") {
  runtime::Runtime rt({.version = "1.21", .seed = 7, .gomaxprocs = 2, .events = true});
  auto ch = std::make_shared<Chan<int>>();
  rt.Go([ch] {
    *ch = MakeChan<int>(1);
    ch->Send(42);
  });
  rt.Go([] { Printf("hello from goroutine {}\n", S().CurrentG()->goid); });
  runtime::Result r = rt.Run();
  CHECK(r.outcome == OutcomeKind::kExit);
  CHECK(r.exit_code == 0);
  CHECK(r.stdout_text == "hello from goroutine 6\n");
  CHECK(r.steps > 0);
  CHECK(r.virtual_time > 0);
  CHECK(!r.events.empty());
  auto parsed = base::ParseSchedule(r.schedule, "r");
  REQUIRE(std::holds_alternative<base::ScheduleFile>(parsed));
  const auto& f = std::get<base::ScheduleFile>(parsed);
  CHECK(f.Get("profile") == "go1.21");
  CHECK(f.Get("seed") == "7");
  CHECK(f.Get("gomaxprocs") == "2");
  CHECK(f.end_outcome == "exit 0");
  CHECK_THROWS_AS(rt.Run(), runtime::OptionsError);  // a Runtime runs once
}

TEST_CASE("runtime API: Options::FromEnv reads GOMAXPROCS, GODEBUG and GOTRACEBACK") {
  setenv("GOMAXPROCS", "3", 1);
  setenv("GODEBUG", "asyncpreemptoff=1", 1);
  setenv("GOTRACEBACK", "all", 1);
  runtime::Options o;
  o.FromEnv();
  CHECK(o.gomaxprocs == 3);
  CHECK(o.godebug == "asyncpreemptoff=1");
  CHECK(o.gotraceback == "all");
  setenv("GOMAXPROCS", "nonsense", 1);  // Go ignores a bad value
  runtime::Options d;
  d.FromEnv();
  CHECK(d.gomaxprocs == 2);
  unsetenv("GOMAXPROCS");
  unsetenv("GODEBUG");
  unsetenv("GOTRACEBACK");
}

TEST_CASE("runtime API: the built-in demo runs under every profile and policy") {
  for (const auto& p : base::AllProfiles()) {
    for (const char* policy : {"go", "random", "pct"}) {
      runtime::Options o;
      o.version = std::string(p.name);
      o.policy = policy;
      o.seed = 11;
      runtime::Runtime rt(o);
      auto r = rt.Run(tools::DemoMain);
      CAPTURE(p.name);
      CAPTURE(policy);
      CHECK(r.outcome == OutcomeKind::kExit);
      CHECK(r.stdout_text == "sum of squares 91, total 21\n");
    }
  }
}

}  // namespace
}  // namespace gostep
