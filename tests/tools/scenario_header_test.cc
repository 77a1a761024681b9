// The scenario header grammar of traces/README.md: valid headers, and
// malformed ones with their exact file:line:col messages.
#include <doctest/doctest.h>

#include <string>
#include <variant>

#include "tools/scenario_header.h"

namespace gostep::tools {
namespace {

ScenarioHeader Parse(const std::string& src) {
  auto r = ParseScenarioHeader(src, "s.go");
  if (auto* err = std::get_if<std::string>(&r)) FAIL("unexpected error: " << *err);
  return std::get<ScenarioHeader>(r);
}

std::string Error(const std::string& src) {
  auto r = ParseScenarioHeader(src, "s.go");
  REQUIRE(std::holds_alternative<std::string>(r));
  return std::get<std::string>(r);
}

std::string Names(const std::vector<const base::VersionProfile*>& ps) {
  std::string out;
  for (const auto* p : ps) out += std::string(p->name) + " ";
  return out;
}

TEST_CASE("scenario header: the README example parses into settings, expectations and out lines") {
  ScenarioHeader h = Parse(
      "// Prose about the claim: want this to be ignored.\n"
      "// gostep: versions=1.14-1.23 gomaxprocs=2 granularity=runtime\n"
      "// gostep: fault=no-misuse-detection seed=7 explore=pct gorun=no\n"
      "// want: exit 0\n"
      "// out: hello\n"
      "// out: map[a:1 b:2]\n"
      "// out:\n"
      "// want[1.14-1.20]: compile error: undefined: clear\n"
      "// want[1.21+]: explore finds fatal error: concurrent map iteration and map write within 1000 runs\n"
      "// want[gomaxprocs=1]: never fails in 200 runs\n"
      "package main\n"
      "// want: exit 9 (after the package clause: not header)\n");
  CHECK(h.settings.gomaxprocs == 2);
  CHECK(h.settings.granularity == "runtime");
  CHECK(h.settings.seed == 7);
  CHECK(h.settings.explore == "pct");
  CHECK_FALSE(h.settings.gorun);
  CHECK(h.settings.faults == std::vector<std::string>{"no-misuse-detection"});
  REQUIRE(h.wants.size() == 4);
  CHECK(h.wants[0].kind == ExpectKind::kExit);
  CHECK(h.wants[0].code == 0);
  CHECK(h.wants[0].line == 4);
  CHECK(h.wants[1].kind == ExpectKind::kCompileError);
  CHECK(h.wants[1].text == "undefined: clear");
  CHECK(h.wants[1].selector.versions.Matches(*base::FindProfile("1.20")));
  CHECK_FALSE(h.wants[1].selector.versions.Matches(*base::FindProfile("1.21")));
  CHECK(h.wants[2].kind == ExpectKind::kExploreFinds);
  CHECK(h.wants[2].text == "fatal error: concurrent map iteration and map write");
  CHECK(h.wants[2].runs == 1000);
  CHECK(h.wants[3].kind == ExpectKind::kNeverFails);
  CHECK(h.wants[3].runs == 200);
  CHECK(h.wants[3].selector.overrides == Overrides{{"gomaxprocs", "1"}});
  REQUIRE(h.outs.size() == 3);
  CHECK(h.outs[1].text == "map[a:1 b:2]");
  CHECK(h.outs[2].text == "");
}

TEST_CASE("scenario header: panic, fatal, stderr and explore outcomes keep their text") {
  ScenarioHeader h = Parse(
      "// want[1.19]: panic: runtime error: index out of range [5] with length 3\n"
      "// want[1.18]: fatal error: all goroutines are asleep - deadlock!\n"
      "// want[1.20]: stderr contains goroutine 1 [chan receive]:\n"
      "// want[1.21]: explore finds deadlock within 50 runs\n"
      "// want[1.22]: explore finds exit 3 within 5 runs\n");
  REQUIRE(h.wants.size() == 5);
  CHECK(h.wants[0].kind == ExpectKind::kPanic);
  CHECK(h.wants[0].text == "panic: runtime error: index out of range [5] with length 3");
  CHECK(h.wants[1].kind == ExpectKind::kFatal);
  CHECK(h.wants[1].text == "fatal error: all goroutines are asleep - deadlock!");
  CHECK(h.wants[2].kind == ExpectKind::kStderrContains);
  CHECK(h.wants[2].text == "goroutine 1 [chan receive]:");
  CHECK(h.wants[3].text == "deadlock");
  CHECK(h.wants[4].text == "exit 3");
  CHECK(h.wants[4].runs == 5);
}

TEST_CASE("scenario header: version lists name minor profiles, point releases only when spelled out") {
  CHECK(Names(Parse("").versions.Profiles()) ==
        "go1.14 go1.15 go1.16 go1.17 go1.18 go1.19 go1.20 go1.21 go1.22 go1.23 ");
  CHECK(Names(Parse("// gostep: versions=1.14.1,1.15.0,1.22+\n").versions.Profiles()) ==
        "go1.14.1 go1.15.0 go1.22 go1.23 ");
  CHECK(Names(Parse("// gostep: versions=1.14-1.16,go1.21\n").versions.Profiles()) == "go1.14 go1.15 go1.16 go1.21 ");
  ScenarioHeader h = Parse("// want[1.14-1.15, seed=3, gomaxprocs=4]: exit 0\n");
  CHECK(h.wants[0].selector.versions.Matches(*base::FindProfile("1.14.1")));  // a selector covers point releases
  CHECK(h.wants[0].selector.overrides == Overrides{{"gomaxprocs", "4"}, {"seed", "3"}});  // sorted
  CHECK(OverridesText(h.wants[0].selector.overrides) == "gomaxprocs=4 seed=3");
}

TEST_CASE("scenario header: malformed settings point at the offending text") {
  CHECK(Error("// gostep: versions=1.14-1.23 gomaxproc=2\n") ==
        "s.go:1:31: unknown key \"gomaxproc\" (want versions, gomaxprocs, policy, granularity, seed, fault, "
        "godebug, gogc, gomemlimit, explore or gorun)");
  CHECK(Error("// a prose line\n// gostep: gomaxprocs=0\n") ==
        "s.go:2:23: bad gomaxprocs \"0\": want an integer in [1, 1024]");
  CHECK(Error("// gostep: fault=no-such-fault\n") ==
        "s.go:1:18: bad fault \"no-such-fault\": want a fault name (untraced-iterator, no-misuse-detection, "
        "no-write-barrier-on-map-store)");
  CHECK(Error("// gostep: seed\n") == "s.go:1:12: \"seed\" is not key=value");
  std::string v = Error("\n// gostep: versions=1.14-1.16,1.12+\n");
  CHECK(v.rfind("s.go:2:31: bad version \"1.12+\": want 1.X, 1.X-1.Y, 1.X+ or a point release; gostep models go1.14.1",
                0) == 0);
  CHECK(Error("// gostep: versions=1.20-1.18\n").rfind("s.go:1:21: bad version \"1.20-1.18\"", 0) == 0);
}

TEST_CASE("scenario header: malformed expectations point at the offending text") {
  CHECK(Error("// want: exits 0\n").rfind("s.go:1:10: unknown expectation \"exits 0\" (want exit N", 0) == 0);
  CHECK(Error("// want: exit two\n") == "s.go:1:15: bad exit status: want an integer in [0, 255]");
  CHECK(Error("// want[1.21+ exit 0\n") == "s.go:1:8: unclosed [ in the selector");
  CHECK(Error("// want[1.21+] exit 0\n") == "s.go:1:15: want \":\" after want");
  CHECK(Error("// want[1.21+, gomaxprocs=x]: exit 0\n") ==
        "s.go:1:16: bad gomaxprocs \"x\": want an integer in [1, 1024]");
  CHECK(Error("// want[versions=1.21]: exit 0\n") ==
        "s.go:1:9: versions cannot be overridden; put the range in the selector: want[1.21+]");
  CHECK(Error("// want: explore finds fatal error: x within many runs\n") ==
        "s.go:1:46: bad run count \"many\": want a positive integer");
  CHECK(Error("// want: explore finds a crash within 10 runs\n") ==
        "s.go:1:24: unknown outcome \"a crash\" (want fatal error: …, panic: …, deadlock or exit N)");
  CHECK(Error("// want: never fails in 0 runs\n") == "s.go:1:25: bad run count \"0\": want a positive integer");
  CHECK(Error("// out[1.9]: x\n").rfind("s.go:1:8: bad version \"1.9\"", 0) == 0);
  CHECK(Error("// want:\n") == "s.go:1:9: empty expectation");
}

}  // namespace
}  // namespace gostep::tools
