// tools/cli_test.cc — `gostep test [PATH...]`: check scenario headers.
//
// Files and directories (searched recursively for *.go, in sorted order);
// default: traces/. One line per case — "ok   PATH go1.19" or
// "FAIL PATH go1.14: why" — then "N passed, N failed". A scenario whose
// header does not parse is one failed line with the header error. Exit 1 if
// anything failed. With --go-testdir DIR it runs Go's own test programs
// instead (tools/cli_conformance.h).
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <variant>

#include "tools/cli_commands.h"
#include "tools/cli_conformance.h"
#include "tools/scenario_runner.h"

namespace gostep::tools {
namespace {

struct TestArgs {
  std::vector<std::string> paths;
  std::string version;
  int jobs = 0;
  bool list = false;
  ConformanceArgs go;  // --go-testdir: Go's test programs (cli_conformance.h)
};

// Expand lists the .go files of the paths; a missing path is reported.
std::vector<std::string> Expand(const std::vector<std::string>& paths, int* failed) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (!fs::is_directory(p, ec)) {
      files.push_back(p);  // ReadFile reports it if unreadable
      continue;
    }
    std::vector<std::string> found;
    for (fs::recursive_directory_iterator it(p, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->is_regular_file() && it->path().extension() == ".go") found.push_back(it->path().string());
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

void TestFile(const std::string& path, const TestArgs& a, int* passed, int* failed) {
  std::string source;
  if (!ReadFile(path, &source)) {
    ++*failed;
    return;
  }
  auto parsed = ParseScenarioHeader(source, path);
  if (const auto* err = std::get_if<std::string>(&parsed)) {
    std::printf("FAIL %s\n", err->c_str());
    ++*failed;
    return;
  }
  std::vector<TestCase> cases = PlanCases(std::get<ScenarioHeader>(parsed), a.version);
  ScenarioRunner runner(path, source, RunnerConfig{.jobs = a.jobs == 0 ? HardwareJobs() : a.jobs});
  for (const TestCase& c : cases) {
    if (a.list) {
      std::printf("%s\n", CaseLabel(path, c).c_str());
      continue;
    }
    CaseResult r = runner.Check(c);
    if (r.ok) {
      std::printf("ok   %s\n", CaseLabel(path, c).c_str());
      ++*passed;
    } else {
      std::printf("FAIL %s: %s\n", CaseLabel(path, c).c_str(), r.detail.c_str());
      ++*failed;
    }
    std::fflush(stdout);
  }
}

int Test(const TestArgs& a) {
  if (!a.version.empty()) ProfileName(a.version);  // validates --go
  if (!a.go.dir.empty()) {
    ConformanceArgs c = a.go;
    c.only = a.paths;
    if (!a.version.empty()) c.version = a.version;
    return RunConformance(c);
  }
  if (a.jobs < 0) throw UsageError("--jobs: must be a positive integer");
  int passed = 0, failed = 0;
  std::vector<std::string> paths = a.paths.empty() ? std::vector<std::string>{"traces"} : a.paths;
  for (const std::string& f : Expand(paths, &failed)) TestFile(f, a, &passed, &failed);
  if (!a.list) std::printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}

}  // namespace

Command AddTestCommand(CLI::App* app) {
  auto a = std::make_shared<TestArgs>();
  CLI::App* cmd = app->add_subcommand("test", "check the expectations in scenario headers (traces/README.md)");
  cmd->add_option("paths", a->paths, "scenario files or directories (default: traces)");
  cmd->add_option("--go", a->version, "check only this profile");
  cmd->add_option("--jobs", a->jobs, "explore worker threads (default: the hardware threads)");
  cmd->add_flag("--list", a->list, "list the cases without running them");
  cmd->add_option("--go-testdir", a->go.dir,
                  "run the `// run` programs of Go's test/ directory (and ken/, chan/) instead; "
                  "paths then name programs in it (chan/fifo.go)");
  cmd->add_option("--timeout", a->go.timeout, "--go-testdir: wall seconds per program")->capture_default_str();
  cmd->add_option("--max-steps", a->go.max_steps, "--go-testdir: steps per program")->capture_default_str();
  cmd->add_option("--gomaxprocs", a->go.gomaxprocs, "--go-testdir: GOMAXPROCS")->capture_default_str();
  cmd->add_flag("--verbose", a->go.verbose, "--go-testdir: show the start of a failing program's output");
  return Command{cmd, [a] { return Test(*a); }};
}

}  // namespace gostep::tools
