// tools/scenario_runner.h — checking a scenario's expectations (`gostep test`).
//
// A scenario header (tools/scenario_header.h) expands into cases: one per
// profile of its `versions`, plus one per profile and override set named in
// a selector (`want[1.21+, gomaxprocs=1]`). A case carries the expectations
// and `out` lines whose selector matches it exactly: a line with overrides
// belongs only to cases with the same overrides. Checking a case compiles the
// scenario for the profile (once per profile), makes one single run if a
// single-run expectation or an `out` line needs it, and runs the explore
// engine (tools/explore.h) for `explore finds` and `never fails`. A case with
// nothing to check fails ("no expectation"), so a profile listed in
// `versions` is never passed silently.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lang/program.h"
#include "tools/compiler.h"
#include "tools/scenario_header.h"

namespace gostep::tools {

struct TestCase {
  const base::VersionProfile* profile = nullptr;
  Overrides overrides;
  Settings settings;  // the header's, with the overrides applied
  std::vector<const Expectation*> wants;
  std::vector<std::string> out;  // expected stdout lines
  bool has_out = false;
};

// PlanCases lists the cases of a header, base cases first (profile order),
// then each override set in order of first appearance. `only` ("" : all)
// keeps one profile ("1.19" or "go1.19").
std::vector<TestCase> PlanCases(const ScenarioHeader& h, std::string_view only = "");

// CaseLabel is "PATH go1.19" or "PATH go1.19 [gomaxprocs=1]".
std::string CaseLabel(const std::string& path, const TestCase& c);

struct RunnerConfig {
  CompileFn compile;  // Compiler() (tools/compiler.h) by default
  int jobs = 1;       // explore worker threads
  uint64_t max_steps = 50'000'000;
  double timeout_s = 120;  // per run, wall clock (a safety net)
};

struct CaseResult {
  bool ok = false;
  std::string detail;  // why not: "want fatal error: …, got exit 0"
};

// ScenarioRunner checks the cases of one scenario, compiling once per profile.
class ScenarioRunner {
 public:
  ScenarioRunner(std::string path, std::string source, RunnerConfig config);
  CaseResult Check(const TestCase& c);

 private:
  struct Compiled {
    std::unique_ptr<lang::Program> program;
    std::vector<std::string> messages;  // diagnostic messages, without positions
    std::string first_diag;             // "file:line:col: message"
  };
  const Compiled& CompileFor(const base::VersionProfile& p);
  runtime::Options SingleOptions(const TestCase& c) const;
  runtime::Options ExploreOptions(const TestCase& c) const;
  std::string CheckExplore(const TestCase& c, const lang::Program& p, const Expectation& x);

  std::string path_;
  std::string source_;
  RunnerConfig config_;
  std::map<std::string_view, Compiled> compiled_;
};

// ExploreOutcomeMatches: does a run outcome ("ok", "fatal error: …") meet the
// expectation's OUTCOME ("exit 0", "deadlock", "fatal error: …")?
bool ExploreOutcomeMatches(const std::string& want, const std::string& outcome);

}  // namespace gostep::tools
