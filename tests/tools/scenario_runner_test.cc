// `gostep test` logic on C++ programs (tests/tools/racy_program.h): cases
// planned from a header, and expectations that hold and that fail.
#include <doctest/doctest.h>

#include <string>
#include <variant>

#include "tests/tools/racy_program.h"
#include "tools/scenario_runner.h"

namespace gostep::tools {
namespace {

ScenarioHeader Header(const std::string& src) {
  auto r = ParseScenarioHeader(src, "t.go");
  REQUIRE(std::holds_alternative<ScenarioHeader>(r));
  return std::get<ScenarioHeader>(r);
}

// CheckAll runs every case; returns "label: ok|detail" lines.
std::string CheckAll(const std::string& src, std::string_view only = "") {
  ScenarioHeader h = Header(src);
  ScenarioRunner runner("t.go", src, RunnerConfig{.compile = testing::CompileCxx, .jobs = 2});
  std::string out;
  for (const TestCase& c : PlanCases(h, only)) {
    CaseResult r = runner.Check(c);
    out += CaseLabel("t.go", c) + ": " + (r.ok ? "ok" : r.detail) + "\n";
  }
  return out;
}

TEST_CASE("scenario runner: cases are the versions, then each override set on the profiles it names") {
  ScenarioHeader h = Header(
      "// gostep: versions=1.19-1.21\n"
      "// want: exit 0\n"
      "// want[1.21, gomaxprocs=1]: never fails in 10 runs\n"
      "// out[1.20]: x\n");
  std::vector<TestCase> cases = PlanCases(h);
  REQUIRE(cases.size() == 4);
  CHECK(CaseLabel("t.go", cases[0]) == "t.go go1.19");
  CHECK(CaseLabel("t.go", cases[3]) == "t.go go1.21 [gomaxprocs=1]");
  CHECK(cases[3].settings.gomaxprocs == 1);
  CHECK(cases[3].wants.size() == 1);  // `want: exit 0` has no overrides: not in this case
  CHECK(cases[1].out == std::vector<std::string>{"x"});
  CHECK_FALSE(cases[0].has_out);
  REQUIRE(PlanCases(h, "go1.21").size() == 2);
}

TEST_CASE("scenario runner: single-run expectations and out lines pass and fail with a reason") {
  CHECK(CheckAll("// gostep: versions=1.19\n// want: exit 0\n// out: hello\n") == "t.go go1.19: ok\n");
  CHECK(CheckAll("// gostep: versions=1.19\n// want: exit 1\n// out: hello\n// out: bye\n") ==
        "t.go go1.19: want exit 1, got exit 0; stdout line 2: want \"bye\", got (end of output)\n");
  CHECK(CheckAll("// gostep: versions=1.19\n// want: fatal error: concurrent map writes\n") ==
        "t.go go1.19: want fatal error: concurrent map writes, got exit 0\n");
  CHECK(CheckAll("// gostep: versions=1.19\n// want: stderr contains goroutine\n") ==
        "t.go go1.19: want stderr containing \"goroutine\", got exit 0\n");
  CHECK(CheckAll("// gostep: versions=1.19\n// prose only\n") == "t.go go1.19: no expectation for this profile\n");
}

TEST_CASE("scenario runner: compile errors per profile") {
  std::string src =
      "// gostep: versions=1.20-1.21\n"
      "// want[1.20]: compile error: undefined: clear\n"
      "// want[1.21]: exit 0\n"
      "package main\nfunc main() { clear(m) }\n";
  CHECK(CheckAll(src) == "t.go go1.20: ok\nt.go go1.21: ok\n");
  CHECK(CheckAll("// gostep: versions=1.20\n// want: exit 0\nclear(m)\n") ==
        "t.go go1.20: compile error: t.go:5:2: undefined: clear\n");
  CHECK(CheckAll("// gostep: versions=1.21\n// want: compile error: undefined: clear\nclear(m)\n") ==
        "t.go go1.21: want compile error: undefined: clear, got no compile error\n");
}

TEST_CASE("scenario runner: explore expectations use the explore engine on the racy program") {
  std::string racy =
      "// gostep: versions=1.19 gomaxprocs=2\n"
      "// want: explore finds fatal error: concurrent map iteration and map write within 300 runs\n"
      "// racy\n";
  CHECK(CheckAll(racy) == "t.go go1.19: ok\n");
  CHECK(CheckAll("// gostep: versions=1.19-1.20\n// want[explore=pct]: never fails in 30 runs\n") ==
        "t.go go1.19: no expectation for this profile\n"
        "t.go go1.20: no expectation for this profile\n"
        "t.go go1.19 [explore=pct]: ok\n"
        "t.go go1.20 [explore=pct]: ok\n");
  std::string wrong =
      "// gostep: versions=1.19\n"
      "// want: never fails in 300 runs\n"
      "// want[seed=5]: explore finds panic: boom within 20 runs\n"
      "// racy\n";
  std::string got = CheckAll(wrong);
  CHECK(got.find("t.go go1.19: want never fails in 300 runs, got "
                 "fatal error: concurrent map iteration and map write at run ") == 0);
  CHECK(got.find("\nt.go go1.19 [seed=5]: want explore finds panic: boom within 20 runs, not found in 20 runs\n") !=
        std::string::npos);
  CHECK(ExploreOutcomeMatches("deadlock", "fatal error: all goroutines are asleep - deadlock!"));
  CHECK(ExploreOutcomeMatches("exit 0", "ok"));
  CHECK_FALSE(ExploreOutcomeMatches("exit 1", "exit 12"));
}

}  // namespace
}  // namespace gostep::tools
